import { normalizeRegion } from '@vitals/azure-inventory-common';
import { timestampMillis } from './durations';
import type { DrillOutcome, DrillRecord } from './types';

export const DRILL_OUTCOMES: readonly DrillOutcome[] = [
  'success',
  'partial',
  'failed',
];

/** Longest accepted drill note. */
export const DRILL_NOTES_MAX_LENGTH = 4000;

/** Longest accepted reason for correcting or withdrawing a drill. */
export const DRILL_REASON_MAX_LENGTH = 1000;

/** Shortest accepted reason: "typo" says why; "x" does not. */
export const DRILL_REASON_MIN_LENGTH = 3;

/**
 * Longest recovery time or data loss a drill may report: thirty days. A
 * drill that took longer is not a drill but an outage, and a bound keeps a
 * typo (P300D) from reaching the readiness checks.
 */
export const DRILL_DURATION_MAX_SECONDS = 30 * 86_400;

/** Whether a drill counts for readiness: a withdrawn one stays in the history only. */
export function isDrillCounted(drill: DrillRecord): boolean {
  return drill.state !== 'withdrawn';
}

/**
 * The most recent counted drill (by `performedAt`), optionally of one
 * region; null when there is none. Withdrawn drills never count.
 */
export function latestDrill(
  drills: readonly DrillRecord[],
  region?: string,
): DrillRecord | null {
  const wanted = region === undefined ? undefined : normalizeRegion(region);
  let latest: { drill: DrillRecord; at: number } | null = null;
  for (const drill of drills) {
    const at = timestampMillis(drill.performedAt);
    if (
      at === undefined ||
      !isDrillCounted(drill) ||
      (wanted !== undefined && normalizeRegion(drill.region) !== wanted)
    ) {
      continue;
    }
    if (!latest || at > latest.at) {
      latest = { drill, at };
    }
  }
  return latest?.drill ?? null;
}

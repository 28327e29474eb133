import { normalizeRegion } from '@vitals/azure-inventory-common';
import {
  isoDurationToSeconds,
  parseTimestamp,
  timestampMillis,
} from './durations';
import { getRegion, suggestRegions } from './regions';
import type { DrillInput, DrillOutcome, DrillRecord } from './types';

export const DRILL_OUTCOMES: readonly DrillOutcome[] = [
  'success',
  'partial',
  'failed',
];

/** Longest accepted drill note. */
export const DRILL_NOTES_MAX_LENGTH = 4000;

/** The most recent drill (by `performedAt`), optionally of one region; null when there is none. */
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

/** A field of a drill request that cannot be accepted. */
export interface DrillInputError {
  field: keyof DrillInput | 'body';
  message: string;
}

export type DrillInputResult =
  | { ok: true; value: DrillInput }
  | { ok: false; errors: DrillInputError[] };

/**
 * Validates the body of a drill request. The region comes back as its
 * programmatic name; every error names its field.
 */
export function validateDrillInput(body: unknown, now: Date): DrillInputResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      errors: [{ field: 'body', message: 'body must be a JSON object' }],
    };
  }
  const input = body as Record<string, unknown>;
  const errors: DrillInputError[] = [];

  const region =
    typeof input.region === 'string' ? getRegion(input.region) : undefined;
  if (!region) {
    const suggestions =
      typeof input.region === 'string' ? suggestRegions(input.region) : [];
    errors.push({
      field: 'region',
      message:
        typeof input.region === 'string'
          ? `region "${input.region}" is not an Azure region${
              suggestions.length > 0
                ? `; did you mean ${suggestions.join(', ')}?`
                : ''
            }`
          : 'region is required: the programmatic name of the region whose loss was rehearsed',
    });
  }

  const performedAt = parseTimestamp(input.performedAt);
  if (!performedAt) {
    errors.push({
      field: 'performedAt',
      message: `performedAt must be an ISO-8601 timestamp, got ${JSON.stringify(
        input.performedAt ?? null,
      )}`,
    });
  } else if (performedAt.toMillis() > now.getTime()) {
    errors.push({
      field: 'performedAt',
      message: `performedAt ${input.performedAt} is in the future`,
    });
  }

  if (!(DRILL_OUTCOMES as readonly unknown[]).includes(input.outcome)) {
    errors.push({
      field: 'outcome',
      message: `outcome must be one of ${DRILL_OUTCOMES.join(
        ', ',
      )}, got ${JSON.stringify(input.outcome ?? null)}`,
    });
  }

  for (const field of ['rtoAchieved', 'rpoAchieved'] as const) {
    const value = input[field];
    if (
      value !== undefined &&
      (typeof value !== 'string' ||
        isoDurationToSeconds(value, { allowZero: true }) === undefined)
    ) {
      errors.push({
        field,
        message: `${field} must be an ISO-8601 duration such as PT12M, got ${JSON.stringify(
          value,
        )}`,
      });
    }
  }

  if (
    input.notes !== undefined &&
    (typeof input.notes !== 'string' ||
      input.notes.length > DRILL_NOTES_MAX_LENGTH)
  ) {
    errors.push({
      field: 'notes',
      message: `notes must be text of at most ${DRILL_NOTES_MAX_LENGTH} characters`,
    });
  }

  if (errors.length > 0 || !region) {
    return { ok: false, errors };
  }
  const value: DrillInput = {
    region: region.name,
    performedAt: input.performedAt as string,
    outcome: input.outcome as DrillOutcome,
  };
  if (typeof input.rtoAchieved === 'string') {
    value.rtoAchieved = input.rtoAchieved.toUpperCase();
  }
  if (typeof input.rpoAchieved === 'string') {
    value.rpoAchieved = input.rpoAchieved.toUpperCase();
  }
  if (typeof input.notes === 'string') {
    value.notes = input.notes;
  }
  return { ok: true, value };
}

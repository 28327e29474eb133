/**
 * Durations as OpenSLO, Sloth, Pyrra and Prometheus write them.
 *
 * OpenSLO units: m (minute), h, d, w, M (month), Q (quarter), Y (year).
 * Prometheus units: ms, s, m, h, d, w, y, and compounds such as `1h30m`.
 * Rolling windows measured in months, quarters or years use fixed lengths
 * (30, 90 and 365 days); calendar windows use real calendar periods.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
  M: 30 * DAY,
  Q: 90 * DAY,
  y: 365 * DAY,
  Y: 365 * DAY,
};

/** A parsed duration: its length in milliseconds and, for calendar use, its unit. */
export interface ParsedDuration {
  ms: number;
  /** The single unit and count when the text had one (`1M` → { count: 1, unit: 'M' }). */
  count?: number;
  unit?: string;
  text: string;
}

/**
 * Parses `30d`, `4w`, `1M`, `2h`, `1h30m`, `500ms`. Returns undefined for
 * anything else (negative, zero, unknown unit, empty).
 */
export function parseDuration(text: unknown): ParsedDuration | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const trimmed = text.trim();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|M|Q|y|Y)/g;
  let total = 0;
  let consumed = 0;
  let parts = 0;
  let count: number | undefined;
  let unit: string | undefined;
  for (let match = re.exec(trimmed); match; match = re.exec(trimmed)) {
    if (match.index !== consumed) {
      return undefined;
    }
    consumed += match[0].length;
    parts += 1;
    count = Number(match[1]);
    unit = match[2];
    total += count * UNIT_MS[unit];
  }
  if (consumed !== trimmed.length || parts === 0 || !(total > 0)) {
    return undefined;
  }
  return parts === 1
    ? { ms: total, count, unit, text: trimmed }
    : { ms: total, text: trimmed };
}

/** Formats milliseconds the way Prometheus reads them: `5m`, `1h`, `3d`, `90s`. */
export function formatPromDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['w', WEEK],
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0 && ms >= size) {
      return `${ms / size}${unit}`;
    }
  }
  return `${Math.max(1, Math.round(ms))}ms`;
}

/** Human text for a window length: `30 days`, `1 hour`, `5 minutes`. */
export function formatHumanDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['week', WEEK],
    ['day', DAY],
    ['hour', HOUR],
    ['minute', MINUTE],
    ['second', SECOND],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      if (unit === 'week' && n < 2) {
        continue;
      }
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / SECOND)} seconds`;
}

import { DateTime, Duration } from 'luxon';

/**
 * Seconds in an ISO-8601 duration (`PT15M` → 900), or undefined when the
 * value is not a positive ISO-8601 duration (zero too with `allowZero`, for
 * measured values such as an RPO of `PT0S`). Months and years use Luxon's
 * casual conversion (30-day months), which is fine for recovery objectives.
 */
export function isoDurationToSeconds(
  value: string | undefined | null,
  options: { allowZero?: boolean } = {},
): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const seconds = durationSeconds(value);
  if (seconds === undefined) {
    return undefined;
  }
  const allowed = options.allowZero ? seconds >= 0 : seconds > 0;
  return allowed ? seconds : undefined;
}

/**
 * Evaluations read the same few objectives (PT15M, PT1H...) thousands of
 * times per estate, and Luxon's parser is slow enough to show, so parsed
 * values are remembered. Bounded: durations come from annotations and drills.
 */
const DURATION_CACHE_LIMIT = 4096;
const durationCache = new Map<string, number | null>();

function durationSeconds(value: string): number | undefined {
  const key = value.trim().toUpperCase();
  let seconds = durationCache.get(key);
  if (seconds === undefined) {
    seconds = null;
    if (key.startsWith('P')) {
      const duration = Duration.fromISO(key);
      const parsed = duration.isValid ? duration.as('seconds') : NaN;
      seconds = Number.isFinite(parsed) ? parsed : null;
    }
    if (durationCache.size >= DURATION_CACHE_LIMIT) {
      durationCache.clear();
    }
    durationCache.set(key, seconds);
  }
  return seconds ?? undefined;
}

/** An ISO-8601 duration for a number of seconds, largest units first: 3660 → `PT1H1M`, 0 → `PT0S`. */
export function formatIsoDuration(totalSeconds: number): string {
  const whole = Math.max(0, Math.round(totalSeconds));
  const days = Math.floor(whole / 86400);
  const hours = Math.floor((whole % 86400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const date = days > 0 ? `${days}D` : '';
  const time = [
    hours > 0 ? `${hours}H` : '',
    minutes > 0 ? `${minutes}M` : '',
    seconds > 0 ? `${seconds}S` : '',
  ].join('');
  if (!date && !time) {
    return 'PT0S';
  }
  return `P${date}${time ? `T${time}` : ''}`;
}

/** A complete ISO-8601 UTC or offset timestamp, which `Date.parse` reads exactly. */
const OFFSET_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of a year as `Date.UTC` reads it: years 0–99 are 1900–1999. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) {
    return DAYS_IN_MONTH[month - 1];
  }
  const y = year < 100 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

const fieldValue = (part: string | undefined) =>
  part === undefined ? 0 : Number(part);

/** Epoch ms of an offset timestamp whose fields are all in range (Date.parse rolls Feb 30 over). */
function offsetTimestampMillis(text: string): number | undefined {
  const m = OFFSET_TIMESTAMP.exec(text);
  if (!m) {
    return undefined;
  }
  const month = fieldValue(m[2]);
  const day = fieldValue(m[3]);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(fieldValue(m[1]), month) ||
    fieldValue(m[4]) > 23 ||
    fieldValue(m[5]) > 59 ||
    fieldValue(m[6]) > 59 ||
    fieldValue(m[7]) > 23 ||
    fieldValue(m[8]) > 59
  ) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Epoch ms of an ISO-8601 timestamp (UTC when it has no offset); undefined when missing or malformed. */
export function timestampMillis(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  // The common shape (Azure and drill timestamps) skips Luxon's slower
  // parser; anything else, such as a timestamp without an offset, goes
  // through it.
  const ms = offsetTimestampMillis(text);
  if (ms !== undefined) {
    return ms;
  }
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Parses an ISO-8601 timestamp; undefined when it is missing or malformed. */
export function parseTimestamp(value: unknown): DateTime | undefined {
  const ms = timestampMillis(value);
  return ms === undefined
    ? undefined
    : DateTime.fromMillis(ms, { zone: 'utc' });
}

/** Seconds from `earlier` to `now` (negative when `earlier` lies in the future). */
export function secondsBetween(earlier: DateTime, now: Date): number {
  return (now.getTime() - earlier.toMillis()) / 1000;
}

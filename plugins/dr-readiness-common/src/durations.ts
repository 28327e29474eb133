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
  if (typeof value !== 'string' || !/^P/i.test(value.trim())) {
    return undefined;
  }
  const duration = Duration.fromISO(value.trim().toUpperCase());
  if (!duration.isValid) {
    return undefined;
  }
  const seconds = duration.as('seconds');
  const allowed = options.allowZero ? seconds >= 0 : seconds > 0;
  return Number.isFinite(seconds) && allowed ? seconds : undefined;
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

/** Parses an ISO-8601 timestamp; undefined when it is missing or malformed. */
export function parseTimestamp(value: unknown): DateTime | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const parsed = DateTime.fromISO(value.trim(), { zone: 'utc' });
  return parsed.isValid ? parsed : undefined;
}

/** Seconds from `earlier` to `now` (negative when `earlier` lies in the future). */
export function secondsBetween(earlier: DateTime, now: Date): number {
  return DateTime.fromJSDate(now, { zone: 'utc' }).diff(earlier, 'seconds')
    .seconds;
}

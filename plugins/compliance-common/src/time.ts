import { DateTime } from 'luxon';

/** The instants this package accepts: a `Date` or an ISO-8601 string. */
export type Instant = Date | string;

let lastInput: Instant | undefined;
let lastDateTime: DateTime | undefined;

/**
 * An instant as a UTC DateTime. An estate evaluation converts the same `now`
 * once per entity; the last conversion is remembered (DateTimes are
 * immutable, so sharing one is safe).
 */
export function toDateTime(value: Instant): DateTime {
  if (
    lastDateTime &&
    (value === lastInput ||
      (value instanceof Date &&
        lastInput instanceof Date &&
        value.getTime() === lastInput.getTime()))
  ) {
    return lastDateTime;
  }
  const converted =
    typeof value === 'string'
      ? DateTime.fromISO(value, { zone: 'utc' })
      : DateTime.fromJSDate(value, { zone: 'utc' });
  lastInput = value instanceof Date ? new Date(value.getTime()) : value;
  lastDateTime = converted;
  return converted;
}

export function toIsoString(value: DateTime): string {
  return value.toUTC().toISO() ?? '';
}

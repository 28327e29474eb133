import { DateTime } from 'luxon';

/** The instants this package accepts: a `Date` or an ISO-8601 string. */
export type Instant = Date | string;

export function toDateTime(value: Instant): DateTime {
  return typeof value === 'string'
    ? DateTime.fromISO(value, { zone: 'utc' })
    : DateTime.fromJSDate(value, { zone: 'utc' });
}

export function toIsoString(value: DateTime): string {
  return value.toUTC().toISO() ?? '';
}

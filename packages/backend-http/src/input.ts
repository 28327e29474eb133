import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ZodError, ZodType } from 'zod';

const DAY_MS = 86_400_000;

/** Earliest instant any Vitals route accepts: nothing Vitals keeps is older. */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
/** How far ahead a date may lie unless a field says otherwise: one year and a day. */
export const LATEST_AHEAD_MS = 366 * DAY_MS;

/** One part (kind, namespace, name) of a catalog entity ref. */
const PATH_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/** Longest entity ref the catalog stores (`kind:namespace/name`, each part at most 63 + 253 characters). */
export const MAX_ENTITY_REF_LENGTH = 255;

/**
 * C0 and C1 control characters, and the invisible formatting characters that
 * make two strings look alike while comparing unequal: zero-width spaces and
 * joiners, the byte-order mark, bidirectional overrides and isolates.
 */
// Matching control characters is the point of these two patterns.
/* eslint-disable no-control-regex */
const FORBIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;
const FORBIDDEN_MULTILINE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;
/* eslint-enable no-control-regex */

const codePoint = (c: string) =>
  `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface TextOptions {
  /** Longest accepted value, in characters; fits the column it is stored in. */
  max: number;
  /** Shortest accepted value after trimming (default 1 when required). */
  min?: number;
  /** Line breaks and tabs are meaningful (reasons, notes); other controls never are. */
  multiline?: boolean;
}

/**
 * A text field: a string, NFC-normalised and trimmed, within its length, with
 * no control or invisible formatting character. Returns undefined when absent
 * (undefined, null or empty) and the field is optional.
 */
export function readText(
  value: unknown,
  field: string,
  options: TextOptions & { required: true },
): string;
export function readText(
  value: unknown,
  field: string,
  options: TextOptions & { required?: false },
): string | undefined;
export function readText(
  value: unknown,
  field: string,
  options: TextOptions & { required?: boolean },
): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (options.required) throw new InputError(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(
      `${field} must be text, got ${
        Array.isArray(value) ? 'a list' : typeof value
      }`,
    );
  }
  if (value.length > options.max * 4) {
    throw new InputError(
      `${field} must be at most ${options.max} characters, got ${value.length}`,
    );
  }
  const normalized = value.normalize('NFC');
  // Checked before trimming: trim() would silently drop a byte-order mark.
  const bad = (options.multiline ? FORBIDDEN_MULTILINE : FORBIDDEN).exec(
    normalized.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''),
  );
  const text = normalized.trim();
  if (bad) {
    throw new InputError(
      `${field} must not contain control or invisible formatting characters (${codePoint(
        bad[0],
      )} at position ${bad.index + 1})`,
    );
  }
  const length = [...text].length;
  if (length > options.max) {
    throw new InputError(
      `${field} must be at most ${options.max} characters, got ${length}`,
    );
  }
  const min = options.min ?? (options.required ? 1 : 0);
  if (length < min) {
    if (length === 0 && options.required) {
      throw new InputError(`${field} is required`);
    }
    throw new InputError(`${field} must be at least ${min} characters`);
  }
  return text === '' ? undefined : text;
}

/** Longest link a record keeps (the column it is stored in). */
export const MAX_URL_LENGTH = 2048;

/**
 * An http(s) link. Credentials in a link would be served to every reader of
 * the record, so a link carrying a user name or password is refused.
 */
export function readHttpUrl(
  value: unknown,
  field: string,
  options: { required: boolean },
): string | undefined {
  const text = options.required
    ? readText(value, field, { max: MAX_URL_LENGTH, required: true })
    : readText(value, field, { max: MAX_URL_LENGTH });
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`${field} must be an http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${field} must be an http(s) URL`);
  }
  if (url.username || url.password) {
    throw new InputError(`${field} must not carry a user name or password`);
  }
  return text;
}

/** A query parameter given at most once; a repeated one is refused by name. */
export function readQueryParam(
  query: Record<string, unknown>,
  field: string,
  options: TextOptions = { max: 255 },
): string | undefined {
  const value = query[field];
  if (Array.isArray(value)) {
    throw new InputError(`${field} must be given once`);
  }
  if (value !== undefined && typeof value !== 'string') {
    throw new InputError(`${field} must be a single value`);
  }
  return readText(value, field, options);
}

export interface InstantOptions {
  /** Earliest accepted instant (default 2000-01-01). */
  min?: number;
  /** Latest accepted instant (default `now` + 366 days). */
  max?: number;
  /** The clock the default upper bound is taken from. */
  now: number;
  /** What a date without a time means: its first or its last millisecond (UTC). */
  dateOnly?: 'start' | 'end';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const EPOCH_MS = /^\d{1,20}$/;

function utc(
  field: string,
  raw: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const ms =
    new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000;
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    throw new InputError(
      `${field} is not a real calendar date or time: ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

/**
 * The one date parser of the Vitals routes. Accepts an ISO-8601 calendar date
 * (`2026-05-01`), a date and time (`2026-05-01T12:00:00Z`, with an offset, or
 * without one meaning UTC) or epoch milliseconds, and nothing else: week dates,
 * ordinal dates and expanded years are refused, so validation and storage can
 * never read the same text differently. Every instant is bounded (default:
 * 2000-01-01 to a year ahead).
 */
export function readInstant(
  value: unknown,
  field: string,
  options: InstantOptions,
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InputError(`${field} must be a single date or time`);
  }
  // Not trimmed: a padded value is refused like any other malformed one.
  const raw = String(value);
  if (raw.length > 40) {
    throw new InputError(
      `${field} must be an ISO-8601 date or time of at most 40 characters`,
    );
  }
  let ms: number;
  const date = DATE.exec(raw);
  const dateTime = DATE_TIME.exec(raw);
  if (typeof value === 'number' || EPOCH_MS.test(raw)) {
    ms = Number(raw);
    if (!Number.isSafeInteger(ms)) ms = Number.MAX_SAFE_INTEGER;
  } else if (date) {
    const [, y, mo, d] = date.map(Number);
    ms = utc(field, raw, y, mo, d);
    if (options.dateOnly === 'end') {
      // Today's date as an end means "up to now", not the end of today.
      const latest = options.max ?? options.now + LATEST_AHEAD_MS;
      ms = Math.max(ms, Math.min(ms + DAY_MS - 1, latest));
    }
  } else if (dateTime) {
    const [, y, mo, d, h, mi, s, fraction, zone] = dateTime;
    ms = utc(field, raw, +y, +mo, +d, +h, +mi, s ? +s : 0);
    if (fraction) ms += Math.floor(Number(`0.${fraction}`) * 1000);
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
      if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) {
        throw new InputError(`${field} has an invalid UTC offset ${zone}`);
      }
      ms -= sign * offset * 60_000;
    }
  } else {
    throw new InputError(
      `${field} must be an ISO-8601 date (2026-05-01), date and time (2026-05-01T12:00:00Z) or epoch milliseconds, got ${JSON.stringify(
        raw.slice(0, 40),
      )}`,
    );
  }
  const min = options.min ?? EARLIEST_INSTANT;
  const max = options.max ?? options.now + LATEST_AHEAD_MS;
  if (ms < min || ms > max) {
    throw new InputError(
      `${field} must lie between ${isoDay(min)} and ${isoDay(
        max,
      )}, got ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

export interface TimeRangeOptions {
  now: number;
  /** The span used when `from` is absent. */
  defaultSpanMs: number;
  /** The longest span a request may ask for (e.g. the retention period). */
  maxSpanMs: number;
  /** Earliest instant `from` may take (default 2000-01-01). */
  min?: number;
  /** Latest instant `to` may take (default `now`). */
  max?: number;
}

/**
 * `from`/`to` of a history query, both bounded: `to` defaults to now, `from`
 * to `to` minus the default span; `from` must precede `to` and the span must
 * not exceed `maxSpanMs`, so no request can make the server walk an
 * unbounded history.
 */
export function readTimeRange(
  query: Record<string, unknown>,
  options: TimeRangeOptions,
): { from: number; to: number } {
  const max = options.max ?? options.now;
  for (const field of ['from', 'to']) {
    if (Array.isArray(query[field])) {
      throw new InputError(`${field} must be given once`);
    }
  }
  const to =
    readInstant(query.to, 'to', {
      now: options.now,
      min: options.min,
      max: Math.max(max, options.now),
      dateOnly: 'end',
    }) ?? options.now;
  const from =
    readInstant(query.from, 'from', {
      now: options.now,
      min: options.min,
      max: Math.max(max, options.now),
      dateOnly: 'start',
    }) ?? Math.max(options.min ?? EARLIEST_INSTANT, to - options.defaultSpanMs);
  if (from >= to) {
    throw new InputError('from must be before to');
  }
  if (to - from > options.maxSpanMs) {
    throw new InputError(
      `from: a range may span at most ${Math.round(
        options.maxSpanMs / DAY_MS,
      )} days, got ${Math.ceil((to - from) / DAY_MS)}`,
    );
  }
  return { from, to };
}

/** An integer field within bounds; text digits are accepted for query parameters. */
export function readInteger(
  value: unknown,
  field: string,
  options: { min: number; max: number },
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) {
    n = Number(value.trim());
  }
  if (!Number.isSafeInteger(n)) {
    throw new InputError(`${field} must be a whole number`);
  }
  if (n < options.min || n > options.max) {
    throw new InputError(
      `${field} must be between ${options.min} and ${options.max}, got ${n}`,
    );
  }
  return n;
}

/**
 * A catalog entity ref from a field, in its canonical lower-case form
 * (`kind:namespace/name`); a bare name takes `defaultKind` and the default
 * namespace. Control and invisible characters are refused before parsing, so
 * `user:default/guest\u200b` never passes for `user:default/guest`.
 */
export function readEntityRef(
  value: unknown,
  field: string,
  options: { defaultKind?: string; required: true },
): string;
export function readEntityRef(
  value: unknown,
  field: string,
  options?: { defaultKind?: string; required?: false },
): string | undefined;
export function readEntityRef(
  value: unknown,
  field: string,
  options: { defaultKind?: string; required?: boolean } = {},
): string | undefined {
  const text = options.required
    ? readText(value, field, { max: MAX_ENTITY_REF_LENGTH, required: true })
    : readText(value, field, { max: MAX_ENTITY_REF_LENGTH });
  if (text === undefined) return undefined;
  try {
    const ref = parseEntityRef(text.normalize('NFKC'), {
      defaultKind: options.defaultKind,
      defaultNamespace: 'default',
    });
    if (![ref.kind, ref.namespace, ref.name].every(p => PATH_PART.test(p))) {
      throw new Error('not a catalog entity ref');
    }
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `${field} must be an entity ref such as ${
        options.defaultKind ?? 'kind'
      }:default/name, got ${JSON.stringify(text)}`,
    );
  }
}

/** The lower-case entity ref of an `/entities/:namespace/:kind/:name` path. */
export function entityRefFromPath(params: Record<string, string>): string {
  for (const key of ['namespace', 'kind', 'name']) {
    if (!PATH_PART.test(params[key] ?? '')) {
      throw new InputError(
        `${key} ${JSON.stringify(
          String(params[key] ?? '').slice(0, 80),
        )} is not a valid entity ${key}`,
      );
    }
  }
  return stringifyEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  }).toLocaleLowerCase('en-US');
}

/**
 * Whether two entity refs name the same actor once Unicode compatibility
 * forms, case and invisible characters are set aside: the test that keeps a
 * requester from approving their own request under a look-alike name.
 */
export function sameActor(a: string, b: string): boolean {
  const canonical = (ref: string) =>
    ref
      .normalize('NFKC')
      .replace(new RegExp(FORBIDDEN.source, 'gu'), '')
      .trim()
      .toLocaleLowerCase('en-US');
  return canonical(a) === canonical(b);
}

/** The first issue of a zod error, as "field: message". */
export function zodIssueMessage(error: ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'the request is invalid';
  const path = issue.path.map(String).join('.') || 'body';
  return `${path}: ${issue.message}`;
}

/** Parses with a zod schema, answering a 400 that names the first bad field. */
export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(zodIssueMessage(result.error));
  }
  return result.data;
}

/**
 * Building blocks of the bad-input corpus tests: values a hostile or careless
 * client sends for each kind of field, and the check every error answer must
 * pass (the right status, the field named, no SQL, path or stack quoted).
 */

/** Values for a date or time field that must be refused. */
export const HOSTILE_DATES: readonly unknown[] = [
  'garbage',
  '2027-W10-1',
  '2027-060',
  '+020000-01-01T00:00:00Z',
  '-060000-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
  '0001-01-01',
  '2026-02-30',
  '2026-13-01',
  '2026-01-01T25:00:00Z',
  '99999999999999999',
  '-1',
  '1e12',
  'NaN',
  'Infinity',
  '2026-01-01T00:00:00+99:00',
  '2026-01-01\u0000',
  `${' '.repeat(50)}2026-01-01`,
  '9999-12-31',
  true,
  [],
  { $gt: '' },
];

/** Values for a text field that must be refused whatever the field. */
export function hostileTexts(maxLength: number): unknown[] {
  return [
    'x'.repeat(maxLength + 1),
    'é'.repeat(maxLength + 1),
    'a\u0000b',
    'a\u0007b',
    'a\u001bb',
    'safe\u202Etxt.exe',
    'guest\u200b',
    '\ufeffguest',
    'a\u2066b\u2069',
    12345,
    false,
    ['a', 'b'],
    { text: 'a' },
  ];
}

/** Values for an entity-ref field that must be refused. */
export const HOSTILE_REFS: readonly unknown[] = [
  'user:default/guest\u200b',
  'user:default/gu\u0000est',
  'user:default/\u202Etseug',
  `user:default/${'x'.repeat(300)}`,
  ':/',
  'a:b:c/d/e',
  42,
  ['user:default/guest'],
];

/** Values for a whole-number field that must be refused. */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  -1,
  1.5,
  'NaN',
  '1e9',
  Number.MAX_SAFE_INTEGER,
  '99999999999999999999',
  true,
  [],
  {},
];

/**
 * Query-string forms of hostile values: each is sent as `?field=<value>`.
 * Only strings and numbers have one; a number or boolean in a query string is
 * plain text (`owner=42` is a well-formed, unknown owner), so a corpus must
 * not expect it refused there. Lists are sent by repeating the parameter.
 */
export function asQueryValues(values: readonly unknown[]): string[] {
  return values
    .filter(v => typeof v === 'string' || typeof v === 'number')
    .map(v => String(v));
}

const enc = encodeURIComponent;

/**
 * How a value travels in a query string: text as itself; a list as the
 * parameter repeated, or with brackets when it has fewer than two items (a
 * parameter given once is no list); an object as bracketed keys.
 */
export function queryPart(field: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.length < 2
      ? `${field}[]=${enc(String(value[0] ?? ''))}`
      : value.map(v => `${field}=${enc(String(v))}`).join('&');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? `${field}[_]=`
      : entries
          .map(([k, v]) => `${field}[${enc(k)}]=${enc(String(v))}`)
          .join('&');
  }
  return `${field}=${enc(String(value))}`;
}

const LEAKS: Array<[RegExp, string]> = [
  // Statement structure, not bare verbs: remediation texts say "update" and "from".
  [
    /\b(select\s+(\*|count\(|["`][\w.]+["`])[\s\S]{0,400}?\bfrom\s+["`]?\w|insert\s+into\s+["`]?[\w.]+["`]?\s*\(|update\s+["`][\w.]+["`]\s+set\s|delete\s+from\s+["`]?\w)/i,
    'an SQL statement',
  ],
  [
    /sqlite|knex|pg_|postgres|SQLSTATE|relation "|violates .* constraint/i,
    'a database error',
  ],
  [/\n\s+at .+\(.+:\d+:\d+\)/, 'a stack trace'],
  // The same inside a JSON string, where the line break is escaped.
  [/\\n\s+at .+:\d+:\d+/, 'a stack trace'],
  [
    /\bfile:\/{0,3}(home|root|tmp|work|usr|var|opt|etc|srv|mnt)\//,
    'a file URL',
  ],
  [
    /(^|[\s"'(=:])\/(home|root|tmp|work|usr|var|opt|etc|srv|mnt)\//,
    'an absolute path',
  ],
  [/[A-Za-z]:\\\\/, 'a Windows path'],
  [/node_modules/, 'a module path'],
  [/https?:\/\/(127\.0\.0\.1|localhost|\[::1\])/, 'an internal URL'],
];

/**
 * What in a response body would leak the server's internals, or undefined.
 * With `inData`, names that real data may carry (an Azure PostgreSQL server,
 * a rule's remediation mentioning knex) are not taken for a database error:
 * for successful answers, where only paths, URLs, stacks and statements count.
 */
export function findLeak(
  body: string,
  options: { inData?: boolean } = {},
): string | undefined {
  for (const [pattern, what] of LEAKS) {
    if (options.inData && what === 'a database error') continue;
    if (pattern.test(body)) return what;
  }
  return undefined;
}

export interface RefusalExpectation {
  /** The statuses accepted for this request (usually [400]). */
  status: readonly number[];
  /** A field the error message must name, when the request had one bad field. */
  field?: string;
}

/**
 * Checks one error answer: the status is one of the expected ones, the body
 * is Backstage's error shape naming the field, and it quotes no SQL, path,
 * stack or internal URL. Returns a description of what is wrong, or undefined.
 */
export function checkRefusal(
  response: { status: number; text: string; body: any },
  expected: RefusalExpectation,
): string | undefined {
  if (!expected.status.includes(response.status)) {
    return `status ${response.status}, expected ${expected.status.join(
      ' or ',
    )}: ${response.text.slice(0, 300)}`;
  }
  const leak = findLeak(response.text);
  if (leak) return `the body quotes ${leak}: ${response.text.slice(0, 300)}`;
  const message = response.body?.error?.message;
  if (typeof message !== 'string' || message.length === 0) {
    return `the body has no error.message: ${response.text.slice(0, 300)}`;
  }
  if (expected.field && !message.includes(expected.field)) {
    return `the message does not name ${expected.field}: ${message}`;
  }
  return undefined;
}

/**
 * What one corpus request must get: a refusal as described, or success
 * (`'accepted'`: a value a query string cannot tell from an ordinary name).
 */
export type CorpusExpectation = RefusalExpectation | 'accepted';

/** Numbers and booleans: plain text once in a query string. */
export const isScalar = (value: unknown): boolean =>
  typeof value === 'number' || typeof value === 'boolean';

/** A value as a readable, single-line case label, invisible characters spelled out. */
export function showValue(value: unknown): string {
  return (
    value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value)
  )
    .replace(
      /[^\x20-\x7e]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .slice(0, 60);
}

/**
 * Checks one corpus answer against its expectation: `'accepted'` must answer
 * one of `acceptedStatuses` (200 by default), a refusal must pass
 * {@link checkRefusal}. Returns what is wrong, or undefined.
 */
export function checkAnswer(
  response: { status: number; text: string; body: any },
  expected: CorpusExpectation,
  acceptedStatuses: readonly number[] = [200],
): string | undefined {
  if (expected === 'accepted') {
    return acceptedStatuses.includes(response.status)
      ? undefined
      : `status ${response.status}, expected ${acceptedStatuses.join(
          ' or ',
        )}: ${response.text.slice(0, 200)}`;
  }
  return checkRefusal(response, expected);
}

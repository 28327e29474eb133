import {
  DEFAULT_RETRY_SETTINGS,
  RetrySettings,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
} from './retryPolicy';

const NOW = Date.parse('2025-03-10T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['delta seconds', { 'retry-after': '17' }, 17_000],
    ['zero seconds', { 'retry-after': '0' }, 0],
    ['fractional seconds', { 'retry-after': '1.5' }, 1_500],
    ['padded seconds', { 'retry-after': ' 3 ' }, 3_000],
    [
      'an HTTP date 42 s ahead',
      { 'retry-after': 'Mon, 10 Mar 2025 12:00:42 GMT' },
      42_000,
    ],
    [
      'an HTTP date in the past',
      { 'retry-after': 'Mon, 10 Mar 2025 11:59:00 GMT' },
      0,
    ],
    [
      'retry-after-ms first',
      { 'retry-after-ms': '250', 'retry-after': '9' },
      250,
    ],
    ['x-ms-retry-after-ms', { 'x-ms-retry-after-ms': '1200' }, 1_200],
    [
      'an unparseable millisecond header falls through to Retry-After',
      { 'retry-after-ms': 'soon', 'retry-after': '2' },
      2_000,
    ],
  ])('reads %s', (_name, headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });

  it.each([
    ['no headers', {}],
    ['null headers', { 'retry-after': null }],
    ['garbage', { 'retry-after': 'later please' }],
    ['a negative number', { 'retry-after': '-5' }],
  ])('gives undefined for %s', (_name, headers) => {
    expect(parseRetryAfter(headers, NOW)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [505, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
  ])('%i → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const settings: RetrySettings = {
    maxRetries: 3,
    baseDelayMs: 100,
    maxDelayMs: 350,
    maxRetryAfterMs: 10_000,
  };

  it.each([
    // attempt, status, retryAfterMs, jitter → expected
    ['first backoff, no jitter', 1, 500, undefined, 0, 50],
    ['first backoff, full jitter', 1, 500, undefined, 0.999999, 100],
    ['second backoff doubles', 2, 503, undefined, 0.5, 150],
    ['third backoff capped at maxDelay', 3, 500, undefined, 1 - 1e-9, 350],
    ['network error backs off too', 2, undefined, undefined, 0, 100],
    ['Retry-After honoured exactly', 1, 429, 2_000, 0.7, 2_000],
    ['Retry-After of zero', 2, 429, 0, 0.3, 0],
    ['429 without Retry-After backs off', 1, 429, undefined, 0, 50],
  ])('%s', (_name, attempt, status, retryAfterMs, jitter, expected) => {
    expect(
      retryDelayMs({ attempt, status, retryAfterMs, jitter }, settings),
    ).toBe(expected);
  });

  it.each([
    ['attempts spent', 4, 500, undefined],
    ['a final status', 1, 403, undefined],
    ['501 Not Implemented', 1, 501, undefined],
    ['a Retry-After beyond the ceiling', 1, 429, 10_001],
  ])('gives up on %s', (_name, attempt, status, retryAfterMs) => {
    expect(
      retryDelayMs({ attempt, status, retryAfterMs, jitter: 0 }, settings),
    ).toBeUndefined();
  });

  it('allows maxRetries repeats with the defaults', () => {
    const delays = [1, 2, 3, 4, 5].map(attempt =>
      retryDelayMs({ attempt, status: 500, jitter: 0 }, DEFAULT_RETRY_SETTINGS),
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, undefined]);
  });
});

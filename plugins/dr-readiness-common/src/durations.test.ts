import {
  formatIsoDuration,
  isoDurationToSeconds,
  parseTimestamp,
  secondsBetween,
} from './durations';

describe('isoDurationToSeconds', () => {
  it.each([
    ['PT15M', 900],
    ['PT5M', 300],
    ['PT1H', 3600],
    ['PT4H', 14400],
    ['PT1H30M', 5400],
    ['P1D', 86400],
    ['PT0.5H', 1800],
    ['pt15m', 900],
    [' PT90S ', 90],
  ])('%j → %d', (value, seconds) => {
    expect(isoDurationToSeconds(value)).toBe(seconds);
  });

  it.each([
    ['15m'],
    ['15 minutes'],
    ['PT'],
    ['P'],
    ['PT0S'],
    ['-PT5M'],
    [''],
    [undefined],
    [null],
  ])('rejects %j', value => {
    expect(isoDurationToSeconds(value)).toBeUndefined();
  });

  it('accepts zero when asked', () => {
    expect(isoDurationToSeconds('PT0S', { allowZero: true })).toBe(0);
    expect(isoDurationToSeconds('-PT1S', { allowZero: true })).toBeUndefined();
  });
});

describe('formatIsoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [59.6, 'PT1M'],
    [90, 'PT1M30S'],
    [900, 'PT15M'],
    [3660, 'PT1H1M'],
    [3900, 'PT1H5M'],
    [86400, 'P1D'],
    [90061, 'P1DT1H1M1S'],
    [-5, 'PT0S'],
  ])('%d s → %s', (seconds, iso) => {
    expect(formatIsoDuration(seconds)).toBe(iso);
  });

  it('round-trips through isoDurationToSeconds', () => {
    for (const seconds of [1, 61, 3599, 7322, 172800]) {
      expect(isoDurationToSeconds(formatIsoDuration(seconds))).toBe(seconds);
    }
  });
});

describe('parseTimestamp and secondsBetween', () => {
  const now = new Date('2025-06-02T12:00:00Z');

  it.each([
    ['2025-06-02T11:58:30Z', 90],
    ['2025-06-02T11:58:30.0000000Z', 90],
    ['2025-06-02T13:58:30+02:00', 90],
    ['2025-06-01T12:00:00Z', 86400],
    ['2025-06-02T12:10:00Z', -600],
    ['2025-06-02T11:58:30', 90],
    ['2025-06-02T11:58:30.5-00:30', -1710.5],
    ['2024-02-29T12:00:00Z', 459 * 86400],
  ])('%s is %d s before now', (timestamp, seconds) => {
    const parsed = parseTimestamp(timestamp);
    expect(parsed).toBeDefined();
    expect(secondsBetween(parsed!, now)).toBeCloseTo(seconds, 6);
  });

  it.each([
    ['yesterday'],
    [''],
    [42],
    [null],
    [undefined],
    ['2025-13-01T00:00:00Z'],
    ['2025-02-29T00:00:00Z'],
    ['2025-04-31T10:00:00Z'],
    ['2025-06-02T12:60:00Z'],
  ])('rejects %j', value => {
    expect(parseTimestamp(value)).toBeUndefined();
  });
});

import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readConfigDuration } from './config';

const KEY = 'vitals.slo.refresh.frequency';
const read = (value: JsonValue) =>
  readConfigDuration(
    new ConfigReader({ vitals: { slo: { refresh: { frequency: value } } } }),
    KEY,
    { minutes: 5 },
  );

describe('readConfigDuration', () => {
  it('falls back when the key is absent', () => {
    expect(
      readConfigDuration(new ConfigReader({}), KEY, { minutes: 5 }),
    ).toEqual({ minutes: 5 });
  });

  it.each([
    [{ minutes: 10 }, { minutes: 10 }],
    [
      { hours: 1, minutes: 30 },
      { hours: 1, minutes: 30 },
    ],
    ['PT15M', { minutes: 15 }],
    ['P1D', { days: 1 }],
    ['2h', { hours: 2 }],
  ])('reads %j', (value, expected) => {
    expect(read(value)).toEqual(expected);
  });

  it.each([
    [
      42,
      /vitals\.slo\.refresh\.frequency must be a duration .* not a bare number/,
    ],
    ['soon', /vitals\.slo\.refresh\.frequency must be a duration/],
    [
      { mins: 5 },
      /vitals\.slo\.refresh\.frequency must be a duration .*Needs one or more of/,
    ],
    [
      'PT0S',
      /vitals\.slo\.refresh\.frequency must be a positive duration, got "PT0S"/,
    ],
    [{ minutes: -5 }, /must be a positive duration/],
  ])('refuses %j with a message naming the key', (value, message) => {
    expect(() => read(value)).toThrow(message);
  });
});

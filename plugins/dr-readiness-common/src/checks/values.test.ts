import { worstCheckStatus } from './values';

describe('worstCheckStatus', () => {
  it.each([
    [[], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'unknown'], 'unknown'],
    [['unknown', 'fail', 'pass'], 'fail'],
    [['pass', 'pass'], 'pass'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(worstCheckStatus(statuses)).toBe(expected);
  });
});

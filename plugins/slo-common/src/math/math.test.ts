import { DAY, HOUR, MINUTE, WEEK } from '../duration';
import { SloDefinition } from '../model';
import {
  bucketSeriesFromRows,
  createBucketSeries,
  WindowSums,
} from './buckets';
import { burnRateOf, errorBudgetOf, sliOf } from './budget';
import { deriveBurnRateWindows } from './burnRate';
import { calendarHistory, windowRangeAt } from './calendar';
import { counterIncrease } from './counters';
import { evaluateSloTarget, sloHistory } from './evaluate';
import { policyStateOf } from './policy';
import { pointsToBuckets } from './series';

const T0 = Date.UTC(2026, 10, 1); // 2026-11-01T00:00:00Z

function definition(overrides: Partial<SloDefinition> = {}): SloDefinition {
  return {
    name: 'availability',
    service: 'appointments',
    format: 'openslo/v1',
    indicator: {
      kind: 'ratio',
      counter: true,
      good: { query: 'g' },
      total: { query: 't' },
    },
    timeWindow: { durationMs: 30 * DAY, duration: '30d', rolling: true },
    budgetingMethod: 'Occurrences',
    objectives: [{ key: '0', target: 0.999 }],
    alerting: { page: true, ticket: true },
    labels: {},
    warnings: [],
    source: { file: 'slo.yaml', documentIndex: 0 },
    ...overrides,
  };
}

const target = (def = definition()) => ({
  definition: def,
  objective: def.objectives[0],
});

/** 30 days of 5-minute buckets ending at `now`, `perBucket` events each, with `bad(i)` of them bad. */
function steadyTraffic(
  now: number,
  perBucket: number,
  bad: (i: number, count: number) => number,
  days = 30,
) {
  const step = 5 * MINUTE;
  const count = (days * DAY) / step;
  const series = createBucketSeries(now - days * DAY, step, count);
  for (let i = 0; i < count; i++) {
    series.total[i] = perBucket;
    series.good[i] = perBucket - bad(i, count);
  }
  return series;
}

describe('error budget', () => {
  it.each([
    // good, total, target, sli, consumed, remaining
    [9995, 10000, 0.999, 0.9995, 0.5, 0.5],
    [999, 1000, 0.999, 0.999, 1, 0],
    [998, 1000, 0.999, 0.998, 2, -1],
    [1000, 1000, 0.99, 1, 0, 1],
    [95, 100, 0.9, 0.95, 0.5, 0.5],
  ])(
    'good %d of %d at target %d: SLI %d, consumed %d, remaining %d',
    (good, total, t, sli, consumed, remaining) => {
      const value = sliOf(good, total);
      expect(value.ratio).toBeCloseTo(sli, 12);
      const budget = errorBudgetOf(value, t);
      expect(budget.budget).toBeCloseTo(1 - t, 12);
      expect(budget.consumed).toBeCloseTo(consumed, 9);
      expect(budget.remaining).toBeCloseTo(remaining, 9);
    },
  );

  it('spends nothing when there was no traffic', () => {
    const value = sliOf(0, 0);
    expect(value.ratio).toBeNull();
    expect(errorBudgetOf(value, 0.999)).toEqual({
      budget: expect.closeTo(0.001, 12),
      consumed: 0,
      remaining: 1,
    });
  });

  it('clamps good counts above total (counter skew between two series)', () => {
    expect(sliOf(105, 100).ratio).toBe(1);
  });

  it.each([
    [1 - 0.0144, 0.999, 14.4],
    [1 - 0.006, 0.999, 6],
    [1 - 0.001, 0.999, 1],
    [1, 0.999, 0],
  ])('burn rate at SLI %d for target %d is %d', (sli, t, rate) => {
    expect(burnRateOf(sli * 1e6, 1e6, t)).toBeCloseTo(rate, 6);
  });

  it('has no burn rate without traffic', () => {
    expect(burnRateOf(0, 0, 0.999)).toBeNull();
  });

  it.each([
    [1, 'healthy'],
    [0.25, 'healthy'],
    [0.2499, 'warning'],
    [0.0001, 'warning'],
    [0, 'freeze'],
    [-3, 'freeze'],
  ])('remaining %d puts the policy in %s', (remaining, state) => {
    expect(policyStateOf(remaining)).toBe(state);
  });
});

describe('multi-window multi-burn-rate windows', () => {
  it('gives the SRE workbook table for a 30-day window', () => {
    expect(deriveBurnRateWindows(30 * DAY)).toEqual([
      {
        longWindowMs: HOUR,
        shortWindowMs: 5 * MINUTE,
        budgetFraction: 0.02,
        factor: expect.closeTo(14.4, 9),
        severity: 'page',
      },
      {
        longWindowMs: 6 * HOUR,
        shortWindowMs: 30 * MINUTE,
        budgetFraction: 0.05,
        factor: expect.closeTo(6, 9),
        severity: 'page',
      },
      {
        longWindowMs: DAY,
        shortWindowMs: 2 * HOUR,
        budgetFraction: 0.1,
        factor: expect.closeTo(3, 9),
        severity: 'ticket',
      },
      {
        longWindowMs: 3 * DAY,
        shortWindowMs: 6 * HOUR,
        budgetFraction: 0.1,
        factor: expect.closeTo(1, 9),
        severity: 'ticket',
      },
    ]);
  });

  it.each([
    [WEEK, [3.36, 1.4, 0.7, 0.2333]],
    [28 * DAY, [13.44, 5.6, 2.8, 0.9333]],
    [DAY, [0.48, 0.2, 0.1]],
    [HOUR, [0.02]],
    [30 * MINUTE, []],
  ])('scales factors to a window of %d ms', (window, factors) => {
    expect(
      deriveBurnRateWindows(window).map(w => Number(w.factor.toFixed(4))),
    ).toEqual(factors);
  });

  it('spends exactly the budget fraction when the long window burns at the factor', () => {
    for (const w of deriveBurnRateWindows(30 * DAY)) {
      expect((w.factor * w.longWindowMs) / (30 * DAY)).toBeCloseTo(
        w.budgetFraction,
        12,
      );
    }
  });
});

describe('counter increase', () => {
  it.each([
    [[0, 10, 20, 30], 30],
    [[100, 110, 5, 15], 10 + 5 + 10],
    [[0, 10, NaN, 30], 30],
    [[50], 0],
    [[], 0],
    [[7, 7, 7], 0],
    [[0, 10, 0, 0, 4], 10 + 0 + 0 + 4],
  ])('counts %j as %d', (values, expected) => {
    expect(counterIncrease(values)).toBe(expected);
  });
});

describe('window sums', () => {
  it('sums only buckets wholly inside the range', () => {
    const series = bucketSeriesFromRows(
      [0, 1, 2, 3].map(i => ({
        start: T0 + i * 5 * MINUTE,
        good: i,
        total: 10,
      })),
      T0,
      T0 + 20 * MINUTE,
      5 * MINUTE,
    );
    const sums = new WindowSums(series);
    expect(sums.sum(T0, T0 + 20 * MINUTE)).toEqual({
      good: 6,
      total: 40,
      bucketsWithData: 4,
    });
    expect(sums.sum(T0 + 1, T0 + 20 * MINUTE)).toEqual({
      good: 6,
      total: 30,
      bucketsWithData: 3,
    });
    expect(sums.sum(T0 - DAY, T0 + DAY)).toEqual({
      good: 6,
      total: 40,
      bucketsWithData: 4,
    });
    expect(sums.sum(T0 + 10 * MINUTE, T0 + 10 * MINUTE)).toEqual({
      good: 0,
      total: 0,
      bucketsWithData: 0,
    });
  });
});

describe('points to buckets by budgeting method', () => {
  const range = { start: T0, step: 5 * MINUTE, count: 1 };
  const minutes = [1, 2, 3, 4, 5].map(m => T0 + m * MINUTE);
  const events = {
    kind: 'events' as const,
    step: MINUTE,
    t: minutes,
    good: [100, 90, 0, 99, 50],
    total: [100, 100, 0, 100, 50],
  };

  it('Occurrences counts events, skipping silent slices', () => {
    const b = pointsToBuckets(
      events,
      'Occurrences',
      { key: '0', target: 0.95 },
      range,
    );
    expect([b.good[0], b.total[0]]).toEqual([339, 350]);
  });

  it('Timeslices counts slices reaching the slice target', () => {
    const b = pointsToBuckets(
      events,
      'Timeslices',
      { key: '0', target: 0.9, timeSliceTarget: 0.95 },
      range,
    );
    // slices with traffic: 100%, 90%, 99%, 100% → good: 3 of 4
    expect([b.good[0], b.total[0]]).toEqual([3, 4]);
  });

  it('RatioTimeslices averages slice ratios', () => {
    const b = pointsToBuckets(
      events,
      'RatioTimeslices',
      { key: '0', target: 0.9 },
      range,
    );
    expect(b.total[0]).toBe(4);
    expect(b.good[0]).toBeCloseTo(1 + 0.9 + 0.99 + 1, 12);
  });

  it('judges threshold readings with op and value, each reading one occurrence', () => {
    const values = {
      kind: 'values' as const,
      step: MINUTE,
      t: minutes,
      value: [120, 480, 510, NaN, 500],
    };
    const lt = pointsToBuckets(
      values,
      'Occurrences',
      { key: '0', target: 0.99, op: 'lt', value: 500 },
      range,
    );
    expect([lt.good[0], lt.total[0]]).toEqual([2, 4]);
    const lte = pointsToBuckets(
      values,
      'Timeslices',
      { key: '0', target: 0.99, op: 'lte', value: 500 },
      range,
    );
    expect([lte.good[0], lte.total[0]]).toEqual([3, 4]);
    const noThreshold = pointsToBuckets(
      values,
      'Occurrences',
      { key: '0', target: 0.99 },
      range,
    );
    expect(noThreshold.total[0]).toBe(0);
  });

  it('drops points outside the range', () => {
    const b = pointsToBuckets(
      { ...events, t: minutes.map(t => t + HOUR) },
      'Occurrences',
      { key: '0', target: 0.9 },
      range,
    );
    expect(b.total[0]).toBe(0);
  });
});

describe('evaluating an SLO', () => {
  const now = T0 + 30 * DAY;

  it('reads a healthy service', () => {
    const buckets = steadyTraffic(now, 1000, () => 0.5); // 0.05% errors
    const result = evaluateSloTarget(target(), buckets, now);
    expect(result.sli.ratio).toBeCloseTo(0.9995, 9);
    expect(result.errorBudget.remaining).toBeCloseTo(0.5, 9);
    expect(result.policyState).toBe('healthy');
    expect(result.burnRates.map(b => b.firing)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(result.burnRates[0].longRate).toBeCloseTo(0.5, 9);
    // remaining 0.5 at burn 0.5 lasts one whole window
    expect(result.exhaustionAt).toBeCloseTo(now + 30 * DAY, -3);
    expect(result.coverage).toBe(1);
  });

  it('pages on a fast burn in the last hour and projects exhaustion', () => {
    const buckets = steadyTraffic(now, 100, (i, count) =>
      i >= count - 12 ? 10 : 0,
    );
    const result = evaluateSloTarget(target(), buckets, now);
    // 120 bad of 864,000
    expect(result.sli.ratio).toBeCloseTo(1 - 120 / 864000, 12);
    expect(result.errorBudget.consumed).toBeCloseTo(120 / 864000 / 0.001, 9);
    const [fast, slow, day, threeDays] = result.burnRates;
    expect(fast).toMatchObject({
      longWindow: '1h',
      shortWindow: '5m',
      severity: 'page',
      firing: true,
    });
    expect(fast.longRate).toBeCloseTo(100, 9);
    expect(fast.shortRate).toBeCloseTo(100, 9);
    expect(slow.longRate).toBeCloseTo(100 / 6, 9);
    expect(slow.firing).toBe(true);
    expect(day.longRate).toBeCloseTo(100 / 24, 9);
    expect(day.firing).toBe(true);
    expect(threeDays.longRate).toBeCloseTo(100 / 72, 9);
    expect(threeDays.firing).toBe(true);
    const remaining = 1 - 120 / 864000 / 0.001;
    expect(result.exhaustionAt).toBeCloseTo(
      now + (remaining * 30 * DAY) / 100,
      -2,
    );
  });

  it('does not page when only the long window burns (the burn has stopped)', () => {
    // 14 bad per bucket for 55 minutes, then clean for the last 5 minutes
    const buckets = steadyTraffic(now, 100, (i, count) =>
      i >= count - 12 && i < count - 1 ? 18 : 0,
    );
    const [fast] = evaluateSloTarget(target(), buckets, now).burnRates;
    expect(fast.longRate).toBeGreaterThan(14.4);
    expect(fast.shortRate).toBe(0);
    expect(fast.firing).toBe(false);
  });

  it('marks an overspent budget as frozen with no projected exhaustion', () => {
    const buckets = steadyTraffic(now, 100, () => 0.3); // 0.3% errors, 3x the budget
    const result = evaluateSloTarget(target(), buckets, now);
    expect(result.errorBudget.remaining).toBeCloseTo(-2, 9);
    expect(result.policyState).toBe('freeze');
    expect(result.exhaustionAt).toBeNull();
    expect(result.burnRates.map(b => b.firing)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('reports zero traffic as unknown SLI with the budget intact', () => {
    const buckets = steadyTraffic(now, 0, () => 0);
    const result = evaluateSloTarget(target(), buckets, now);
    expect(result.sli.ratio).toBeNull();
    expect(result.errorBudget.remaining).toBe(1);
    expect(result.burnRates.every(b => b.longRate === null && !b.firing)).toBe(
      true,
    );
    expect(result.exhaustionAt).toBeNull();
    expect(result.coverage).toBe(0);
  });

  it('measures coverage when buckets are missing (a gap in the data)', () => {
    const buckets = steadyTraffic(now, 100, () => 0);
    buckets.total.fill(0, 0, buckets.total.length / 2);
    buckets.good.fill(0, 0, buckets.good.length / 2);
    const result = evaluateSloTarget(target(), buckets, now);
    expect(result.coverage).toBeCloseTo(0.5, 9);
    expect(result.sli.ratio).toBe(1);
  });

  it('does not fire alerts of a disabled severity', () => {
    const buckets = steadyTraffic(now, 100, () => 10);
    const def = definition({ alerting: { page: false, ticket: true } });
    const result = evaluateSloTarget(target(def), buckets, now);
    expect(result.burnRates.map(b => b.firing)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('uses custom alert windows when the SLO has them', () => {
    const buckets = steadyTraffic(now, 100, () => 0);
    const def = definition({
      alertWindows: [
        {
          longWindowMs: 30 * MINUTE,
          shortWindowMs: 2 * MINUTE,
          factor: 14.4,
          budgetFraction: 0.01,
          severity: 'page',
        },
      ],
    });
    const result = evaluateSloTarget(target(def), buckets, now);
    expect(result.burnRates.map(b => [b.longWindow, b.shortWindow])).toEqual([
      ['30m', '2m'],
    ]);
  });
});

describe('calendar windows', () => {
  const weekly = {
    durationMs: WEEK,
    duration: '1w',
    rolling: false,
    calendar: {
      startTime: '2022-01-01 12:00:00',
      timeZone: 'America/New_York',
    },
    calendarUnit: { count: 1, unit: 'w' },
  };
  const monthly = {
    durationMs: 30 * DAY,
    duration: '1M',
    rolling: false,
    calendar: {
      startTime: '2022-01-01 00:00:00',
      timeZone: 'America/New_York',
    },
    calendarUnit: { count: 1, unit: 'M' },
  };

  it('finds the week containing now, counted from the start time in its zone', () => {
    // 2026-11-23T15:00Z is 10:00 in New York, a Monday. Weeks start on Saturdays at 12:00 there.
    const range = windowRangeAt(weekly, Date.UTC(2026, 10, 23, 15));
    expect(new Date(range.start).toISOString()).toBe(
      '2026-11-21T17:00:00.000Z',
    );
    expect(new Date(range.end).toISOString()).toBe('2026-11-28T17:00:00.000Z');
  });

  it('finds the calendar month in the time zone, across a DST change', () => {
    const range = windowRangeAt(monthly, Date.UTC(2026, 10, 15));
    expect(new Date(range.start).toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(new Date(range.end).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(range.lengthMs).toBe(30 * DAY + HOUR);
  });

  it('treats the first instant of a period as inside it', () => {
    const start = Date.UTC(2026, 10, 1, 4);
    expect(windowRangeAt(monthly, start).start).toBe(start);
  });

  it('evaluates a calendar SLO over the period so far, with factors from the whole period', () => {
    const now = Date.UTC(2026, 10, 15);
    const buckets = steadyTraffic(
      now,
      100,
      (i, count) => (i >= count - 12 ? 10 : 0),
      40,
    );
    const def = definition({ timeWindow: monthly });
    const result = evaluateSloTarget(target(def), buckets, now);
    expect(result.window.start).toBe(Date.UTC(2026, 10, 1, 4));
    const buckets14d = ((now - Date.UTC(2026, 10, 1, 4)) / (5 * MINUTE)) * 100;
    expect(result.sli.ratio).toBeCloseTo(1 - 120 / buckets14d, 12);
    expect(result.burnRates[0].factor).toBeCloseTo(
      (0.02 * (30 * DAY + HOUR)) / HOUR,
      9,
    );
  });

  it('reports past months and quarters from daily buckets', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    const start = Date.UTC(2025, 10, 1);
    const days = Math.round((Date.UTC(2026, 10, 24) - start) / DAY);
    const daily = createBucketSeries(start, DAY, days);
    for (let i = 0; i < days; i++) {
      const date = new Date(start + i * DAY);
      daily.total[i] = 1000;
      // September 2026 had a bad day: 50 errors on the 10th.
      daily.good[i] =
        date.getUTCMonth() === 8 && date.getUTCDate() === 10 ? 950 : 1000;
    }
    const history = calendarHistory(daily, 0.999, now, {
      months: 3,
      quarters: 2,
    });
    expect(history.map(h => h.label)).toEqual([
      '2026-11',
      '2026-10',
      '2026-09',
      '2026-Q4',
      '2026-Q3',
    ]);
    const september = history.find(h => h.label === '2026-09')!;
    expect(september.sli).toBeCloseTo(1 - 50 / 30000, 12);
    expect(september.met).toBe(false);
    expect(september.consumed).toBeCloseTo(50 / 30000 / 0.001, 9);
    expect(september.coverage).toBe(1);
    expect(september.complete).toBe(true);
    const november = history.find(h => h.label === '2026-11')!;
    expect(november.complete).toBe(false);
    expect(november.met).toBe(true);
    expect(november.coverage).toBeCloseTo(23 / 30, 9);
    const q3 = history.find(h => h.label === '2026-Q3')!;
    expect(q3.sli).toBeCloseTo(1 - 50 / 92000, 12);
    expect(q3.met).toBe(true);
  });
});

describe('history for charts', () => {
  it('gives the rolling SLI, step burn rate and remaining budget at each point', () => {
    const now = T0 + 30 * DAY;
    const buckets = steadyTraffic(
      now,
      100,
      (i, count) => (i >= count - 12 ? 10 : 0),
      31,
    );
    const points = sloHistory(target(), buckets, {
      from: now - 2 * HOUR,
      to: now,
      step: HOUR,
    });
    expect(points.map(p => p.t)).toEqual([now - 2 * HOUR, now - HOUR, now]);
    expect(points[0].sli).toBe(1);
    expect(points[0].burnRate).toBe(0);
    expect(points[2].burnRate).toBeCloseTo(100, 9);
    expect(points[2].remaining).toBeCloseTo(1 - 120 / 864000 / 0.001, 9);
  });
});

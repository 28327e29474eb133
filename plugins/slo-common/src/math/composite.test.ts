import { CalendarPeriodResult } from './calendar';
import {
  combineCompositeCalendar,
  combineCompositeHistory,
  compositeBurnRateOf,
  compositeTargetOf,
  evaluateComposite,
} from './composite';

/** Equal to 10 decimal places, or null. */
const near = (expected: number | null) =>
  expected === null ? null : expect.closeTo(expected, 10);

describe('evaluateComposite', () => {
  // Each row: components (weight w, target t, SLI s) and the figures worked
  // out by hand, with bᵢ = 1 − tᵢ, cᵢ = (1 − sᵢ)/bᵢ.
  const table: Array<{
    name: string;
    components: Array<{ weight: number; target: number; sli: number | null }>;
    sli: number | null;
    target: number;
    consumed: number;
    remaining: number;
    state: 'healthy' | 'warning' | 'freeze';
    contributions: Array<number | null>;
  }> = [
    {
      // The README's example: sign-in (w 1, t 99.95%), booking (w 2, t 99.9%).
      // b = 0.0005, 0.001; c = 0.0002/0.0005 = 0.4, 0.0006/0.001 = 0.6
      // S = (1·0.9998 + 2·0.9994)/3 = 2.9986/3 = 0.99953333…
      // T = (1·0.9995 + 2·0.999)/3 = 2.9975/3 = 0.99916666…
      // Σ wb = 0.0005 + 0.002 = 0.0025
      // C = (1·0.0005·0.4 + 2·0.001·0.6)/0.0025 = (0.0002 + 0.0012)/0.0025 = 0.56
      //   = (1 − S)/(1 − T) = (0.0014/3)/(0.0025/3) = 0.56
      // contributions 0.0002/0.0025 = 0.08, 0.0012/0.0025 = 0.48
      name: 'two services, weighted',
      components: [
        { weight: 1, target: 0.9995, sli: 0.9998 },
        { weight: 2, target: 0.999, sli: 0.9994 },
      ],
      sli: 2.9986 / 3,
      target: 2.9975 / 3,
      consumed: 0.56,
      remaining: 0.44,
      state: 'healthy',
      contributions: [0.08, 0.48],
    },
    {
      // Equal weights and targets: S is the mean, C the mean consumption.
      // b = 0.01 each; c = 0.005/0.01 = 0.5, 0.015/0.01 = 1.5
      // S = (0.995 + 0.985)/2 = 0.99; T = 0.99; C = (0.005 + 0.015)/0.02 = 1
      // contributions 0.005/0.02 = 0.25, 0.015/0.02 = 0.75
      name: 'equal weights, exactly spent',
      components: [
        { weight: 1, target: 0.99, sli: 0.995 },
        { weight: 1, target: 0.99, sli: 0.985 },
      ],
      sli: 0.99,
      target: 0.99,
      consumed: 1,
      remaining: 0,
      state: 'freeze',
      contributions: [0.25, 0.75],
    },
    {
      // A component with no data is left out, not counted as perfect.
      // With only the first: S = 0.998, T = 0.999, C = 0.002/0.001 = 2
      // (counting the second as 1.0 would give S = 0.999, C = 1: wrong)
      name: 'a component without data',
      components: [
        { weight: 1, target: 0.999, sli: 0.998 },
        { weight: 1, target: 0.999, sli: null },
      ],
      sli: 0.998,
      target: 0.999,
      consumed: 2,
      remaining: -1,
      state: 'freeze',
      contributions: [2, null],
    },
    {
      // Three steps, weights 3/1/1, targets 99%, 99.9%, 95%.
      // b = 0.01, 0.001, 0.05; 1 − s = 0.002, 0.0005, 0.04
      // Σ wb = 0.03 + 0.001 + 0.05 = 0.081
      // Σ w(1 − s) = 0.006 + 0.0005 + 0.04 = 0.0465
      // C = 0.0465/0.081 = 0.574074…; contributions 0.006/0.081, 0.0005/0.081, 0.04/0.081
      // S = (3·0.998 + 0.9995 + 0.96)/5 = 4.9535/5 = 0.9907
      // T = (3·0.99 + 0.999 + 0.95)/5 = 4.919/5 = 0.9838
      name: 'three steps, a lenient one failing most',
      components: [
        { weight: 3, target: 0.99, sli: 0.998 },
        { weight: 1, target: 0.999, sli: 0.9995 },
        { weight: 1, target: 0.95, sli: 0.96 },
      ],
      sli: 0.9907,
      target: 0.9838,
      consumed: 0.0465 / 0.081,
      remaining: 1 - 0.0465 / 0.081,
      state: 'healthy',
      contributions: [0.006 / 0.081, 0.0005 / 0.081, 0.04 / 0.081],
    },
    {
      // 0.8 of the budget spent: the policy warns.
      // b = 0.001 each, c = 0.7, 0.9 → C = (0.0007 + 0.0009)/0.002 = 0.8
      name: 'warning',
      components: [
        { weight: 1, target: 0.999, sli: 0.9993 },
        { weight: 1, target: 0.999, sli: 0.9991 },
      ],
      sli: 0.9992,
      target: 0.999,
      consumed: 0.8,
      remaining: 0.2,
      state: 'warning',
      contributions: [0.35, 0.45],
    },
    {
      // Nothing has data: no SLI, nothing spent, T over every component.
      // T = (2·0.999 + 0.99)/3 = 2.988/3 = 0.996
      name: 'no data at all',
      components: [
        { weight: 2, target: 0.999, sli: null },
        { weight: 1, target: 0.99, sli: null },
      ],
      sli: null,
      target: 0.996,
      consumed: 0,
      remaining: 1,
      state: 'healthy',
      contributions: [null, null],
    },
  ];

  it.each(table)('$name', row => {
    const result = evaluateComposite(
      row.components.map((c, i) => ({ name: `c${i}`, ...c })),
    );
    expect(result.sli).toEqual(near(row.sli));
    expect(result.target).toEqual(near(row.target));
    expect(result.errorBudget.budget).toEqual(near(1 - row.target));
    expect(result.errorBudget.consumed).toEqual(near(row.consumed));
    expect(result.errorBudget.remaining).toEqual(near(row.remaining));
    expect(result.policyState).toBe(row.state);
    result.components.forEach((c, i) =>
      expect(c.contribution).toEqual(near(row.contributions[i])),
    );
    // The contributions add up to what the composite consumed.
    expect(
      result.components.reduce((sum, c) => sum + (c.contribution ?? 0), 0),
    ).toEqual(near(row.consumed));
    // C = (1 − S)/B whenever there is an SLI
    expect(result.errorBudget.consumed).toEqual(
      near(
        result.sli === null ? 0 : (1 - result.sli) / result.errorBudget.budget,
      ),
    );
    expect(result.withoutData).toEqual(
      row.components.flatMap((c, i) => (c.sli === null ? [`c${i}`] : [])),
    );
  });

  it('reports each component’s own budget', () => {
    const [a] = evaluateComposite([
      { name: 'a', weight: 1, target: 0.9995, sli: 0.9998 },
    ]).components;
    // b = 0.0005, c = 0.0002/0.0005 = 0.4
    expect(a.budget).toEqual(near(0.0005));
    expect(a.consumed).toEqual(near(0.4));
    expect(a.remaining).toEqual(near(0.6));
    expect(a.contribution).toEqual(near(0.4));
  });
});

describe('compositeTargetOf', () => {
  it.each([
    // (0.9995 + 2·0.999)/3 = 2.9975/3
    [[1, 0.9995, 2, 0.999], 2.9975 / 3],
    // (0.99 + 0.95)/2 = 0.97
    [[1, 0.99, 1, 0.95], 0.97],
    // weights scale out: (3·0.99 + 3·0.95)/6 = 0.97
    [[3, 0.99, 3, 0.95], 0.97],
  ])('%p → %p', (flat, expected) => {
    expect(
      compositeTargetOf([
        { weight: flat[0], target: flat[1] },
        { weight: flat[2], target: flat[3] },
      ]),
    ).toEqual(near(expected));
  });
});

describe('compositeBurnRateOf', () => {
  it.each([
    // Σ wbr / Σ wb = (1·0.0005·2 + 2·0.001·10)/(0.0005 + 0.002) = 0.021/0.0025 = 8.4
    {
      rates: [2, 10] as Array<number | null>,
      expected: 8.4 as number | null,
    },
    // Only the first has traffic: its own rate
    { rates: [2, null], expected: 2 },
    { rates: [null, null], expected: null },
    // Both burning at exactly 1: the composite burns at 1
    { rates: [1, 1], expected: 1 },
  ])('rates $rates → $expected', ({ rates, expected }) => {
    expect(
      compositeBurnRateOf([
        { weight: 1, target: 0.9995, rate: rates[0] },
        { weight: 2, target: 0.999, rate: rates[1] },
      ]),
    ).toEqual(near(expected));
  });
});

describe('combineCompositeHistory', () => {
  it('combines the components point by point with the same formulas', () => {
    const points = combineCompositeHistory([
      {
        name: 'sign-in',
        weight: 1,
        target: 0.9995,
        points: [
          { t: 1000, sli: 0.9998, burnRate: 2, remaining: 0.6 },
          { t: 2000, sli: null, burnRate: null, remaining: 1 },
        ],
      },
      {
        name: 'book',
        weight: 2,
        target: 0.999,
        points: [
          { t: 1000, sli: 0.9994, burnRate: 10, remaining: 0.4 },
          { t: 2000, sli: 0.998, burnRate: 3, remaining: -1 },
        ],
      },
    ]);
    expect(points.map(p => p.t)).toEqual([1000, 2000]);
    // t=1000: the README's example (remaining 0.44) and burn rate 8.4
    expect(points[0].sli).toEqual(near(2.9986 / 3));
    expect(points[0].remaining).toEqual(near(0.44));
    expect(points[0].burnRate).toEqual(near(8.4));
    // t=2000: sign-in has no data, so booking alone: C = 0.002/0.001 = 2
    expect(points[1].sli).toEqual(near(0.998));
    expect(points[1].remaining).toEqual(near(-1));
    expect(points[1].burnRate).toEqual(near(3));
  });
});

describe('combineCompositeCalendar', () => {
  const period = (
    sli: number | null,
    coverage: number,
  ): CalendarPeriodResult => ({
    kind: 'month',
    label: '2026-10',
    start: '2026-10-01T00:00:00.000Z',
    end: '2026-11-01T00:00:00.000Z',
    sli,
    consumed: 0,
    remaining: 1,
    met: null,
    coverage,
    complete: true,
  });

  it('judges each month of the journey by the combined figures', () => {
    const [month] = combineCompositeCalendar([
      { name: 'a', weight: 1, target: 0.99, points: [period(0.995, 1)] },
      { name: 'b', weight: 1, target: 0.99, points: [period(0.98, 0.5)] },
    ]);
    // C = (0.005 + 0.02)/0.02 = 1.25: not met, though a alone met its target
    expect(month.sli).toEqual(near(0.9875));
    expect(month.consumed).toEqual(near(1.25));
    expect(month.remaining).toEqual(near(-0.25));
    expect(month.met).toBe(false);
    expect(month.coverage).toBe(0.5);
  });
});

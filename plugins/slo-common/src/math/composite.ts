import { ErrorBudget } from './budget';
import { CalendarPeriodResult } from './calendar';
import { SloHistoryPoint } from './evaluate';
import { PolicyState, policyStateOf } from './policy';

/**
 * Composite (journey) SLOs: several component SLOs, each with a weight wᵢ,
 * a target tᵢ and an SLI sᵢ over the same window, judged as one.
 *
 *   composite SLI     S = Σ wᵢ sᵢ / Σ wᵢ
 *   composite target  T = Σ wᵢ tᵢ / Σ wᵢ,  budget B = 1 − T
 *   consumed          C = (1 − S) / B = Σ wᵢ bᵢ cᵢ / Σ wᵢ bᵢ
 *                     with bᵢ = 1 − tᵢ and cᵢ = (1 − sᵢ) / bᵢ
 *   contribution      wᵢ bᵢ cᵢ / Σ wⱼ bⱼ (the contributions add up to C)
 *   burn rate         Σ wᵢ bᵢ rᵢ / Σ wᵢ bᵢ
 *
 * so a component weighs in by its weight times its budget: a strict step of
 * the journey spends the journey's budget faster than a lenient one failing
 * as often. Components without data (no traffic yet) are left out of every
 * sum, and named, rather than counted as perfect.
 */

export interface CompositeComponentInput {
  name: string;
  weight: number;
  target: number;
  /** good / total over the window; null without data. */
  sli: number | null;
}

export interface CompositeComponentShare extends CompositeComponentInput {
  /** bᵢ = 1 − tᵢ. */
  budget: number;
  /** cᵢ = (1 − sᵢ) / bᵢ; null without data. */
  consumed: number | null;
  /** 1 − cᵢ; null without data. */
  remaining: number | null;
  /** wᵢ bᵢ cᵢ / Σ wⱼ bⱼ: the share of the composite's budget this component spent; null without data. */
  contribution: number | null;
}

export interface CompositeEvaluation {
  /** S over the components with data; null when none has any. */
  sli: number | null;
  /** T over the components with data (over all of them when none has any). */
  target: number;
  errorBudget: ErrorBudget;
  policyState: PolicyState;
  components: CompositeComponentShare[];
  /** Names of the components left out for want of data. */
  withoutData: string[];
}

const weightedMean = (
  items: Array<{ weight: number }>,
  value: (item: any) => number,
) =>
  items.reduce((sum, c) => sum + c.weight * value(c), 0) /
  items.reduce((sum, c) => sum + c.weight, 0);

/** T = Σ wᵢ tᵢ / Σ wᵢ. */
export function compositeTargetOf(
  components: Array<{ weight: number; target: number }>,
): number {
  return weightedMean(components, c => c.target);
}

export function evaluateComposite(
  components: CompositeComponentInput[],
): CompositeEvaluation {
  const withData = components.filter(c => c.sli !== null);
  const withoutData = components.filter(c => c.sli === null).map(c => c.name);
  // Σ wⱼ bⱼ over the components with data: the composite budget times Σ wⱼ.
  const weightedBudget = withData.reduce(
    (sum, c) => sum + c.weight * (1 - c.target),
    0,
  );
  const shares: CompositeComponentShare[] = components.map(c => {
    const budget = 1 - c.target;
    if (c.sli === null) {
      return {
        ...c,
        budget,
        consumed: null,
        remaining: null,
        contribution: null,
      };
    }
    const consumed = (1 - c.sli) / budget;
    return {
      ...c,
      budget,
      consumed,
      remaining: 1 - consumed,
      contribution: (c.weight * budget * consumed) / weightedBudget,
    };
  });
  if (withData.length === 0) {
    const target = compositeTargetOf(components);
    return {
      sli: null,
      target,
      errorBudget: { budget: 1 - target, consumed: 0, remaining: 1 },
      policyState: policyStateOf(1),
      components: shares,
      withoutData,
    };
  }
  const sli = weightedMean(withData, c => c.sli);
  const target = compositeTargetOf(withData);
  const consumed = shares.reduce((sum, c) => sum + (c.contribution ?? 0), 0);
  return {
    sli,
    target,
    errorBudget: { budget: 1 - target, consumed, remaining: 1 - consumed },
    policyState: policyStateOf(1 - consumed),
    components: shares,
    withoutData,
  };
}

/** Σ wᵢ bᵢ rᵢ / Σ wᵢ bᵢ over the components with a rate; null when none has one. */
export function compositeBurnRateOf(
  components: Array<{ weight: number; target: number; rate: number | null }>,
): number | null {
  const withData = components.filter(c => c.rate !== null);
  if (withData.length === 0) return null;
  const weightedBudget = withData.reduce(
    (sum, c) => sum + c.weight * (1 - c.target),
    0,
  );
  return (
    withData.reduce((sum, c) => sum + c.weight * (1 - c.target) * c.rate!, 0) /
    weightedBudget
  );
}

/** One component's series of chart points, with its weight and target. */
export interface CompositeComponentSeries<P> {
  name: string;
  weight: number;
  target: number;
  points: P[];
}

/**
 * The composite's chart points, combined point by point (by instant) with
 * the formulas above: each point's SLI, burn rate and remaining budget over
 * the components that have data at that instant.
 */
export function combineCompositeHistory(
  components: Array<CompositeComponentSeries<SloHistoryPoint>>,
): SloHistoryPoint[] {
  const byInstant = new Map<number, Array<SloHistoryPoint | undefined>>();
  components.forEach((component, i) => {
    for (const point of component.points) {
      const row = byInstant.get(point.t) ?? components.map(() => undefined);
      row[i] = point;
      byInstant.set(point.t, row);
    }
  });
  return [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, row]) => {
      const evaluation = evaluateComposite(
        components.map((c, i) => ({
          name: c.name,
          weight: c.weight,
          target: c.target,
          sli: row[i]?.sli ?? null,
        })),
      );
      return {
        t,
        sli: evaluation.sli,
        burnRate: compositeBurnRateOf(
          components.map((c, i) => ({
            weight: c.weight,
            target: c.target,
            rate: row[i]?.burnRate ?? null,
          })),
        ),
        remaining: evaluation.errorBudget.remaining,
      };
    });
}

/** The composite's calendar history: each month and quarter combined across the components. */
export function combineCompositeCalendar(
  components: Array<CompositeComponentSeries<CalendarPeriodResult>>,
): CalendarPeriodResult[] {
  const first = components[0]?.points ?? [];
  return first.map(period => {
    const same = components.map(c =>
      c.points.find(p => p.kind === period.kind && p.label === period.label),
    );
    const evaluation = evaluateComposite(
      components.map((c, i) => ({
        name: c.name,
        weight: c.weight,
        target: c.target,
        sli: same[i]?.sli ?? null,
      })),
    );
    return {
      ...period,
      sli: evaluation.sli,
      consumed: evaluation.errorBudget.consumed,
      remaining: evaluation.errorBudget.remaining,
      met:
        evaluation.sli === null ? null : evaluation.errorBudget.consumed <= 1,
      coverage: Math.min(...same.map(p => p?.coverage ?? 0)),
      complete: same.every(p => p?.complete ?? false),
    };
  });
}

import { formatPromDuration } from '../duration';
import { BurnRateWindow, SloTarget } from '../model';
import { BucketSeries, WindowSums } from './buckets';
import {
  burnRateOf,
  errorBudgetOf,
  ErrorBudget,
  SliValue,
  sliOf,
} from './budget';
import { deriveBurnRateWindows } from './burnRate';
import { windowRangeAt } from './calendar';
import { PolicyState, policyStateOf } from './policy';

export interface BurnRateAlert {
  longWindow: string;
  shortWindow: string;
  longWindowMs: number;
  shortWindowMs: number;
  factor: number;
  budgetFraction: number;
  /** Burn rates over the windows; null when the window saw no traffic. */
  longRate: number | null;
  shortRate: number | null;
  /** Both windows burn faster than the factor (and alerts of this severity are enabled). */
  firing: boolean;
  severity: 'page' | 'ticket';
}

/** Everything computed for one SLO objective at one instant. */
export interface SloEvaluation {
  sli: SliValue;
  errorBudget: ErrorBudget;
  burnRates: BurnRateAlert[];
  /** The burn rate exhaustion is projected from (the shortest long window's). */
  currentBurnRate: number | null;
  /** When the remaining budget runs out at the current burn rate; null if it does not (or already did). */
  exhaustionAt: number | null;
  policyState: PolicyState;
  window: { start: number; end: number; lengthMs: number };
  /** Share of the window's buckets that have data. */
  coverage: number;
}

/**
 * Evaluates one SLO objective from its buckets at `now`. Pure: the same
 * buckets and instant always give the same answer.
 */
export function evaluateSloTarget(
  target: Pick<SloTarget, 'definition' | 'objective'>,
  buckets: BucketSeries,
  now: number,
  sums: WindowSums = new WindowSums(buckets),
): SloEvaluation {
  const { definition, objective } = target;
  const window = windowRangeAt(definition.timeWindow, now);
  const inWindow = sums.sum(window.start, Math.min(now, window.end));
  const sli = sliOf(inWindow.good, inWindow.total);
  const errorBudget = errorBudgetOf(sli, objective.target);

  const windows: BurnRateWindow[] =
    definition.alertWindows ?? deriveBurnRateWindows(window.lengthMs);
  const burnRates = windows.map(w => {
    const long = sums.sum(now - w.longWindowMs, now);
    const short = sums.sum(now - w.shortWindowMs, now);
    const longRate = burnRateOf(long.good, long.total, objective.target);
    const shortRate = burnRateOf(short.good, short.total, objective.target);
    const enabled =
      w.severity === 'page'
        ? definition.alerting.page
        : definition.alerting.ticket;
    return {
      longWindow: formatPromDuration(w.longWindowMs),
      shortWindow: formatPromDuration(w.shortWindowMs),
      longWindowMs: w.longWindowMs,
      shortWindowMs: w.shortWindowMs,
      factor: w.factor,
      budgetFraction: w.budgetFraction,
      longRate,
      shortRate,
      firing:
        enabled &&
        longRate !== null &&
        shortRate !== null &&
        longRate > w.factor &&
        shortRate > w.factor,
      severity: w.severity,
    };
  });

  const currentBurnRate = burnRates.length > 0 ? burnRates[0].longRate : null;
  // Burning at rate r spends r whole budgets per window length, so the
  // remaining share lasts remaining × window / r.
  const exhaustionAt =
    currentBurnRate !== null && currentBurnRate > 0 && errorBudget.remaining > 0
      ? now + (errorBudget.remaining * window.lengthMs) / currentBurnRate
      : null;

  const bucketsInWindow = Math.max(
    1,
    Math.floor((Math.min(now, window.end) - window.start) / buckets.step),
  );
  return {
    sli,
    errorBudget,
    burnRates,
    currentBurnRate,
    exhaustionAt,
    policyState: policyStateOf(errorBudget.remaining),
    window,
    coverage: Math.min(1, inWindow.bucketsWithData / bucketsInWindow),
  };
}

/** One point of the charts: SLI over the window ending at t, burn rate over the step, budget remaining. */
export interface SloHistoryPoint {
  t: number;
  sli: number | null;
  burnRate: number | null;
  remaining: number;
}

/**
 * The series behind the burndown, SLI and burn-rate charts, from `from` to
 * `to` every `step`. Cost is linear in buckets plus points.
 */
export function sloHistory(
  target: Pick<SloTarget, 'definition' | 'objective'>,
  buckets: BucketSeries,
  range: { from: number; to: number; step: number },
  sums: WindowSums = new WindowSums(buckets),
): SloHistoryPoint[] {
  const points: SloHistoryPoint[] = [];
  const { definition, objective } = target;
  const step = Math.max(range.step, buckets.step);
  const first = Math.ceil(range.from / buckets.step) * buckets.step;
  for (let t = first; t <= range.to; t += step) {
    const window = windowRangeAt(definition.timeWindow, t);
    const w = sums.sum(window.start, Math.min(t, window.end));
    const sli = sliOf(w.good, w.total);
    const recent = sums.sum(t - step, t);
    points.push({
      t,
      sli: sli.ratio,
      burnRate: burnRateOf(recent.good, recent.total, objective.target),
      remaining: errorBudgetOf(sli, objective.target).remaining,
    });
  }
  return points;
}

import { BudgetingMethod, Objective, ThresholdOperator } from '../model';
import { BucketSeries, createBucketSeries } from './buckets';

/**
 * What a data source returns for an indicator, one point per evaluation step:
 * events (good and total counted within (t − step, t]) or values (a
 * threshold metric's reading at t).
 */
export type SliPoints =
  | {
      kind: 'events';
      step: number;
      t: number[];
      good: number[];
      total: number[];
    }
  | { kind: 'values'; step: number; t: number[]; value: number[] };

export function passes(
  value: number,
  op: ThresholdOperator,
  threshold: number,
): boolean {
  switch (op) {
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    default:
      return false;
  }
}

/**
 * Folds points into aligned buckets by budgeting method (OpenSLO v1):
 * Occurrences counts events (for a threshold metric, each reading is an
 * occurrence); Timeslices counts good slices, a slice being good when its
 * good/total ratio reaches `timeSliceTarget` (or its reading passes the
 * threshold); RatioTimeslices averages the slices' good/total ratios.
 * Slices without traffic are left out rather than counted as good or bad.
 */
export function pointsToBuckets(
  points: SliPoints,
  method: BudgetingMethod,
  objective: Objective,
  range: { start: number; step: number; count: number },
): BucketSeries {
  const series = createBucketSeries(range.start, range.step, range.count);
  const sliceTarget = objective.timeSliceTarget ?? objective.target;
  for (let i = 0; i < points.t.length; i++) {
    const intervalStart = points.t[i] - points.step;
    const b = Math.floor((intervalStart - range.start) / range.step);
    if (b < 0 || b >= range.count) continue;
    if (points.kind === 'values') {
      const v = points.value[i];
      if (
        !Number.isFinite(v) ||
        objective.op === undefined ||
        objective.value === undefined
      ) {
        continue;
      }
      series.total[b] += 1;
      series.good[b] += passes(v, objective.op, objective.value) ? 1 : 0;
      continue;
    }
    const total = points.total[i];
    if (!(total > 0)) continue;
    const good = Math.min(Math.max(points.good[i], 0), total);
    if (method === 'Occurrences') {
      series.good[b] += good;
      series.total[b] += total;
    } else if (method === 'Timeslices') {
      series.total[b] += 1;
      series.good[b] += good / total >= sliceTarget ? 1 : 0;
    } else {
      series.total[b] += 1;
      series.good[b] += good / total;
    }
  }
  return series;
}

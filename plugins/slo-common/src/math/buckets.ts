/**
 * Budget arithmetic runs on dense, aligned buckets of (good, total) held in
 * typed arrays: bucket i covers [start + i·step, start + (i+1)·step). For
 * Occurrences the units are events; for Timeslices, slices; for
 * RatioTimeslices, good is the sum of slice ratios and total the slice count.
 * In every case SLI = Σgood / Σtotal.
 */
export interface BucketSeries {
  start: number;
  step: number;
  good: Float64Array;
  total: Float64Array;
}

export function createBucketSeries(
  start: number,
  step: number,
  count: number,
): BucketSeries {
  return {
    start,
    step,
    good: new Float64Array(count),
    total: new Float64Array(count),
  };
}

/** Builds a series from sparse rows (e.g. read from the database). */
export function bucketSeriesFromRows(
  rows: Iterable<{ start: number; good: number; total: number }>,
  start: number,
  end: number,
  step: number,
): BucketSeries {
  const count = Math.max(0, Math.ceil((end - start) / step));
  const series = createBucketSeries(start, step, count);
  for (const row of rows) {
    const i = Math.floor((row.start - start) / step);
    if (i >= 0 && i < count) {
      series.good[i] += row.good;
      series.total[i] += row.total;
    }
  }
  return series;
}

/** Sums over any time range in O(1) after one O(n) pass. */
export class WindowSums {
  private readonly prefixGood: Float64Array;
  private readonly prefixTotal: Float64Array;
  private readonly prefixCovered: Uint32Array;

  constructor(readonly series: BucketSeries) {
    const n = series.good.length;
    this.prefixGood = new Float64Array(n + 1);
    this.prefixTotal = new Float64Array(n + 1);
    this.prefixCovered = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const total = series.total[i];
      this.prefixGood[i + 1] = this.prefixGood[i] + series.good[i];
      this.prefixTotal[i + 1] = this.prefixTotal[i] + total;
      this.prefixCovered[i + 1] = this.prefixCovered[i] + (total > 0 ? 1 : 0);
    }
  }

  /** Buckets lying entirely within [from, to). */
  private indices(from: number, to: number): [number, number] {
    const { start, step } = this.series;
    const n = this.series.good.length;
    const i0 = Math.min(n, Math.max(0, Math.ceil((from - start) / step)));
    const i1 = Math.min(n, Math.max(0, Math.floor((to - start) / step)));
    return [i0, Math.max(i0, i1)];
  }

  sum(
    from: number,
    to: number,
  ): { good: number; total: number; bucketsWithData: number } {
    const [i0, i1] = this.indices(from, to);
    return {
      good: this.prefixGood[i1] - this.prefixGood[i0],
      total: this.prefixTotal[i1] - this.prefixTotal[i0],
      bucketsWithData: this.prefixCovered[i1] - this.prefixCovered[i0],
    };
  }
}

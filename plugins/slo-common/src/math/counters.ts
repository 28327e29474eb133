/**
 * How much a cumulative counter grew between samples, as Prometheus's
 * `increase()` counts it without extrapolation: a drop means the process
 * restarted and the counter began again from zero, so the new value is all
 * growth. Gaps (missing samples) add nothing of their own.
 */
export function counterIncrease(values: ArrayLike<number>): number {
  let increase = 0;
  let previous: number | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (previous !== undefined) {
      increase += v >= previous ? v - previous : v;
    }
    previous = v;
  }
  return increase;
}

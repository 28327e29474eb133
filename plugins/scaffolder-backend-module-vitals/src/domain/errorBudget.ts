/** The SLO window the template writes into slo.yaml and the form quotes budgets for. */
export const SLO_WINDOW_DAYS = 30;

const MINUTES_PER_DAY = 24 * 60;

/**
 * Minutes of full unavailability an availability target allows in the
 * window: (1 − T) × W (the error budget of the Google SRE workbook, ch. 2).
 * 99.9 % over 30 days is 43.2 minutes. Rounded to hundredths so 99.99 %
 * reads 4.32 rather than a floating-point tail.
 */
export function errorBudgetMinutes(
  targetPercent: number,
  windowDays: number = SLO_WINDOW_DAYS,
): number {
  const minutes = ((100 - targetPercent) / 100) * windowDays * MINUTES_PER_DAY;
  return Math.round(minutes * 100) / 100;
}

/** `43.2 minutes per 30 days` (or hours past two hours, which reads better for 99 %). */
export function describeErrorBudget(
  targetPercent: number,
  windowDays: number = SLO_WINDOW_DAYS,
): string {
  const minutes = errorBudgetMinutes(targetPercent, windowDays);
  const amount =
    minutes >= 120
      ? `${Math.round((minutes / 60) * 100) / 100} hours (${minutes} minutes)`
      : `${minutes} minutes`;
  return `${amount} per ${windowDays} days`;
}

/** A percentage as the fraction OpenSLO wants: 99.9 → 0.999, without floating-point noise. */
export function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

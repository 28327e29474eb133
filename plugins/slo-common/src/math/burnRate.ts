import { DAY, HOUR } from '../duration';
import { BurnRateWindow } from '../model';

/**
 * Multi-window, multi-burn-rate alerting as in the Google SRE workbook
 * ("Alerting on SLOs", table 5-8): page when 2% of the budget burns within an
 * hour or 5% within six hours; ticket when 10% burns within a day or three
 * days. The short window is a twelfth of the long one, so an alert stops soon
 * after the burn stops.
 */
export const SRE_WORKBOOK_ALERT_POLICY: ReadonlyArray<{
  longWindowMs: number;
  budgetFraction: number;
  severity: 'page' | 'ticket';
}> = [
  { longWindowMs: HOUR, budgetFraction: 0.02, severity: 'page' },
  { longWindowMs: 6 * HOUR, budgetFraction: 0.05, severity: 'page' },
  { longWindowMs: DAY, budgetFraction: 0.1, severity: 'ticket' },
  { longWindowMs: 3 * DAY, budgetFraction: 0.1, severity: 'ticket' },
];

/**
 * The window pairs and factors for an SLO window of any length:
 * factor = budget fraction × window / long window. For 30 days this gives the
 * workbook's 14.4, 6, 3 and 1. Pairs whose long window exceeds the SLO window
 * are dropped (they could never fill).
 */
export function deriveBurnRateWindows(sloWindowMs: number): BurnRateWindow[] {
  return SRE_WORKBOOK_ALERT_POLICY.filter(
    p => p.longWindowMs <= sloWindowMs,
  ).map(p => ({
    longWindowMs: p.longWindowMs,
    shortWindowMs: p.longWindowMs / 12,
    budgetFraction: p.budgetFraction,
    factor: (p.budgetFraction * sloWindowMs) / p.longWindowMs,
    severity: p.severity,
  }));
}

/** The error budget of a window, by the formulas of DESIGN.md. */
export interface ErrorBudget {
  /** 1 − target: the share of events (or slices) allowed to be bad. */
  budget: number;
  /** (1 − SLI) / (1 − target); 0 when there was no traffic. */
  consumed: number;
  /** 1 − consumed; negative when the budget is overspent. */
  remaining: number;
}

export interface SliValue {
  good: number;
  total: number;
  /** good / total, or null when there was no traffic at all. */
  ratio: number | null;
}

export function sliOf(good: number, total: number): SliValue {
  if (!(total > 0)) {
    return { good: 0, total: 0, ratio: null };
  }
  const clampedGood = Math.min(Math.max(good, 0), total);
  return { good: clampedGood, total, ratio: clampedGood / total };
}

export function errorBudgetOf(sli: SliValue, target: number): ErrorBudget {
  const budget = 1 - target;
  if (sli.ratio === null) {
    // No traffic spends no budget.
    return { budget, consumed: 0, remaining: 1 };
  }
  const consumed = (1 - sli.ratio) / budget;
  return { budget, consumed, remaining: 1 - consumed };
}

/** Burn rate over a window: (bad / total) / (1 − target); null without traffic. */
export function burnRateOf(
  good: number,
  total: number,
  target: number,
): number | null {
  if (!(total > 0)) {
    return null;
  }
  const bad = Math.min(Math.max(total - good, 0), total);
  return bad / total / (1 - target);
}

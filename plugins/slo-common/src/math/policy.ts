/** Error-budget policy states and what each asks the owning team to do. */
export type PolicyState = 'healthy' | 'warning' | 'freeze';

/** Below this share of budget remaining, the policy warns. */
export const WARNING_REMAINING = 0.25;

export function policyStateOf(remaining: number): PolicyState {
  if (remaining <= 0) return 'freeze';
  if (remaining < WARNING_REMAINING) return 'warning';
  return 'healthy';
}

export const POLICY_GUIDANCE: Record<PolicyState, string> = {
  healthy: 'Budget available: ship features as planned.',
  warning:
    'Less than 25% of the budget left: prioritise reliability work and have releases reviewed by the SRE lead.',
  freeze:
    'Budget exhausted: freeze feature releases; only fixes and security changes ship until the budget recovers.',
};

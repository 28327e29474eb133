import { resourceLogsRule } from './monitoring';
import type { PolicyMirror, ResourceRule } from './types';

/**
 * A resource-logs rule for types outside `MONITORED_RESOURCE_TYPES`: the
 * same judgement as `monitor.resource-logs` (a diagnostic setting sending
 * enabled logs to a Log Analytics workspace), under the family's own id and
 * the resource-type built-in where the initiative has one.
 */
export function resourceLogsRuleFor(rule: {
  id: string;
  title: string;
  resourceTypes: readonly string[];
  mirrors: PolicyMirror;
  remediation?: string;
  appliesTo?: ResourceRule['appliesTo'];
}): ResourceRule {
  return {
    id: rule.id,
    title: rule.title,
    resourceTypes: rule.resourceTypes,
    mirrors: rule.mirrors,
    remediation: rule.remediation ?? resourceLogsRule.remediation,
    ...(rule.appliesTo ? { appliesTo: rule.appliesTo } : {}),
    evaluate: (resource, context) => {
      const { mirrors: _generic, ...outcome } = resourceLogsRule.evaluate(
        resource,
        context,
      );
      return outcome;
    },
  };
}

/** The initiative's catch-all for resource types without their own resource-logs built-in. */
export const DIAGNOSTIC_SETTINGS_MIRROR: PolicyMirror = {
  policyName: 'Audit diagnostic setting for selected resource types',
  definitionId: '7f89b1eb-583c-429a-8828-af049802c1d9',
  initiative: 'HIPAA HITRUST',
  hitrustControls: ['hipaa-1210.09aa3System.3-09.aa'],
};

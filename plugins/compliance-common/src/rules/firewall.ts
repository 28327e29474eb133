import {
  DIAGNOSTIC_SETTINGS_MIRROR,
  resourceLogsRuleFor,
} from './resourceLogs';
import type { ResourceRule } from './types';
import { asString, judgeText, read } from './values';

export const AZURE_FIREWALL = 'microsoft.network/azurefirewalls';
export const FIREWALL_POLICY = 'microsoft.network/firewallpolicies';

const THREAT_INTEL_MESSAGES = {
  pass: 'Traffic to and from known-malicious addresses and domains is blocked.',
  fail: 'Traffic to known-malicious addresses is only alerted on (or not checked).',
};

export const firewallThreatIntelDenyRule: ResourceRule = {
  id: 'firewall.threat-intel-deny',
  title: 'Azure Firewall denies traffic flagged by threat intelligence',
  resourceTypes: [AZURE_FIREWALL, FIREWALL_POLICY],
  // No built-in in either initiative tests the threat intelligence mode.
  mirrors: undefined,
  remediation:
    'Set the firewall policy threat intelligence mode to Deny (Terraform azurerm_firewall_policy threat_intelligence_mode = "Deny").',
  evaluate: (resource, context) => {
    // A firewall managed by a policy takes its mode from the policy; the
    // firewall's own threatIntelMode is then ignored by Azure.
    const policyId =
      resource.type === AZURE_FIREWALL
        ? asString(read(resource, 'properties.firewallPolicy.id'))
        : undefined;
    if (policyId) {
      const policy = context.inventory.get(policyId);
      if (!policy) {
        return {
          status: 'unknown',
          property: 'properties.firewallPolicy.id',
          expected: 'threatIntelMode Deny',
          actual: policyId,
          message: `The firewall policy ${policyId} is not in the inventory.`,
        };
      }
      return {
        ...judgeText(
          policy,
          'properties.threatIntelMode',
          ['Deny'],
          THREAT_INTEL_MESSAGES,
        ),
        evidenceResourceId: policy.id,
      };
    }
    return judgeText(
      resource,
      'properties.threatIntelMode',
      ['Deny'],
      THREAT_INTEL_MESSAGES,
    );
  },
};

export const firewallResourceLogsRule = resourceLogsRuleFor({
  id: 'firewall.resource-logs',
  title: 'Azure Firewall network and application rule logs reach a workspace',
  resourceTypes: [AZURE_FIREWALL],
  mirrors: DIAGNOSTIC_SETTINGS_MIRROR,
});

export const firewallRules: readonly ResourceRule[] = [
  firewallThreatIntelDenyRule,
  firewallResourceLogsRule,
];

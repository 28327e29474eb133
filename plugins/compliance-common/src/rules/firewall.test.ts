import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  allLogsDiagnosticSetting,
  azureFirewall,
  azureFirewallClassicRules,
  firewallPolicy,
} from '../__fixtures__/families';
import {
  firewallResourceLogsRule,
  firewallThreatIntelDenyRule,
} from './firewall';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
  {
    name: 'policy Deny',
    rule: firewallThreatIntelDenyRule,
    resource: firewallPolicy,
    status: 'pass',
    actual: 'Deny',
  },
  {
    name: 'policy Alert',
    rule: firewallThreatIntelDenyRule,
    resource: withProperties(firewallPolicy, { threatIntelMode: 'Alert' }),
    status: 'fail',
    actual: 'Alert',
  },
  {
    name: 'policy mode not reported',
    rule: firewallThreatIntelDenyRule,
    resource: withoutProperties(firewallPolicy, 'threatIntelMode'),
    status: 'unknown',
    actual: null,
  },
  // The firewall's own Alert is ignored while a policy governs it.
  {
    name: 'firewall through its Deny policy',
    rule: firewallThreatIntelDenyRule,
    resource: azureFirewall,
    inventory: [firewallPolicy],
    status: 'pass',
    actual: 'Deny',
  },
  {
    name: 'firewall policy not in inventory',
    rule: firewallThreatIntelDenyRule,
    resource: azureFirewall,
    status: 'unknown',
    actual: firewallPolicy.id,
  },
  {
    name: 'classic rules, Alert',
    rule: firewallThreatIntelDenyRule,
    resource: azureFirewallClassicRules,
    status: 'fail',
    actual: 'Alert',
  },
  {
    name: 'classic rules, Deny',
    rule: firewallThreatIntelDenyRule,
    resource: withProperties(azureFirewallClassicRules, {
      threatIntelMode: 'Deny',
    }),
    status: 'pass',
    actual: 'Deny',
  },
  {
    name: 'classic rules, Off',
    rule: firewallThreatIntelDenyRule,
    resource: withProperties(azureFirewallClassicRules, {
      threatIntelMode: 'Off',
    }),
    status: 'fail',
    actual: 'Off',
  },

  {
    name: 'logs to a workspace',
    rule: firewallResourceLogsRule,
    resource: azureFirewall,
    inventory: [allLogsDiagnosticSetting(azureFirewall.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(azureFirewall.id).properties
      .workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: firewallResourceLogsRule,
    resource: azureFirewall,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: firewallResourceLogsRule,
    resource: azureFirewall,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('Azure Firewall rules', () => {
  itJudgesEachCase(cases);

  it('names the policy as evidence for a policy-managed firewall', () => {
    expect(
      firewallThreatIntelDenyRule.evaluate(
        azureFirewall,
        ruleContext([azureFirewall, firewallPolicy]),
      ).evidenceResourceId,
    ).toBe(firewallPolicy.id);
  });
});

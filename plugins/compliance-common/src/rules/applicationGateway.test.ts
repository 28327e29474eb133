import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  allLogsDiagnosticSetting,
  appGateway,
  appGatewayV1Legacy,
  appGatewayWafPolicy,
} from '../__fixtures__/families';
import {
  appGatewayHttpsOnlyRule,
  appGatewayMinimumTlsRule,
  appGatewayResourceLogsRule,
  appGatewayV2SkuRule,
  appGatewayWafEnabledRule,
  appGatewayWafManagedRulesRule,
  appGatewayWafPreventionModeRule,
} from './applicationGateway';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

const policy = appGatewayWafPolicy;
const detection = withProperties(policy, {
  policySettings: { state: 'Enabled', mode: 'Detection' },
});
const disabled = withProperties(policy, {
  policySettings: { state: 'Disabled', mode: 'Prevention' },
});
const standardV2 = withProperties(
  withoutProperties(appGateway, 'firewallPolicy'),
  {
    sku: { name: 'Standard_v2', tier: 'Standard_v2' },
  },
);
const tls = (sslPolicy: unknown) => withProperties(appGateway, { sslPolicy });

const cases: Case[] = [
  {
    name: 'linked enabled policy',
    rule: appGatewayWafEnabledRule,
    resource: appGateway,
    inventory: [policy],
    status: 'pass',
    actual: 'Enabled',
  },
  {
    name: 'linked disabled policy',
    rule: appGatewayWafEnabledRule,
    resource: appGateway,
    inventory: [disabled],
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'Standard_v2 without WAF',
    rule: appGatewayWafEnabledRule,
    resource: standardV2,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'legacy configuration on',
    rule: appGatewayWafEnabledRule,
    resource: appGatewayV1Legacy,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'policy not in inventory',
    rule: appGatewayWafEnabledRule,
    resource: appGateway,
    status: 'unknown',
    actual: policy.id,
  },
  {
    name: 'nothing reported',
    rule: appGatewayWafEnabledRule,
    resource: withoutProperties(appGateway, 'firewallPolicy', 'sku'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'policy in Prevention',
    rule: appGatewayWafPreventionModeRule,
    resource: policy,
    status: 'pass',
    actual: 'Prevention',
  },
  {
    name: 'policy in Detection',
    rule: appGatewayWafPreventionModeRule,
    resource: detection,
    status: 'fail',
    actual: 'Detection',
  },
  {
    name: 'policy mode not reported',
    rule: appGatewayWafPreventionModeRule,
    resource: withProperties(policy, { policySettings: { state: 'Enabled' } }),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'gateway through its policy',
    rule: appGatewayWafPreventionModeRule,
    resource: appGateway,
    inventory: [detection],
    status: 'fail',
    actual: 'Detection',
  },
  {
    name: 'legacy Detection',
    rule: appGatewayWafPreventionModeRule,
    resource: appGatewayV1Legacy,
    status: 'fail',
    actual: 'Detection',
  },
  {
    name: 'gateway without WAF',
    rule: appGatewayWafPreventionModeRule,
    resource: standardV2,
    status: 'fail',
    actual: 'none',
  },

  {
    name: 'DRS 2.1',
    rule: appGatewayWafManagedRulesRule,
    resource: policy,
    status: 'pass',
    actual: 'Microsoft_DefaultRuleSet, Microsoft_BotManagerRuleSet',
  },
  {
    name: 'bot rules only',
    rule: appGatewayWafManagedRulesRule,
    resource: withProperties(policy, {
      managedRules: {
        managedRuleSets: [
          { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' },
        ],
      },
    }),
    status: 'fail',
    actual: 'Microsoft_BotManagerRuleSet',
  },
  {
    name: 'no managed rules reported',
    rule: appGatewayWafManagedRulesRule,
    resource: withoutProperties(policy, 'managedRules'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'legacy OWASP',
    rule: appGatewayWafManagedRulesRule,
    resource: appGatewayV1Legacy,
    status: 'pass',
    actual: 'OWASP',
  },

  {
    name: 'WAF_v2',
    rule: appGatewayV2SkuRule,
    resource: appGateway,
    status: 'pass',
    actual: 'WAF_v2',
  },
  {
    name: 'WAF v1',
    rule: appGatewayV2SkuRule,
    resource: appGatewayV1Legacy,
    status: 'fail',
    actual: 'WAF',
  },
  {
    name: 'no SKU',
    rule: appGatewayV2SkuRule,
    resource: withoutProperties(appGateway, 'sku'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'AppGwSslPolicy20220101S',
    rule: appGatewayMinimumTlsRule,
    resource: appGateway,
    status: 'pass',
    actual: 'AppGwSslPolicy20220101S',
  },
  {
    name: 'AppGwSslPolicy20150501',
    rule: appGatewayMinimumTlsRule,
    resource: appGatewayV1Legacy,
    status: 'fail',
    actual: 'AppGwSslPolicy20150501',
  },
  {
    name: 'AppGwSslPolicy20170401 (TLS 1.1)',
    rule: appGatewayMinimumTlsRule,
    resource: tls({
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy20170401',
    }),
    status: 'fail',
    actual: 'AppGwSslPolicy20170401',
  },
  {
    name: 'CustomV2 TLSv1_3',
    rule: appGatewayMinimumTlsRule,
    resource: tls({
      policyType: 'CustomV2',
      minProtocolVersion: 'TLSv1_3',
      cipherSuites: [],
    }),
    status: 'pass',
    actual: 'TLSv1_3',
  },
  {
    name: 'Custom TLSv1_1',
    rule: appGatewayMinimumTlsRule,
    resource: tls({ policyType: 'Custom', minProtocolVersion: 'TLSv1_1' }),
    status: 'fail',
    actual: 'TLSv1_1',
  },
  {
    name: 'no sslPolicy',
    rule: appGatewayMinimumTlsRule,
    resource: withoutProperties(appGateway, 'sslPolicy'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'unknown predefined name',
    rule: appGatewayMinimumTlsRule,
    resource: tls({
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy2099',
    }),
    status: 'unknown',
    actual: '{"policyType":"Predefined","policyName":"AppGwSslPolicy2099"}',
  },

  {
    name: 'HTTP listener redirects to HTTPS',
    rule: appGatewayHttpsOnlyRule,
    resource: appGateway,
    status: 'pass',
    actual: 'HTTPS only',
  },
  {
    name: 'HTTP listener routes to the backends',
    rule: appGatewayHttpsOnlyRule,
    resource: withProperties(appGateway, {
      requestRoutingRules: (
        appGateway.properties.requestRoutingRules as Array<Record<string, any>>
      ).map(r => ({
        ...r,
        properties: { ...r.properties, redirectConfiguration: undefined },
      })),
    }),
    status: 'fail',
    actual: 'plain HTTP: http',
  },
  {
    name: 'redirect to an http:// URL',
    rule: appGatewayHttpsOnlyRule,
    resource: withProperties(appGateway, {
      redirectConfigurations: [
        {
          id: `${appGateway.id}/redirectConfigurations/to-https`,
          name: 'to-https',
          properties: {
            redirectType: 'Found',
            targetUrl: 'http://portal.example.org',
          },
        },
      ],
    }),
    status: 'fail',
    actual: 'plain HTTP: http',
  },
  {
    name: 'listeners not reported',
    rule: appGatewayHttpsOnlyRule,
    resource: withoutProperties(appGateway, 'httpListeners'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'logs to a workspace',
    rule: appGatewayResourceLogsRule,
    resource: appGateway,
    inventory: [allLogsDiagnosticSetting(appGateway.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(appGateway.id).properties
      .workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: appGatewayResourceLogsRule,
    resource: appGateway,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: appGatewayResourceLogsRule,
    resource: appGateway,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('Application Gateway rules', () => {
  itJudgesEachCase(cases);

  it('points at the linked policy as evidence', () => {
    const outcome = appGatewayWafPreventionModeRule.evaluate(
      appGateway,
      ruleContext([appGateway, policy]),
    );
    expect(outcome.evidenceResourceId).toBe(policy.id);
  });

  it('names the resource-type mirror, not the generic one of monitor.resource-logs', () => {
    const outcome = appGatewayResourceLogsRule.evaluate(
      appGateway,
      ruleContext([appGateway]),
    );
    expect(outcome.mirrors).toBeUndefined();
    expect(appGatewayResourceLogsRule.mirrors?.definitionId).toBe(
      '7f89b1eb-583c-429a-8828-af049802c1d9',
    );
  });
});

import {
  fromArm,
  withoutProperties,
  withProperties,
} from '../__fixtures__/arm';
import {
  allLogsDiagnosticSetting,
  frontDoorClassic,
  frontDoorCustomDomain,
  frontDoorProfile,
  frontDoorRoute,
  frontDoorSecurityPolicy,
  frontDoorWafPolicy,
} from '../__fixtures__/families';
import {
  frontDoorHttpsOnlyRule,
  frontDoorMinimumTlsRule,
  frontDoorResourceLogsRule,
  frontDoorWafAttachedRule,
  frontDoorWafPreventionModeRule,
} from './frontDoor';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

const profile = frontDoorProfile;
const endpointResource = fromArm({
  id: `${profile.id}/afdEndpoints/portal`,
  name: 'portal',
  type: 'Microsoft.Cdn/profiles/afdEndpoints',
  location: 'Global',
  properties: {
    hostName: 'portal-abc123.z01.azurefd.net',
    enabledState: 'Enabled',
  },
});
const classic = frontDoorClassic;
const endpoints = classic.properties.frontendEndpoints as Array<
  Record<string, any>
>;
const rules = classic.properties.routingRules as Array<Record<string, any>>;
const classicWith = (p: Record<string, unknown>) => withProperties(classic, p);
const endpoint = (properties: Record<string, unknown>) => ({
  ...endpoints[0],
  properties: { ...endpoints[0].properties, ...properties },
});

const cases: Case[] = [
  {
    name: 'enabled, Prevention',
    rule: frontDoorWafPreventionModeRule,
    resource: frontDoorWafPolicy,
    status: 'pass',
    actual: 'Prevention',
  },
  {
    name: 'Detection',
    rule: frontDoorWafPreventionModeRule,
    resource: withProperties(frontDoorWafPolicy, {
      policySettings: { enabledState: 'Enabled', mode: 'Detection' },
    }),
    status: 'fail',
    actual: 'Detection',
  },
  {
    name: 'disabled',
    rule: frontDoorWafPreventionModeRule,
    resource: withProperties(frontDoorWafPolicy, {
      policySettings: { enabledState: 'Disabled', mode: 'Prevention' },
    }),
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'not reported',
    rule: frontDoorWafPreventionModeRule,
    resource: withoutProperties(frontDoorWafPolicy, 'policySettings'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'WAF security policy',
    rule: frontDoorWafAttachedRule,
    resource: profile,
    inventory: [frontDoorSecurityPolicy],
    status: 'pass',
    actual: 'WebApplicationFirewall',
  },
  {
    name: 'no security policy',
    rule: frontDoorWafAttachedRule,
    resource: profile,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'security policies not collected',
    rule: frontDoorWafAttachedRule,
    resource: profile,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'classic: every endpoint linked',
    rule: frontDoorWafAttachedRule,
    resource: classic,
    status: 'pass',
    actual: 'all linked',
  },
  {
    name: 'classic: endpoint without policy',
    rule: frontDoorWafAttachedRule,
    resource: classicWith({
      frontendEndpoints: [
        endpoint({ webApplicationFirewallPolicyLink: undefined }),
      ],
    }),
    status: 'fail',
    actual: 'unprotected: portal',
  },
  {
    name: 'classic: endpoints not reported',
    rule: frontDoorWafAttachedRule,
    resource: withoutProperties(classic, 'frontendEndpoints'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'HTTP redirected',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    inventory: [frontDoorRoute],
    status: 'pass',
    actual: 'HTTPS only',
  },
  {
    name: 'HTTPS only',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    inventory: [
      withProperties(frontDoorRoute, {
        supportedProtocols: ['Https'],
        httpsRedirect: 'Disabled',
      }),
    ],
    status: 'pass',
    actual: 'HTTPS only',
  },
  {
    name: 'HTTP forwarded',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    inventory: [withProperties(frontDoorRoute, { httpsRedirect: 'Disabled' })],
    status: 'fail',
    actual: 'plain HTTP: default',
  },
  {
    name: 'protocols not reported',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    inventory: [withoutProperties(frontDoorRoute, 'supportedProtocols')],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'routes not collected',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'classic: HTTP only redirects',
    rule: frontDoorHttpsOnlyRule,
    resource: classic,
    status: 'pass',
    actual: 'HTTPS only',
  },
  {
    name: 'classic: HTTP forwarded',
    rule: frontDoorHttpsOnlyRule,
    resource: classicWith({
      routingRules: [
        {
          ...rules[0],
          properties: {
            ...rules[0].properties,
            acceptedProtocols: ['Http', 'Https'],
          },
        },
      ],
    }),
    status: 'fail',
    actual: 'plain HTTP: https',
  },
  {
    name: 'classic: rules not reported',
    rule: frontDoorHttpsOnlyRule,
    resource: withoutProperties(classic, 'routingRules'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'endpoint read, its routes not',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    inventory: [endpointResource],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no endpoints, no routes',
    rule: frontDoorHttpsOnlyRule,
    resource: profile,
    status: 'pass',
    actual: 'no routes',
  },
  {
    name: 'route serves a custom domain the inventory lacks',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    inventory: [
      withProperties(frontDoorRoute, {
        customDomains: [{ id: frontDoorCustomDomain.id, isActive: true }],
      }),
    ],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'TLS12 custom domain',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    inventory: [frontDoorCustomDomain],
    status: 'pass',
    actual: 'portal=TLS12',
  },
  {
    name: 'TLS10 custom domain',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    inventory: [
      withProperties(frontDoorCustomDomain, {
        tlsSettings: {
          certificateType: 'ManagedCertificate',
          minimumTlsVersion: 'TLS10',
        },
      }),
    ],
    status: 'fail',
    actual: 'portal=TLS10',
  },
  {
    name: 'no custom domains',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    status: 'pass',
    actual: 'no custom domains',
  },
  {
    name: 'custom domains not collected',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'domain TLS not reported',
    rule: frontDoorMinimumTlsRule,
    resource: profile,
    inventory: [withoutProperties(frontDoorCustomDomain, 'tlsSettings')],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'classic 1.2',
    rule: frontDoorMinimumTlsRule,
    resource: classic,
    status: 'pass',
    actual: 'portal=1.2',
  },
  {
    name: 'classic 1.0',
    rule: frontDoorMinimumTlsRule,
    resource: classicWith({
      frontendEndpoints: [
        endpoint({
          customHttpsConfiguration: {
            certificateSource: 'FrontDoor',
            minimumTlsVersion: '1.0',
          },
        }),
      ],
    }),
    status: 'fail',
    actual: 'portal=1.0',
  },

  {
    name: 'logs to a workspace',
    rule: frontDoorResourceLogsRule,
    resource: profile,
    inventory: [allLogsDiagnosticSetting(profile.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(profile.id).properties
      .workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: frontDoorResourceLogsRule,
    resource: classic,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: frontDoorResourceLogsRule,
    resource: profile,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('Front Door rules', () => {
  itJudgesEachCase(cases);

  it('skips CDN profiles that are not Front Door', () => {
    const cdn = { ...profile, sku: { name: 'Standard_Microsoft' } };
    for (const rule of [
      frontDoorWafAttachedRule,
      frontDoorHttpsOnlyRule,
      frontDoorMinimumTlsRule,
      frontDoorResourceLogsRule,
    ]) {
      expect(rule.appliesTo?.(cdn)).toBe(false);
      expect(rule.appliesTo?.(profile)).toBe(true);
    }
  });
});

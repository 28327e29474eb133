import type { AzureResource } from '@vitals/azure-inventory-common';
import { withoutProperties, withProperties } from '../__fixtures__/arm';
import {
  allLogsDiagnosticSetting,
  eventHubNamespace,
  serviceBusNamespace,
} from '../__fixtures__/families';
import {
  eventHubLocalAuthDisabledRule,
  eventHubMinimumTlsRule,
  eventHubPrivateAccessRule,
  eventHubResourceLogsRule,
  serviceBusLocalAuthDisabledRule,
  serviceBusMinimumTlsRule,
  serviceBusPrivateAccessRule,
  serviceBusResourceLogsRule,
} from './messaging';
import type { ResourceRule } from './types';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

/** The same table for both brokers: their namespaces share the property names. */
function namespaceCases(
  namespace: AzureResource,
  rules: {
    localAuth: ResourceRule;
    tls: ResourceRule;
    access: ResourceRule;
    logs: ResourceRule;
  },
): Case[] {
  const ns = namespace;
  const workspace = allLogsDiagnosticSetting(ns.id).properties
    .workspaceId as string;
  return [
    {
      name: 'SAS keys off',
      rule: rules.localAuth,
      resource: ns,
      status: 'pass',
      actual: 'true',
    },
    {
      name: 'SAS keys on',
      rule: rules.localAuth,
      resource: withProperties(ns, { disableLocalAuth: false }),
      status: 'fail',
      actual: 'false',
    },
    {
      name: 'not reported',
      rule: rules.localAuth,
      resource: withoutProperties(ns, 'disableLocalAuth'),
      status: 'unknown',
      actual: null,
    },
    {
      name: '1.2',
      rule: rules.tls,
      resource: ns,
      status: 'pass',
      actual: '1.2',
    },
    {
      name: '1.0',
      rule: rules.tls,
      resource: withProperties(ns, { minimumTlsVersion: '1.0' }),
      status: 'fail',
      actual: '1.0',
    },
    {
      name: '1.1',
      rule: rules.tls,
      resource: withProperties(ns, { minimumTlsVersion: '1.1' }),
      status: 'fail',
      actual: '1.1',
    },
    {
      name: 'not reported',
      rule: rules.tls,
      resource: withoutProperties(ns, 'minimumTlsVersion'),
      status: 'unknown',
      actual: null,
    },
    {
      name: 'Disabled',
      rule: rules.access,
      resource: ns,
      status: 'pass',
      actual: 'Disabled',
    },
    {
      name: 'SecuredByPerimeter',
      rule: rules.access,
      resource: withProperties(ns, {
        publicNetworkAccess: 'SecuredByPerimeter',
      }),
      status: 'pass',
      actual: 'SecuredByPerimeter',
    },
    {
      name: 'Enabled',
      rule: rules.access,
      resource: withProperties(ns, { publicNetworkAccess: 'Enabled' }),
      status: 'fail',
      actual: 'Enabled',
    },
    {
      name: 'not reported',
      rule: rules.access,
      resource: withoutProperties(ns, 'publicNetworkAccess'),
      status: 'unknown',
      actual: null,
    },
    {
      name: 'logs to a workspace',
      rule: rules.logs,
      resource: ns,
      inventory: [allLogsDiagnosticSetting(ns.id)],
      status: 'pass',
      actual: workspace,
    },
    {
      name: 'no diagnostic settings',
      rule: rules.logs,
      resource: ns,
      status: 'fail',
      actual: 'none',
    },
    {
      name: 'settings not collected',
      rule: rules.logs,
      resource: ns,
      context: { collectedChildTypes: new Set() },
      status: 'unknown',
      actual: null,
    },
  ];
}

const cases: Case[] = [
  ...namespaceCases(eventHubNamespace, {
    localAuth: eventHubLocalAuthDisabledRule,
    tls: eventHubMinimumTlsRule,
    access: eventHubPrivateAccessRule,
    logs: eventHubResourceLogsRule,
  }),
  ...namespaceCases(serviceBusNamespace, {
    localAuth: serviceBusLocalAuthDisabledRule,
    tls: serviceBusMinimumTlsRule,
    access: serviceBusPrivateAccessRule,
    logs: serviceBusResourceLogsRule,
  }),
];

describe('Event Hubs and Service Bus rules', () => {
  itJudgesEachCase(cases);

  it('judges each broker only by its own type', () => {
    expect(eventHubLocalAuthDisabledRule.resourceTypes).toEqual([
      'microsoft.eventhub/namespaces',
    ]);
    expect(serviceBusLocalAuthDisabledRule.resourceTypes).toEqual([
      'microsoft.servicebus/namespaces',
    ]);
    expect(eventHubNamespace.type).toBe('microsoft.eventhub/namespaces');
    expect(serviceBusNamespace.type).toBe('microsoft.servicebus/namespaces');
  });
});

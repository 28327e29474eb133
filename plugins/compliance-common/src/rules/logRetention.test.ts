import type { AzureResource } from '@vitals/azure-inventory-common';
import { withProperties } from '../__fixtures__/arm';
import {
  diagnosticSettingToWorkspace,
  logAnalyticsWorkspace,
} from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  eventHubNamespace,
  frontDoorProfile,
  managedInstance,
} from '../__fixtures__/families';
import { platformLogRetentionRule } from './logRetention';
import type { RuleContext } from './types';

const sixYears = withProperties(logAnalyticsWorkspace, {
  retentionInDays: 2190,
});

const cases: Array<{
  name: string;
  resource: AzureResource;
  inventory?: AzureResource[];
  context?: Partial<Omit<RuleContext, 'inventory'>>;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}> = [
  {
    name: 'Event Hubs logs kept six years',
    resource: eventHubNamespace,
    inventory: [diagnosticSettingToWorkspace(eventHubNamespace.id), sixYears],
    status: 'pass',
    actual: '2190 days (workspace AzTest2170)',
  },
  {
    name: 'managed instance logs kept 30 days',
    resource: managedInstance,
    inventory: [
      diagnosticSettingToWorkspace(managedInstance.id),
      logAnalyticsWorkspace,
    ],
    status: 'fail',
    actual: '30 days (workspace AzTest2170)',
  },
  {
    name: 'no logs sent anywhere',
    resource: eventHubNamespace,
    status: 'fail',
    actual: 'no workspace destination',
  },
  {
    name: 'workspace not in the inventory',
    resource: eventHubNamespace,
    inventory: [diagnosticSettingToWorkspace(eventHubNamespace.id)],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'settings not collected',
    resource: eventHubNamespace,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('monitor.platform-log-retention', () => {
  it.each(cases)(
    '$name → $status',
    ({ resource, inventory = [], context, status, actual }) => {
      const outcome = platformLogRetentionRule.evaluate(
        resource,
        ruleContext([resource, ...inventory], context),
      );
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
    },
  );

  it('covers every family judged for resource logs, and only Front Door among CDN profiles', () => {
    expect(platformLogRetentionRule.resourceTypes).toEqual(
      expect.arrayContaining([
        'microsoft.sql/managedinstances',
        'microsoft.network/applicationgateways',
        'microsoft.cdn/profiles',
        'microsoft.network/frontdoors',
        'microsoft.network/trafficmanagerprofiles',
        'microsoft.network/azurefirewalls',
        'microsoft.apimanagement/service',
        'microsoft.eventhub/namespaces',
        'microsoft.servicebus/namespaces',
        'microsoft.devices/iothubs',
      ]),
    );
    expect(platformLogRetentionRule.appliesTo?.(frontDoorProfile)).toBe(true);
    expect(
      platformLogRetentionRule.appliesTo?.({
        ...frontDoorProfile,
        sku: { name: 'Standard_Verizon' },
      }),
    ).toBe(false);
  });
});

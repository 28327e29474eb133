import type { AzureResource } from '@vitals/azure-inventory-common';
import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  allLogsDiagnosticSetting,
  trafficManagerProfile,
} from '../__fixtures__/families';
import {
  trafficManagerHttpsProbesRule,
  trafficManagerResourceLogsRule,
} from './trafficManager';
import type { ResourceRule, RuleContext } from './types';

const tm = trafficManagerProfile;
const probe = (protocol: string) =>
  withProperties(tm, { monitorConfig: { protocol, port: 80, path: '/' } });

const cases: Array<{
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  inventory?: AzureResource[];
  context?: Partial<Omit<RuleContext, 'inventory'>>;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}> = [
  {
    name: 'HTTPS',
    rule: trafficManagerHttpsProbesRule,
    resource: tm,
    status: 'pass',
    actual: 'HTTPS',
  },
  {
    name: 'TCP',
    rule: trafficManagerHttpsProbesRule,
    resource: probe('TCP'),
    status: 'pass',
    actual: 'TCP',
  },
  {
    name: 'HTTP',
    rule: trafficManagerHttpsProbesRule,
    resource: probe('HTTP'),
    status: 'fail',
    actual: 'HTTP',
  },
  {
    name: 'no monitorConfig',
    rule: trafficManagerHttpsProbesRule,
    resource: withoutProperties(tm, 'monitorConfig'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'logs to a workspace',
    rule: trafficManagerResourceLogsRule,
    resource: tm,
    inventory: [allLogsDiagnosticSetting(tm.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(tm.id).properties.workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: trafficManagerResourceLogsRule,
    resource: tm,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: trafficManagerResourceLogsRule,
    resource: tm,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('Traffic Manager rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, inventory = [], context, status, actual }) => {
      const outcome = rule.evaluate(
        resource,
        ruleContext([resource, ...inventory], context),
      );
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
    },
  );
});

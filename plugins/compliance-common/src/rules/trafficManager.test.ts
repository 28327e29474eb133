import { withoutProperties, withProperties } from '../__fixtures__/arm';
import {
  allLogsDiagnosticSetting,
  trafficManagerProfile,
} from '../__fixtures__/families';
import {
  trafficManagerHttpsProbesRule,
  trafficManagerResourceLogsRule,
} from './trafficManager';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const tm = trafficManagerProfile;
const probe = (protocol: string) =>
  withProperties(tm, { monitorConfig: { protocol, port: 80, path: '/' } });

const cases: RuleCase[] = [
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
  itJudgesEachCase(cases);
});

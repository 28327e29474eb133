import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { allLogsDiagnosticSetting, iotHub } from '../__fixtures__/families';
import {
  iotHubLocalAuthDisabledRule,
  iotHubPrivateAccessRule,
  iotHubResourceLogsRule,
} from './iotHub';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
  {
    name: 'SAS off',
    rule: iotHubLocalAuthDisabledRule,
    resource: iotHub,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'SAS on',
    rule: iotHubLocalAuthDisabledRule,
    resource: withProperties(iotHub, { disableLocalAuth: false }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'not reported',
    rule: iotHubLocalAuthDisabledRule,
    resource: withoutProperties(iotHub, 'disableLocalAuth'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'Disabled',
    rule: iotHubPrivateAccessRule,
    resource: iotHub,
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'Enabled',
    rule: iotHubPrivateAccessRule,
    resource: withProperties(iotHub, { publicNetworkAccess: 'Enabled' }),
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'not reported',
    rule: iotHubPrivateAccessRule,
    resource: withoutProperties(iotHub, 'publicNetworkAccess'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'logs to a workspace',
    rule: iotHubResourceLogsRule,
    resource: iotHub,
    inventory: [allLogsDiagnosticSetting(iotHub.id)],
    status: 'pass',
    actual: allLogsDiagnosticSetting(iotHub.id).properties
      .workspaceId as string,
  },
  {
    name: 'no diagnostic settings',
    rule: iotHubResourceLogsRule,
    resource: iotHub,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: iotHubResourceLogsRule,
    resource: iotHub,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('IoT Hub rules', () => {
  itJudgesEachCase(cases);

  it('mirrors the initiative’s IoT Hub resource-logs built-in', () => {
    expect(iotHubResourceLogsRule.mirrors?.definitionId).toBe(
      '383856f8-de7f-44a2-81fc-e5135b5c2aa4',
    );
  });
});

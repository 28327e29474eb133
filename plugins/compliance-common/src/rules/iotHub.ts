import { resourceLogsRuleFor } from './resourceLogs';
import type { ResourceRule } from './types';
import { judgeFlag, judgeText } from './values';

export const IOT_HUB = 'microsoft.devices/iothubs';

export const iotHubLocalAuthDisabledRule: ResourceRule = {
  id: 'iothub.local-auth-disabled',
  title:
    'IoT hubs accept Microsoft Entra ID only for service APIs (no SAS keys)',
  resourceTypes: [IOT_HUB],
  // "Azure IoT Hub should have local authentication methods disabled for
  // Service Apis" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Disable SAS-key access to the service APIs (Terraform azurerm_iothub local_authentication_enabled = false).',
  evaluate: resource =>
    judgeFlag(resource, 'properties.disableLocalAuth', true, {
      pass: 'Back-end services must authenticate with Microsoft Entra ID.',
      fail: 'Shared access policies (iothubowner, service) can read device telemetry with a key.',
    }),
};

export const iotHubPrivateAccessRule: ResourceRule = {
  id: 'iothub.private-access',
  title: 'IoT hubs disable public network access',
  resourceTypes: [IOT_HUB],
  // "Azure IoT Hub should disable public network access" is in neither
  // initiative.
  mirrors: undefined,
  remediation:
    'Use private endpoints and disable public network access (Terraform azurerm_iothub public_network_access_enabled = false).',
  evaluate: resource =>
    judgeText(resource, 'properties.publicNetworkAccess', ['Disabled'], {
      pass: 'Devices and services reach the hub through private endpoints only.',
      fail: 'The hub accepts connections from public networks.',
    }),
};

export const iotHubResourceLogsRule = resourceLogsRuleFor({
  id: 'iothub.resource-logs',
  title: 'IoT Hub resource logs reach a workspace',
  resourceTypes: [IOT_HUB],
  mirrors: {
    policyName: 'Resource logs in IoT Hub should be enabled',
    definitionId: '383856f8-de7f-44a2-81fc-e5135b5c2aa4',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1204.09aa1System.3-09.aa'],
  },
});

export const iotHubRules: readonly ResourceRule[] = [
  iotHubLocalAuthDisabledRule,
  iotHubPrivateAccessRule,
  iotHubResourceLogsRule,
];

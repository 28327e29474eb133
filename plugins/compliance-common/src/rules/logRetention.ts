import type { AzureResource } from '@vitals/azure-inventory-common';
import { apimResourceLogsRule } from './apiManagement';
import { appGatewayResourceLogsRule } from './applicationGateway';
import { firewallResourceLogsRule } from './firewall';
import { frontDoorResourceLogsRule } from './frontDoor';
import { iotHubResourceLogsRule } from './iotHub';
import {
  eventHubResourceLogsRule,
  serviceBusResourceLogsRule,
} from './messaging';
import { logRetentionRule } from './monitoring';
import { sqlMiAuditingRule } from './sqlManagedInstance';
import { trafficManagerResourceLogsRule } from './trafficManager';
import type { ResourceRule } from './types';

/** The rules whose logs must then be kept: every family judged for resource logs outside `monitor.resource-logs`. */
const LOGGED_BY: readonly ResourceRule[] = [
  sqlMiAuditingRule,
  appGatewayResourceLogsRule,
  frontDoorResourceLogsRule,
  trafficManagerResourceLogsRule,
  firewallResourceLogsRule,
  apimResourceLogsRule,
  eventHubResourceLogsRule,
  serviceBusResourceLogsRule,
  iotHubResourceLogsRule,
];

const ruleFor = (resource: AzureResource) =>
  LOGGED_BY.find(r => r.resourceTypes.includes(resource.type));

export const platformLogRetentionRule: ResourceRule = {
  id: 'monitor.platform-log-retention',
  title:
    'Logs of managed instances, gateways, firewalls and brokers are retained for the required period',
  resourceTypes: [...new Set(LOGGED_BY.flatMap(r => r.resourceTypes))],
  // As monitor.log-retention: no built-in in either initiative tests
  // workspace or table retention.
  mirrors: undefined,
  remediation: logRetentionRule.remediation,
  appliesTo: resource => ruleFor(resource)?.appliesTo?.(resource) ?? true,
  evaluate: (resource, context) => logRetentionRule.evaluate(resource, context),
};

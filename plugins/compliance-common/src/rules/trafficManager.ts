import {
  DIAGNOSTIC_SETTINGS_MIRROR,
  resourceLogsRuleFor,
} from './resourceLogs';
import type { ResourceRule } from './types';
import { judgeText } from './values';

export const TRAFFIC_MANAGER = 'microsoft.network/trafficmanagerprofiles';

export const trafficManagerHttpsProbesRule: ResourceRule = {
  id: 'trafficmanager.https-probes',
  title: 'Traffic Manager probes endpoints over HTTPS (or TCP)',
  resourceTypes: [TRAFFIC_MANAGER],
  // No built-in in either initiative. Traffic Manager only resolves DNS; the
  // finding is that an HTTP probe needs every endpoint to keep a plain-HTTP
  // listener open on the internet, which 164.312(e)(1) asks to close.
  mirrors: undefined,
  remediation:
    'Probe with HTTPS (Terraform azurerm_traffic_manager_profile monitor_config { protocol = "HTTPS" }).',
  evaluate: resource =>
    judgeText(resource, 'properties.monitorConfig.protocol', ['HTTPS', 'TCP'], {
      pass: 'Endpoints need no plain-HTTP listener for health probes.',
      fail: 'HTTP probes keep a plain-HTTP listener open on every endpoint.',
    }),
};

export const trafficManagerResourceLogsRule = resourceLogsRuleFor({
  id: 'trafficmanager.resource-logs',
  title: 'Traffic Manager probe health events reach a workspace',
  resourceTypes: [TRAFFIC_MANAGER],
  mirrors: DIAGNOSTIC_SETTINGS_MIRROR,
});

export const trafficManagerRules: readonly ResourceRule[] = [
  trafficManagerHttpsProbesRule,
  trafficManagerResourceLogsRule,
];

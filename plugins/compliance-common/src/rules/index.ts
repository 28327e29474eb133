import { aksRules } from './aks';
import { apiManagementRules } from './apiManagement';
import { applicationGatewayRules } from './applicationGateway';
import { applicationInsightsRules } from './applicationInsights';
import { appServiceRules } from './appService';
import { containerRules } from './containers';
import { cosmosDbRules } from './cosmosDb';
import { firewallRules } from './firewall';
import { frontDoorRules } from './frontDoor';
import { iotHubRules } from './iotHub';
import { keyVaultRules } from './keyVault';
import { logAnalyticsRules } from './logAnalytics';
import { platformLogRetentionRule } from './logRetention';
import { managedDiskRules } from './managedDisks';
import { messagingRules } from './messaging';
import { monitoringRules } from './monitoring';
import { recoveryServicesRules } from './recoveryServices';
import { redisRules } from './redis';
import { sqlRules } from './sql';
import { sqlManagedInstanceRules } from './sqlManagedInstance';
import { storageRules } from './storage';
import { trafficManagerRules } from './trafficManager';
import { virtualMachineRules } from './virtualMachines';
import type { ResourceRule } from './types';

export type {
  CheckStatus,
  PolicyInitiative,
  PolicyMirror,
  ResourceRule,
  RuleContext,
  RuleOutcome,
} from './types';
export * from './aks';
export * from './apiManagement';
export * from './applicationGateway';
export * from './applicationInsights';
export * from './appService';
export * from './containers';
export * from './cosmosDb';
export * from './firewall';
export * from './frontDoor';
export * from './iotHub';
export * from './keyVault';
export * from './logAnalytics';
export * from './logRetention';
export * from './managedDisks';
export * from './messaging';
export * from './monitoring';
export * from './recoveryServices';
export * from './redis';
export * from './resourceLogs';
export * from './sql';
export * from './sqlManagedInstance';
export * from './storage';
export * from './trafficManager';
export * from './virtualMachines';

/** Every built-in resource rule, in a stable order. */
export const resourceRules: readonly ResourceRule[] = [
  ...storageRules,
  ...sqlRules,
  ...keyVaultRules,
  ...appServiceRules,
  ...cosmosDbRules,
  ...aksRules,
  ...monitoringRules,
  ...sqlManagedInstanceRules,
  ...virtualMachineRules,
  ...redisRules,
  ...messagingRules,
  ...iotHubRules,
  ...apiManagementRules,
  ...applicationGatewayRules,
  ...frontDoorRules,
  ...trafficManagerRules,
  ...firewallRules,
  ...containerRules,
  ...applicationInsightsRules,
  ...recoveryServicesRules,
  ...managedDiskRules,
  ...logAnalyticsRules,
  platformLogRetentionRule,
];

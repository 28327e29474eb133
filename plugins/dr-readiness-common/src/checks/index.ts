import type { ReadinessCheckResult } from '../types';
import { backupVaultCheck, geoRedundantBackupsCheck } from './backup';
import { ReadinessCheckInfo, readinessCheckInfo } from './catalog';
import { computeInSurvivingRegionCheck } from './compute';
import { cosmosMultiRegionCheck } from './cosmosDb';
import { drDrillCheck } from './drills';
import {
  keyVaultInSurvivingRegionCheck,
  keyVaultRecoveryCheck,
} from './keyVault';
import { apiManagementRegionsCheck } from './apiManagement';
import { applicationGatewayCheck, wafPolicyCheck } from './applicationGateway';
import { applicationInsightsCheck } from './applicationInsights';
import { firewallCheck, firewallPolicyCheck } from './firewall';
import { iotHubFailoverCheck } from './iotHub';
import { logWorkspaceReplicationCheck } from './logAnalytics';
import { messagingGeoRecoveryCheck } from './messaging';
import { redisGeoReplicationCheck } from './redis';
import { sqlManagedInstanceFailoverGroupCheck } from './sqlManagedInstance';
import { virtualMachineRecoveryCheck } from './virtualMachines';
import { observedRpoCheck } from './observedRpo';
import {
  dataResidencyCheck,
  secondaryRegionCheck,
  writeRegionPlacementCheck,
} from './regions';
import { globalRoutingCheck } from './routing';
import { sqlFailoverGroupCheck, sqlFailoverPolicyCheck } from './sql';
import { storageGeoReplicationCheck } from './storage';
import type { CheckInput, ReadinessCheckDefinition } from './values';
import { zoneRedundancyCheck } from './zones';

export type { ReadinessCheckInfo } from './catalog';
export {
  DRILL_FAIL_AGE_DAYS,
  DRILL_WARN_AGE_DAYS,
  OUTAGE_DETECTION_SECONDS,
  RESOURCE_TYPES,
  worstCheckStatus,
} from './values';
export type {
  CheckInput,
  ReadinessCheck,
  ReadinessCheckDefinition,
  ReplicationLagObservation,
} from './values';
export { checkBackupVault, checkGeoRedundantBackups } from './backup';
export { backupVaultCheck, geoRedundantBackupsCheck };
export { checkComputeInSurvivingRegion } from './compute';
export { computeInSurvivingRegionCheck };
export {
  COSMOS_SERVICE_MANAGED_FAILOVER_SECONDS,
  checkCosmosMultiRegion,
} from './cosmosDb';
export { cosmosMultiRegionCheck };
export { checkDrDrill } from './drills';
export { drDrillCheck };
export {
  checkKeyVaultInSurvivingRegion,
  checkKeyVaultRecovery,
} from './keyVault';
export { keyVaultInSurvivingRegionCheck, keyVaultRecoveryCheck };
export { checkApiManagementRegions } from './apiManagement';
export { apiManagementRegionsCheck };
export { checkApplicationGateway, checkWafPolicy } from './applicationGateway';
export { applicationGatewayCheck, wafPolicyCheck };
export { checkApplicationInsights } from './applicationInsights';
export { applicationInsightsCheck };
export { checkFirewall, checkFirewallPolicy } from './firewall';
export { firewallCheck, firewallPolicyCheck };
export { checkIotHubFailover } from './iotHub';
export { iotHubFailoverCheck };
export { checkLogWorkspaceReplication } from './logAnalytics';
export { logWorkspaceReplicationCheck };
export { checkMessagingGeoRecovery } from './messaging';
export { messagingGeoRecoveryCheck };
export { checkRedisGeoReplication } from './redis';
export { redisGeoReplicationCheck };
export { checkSqlManagedInstanceFailoverGroup } from './sqlManagedInstance';
export { sqlManagedInstanceFailoverGroupCheck };
export { checkVirtualMachineRecovery } from './virtualMachines';
export { virtualMachineRecoveryCheck };
export { checkObservedRpo, observeRpo } from './observedRpo';
export { observedRpoCheck };
export {
  checkDataResidency,
  checkSecondaryRegion,
  checkWriteRegionPlacement,
} from './regions';
export { dataResidencyCheck, secondaryRegionCheck, writeRegionPlacementCheck };
export { checkGlobalRouting } from './routing';
export { globalRoutingCheck };
export {
  SQL_MIN_GRACE_PERIOD_MINUTES,
  automaticSqlRecoverySeconds,
  checkSqlFailoverGroup,
  checkSqlFailoverPolicy,
} from './sql';
export { sqlFailoverGroupCheck, sqlFailoverPolicyCheck };
export { checkStorageReplication } from './storage';
export { storageGeoReplicationCheck };
export { checkZoneRedundancy } from './zones';
export { zoneRedundancyCheck };
export { recoveryComponents } from './recovery';

/** Every readiness check, in the order results are reported. */
export const READINESS_CHECKS: readonly ReadinessCheckDefinition[] = [
  secondaryRegionCheck,
  storageGeoReplicationCheck,
  sqlFailoverGroupCheck,
  sqlManagedInstanceFailoverGroupCheck,
  sqlFailoverPolicyCheck,
  cosmosMultiRegionCheck,
  messagingGeoRecoveryCheck,
  redisGeoReplicationCheck,
  virtualMachineRecoveryCheck,
  geoRedundantBackupsCheck,
  backupVaultCheck,
  logWorkspaceReplicationCheck,
  keyVaultRecoveryCheck,
  keyVaultInSurvivingRegionCheck,
  observedRpoCheck,
  computeInSurvivingRegionCheck,
  apiManagementRegionsCheck,
  applicationGatewayCheck,
  wafPolicyCheck,
  firewallCheck,
  firewallPolicyCheck,
  iotHubFailoverCheck,
  applicationInsightsCheck,
  globalRoutingCheck,
  writeRegionPlacementCheck,
  zoneRedundancyCheck,
  dataResidencyCheck,
  drDrillCheck,
];

/** Every readiness check, described without running it. */
export const READINESS_CHECK_CATALOG: readonly ReadinessCheckInfo[] =
  READINESS_CHECKS.map(readinessCheckInfo);

/** Runs every check for one region role; checks that do not apply are omitted. */
export function runReadinessChecks(input: CheckInput): ReadinessCheckResult[] {
  const results: ReadinessCheckResult[] = [];
  for (const check of READINESS_CHECKS) {
    const result = check.evaluate(input);
    if (result !== undefined) results.push(result);
  }
  return results;
}

import type {
  AzureResource,
  InventoryProvenance,
} from '@vitals/azure-inventory-common';
import type { DrReadinessSummary } from '../catalogChecks';
import { withProperties } from './arm';
import {
  diagnosticSettingToWorkspace,
  keyVault,
  logAnalyticsWorkspace,
  sqlDatabase,
  sqlDatabaseLongTermRetention,
  sqlDatabaseTde,
  sqlMasterDatabase,
  sqlServer,
  sqlServerAuditingDisabled,
  storageAccountCreated,
  workspaceTable,
} from './azure';

/**
 * One PHI service's estate, hand-checked against every HIPAA control:
 * failing SQL auditing (164.308(a)(1)(ii)(D), 164.312(b)) and short
 * long-term backup retention (164.308(a)(7)(ii)(A)); everything else passes.
 */
export const claimsServer = withProperties(sqlServer, {
  minimalTlsVersion: '1.2',
  publicNetworkAccess: 'Disabled',
  administrators: {
    administratorType: 'ActiveDirectory',
    principalType: 'Group',
    login: 'claims-dba',
    sid: '8a1e4c35-9f4b-4b6a-9d56-7d2a3c1b0e9f',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    azureADOnlyAuthentication: true,
  },
});
export const claimsVault = withProperties(keyVault, {
  enableSoftDelete: true,
  softDeleteRetentionInDays: 90,
  enablePurgeProtection: true,
  publicNetworkAccess: 'Disabled',
});
export const claimsStorage = withProperties(storageAccountCreated, {
  networkAcls: {
    bypass: 'AzureServices',
    defaultAction: 'Deny',
    ipRules: [],
    virtualNetworkRules: [],
  },
});
export const claimsAuditingEnabled = withProperties(sqlServerAuditingDisabled, {
  state: 'Enabled',
  isAzureMonitorTargetEnabled: true,
});

/** What the entity's selector matches. */
export const claimsResources: AzureResource[] = [
  claimsServer,
  claimsVault,
  claimsStorage,
];

/** The whole estate: the entity's resources, their children and the shared workspace. */
export const estate: AzureResource[] = [
  ...claimsResources,
  sqlServerAuditingDisabled,
  sqlDatabase,
  sqlMasterDatabase,
  sqlDatabaseTde,
  sqlDatabaseLongTermRetention,
  diagnosticSettingToWorkspace(claimsVault.id),
  diagnosticSettingToWorkspace(sqlDatabase.id),
  diagnosticSettingToWorkspace(`${claimsStorage.id}/blobServices/default`, {
    name: 'blob-logs',
  }),
  logAnalyticsWorkspace,
  workspaceTable('AzureDiagnostics', 90, 2557),
  workspaceTable('StorageBlobLogs', 90, 2557),
];

export const provenance: InventoryProvenance = {
  source: 'snapshot',
  fetchedAt: '2026-11-23T06:00:00Z',
  subscriptions: ['00000000-1111-2222-3333-444444444444'],
  origin: 'snapshot file estate.json',
};

export const drReady: DrReadinessSummary = {
  secondaryRegion: 'japanwest',
  secondaryStatus: 'ready',
  lastDrill: { performedAt: '2026-03-02T09:30:00Z', outcome: 'success' },
  evaluatedAt: '2026-11-23T11:55:00Z',
};

export const NOW = '2026-11-23T12:00:00Z';

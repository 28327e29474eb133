import type { ReadinessPolicy } from '../policy';
import type { DrillRecord } from '../types';
import { arm, resourceGroupId } from './arm';

/**
 * A critical PHI service in East US 2 → Central US (a two-way pair) that is
 * fully ready: GZRS storage, a SQL failover group with customer-managed
 * failover proven by a drill, Cosmos DB with service-managed failover, App
 * Service in both regions behind Front Door, a GRS backup vault with
 * cross-region restore, and a key vault with purge protection.
 */
export const PATIENT_RECORDS_REF = 'component:default/patient-records';

const tags = { 'vitals-entity': PATIENT_RECORDS_REF, environment: 'prod' };
const eus2 = resourceGroupId('rg-patient-records-eus2');
const cus = resourceGroupId('rg-patient-records-cus');
const primaryServer = `${eus2}/providers/Microsoft.Sql/servers/sql-patient-records-eus2`;
const secondaryServer = `${cus}/providers/Microsoft.Sql/servers/sql-patient-records-cus`;
const siteEus2 = `${eus2}/providers/Microsoft.Web/sites/app-patient-records-eus2`;
const frontDoor = `${eus2}/providers/Microsoft.Cdn/profiles/afd-patient-records`;

export const patientRecordsPolicy: ReadinessPolicy = {
  tier: 'critical',
  rto: 'PT15M',
  rpo: 'PT5M',
  primaryRegion: 'eastus2',
  secondaryRegion: 'centralus',
  dataClassification: 'phi',
};

export const patientRecordsResources = [
  arm({
    id: `${eus2}/providers/Microsoft.Storage/storageAccounts/stpatientrecordseus2`,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'eastus2',
    kind: 'StorageV2',
    sku: { name: 'Standard_RAGZRS', tier: 'Standard' },
    tags,
    properties: {
      provisioningState: 'Succeeded',
      primaryLocation: 'eastus2',
      statusOfPrimary: 'available',
      secondaryLocation: 'centralus',
      statusOfSecondary: 'available',
      geoReplicationStats: {
        status: 'Live',
        lastSyncTime: '2025-06-02T11:58:30Z',
        canFailover: true,
      },
      primaryEndpoints: {
        blob: 'https://stpatientrecordseus2.blob.core.windows.net/',
        dfs: 'https://stpatientrecordseus2.dfs.core.windows.net/',
      },
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      encryption: { keySource: 'Microsoft.Storage' },
    },
  }),
  arm({
    id: primaryServer,
    type: 'Microsoft.Sql/servers',
    location: 'eastus2',
    kind: 'v12.0',
    tags,
    properties: {
      fullyQualifiedDomainName: 'sql-patient-records-eus2.database.windows.net',
      version: '12.0',
      state: 'Ready',
      publicNetworkAccess: 'Disabled',
    },
  }),
  arm({
    id: `${primaryServer}/databases/patientdb`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'eastus2',
    kind: 'v12.0,user,vcore',
    sku: {
      name: 'BC_Gen5',
      tier: 'BusinessCritical',
      family: 'Gen5',
      capacity: 4,
    },
    tags,
    properties: {
      status: 'Online',
      collation: 'SQL_Latin1_General_CP1_CI_AS',
      zoneRedundant: true,
      readScale: 'Enabled',
      currentBackupStorageRedundancy: 'GeoZone',
      requestedBackupStorageRedundancy: 'GeoZone',
      failoverGroupId: `${primaryServer}/failoverGroups/fog-patient-records`,
    },
  }),
  // The system database is listed with the user databases; it is never replicated.
  arm({
    id: `${primaryServer}/databases/master`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'eastus2',
    kind: 'v12.0,system',
    sku: { name: 'System', tier: 'System', capacity: 0 },
    properties: {
      status: 'Online',
      zoneRedundant: false,
      currentBackupStorageRedundancy: 'Local',
      requestedBackupStorageRedundancy: 'Local',
    },
  }),
  arm({
    id: `${primaryServer}/failoverGroups/fog-patient-records`,
    type: 'Microsoft.Sql/servers/failoverGroups',
    location: 'East US 2',
    properties: {
      readWriteEndpoint: { failoverPolicy: 'Manual' },
      readOnlyEndpoint: { failoverPolicy: 'Disabled' },
      replicationRole: 'Primary',
      replicationState: 'CATCH_UP',
      partnerServers: [
        {
          id: secondaryServer,
          location: 'Central US',
          replicationRole: 'Secondary',
        },
      ],
      databases: [`${primaryServer}/databases/patientdb`],
    },
  }),
  arm({
    id: secondaryServer,
    type: 'Microsoft.Sql/servers',
    location: 'centralus',
    kind: 'v12.0',
    tags,
    properties: {
      fullyQualifiedDomainName: 'sql-patient-records-cus.database.windows.net',
      version: '12.0',
      state: 'Ready',
    },
  }),
  arm({
    id: `${secondaryServer}/databases/patientdb`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'centralus',
    kind: 'v12.0,user,vcore',
    sku: {
      name: 'BC_Gen5',
      tier: 'BusinessCritical',
      family: 'Gen5',
      capacity: 4,
    },
    tags,
    properties: {
      status: 'Online',
      secondaryType: 'Geo',
      zoneRedundant: false,
      currentBackupStorageRedundancy: 'Geo',
      requestedBackupStorageRedundancy: 'Geo',
    },
  }),
  // The same failover group read from the secondary server.
  arm({
    id: `${secondaryServer}/failoverGroups/fog-patient-records`,
    type: 'Microsoft.Sql/servers/failoverGroups',
    location: 'Central US',
    properties: {
      readWriteEndpoint: { failoverPolicy: 'Manual' },
      readOnlyEndpoint: { failoverPolicy: 'Disabled' },
      replicationRole: 'Secondary',
      replicationState: 'CATCH_UP',
      partnerServers: [
        {
          id: primaryServer,
          location: 'East US 2',
          replicationRole: 'Primary',
        },
      ],
      databases: [`${secondaryServer}/databases/patientdb`],
    },
  }),
  arm({
    id: `${eus2}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-patient-events`,
    type: 'Microsoft.DocumentDB/databaseAccounts',
    location: 'East US 2',
    kind: 'GlobalDocumentDB',
    tags,
    properties: {
      provisioningState: 'Succeeded',
      documentEndpoint:
        'https://cosmos-patient-events.documents.azure.com:443/',
      databaseAccountOfferType: 'Standard',
      consistencyPolicy: {
        defaultConsistencyLevel: 'Session',
        maxIntervalInSeconds: 5,
        maxStalenessPrefix: 100,
      },
      enableAutomaticFailover: true,
      enableMultipleWriteLocations: false,
      writeLocations: [
        {
          id: 'cosmos-patient-events-eastus2',
          locationName: 'East US 2',
          documentEndpoint:
            'https://cosmos-patient-events-eastus2.documents.azure.com:443/',
          provisioningState: 'Succeeded',
          failoverPriority: 0,
          isZoneRedundant: true,
        },
      ],
      locations: [
        {
          id: 'cosmos-patient-events-eastus2',
          locationName: 'East US 2',
          provisioningState: 'Succeeded',
          failoverPriority: 0,
          isZoneRedundant: true,
        },
        {
          id: 'cosmos-patient-events-centralus',
          locationName: 'Central US',
          provisioningState: 'Succeeded',
          failoverPriority: 1,
          isZoneRedundant: false,
        },
      ],
      failoverPolicies: [
        {
          id: 'cosmos-patient-events-eastus2',
          locationName: 'East US 2',
          failoverPriority: 0,
        },
        {
          id: 'cosmos-patient-events-centralus',
          locationName: 'Central US',
          failoverPriority: 1,
        },
      ],
      backupPolicy: {
        type: 'Periodic',
        periodicModeProperties: {
          backupIntervalInMinutes: 240,
          backupRetentionIntervalInHours: 8,
          backupStorageRedundancy: 'Geo',
        },
      },
    },
  }),
  arm({
    id: `${eus2}/providers/Microsoft.Web/serverfarms/asp-patient-records-eus2`,
    type: 'Microsoft.Web/serverfarms',
    location: 'East US 2',
    kind: 'linux',
    sku: { name: 'P1v3', tier: 'PremiumV3', family: 'Pv3', capacity: 3 },
    tags,
    properties: {
      status: 'Ready',
      reserved: true,
      zoneRedundant: true,
      numberOfWorkers: 3,
    },
  }),
  arm({
    id: siteEus2,
    type: 'Microsoft.Web/sites',
    location: 'East US 2',
    kind: 'app,linux',
    tags,
    properties: {
      state: 'Running',
      defaultHostName: 'app-patient-records-eus2.azurewebsites.net',
      hostNames: ['app-patient-records-eus2.azurewebsites.net'],
      serverFarmId: `${eus2}/providers/Microsoft.Web/serverfarms/asp-patient-records-eus2`,
      httpsOnly: true,
    },
  }),
  arm({
    id: `${cus}/providers/Microsoft.Web/serverfarms/asp-patient-records-cus`,
    type: 'Microsoft.Web/serverfarms',
    location: 'Central US',
    kind: 'linux',
    sku: { name: 'P1v3', tier: 'PremiumV3', family: 'Pv3', capacity: 3 },
    tags,
    properties: {
      status: 'Ready',
      reserved: true,
      zoneRedundant: false,
      numberOfWorkers: 3,
    },
  }),
  arm({
    id: `${cus}/providers/Microsoft.Web/sites/app-patient-records-cus`,
    type: 'Microsoft.Web/sites',
    location: 'Central US',
    kind: 'app,linux',
    tags,
    properties: {
      state: 'Running',
      defaultHostName: 'app-patient-records-cus.azurewebsites.net',
      hostNames: ['app-patient-records-cus.azurewebsites.net'],
      serverFarmId: `${cus}/providers/Microsoft.Web/serverfarms/asp-patient-records-cus`,
      httpsOnly: true,
    },
  }),
  arm({
    id: frontDoor,
    type: 'Microsoft.Cdn/profiles',
    location: 'Global',
    kind: 'frontdoor',
    sku: { name: 'Premium_AzureFrontDoor' },
    tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceState: 'Active',
      frontDoorId: 'a5f2c9d0-7b0e-4d3c-8a41-2f6d1c0e9b77',
      originResponseTimeoutSeconds: 60,
    },
  }),
  arm({
    id: `${frontDoor}/afdEndpoints/patient-records`,
    type: 'Microsoft.Cdn/profiles/afdEndpoints',
    location: 'Global',
    properties: {
      hostName: 'patient-records-e4gxb7bqcwa8dxd4.z01.azurefd.net',
      enabledState: 'Enabled',
      provisioningState: 'Succeeded',
      deploymentStatus: 'NotStarted',
    },
  }),
  arm({
    id: `${frontDoor}/originGroups/og-patient-records`,
    type: 'Microsoft.Cdn/profiles/originGroups',
    location: 'Global',
    properties: {
      loadBalancingSettings: {
        sampleSize: 4,
        successfulSamplesRequired: 3,
        additionalLatencyInMilliseconds: 50,
      },
      healthProbeSettings: {
        probePath: '/healthz',
        probeRequestType: 'HEAD',
        probeProtocol: 'Https',
        probeIntervalInSeconds: 30,
      },
      sessionAffinityState: 'Disabled',
      provisioningState: 'Succeeded',
      deploymentStatus: 'NotStarted',
    },
  }),
  arm({
    id: `${frontDoor}/originGroups/og-patient-records/origins/eastus2`,
    type: 'Microsoft.Cdn/profiles/originGroups/origins',
    location: 'Global',
    properties: {
      azureOrigin: { id: siteEus2 },
      hostName: 'app-patient-records-eus2.azurewebsites.net',
      httpPort: 80,
      httpsPort: 443,
      originHostHeader: 'app-patient-records-eus2.azurewebsites.net',
      priority: 1,
      weight: 1000,
      enabledState: 'Enabled',
      enforceCertificateNameCheck: true,
      provisioningState: 'Succeeded',
    },
  }),
  // Placed by its host name: no azureOrigin reference.
  arm({
    id: `${frontDoor}/originGroups/og-patient-records/origins/centralus`,
    type: 'Microsoft.Cdn/profiles/originGroups/origins',
    location: 'Global',
    properties: {
      hostName: 'app-patient-records-cus.azurewebsites.net',
      httpPort: 80,
      httpsPort: 443,
      originHostHeader: 'app-patient-records-cus.azurewebsites.net',
      priority: 2,
      weight: 1000,
      enabledState: 'Enabled',
      enforceCertificateNameCheck: true,
      provisioningState: 'Succeeded',
    },
  }),
  arm({
    id: `${eus2}/providers/Microsoft.KeyVault/vaults/kv-patient-records-eus2`,
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus2',
    tags,
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      sku: { family: 'A', name: 'premium' },
      vaultUri: 'https://kv-patient-records-eus2.vault.azure.net/',
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      publicNetworkAccess: 'Disabled',
      provisioningState: 'Succeeded',
    },
  }),
  arm({
    id: `${eus2}/providers/Microsoft.RecoveryServices/vaults/rsv-patient-records-eus2`,
    type: 'Microsoft.RecoveryServices/vaults',
    location: 'eastus2',
    sku: { name: 'RS0', tier: 'Standard' },
    tags,
    properties: {
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Disabled',
      redundancySettings: {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
      securitySettings: {
        softDeleteSettings: {
          softDeleteState: 'Enabled',
          softDeleteRetentionPeriodInDays: 14,
        },
        immutabilitySettings: { state: 'Locked' },
      },
    },
  }),
];

export const patientRecordsDrills: DrillRecord[] = [
  {
    id: 'drill-pr-2024-11',
    entityRef: PATIENT_RECORDS_REF,
    region: 'eastus2',
    performedAt: '2024-11-20T15:00:00Z',
    outcome: 'partial',
    rtoAchieved: 'PT22M',
    rpoAchieved: 'PT2M',
    notes: 'Front Door switched; the SQL runbook needed a manual step.',
    recordedBy: 'user:default/ana.lima',
    recordedAt: '2024-11-20T17:30:00Z',
  },
  {
    id: 'drill-pr-2025-04',
    entityRef: PATIENT_RECORDS_REF,
    region: 'eastus2',
    performedAt: '2025-04-15T14:00:00Z',
    outcome: 'success',
    rtoAchieved: 'PT11M',
    rpoAchieved: 'PT1M',
    notes:
      'Alert-triggered runbook failed SQL over; Cosmos DB and Front Door followed.',
    recordedBy: 'user:default/ana.lima',
    recordedAt: '2025-04-15T16:10:00Z',
  },
];

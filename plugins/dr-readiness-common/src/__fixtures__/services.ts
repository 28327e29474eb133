import type { ReadinessPolicy } from '../policy';
import type { DrillRecord } from '../types';
import { arm, resourceGroupId } from './arm';

// ---------------------------------------------------------------------------
// claims-api: high tier, East US 2 with a custom secondary West US 2. Its
// storage is GRS, which replicates to the Azure pair (Central US), so West US 2
// has no copy of the claim documents.

export const CLAIMS_API_REF = 'component:default/claims-api';
const claimsTags = { 'vitals-entity': CLAIMS_API_REF };
const claimsEus2 = resourceGroupId('rg-claims-eus2');
const claimsWus2 = resourceGroupId('rg-claims-wus2');

export const claimsApiPolicy: ReadinessPolicy = {
  tier: 'high',
  rto: 'PT1H',
  rpo: 'PT15M',
  primaryRegion: 'eastus2',
  secondaryRegion: 'westus2',
  dataClassification: 'phi',
};

function containerApp(
  group: string,
  name: string,
  location: string,
  environment: string,
) {
  return arm({
    id: `${group}/providers/Microsoft.App/containerApps/${name}`,
    type: 'Microsoft.App/containerApps',
    location,
    tags: claimsTags,
    properties: {
      provisioningState: 'Succeeded',
      runningStatus: 'Running',
      managedEnvironmentId: `${group}/providers/Microsoft.App/managedEnvironments/${environment}`,
      latestRevisionFqdn: `${name}--r7.${environment}.${location
        .replace(/ /g, '')
        .toLowerCase()}.azurecontainerapps.io`,
      configuration: {
        activeRevisionsMode: 'Single',
        ingress: {
          external: true,
          fqdn: `${name}.${environment}.${location
            .replace(/ /g, '')
            .toLowerCase()}.azurecontainerapps.io`,
          targetPort: 8080,
          transport: 'Auto',
        },
      },
    },
  });
}

export const claimsApiResources = [
  arm({
    id: `${claimsEus2}/providers/Microsoft.Storage/storageAccounts/stclaimseus2`,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'eastus2',
    kind: 'StorageV2',
    sku: { name: 'Standard_GRS', tier: 'Standard' },
    tags: claimsTags,
    properties: {
      provisioningState: 'Succeeded',
      primaryLocation: 'eastus2',
      statusOfPrimary: 'available',
      secondaryLocation: 'centralus',
      statusOfSecondary: 'available',
      geoReplicationStats: {
        status: 'Live',
        lastSyncTime: '2025-06-02T11:50:00Z',
        canFailover: true,
      },
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
    },
  }),
  arm({
    id: `${claimsEus2}/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-claims-eus2`,
    type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    location: 'East US 2',
    sku: { name: 'Standard_D4ds_v5', tier: 'GeneralPurpose' },
    tags: claimsTags,
    properties: {
      version: '16',
      state: 'Ready',
      fullyQualifiedDomainName: 'psql-claims-eus2.postgres.database.azure.com',
      availabilityZone: '1',
      storage: { storageSizeGB: 256, autoGrow: 'Enabled' },
      backup: {
        backupRetentionDays: 35,
        geoRedundantBackup: 'Enabled',
        earliestRestoreDate: '2025-04-28T12:00:00Z',
      },
      highAvailability: {
        mode: 'ZoneRedundant',
        state: 'Healthy',
        standbyAvailabilityZone: '2',
      },
    },
  }),
  arm({
    id: `${claimsEus2}/providers/Microsoft.App/managedEnvironments/cae-claims-eus2`,
    type: 'Microsoft.App/managedEnvironments',
    location: 'East US 2',
    tags: claimsTags,
    properties: { provisioningState: 'Succeeded', zoneRedundant: true },
  }),
  containerApp(claimsEus2, 'ca-claims-eus2', 'East US 2', 'cae-claims-eus2'),
  arm({
    id: `${claimsWus2}/providers/Microsoft.App/managedEnvironments/cae-claims-wus2`,
    type: 'Microsoft.App/managedEnvironments',
    location: 'West US 2',
    tags: claimsTags,
    properties: { provisioningState: 'Succeeded', zoneRedundant: true },
  }),
  containerApp(claimsWus2, 'ca-claims-wus2', 'West US 2', 'cae-claims-wus2'),
  arm({
    id: `${claimsEus2}/providers/Microsoft.Network/trafficManagerProfiles/tm-claims-api`,
    type: 'Microsoft.Network/trafficManagerProfiles',
    location: 'global',
    tags: claimsTags,
    properties: {
      profileStatus: 'Enabled',
      trafficRoutingMethod: 'Priority',
      dnsConfig: {
        relativeName: 'claims-api',
        fqdn: 'claims-api.trafficmanager.net',
        ttl: 30,
      },
      monitorConfig: {
        profileMonitorStatus: 'Online',
        protocol: 'HTTPS',
        port: 443,
        path: '/healthz',
        intervalInSeconds: 30,
        toleratedNumberOfFailures: 3,
        timeoutInSeconds: 10,
      },
      endpoints: [
        {
          id: `${claimsEus2}/providers/Microsoft.Network/trafficManagerProfiles/tm-claims-api/externalEndpoints/eastus2`,
          name: 'eastus2',
          type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
          properties: {
            endpointStatus: 'Enabled',
            endpointMonitorStatus: 'Online',
            target:
              'ca-claims-eus2.cae-claims-eus2.eastus2.azurecontainerapps.io',
            endpointLocation: 'East US 2',
            priority: 1,
          },
        },
        {
          id: `${claimsEus2}/providers/Microsoft.Network/trafficManagerProfiles/tm-claims-api/externalEndpoints/westus2`,
          name: 'westus2',
          type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
          properties: {
            endpointStatus: 'Enabled',
            endpointMonitorStatus: 'Online',
            target:
              'ca-claims-wus2.cae-claims-wus2.westus2.azurecontainerapps.io',
            endpointLocation: 'West US 2',
            priority: 2,
          },
        },
      ],
    },
  }),
  arm({
    id: `${claimsEus2}/providers/Microsoft.KeyVault/vaults/kv-claims-eus2`,
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus2',
    tags: claimsTags,
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      sku: { family: 'A', name: 'standard' },
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
    },
  }),
];

export const claimsApiDrills: DrillRecord[] = [
  {
    id: 'drill-claims-2025-02',
    entityRef: CLAIMS_API_REF,
    region: 'eastus2',
    performedAt: '2025-02-01T10:00:00Z',
    outcome: 'success',
    rtoAchieved: 'PT40M',
    rpoAchieved: 'PT5M',
    notes:
      'Traffic Manager switched to West US 2; claim documents were served from cache only.',
    recordedBy: 'user:default/sam.okafor',
    recordedAt: '2025-02-01T12:00:00Z',
  },
];

// ---------------------------------------------------------------------------
// billing: high tier, East US → West US. Its failover group leaves out the
// invoices database and fails over only by hand, and it has never been drilled.

export const BILLING_REF = 'component:default/billing';
const billingTags = { 'vitals-entity': BILLING_REF };
const billingEus = resourceGroupId('rg-billing-eus');
const billingWus = resourceGroupId('rg-billing-wus');
const billingServer = `${billingEus}/providers/Microsoft.Sql/servers/sql-billing-eus`;
const billingPartner = `${billingWus}/providers/Microsoft.Sql/servers/sql-billing-wus`;

export const billingPolicy: ReadinessPolicy = {
  tier: 'high',
  rto: 'PT1H',
  rpo: 'PT15M',
  primaryRegion: 'eastus',
  secondaryRegion: 'westus',
  dataClassification: 'pii',
};

function billingSite(group: string, name: string, location: string) {
  return arm({
    id: `${group}/providers/Microsoft.Web/sites/${name}`,
    type: 'Microsoft.Web/sites',
    location,
    kind: 'app',
    tags: billingTags,
    properties: {
      state: 'Running',
      defaultHostName: `${name}.azurewebsites.net`,
      hostNames: [`${name}.azurewebsites.net`],
      httpsOnly: true,
    },
  });
}

export const billingResources = [
  arm({
    id: `${billingServer}/databases/billingdb`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'eastus',
    kind: 'v12.0,user,vcore',
    sku: {
      name: 'GP_Gen5',
      tier: 'GeneralPurpose',
      family: 'Gen5',
      capacity: 2,
    },
    tags: billingTags,
    properties: {
      status: 'Online',
      zoneRedundant: false,
      currentBackupStorageRedundancy: 'Geo',
      requestedBackupStorageRedundancy: 'Geo',
    },
  }),
  arm({
    id: `${billingServer}/databases/invoicesdb`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'eastus',
    kind: 'v12.0,user,vcore',
    sku: {
      name: 'GP_Gen5',
      tier: 'GeneralPurpose',
      family: 'Gen5',
      capacity: 2,
    },
    tags: billingTags,
    properties: {
      status: 'Online',
      zoneRedundant: false,
      currentBackupStorageRedundancy: 'Local',
      requestedBackupStorageRedundancy: 'Local',
    },
  }),
  arm({
    id: `${billingServer}/databases/master`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'eastus',
    kind: 'v12.0,system',
    sku: { name: 'System', tier: 'System', capacity: 0 },
    properties: {
      status: 'Online',
      zoneRedundant: false,
      requestedBackupStorageRedundancy: 'Local',
    },
  }),
  arm({
    id: `${billingServer}/failoverGroups/fog-billing`,
    type: 'Microsoft.Sql/servers/failoverGroups',
    location: 'East US',
    properties: {
      readWriteEndpoint: { failoverPolicy: 'Manual' },
      readOnlyEndpoint: { failoverPolicy: 'Disabled' },
      replicationRole: 'Primary',
      replicationState: 'CATCH_UP',
      partnerServers: [
        {
          id: billingPartner,
          location: 'West US',
          replicationRole: 'Secondary',
        },
      ],
      databases: [`${billingServer}/databases/billingdb`],
    },
  }),
  arm({
    id: `${billingPartner}/databases/billingdb`,
    type: 'Microsoft.Sql/servers/databases',
    location: 'westus',
    kind: 'v12.0,user,vcore',
    tags: billingTags,
    properties: {
      status: 'Online',
      secondaryType: 'Geo',
      zoneRedundant: false,
    },
  }),
  billingSite(billingEus, 'app-billing-eus', 'East US'),
  billingSite(billingWus, 'app-billing-wus', 'West US'),
  // Azure endpoints carry no endpointLocation: it comes from the target resource.
  arm({
    id: `${billingEus}/providers/Microsoft.Network/trafficManagerProfiles/tm-billing`,
    type: 'Microsoft.Network/trafficManagerProfiles',
    location: 'global',
    tags: billingTags,
    properties: {
      profileStatus: 'Enabled',
      trafficRoutingMethod: 'Priority',
      dnsConfig: {
        relativeName: 'billing',
        fqdn: 'billing.trafficmanager.net',
        ttl: 60,
      },
      monitorConfig: {
        profileMonitorStatus: 'Online',
        protocol: 'HTTPS',
        port: 443,
        path: '/health',
        intervalInSeconds: 30,
        toleratedNumberOfFailures: 3,
        timeoutInSeconds: 10,
      },
      endpoints: [
        {
          id: `${billingEus}/providers/Microsoft.Network/trafficManagerProfiles/tm-billing/azureEndpoints/eus`,
          name: 'eus',
          type: 'Microsoft.Network/trafficManagerProfiles/azureEndpoints',
          properties: {
            endpointStatus: 'Enabled',
            targetResourceId: `${billingEus}/providers/Microsoft.Web/sites/app-billing-eus`,
            target: 'app-billing-eus.azurewebsites.net',
            priority: 1,
          },
        },
        {
          id: `${billingEus}/providers/Microsoft.Network/trafficManagerProfiles/tm-billing/azureEndpoints/wus`,
          name: 'wus',
          type: 'Microsoft.Network/trafficManagerProfiles/azureEndpoints',
          properties: {
            endpointStatus: 'Enabled',
            targetResourceId: `${billingWus}/providers/Microsoft.Web/sites/app-billing-wus`,
            target: 'app-billing-wus.azurewebsites.net',
            priority: 2,
          },
        },
      ],
    },
  }),
];

// ---------------------------------------------------------------------------
// scheduling: standard tier in West US 3, whose Azure pair East US is paired
// back with West US (one-way). Storage geo-replicates to East US; the AKS
// cluster there is a stopped cold standby; no global routing, no drill.

export const SCHEDULING_REF = 'component:default/scheduling';
const schedulingTags = { 'vitals-entity': SCHEDULING_REF };
const schedWus3 = resourceGroupId('rg-scheduling-wus3');
const schedEus = resourceGroupId('rg-scheduling-eus');

export const schedulingPolicy: ReadinessPolicy = {
  tier: 'standard',
  rto: 'PT4H',
  rpo: 'PT1H',
  primaryRegion: 'westus3',
  secondaryRegion: 'eastus',
  dataClassification: 'internal',
};

function aks(
  group: string,
  name: string,
  location: string,
  power: 'Running' | 'Stopped',
) {
  return arm({
    id: `${group}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    type: 'Microsoft.ContainerService/managedClusters',
    location,
    sku: { name: 'Base', tier: 'Standard' },
    tags: schedulingTags,
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: power },
      kubernetesVersion: '1.31.2',
      fqdn: `${name}-dns-4f2a91c3.hcp.${location}.azmk8s.io`,
      agentPoolProfiles: [
        {
          name: 'system',
          count: 3,
          vmSize: 'Standard_D4ds_v5',
          mode: 'System',
          availabilityZones: ['1', '2', '3'],
        },
        {
          name: 'workers',
          count: 3,
          vmSize: 'Standard_D8ds_v5',
          mode: 'User',
          availabilityZones: ['1', '2', '3'],
        },
      ],
    },
  });
}

export const schedulingResources = [
  arm({
    id: `${schedWus3}/providers/Microsoft.Storage/storageAccounts/stschedulingwus3`,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westus3',
    kind: 'StorageV2',
    sku: { name: 'Standard_GZRS', tier: 'Standard' },
    tags: schedulingTags,
    properties: {
      primaryLocation: 'westus3',
      statusOfPrimary: 'available',
      secondaryLocation: 'eastus',
      statusOfSecondary: 'available',
      geoReplicationStats: {
        status: 'Live',
        lastSyncTime: '2025-06-02T11:20:00Z',
        canFailover: true,
      },
    },
  }),
  aks(schedWus3, 'aks-scheduling-wus3', 'westus3', 'Running'),
  aks(schedEus, 'aks-scheduling-eus', 'eastus', 'Stopped'),
];

// ---------------------------------------------------------------------------
// lab-results: critical PHI in Qatar Central, a nonpaired region, with no
// secondary declared: zone-redundant, but nothing takes over if the region goes.

export const LAB_RESULTS_REF = 'component:default/lab-results';
const labTags = { 'vitals-entity': LAB_RESULTS_REF };
const labQc = resourceGroupId('rg-lab-results-qc');

export const labResultsPolicy: ReadinessPolicy = {
  tier: 'critical',
  rto: 'PT15M',
  rpo: 'PT5M',
  primaryRegion: 'qatarcentral',
  secondaryRegion: null,
  dataClassification: 'phi',
};

export const labResultsResources = [
  arm({
    id: `${labQc}/providers/Microsoft.Storage/storageAccounts/stlabresultsqc`,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'qatarcentral',
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS', tier: 'Standard' },
    tags: labTags,
    properties: {
      primaryLocation: 'qatarcentral',
      statusOfPrimary: 'available',
    },
  }),
  arm({
    id: `${labQc}/providers/Microsoft.App/containerApps/ca-lab-results-qc`,
    type: 'Microsoft.App/containerApps',
    location: 'Qatar Central',
    tags: labTags,
    properties: { provisioningState: 'Succeeded', runningStatus: 'Running' },
  }),
  arm({
    id: `${labQc}/providers/Microsoft.KeyVault/vaults/kv-lab-results-qc`,
    type: 'Microsoft.KeyVault/vaults',
    location: 'qatarcentral',
    tags: labTags,
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
    },
  }),
];

/**
 * Azure resources modelled on the Azure REST API specification examples
 * (Azure/azure-rest-api-specs), with their property names and casing, and
 * their quirks: lower-case `resourcegroups` in AKS ids, `Microsoft.ContainerService/ManagedClusters`
 * as the type, `workspaceId: ""` on a diagnostic setting. Example child
 * resources whose ids point elsewhere in the specs are re-homed under the
 * fixture parents.
 */
import { fromArm, rehome } from './arm';

const SUB = '00000000-1111-2222-3333-444444444444';
const RG = `/subscriptions/${SUB}/resourceGroups/sqlcrudtest-7398`;

/** storage StorageAccountGetProperties.json (2023-05-01): HTTP allowed, firewall open, TLS and blob access not reported. */
export const storageAccountGetProperties = fromArm({
  id: '/subscriptions/{subscription-id}/resourceGroups/res9407/providers/Microsoft.Storage/storageAccounts/sto8596',
  kind: 'Storage',
  location: 'eastus2(stage)',
  name: 'sto8596',
  properties: {
    keyCreationTime: {
      key1: '2021-03-18T04:42:22.4322836Z',
      key2: '2021-03-18T04:42:22.4322836Z',
    },
    geoReplicationStats: {
      status: 'Live',
      lastSyncTime: '2018-10-30T00:25:34Z',
      canFailover: true,
    },
    isHnsEnabled: true,
    creationTime: '2017-06-01T02:42:41.7633306Z',
    networkAcls: {
      bypass: 'AzureServices',
      defaultAction: 'Allow',
      ipRules: [],
      virtualNetworkRules: [],
      resourceAccessRules: [
        {
          tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
          resourceId:
            '/subscriptions/a7e99807-abbf-4642-bdec-2c809a96a8bc/resourceGroups/res9407/providers/Microsoft.Synapse/workspaces/testworkspace',
        },
      ],
    },
    primaryEndpoints: {
      web: 'https://sto8596.web.core.windows.net/',
      dfs: 'https://sto8596.dfs.core.windows.net/',
      blob: 'https://sto8596.blob.core.windows.net/',
      file: 'https://sto8596.file.core.windows.net/',
      queue: 'https://sto8596.queue.core.windows.net/',
      table: 'https://sto8596.table.core.windows.net/',
    },
    primaryLocation: 'eastus2(stage)',
    provisioningState: 'Succeeded',
    encryption: {
      services: {
        file: {
          keyType: 'Account',
          enabled: true,
          lastEnabledTime: '2019-12-11T20:49:31.7036140Z',
        },
        blob: {
          keyType: 'Account',
          enabled: true,
          lastEnabledTime: '2019-12-11T20:49:31.7036140Z',
        },
      },
      keySource: 'Microsoft.Storage',
    },
    secondaryLocation: 'northcentralus(stage)',
    statusOfPrimary: 'available',
    statusOfSecondary: 'available',
    supportsHttpsTrafficOnly: false,
    isSkuConversionBlocked: false,
    accountMigrationInProgress: false,
  },
  sku: { name: 'Standard_GRS', tier: 'Standard' },
  tags: { key1: 'value1', key2: 'value2' },
  type: 'Microsoft.Storage/storageAccounts',
});

/** storage StorageAccountCreate.json response (2023-05-01): HTTPS only, TLS1_2, no public blob access. */
export const storageAccountCreated = fromArm({
  id: '/subscriptions/{subscription-id}/resourceGroups/res9101/providers/Microsoft.Storage/storageAccounts/sto4445',
  kind: 'Storage',
  location: 'eastus',
  name: 'sto4445',
  properties: {
    keyPolicy: { keyExpirationPeriodInDays: 20 },
    sasPolicy: { sasExpirationPeriod: '1.15:59:59', expirationAction: 'Log' },
    isHnsEnabled: true,
    isSftpEnabled: true,
    allowBlobPublicAccess: false,
    minimumTlsVersion: 'TLS1_2',
    allowSharedKeyAccess: true,
    creationTime: '2017-05-24T13:25:33.4863236Z',
    primaryLocation: 'eastus2euap',
    provisioningState: 'Succeeded',
    encryption: {
      services: {
        file: {
          keyType: 'Account',
          enabled: true,
          lastEnabledTime: '2019-12-11T20:49:31.7036140Z',
        },
        blob: {
          keyType: 'Account',
          enabled: true,
          lastEnabledTime: '2019-12-11T20:49:31.7036140Z',
        },
      },
      requireInfrastructureEncryption: false,
      keySource: 'Microsoft.Storage',
    },
    secondaryLocation: 'centraluseuap',
    statusOfPrimary: 'available',
    statusOfSecondary: 'available',
    supportsHttpsTrafficOnly: true,
  },
  sku: { name: 'Standard_GRS', tier: 'Standard' },
  tags: { key1: 'value1', key2: 'value2' },
  type: 'Microsoft.Storage/storageAccounts',
});

/** storage StorageAccountCreateDisallowPublicNetworkAccess.json response: public network access disabled. */
export const storageAccountPrivate = fromArm({
  ...storageAccountCreated,
  id: '/subscriptions/{subscription-id}/resourceGroups/res9101/providers/Microsoft.Storage/storageAccounts/sto4446',
  name: 'sto4446',
  type: 'Microsoft.Storage/storageAccounts',
  properties: {
    ...storageAccountCreated.properties,
    publicNetworkAccess: 'Disabled',
  },
});

/** sql ServerGet.json (2023-08-01): public access on, no minimal TLS and no Entra administrator reported. */
export const sqlServer = fromArm({
  tags: { tagKey1: 'TagValue1' },
  id: `${RG}/providers/Microsoft.Sql/servers/sqlcrudtest-4645`,
  name: 'sqlcrudtest-4645',
  type: 'Microsoft.Sql/servers',
  location: 'japaneast',
  kind: 'v12.0',
  properties: {
    fullyQualifiedDomainName: 'sqlcrudtest-4645.database.windows.net',
    administratorLogin: 'dummylogin',
    version: '12.0',
    state: 'Ready',
    workspaceFeature: 'Connected',
    publicNetworkAccess: 'Enabled',
    restrictOutboundNetworkAccess: 'Enabled',
    privateEndpointConnections: [
      {
        id: `${RG}/providers/Microsoft.Sql/servers/sqlcrudtest-4645/privateEndpointConnections/private-endpoint-name-00000000-1111-2222-3333-444444444444`,
        properties: {
          provisioningState: 'Ready',
          privateEndpoint: {
            id: '/subscriptions/55555555-6666-7777-8888-999999999999/resourceGroups/Default-Network/providers/Microsoft.Network/privateEndpoints/private-endpoint-name',
          },
          privateLinkServiceConnectionState: {
            status: 'Approved',
            description: 'Auto-approved',
            actionsRequired: 'None',
          },
        },
      },
    ],
  },
});

/** sql ServerBlobAuditingGet.json (2023-08-01): auditing disabled. */
export const sqlServerAuditingDisabled = rehome(
  fromArm({
    id: '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/blobauditingtest-6852/providers/Microsoft.Sql/servers/blobauditingtest-2080/auditingSettings/default',
    name: 'default',
    type: 'Microsoft.Sql/servers/auditingSettings',
    properties: {
      state: 'Disabled',
      storageEndpoint: '',
      retentionDays: 0,
      auditActionsAndGroups: [],
      storageAccountSubscriptionId: '00000000-0000-0000-0000-000000000000',
      isStorageSecondaryKeyInUse: false,
      isAzureMonitorTargetEnabled: false,
      isManagedIdentityInUse: false,
    },
  }),
  `${sqlServer.id}/auditingSettings/default`,
);

/** sql AdministratorGet.json (2023-08-01): an Entra administrator as a child resource. */
export const sqlServerEntraAdministrator = rehome(
  fromArm({
    id: '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/sqlcrudtest-4799/providers/Microsoft.Sql/servers/sqlcrudtest-6440/administrators/ActiveDirectory',
    name: 'ActiveDirectory',
    type: 'Microsoft.Sql/servers/administrators',
    properties: {
      administratorType: 'ActiveDirectory',
      login: 'bob@contoso.com',
      sid: 'c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c',
      tenantId: 'c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c',
      azureADOnlyAuthentication: true,
    },
  }),
  `${sqlServer.id}/administrators/ActiveDirectory`,
);

/** A user database as `az sql db show` returns it (Microsoft.Sql/servers/databases). */
export const sqlDatabase = fromArm({
  id: `${sqlServer.id}/databases/testdb`,
  name: 'testdb',
  type: 'Microsoft.Sql/servers/databases',
  location: 'japaneast',
  kind: 'v12.0,user,vcore',
  sku: { name: 'GP_Gen5', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 },
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS',
    maxSizeBytes: 34359738368,
    status: 'Online',
    databaseId: '2fc646e9-0bc7-4a15-82b1-bd9f67ac6c8e',
    creationDate: '2025-02-19T21:48:22.197Z',
    currentServiceObjectiveName: 'GP_Gen5_2',
    defaultSecondaryLocation: 'japanwest',
    zoneRedundant: false,
    currentBackupStorageRedundancy: 'Geo',
    requestedBackupStorageRedundancy: 'Geo',
  },
});

/** The server's system database. */
export const sqlMasterDatabase = fromArm({
  id: `${sqlServer.id}/databases/master`,
  name: 'master',
  type: 'Microsoft.Sql/servers/databases',
  location: 'japaneast',
  kind: 'v12.0,system',
  properties: { collation: 'SQL_Latin1_General_CP1_CI_AS', status: 'Online' },
});

/**
 * sql TransparentDataEncryptionGet.json (2023-08-01). The example's id is the
 * database's; the real child id ends in /transparentDataEncryption/current.
 */
export const sqlDatabaseTde = fromArm({
  id: `${sqlDatabase.id}/transparentDataEncryption/current`,
  name: 'current',
  type: 'Microsoft.Sql/servers/databases/transparentDataEncryption',
  properties: { state: 'Enabled' },
});

/** sql LongTermRetentionPolicyGet.json (2023-08-01): weekly P1M, monthly P1Y, yearly P5Y. */
export const sqlDatabaseLongTermRetention = fromArm({
  id: `${sqlDatabase.id}/backupLongTermRetentionPolicies/default`,
  name: 'default',
  type: 'Microsoft.Sql/servers/databases/backupLongTermRetentionPolicies',
  properties: {
    weeklyRetention: 'P1M',
    monthlyRetention: 'P1Y',
    yearlyRetention: 'P5Y',
    weekOfYear: 5,
  },
});

/** keyvault getVault.json (2023-07-01): public access on, no firewall, purge protection not reported. */
export const keyVault = fromArm({
  id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sample-resource-group/providers/Microsoft.KeyVault/vaults/sample-vault',
  name: 'sample-vault',
  type: 'Microsoft.KeyVault/vaults',
  location: 'westus',
  tags: {},
  properties: {
    sku: { family: 'A', name: 'standard' },
    tenantId: '00000000-0000-0000-0000-000000000000',
    accessPolicies: [
      {
        tenantId: '00000000-0000-0000-0000-000000000000',
        objectId: '00000000-0000-0000-0000-000000000000',
        permissions: {
          keys: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'get', 'list'],
          secrets: ['get', 'list', 'set', 'delete'],
          certificates: ['get', 'list'],
        },
      },
    ],
    enabledForDeployment: true,
    enabledForDiskEncryption: true,
    enabledForTemplateDeployment: true,
    hsmPoolResourceId: '00000000-0000-0000-0000-000000000000',
    vaultUri: 'https://sample-vault.vault.azure.net',
    provisioningState: 'Succeeded',
    publicNetworkAccess: 'Enabled',
  },
});

/** web GetWebApp.json (2023-12-01): HTTP allowed, TLS 1.2, FTP allowed, no identity. */
export const webApp = fromArm({
  id: '/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123/providers/Microsoft.Web/sites/sitef6141',
  name: 'sitef6141',
  type: 'Microsoft.Web/sites',
  kind: 'app',
  location: 'East US',
  properties: {
    state: 'Running',
    hostNames: ['sitef6141.azurewebsites.net'],
    enabled: true,
    serverFarmId:
      '/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123/providers/Microsoft.Web/serverfarms/DefaultAsp',
    siteConfig: {
      numberOfWorkers: 1,
      netFrameworkVersion: 'v4.0',
      remoteDebuggingEnabled: false,
      httpLoggingEnabled: false,
      http20Enabled: false,
      minTlsVersion: '1.2',
      scmMinTlsVersion: '1.2',
      ftpsState: 'AllAllowed',
    },
    clientCertEnabled: false,
    clientCertMode: 'Required',
    defaultHostName: 'sitef6141.azurewebsites.net',
    httpsOnly: false,
    keyVaultReferenceIdentity: 'SystemAssigned',
  },
});

/** cosmos-db CosmosDBDatabaseAccountGet.json (2024-11-15): local auth and public access not reported; minimalTlsVersion "Tls". */
export const cosmosDbAccount = fromArm({
  id: '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.DocumentDB/databaseAccounts/ddb1',
  name: 'ddb1',
  location: 'West US',
  type: 'Microsoft.DocumentDB/databaseAccounts',
  kind: 'GlobalDocumentDB',
  tags: {},
  properties: {
    provisioningState: 'Succeeded',
    documentEndpoint: 'https://ddb1.documents.azure.com:443/',
    ipRules: [],
    isVirtualNetworkFilterEnabled: false,
    virtualNetworkRules: [],
    databaseAccountOfferType: 'Standard',
    disableKeyBasedMetadataWriteAccess: false,
    defaultIdentity: 'FirstPartyIdentity',
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session',
      maxIntervalInSeconds: 5,
      maxStalenessPrefix: 100,
    },
    locations: [
      {
        id: 'ddb1-eastus',
        locationName: 'East US',
        documentEndpoint: 'https://ddb1-eastus.documents.azure.com:443/',
        provisioningState: 'Succeeded',
        failoverPriority: 0,
      },
    ],
    privateEndpointConnections: [
      {
        id: '/subscriptions/subId/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/account1/privateEndpointConnections/pe1',
        properties: {
          privateEndpoint: {
            id: '/subscriptions/subId/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe1',
          },
          privateLinkServiceConnectionState: {
            status: 'Approved',
            actionsRequired: 'None',
          },
        },
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
    networkAclBypass: 'None',
    minimalTlsVersion: 'Tls',
  },
  identity: {
    type: 'SystemAssigned,UserAssigned',
    principalId: '52f4fef3-3c3f-4ff3-b52e-b5c9eeb68656',
    tenantId: '33e01921-4d64-4f8c-a055-5bdaffd5e33d',
  },
});

/** containerservice ManagedClustersGet.json (2024-09-01): RBAC off, no Entra profile, public API server. */
export const aksCluster = fromArm({
  id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1',
  location: 'location1',
  name: 'clustername1',
  tags: { archv2: '', tier: 'production' },
  type: 'Microsoft.ContainerService/ManagedClusters',
  eTag: 'beywbwei',
  properties: {
    provisioningState: 'Succeeded',
    maxAgentPools: 1,
    kubernetesVersion: '1.9.6',
    currentKubernetesVersion: '1.9.6',
    dnsPrefix: 'dnsprefix1',
    fqdn: 'dnsprefix1-abcd1234.hcp.eastus.azmk8s.io',
    agentPoolProfiles: [
      {
        name: 'nodepool1',
        count: 3,
        vmSize: 'Standard_DS1_v2',
        maxPods: 110,
        osType: 'Linux',
        availabilityZones: ['1', '2', '3'],
      },
    ],
    servicePrincipalProfile: { clientId: 'clientid' },
    nodeResourceGroup: 'MC_rg1_clustername1_location1',
    enableRBAC: false,
    diskEncryptionSetID:
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg1/providers/Microsoft.Compute/diskEncryptionSets/des',
    networkProfile: {
      networkPlugin: 'kubenet',
      loadBalancerSku: 'standard',
      outboundType: 'loadBalancer',
    },
  },
});

/**
 * monitor getDiagnosticSetting.json (2021-05-01-preview), re-homed under the
 * key vault: all logs on, sent to a storage account, an event hub and a
 * partner, but `workspaceId` is empty.
 */
export const diagnosticSettingWithoutWorkspace = fromArm({
  id: `${keyVault.id}/providers/microsoft.insights/diagnosticSettings/mysetting`,
  type: 'Microsoft.Insights/diagnosticSettings',
  name: 'mysetting',
  properties: {
    storageAccountId:
      '/subscriptions/df602c9c-7aa0-407d-a6fb-eb20c8bd1192/resourceGroups/apptest/providers/Microsoft.Storage/storageAccounts/appteststorage1',
    workspaceId: '',
    eventHubAuthorizationRuleId:
      '/subscriptions/1a66ce04-b633-4a0b-b2bc-a912ec8986a6/resourceGroups/montest/providers/microsoft.eventhub/namespaces/mynamespace/eventhubs/myeventhub/authorizationrules/myrule',
    marketplacePartnerId:
      '/subscriptions/abcdeabc-1234-1234-ab12-123a1234567a/resourceGroups/test-rg/providers/Microsoft.Datadog/monitors/dd1',
    metrics: [
      {
        category: 'AllMetrics',
        enabled: true,
        retentionPolicy: { enabled: false, days: 0 },
      },
    ],
    logs: [
      {
        categoryGroup: 'allLogs',
        enabled: true,
        retentionPolicy: { enabled: false, days: 0 },
      },
    ],
  },
});

/** operationalinsights WorkspacesSubscriptionList.json (2022-10-01): 30-day retention; id in lower case, name in mixed case. */
export const logAnalyticsWorkspace = fromArm({
  properties: {
    customerId: 'bc089d7b-485c-4aff-a71e-c00f362d8d2f',
    provisioningState: 'Succeeded',
    sku: { name: 'PerGB2018' },
    retentionInDays: 30,
    publicNetworkAccessForQuery: 'Enabled',
    publicNetworkAccessForIngestion: 'Enabled',
  },
  id: '/subscriptions/00000000-0000-0000-0000-000000000005/resourcegroups/oiautorest6685/providers/microsoft.operationalinsights/workspaces/aztest2170',
  name: 'AzTest2170',
  type: 'Microsoft.OperationalInsights/workspaces',
  location: 'australiasoutheast',
  tags: { tag1: 'val1' },
});

/** A diagnostic setting like the example, but sending all logs to the workspace above (workspaceId in Azure's original casing). */
export function diagnosticSettingToWorkspace(
  parentId: string,
  options: { name?: string; dedicated?: boolean; logsEnabled?: boolean } = {},
) {
  const name = options.name ?? 'send-to-law';
  return fromArm({
    id: `${parentId}/providers/microsoft.insights/diagnosticSettings/${name}`,
    type: 'Microsoft.Insights/diagnosticSettings',
    name,
    properties: {
      workspaceId:
        '/subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/oiautorest6685/providers/Microsoft.OperationalInsights/workspaces/AzTest2170',
      ...(options.dedicated
        ? { logAnalyticsDestinationType: 'Dedicated' }
        : {}),
      metrics: [
        {
          category: 'AllMetrics',
          enabled: true,
          retentionPolicy: { enabled: false, days: 0 },
        },
      ],
      logs: [
        {
          categoryGroup: 'allLogs',
          enabled: options.logsEnabled ?? true,
          retentionPolicy: { enabled: false, days: 0 },
        },
      ],
    },
  });
}

/** operationalinsights TablesGet.json (2022-10-01) shape, for a named table with long-term retention. */
export function workspaceTable(
  name: string,
  retentionInDays: number,
  totalRetentionInDays: number,
) {
  return fromArm({
    properties: {
      schema: {
        name,
        tableType: 'Microsoft',
        tableSubType: 'Classic',
        solutions: ['LogManagement'],
      },
      provisioningState: 'Succeeded',
      retentionInDays,
      totalRetentionInDays,
      archiveRetentionInDays: Math.max(
        0,
        totalRetentionInDays - retentionInDays,
      ),
      retentionInDaysAsDefault: false,
      totalRetentionInDaysAsDefault: false,
      plan: 'Analytics',
    },
    id: `${logAnalyticsWorkspace.id}/tables/${name}`,
    name,
    type: 'Microsoft.OperationalInsights/workspaces/tables',
  });
}

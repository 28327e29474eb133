import type { AzureResource } from '@vitals/azure-inventory-common';
import { arm, resourceGroupId } from './arm';

// Resource Manager bodies of the service families beyond App Service, SQL
// Database, Cosmos DB and Storage, shaped as the REST API returns them
// (azure-rest-api-specs examples of each provider's GET), for a service in
// East US 2 with Central US (its pair) or West US 2 (a custom secondary).

export const EUS2 = resourceGroupId('rg-families-eus2');
export const CUS = resourceGroupId('rg-families-cus');
export const WUS2 = resourceGroupId('rg-families-wus2');

const groupOf: Record<string, string> = {
  eastus2: EUS2,
  centralus: CUS,
  westus2: WUS2,
};

/** Microsoft.Sql/managedInstances (2023-08-01). */
export function managedInstance(
  name: string,
  location: string,
  properties: Record<string, unknown> = {
    requestedBackupStorageRedundancy: 'GeoZone',
    currentBackupStorageRedundancy: 'GeoZone',
    zoneRedundant: true,
  },
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Sql/managedInstances/${name}`,
    type: 'Microsoft.Sql/managedInstances',
    location,
    sku: {
      name: 'BC_Gen5',
      tier: 'BusinessCritical',
      capacity: 8,
      family: 'Gen5',
    },
    properties: {
      fullyQualifiedDomainName: `${name}.1b4e2caff2530.database.windows.net`,
      administratorLogin: 'sqladmin',
      subnetId: `${groupOf[location]}/providers/Microsoft.Network/virtualNetworks/vnet-${location}/subnets/snet-sqlmi`,
      state: 'Ready',
      provisioningState: 'Succeeded',
      vCores: 8,
      storageSizeInGB: 256,
      licenseType: 'LicenseIncluded',
      collation: 'SQL_Latin1_General_CP1_CI_AS',
      publicDataEndpointEnabled: false,
      proxyOverride: 'Redirect',
      minimalTlsVersion: '1.2',
      dnsZone: '1b4e2caff2530',
      ...properties,
    },
  });
}

/**
 * Microsoft.Sql/locations/instanceFailoverGroups (2023-08-01): read per
 * location, with no `location` in the body; `locationSegment` is the id's
 * `locations/{name}` as Resource Manager writes it (`EastUS2`).
 */
export function instanceFailoverGroup(
  name: string,
  locationSegment: string,
  primary: AzureResource,
  partner: AzureResource,
  properties: Record<string, unknown> = {},
): AzureResource {
  return arm({
    id: `${EUS2}/providers/Microsoft.Sql/locations/${locationSegment}/instanceFailoverGroups/${name}`,
    type: 'Microsoft.Sql/locations/instanceFailoverGroups',
    location: '',
    properties: {
      readWriteEndpoint: {
        failoverPolicy: 'Automatic',
        failoverWithDataLossGracePeriodMinutes: 60,
      },
      readOnlyEndpoint: { failoverPolicy: 'Disabled' },
      replicationRole: 'Primary',
      replicationState: 'CATCH_UP',
      partnerRegions: [
        { location: partner.location, replicationRole: 'Secondary' },
      ],
      managedInstancePairs: [
        {
          primaryManagedInstanceId: primary.id,
          partnerManagedInstanceId: partner.id,
        },
      ],
      ...properties,
    },
  });
}

/** Microsoft.Storage/storageAccounts/objectReplicationPolicies (2023-05-01), as listed under the source account. */
export function objectReplicationPolicy(
  source: AzureResource,
  destination: AzureResource,
  rules: Record<string, unknown>[] = [
    {
      ruleId: 'd5d18a48-8801-4554-aeaa-74faf65f5ef9',
      sourceContainer: 'claim-documents',
      destinationContainer: 'claim-documents',
      filters: { prefixMatch: [] },
    },
  ],
): AzureResource {
  const policyId = '2a20bb73-5717-4635-985a-5d4cf777438f';
  return arm({
    id: `${source.id}/objectReplicationPolicies/${policyId}`,
    type: 'Microsoft.Storage/storageAccounts/objectReplicationPolicies',
    location: '',
    properties: {
      policyId,
      enabledTime: '2025-01-12T09:31:40Z',
      sourceAccount: source.name,
      destinationAccount: destination.id,
      rules,
    },
  });
}

/** Microsoft.Network/applicationGateways (2024-05-01). */
export function applicationGateway(
  name: string,
  location: string,
  tier = 'WAF_v2',
  /** `null`: not zonal (Resource Manager then omits `zones`). */
  zones: string[] | null = ['1', '2', '3'],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Network/applicationGateways/${name}`,
    type: 'Microsoft.Network/applicationGateways',
    location,
    zones: zones ?? undefined,
    properties: {
      provisioningState: 'Succeeded',
      operationalState: 'Running',
      sku: { name: tier, tier, ...(/_v2$/.test(tier) ? {} : { capacity: 2 }) },
      autoscaleConfiguration: /_v2$/.test(tier)
        ? { minCapacity: 2, maxCapacity: 10 }
        : undefined,
      enableHttp2: true,
    },
  });
}

/** Microsoft.Network/azureFirewalls (2024-05-01). */
export function firewall(
  name: string,
  location: string,
  /** `null`: not zonal (Resource Manager then omits `zones`). */
  zones: string[] | null = ['1', '2', '3'],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Network/azureFirewalls/${name}`,
    type: 'Microsoft.Network/azureFirewalls',
    location,
    zones: zones ?? undefined,
    properties: {
      provisioningState: 'Succeeded',
      sku: { name: 'AZFW_VNet', tier: 'Premium' },
      threatIntelMode: 'Alert',
      firewallPolicy: {
        id: `${EUS2}/providers/Microsoft.Network/firewallPolicies/afwp-hub`,
      },
    },
  });
}

/** Microsoft.ApiManagement/service (2024-05-01). */
export function apiManagement(
  name: string,
  location: string,
  sku: string,
  additionalLocations: Record<string, unknown>[] = [],
  zones?: string[],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.ApiManagement/service/${name}`,
    type: 'Microsoft.ApiManagement/service',
    location,
    sku: { name: sku, capacity: sku === 'Premium' ? 2 : 1 },
    zones,
    properties: {
      publisherEmail: 'platform@contoso.example',
      publisherName: 'Contoso Health',
      provisioningState: 'Succeeded',
      gatewayUrl: `https://${name}.azure-api.net`,
      platformVersion: 'stv2',
      additionalLocations,
    },
  });
}

/** Microsoft.EventHub/namespaces or Microsoft.ServiceBus/namespaces (2024-01-01). */
export function messagingNamespace(
  provider: 'EventHub' | 'ServiceBus',
  name: string,
  location: string,
  tier: string,
  properties: Record<string, unknown> = {},
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.${provider}/namespaces/${name}`,
    type: `Microsoft.${provider}/namespaces`,
    location,
    sku: { name: tier, tier, capacity: 1 },
    properties: {
      provisioningState: 'Succeeded',
      status: 'Active',
      serviceBusEndpoint: `https://${name}.servicebus.windows.net:443/`,
      minimumTlsVersion: '1.2',
      zoneRedundant: true,
      ...properties,
    },
  });
}

/** `{namespace}/disasterRecoveryConfigs/{alias}` (2024-01-01): the geo-disaster-recovery alias, under the primary. */
export function disasterRecoveryConfig(
  namespace: AzureResource,
  partner: AzureResource,
  role = 'Primary',
): AzureResource {
  const provider = namespace.type.startsWith('microsoft.eventhub')
    ? 'EventHub'
    : 'ServiceBus';
  return arm({
    id: `${namespace.id}/disasterRecoveryConfigs/${namespace.name}-alias`,
    type: `Microsoft.${provider}/namespaces/disasterRecoveryConfigs`,
    location: '',
    properties: {
      provisioningState: 'Succeeded',
      partnerNamespace: partner.id,
      role,
      pendingReplicationOperationsCount: 0,
    },
  });
}

/** Microsoft.Devices/IotHubs (2023-06-30). */
export function iotHub(
  name: string,
  location: string,
  locations: Record<string, unknown>[] | undefined,
  properties: Record<string, unknown> = {},
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Devices/IotHubs/${name}`,
    type: 'Microsoft.Devices/IotHubs',
    location,
    sku: { name: 'S1', tier: 'Standard', capacity: 1 },
    properties: {
      state: 'Active',
      provisioningState: 'Succeeded',
      hostName: `${name}.azure-devices.net`,
      features: 'None',
      minTlsVersion: '1.2',
      ...(locations ? { locations } : {}),
      ...properties,
    },
  });
}

/** Microsoft.Compute/virtualMachines (2024-07-01). */
export function virtualMachine(
  name: string,
  location: string,
  zones?: string[],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Compute/virtualMachines/${name}`,
    type: 'Microsoft.Compute/virtualMachines',
    location,
    zones,
    properties: {
      vmId: '0f47b100-583c-48e3-a4c0-aefc2c9bbcc1',
      hardwareProfile: { vmSize: 'Standard_D4s_v5' },
      storageProfile: {
        osDisk: {
          osType: 'Linux',
          createOption: 'FromImage',
          managedDisk: { storageAccountType: 'Premium_ZRS' },
        },
      },
      provisioningState: 'Succeeded',
    },
  });
}

/** Microsoft.Compute/virtualMachineScaleSets (2024-07-01). */
export function scaleSet(
  name: string,
  location: string,
  zones?: string[],
  tags?: Record<string, string>,
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location,
    zones,
    tags,
    sku: { name: 'Standard_D4s_v5', tier: 'Standard', capacity: 3 },
    properties: {
      orchestrationMode: 'Flexible',
      platformFaultDomainCount: 1,
      provisioningState: 'Succeeded',
    },
  });
}

/** Microsoft.RecoveryServices/vaults (2024-04-01). */
export function recoveryVault(name: string, location: string): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.RecoveryServices/vaults/${name}`,
    type: 'Microsoft.RecoveryServices/vaults',
    location,
    sku: { name: 'RS0', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      redundancySettings: {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
    },
  });
}

/** A Site Recovery replicated item of an Azure VM (A2A), as listed below the vault in the recovery region. */
export function replicationProtectedItem(
  vault: AzureResource,
  vm: AzureResource,
  details: Record<string, unknown> = {},
  properties: Record<string, unknown> = {},
): AzureResource {
  return arm({
    id: `${vault.id}/replicationFabrics/asr-a2a-default-eastus2/replicationProtectionContainers/asr-a2a-default-eastus2-container/replicationProtectedItems/${vm.name}-rpi`,
    type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
    location: '',
    properties: {
      friendlyName: vm.name,
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      protectionState: 'Protected',
      protectionStateDescription: 'Protected',
      replicationHealth: 'Normal',
      testFailoverState: 'None',
      lastSuccessfulTestFailoverTime: '2025-04-20T09:12:00Z',
      ...properties,
      providerSpecificDetails: {
        instanceType: 'A2A',
        fabricObjectId: vm.id,
        primaryFabricLocation: 'eastus2',
        recoveryFabricLocation: 'centralus',
        rpoInSeconds: 62,
        lastRpoCalculatedTime: '2025-06-02T11:58:00Z',
        monitoringPercentageCompletion: 100,
        ...details,
      },
    },
  });
}

/** An Azure Backup item protecting a VM (2024-04-01). */
export function backupProtectedItem(
  vault: AzureResource,
  vm: AzureResource,
): AzureResource {
  return arm({
    id: `${vault.id}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}/protectedItems/VM;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}`,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
    location: vault.location,
    properties: {
      friendlyName: vm.name,
      virtualMachineId: vm.id,
      sourceResourceId: vm.id,
      protectionStatus: 'Healthy',
      protectionState: 'Protected',
      lastRecoveryPoint: '2025-06-02T02:04:31Z',
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      workloadType: 'VM',
    },
  });
}

/** Microsoft.ContainerInstance/containerGroups (2023-05-01). */
export function containerGroup(
  name: string,
  location: string,
  zones?: string[],
  state = 'Running',
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.ContainerInstance/containerGroups/${name}`,
    type: 'Microsoft.ContainerInstance/containerGroups',
    location,
    zones,
    properties: {
      provisioningState: 'Succeeded',
      osType: 'Linux',
      sku: 'Standard',
      restartPolicy: 'Always',
      instanceView: { state },
      containers: [
        {
          name,
          properties: {
            image: 'contosohealth.azurecr.io/intake-worker:1.4.2',
            resources: { requests: { cpu: 1, memoryInGB: 1.5 } },
          },
        },
      ],
    },
  });
}

/** Microsoft.Cache/Redis (2024-03-01). */
export function redisCache(
  name: string,
  location: string,
  sku = 'Premium',
  properties: Record<string, unknown> = {},
  zones?: string[],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Cache/Redis/${name}`,
    type: 'Microsoft.Cache/Redis',
    location,
    zones,
    properties: {
      provisioningState: 'Succeeded',
      redisVersion: '6.0',
      sku: { name: sku, family: sku === 'Premium' ? 'P' : 'C', capacity: 1 },
      enableNonSslPort: false,
      minimumTlsVersion: '1.2',
      hostName: `${name}.redis.cache.windows.net`,
      port: 6379,
      sslPort: 6380,
      ...properties,
    },
  });
}

/** `Microsoft.Cache/Redis/linkedServers` (2024-03-01), under the primary cache. */
export function redisLinkedServer(
  cache: AzureResource,
  linked: AzureResource,
): AzureResource {
  return arm({
    id: `${cache.id}/linkedServers/${linked.name}`,
    type: 'Microsoft.Cache/Redis/linkedServers',
    location: '',
    properties: {
      linkedRedisCacheId: linked.id,
      linkedRedisCacheLocation: linked.location,
      serverRole: 'Secondary',
      provisioningState: 'Succeeded',
    },
  });
}

/** Microsoft.KeyVault/vaults (2023-07-01). */
export function keyVault(name: string, location: string): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.KeyVault/vaults/${name}`,
    type: 'Microsoft.KeyVault/vaults',
    location,
    properties: {
      sku: { family: 'A', name: 'premium' },
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      vaultUri: `https://${name}.vault.azure.net/`,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      provisioningState: 'Succeeded',
    },
  });
}

/** Microsoft.KeyVault/managedHSMs (2023-07-01). */
export function managedHsm(
  name: string,
  location: string,
  regions?: Record<string, unknown>[],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.KeyVault/managedHSMs/${name}`,
    type: 'Microsoft.KeyVault/managedHSMs',
    location,
    sku: { name: 'Standard_B1', family: 'B' },
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      initialAdminObjectIds: ['00000000-0000-0000-0000-000000000000'],
      hsmUri: `https://${name}.managedhsm.azure.net`,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      provisioningState: 'Succeeded',
      securityDomainProperties: { activationStatus: 'Active' },
      ...(regions ? { regions } : {}),
    },
  });
}

/** Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies (2024-05-01), associated with the given gateways. */
export function wafPolicy(
  name: string,
  location: string,
  gateways: readonly AzureResource[],
  mode = 'Prevention',
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${name}`,
    type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    location,
    properties: {
      provisioningState: 'Succeeded',
      resourceState: 'Enabled',
      customRules: [],
      policySettings: {
        requestBodyCheck: true,
        maxRequestBodySizeInKb: 128,
        fileUploadLimitInMb: 100,
        state: 'Enabled',
        mode,
      },
      managedRules: {
        managedRuleSets: [
          { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
        ],
      },
      applicationGateways: gateways.map(g => ({ id: g.id })),
    },
  });
}

/** Microsoft.Network/firewallPolicies (2024-05-01). */
export function firewallPolicy(name: string, location: string): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Network/firewallPolicies/${name}`,
    type: 'Microsoft.Network/firewallPolicies',
    location,
    properties: {
      provisioningState: 'Succeeded',
      sku: { tier: 'Premium' },
      threatIntelMode: 'Deny',
      intrusionDetection: { mode: 'Deny' },
    },
  });
}

/** Microsoft.Insights/components (2020-02-02): workspace-based unless `classic`. */
export function applicationInsights(
  name: string,
  location: string,
  classic = false,
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Insights/components/${name}`,
    type: 'Microsoft.Insights/components',
    location,
    kind: 'web',
    properties: {
      ApplicationId: name,
      Application_Type: 'web',
      provisioningState: 'Succeeded',
      ...(classic
        ? { IngestionMode: 'ApplicationInsights' }
        : {
            IngestionMode: 'LogAnalytics',
            WorkspaceResourceId: `${groupOf[location]}/providers/Microsoft.OperationalInsights/workspaces/log-${location}`,
          }),
    },
  });
}

/** Microsoft.OperationalInsights/workspaces (2025-02-01), replicated to `replicaLocation` when given. */
export function logAnalyticsWorkspace(
  name: string,
  location: string,
  replicaLocation?: string,
  replicationState = 'Succeeded',
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.OperationalInsights/workspaces/${name}`,
    type: 'Microsoft.OperationalInsights/workspaces',
    location,
    properties: {
      customerId: '5b02755b-5bf4-430c-9487-45502a2a7e62',
      provisioningState: 'Succeeded',
      sku: { name: 'PerGB2018' },
      retentionInDays: 730,
      ...(replicaLocation
        ? {
            replication: {
              location: replicaLocation,
              enabled: true,
              provisioningState: replicationState,
            },
          }
        : {}),
    },
  });
}

/** Microsoft.Compute/disks (2024-03-02): the OS disk of a VM, zonal unless the SKU is ZRS. */
export function managedDisk(
  name: string,
  location: string,
  sku: string,
  zones?: string[],
): AzureResource {
  return arm({
    id: `${groupOf[location]}/providers/Microsoft.Compute/disks/${name}`,
    type: 'Microsoft.Compute/disks',
    location,
    sku: { name: sku, tier: 'Premium' },
    zones,
    properties: {
      osType: 'Linux',
      diskSizeGB: 64,
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'DenyAll',
      publicNetworkAccess: 'Disabled',
      diskState: 'Attached',
      provisioningState: 'Succeeded',
    },
  });
}

/** A VM whose OS disk is `disk`. */
export function virtualMachineWithDisk(
  name: string,
  disk: AzureResource,
): AzureResource {
  const vm = virtualMachine(name, disk.location, disk.zones);
  return {
    ...vm,
    properties: {
      ...vm.properties,
      storageProfile: {
        osDisk: {
          osType: 'Linux',
          createOption: 'FromImage',
          managedDisk: {
            storageAccountType: disk.sku?.name,
            id: disk.id,
          },
        },
      },
    },
  };
}

/**
 * Resources of the families the reference healthcare estates run beyond
 * storage, SQL, Key Vault, App Service, Cosmos DB and AKS, shaped like the
 * GET responses of the Azure REST API specifications (property names and
 * casing as Resource Manager returns them: `WorkspaceResourceId` on
 * Application Insights, `customProperties` switches as "True"/"False"
 * strings on API Management). Each is the compliant shape unless its name
 * says otherwise; tests derive failing and unreported variants from them.
 */
import { fromArm } from './arm';

const SUB = '20d7082a-0fc7-4468-82bd-542694d5042b';
const RG = `/subscriptions/${SUB}/resourceGroups/phi-rg`;

/** sql ManagedInstanceGet.json (2023-08-01), with an Entra-only administrator. */
export const managedInstance = fromArm({
  id: `${RG}/providers/Microsoft.Sql/managedInstances/testinstance`,
  name: 'testinstance',
  type: 'Microsoft.Sql/managedInstances',
  location: 'japaneast',
  sku: { name: 'GP_Gen5', tier: 'GeneralPurpose', capacity: 8, family: 'Gen5' },
  properties: {
    fullyQualifiedDomainName: 'testinstance.1b4e2caff2530.database.windows.net',
    administratorLogin: 'dummylogin',
    subnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/subnet1`,
    state: 'Ready',
    provisioningState: 'Succeeded',
    vCores: 8,
    storageSizeInGB: 1024,
    publicDataEndpointEnabled: false,
    proxyOverride: 'Default',
    minimalTlsVersion: '1.2',
    currentBackupStorageRedundancy: 'Geo',
    requestedBackupStorageRedundancy: 'Geo',
    administrators: {
      administratorType: 'ActiveDirectory',
      principalType: 'Group',
      login: 'sql-admins',
      sid: '00000011-1111-2222-2222-123456789111',
      tenantId: '00000011-1111-2222-2222-123456789111',
      azureADOnlyAuthentication: true,
    },
  },
});

export const managedInstanceEncryptionProtector = fromArm({
  id: `${managedInstance.id}/encryptionProtector/current`,
  name: 'current',
  type: 'Microsoft.Sql/managedInstances/encryptionProtector',
  kind: 'azurekeyvault',
  properties: {
    serverKeyName: 'someVault_someKey_01234567890123456789012345678901',
    serverKeyType: 'AzureKeyVault',
    uri: 'https://someVault.vault.azure.net/keys/someKey/01234567890123456789012345678901',
    autoRotationEnabled: true,
  },
});

export const managedInstanceVulnerabilityAssessment = fromArm({
  id: `${managedInstance.id}/vulnerabilityAssessments/default`,
  name: 'default',
  type: 'Microsoft.Sql/managedInstances/vulnerabilityAssessments',
  properties: {
    recurringScans: {
      isEnabled: true,
      emailSubscriptionAdmins: true,
      emails: [],
    },
  },
});

export const managedInstanceDatabase = fromArm({
  id: `${managedInstance.id}/databases/patients`,
  name: 'patients',
  type: 'Microsoft.Sql/managedInstances/databases',
  location: 'japaneast',
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS',
    status: 'Online',
    creationDate: '2024-03-01T10:00:00Z',
  },
});

export const managedInstanceDatabaseLongTermRetention = fromArm({
  id: `${managedInstanceDatabase.id}/backupLongTermRetentionPolicies/default`,
  name: 'default',
  type: 'Microsoft.Sql/managedInstances/databases/backupLongTermRetentionPolicies',
  properties: {
    weeklyRetention: 'P1M',
    monthlyRetention: 'P1Y',
    yearlyRetention: 'P6Y',
    weekOfYear: 5,
  },
});

/** A diagnostic setting on the instance exporting audit events to a workspace. */
export const managedInstanceAuditDiagnostics = fromArm({
  id: `${managedInstance.id}/providers/Microsoft.Insights/diagnosticSettings/audit`,
  name: 'audit',
  type: 'Microsoft.Insights/diagnosticSettings',
  properties: {
    workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/central`,
    logs: [
      { category: 'ResourceUsageStats', enabled: false },
      { category: 'SQLSecurityAuditEvents', enabled: true },
    ],
    metrics: [],
  },
});

/** A diagnostic setting with every log enabled, re-homed under whatever resource a test needs. */
export function allLogsDiagnosticSetting(parentId: string) {
  return fromArm({
    id: `${parentId}/providers/Microsoft.Insights/diagnosticSettings/to-central`,
    name: 'to-central',
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/central`,
      logAnalyticsDestinationType: 'Dedicated',
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    },
  });
}

/** network WebApplicationFirewallPolicyGet.json shape. */
export const appGatewayWafPolicy = fromArm({
  id: `${RG}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-phi`,
  name: 'waf-phi',
  type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  location: 'westus',
  properties: {
    provisioningState: 'Succeeded',
    resourceState: 'Enabled',
    policySettings: {
      state: 'Enabled',
      mode: 'Prevention',
      requestBodyCheck: true,
      maxRequestBodySizeInKb: 128,
      fileUploadLimitInMb: 100,
    },
    customRules: [],
    managedRules: {
      managedRuleSets: [
        { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
        { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' },
      ],
      exclusions: [],
    },
  },
});

/** network ApplicationGatewayGet.json shape, WAF_v2 with a linked policy and TLS 1.2 predefined policy. */
export const appGateway = fromArm({
  id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw`,
  name: 'appgw',
  type: 'Microsoft.Network/applicationGateways',
  location: 'westus',
  properties: {
    provisioningState: 'Succeeded',
    sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 },
    operationalState: 'Running',
    sslPolicy: {
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy20220101S',
    },
    firewallPolicy: { id: appGatewayWafPolicy.id },
    httpListeners: [
      {
        id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/httpListeners/https`,
        name: 'https',
        properties: { protocol: 'Https', hostName: 'portal.example.org' },
      },
      {
        id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/httpListeners/http`,
        name: 'http',
        properties: { protocol: 'Http', hostName: 'portal.example.org' },
      },
    ],
    requestRoutingRules: [
      {
        id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/requestRoutingRules/portal`,
        name: 'portal',
        properties: {
          ruleType: 'Basic',
          priority: 10,
          httpListener: {
            id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/httpListeners/https`,
          },
          backendAddressPool: {
            id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/backendAddressPools/portal`,
          },
        },
      },
      {
        id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/requestRoutingRules/http-to-https`,
        name: 'http-to-https',
        properties: {
          ruleType: 'Basic',
          priority: 20,
          httpListener: {
            id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/httpListeners/http`,
          },
          redirectConfiguration: {
            id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/redirectConfigurations/to-https`,
          },
        },
      },
    ],
    redirectConfigurations: [
      {
        id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/redirectConfigurations/to-https`,
        name: 'to-https',
        properties: {
          redirectType: 'Permanent',
          targetListener: {
            id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw/httpListeners/https`,
          },
          includePath: true,
          includeQueryString: true,
        },
      },
    ],
  },
});

/** A v1 gateway with the legacy in-gateway WAF configuration. */
export const appGatewayV1Legacy = fromArm({
  id: `${RG}/providers/Microsoft.Network/applicationGateways/appgw-v1`,
  name: 'appgw-v1',
  type: 'Microsoft.Network/applicationGateways',
  location: 'westus',
  properties: {
    sku: { name: 'WAF_Medium', tier: 'WAF', capacity: 2 },
    sslPolicy: {
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy20150501',
    },
    webApplicationFirewallConfiguration: {
      enabled: true,
      firewallMode: 'Detection',
      ruleSetType: 'OWASP',
      ruleSetVersion: '3.0',
    },
  },
});

/** frontdoor WafPolicyGet.json shape (Front Door Premium policy). */
export const frontDoorWafPolicy = fromArm({
  id: `${RG}/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/fdwafphi`,
  name: 'fdwafphi',
  type: 'Microsoft.Network/frontdoorwebapplicationfirewallpolicies',
  location: 'global',
  sku: { name: 'Premium_AzureFrontDoor' },
  properties: {
    policySettings: {
      enabledState: 'Enabled',
      mode: 'Prevention',
      requestBodyCheck: 'Enabled',
    },
    managedRules: {
      managedRuleSets: [
        {
          ruleSetType: 'Microsoft_DefaultRuleSet',
          ruleSetVersion: '2.1',
          ruleSetAction: 'Block',
        },
      ],
    },
    resourceState: 'Enabled',
  },
});

/** cdn AFDProfiles_Get.json shape (Premium) and its children. */
export const frontDoorProfile = fromArm({
  id: `${RG}/providers/Microsoft.Cdn/profiles/afd-phi`,
  name: 'afd-phi',
  type: 'Microsoft.Cdn/profiles',
  location: 'Global',
  kind: 'frontdoor',
  sku: { name: 'Premium_AzureFrontDoor' },
  properties: {
    provisioningState: 'Succeeded',
    resourceState: 'Active',
    originResponseTimeoutSeconds: 60,
    frontDoorId: '5a2b1c9e-0000-4f8c-9d41-000000000000',
  },
});

export const frontDoorSecurityPolicy = fromArm({
  id: `${frontDoorProfile.id}/securityPolicies/waf`,
  name: 'waf',
  type: 'Microsoft.Cdn/profiles/securitypolicies',
  properties: {
    provisioningState: 'Succeeded',
    parameters: {
      type: 'WebApplicationFirewall',
      wafPolicy: { id: frontDoorWafPolicy.id },
      associations: [
        {
          domains: [{ id: `${frontDoorProfile.id}/customDomains/portal` }],
          patternsToMatch: ['/*'],
        },
      ],
    },
  },
});

export const frontDoorRoute = fromArm({
  id: `${frontDoorProfile.id}/afdEndpoints/portal/routes/default`,
  name: 'default',
  type: 'Microsoft.Cdn/profiles/afdendpoints/routes',
  properties: {
    supportedProtocols: ['Http', 'Https'],
    httpsRedirect: 'Enabled',
    forwardingProtocol: 'HttpsOnly',
    linkToDefaultDomain: 'Enabled',
    enabledState: 'Enabled',
    patternsToMatch: ['/*'],
  },
});

export const frontDoorCustomDomain = fromArm({
  id: `${frontDoorProfile.id}/customDomains/portal`,
  name: 'portal',
  type: 'Microsoft.Cdn/profiles/customdomains',
  properties: {
    hostName: 'portal.example.org',
    tlsSettings: {
      certificateType: 'ManagedCertificate',
      minimumTlsVersion: 'TLS12',
    },
    domainValidationState: 'Approved',
  },
});

/** frontdoor FrontDoorGet.json shape (classic). */
export const frontDoorClassic = fromArm({
  id: `${RG}/providers/Microsoft.Network/frontDoors/fd-classic`,
  name: 'fd-classic',
  type: 'Microsoft.Network/frontDoors',
  location: 'global',
  properties: {
    enabledState: 'Enabled',
    frontendEndpoints: [
      {
        id: `${RG}/providers/Microsoft.Network/frontDoors/fd-classic/frontendEndpoints/portal`,
        name: 'portal',
        properties: {
          hostName: 'portal.example.org',
          webApplicationFirewallPolicyLink: { id: frontDoorWafPolicy.id },
          customHttpsConfiguration: {
            certificateSource: 'FrontDoor',
            protocolType: 'ServerNameIndication',
            minimumTlsVersion: '1.2',
          },
        },
      },
    ],
    routingRules: [
      {
        name: 'https',
        properties: {
          acceptedProtocols: ['Https'],
          patternsToMatch: ['/*'],
          routeConfiguration: {
            '@odata.type':
              '#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration',
            forwardingProtocol: 'HttpsOnly',
          },
        },
      },
      {
        name: 'redirect',
        properties: {
          acceptedProtocols: ['Http'],
          patternsToMatch: ['/*'],
          routeConfiguration: {
            '@odata.type':
              '#Microsoft.Azure.FrontDoor.Models.FrontdoorRedirectConfiguration',
            redirectType: 'Moved',
            redirectProtocol: 'HttpsOnly',
          },
        },
      },
    ],
  },
});

/** trafficmanager Profile-GET-WithEndpoints.json shape. */
export const trafficManagerProfile = fromArm({
  id: `${RG}/providers/Microsoft.Network/trafficManagerProfiles/tm-portal`,
  name: 'tm-portal',
  type: 'Microsoft.Network/trafficManagerProfiles',
  location: 'global',
  properties: {
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Priority',
    dnsConfig: { relativeName: 'tm-portal', ttl: 30 },
    monitorConfig: {
      protocol: 'HTTPS',
      port: 443,
      path: '/healthz',
      intervalInSeconds: 30,
      toleratedNumberOfFailures: 3,
      timeoutInSeconds: 10,
    },
    endpoints: [],
  },
});

/** network FirewallPolicyGet.json shape. */
export const firewallPolicy = fromArm({
  id: `${RG}/providers/Microsoft.Network/firewallPolicies/fwp-hub`,
  name: 'fwp-hub',
  type: 'Microsoft.Network/firewallPolicies',
  location: 'westus',
  properties: {
    sku: { tier: 'Premium' },
    threatIntelMode: 'Deny',
    intrusionDetection: { mode: 'Deny' },
    provisioningState: 'Succeeded',
  },
});

/** network AzureFirewallGet.json shape, managed by a policy. */
export const azureFirewall = fromArm({
  id: `${RG}/providers/Microsoft.Network/azureFirewalls/fw-hub`,
  name: 'fw-hub',
  type: 'Microsoft.Network/azureFirewalls',
  location: 'westus',
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Premium' },
    firewallPolicy: { id: firewallPolicy.id },
    // Ignored by Azure while a policy is attached.
    threatIntelMode: 'Alert',
    provisioningState: 'Succeeded',
  },
});

/** A firewall with classic rules and its own threat intelligence mode. */
export const azureFirewallClassicRules = fromArm({
  id: `${RG}/providers/Microsoft.Network/azureFirewalls/fw-classic`,
  name: 'fw-classic',
  type: 'Microsoft.Network/azureFirewalls',
  location: 'westus',
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Standard' },
    threatIntelMode: 'Alert',
    applicationRuleCollections: [],
    networkRuleCollections: [],
  },
});

const APIM_SECURITY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';

/** apimanagement ApiManagementServiceGetService.json shape. */
export const apiManagementService = fromArm({
  id: `${RG}/providers/Microsoft.ApiManagement/service/apim-phi`,
  name: 'apim-phi',
  type: 'Microsoft.ApiManagement/service',
  location: 'West US',
  sku: { name: 'Premium', capacity: 1 },
  properties: {
    publisherEmail: 'platform@example.org',
    publisherName: 'Platform',
    provisioningState: 'Succeeded',
    gatewayUrl: 'https://apim-phi.azure-api.net',
    customProperties: {
      [`${APIM_SECURITY}.Protocols.Tls10`]: 'False',
      [`${APIM_SECURITY}.Protocols.Tls11`]: 'False',
      [`${APIM_SECURITY}.Protocols.Ssl30`]: 'False',
      [`${APIM_SECURITY}.Backend.Protocols.Tls10`]: 'False',
      [`${APIM_SECURITY}.Backend.Protocols.Tls11`]: 'False',
      [`${APIM_SECURITY}.Backend.Protocols.Ssl30`]: 'False',
      [`${APIM_SECURITY}.Ciphers.TripleDes168`]: 'False',
      [`${APIM_SECURITY}.Protocols.Server.Http2`]: 'False',
    },
    virtualNetworkType: 'Internal',
    virtualNetworkConfiguration: {
      subnetResourceId: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/apim`,
    },
    publicNetworkAccess: 'Enabled',
    disableGateway: false,
    platformVersion: 'stv2',
  },
});

/** eventhub NameSpaceGet.json shape (2024-01-01). */
export const eventHubNamespace = fromArm({
  id: `${RG}/providers/Microsoft.EventHub/namespaces/eh-phi`,
  name: 'eh-phi',
  type: 'Microsoft.EventHub/Namespaces',
  location: 'East US',
  sku: { name: 'Premium', tier: 'Premium', capacity: 1 },
  properties: {
    provisioningState: 'Succeeded',
    status: 'Active',
    serviceBusEndpoint: 'https://eh-phi.servicebus.windows.net:443/',
    minimumTlsVersion: '1.2',
    publicNetworkAccess: 'Disabled',
    disableLocalAuth: true,
    zoneRedundant: true,
    isAutoInflateEnabled: false,
    kafkaEnabled: true,
  },
});

/** servicebus SBNameSpaceGet.json shape (2022-10-01-preview). */
export const serviceBusNamespace = fromArm({
  id: `${RG}/providers/Microsoft.ServiceBus/namespaces/sb-phi`,
  name: 'sb-phi',
  type: 'Microsoft.ServiceBus/Namespaces',
  location: 'East US',
  sku: { name: 'Premium', tier: 'Premium', capacity: 1 },
  properties: {
    provisioningState: 'Succeeded',
    status: 'Active',
    serviceBusEndpoint: 'https://sb-phi.servicebus.windows.net:443/',
    minimumTlsVersion: '1.2',
    publicNetworkAccess: 'Disabled',
    disableLocalAuth: true,
    zoneRedundant: true,
    premiumMessagingPartitions: 1,
  },
});

/** iothub iothub_get.json shape. */
export const iotHub = fromArm({
  id: `${RG}/providers/Microsoft.Devices/IotHubs/iot-phi`,
  name: 'iot-phi',
  type: 'Microsoft.Devices/IotHubs',
  location: 'centraluseuap',
  sku: { name: 'S1', tier: 'Standard', capacity: 1 },
  properties: {
    state: 'Active',
    provisioningState: 'Succeeded',
    hostName: 'iot-phi.azure-devices.net',
    publicNetworkAccess: 'Disabled',
    disableLocalAuth: true,
    disableDeviceSAS: false,
    minTlsVersion: '1.2',
    enableFileUploadNotifications: false,
  },
});

/** compute VirtualMachine_Get shape with encryption at host. */
export const virtualMachine = fromArm({
  id: `${RG}/providers/Microsoft.Compute/virtualMachines/vm-intake`,
  name: 'vm-intake',
  type: 'Microsoft.Compute/virtualMachines',
  location: 'eastus2',
  properties: {
    vmId: '0f47b100-583c-48e3-a4c0-aefc2c9bbcc1',
    hardwareProfile: { vmSize: 'Standard_D4s_v5' },
    securityProfile: {
      encryptionAtHost: true,
      securityType: 'TrustedLaunch',
      uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
    },
    storageProfile: {
      osDisk: {
        osType: 'Linux',
        name: 'vm-intake-os',
        createOption: 'FromImage',
        caching: 'ReadWrite',
        managedDisk: {
          storageAccountType: 'Premium_LRS',
          id: `${RG}/providers/Microsoft.Compute/disks/vm-intake-os`,
        },
        diskSizeGB: 30,
      },
      dataDisks: [
        {
          lun: 0,
          name: 'vm-intake-data',
          createOption: 'Empty',
          caching: 'ReadOnly',
          managedDisk: {
            storageAccountType: 'Premium_LRS',
            id: `${RG}/providers/Microsoft.Compute/disks/vm-intake-data`,
          },
          diskSizeGB: 256,
        },
      ],
    },
    provisioningState: 'Succeeded',
  },
});

const DES = `${RG}/providers/Microsoft.Compute/diskEncryptionSets/des-phi`;

/** compute VirtualMachineScaleSet_Get shape whose disks use a disk encryption set. */
export const scaleSet = fromArm({
  id: `${RG}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-workers`,
  name: 'vmss-workers',
  type: 'Microsoft.Compute/virtualMachineScaleSets',
  location: 'eastus2',
  sku: { name: 'Standard_D2s_v5', tier: 'Standard', capacity: 3 },
  properties: {
    orchestrationMode: 'Uniform',
    virtualMachineProfile: {
      storageProfile: {
        osDisk: {
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: {
            storageAccountType: 'Premium_LRS',
            diskEncryptionSet: { id: DES },
          },
        },
        dataDisks: [
          {
            lun: 0,
            createOption: 'Empty',
            diskSizeGB: 128,
            managedDisk: {
              storageAccountType: 'Premium_LRS',
              diskEncryptionSet: { id: DES },
            },
          },
        ],
      },
    },
    provisioningState: 'Succeeded',
  },
});

/** recoveryservicesbackup ProtectedItem get shape (AzureIaaSComputeVMProtectedItem). */
export const vmBackupItem = fromArm({
  id: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-phi/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;phi-rg;vm-intake/protectedItems/VM;iaasvmcontainerv2;phi-rg;vm-intake`,
  name: 'VM;iaasvmcontainerv2;phi-rg;vm-intake',
  type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
  properties: {
    protectedItemType: 'Microsoft.Compute/virtualMachines',
    friendlyName: 'vm-intake',
    virtualMachineId: virtualMachine.id,
    sourceResourceId: virtualMachine.id,
    protectionStatus: 'Healthy',
    protectionState: 'Protected',
    lastBackupStatus: 'Completed',
    policyId: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-phi/backupPolicies/DefaultPolicy`,
  },
});

/** recoveryservicessiterecovery ReplicationProtectedItems_Get shape (A2A). */
export const vmReplicationItem = fromArm({
  id: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-dr/replicationFabrics/asr-a2a-eastus2/replicationProtectionContainers/asr-a2a-eastus2-container/replicationProtectedItems/vm-intake-item`,
  name: 'vm-intake-item',
  type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
  properties: {
    friendlyName: 'vm-intake',
    protectionState: 'Protected',
    replicationHealth: 'Normal',
    providerSpecificDetails: {
      instanceType: 'A2A',
      fabricObjectId: virtualMachine.id,
      primaryFabricLocation: 'eastus2',
      recoveryFabricLocation: 'centralus',
    },
  },
});

/** app ContainerApps_Get.json shape. */
export const containerApp = fromArm({
  id: `${RG}/providers/Microsoft.App/containerApps/intake-api`,
  name: 'intake-api',
  type: 'Microsoft.App/containerApps',
  location: 'East US',
  properties: {
    provisioningState: 'Succeeded',
    managedEnvironmentId: `${RG}/providers/Microsoft.App/managedEnvironments/cae-phi`,
    configuration: {
      activeRevisionsMode: 'Single',
      ingress: {
        fqdn: 'intake-api.internal.cae-phi.eastus.azurecontainerapps.io',
        external: true,
        targetPort: 8080,
        transport: 'auto',
        allowInsecure: false,
        traffic: [{ latestRevision: true, weight: 100 }],
      },
    },
  },
});

/** app ManagedEnvironments_Get.json shape, VNet-injected and internal. */
export const containerAppEnvironment = fromArm({
  id: `${RG}/providers/Microsoft.App/managedEnvironments/cae-phi`,
  name: 'cae-phi',
  type: 'Microsoft.App/managedEnvironments',
  location: 'East US',
  properties: {
    provisioningState: 'Succeeded',
    defaultDomain: 'cae-phi.eastus.azurecontainerapps.io',
    staticIp: '10.10.0.4',
    vnetConfiguration: {
      internal: true,
      infrastructureSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/cae`,
    },
    zoneRedundant: true,
  },
});

/** containerinstance ContainerGroupsGet shape, in a subnet with a private IP. */
export const containerGroup = fromArm({
  id: `${RG}/providers/Microsoft.ContainerInstance/containerGroups/hl7-bridge`,
  name: 'hl7-bridge',
  type: 'Microsoft.ContainerInstance/containerGroups',
  location: 'westus',
  properties: {
    provisioningState: 'Succeeded',
    osType: 'Linux',
    sku: 'Standard',
    containers: [
      {
        name: 'bridge',
        properties: {
          image: 'example.azurecr.io/hl7-bridge:1.4.2',
          ports: [{ port: 2575, protocol: 'TCP' }],
          resources: { requests: { cpu: 1, memoryInGB: 1.5 } },
        },
      },
    ],
    ipAddress: {
      type: 'Private',
      ip: '10.0.4.4',
      ports: [{ port: 2575, protocol: 'TCP' }],
    },
    subnetIds: [
      {
        id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/aci`,
      },
    ],
  },
});

/** applicationinsights ComponentsGet.json shape, workspace-based (2020-02-02). */
export const applicationInsights = fromArm({
  id: `${RG}/providers/Microsoft.Insights/components/ai-portal`,
  name: 'ai-portal',
  type: 'Microsoft.Insights/components',
  location: 'southcentralus',
  kind: 'web',
  properties: {
    ApplicationId: 'ai-portal',
    AppId: '7c8f0a44-0000-4c6f-8b1f-6c5a7e2b1d00',
    Application_Type: 'web',
    Flow_Type: 'Bluefield',
    Request_Source: 'rest',
    InstrumentationKey: 'dc5de2c8-0000-4f5e-9a1b-6a4d1fb0e000',
    provisioningState: 'Succeeded',
    WorkspaceResourceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/central`,
    IngestionMode: 'LogAnalytics',
    DisableLocalAuth: true,
    publicNetworkAccessForIngestion: 'Enabled',
    publicNetworkAccessForQuery: 'Enabled',
  },
});

/** redis RedisCacheGet.json shape. */
export const redisCache = fromArm({
  id: `${RG}/providers/Microsoft.Cache/Redis/cache-phi`,
  name: 'cache-phi',
  type: 'Microsoft.Cache/Redis',
  location: 'West US',
  properties: {
    provisioningState: 'Succeeded',
    redisVersion: '6.0',
    sku: { name: 'Premium', family: 'P', capacity: 1 },
    enableNonSslPort: false,
    minimumTlsVersion: '1.2',
    publicNetworkAccess: 'Disabled',
    hostName: 'cache-phi.redis.cache.windows.net',
    port: 6379,
    sslPort: 6380,
    redisConfiguration: { 'aad-enabled': 'true', maxclients: '7500' },
  },
});

/** recoveryservices GETVault.json shape (2024-04-01), immutable with soft delete always on. */
export const recoveryVault = fromArm({
  id: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-phi`,
  name: 'rsv-phi',
  type: 'Microsoft.RecoveryServices/vaults',
  location: 'eastus2',
  sku: { name: 'Standard' },
  properties: {
    provisioningState: 'Succeeded',
    privateEndpointStateForBackup: 'Enabled',
    privateEndpointStateForSiteRecovery: 'None',
    publicNetworkAccess: 'Disabled',
    securitySettings: {
      immutabilitySettings: { state: 'Locked' },
      softDeleteSettings: {
        softDeleteState: 'AlwaysON',
        softDeleteRetentionPeriodInDays: 14,
        enhancedSecurityState: 'Enabled',
      },
    },
    redundancySettings: {
      standardTierStorageRedundancy: 'GeoRedundant',
      crossRegionRestore: 'Enabled',
    },
  },
});

/** compute Disk_Get shape of an OS disk attached to `virtualMachine`, platform-managed keys. */
export const managedDisk = fromArm({
  id: `${RG}/providers/Microsoft.Compute/disks/vm-intake-os`,
  name: 'vm-intake-os',
  type: 'Microsoft.Compute/disks',
  location: 'eastus2',
  sku: { name: 'Premium_ZRS', tier: 'Premium' },
  properties: {
    osType: 'Linux',
    creationData: { createOption: 'FromImage' },
    diskSizeGB: 30,
    encryption: { type: 'EncryptionAtRestWithPlatformKey' },
    networkAccessPolicy: 'DenyAll',
    publicNetworkAccess: 'Disabled',
    diskState: 'Attached',
    provisioningState: 'Succeeded',
  },
});

/** operationalinsights WorkspacesGet.json shape (2025-02-01), private and Entra-only. */
export const logAnalyticsWorkspace = fromArm({
  id: `${RG}/providers/Microsoft.OperationalInsights/workspaces/central`,
  name: 'central',
  type: 'Microsoft.OperationalInsights/workspaces',
  location: 'eastus2',
  properties: {
    customerId: '5b02755b-5bf4-430c-9487-45502a2a7e62',
    provisioningState: 'Succeeded',
    sku: { name: 'PerGB2018' },
    retentionInDays: 730,
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true,
      disableLocalAuth: true,
    },
    publicNetworkAccessForIngestion: 'Disabled',
    publicNetworkAccessForQuery: 'Disabled',
  },
});

/** operationalinsights TablesGet.json shape: a table of `logAnalyticsWorkspace` with long-term retention. */
export function workspaceTable(name: string, totalRetentionInDays: number) {
  return fromArm({
    id: `${logAnalyticsWorkspace.id}/tables/${name}`,
    name,
    type: 'Microsoft.OperationalInsights/workspaces/tables',
    properties: {
      retentionInDays: 730,
      totalRetentionInDays,
      archiveRetentionInDays: totalRetentionInDays - 730,
      plan: 'Analytics',
      schema: { name, tableType: 'Microsoft' },
      provisioningState: 'Succeeded',
    },
  });
}

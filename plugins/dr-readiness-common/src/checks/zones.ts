import {
  type AzureResource,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import { getRegion } from '../regions';
import { isMasterDatabase } from './sql';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  ofType,
  read,
  readArray,
  readString,
  records,
  regionOf,
  result,
  seen,
  asBoolean,
  hasProperties,
  inRegion,
  typeOf,
  zonesOf,
} from './values';
import {
  isAksNodePool,
  replicationOf,
  virtualMachineOfDisk,
} from './virtualMachines';

export function isZoneRedundantSku(sku: string): boolean {
  return /_(RA)?G?ZRS$/i.test(sku);
}

/** Resources in the primary survive the loss of one availability zone. */
export const zoneRedundancyCheck: ReadinessCheckDefinition = {
  id: 'zone-redundancy',
  title: 'Zone-redundant in the primary region',
  category: 'assurance',
  weight: 1,
  resourceTypes: [
    RESOURCE_TYPES.storageAccount,
    RESOURCE_TYPES.sqlDatabase,
    RESOURCE_TYPES.appServicePlan,
    RESOURCE_TYPES.containerAppsEnvironment,
    RESOURCE_TYPES.aksCluster,
    RESOURCE_TYPES.cosmosAccount,
    RESOURCE_TYPES.postgresFlexible,
    RESOURCE_TYPES.mysqlFlexible,
    RESOURCE_TYPES.sqlManagedInstance,
    RESOURCE_TYPES.applicationGateway,
    RESOURCE_TYPES.firewall,
    RESOURCE_TYPES.apiManagement,
    RESOURCE_TYPES.eventHubNamespace,
    RESOURCE_TYPES.serviceBusNamespace,
    RESOURCE_TYPES.redisCache,
    RESOURCE_TYPES.virtualMachine,
    RESOURCE_TYPES.virtualMachineScaleSet,
    RESOURCE_TYPES.managedDisk,
    RESOURCE_TYPES.containerGroup,
  ],
  mirrors: {
    aprl: [
      'e6c7e1cc',
      'c0085c32',
      '88cb90c2',
      'f4201965',
      '4f63619f',
      '921631f6',
      'ca87914f',
      '88856605',
      'f8f834a9',
      'c9c00f2a',
      'c72b7fee',
      '740f2c1c',
      'baf3bfc0',
      '84636c6c',
      '20057905',
      '5a44bd30',
      '2bd0be95',
      '1422c567',
      'fa0cf4f5',
    ],
  },
  evaluate: input => {
    if (input.role !== 'primary') {
      return undefined;
    }
    const region = input.policy.primaryRegion;
    if (!getRegion(region)?.availabilityZones) {
      return undefined;
    }
    // The entity's resources of one type in the region, from the grouping by
    // type every check shares (rather than a grouping of its own).
    const here = (type: string) =>
      inRegion(ofType(input.resources, type), region);
    const assessments: Assessment[] = [];
    const judge = (
      resource: AzureResource,
      zoneRedundant: boolean | undefined,
      evidence: Record<string, unknown>,
      what: string,
      fix: string,
    ) => {
      if (zoneRedundant === undefined) {
        assessments.push({
          resource,
          status: 'unknown',
          evidence,
          finding: `Whether ${resource.name} is zone-redundant was not reported.`,
          remediation: `Read ${resource.name} with its full properties.`,
        });
      } else if (zoneRedundant) {
        assessments.push({ resource, status: 'pass', evidence });
      } else {
        assessments.push({
          resource,
          status: 'warn',
          evidence,
          finding: `${
            resource.name
          } (${what}) is not zone-redundant: one zone failure in ${displayName(
            region,
          )} takes it down.`,
          remediation: fix,
        });
      }
    };

    for (const account of here(RESOURCE_TYPES.storageAccount)) {
      const sku = readString(account, 'sku.name');
      judge(
        account,
        sku === undefined ? undefined : isZoneRedundantSku(sku),
        seen(account, ['sku.name']),
        'storage account',
        `Convert ${account.name} to Standard_GZRS (or Standard_ZRS).`,
      );
    }
    for (const db of here(RESOURCE_TYPES.sqlDatabase).filter(
      d => !isMasterDatabase(d),
    )) {
      judge(
        db,
        asBoolean(read(db, 'properties.zoneRedundant')),
        seen(db, ['properties.zoneRedundant']),
        'SQL database',
        `Set zoneRedundant on ${db.name}.`,
      );
    }
    for (const plan of here(RESOURCE_TYPES.appServicePlan)) {
      judge(
        plan,
        asBoolean(read(plan, 'properties.zoneRedundant')),
        seen(plan, ['properties.zoneRedundant', 'sku.capacity']),
        'App Service plan',
        `Recreate ${plan.name} zone-redundant (zoneRedundant true, at least 2 instances): the setting is fixed at creation.`,
      );
    }
    for (const environment of here(RESOURCE_TYPES.containerAppsEnvironment)) {
      judge(
        environment,
        asBoolean(read(environment, 'properties.zoneRedundant')),
        seen(environment, ['properties.zoneRedundant']),
        'Container Apps environment',
        `Recreate ${environment.name} with zoneRedundant true: the setting is fixed at creation.`,
      );
    }
    for (const cluster of here(RESOURCE_TYPES.aksCluster)) {
      const pools = readArray(cluster, 'properties.agentPoolProfiles');
      const poolZones = records(pools).map(p => ({
        name: field(p, 'name') ?? null,
        availabilityZones: field(p, 'availabilityZones') ?? null,
      }));
      judge(
        cluster,
        pools === undefined || pools.length === 0
          ? undefined
          : poolZones.every(
              p =>
                Array.isArray(p.availabilityZones) &&
                p.availabilityZones.length >= 2,
            ),
        { agentPoolProfiles: poolZones },
        'AKS cluster',
        `Spread every node pool of ${cluster.name} over availability zones (availabilityZones 1, 2, 3).`,
      );
    }
    for (const account of ofType(
      input.resources,
      RESOURCE_TYPES.cosmosAccount,
    )) {
      const location = records(readArray(account, 'properties.locations')).find(
        l => normalizeRegion(field(l, 'locationName') as string) === region,
      );
      if (!location && regionOf(account) !== region) {
        continue;
      }
      judge(
        account,
        asBoolean(location ? field(location, 'isZoneRedundant') : undefined),
        {
          isZoneRedundant: location
            ? field(location, 'isZoneRedundant') ?? null
            : null,
        },
        'Cosmos DB account',
        `Enable zone redundancy in ${displayName(region)} on ${account.name}.`,
      );
    }
    for (const server of [
      ...here(RESOURCE_TYPES.postgresFlexible),
      ...here(RESOURCE_TYPES.mysqlFlexible),
    ]) {
      const mode = readString(server, 'properties.highAvailability.mode');
      judge(
        server,
        mode === undefined
          ? undefined
          : equalsIgnoreCase(mode, 'ZoneRedundant'),
        seen(server, ['properties.highAvailability.mode']),
        'flexible server',
        `Enable zone-redundant high availability on ${server.name}.`,
      );
    }
    for (const instance of here(RESOURCE_TYPES.sqlManagedInstance)) {
      judge(
        instance,
        asBoolean(read(instance, 'properties.zoneRedundant')),
        seen(instance, ['properties.zoneRedundant', 'sku.tier']),
        'SQL managed instance',
        `Set zoneRedundant on ${instance.name} (Terraform azurerm_mssql_managed_instance zone_redundant_enabled = true).`,
      );
    }
    // Zonal placement is top-level `zones`, absent (not false) when the
    // resource is not zonal: absence means "not zone-redundant" only once the
    // resource's properties were read.
    const spansZones = (resource: AzureResource, minimum = 2) =>
      hasProperties(resource) ? zonesOf(resource).length >= minimum : undefined;
    const zonesEvidence = (resource: AzureResource) => ({
      zones: zonesOf(resource),
    });
    for (const gateway of here(RESOURCE_TYPES.applicationGateway)) {
      judge(
        gateway,
        spansZones(gateway),
        {
          ...zonesEvidence(gateway),
          ...seen(gateway, ['properties.sku.tier']),
        },
        'application gateway',
        `Recreate ${gateway.name} on the v2 SKU across zones (Terraform azurerm_application_gateway zones = ["1", "2", "3"]): zones are fixed at creation.`,
      );
    }
    for (const firewall of here(RESOURCE_TYPES.firewall)) {
      judge(
        firewall,
        spansZones(firewall),
        zonesEvidence(firewall),
        'Azure Firewall',
        `Deploy ${firewall.name} across availability zones (Terraform azurerm_firewall zones = ["1", "2", "3"]).`,
      );
    }
    for (const service of here(RESOURCE_TYPES.apiManagement)) {
      const sku = readString(service, 'sku.name');
      // Only the Premium tier spreads gateway units over zones.
      judge(
        service,
        sku === undefined
          ? undefined
          : equalsIgnoreCase(sku, 'Premium') && zonesOf(service).length >= 2,
        { ...zonesEvidence(service), 'sku.name': sku ?? null },
        'API Management service',
        `Run ${service.name} on the Premium tier with units in at least two zones (Terraform azurerm_api_management sku_name = "Premium_2", zones = ["1", "2"]).`,
      );
    }
    for (const namespace of [
      ...here(RESOURCE_TYPES.eventHubNamespace),
      ...here(RESOURCE_TYPES.serviceBusNamespace),
    ]) {
      judge(
        namespace,
        asBoolean(read(namespace, 'properties.zoneRedundant')),
        seen(namespace, ['properties.zoneRedundant', 'sku.name']),
        typeOf(namespace) === RESOURCE_TYPES.eventHubNamespace
          ? 'Event Hubs namespace'
          : 'Service Bus namespace',
        `Recreate ${namespace.name} zone-redundant (Terraform ${
          typeOf(namespace) === RESOURCE_TYPES.eventHubNamespace
            ? 'azurerm_eventhub_namespace'
            : 'azurerm_servicebus_namespace'
        } zone_redundant = true): the setting is fixed at creation.`,
      );
    }
    for (const cache of here(RESOURCE_TYPES.redisCache)) {
      const policy = readString(cache, 'properties.zonalAllocationPolicy');
      judge(
        cache,
        policy !== undefined
          ? !equalsIgnoreCase(policy, 'NoZones') &&
              (equalsIgnoreCase(policy, 'Automatic') ||
                zonesOf(cache).length >= 2)
          : spansZones(cache),
        {
          ...zonesEvidence(cache),
          ...seen(cache, ['properties.zonalAllocationPolicy', 'sku.name']),
        },
        'Azure Cache for Redis',
        `Spread ${cache.name} over availability zones (Premium; Terraform azurerm_redis_cache zones = ["1", "2", "3"]).`,
      );
    }
    for (const scaleSet of here(RESOURCE_TYPES.virtualMachineScaleSet).filter(
      s => !isAksNodePool(s),
    )) {
      judge(
        scaleSet,
        spansZones(scaleSet),
        zonesEvidence(scaleSet),
        'virtual machine scale set',
        `Spread ${scaleSet.name} over availability zones (Terraform azurerm_orchestrated_virtual_machine_scale_set zones = ["1", "2", "3"]).`,
      );
    }
    // A managed disk survives the loss of its zone when it is ZRS; a zonal
    // (LRS) disk when the service's disks span two zones, or when Site
    // Recovery replicates its VM and can bring the disk up from the replica.
    const disks = here(RESOURCE_TYPES.managedDisk);
    const diskZones = new Set(disks.flatMap(zonesOf));
    const survivesZoneLoss = (
      disk: AzureResource,
      sku: string | undefined,
      replicated: boolean,
    ): boolean | undefined => {
      if ((sku !== undefined && isZoneRedundantSku(sku)) || replicated) {
        return true;
      }
      if (sku === undefined || !hasProperties(disk)) return undefined;
      return zonesOf(disk).length > 0 && diskZones.size >= 2;
    };
    for (const disk of disks) {
      const sku = readString(disk, 'sku.name');
      const vm = virtualMachineOfDisk(disk, input.resources);
      const replica = vm ? replicationOf(vm, input) : undefined;
      judge(
        disk,
        survivesZoneLoss(disk, sku, replica !== undefined),
        {
          'sku.name': sku ?? null,
          ...zonesEvidence(disk),
          serviceDiskZones: [...diskZones].sort(),
          virtualMachine: vm?.name ?? null,
          replicatedItem: replica?.id ?? null,
        },
        'managed disk',
        `Move ${disk.name} to a zone-redundant SKU (Terraform azurerm_managed_disk storage_account_type = "Premium_ZRS"), run a copy of its VM in another zone, or replicate the VM with Site Recovery.`,
      );
    }
    // A VM or a container group runs in one zone at most: the service is
    // zone-redundant when its VMs (or groups) together span two zones.
    for (const [type, what, fix] of [
      [
        RESOURCE_TYPES.virtualMachine,
        'virtual machine',
        'Run the VMs of the service in at least two zones (Terraform azurerm_linux_virtual_machine / azurerm_windows_virtual_machine zone), or in a scale set spread over zones.',
      ],
      [
        RESOURCE_TYPES.containerGroup,
        'container group',
        'Run container groups of the service in at least two zones (Terraform azurerm_container_group zones, one zone per group).',
      ],
    ] as const) {
      const members = here(type);
      const spanned = new Set(members.flatMap(zonesOf));
      for (const member of members) {
        judge(
          member,
          hasProperties(member)
            ? zonesOf(member).length > 0 && spanned.size >= 2
            : undefined,
          {
            ...zonesEvidence(member),
            serviceZones: [...spanned].sort(),
          },
          what,
          fix,
        );
      }
    }
    if (assessments.length === 0) {
      return undefined;
    }
    return result(
      {
        ...zoneRedundancyCheck,
        title: `Zone-redundant in ${displayName(region)}`,
      },
      assessments,
      `Every zonal resource in ${displayName(region)} is zone-redundant.`,
    );
  },
};

/** `zoneRedundancyCheck.evaluate`, under the name callers have used. */
export const checkZoneRedundancy: ReadinessCheck = zoneRedundancyCheck.evaluate;

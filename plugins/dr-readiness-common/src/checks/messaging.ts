import {
  type AzureResource,
  isChildOf,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import {
  type Assessment,
  type CheckInput,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  field,
  findById,
  hasProperties,
  ofType,
  read,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  strictTier,
  typeOf,
} from './values';

interface MessagingService {
  label: string;
  terraform: string;
  disasterRecoveryConfig: string;
  /** Tiers that can pair namespaces in a geo-disaster-recovery alias. */
  aliasTiers: RegExp;
}

// Event Hubs pairs namespaces (metadata) from Standard up and replicates
// data (geo-replication) on Premium and Dedicated; Service Bus does both on
// Premium only.
const SERVICES: Record<string, MessagingService> = {
  [RESOURCE_TYPES.eventHubNamespace]: {
    label: 'Event Hubs namespace',
    terraform: 'azurerm_eventhub_namespace',
    disasterRecoveryConfig: RESOURCE_TYPES.eventHubDisasterRecoveryConfig,
    aliasTiers: /^(standard|premium|dedicated)$/i,
  },
  [RESOURCE_TYPES.serviceBusNamespace]: {
    label: 'Service Bus namespace',
    terraform: 'azurerm_servicebus_namespace',
    disasterRecoveryConfig: RESOURCE_TYPES.serviceBusDisasterRecoveryConfig,
    aliasTiers: /^premium$/i,
  },
};

/** Regions a namespace replicates its data to (geo-replication), besides its own. */
function replicaRegions(namespace: AzureResource): string[] {
  return records(
    readArray(namespace, 'properties.geoDataReplication.locations'),
  ).map(l => normalizeRegion(field(l, 'locationName') as string | undefined));
}

/** The region of the partner of the namespace's geo-disaster-recovery alias, when it is the primary. */
function aliasPartnerRegion(
  namespace: AzureResource,
  service: MessagingService,
  input: CheckInput,
): { alias?: AzureResource; region?: string } {
  const alias = ofType(input.resources, service.disasterRecoveryConfig).find(
    c => isChildOf(c.id, namespace.id),
  );
  if (!alias) {
    return {};
  }
  const partnerId = read(alias, 'properties.partnerNamespace');
  const partner = findById(input.resources, partnerId);
  return { alias, region: partner ? regionOf(partner) : undefined };
}

/**
 * Event Hubs and Service Bus namespaces in the lost region have a partner in
 * the region that takes over: a geo-disaster-recovery alias (metadata: entities
 * and configuration, not messages) or geo-replication (data).
 */
export const messagingGeoRecoveryCheck: ReadinessCheckDefinition = {
  id: 'messaging-geo-recovery',
  title: 'Messaging namespaces fail over to the secondary region',
  category: 'recovery',
  weight: 2,
  resourceTypes: [
    RESOURCE_TYPES.eventHubNamespace,
    RESOURCE_TYPES.serviceBusNamespace,
  ],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const namespaces = [
      ...ofType(input.resources, RESOURCE_TYPES.eventHubNamespace),
      ...ofType(input.resources, RESOURCE_TYPES.serviceBusNamespace),
    ].filter(n => regionOf(n) === lost);
    if (!surviving || namespaces.length === 0) {
      return undefined;
    }
    const assessments = namespaces.map((namespace): Assessment => {
      const service = SERVICES[typeOf(namespace)];
      const tier =
        readString(namespace, 'sku.tier') ?? readString(namespace, 'sku.name');
      const replicas = replicaRegions(namespace);
      const { alias, region: partnerRegion } = aliasPartnerRegion(
        namespace,
        service,
        input,
      );
      const evidence: Record<string, unknown> = {
        'sku.tier': tier ?? null,
        geoReplicationRegions: replicas,
        disasterRecoveryConfig: alias?.id ?? null,
        aliasRole: alias ? read(alias, 'properties.role') ?? null : null,
        aliasPartnerRegion: partnerRegion ?? null,
      };
      if (replicas.includes(surviving)) {
        return { resource: namespace, status: 'pass', evidence };
      }
      if (alias && partnerRegion === surviving) {
        return { resource: namespace, status: 'pass', evidence };
      }
      if (alias && partnerRegion === undefined) {
        return {
          resource: namespace,
          status: 'unknown',
          evidence,
          finding: `The partner namespace of the geo-disaster-recovery alias of ${namespace.name} was not found, so where it fails over is unknown.`,
          remediation: `Read the partner namespace ${String(
            read(alias, 'properties.partnerNamespace') ?? '',
          )} into the inventory.`,
        };
      }
      if (!tier || !hasProperties(namespace)) {
        return {
          resource: namespace,
          status: 'unknown',
          evidence,
          finding: `The tier and replication of ${service.label} ${namespace.name} were not read.`,
          remediation: `Read ${namespace.name} and its disasterRecoveryConfigs with their full properties.`,
        };
      }
      const where = alias
        ? `its alias partner is in ${displayName(partnerRegion ?? '')}`
        : 'it has no geo-disaster-recovery alias or geo-replica';
      let fix: string;
      if (alias) {
        fix = `Pair ${namespace.name} with a namespace in ${displayName(
          surviving,
        )} instead (Terraform ${
          service.terraform
        }_disaster_recovery_config partner_namespace_id).`;
      } else if (service.aliasTiers.test(tier)) {
        fix = `Create a ${service.label} in ${displayName(
          surviving,
        )} and pair it with ${namespace.name} (Terraform ${
          service.terraform
        }_disaster_recovery_config partner_namespace_id); clients connect through the alias.`;
      } else {
        fix = `${tier} ${
          service.label
        }s cannot fail over to another region: move ${
          namespace.name
        } to Premium (Terraform ${
          service.terraform
        } sku = "Premium") and pair it with a namespace in ${displayName(
          surviving,
        )} (${service.terraform}_disaster_recovery_config).`;
      }
      return {
        resource: namespace,
        status: strictTier(input.policy) ? 'fail' : 'warn',
        impact: 'goes-down',
        evidence,
        finding: `${service.label} ${
          namespace.name
        } (${tier}) has no partner in ${displayName(surviving)}: ${where}.`,
        remediation: fix,
      };
    });
    return result(
      {
        ...messagingGeoRecoveryCheck,
        title: `Messaging namespaces fail over to ${displayName(surviving)}`,
      },
      assessments,
      `Every Event Hubs and Service Bus namespace in ${displayName(
        lost,
      )} has a partner in ${displayName(surviving)}.`,
    );
  },
};

/** `messagingGeoRecoveryCheck.evaluate`, as a function. */
export const checkMessagingGeoRecovery: ReadinessCheck =
  messagingGeoRecoveryCheck.evaluate;

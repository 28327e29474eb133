import type { AzureResource } from '@vitals/azure-inventory-common';
import { FailoverGroupPlacement, failoverGroups } from './sql';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  hasProperties,
  ofType,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  sameId,
  seen,
} from './values';

/** The managed instances an instance failover group pairs, both sides. */
function pairedInstanceIds(group: AzureResource): {
  primaries: unknown[];
  partners: unknown[];
} {
  const instancePairs = records(
    readArray(group, 'properties.managedInstancePairs'),
  );
  return {
    primaries: instancePairs.map(p => field(p, 'primaryManagedInstanceId')),
    partners: instancePairs.map(p => field(p, 'partnerManagedInstanceId')),
  };
}

function pairsInstance(
  placement: FailoverGroupPlacement,
  instance: AzureResource,
) {
  const { primaries, partners } = pairedInstanceIds(placement.group);
  return [...primaries, ...partners].some(id => sameId(id, instance.id));
}

/** Whether a SQL backup storage redundancy (`Geo`, `GeoZone`, `Zone`, `Local`) keeps a copy in another region. */
export function isGeoRedundantBackupRedundancy(value: string): boolean {
  return /^geo(zone)?$/i.test(value);
}

/** The backup storage redundancy asked for, else the one in effect. */
export function backupRedundancy(resource: AzureResource): string | undefined {
  return (
    readString(resource, 'properties.requestedBackupStorageRedundancy') ??
    readString(resource, 'properties.currentBackupStorageRedundancy')
  );
}

/**
 * Every managed instance in the lost region is in an instance failover group
 * whose partner is in the region that takes over. Instance failover groups
 * are read per location (`Microsoft.Sql/locations/{region}/instanceFailoverGroups`),
 * not below the instance.
 */
export const sqlManagedInstanceFailoverGroupCheck: ReadinessCheckDefinition = {
  id: 'sql-mi-failover-group',
  title: 'SQL managed instances fail over to the secondary region',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [
    RESOURCE_TYPES.sqlManagedInstance,
    RESOURCE_TYPES.sqlInstanceFailoverGroup,
  ],
  mirrors: { aprl: ['257cd903'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const groups = failoverGroups(
      input.resources,
      RESOURCE_TYPES.sqlInstanceFailoverGroup,
    );
    // A geo-secondary instance holds no writable data of its own.
    const instances = ofType(
      input.resources,
      RESOURCE_TYPES.sqlManagedInstance,
    ).filter(
      mi =>
        regionOf(mi) === lost &&
        !groups.some(
          g => g.known && g.primaryRegion !== lost && pairsInstance(g, mi),
        ),
    );
    if (!surviving || instances.length === 0) {
      return undefined;
    }
    const assessments = instances.map((instance): Assessment => {
      const covering = groups.find(g => pairsInstance(g, instance));
      const evidence: Record<string, unknown> = {
        ...seen(instance, [
          'sku.name',
          'properties.requestedBackupStorageRedundancy',
          'properties.currentBackupStorageRedundancy',
        ]),
        instanceFailoverGroup: covering?.group.name ?? null,
        partnerRegions: covering?.partnerRegions ?? null,
        replicationState: covering
          ? readString(covering.group, 'properties.replicationState') ?? null
          : null,
      };
      if (!covering) {
        if (groups.some(g => !g.known) || !hasProperties(instance)) {
          return {
            resource: instance,
            status: 'unknown',
            evidence,
            finding: `Whether managed instance ${instance.name} is in an instance failover group is unknown.`,
            remediation: `Read ${instance.name} and the instance failover groups of its resource group with their full properties.`,
          };
        }
        const geoBackups = isGeoRedundantBackupRedundancy(
          backupRedundancy(instance) ?? '',
        );
        return {
          resource: instance,
          status: 'fail',
          impact: geoBackups ? 'degrades' : 'goes-down',
          evidence,
          finding: `Managed instance ${
            instance.name
          } is in no instance failover group: it has no copy in ${displayName(
            surviving,
          )}${
            geoBackups
              ? ' and comes back only by a geo-restore from its backups, which takes hours'
              : ''
          }.`,
          remediation: `Create a managed instance in ${displayName(
            surviving,
          )} and an instance failover group pairing it with ${
            instance.name
          } (Terraform azurerm_mssql_managed_instance_failover_group: managed_instance_id, partner_managed_instance_id).`,
        };
      }
      const { group } = covering;
      if (!covering.known) {
        return {
          resource: instance,
          status: 'unknown',
          evidence,
          finding: `The properties of instance failover group ${group.name} were not read.`,
          remediation: `Read ${group.name} with its full properties.`,
        };
      }
      if (!covering.partnerRegions.includes(surviving)) {
        return {
          resource: instance,
          status: 'fail',
          evidence,
          finding: `Instance failover group ${group.name} of ${
            instance.name
          } has its partner in ${
            covering.partnerRegions.join(', ') || 'no region'
          }, not in ${displayName(surviving)}.`,
          remediation: `Pair ${
            instance.name
          } with a managed instance in ${displayName(
            surviving,
          )} (Terraform azurerm_mssql_managed_instance_failover_group partner_managed_instance_id): an instance failover group fails over only to its partner.`,
        };
      }
      const state = readString(group, 'properties.replicationState');
      if (equalsIgnoreCase(state, 'SEEDING')) {
        return {
          resource: instance,
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `Instance failover group ${group.name} is still seeding its secondary: there is nothing to fail over to yet.`,
          remediation: `Wait for seeding of ${group.name} to finish (replicationState CATCH_UP) before relying on it.`,
        };
      }
      if (equalsIgnoreCase(state, 'PENDING')) {
        return {
          resource: instance,
          status: 'warn',
          evidence,
          finding: `Instance failover group ${group.name} replication is PENDING.`,
          remediation: `Check the geo-replication link of ${group.name}; it should reach CATCH_UP.`,
        };
      }
      return { resource: instance, status: 'pass', evidence };
    });
    return result(
      {
        ...sqlManagedInstanceFailoverGroupCheck,
        title: `SQL managed instances fail over to ${displayName(surviving)}`,
      },
      assessments,
      `Every managed instance in ${displayName(
        lost,
      )} is in an instance failover group with a partner in ${displayName(
        surviving,
      )}.`,
    );
  },
};

/** `sqlManagedInstanceFailoverGroupCheck.evaluate`, as a function. */
export const checkSqlManagedInstanceFailoverGroup: ReadinessCheck =
  sqlManagedInstanceFailoverGroupCheck.evaluate;

import {
  type AzureResource,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  drillProvesRecovery,
  field,
  ofType,
  read,
  readArray,
  records,
  regionOf,
  regionsOf,
  result,
  seen,
  strictTier,
} from './values';

/**
 * Recovery time of a single-write-region Cosmos DB account with
 * service-managed failover, from the Azure Cosmos DB reliability guide
 * (RTO under 15 minutes for a region outage).
 */
export const COSMOS_SERVICE_MANAGED_FAILOVER_SECONDS = 15 * 60;

export function cosmosRegions(account: AzureResource): string[] | undefined {
  const locations = readArray(account, 'properties.locations');
  if (!locations || locations.length === 0) {
    return undefined;
  }
  return records(locations).map(l =>
    normalizeRegion(field(l, 'locationName') as string | undefined),
  );
}

export function cosmosWriteRegion(account: AzureResource): string | undefined {
  const write = records(readArray(account, 'properties.writeLocations'))[0];
  if (write) {
    return normalizeRegion(field(write, 'locationName') as string);
  }
  const first = records(readArray(account, 'properties.locations')).find(
    l => field(l, 'failoverPriority') === 0,
  );
  return first
    ? normalizeRegion(field(first, 'locationName') as string)
    : undefined;
}

/** Cosmos DB accounts with a replica in the lost region keep serving from the region that takes over. */
export const cosmosMultiRegionCheck: ReadinessCheckDefinition = {
  id: 'cosmos-multi-region',
  title: 'Cosmos DB serves from the secondary region',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [RESOURCE_TYPES.cosmosAccount],
  mirrors: { aprl: ['43663217', '9cabded7'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const accounts = ofType(
      input.resources,
      RESOURCE_TYPES.cosmosAccount,
    ).filter(
      a => regionOf(a) === lost || (cosmosRegions(a) ?? []).includes(lost),
    );
    if (!surviving || accounts.length === 0) {
      return undefined;
    }
    const assessments = accounts.map((account): Assessment => {
      const evidence: Record<string, unknown> = {
        ...seen(account, [
          'properties.enableAutomaticFailover',
          'properties.enableMultipleWriteLocations',
        ]),
        'properties.locations':
          records(readArray(account, 'properties.locations')).map(l => ({
            locationName: field(l, 'locationName') ?? null,
            failoverPriority: field(l, 'failoverPriority') ?? null,
            isZoneRedundant: field(l, 'isZoneRedundant') ?? null,
          })) || null,
        writeRegion: cosmosWriteRegion(account) ?? null,
      };
      const regions = cosmosRegions(account);
      if (!regions) {
        return {
          resource: account,
          status: 'unknown',
          evidence,
          finding: `The regions of ${account.name} were not read.`,
          remediation: `Read ${account.name} with its full properties.`,
        };
      }
      if (!regions.includes(surviving)) {
        return {
          resource: account,
          status: 'fail',
          impact: regions.some(r => r !== lost) ? 'degrades' : 'goes-down',
          evidence,
          finding: `${account.name} has no replica in ${displayName(
            surviving,
          )} (its regions: ${regions.join(', ')}).`,
          remediation: `Add ${displayName(surviving)} to the regions of ${
            account.name
          } with the next failover priority.`,
        };
      }
      if (read(account, 'properties.enableMultipleWriteLocations') === true) {
        return { resource: account, status: 'pass', evidence };
      }
      if (cosmosWriteRegion(account) !== lost) {
        return { resource: account, status: 'pass', evidence };
      }
      const automatic = read(account, 'properties.enableAutomaticFailover');
      if (automatic === true) {
        const next = records(readArray(account, 'properties.locations'))
          .map(l => ({
            region: normalizeRegion(field(l, 'locationName') as string),
            priority: field(l, 'failoverPriority'),
          }))
          .filter(l => l.region !== lost && typeof l.priority === 'number')
          .sort((a, b) => (a.priority as number) - (b.priority as number))[0];
        if (next && next.region !== surviving) {
          return {
            resource: account,
            status: 'warn',
            evidence,
            finding: `Service-managed failover of ${account.name} promotes ${
              next.region
            } (priority ${next.priority}), not ${displayName(surviving)}.`,
            remediation: `Give ${displayName(
              surviving,
            )} the lowest failover priority after ${displayName(lost)} on ${
              account.name
            }.`,
          };
        }
        return { resource: account, status: 'pass', evidence };
      }
      if (automatic === false) {
        if (drillProvesRecovery(input)) {
          return { resource: account, status: 'pass', evidence };
        }
        return {
          resource: account,
          status: strictTier(input.policy) ? 'fail' : 'warn',
          evidence,
          finding: `${account.name} writes only in ${displayName(
            lost,
          )} and service-managed failover is off: writes stop until someone fails it over.`,
          remediation: `Enable service-managed failover on ${account.name} (enableAutomaticFailover), or multi-region writes.`,
        };
      }
      return {
        resource: account,
        status: 'unknown',
        evidence,
        finding: `Whether ${account.name} fails over automatically was not reported.`,
        remediation: `Read ${account.name} with its full properties.`,
      };
    });
    return result(
      {
        ...cosmosMultiRegionCheck,
        title: `Cosmos DB serves from ${displayName(surviving)}`,
      },
      assessments,
      `Every Cosmos DB account in ${displayName(
        lost,
      )} has a replica in ${displayName(surviving)} and fails over to it.`,
    );
  },
};

/** `cosmosMultiRegionCheck.evaluate`, under the name callers have used. */
export const checkCosmosMultiRegion: ReadinessCheck =
  cosmosMultiRegionCheck.evaluate;

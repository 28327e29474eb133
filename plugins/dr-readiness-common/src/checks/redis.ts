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
  equalsIgnoreCase,
  field,
  hasProperties,
  lower,
  ofType,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  strictTier,
} from './values';

/** Regions of the caches linked to a cache by passive geo-replication. */
function linkedRegions(cache: AzureResource, input: CheckInput): string[] {
  const fromChildren = ofType(input.resources, RESOURCE_TYPES.redisLinkedServer)
    .filter(l => isChildOf(l.id, cache.id))
    .map(l =>
      normalizeRegion(readString(l, 'properties.linkedRedisCacheLocation')),
    );
  // `linkedServers` ids end with the linked cache's name.
  const fromIds = records(readArray(cache, 'properties.linkedServers'))
    .map(l => field(l, 'id'))
    .filter((id): id is string => typeof id === 'string')
    .map(id => lower(id.split('/').pop() ?? ''))
    .map(name =>
      ofType(input.resources, RESOURCE_TYPES.redisCache).find(
        c => lower(c.name) === name,
      ),
    )
    .filter((c): c is AzureResource => c !== undefined)
    .map(regionOf);
  return [...new Set([...fromChildren, ...fromIds])].filter(r => r !== '');
}

/**
 * Azure Cache for Redis caches in the lost region have a geo-replica in the
 * region that takes over (passive geo-replication, Premium): without one the
 * cache starts empty there and every read falls through to the databases.
 */
export const redisGeoReplicationCheck: ReadinessCheckDefinition = {
  id: 'redis-geo-replication',
  title: 'Redis caches replicate to the secondary region',
  category: 'recovery',
  weight: 1,
  resourceTypes: [RESOURCE_TYPES.redisCache],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const caches = ofType(input.resources, RESOURCE_TYPES.redisCache).filter(
      c => regionOf(c) === lost,
    );
    if (!surviving || caches.length === 0) {
      return undefined;
    }
    const assessments = caches.map((cache): Assessment => {
      const sku = readString(cache, 'properties.sku.name');
      const linked = linkedRegions(cache, input);
      const evidence = {
        'properties.sku.name': sku ?? null,
        linkedServers: readArray(cache, 'properties.linkedServers') ?? null,
        linkedRegions: linked,
      };
      if (linked.includes(surviving)) {
        return { resource: cache, status: 'pass', evidence };
      }
      if (!hasProperties(cache) || !sku) {
        return {
          resource: cache,
          status: 'unknown',
          evidence,
          finding: `The SKU and linked servers of cache ${cache.name} were not read.`,
          remediation: `Read ${cache.name} and its linkedServers with their full properties.`,
        };
      }
      const premium = equalsIgnoreCase(sku, 'Premium');
      return {
        resource: cache,
        status: strictTier(input.policy) ? 'fail' : 'warn',
        evidence,
        finding: `Cache ${cache.name} has no geo-replica in ${displayName(
          surviving,
        )}: it starts cold there and the databases take its load.`,
        remediation: premium
          ? `Link ${cache.name} to a Premium cache in ${displayName(
              surviving,
            )} (Terraform azurerm_redis_linked_server linked_redis_cache_id, server_role = "Secondary").`
          : `Passive geo-replication needs Premium: move ${
              cache.name
            } to Premium (Terraform azurerm_redis_cache sku_name = "Premium") and link it to a Premium cache in ${displayName(
              surviving,
            )} (azurerm_redis_linked_server).`,
      };
    });
    return result(
      {
        ...redisGeoReplicationCheck,
        title: `Redis caches replicate to ${displayName(surviving)}`,
      },
      assessments,
      `Every Redis cache in ${displayName(
        lost,
      )} has a geo-replica in ${displayName(surviving)}.`,
    );
  },
};

/** `redisGeoReplicationCheck.evaluate`, as a function. */
export const checkRedisGeoReplication: ReadinessCheck =
  redisGeoReplicationCheck.evaluate;

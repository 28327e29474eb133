import { checkRedisGeoReplication } from './redis';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { redisCache, redisLinkedServer } from '../__fixtures__/families';

const primary = redisCache('redis-sessions-eus2', 'eastus2');
const secondary = redisCache('redis-sessions-cus', 'centralus');
const linkedPrimary = redisCache('redis-sessions-eus2', 'eastus2', 'Premium', {
  linkedServers: [{ id: `${primary.id}/linkedServers/${secondary.name}` }],
});

describe('checkRedisGeoReplication', () => {
  it.each([
    {
      name: 'a linked server child in the secondary',
      resources: [primary, secondary, redisLinkedServer(primary, secondary)],
      tier: 'critical',
      status: 'pass',
    },
    {
      name: 'linkedServers naming a cache in the secondary',
      resources: [linkedPrimary, secondary],
      tier: 'critical',
      status: 'pass',
    },
    {
      name: 'no geo-replica, critical tier',
      resources: [primary],
      tier: 'critical',
      status: 'fail',
      remediation: 'azurerm_redis_linked_server',
    },
    {
      name: 'a Standard cache without a replica, standard tier',
      resources: [redisCache('redis-sessions-eus2', 'eastus2', 'Standard')],
      tier: 'standard',
      status: 'warn',
      remediation: 'sku_name = "Premium"',
    },
    {
      name: 'a cache read without properties',
      resources: withoutProperties([primary]),
      tier: 'critical',
      status: 'unknown',
    },
  ] as const)('$name: $status', ({ resources, tier, status, ...expected }) => {
    const result = run(checkRedisGeoReplication, input(resources, { tier }));
    expect(result.status).toBe(status);
    expect(result.remediation).toContain(
      'remediation' in expected ? expected.remediation : '',
    );
  });

  it.each([
    { zones: ['1', '2', '3'], properties: {}, status: 'pass' },
    {
      zones: undefined,
      properties: { zonalAllocationPolicy: 'Automatic' },
      status: 'pass',
    },
    {
      zones: undefined,
      properties: { zonalAllocationPolicy: 'NoZones' },
      status: 'warn',
    },
    { zones: undefined, properties: {}, status: 'warn' },
  ])('zones $zones $properties: $status', ({ zones, properties, status }) => {
    const cache = redisCache(
      'redis-sessions-eus2',
      'eastus2',
      'Premium',
      properties,
      zones,
    );
    expect(run(checkZoneRedundancy, input([cache])).status).toBe(status);
  });
});

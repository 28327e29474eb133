import { checkMessagingGeoRecovery } from './messaging';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import {
  disasterRecoveryConfig,
  messagingNamespace,
} from '../__fixtures__/families';

const hubs = (tier: string, properties: Record<string, unknown> = {}) =>
  messagingNamespace(
    'EventHub',
    'evhns-telemetry-eus2',
    'eastus2',
    tier,
    properties,
  );
const bus = (tier: string) =>
  messagingNamespace('ServiceBus', 'sbns-orders-eus2', 'eastus2', tier);
const partnerHubs = messagingNamespace(
  'EventHub',
  'evhns-telemetry-cus',
  'centralus',
  'Standard',
);
const partnerBus = messagingNamespace(
  'ServiceBus',
  'sbns-orders-cus',
  'centralus',
  'Premium',
);
const westBus = messagingNamespace(
  'ServiceBus',
  'sbns-orders-wus2',
  'westus2',
  'Premium',
);

describe('checkMessagingGeoRecovery', () => {
  it.each([
    {
      name: 'an Event Hubs alias paired to the secondary',
      resources: [
        hubs('Standard'),
        partnerHubs,
        disasterRecoveryConfig(hubs('Standard'), partnerHubs),
      ],
      tier: 'high',
      status: 'pass',
    },
    {
      name: 'Event Hubs geo-replication to the secondary',
      resources: [
        hubs('Premium', {
          geoDataReplication: {
            maxReplicationLagDurationInSeconds: 60,
            locations: [
              {
                locationName: 'eastus2',
                roleType: 'Primary',
                replicaState: 'Ready',
              },
              {
                locationName: 'centralus',
                roleType: 'Secondary',
                replicaState: 'Ready',
              },
            ],
          },
        }),
      ],
      tier: 'critical',
      status: 'pass',
    },
    {
      name: 'a Service Bus alias paired to another region',
      resources: [
        bus('Premium'),
        westBus,
        disasterRecoveryConfig(bus('Premium'), westBus),
      ],
      tier: 'high',
      status: 'fail',
      remediation:
        'azurerm_servicebus_namespace_disaster_recovery_config partner_namespace_id',
    },
    {
      name: 'a Standard Service Bus namespace for a high-tier service',
      resources: [bus('Standard')],
      tier: 'high',
      status: 'fail',
      remediation: 'azurerm_servicebus_namespace sku = "Premium"',
    },
    {
      name: 'a Standard Service Bus namespace for a standard-tier service',
      resources: [bus('Standard')],
      tier: 'standard',
      status: 'warn',
    },
    {
      name: 'a Premium namespace without an alias',
      resources: [bus('Premium'), partnerBus],
      tier: 'critical',
      status: 'fail',
      remediation:
        'azurerm_servicebus_namespace_disaster_recovery_config partner_namespace_id',
    },
    {
      name: 'an alias whose partner was not read',
      resources: [
        hubs('Standard'),
        disasterRecoveryConfig(hubs('Standard'), partnerHubs),
      ],
      tier: 'high',
      status: 'unknown',
    },
    {
      name: 'a namespace read without properties',
      resources: withoutProperties([bus('Premium')]).map(r => ({
        ...r,
        sku: undefined,
      })),
      tier: 'high',
      status: 'unknown',
    },
  ] as const)('$name: $status', ({ resources, tier, status, ...expected }) => {
    const result = run(checkMessagingGeoRecovery, input(resources, { tier }));
    expect(result.status).toBe(status);
    expect(result.remediation).toContain(
      'remediation' in expected ? expected.remediation : '',
    );
  });

  it('does not judge namespaces outside the lost region', () => {
    expect(checkMessagingGeoRecovery(input([partnerBus]))).toBeUndefined();
  });

  it.each([
    { zoneRedundant: true, status: 'pass' },
    { zoneRedundant: false, status: 'warn' },
    { zoneRedundant: undefined, status: 'unknown' },
  ])('zoneRedundant $zoneRedundant: $status', ({ zoneRedundant, status }) => {
    const namespace = hubs('Standard', { zoneRedundant });
    const result = run(checkZoneRedundancy, input([namespace]));
    expect(result.status).toBe(status);
  });
});

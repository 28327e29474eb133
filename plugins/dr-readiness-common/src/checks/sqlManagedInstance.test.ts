import {
  checkGeoRedundantBackups,
  checkSqlFailoverPolicy,
  checkSqlManagedInstanceFailoverGroup,
  checkZoneRedundancy,
  recoveryComponents,
} from '.';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import {
  instanceFailoverGroup,
  managedInstance,
} from '../__fixtures__/families';

const primary = managedInstance('sqlmi-records-eus2', 'eastus2');
const partner = managedInstance('sqlmi-records-cus', 'centralus');
const westPartner = managedInstance('sqlmi-records-wus2', 'westus2');
const group = (
  properties: Record<string, unknown> = {},
  other = partner,
  location = 'EastUS2',
) => instanceFailoverGroup('fog-records', location, primary, other, properties);

describe('checkSqlManagedInstanceFailoverGroup', () => {
  it.each([
    {
      name: 'a group with its partner in the secondary',
      resources: [primary, partner, group()],
      status: 'pass',
    },
    {
      name: 'no instance failover group',
      resources: [primary, partner],
      status: 'fail',
      summary:
        'Managed instance sqlmi-records-eus2 is in no instance failover group: it has no copy in Central US and comes back only by a geo-restore from its backups, which takes hours.',
      impact: 'degrades',
    },
    {
      name: 'a partner outside the secondary',
      resources: [
        primary,
        westPartner,
        instanceFailoverGroup('fog-records', 'EastUS2', primary, westPartner),
      ],
      status: 'fail',
      summary:
        'Instance failover group fog-records of sqlmi-records-eus2 has its partner in westus2, not in Central US.',
      impact: 'degrades',
    },
    {
      name: 'a group still seeding',
      resources: [primary, partner, group({ replicationState: 'SEEDING' })],
      status: 'fail',
      impact: 'goes-down',
    },
    {
      name: 'a group with a pending link',
      resources: [primary, partner, group({ replicationState: 'PENDING' })],
      status: 'warn',
    },
    {
      name: 'a group read without properties',
      resources: [primary, partner, ...withoutProperties([group()])],
      status: 'unknown',
    },
    {
      name: 'an instance read without properties and no group',
      resources: withoutProperties([primary]),
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status, summary, impact }) => {
    const result = run(checkSqlManagedInstanceFailoverGroup, input(resources));
    expect(result.status).toBe(status);
    expect(result.mirrors).toEqual({ aprl: ['257cd903'] });
    expect(result.summary).toContain(summary ?? '');
    expect(result.impact).toBe(impact);
    expect(result.remediation === '').toBe(status === 'pass');
  });

  it('names the Terraform argument when the instance has no group', () => {
    const result = run(
      checkSqlManagedInstanceFailoverGroup,
      input([primary, partner]),
    );
    expect(result.remediation).toContain(
      'azurerm_mssql_managed_instance_failover_group',
    );
  });

  it('places the group by its id: the body has no location', () => {
    const result = run(
      checkSqlManagedInstanceFailoverGroup,
      input([primary, partner, group()]),
    );
    expect(result.title).toBe('SQL managed instances fail over to Central US');
    expect(result.resources).toEqual([primary.id]);
  });

  it('does not judge the geo-secondary when its region is lost', () => {
    expect(
      checkSqlManagedInstanceFailoverGroup(
        input([primary, partner, group()], {}, { role: 'secondary' }),
      ),
    ).toBeUndefined();
  });

  it('does not apply without managed instances', () => {
    expect(checkSqlManagedInstanceFailoverGroup(input([]))).toBeUndefined();
  });
});

describe('checkSqlFailoverPolicy on instance failover groups', () => {
  it.each([
    { grace: 60, rto: 'PT1H30M', status: 'pass' },
    { grace: 60, rto: 'PT15M', status: 'fail' },
    { grace: 480, rto: 'PT4H', status: 'fail' },
    { grace: undefined, rto: 'PT1H', status: 'unknown' },
  ])(
    'grace period $grace min against an RTO of $rto: $status',
    ({ grace, rto, status }) => {
      const fog = group({
        readWriteEndpoint: {
          failoverPolicy: 'Automatic',
          ...(grace === undefined
            ? {}
            : { failoverWithDataLossGracePeriodMinutes: grace }),
        },
      });
      const result = run(
        checkSqlFailoverPolicy,
        input([primary, partner, fog], { rto }),
      );
      expect(result.status).toBe(status);
      expect(result.resources).toEqual([fog.id]);
    },
  );

  it('names the instance failover group command and Terraform block', () => {
    const result = run(
      checkSqlFailoverPolicy,
      input([primary, partner, group()], { rto: 'PT15M' }),
    );
    expect(result.remediation).toContain(
      'az sql instance-failover-group set-primary --allow-data-loss',
    );
    expect(result.remediation).toContain(
      'azurerm_mssql_managed_instance_failover_group read_write_endpoint_failover_policy',
    );
  });

  it('estimates the recovery of an instance failover group', () => {
    const components = recoveryComponents(
      input([primary, partner, group()], {}),
    ).filter(c => c.component === 'sql-failover-group');
    expect(components).toEqual([
      expect.objectContaining({ resourceId: group().id, duration: 'PT1H5M' }),
    ]);
  });
});

describe('managed instances in geo-redundant-backups and zone-redundancy', () => {
  it.each([
    { redundancy: 'GeoZone', backups: 'pass' },
    { redundancy: 'Geo', backups: 'pass' },
    { redundancy: 'Zone', backups: 'fail' },
    { redundancy: 'Local', backups: 'fail' },
    { redundancy: undefined, backups: 'unknown' },
  ])('backups $redundancy: $backups', ({ redundancy, backups }) => {
    const mi = managedInstance(
      'sqlmi-records-eus2',
      'eastus2',
      redundancy ? { requestedBackupStorageRedundancy: redundancy } : {},
    );
    const result = run(checkGeoRedundantBackups, input([mi]));
    expect(result.status).toBe(backups);
    expect(result.remediation.includes('storage_account_type')).toBe(
      backups === 'fail',
    );
  });

  it.each([
    { zoneRedundant: true, status: 'pass' },
    { zoneRedundant: false, status: 'warn' },
    { zoneRedundant: undefined, status: 'unknown' },
  ])('zoneRedundant $zoneRedundant: $status', ({ zoneRedundant, status }) => {
    const mi = managedInstance(
      'sqlmi-records-eus2',
      'eastus2',
      zoneRedundant === undefined ? {} : { zoneRedundant },
    );
    const result = run(checkZoneRedundancy, input([mi]));
    expect(result.status).toBe(status);
    expect(result.remediation.includes('zone_redundant_enabled')).toBe(
      status === 'warn',
    );
  });
});

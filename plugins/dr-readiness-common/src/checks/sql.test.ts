import { checkSqlFailoverGroup, checkSqlFailoverPolicy } from './sql';
import { arm, patchResource } from '../__fixtures__/arm';
import { input, drill, run } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';
import {
  billingPolicy,
  billingResources,
  claimsApiPolicy,
  claimsApiResources,
} from '../__fixtures__/services';

describe('checkSqlFailoverGroup', () => {
  it('passes when every database is in a group with a partner in the secondary', () => {
    const result = run(checkSqlFailoverGroup, input(patientRecordsResources));
    expect(result.status).toBe('pass');
    expect(result.title).toBe('SQL databases fail over to Central US');
    // master and the geo-secondary are not service databases.
    expect(result.resources.map(id => id.split('/providers/')[1])).toEqual([
      'Microsoft.Sql/servers/sql-patient-records-eus2/databases/patientdb',
      'Microsoft.Sql/servers/sql-patient-records-eus2',
      'Microsoft.Sql/servers/sql-patient-records-eus2/failoverGroups/fog-patient-records',
    ]);
    const server = Object.entries(result.evidence).find(([id]) =>
      id.endsWith('/servers/sql-patient-records-eus2'),
    )?.[1];
    expect(server).toEqual({
      'properties.state': 'Ready',
      failoverGroups: ['fog-patient-records'],
      partnerServers: [expect.stringMatching(/sql-patient-records-cus$/)],
    });
  });

  it('judges the logical servers, which need a partner server in the secondary', () => {
    const database = billingResources.find(r => r.name === 'billingdb')!;
    const server = arm({
      id: database.id.split('/databases/')[0],
      type: 'Microsoft.Sql/servers',
      location: 'eastus',
      properties: { version: '12.0', state: 'Ready' },
    });
    const withoutGroup = [
      server,
      ...billingResources.filter(r => !r.type.endsWith('/failovergroups')),
    ];
    const result = run(
      checkSqlFailoverGroup,
      input(withoutGroup, billingPolicy),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(
      'Server sql-billing-eus is in no failover group: no partner server in West US is set up to take over its databases, logins, firewall rules and auditing.',
    );
    expect(result.remediation).toContain(
      'Create a partner server for sql-billing-eus in West US and pair them in a failover group (Terraform azurerm_mssql_failover_group partner_server { id = ... }).',
    );
    expect(result.resources).toContain(server.id);
  });

  it('warns when the partner server is not Ready', () => {
    const resources = patchResource(
      patientRecordsResources,
      '/servers/sql-patient-records-cus',
      r => ({ ...r, properties: { ...r.properties, state: 'Disabled' } }),
    );
    const result = run(checkSqlFailoverGroup, input(resources));
    expect(result.status).toBe('warn');
    expect(result.summary).toBe(
      'Partner server sql-patient-records-cus of sql-patient-records-eus2 is Disabled, not Ready.',
    );
  });

  it('is unknown for a server read without properties', () => {
    const resources = patchResource(
      patientRecordsResources,
      '/servers/sql-patient-records-eus2',
      r => ({ ...r, properties: {} }),
    );
    const result = run(checkSqlFailoverGroup, input(resources));
    expect(result.status).toBe('unknown');
    expect(result.summary).toBe(
      'Whether server sql-patient-records-eus2 has a partner in Central US is unknown.',
    );
  });

  it('fails a database left out of the group', () => {
    const result = run(
      checkSqlFailoverGroup,
      input(billingResources, billingPolicy),
    );
    expect(result).toMatchObject({ status: 'fail', blocking: true });
    expect(result.summary).toBe(
      'Database invoicesdb is in no failover group: it has no copy in West US.',
    );
    expect(result.remediation).toBe(
      'Add invoicesdb to failover group fog-billing.',
    );
    const invoices = Object.entries(result.evidence).find(([id]) =>
      id.endsWith('/invoicesdb'),
    )?.[1];
    expect(invoices).toEqual({
      'properties.secondaryType': null,
      'properties.zoneRedundant': false,
      failoverGroup: null,
    });
  });

  it('asks for a group when the server has none', () => {
    const withoutGroup = billingResources.filter(
      r => !r.type.endsWith('/failovergroups'),
    );
    const result = run(
      checkSqlFailoverGroup,
      input(withoutGroup, billingPolicy),
    );
    expect(result.remediation).toContain(
      'Create a failover group on server sql-billing-eus with a partner server in West US and add billingdb to it.',
    );
  });

  it.each([
    [
      'partner in another region',
      {
        partnerServers: [
          { id: 'x', location: 'West US 2', replicationRole: 'Secondary' },
        ],
      },
      'fail',
      'has its partner server in westus2, not in Central US.',
    ],
    [
      'seeding',
      { replicationState: 'SEEDING' },
      'fail',
      'is still seeding its secondary',
    ],
    [
      'pending',
      { replicationState: 'PENDING' },
      'warn',
      'replication is PENDING',
    ],
    [
      'catch-up in lower case',
      { replicationState: 'catch_up' },
      'pass',
      'Every database in East US 2',
    ],
  ])('failover group %s → %s', (_, patch, status, summary) => {
    const resources = patchResource(
      patientRecordsResources,
      'sql-patient-records-eus2/failoverGroups/fog-patient-records',
      r => ({
        ...r,
        properties: { ...r.properties, ...patch },
      }),
    );
    const result = run(checkSqlFailoverGroup, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
  });

  it('is unknown when the group was read without properties', () => {
    const resources = patchResource(
      patientRecordsResources,
      '/failoverGroups/fog-patient-records',
      r => ({
        ...r,
        properties: {},
      }),
    );
    const result = run(checkSqlFailoverGroup, input(resources));
    expect(result.status).toBe('unknown');
  });

  it('places the group from the copy read on the secondary server', () => {
    const onlySecondaryCopy = patientRecordsResources.filter(
      r =>
        !r.id.endsWith(
          'sql-patient-records-eus2/failoverGroups/fog-patient-records',
        ),
    );
    const result = run(checkSqlFailoverGroup, input(onlySecondaryCopy));
    // The secondary copy lists the secondary's database ids, so coverage cannot be
    // shown; the GeoZone backups still allow a geo-restore.
    expect(result).toMatchObject({
      status: 'fail',
      blocking: true,
      impact: 'degrades',
    });
    expect(result.summary).toBe(
      'Database patientdb is in no failover group: it has no copy in Central US and comes back only by a geo-restore from its backups, which takes hours.',
    );
  });

  it('does not apply without databases in the lost region', () => {
    expect(
      checkSqlFailoverGroup(
        input(patientRecordsResources, {}, { role: 'secondary' }),
      ),
    ).toBeUndefined();
    expect(
      checkSqlFailoverGroup(input(claimsApiResources, claimsApiPolicy)),
    ).toBeUndefined();
  });
});

describe('checkSqlFailoverPolicy', () => {
  function withPolicy(readWriteEndpoint: Record<string, unknown>) {
    return patchResource(
      patientRecordsResources,
      '/failoverGroups/fog-patient-records',
      r => ({
        ...r,
        properties: { ...r.properties, readWriteEndpoint },
      }),
    );
  }

  it.each([
    [
      'critical, Automatic 60 min',
      {
        failoverPolicy: 'Automatic',
        failoverWithDataLossGracePeriodMinutes: 60,
      },
      {},
      null,
      'fail',
      'Automatic failover of fog-patient-records first waits out its grace period: the databases are writable again after about PT1H5M, beyond the RTO of PT15M.',
    ],
    [
      'standard, Automatic 60 min',
      {
        failoverPolicy: 'Automatic',
        failoverWithDataLossGracePeriodMinutes: 60,
      },
      { tier: 'standard' as const, rto: 'PT4H' },
      null,
      'pass',
      'SQL failover brings the databases back within PT4H.',
    ],
    [
      'RTO of exactly grace + detection',
      {
        failoverPolicy: 'automatic',
        failoverWithDataLossGracePeriodMinutes: 60,
      },
      { rto: 'PT1H5M' },
      null,
      'pass',
      'within PT1H5M',
    ],
    [
      'RTO 2 h, grace 120 min',
      {
        failoverPolicy: 'Automatic',
        failoverWithDataLossGracePeriodMinutes: 120,
      },
      { tier: 'high' as const, rto: 'PT2H' },
      null,
      'fail',
      'after about PT2H5M, beyond the RTO of PT2H',
    ],
    [
      'tier none, Automatic',
      {
        failoverPolicy: 'Automatic',
        failoverWithDataLossGracePeriodMinutes: 480,
      },
      { tier: 'none' as const, rto: null, rpo: null },
      null,
      'pass',
      'no RTO declared',
    ],
    [
      'Automatic without grace',
      { failoverPolicy: 'Automatic' },
      {},
      null,
      'unknown',
      'its grace period was not reported',
    ],
    [
      'Manual proven by a drill',
      { failoverPolicy: 'Manual' },
      {},
      drill(),
      'pass',
      'within PT15M',
    ],
    [
      'Manual, drill too slow',
      { failoverPolicy: 'Manual' },
      {},
      drill({ rtoAchieved: 'PT25M' }),
      'fail',
      'fails over only when someone runs the failover',
    ],
    [
      'Manual, drill over a year old',
      { failoverPolicy: 'Manual' },
      {},
      drill({ performedAt: '2024-05-01T00:00:00Z' }),
      'fail',
      'no successful drill in the last 365 days',
    ],
    [
      'Manual, failed drill',
      { failoverPolicy: 'Manual' },
      {},
      drill({ outcome: 'failed' }),
      'fail',
      'policy Manual',
    ],
    [
      'Manual, high, no drill',
      { failoverPolicy: 'Manual' },
      { tier: 'high' as const, rto: 'PT1H' },
      null,
      'fail',
      'fits the RTO of PT1H',
    ],
    [
      'Manual, standard, no drill',
      { failoverPolicy: 'Manual' },
      { tier: 'standard' as const, rto: 'PT4H' },
      null,
      'warn',
      'policy Manual',
    ],
    [
      'unrecognised policy',
      { failoverPolicy: 'Sometimes' },
      {},
      null,
      'unknown',
      'unrecognised failover policy "Sometimes"',
    ],
    ['no policy', {}, {}, null, 'unknown', 'was not read'],
  ])('%s → %s', (_, endpoint, policy, lastDrill, status, summary) => {
    const result = run(
      checkSqlFailoverPolicy,
      input(withPolicy(endpoint), policy, { lastDrill }),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(result.blocking).toBe(status === 'fail');
  });

  it('explains that automatic failover cannot meet an RTO under an hour', () => {
    const result = run(
      checkSqlFailoverPolicy,
      input(
        withPolicy({
          failoverPolicy: 'Automatic',
          failoverWithDataLossGracePeriodMinutes: 60,
        }),
      ),
    );
    expect(result.remediation).toBe(
      'Automatic failover cannot meet an RTO of PT15M: its grace period is at least 60 minutes. Switch fog-patient-records to customer-managed failover (failoverPolicy Manual) run by an alert-triggered runbook (az sql failover-group set-primary --allow-data-loss), and prove it in a drill.',
    );
    expect(Object.values(result.evidence)[0]).toEqual({
      'properties.readWriteEndpoint.failoverPolicy': 'Automatic',
      'properties.readWriteEndpoint.failoverWithDataLossGracePeriodMinutes': 60,
      rto: 'PT15M',
      outageDetectionSeconds: 300,
      estimatedRecovery: 'PT1H5M',
    });
  });

  it('suggests a shorter grace period when one fits', () => {
    const result = run(
      checkSqlFailoverPolicy,
      input(
        withPolicy({
          failoverPolicy: 'Automatic',
          failoverWithDataLossGracePeriodMinutes: 120,
        }),
        { rto: 'PT2H' },
      ),
    );
    expect(result.remediation).toBe(
      'Lower failoverWithDataLossGracePeriodMinutes of fog-patient-records to 115 or less, or switch to customer-managed failover driven by an alert.',
    );
  });

  it('does not apply without failover groups', () => {
    expect(
      checkSqlFailoverPolicy(input(claimsApiResources, claimsApiPolicy)),
    ).toBeUndefined();
  });
});

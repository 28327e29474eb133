import { AzureResource } from '@vitals/azure-inventory-common';
import {
  FIXTURE_NOW,
  arm,
  patchResource,
  resourceGroupId,
} from './__fixtures__/arm';
import {
  patientRecordsDrills,
  patientRecordsPolicy,
  patientRecordsResources,
} from './__fixtures__/patientRecords';
import {
  billingPolicy,
  billingResources,
  claimsApiPolicy,
  claimsApiResources,
  labResultsPolicy,
  labResultsResources,
  schedulingPolicy,
  schedulingResources,
} from './__fixtures__/services';
import {
  CheckInput,
  ReadinessCheck,
  checkBackupVault,
  checkComputeInSurvivingRegion,
  checkCosmosMultiRegion,
  checkDataResidency,
  checkDrDrill,
  checkGeoRedundantBackups,
  checkGlobalRouting,
  checkKeyVaultRecovery,
  checkObservedRpo,
  checkSecondaryRegion,
  checkSqlFailoverGroup,
  checkSqlFailoverPolicy,
  checkStorageReplication,
  checkWriteRegionPlacement,
  checkZoneRedundancy,
  observeRpo,
  recoveryComponents,
  runReadinessChecks,
  worstCheckStatus,
} from './checks';
import type { ReadinessPolicy } from './policy';
import type { DrillRecord } from './types';

const RG = resourceGroupId('rg-test');

function input(
  resources: readonly AzureResource[],
  policy: Partial<ReadinessPolicy> = {},
  extra: Partial<CheckInput> = {},
): CheckInput {
  return {
    policy: { ...patientRecordsPolicy, ...policy },
    role: 'primary',
    resources,
    now: FIXTURE_NOW,
    lastDrill: null,
    ...extra,
  };
}

function drill(overrides: Partial<DrillRecord> = {}): DrillRecord {
  return {
    id: 'drill-1',
    entityRef: 'component:default/patient-records',
    region: 'eastus2',
    performedAt: '2025-04-15T14:00:00Z',
    outcome: 'success',
    rtoAchieved: 'PT11M',
    rpoAchieved: 'PT1M',
    notes: '',
    recordedBy: 'user:default/ana.lima',
    recordedAt: '2025-04-15T16:00:00Z',
    ...overrides,
  };
}

function run(check: ReadinessCheck, checkInput: CheckInput) {
  const result = check(checkInput);
  if (!result) {
    throw new Error('expected the check to apply');
  }
  return result;
}

function storage(
  name: string,
  sku: string | undefined,
  properties: Record<string, unknown>,
  location = 'eastus2',
) {
  return arm({
    id: `${RG}/providers/Microsoft.Storage/storageAccounts/${name}`,
    type: 'Microsoft.Storage/storageAccounts',
    location,
    kind: 'StorageV2',
    sku: sku ? { name: sku, tier: 'Standard' } : undefined,
    properties,
  });
}

describe('worstCheckStatus', () => {
  it.each([
    [[], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'unknown'], 'unknown'],
    [['unknown', 'fail', 'pass'], 'fail'],
    [['pass', 'pass'], 'pass'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(worstCheckStatus(statuses)).toBe(expected);
  });
});

describe('checkSecondaryRegion', () => {
  it.each([
    [
      'eastus2',
      'centralus',
      'pass',
      'paired',
      "Central US is East US 2's Azure pair.",
    ],
    [
      'westus3',
      'eastus',
      'warn',
      'one-way',
      "East US is West US 3's pair only one way: it is paired with West US",
    ],
    [
      'eastus2',
      'westus2',
      'pass',
      'custom',
      'West US 2 is a custom secondary: platform-managed replication (GRS storage, geo-redundant backups) targets Central US instead',
    ],
    [
      'qatarcentral',
      'uaenorth',
      'pass',
      'unpaired',
      'Qatar Central has no Azure pair; UAE North is declared as the secondary.',
    ],
  ])('%s → %s: %s (%s)', (primary, secondary, status, pairing, summary) => {
    const result = run(
      checkSecondaryRegion,
      input([], { primaryRegion: primary, secondaryRegion: secondary }),
    );
    expect(result.status).toBe(status);
    expect(result.evidence.policy).toMatchObject({
      pairing,
      primaryRegion: primary,
      secondaryRegion: secondary,
    });
    expect(result.summary).toContain(summary);
    expect(result.blocking).toBe(false);
  });

  it('fails, blocking, when a nonpaired primary has no secondary', () => {
    const result = run(
      checkSecondaryRegion,
      input([], { primaryRegion: 'qatarcentral', secondaryRegion: null }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      blocking: true,
      category: 'recovery',
    });
    expect(result.summary).toBe(
      'Qatar Central has no Azure pair and no secondary region is declared: nothing takes over if it goes down.',
    );
    expect(result.remediation).toContain('Set vitals.dev/secondary-region');
    expect(result.remediation).toContain('Qatar has no other Azure region');
  });

  it('lists same-geography candidates when there are some', () => {
    const result = run(
      checkSecondaryRegion,
      input([], { primaryRegion: 'italynorth', secondaryRegion: null }),
    );
    expect(result.remediation).toContain('Italy has no other Azure region');
    const mexico = run(
      checkSecondaryRegion,
      input([], { primaryRegion: 'mexicocentral', secondaryRegion: null }),
    );
    expect(mexico.status).toBe('fail');
  });

  it('does not apply to the secondary role', () => {
    expect(
      checkSecondaryRegion(input([], {}, { role: 'secondary' })),
    ).toBeUndefined();
  });
});

describe('checkDataResidency', () => {
  it.each([
    ['eastus2', 'centralus', 'pass', 'Both regions are in United States.'],
    [
      'brazilsouth',
      'southcentralus',
      'warn',
      'Failing over moves copies of PHI data from Brazil to United States.',
    ],
  ])('%s → %s: %s', (primary, secondary, status, summary) => {
    const result = run(
      checkDataResidency,
      input([], { primaryRegion: primary, secondaryRegion: secondary }),
    );
    expect(result).toMatchObject({
      status,
      summary,
      category: 'assurance',
      blocking: false,
    });
  });

  it('does not apply without a secondary', () => {
    expect(
      checkDataResidency(input([], { secondaryRegion: null })),
    ).toBeUndefined();
  });
});

describe('checkStorageReplication', () => {
  const live = { status: 'Live', lastSyncTime: '2025-06-02T11:59:00Z' };
  it.each([
    [
      'RA-GZRS to the pair',
      'Standard_RAGZRS',
      { secondaryLocation: 'centralus', geoReplicationStats: live },
      'pass',
      'Every storage account in East US 2 geo-replicates to Central US.',
    ],
    [
      'GRS to the pair',
      'Standard_GRS',
      { secondaryLocation: 'centralus' },
      'pass',
      'Every storage account',
    ],
    [
      'lower-case SKU, display-name location',
      'standard_ragrs',
      { secondaryLocation: 'Central US' },
      'pass',
      'Every storage account',
    ],
    [
      'property names in odd casing',
      'Standard_GZRS',
      { SecondaryLocation: 'centralus', StatusOfSecondary: 'available' },
      'pass',
      'Every storage account',
    ],
    [
      'LRS',
      'Standard_LRS',
      {},
      'fail',
      'st1 is Standard_LRS: every copy stays in East US 2.',
    ],
    [
      'ZRS',
      'Standard_ZRS',
      {},
      'fail',
      'st1 is Standard_ZRS: every copy stays in East US 2.',
    ],
    ['premium LRS', 'Premium_LRS', {}, 'fail', 'st1 is Premium_LRS'],
    [
      'GRS with an unavailable secondary',
      'Standard_GRS',
      { secondaryLocation: 'centralus', statusOfSecondary: 'unavailable' },
      'fail',
      'The secondary of st1 in centralus is unavailable.',
    ],
    [
      'GRS without secondaryLocation',
      'Standard_GRS',
      {},
      'unknown',
      'st1 is Standard_GRS but its secondaryLocation was not reported.',
    ],
    ['no SKU read', undefined, {}, 'unknown', 'The SKU of st1 was not read'],
  ])('%s → %s', (_, sku, properties, status, summary) => {
    const result = run(
      checkStorageReplication,
      input([storage('st1', sku, properties)]),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(result.category).toBe('data-protection');
    expect(result.blocking).toBe(status === 'fail');
    expect(result.resources).toEqual([
      `${RG}/providers/Microsoft.Storage/storageAccounts/st1`,
    ]);
  });

  it('records the exact values seen', () => {
    const result = run(
      checkStorageReplication,
      input([
        storage('st1', 'Standard_RAGZRS', {
          primaryLocation: 'eastus2',
          secondaryLocation: 'centralus',
          geoReplicationStats: live,
        }),
      ]),
    );
    expect(
      result.evidence[`${RG}/providers/Microsoft.Storage/storageAccounts/st1`],
    ).toEqual({
      'sku.name': 'Standard_RAGZRS',
      kind: 'StorageV2',
      'properties.primaryLocation': 'eastus2',
      'properties.secondaryLocation': 'centralus',
      'properties.statusOfSecondary': null,
      'properties.geoReplicationStats.status': 'Live',
      'properties.geoReplicationStats.lastSyncTime': '2025-06-02T11:59:00Z',
    });
  });

  it('fails a custom secondary: GRS replicates only to the pair', () => {
    const result = run(
      checkStorageReplication,
      input(claimsApiResources, claimsApiPolicy),
    );
    expect(result.status).toBe('fail');
    expect(result.title).toBe('Storage replicates to West US 2');
    expect(result.summary).toBe(
      'stclaimseus2 replicates to centralus, not to the declared secondary West US 2.',
    );
    expect(result.remediation).toBe(
      'Geo-redundant storage replicates only to the Azure pair (centralus); West US 2 gets no copy of stclaimseus2. Add another copy in West US 2: an object-replication policy to a storage account there, or an application-level copy (AzCopy, Data Factory).',
    );
  });

  it('suggests GZRS for a local SKU when the secondary is the pair, object replication otherwise', () => {
    const paired = run(
      checkStorageReplication,
      input([storage('st1', 'Standard_LRS', {})]),
    );
    expect(paired.remediation).toBe(
      'Convert st1 to Standard_GZRS or Standard_RAGZRS (geo-redundant to Central US).',
    );
    const custom = run(
      checkStorageReplication,
      input([storage('st1', 'Standard_LRS', {})], {
        secondaryRegion: 'westus2',
      }),
    );
    expect(custom.remediation).toContain(
      'Geo-redundant storage would replicate to Central US, not West US 2',
    );
  });

  it('reports the worst account', () => {
    const result = run(
      checkStorageReplication,
      input([
        storage('good', 'Standard_GZRS', { secondaryLocation: 'centralus' }),
        storage('unread', 'Standard_GRS', {}),
        storage('local', 'Standard_LRS', {}),
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.resources).toHaveLength(3);
    expect(result.summary).toBe(
      'unread is Standard_GRS but its secondaryLocation was not reported. local is Standard_LRS: every copy stays in East US 2.',
    );
  });

  it('judges accounts by where they are primary, for each role', () => {
    const inCentral = storage(
      'stcus',
      'Standard_GRS',
      { primaryLocation: 'centralus', secondaryLocation: 'eastus2' },
      'centralus',
    );
    expect(checkStorageReplication(input([inCentral]))).toBeUndefined();
    expect(
      run(
        checkStorageReplication,
        input([inCentral], {}, { role: 'secondary' }),
      ).status,
    ).toBe('pass');
    // After a failover the account is primary in the old secondary region.
    const failedOver = storage(
      'stfo',
      'Standard_LRS',
      { primaryLocation: 'centralus' },
      'eastus2',
    );
    expect(checkStorageReplication(input([failedOver]))).toBeUndefined();
    expect(
      run(
        checkStorageReplication,
        input([failedOver], {}, { role: 'secondary' }),
      ).status,
    ).toBe('fail');
  });

  it('does not apply without a secondary or without storage', () => {
    expect(
      checkStorageReplication(input(labResultsResources, labResultsPolicy)),
    ).toBeUndefined();
    expect(checkStorageReplication(input([]))).toBeUndefined();
  });
});

describe('checkSqlFailoverGroup', () => {
  it('passes when every database is in a group with a partner in the secondary', () => {
    const result = run(checkSqlFailoverGroup, input(patientRecordsResources));
    expect(result.status).toBe('pass');
    expect(result.title).toBe('SQL databases fail over to Central US');
    // master and the geo-secondary are not service databases.
    expect(result.resources.map(id => id.split('/providers/')[1])).toEqual([
      'Microsoft.Sql/servers/sql-patient-records-eus2/databases/patientdb',
      'Microsoft.Sql/servers/sql-patient-records-eus2/failoverGroups/fog-patient-records',
    ]);
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

describe('checkCosmosMultiRegion', () => {
  const cosmosId =
    'Microsoft.DocumentDB/databaseAccounts/cosmos-patient-events';
  function withCosmos(patch: Record<string, unknown>) {
    return patchResource(patientRecordsResources, cosmosId, r => ({
      ...r,
      properties: { ...r.properties, ...patch },
    }));
  }
  const threeRegions = [
    { locationName: 'East US 2', failoverPriority: 0 },
    { locationName: 'West US 2', failoverPriority: 1 },
    { locationName: 'Central US', failoverPriority: 2 },
  ];

  it.each([
    [
      'automatic failover to the secondary',
      {},
      null,
      'pass',
      'Every Cosmos DB account in East US 2',
    ],
    [
      'no replica in the secondary',
      { locations: [{ locationName: 'East US 2', failoverPriority: 0 }] },
      null,
      'fail',
      'cosmos-patient-events has no replica in Central US (its regions: eastus2).',
    ],
    [
      'multi-region writes',
      { enableAutomaticFailover: false, enableMultipleWriteLocations: true },
      null,
      'pass',
      'Every Cosmos DB account',
    ],
    [
      'automatic failover off',
      { enableAutomaticFailover: false },
      null,
      'fail',
      'writes only in East US 2 and service-managed failover is off',
    ],
    [
      'automatic failover off, proven by a drill',
      { enableAutomaticFailover: false },
      drill(),
      'pass',
      'Every Cosmos DB account',
    ],
    [
      'automatic failover not reported',
      { enableAutomaticFailover: undefined },
      null,
      'unknown',
      'was not reported',
    ],
    [
      'failover goes to a third region first',
      { locations: threeRegions, writeLocations: undefined },
      null,
      'warn',
      'promotes westus2 (priority 1), not Central US.',
    ],
    [
      'regions not read',
      { locations: [], writeLocations: undefined },
      null,
      'unknown',
      'The regions of cosmos-patient-events were not read.',
    ],
  ])('%s → %s', (_, patch, lastDrill, status, summary) => {
    const result = run(
      checkCosmosMultiRegion,
      input(withCosmos(patch), {}, { lastDrill }),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
  });

  it('warns rather than fails for the standard tier', () => {
    const result = run(
      checkCosmosMultiRegion,
      input(withCosmos({ enableAutomaticFailover: false }), {
        tier: 'standard',
        rto: 'PT4H',
        rpo: 'PT1H',
      }),
    );
    expect(result.status).toBe('warn');
  });

  it('passes the loss of a read region', () => {
    const result = run(
      checkCosmosMultiRegion,
      input(patientRecordsResources, {}, { role: 'secondary' }),
    );
    expect(result.status).toBe('pass');
    expect(result.title).toBe('Cosmos DB serves from East US 2');
    expect(Object.values(result.evidence)[0]).toMatchObject({
      writeRegion: 'eastus2',
      'properties.locations': [
        {
          locationName: 'East US 2',
          failoverPriority: 0,
          isZoneRedundant: true,
        },
        {
          locationName: 'Central US',
          failoverPriority: 1,
          isZoneRedundant: false,
        },
      ],
    });
  });
});

describe('checkGeoRedundantBackups', () => {
  function server(type: 'PostgreSQL' | 'MySQL', geo: string | undefined) {
    return arm({
      id: `${RG}/providers/Microsoft.DBfor${type}/flexibleServers/${type.toLowerCase()}-1`,
      type: `Microsoft.DBfor${type}/flexibleServers`,
      location: 'eastus2',
      properties: {
        backup:
          geo === undefined
            ? { backupRetentionDays: 7 }
            : { backupRetentionDays: 7, geoRedundantBackup: geo },
      },
    });
  }
  function database(name: string, properties: Record<string, unknown>) {
    return arm({
      id: `${RG}/providers/Microsoft.Sql/servers/sql-1/databases/${name}`,
      type: 'Microsoft.Sql/servers/databases',
      location: 'eastus2',
      properties,
    });
  }
  function cosmos(
    backupPolicy: unknown,
    regions = ['East US 2', 'Central US'],
  ) {
    return arm({
      id: `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-1`,
      type: 'Microsoft.DocumentDB/databaseAccounts',
      location: 'eastus2',
      properties: {
        backupPolicy,
        locations: regions.map((locationName, failoverPriority) => ({
          locationName,
          failoverPriority,
        })),
      },
    });
  }

  it.each([
    [
      'SQL Geo',
      [database('db', { requestedBackupStorageRedundancy: 'Geo' })],
      'pass',
    ],
    [
      'SQL GeoZone',
      [database('db', { requestedBackupStorageRedundancy: 'GeoZone' })],
      'pass',
    ],
    [
      'SQL current only',
      [database('db', { currentBackupStorageRedundancy: 'Geo' })],
      'pass',
    ],
    [
      'SQL Local',
      [database('db', { requestedBackupStorageRedundancy: 'Local' })],
      'fail',
    ],
    [
      'SQL Zone',
      [database('db', { requestedBackupStorageRedundancy: 'Zone' })],
      'fail',
    ],
    ['SQL not reported', [database('db', { status: 'Online' })], 'unknown'],
    [
      'SQL master only',
      [database('master', { requestedBackupStorageRedundancy: 'Local' })],
      'n/a',
    ],
    [
      'SQL geo-secondary only',
      [
        database('db', {
          secondaryType: 'Geo',
          requestedBackupStorageRedundancy: 'Local',
        }),
      ],
      'n/a',
    ],
    ['PostgreSQL Enabled', [server('PostgreSQL', 'Enabled')], 'pass'],
    ['PostgreSQL Disabled', [server('PostgreSQL', 'Disabled')], 'fail'],
    ['MySQL Enabled', [server('MySQL', 'Enabled')], 'pass'],
    ['MySQL not reported', [server('MySQL', undefined)], 'unknown'],
    [
      'Cosmos periodic Geo',
      [
        cosmos({
          type: 'Periodic',
          periodicModeProperties: { backupStorageRedundancy: 'Geo' },
        }),
      ],
      'pass',
    ],
    [
      'Cosmos periodic Local',
      [
        cosmos({
          type: 'Periodic',
          periodicModeProperties: { backupStorageRedundancy: 'Local' },
        }),
      ],
      'fail',
    ],
    [
      'Cosmos continuous, two regions',
      [
        cosmos({
          type: 'Continuous',
          continuousModeProperties: { tier: 'Continuous30Days' },
        }),
      ],
      'pass',
    ],
    [
      'Cosmos continuous, one region',
      [cosmos({ type: 'Continuous' }, ['East US 2'])],
      'fail',
    ],
    ['Cosmos policy not reported', [cosmos(undefined)], 'unknown'],
    [
      'one bad among good',
      [
        database('db', { requestedBackupStorageRedundancy: 'Geo' }),
        server('PostgreSQL', 'Disabled'),
      ],
      'fail',
    ],
  ])('%s → %s', (_, resources, status) => {
    // 'n/a': the check does not apply, so there is no result at all.
    expect(checkGeoRedundantBackups(input(resources))?.status ?? 'n/a').toBe(
      status,
    );
  });

  it('explains that flexible servers choose geo-backup at creation', () => {
    const result = run(
      checkGeoRedundantBackups,
      input([server('PostgreSQL', 'Disabled')]),
    );
    expect(result.summary).toBe(
      'postgresql-1 keeps its backups only in East US 2 (geoRedundantBackup Disabled).',
    );
    expect(result.remediation).toContain(
      'can only be chosen when a flexible server is created',
    );
  });

  it('fails the invoices database of billing', () => {
    const result = run(
      checkGeoRedundantBackups,
      input(billingResources, billingPolicy),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Backups of invoicesdb are Local-redundant: they are lost with East US.',
    );
  });
});

describe('checkBackupVault', () => {
  function vault(redundancySettings: unknown, location = 'eastus2') {
    return arm({
      id: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-1`,
      type: 'Microsoft.RecoveryServices/vaults',
      location,
      sku: { name: 'RS0', tier: 'Standard' },
      properties: { provisioningState: 'Succeeded', redundancySettings },
    });
  }

  it.each([
    [
      'GRS with CRR',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
      {},
      'pass',
      'geo-redundant with cross-region restore',
    ],
    [
      'LRS',
      {
        standardTierStorageRedundancy: 'LocallyRedundant',
        crossRegionRestore: 'Disabled',
      },
      {},
      'fail',
      'stores backups LocallyRedundant',
    ],
    [
      'ZRS',
      { standardTierStorageRedundancy: 'ZoneRedundant' },
      {},
      'fail',
      'stores backups ZoneRedundant',
    ],
    [
      'GRS without CRR, critical',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Disabled',
      },
      {},
      'fail',
      'cross-region restore off',
    ],
    [
      'GRS without CRR, standard',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Disabled',
      },
      { tier: 'standard' as const },
      'warn',
      'cross-region restore off',
    ],
    [
      'GRS, CRR not reported',
      { standardTierStorageRedundancy: 'GeoRedundant' },
      {},
      'unknown',
      'cross-region restore was not reported',
    ],
    [
      'custom secondary',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
      { secondaryRegion: 'westus2' },
      'warn',
      'restores into centralus (the Azure pair), not West US 2.',
    ],
    [
      'not read',
      undefined,
      {},
      'unknown',
      'storage redundancy of vault rsv-1 was not reported',
    ],
  ])('%s → %s', (_, settings, policy, status, summary) => {
    const result = run(checkBackupVault, input([vault(settings)], policy));
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(Object.values(result.evidence)[0]).toMatchObject({
      crossRegionRestoreTarget: 'centralus',
    });
  });

  it('only looks at vaults in the lost region', () => {
    expect(checkBackupVault(input([vault({}, 'centralus')]))).toBeUndefined();
  });
});

describe('checkKeyVaultRecovery', () => {
  function vault(properties: Record<string, unknown>) {
    return arm({
      id: `${RG}/providers/Microsoft.KeyVault/vaults/kv-1`,
      type: 'Microsoft.KeyVault/vaults',
      location: 'eastus2',
      properties,
    });
  }

  it.each([
    [
      'soft delete and purge protection',
      {
        enableSoftDelete: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
      },
      'pass',
    ],
    [
      'purge protection omitted (off)',
      { enableSoftDelete: true, softDeleteRetentionInDays: 90 },
      'fail',
    ],
    [
      'purge protection false',
      { enableSoftDelete: true, enablePurgeProtection: false },
      'fail',
    ],
    ['soft delete off', { enableSoftDelete: false }, 'fail'],
    [
      'soft delete not reported',
      { tenantId: 't', enablePurgeProtection: true },
      'unknown',
    ],
    ['no properties', {}, 'unknown'],
  ])('%s → %s', (_, properties, status) => {
    const result = run(checkKeyVaultRecovery, input([vault(properties)]));
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(status === 'fail');
  });

  it('records the properties as seen', () => {
    const result = run(
      checkKeyVaultRecovery,
      input([vault({ enableSoftDelete: true })]),
    );
    expect(result.summary).toBe(
      'Key vault kv-1 has purge protection off: a deleted vault can be purged before anyone restores it.',
    );
    expect(Object.values(result.evidence)[0]).toEqual({
      'properties.enableSoftDelete': true,
      'properties.enablePurgeProtection': null,
      'properties.softDeleteRetentionInDays': null,
    });
  });
});

describe('checkObservedRpo', () => {
  function synced(lastSyncTime: string, status = 'Live') {
    return storage('st1', 'Standard_GRS', {
      secondaryLocation: 'centralus',
      geoReplicationStats: { status, lastSyncTime, canFailover: true },
    });
  }

  it.each([
    [
      '2025-06-02T11:58:30Z',
      'Live',
      'pass',
      'Replication lags up to PT1M30S, within the RPO of PT5M.',
    ],
    [
      '2025-06-02T11:55:00Z',
      'Live',
      'pass',
      'Replication lags up to PT5M, within the RPO of PT5M.',
    ],
    [
      '2025-06-02T11:38:00Z',
      'Live',
      'fail',
      'st1 lags PT22M behind its replica, beyond the RPO of PT5M: a failover now would lose that much data.',
    ],
    [
      '2025-06-02T11:59:00Z',
      'Unavailable',
      'fail',
      'Geo-replication of st1 is unavailable.',
    ],
    [
      '2025-06-02T11:59:00Z',
      'Bootstrap',
      'warn',
      'st1 is still bootstrapping its geo-replica.',
    ],
    [
      '2025-06-02T12:03:00Z',
      'Live',
      'pass',
      'Replication lags up to PT0S, within the RPO of PT5M.',
    ],
  ])('last sync %s (%s) → %s', (lastSync, status, expected, summary) => {
    const result = run(checkObservedRpo, input([synced(lastSync, status)]));
    expect(result.status).toBe(expected);
    expect(result.summary).toBe(summary);
  });

  it('takes replication lag measured outside Resource Manager', () => {
    const replicationLag = [
      {
        resourceId: `${billingResources[0].id.toUpperCase()}`,
        lagSeconds: 1200,
        observedAt: '2025-06-02T11:59:00Z',
        source: 'sql-dm-geo-replication-link-status',
      },
    ];
    const result = run(
      checkObservedRpo,
      input(billingResources, billingPolicy, { replicationLag }),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(
      'billingdb lags PT20M behind its replica, beyond the RPO of PT15M',
    );
    expect(
      observeRpo(input(billingResources, billingPolicy, { replicationLag })),
    ).toEqual({
      duration: 'PT20M',
      seconds: 1200,
      resourceId: billingResources[0].id,
      source: 'sql-dm-geo-replication-link-status',
      withinObjective: false,
    });
  });

  it('reports the lag without judging it when no RPO is declared', () => {
    const result = run(
      checkObservedRpo,
      input([synced('2025-06-02T10:00:00Z')], {
        tier: 'none',
        rto: null,
        rpo: null,
      }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Replication lags up to PT2H; no RPO is declared.',
    );
  });

  it('does not apply without lag data', () => {
    expect(
      checkObservedRpo(
        input([
          storage('st1', 'Standard_GRS', { secondaryLocation: 'centralus' }),
        ]),
      ),
    ).toBeUndefined();
    expect(observeRpo(input([]))).toBeNull();
  });

  it('picks the worst lag', () => {
    expect(
      observeRpo(
        input([
          ...patientRecordsResources,
          {
            ...synced('2025-06-02T11:57:00Z'),
            id: `${RG}/providers/Microsoft.Storage/storageAccounts/st2`,
            name: 'st2',
          },
        ]),
      ),
    ).toMatchObject({
      duration: 'PT3M',
      seconds: 180,
      resourceId: `${RG}/providers/Microsoft.Storage/storageAccounts/st2`,
      source: 'storage-last-sync-time',
      withinObjective: true,
    });
  });
});

describe('checkComputeInSurvivingRegion', () => {
  function site(name: string, location: string, state = 'Running') {
    return arm({
      id: `${RG}/providers/Microsoft.Web/sites/${name}`,
      type: 'Microsoft.Web/sites',
      location,
      kind: 'app',
      properties: { state, defaultHostName: `${name}.azurewebsites.net` },
    });
  }

  it.each([
    [
      'a running site in each region',
      [site('a', 'eastus2'), site('b', 'Central US')],
      'pass',
      '1 compute resource of the service runs in Central US.',
    ],
    [
      'nothing in the secondary',
      [site('a', 'eastus2')],
      'fail',
      'No App Service site, AKS cluster or container app of the service runs in Central US: nothing serves after losing East US 2.',
    ],
    [
      'fewer sites in the secondary',
      [site('a', 'eastus2'), site('b', 'eastus2'), site('c', 'centralus')],
      'warn',
      'Central US runs 1 of the 2 App Service sites that run in East US 2.',
    ],
    [
      'a stopped standby',
      [site('a', 'eastus2'), site('b', 'centralus', 'Stopped')],
      'warn',
      'b in Central US is stopped (cold standby): it must be started during the failover.',
    ],
    [
      'compute only elsewhere',
      [site('a', 'westeurope')],
      'fail',
      'No App Service site, AKS cluster or container app of the service runs in Central US: nothing serves after losing East US 2.',
    ],
  ])('%s → %s', (_, resources, status, summary) => {
    const result = run(checkComputeInSurvivingRegion, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.blocking).toBe(status === 'fail');
  });

  it('finds a stopped AKS cold standby and a running container app', () => {
    expect(
      run(
        checkComputeInSurvivingRegion,
        input(schedulingResources, schedulingPolicy),
      ).summary,
    ).toBe(
      'aks-scheduling-eus in East US is stopped (cold standby): it must be started during the failover.',
    );
    expect(
      run(
        checkComputeInSurvivingRegion,
        input(claimsApiResources, claimsApiPolicy),
      ).status,
    ).toBe('pass');
  });

  it('looks at the primary when the secondary is lost', () => {
    const result = run(
      checkComputeInSurvivingRegion,
      input(schedulingResources, schedulingPolicy, { role: 'secondary' }),
    );
    expect(result.status).toBe('pass');
    expect(result.title).toBe('Compute runs in West US 3');
  });

  it('does not apply to a service without compute', () => {
    expect(
      checkComputeInSurvivingRegion(
        input([storage('st1', 'Standard_GRS', {})]),
      ),
    ).toBeUndefined();
  });
});

describe('checkGlobalRouting', () => {
  const tmId = 'Microsoft.Network/trafficManagerProfiles/tm-claims-api';
  function withProfile(patch: Record<string, unknown>) {
    return patchResource(claimsApiResources, tmId, r => ({
      ...r,
      properties: { ...r.properties, ...patch },
    }));
  }

  it('passes a Priority Traffic Manager profile with endpoints in both regions', () => {
    const result = run(
      checkGlobalRouting,
      input(claimsApiResources, claimsApiPolicy),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'tm-claims-api sends traffic to West US 2 when East US 2 fails its health probes.',
    );
    expect(Object.values(result.evidence)[0]).toMatchObject({
      'properties.trafficRoutingMethod': 'Priority',
      endpointRegions: ['eastus2', 'westus2'],
      switchTime: 'PT2M30S',
    });
  });

  it('places Azure endpoints by their target resource', () => {
    const result = run(
      checkGlobalRouting,
      input(billingResources, billingPolicy),
    );
    expect(result.status).toBe('pass');
    expect(Object.values(result.evidence)[0]).toMatchObject({
      endpointRegions: ['eastus', 'westus'],
    });
  });

  it.each([
    [
      'Performance routing',
      { trafficRoutingMethod: 'Performance' },
      'warn',
      'routes by Performance',
    ],
    [
      'a disabled profile',
      { profileStatus: 'Disabled' },
      'fail',
      'tm-claims-api is disabled',
    ],
    [
      'no health probe',
      { monitorConfig: {} },
      'fail',
      'has no health probe: it cannot tell that East US 2 is down.',
    ],
    [
      'the secondary endpoint disabled',
      {
        endpoints: [
          {
            name: 'eastus2',
            properties: {
              endpointStatus: 'Enabled',
              endpointLocation: 'East US 2',
              priority: 1,
            },
          },
          {
            name: 'westus2',
            properties: {
              endpointStatus: 'Disabled',
              endpointLocation: 'West US 2',
              priority: 2,
            },
          },
        ],
      },
      'fail',
      'has no enabled endpoint in West US 2.',
    ],
    [
      'an endpoint that cannot be placed',
      {
        endpoints: [
          {
            name: 'x',
            properties: {
              endpointStatus: 'Enabled',
              target: 'claims.example.org',
              priority: 1,
            },
          },
        ],
      },
      'unknown',
      'could not be placed in a region',
    ],
  ])('%s → %s', (_, patch, status, summary) => {
    const result = run(
      checkGlobalRouting,
      input(withProfile(patch), claimsApiPolicy),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
  });

  it('is unknown when the profile was read without properties', () => {
    const resources = patchResource(claimsApiResources, tmId, r => ({
      ...r,
      properties: {},
    }));
    expect(
      run(checkGlobalRouting, input(resources, claimsApiPolicy)).status,
    ).toBe('unknown');
  });

  describe('Front Door', () => {
    const profile = 'Microsoft.Cdn/profiles/afd-patient-records';
    it('passes origins in both regions with health probes, placed by id and by host name', () => {
      const result = run(checkGlobalRouting, input(patientRecordsResources));
      expect(result.status).toBe('pass');
      expect(Object.values(result.evidence)[0]).toEqual({
        'sku.name': 'Premium_AzureFrontDoor',
        endpoints: [{ name: 'patient-records', enabledState: 'Enabled' }],
        originGroups: [
          {
            name: 'og-patient-records',
            healthProbeSettings: {
              probePath: '/healthz',
              probeRequestType: 'HEAD',
              probeProtocol: 'Https',
              probeIntervalInSeconds: 30,
            },
            originRegions: ['eastus2', 'centralus'],
          },
        ],
        switchTime: 'PT1M',
      });
    });

    it.each([
      [
        'the secondary origin disabled',
        `${profile}/originGroups/og-patient-records/origins/centralus`,
        { enabledState: 'Disabled' },
        'fail',
        'has an enabled origin in Central US.',
      ],
      [
        'no health probe',
        `${profile}/originGroups/og-patient-records`,
        { healthProbeSettings: null },
        'fail',
        'has no health probe: Front Door keeps sending traffic to East US 2.',
      ],
      [
        'the endpoint disabled',
        `${profile}/afdEndpoints/patient-records`,
        { enabledState: 'Disabled' },
        'fail',
        'has no enabled endpoint',
      ],
      [
        'an origin host nobody serves',
        `${profile}/originGroups/og-patient-records/origins/centralus`,
        { hostName: 'legacy.example.org' },
        'unknown',
        'could not be placed in a region',
      ],
    ])('%s → %s', (_, suffix, patch, status, summary) => {
      const resources = patchResource(patientRecordsResources, suffix, r => ({
        ...r,
        properties: { ...r.properties, ...patch },
      }));
      const result = run(checkGlobalRouting, input(resources));
      expect(result.status).toBe(status);
      expect(result.summary).toContain(summary);
    });

    it('ignores classic CDN profiles', () => {
      const resources = patchResource(patientRecordsResources, profile, r => ({
        ...r,
        sku: { name: 'Standard_Microsoft' },
      }));
      const result = run(checkGlobalRouting, input(resources));
      expect(result.status).toBe('fail');
      expect(result.summary).toContain(
        'No Traffic Manager or Front Door profile routes the service',
      );
    });
  });

  it.each([
    ['critical', 'fail', true],
    ['high', 'fail', true],
    ['standard', 'warn', false],
  ] as const)('without any router, %s → %s', (tier, status, blocking) => {
    const result = run(
      checkGlobalRouting,
      input(schedulingResources, { ...schedulingPolicy, tier }),
    );
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(blocking);
  });

  it('reports the best router when several exist', () => {
    const broken = arm({
      id: `${RG}/providers/Microsoft.Network/trafficManagerProfiles/tm-old`,
      type: 'Microsoft.Network/trafficManagerProfiles',
      location: 'global',
      properties: {
        profileStatus: 'Disabled',
        trafficRoutingMethod: 'Priority',
      },
    });
    const result = run(
      checkGlobalRouting,
      input([...claimsApiResources, broken], claimsApiPolicy),
    );
    expect(result.status).toBe('pass');
    expect(result.resources).toHaveLength(2);
  });

  it('does not apply to a service without compute', () => {
    expect(
      checkGlobalRouting(input([storage('st1', 'Standard_GRS', {})])),
    ).toBeUndefined();
  });
});

describe('checkZoneRedundancy', () => {
  it('passes a fully zone-redundant primary', () => {
    const result = run(checkZoneRedundancy, input(patientRecordsResources));
    expect(result.status).toBe('pass');
    expect(result.resources.map(id => id.split('/').pop())).toEqual([
      'stpatientrecordseus2',
      'patientdb',
      'asp-patient-records-eus2',
      'cosmos-patient-events',
    ]);
  });

  it.each([
    [
      'storage GRS',
      claimsApiResources,
      claimsApiPolicy,
      'warn',
      'stclaimseus2 (storage account) is not zone-redundant: one zone failure in East US 2 takes it down.',
    ],
    [
      'SQL databases',
      billingResources,
      billingPolicy,
      'warn',
      'billingdb (SQL database) is not zone-redundant',
    ],
    [
      'AKS pools over three zones',
      schedulingResources,
      schedulingPolicy,
      'pass',
      'Every zonal resource in West US 3 is zone-redundant.',
    ],
    [
      'ZRS storage in Qatar',
      labResultsResources,
      labResultsPolicy,
      'pass',
      'Every zonal resource in Qatar Central',
    ],
  ])('%s → %s', (_, resources, policy, status, summary) => {
    const result = run(checkZoneRedundancy, input(resources, policy));
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(result.blocking).toBe(false);
  });

  it('warns about an AKS pool pinned to one zone and is unknown without pool data', () => {
    const oneZone = patchResource(
      schedulingResources,
      'aks-scheduling-wus3',
      r => ({
        ...r,
        properties: {
          ...r.properties,
          agentPoolProfiles: [
            { name: 'system', availabilityZones: ['1'] },
            { name: 'workers' },
          ],
        },
      }),
    );
    expect(
      run(checkZoneRedundancy, input(oneZone, schedulingPolicy)).status,
    ).toBe('warn');
    const unread = patchResource(
      schedulingResources,
      'aks-scheduling-wus3',
      r => ({ ...r, properties: {} }),
    );
    expect(
      run(checkZoneRedundancy, input(unread, schedulingPolicy)).status,
    ).toBe('unknown');
  });

  it('does not apply in a region without availability zones, nor to the secondary', () => {
    const inWestUs = [storage('st1', 'Standard_LRS', {}, 'westus')];
    expect(
      checkZoneRedundancy(
        input(inWestUs, { primaryRegion: 'westus', secondaryRegion: 'eastus' }),
      ),
    ).toBeUndefined();
    expect(
      checkZoneRedundancy(
        input(patientRecordsResources, {}, { role: 'secondary' }),
      ),
    ).toBeUndefined();
  });
});

describe('checkDrDrill', () => {
  it.each([
    [
      'critical, recent success',
      'critical',
      drill(),
      'pass',
      false,
      'The last drill (2025-04-15, 47 days ago) succeeded in PT11M.',
    ],
    [
      'critical, none',
      'critical',
      null,
      'fail',
      false,
      'No DR drill has rehearsed the loss of East US 2.',
    ],
    ['high, none', 'high', null, 'fail', false, 'No DR drill'],
    ['standard, none', 'standard', null, 'warn', false, 'No DR drill'],
    [
      'critical, failed',
      'critical',
      drill({ outcome: 'failed' }),
      'fail',
      true,
      'The last drill (2025-04-15) failed: the service did not come back.',
    ],
    [
      'critical, partial',
      'critical',
      drill({ outcome: 'partial' }),
      'warn',
      false,
      'succeeded only partially',
    ],
    [
      'critical, 121 days old',
      'critical',
      drill({ performedAt: '2025-02-01T12:00:00Z' }),
      'warn',
      false,
      'The last drill was 121 days ago (more than 90).',
    ],
    [
      'critical, 400 days old',
      'critical',
      drill({ performedAt: '2024-04-28T12:00:00Z' }),
      'fail',
      false,
      'The last drill was 400 days ago; critical services drill at least yearly.',
    ],
    [
      'high, 400 days old',
      'high',
      drill({ performedAt: '2024-04-28T12:00:00Z' }),
      'warn',
      false,
      '400 days ago (more than 90)',
    ],
    [
      'RTO missed',
      'critical',
      drill({ rtoAchieved: 'PT40M' }),
      'fail',
      true,
      'The last drill took PT40M to recover, beyond the RTO of PT15M.',
    ],
    [
      'RPO missed',
      'critical',
      drill({ rpoAchieved: 'PT9M' }),
      'fail',
      true,
      'The last drill lost PT9M of data, beyond the RPO of PT5M.',
    ],
    [
      'zero data loss',
      'critical',
      drill({ rpoAchieved: 'PT0S' }),
      'pass',
      false,
      'succeeded',
    ],
    [
      'a date in the future',
      'critical',
      drill({ performedAt: '2025-07-01T00:00:00Z' }),
      'unknown',
      false,
      'is not a past ISO-8601 timestamp',
    ],
    [
      'a malformed date',
      'critical',
      drill({ performedAt: 'last spring' }),
      'unknown',
      false,
      'is not a past ISO-8601 timestamp',
    ],
    ['tier none with a drill', 'none', drill(), 'pass', false, 'succeeded'],
  ] as const)('%s → %s', (_, tier, lastDrill, status, blocking, summary) => {
    const rto = tier === 'none' ? null : patientRecordsPolicy.rto;
    const result = run(checkDrDrill, input([], { tier, rto }, { lastDrill }));
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(blocking);
    expect(result.summary).toContain(summary);
  });

  it('does not apply to tier none without a drill, nor to the secondary', () => {
    expect(
      checkDrDrill(input([], { tier: 'none', rto: null, rpo: null })),
    ).toBeUndefined();
    expect(
      checkDrDrill(input([], {}, { role: 'secondary', lastDrill: drill() })),
    ).toBeUndefined();
  });
});

describe('checkWriteRegionPlacement', () => {
  it('passes when the databases write in the primary', () => {
    const result = run(
      checkWriteRegionPlacement,
      input(patientRecordsResources, {}, { role: 'secondary' }),
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Databases take writes in East US 2, as declared.',
    );
  });

  it('warns when the service was left failed over', () => {
    const failedOver = patchResource(
      patchResource(
        patientRecordsResources,
        'Microsoft.DocumentDB/databaseAccounts/cosmos-patient-events',
        r => ({
          ...r,
          properties: {
            ...r.properties,
            writeLocations: [
              { locationName: 'Central US', failoverPriority: 0 },
            ],
          },
        }),
      ),
      'sql-patient-records-eus2/failoverGroups/fog-patient-records',
      r => ({
        ...r,
        properties: {
          ...r.properties,
          replicationRole: 'Secondary',
          partnerServers: [
            { id: 'p', location: 'Central US', replicationRole: 'Primary' },
          ],
        },
      }),
    );
    const result = run(
      checkWriteRegionPlacement,
      input(failedOver, {}, { role: 'secondary' }),
    );
    expect(result.status).toBe('warn');
    expect(result.summary).toBe(
      'Failover group fog-patient-records takes writes in the DR region Central US. Cosmos DB account cosmos-patient-events takes writes in the DR region Central US.',
    );
  });

  it.each([
    [
      'a write region outside the declared regions',
      [{ locationName: 'West Europe', failoverPriority: 0 }],
      'warn',
      'Cosmos DB account cosmos-patient-events takes writes in West Europe, outside the declared regions.',
      'Fail cosmos-patient-events back to East US 2 in a planned failover, or update vitals.dev/primary-region if the move is permanent.',
    ],
    [
      'a write region not reported',
      [],
      'unknown',
      'Where cosmos-patient-events takes writes was not reported.',
      'Read cosmos-patient-events with its full properties.',
    ],
  ])('%s → %s', (_, writeLocations, status, summary, remediation) => {
    const resources = patchResource(
      patientRecordsResources,
      'Microsoft.DocumentDB/databaseAccounts/cosmos-patient-events',
      r => ({
        ...r,
        properties: { ...r.properties, writeLocations, locations: [] },
      }),
    );
    const result = run(
      checkWriteRegionPlacement,
      input(resources, {}, { role: 'secondary' }),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.remediation).toBe(remediation);
  });

  it('does not apply to the primary or without databases', () => {
    expect(
      checkWriteRegionPlacement(input(patientRecordsResources)),
    ).toBeUndefined();
    expect(
      checkWriteRegionPlacement(
        input(claimsApiResources, claimsApiPolicy, { role: 'secondary' }),
      ),
    ).toBeUndefined();
  });
});

describe('runReadinessChecks', () => {
  it.each([
    [
      'patient-records, primary',
      patientRecordsResources,
      patientRecordsPolicy,
      'primary',
      [
        'secondary-region',
        'storage-geo-replication',
        'sql-failover-group',
        'sql-failover-policy',
        'cosmos-multi-region',
        'geo-redundant-backups',
        'backup-vault',
        'key-vault-recovery',
        'observed-rpo',
        'compute-in-surviving-region',
        'global-routing',
        'zone-redundancy',
        'data-residency',
        'dr-drill',
      ],
    ],
    [
      'patient-records, secondary',
      patientRecordsResources,
      patientRecordsPolicy,
      'secondary',
      [
        'cosmos-multi-region',
        'compute-in-surviving-region',
        'global-routing',
        'write-region-placement',
      ],
    ],
    [
      'lab-results, primary',
      labResultsResources,
      labResultsPolicy,
      'primary',
      ['secondary-region', 'key-vault-recovery', 'zone-redundancy', 'dr-drill'],
    ],
  ] as const)(
    '%s runs only the checks that apply',
    (_, resources, policy, role, ids) => {
      expect(
        runReadinessChecks(input(resources, policy, { role })).map(c => c.id),
      ).toEqual(ids);
    },
  );

  it('never passes a check on resources read without properties', () => {
    const bare = patientRecordsResources.map(r => ({ ...r, properties: {} }));
    const results = runReadinessChecks(input(bare));
    const byId = Object.fromEntries(results.map(c => [c.id, c.status]));
    expect(byId).toMatchObject({
      'storage-geo-replication': 'unknown',
      'sql-failover-group': 'unknown',
      'sql-failover-policy': 'unknown',
      'cosmos-multi-region': 'unknown',
      'geo-redundant-backups': 'unknown',
      'backup-vault': 'unknown',
      'key-vault-recovery': 'unknown',
      'global-routing': 'unknown',
      'zone-redundancy': 'unknown',
    });
  });
});

describe('recoveryComponents', () => {
  it('estimates each part of losing the primary', () => {
    expect(
      recoveryComponents(
        input(
          patientRecordsResources,
          {},
          { lastDrill: patientRecordsDrills[1] },
        ),
      ),
    ).toEqual([
      {
        component: 'front-door',
        resourceId: patientRecordsResources.find(
          r => r.name === 'afd-patient-records',
        )?.id,
        duration: 'PT1M',
        basis:
          'probe interval × (sample size − successful samples required + 1)',
      },
      {
        component: 'sql-failover-group',
        resourceId: patientRecordsResources.find(r =>
          r.id.endsWith('eus2/failoverGroups/fog-patient-records'),
        )?.id,
        duration: 'PT11M',
        basis: 'customer-managed failover, as measured in the last drill',
      },
      {
        component: 'cosmos-db',
        resourceId: patientRecordsResources.find(
          r => r.name === 'cosmos-patient-events',
        )?.id,
        duration: 'PT15M',
        basis: 'service-managed failover (Azure Cosmos DB reliability guide)',
      },
      {
        component: 'drill',
        duration: 'PT11M',
        basis: 'measured in drill drill-pr-2025-04 on 2025-04-15',
      },
    ]);
  });

  it('cannot estimate manual failover without a drill or routing without a router', () => {
    expect(
      recoveryComponents(input(billingResources, billingPolicy)).map(c => [
        c.component,
        c.duration,
      ]),
    ).toEqual([
      ['traffic-manager', 'PT3M'],
      ['sql-failover-group', null],
    ]);
    expect(
      recoveryComponents(input(schedulingResources, schedulingPolicy)),
    ).toEqual([
      {
        component: 'routing',
        duration: null,
        basis: 'no global routing: clients are repointed by hand',
      },
    ]);
  });

  it('has nothing to estimate without a secondary', () => {
    expect(
      recoveryComponents(input(labResultsResources, labResultsPolicy)),
    ).toEqual([]);
  });
});

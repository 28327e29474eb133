import { checkCosmosMultiRegion } from './cosmosDb';
import { patchResource } from '../__fixtures__/arm';
import { input, drill, run } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';

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

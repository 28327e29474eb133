import {
  checkDataResidency,
  checkSecondaryRegion,
  checkWriteRegionPlacement,
} from './regions';
import { patchResource } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';
import { claimsApiPolicy, claimsApiResources } from '../__fixtures__/services';

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

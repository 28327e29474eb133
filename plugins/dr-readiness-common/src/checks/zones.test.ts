import { checkZoneRedundancy } from './zones';
import { patchResource } from '../__fixtures__/arm';
import { input, run, storage } from '../__fixtures__/checkInput';
import { patientRecordsResources } from '../__fixtures__/patientRecords';
import {
  billingPolicy,
  billingResources,
  claimsApiPolicy,
  claimsApiResources,
  labResultsPolicy,
  labResultsResources,
  schedulingPolicy,
  schedulingResources,
} from '../__fixtures__/services';

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

import { checkZoneRedundancy } from './zones';
import { patchResource, withoutProperties } from '../__fixtures__/arm';
import {
  managedDisk,
  recoveryVault,
  replicationProtectedItem,
  virtualMachineWithDisk,
} from '../__fixtures__/families';
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

describe('checkZoneRedundancy of managed disks', () => {
  const zrs = managedDisk('vm-a-os', 'eastus2', 'Premium_ZRS');
  const zone1 = managedDisk('vm-a-os', 'eastus2', 'Premium_LRS', ['1']);
  const zone2 = managedDisk('vm-b-os', 'eastus2', 'Premium_LRS', ['2']);
  const vmA = virtualMachineWithDisk('vm-a', zone1);
  const vault = recoveryVault('rsv-dr-cus', 'centralus');

  it.each([
    { name: 'ZRS', resources: [zrs], status: 'pass' },
    {
      name: 'zonal LRS, the service in one zone',
      resources: [zone1, vmA],
      status: 'warn',
    },
    {
      name: 'zonal LRS, the service disks in two zones',
      resources: [zone1, zone2],
      status: 'pass',
    },
    {
      name: 'zonal LRS, its VM replicated by Site Recovery',
      resources: [zone1, vmA, vault, replicationProtectedItem(vault, vmA)],
      status: 'pass',
    },
    {
      name: 'LRS read without properties',
      resources: withoutProperties([zone1]),
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status }) => {
    const result = run(checkZoneRedundancy, input(resources));
    expect(result.resources).toContain(zone1.id);
    const findings = {
      warn: 'vm-a-os (managed disk) is not zone-redundant',
      unknown: 'Whether vm-a-os is zone-redundant was not reported.',
    };
    for (const [finding, text] of Object.entries(findings)) {
      expect(result.summary.includes(text)).toBe(finding === status);
    }
    expect(result.mirrors?.aprl).toContain('fa0cf4f5');
  });

  it('says how to make a disk survive its zone', () => {
    const result = run(checkZoneRedundancy, input([zone1]));
    expect(result.summary).toBe(
      'vm-a-os (managed disk) is not zone-redundant: one zone failure in East US 2 takes it down.',
    );
    expect(result.remediation).toBe(
      'Move vm-a-os to a zone-redundant SKU (Terraform azurerm_managed_disk storage_account_type = "Premium_ZRS"), run a copy of its VM in another zone, or replicate the VM with Site Recovery.',
    );
  });
});

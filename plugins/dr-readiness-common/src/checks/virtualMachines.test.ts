import { checkVirtualMachineRecovery } from './virtualMachines';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import {
  backupProtectedItem,
  recoveryVault,
  replicationProtectedItem,
  scaleSet,
  virtualMachine,
} from '../__fixtures__/families';

const vm = virtualMachine('vm-emr-eus2', 'eastus2', ['1']);
const vault = recoveryVault('rsv-emr-cus', 'centralus');
const replicated = (
  details: Record<string, unknown> = {},
  properties: Record<string, unknown> = {},
) => replicationProtectedItem(vault, vm, details, properties);

describe('checkVirtualMachineRecovery', () => {
  it.each([
    {
      name: 'replicated to the secondary, fresh recovery point, recent test failover',
      resources: [vm, vault, replicated()],
      status: 'pass',
    },
    {
      name: 'replicated to another region',
      resources: [vm, vault, replicated({ recoveryFabricLocation: 'westus2' })],
      status: 'fail',
      remediation: 'azurerm_site_recovery_replicated_vm',
    },
    {
      name: 'a recovery point older than the RPO',
      resources: [
        vm,
        vault,
        replicated({
          rpoInSeconds: 420,
          lastRpoCalculatedTime: '2025-06-02T11:59:00Z',
        }),
      ],
      status: 'fail',
      summary:
        'The latest recovery point of vm-emr-eus2 is PT8M old, beyond the RPO of PT5M.',
    },
    {
      name: 'an RPO calculated long ago',
      resources: [
        vm,
        vault,
        replicated({
          rpoInSeconds: 30,
          lastRpoCalculatedTime: '2025-06-02T11:00:00Z',
        }),
      ],
      status: 'fail',
    },
    {
      name: 'critical replication health',
      resources: [vm, vault, replicated({}, { replicationHealth: 'Critical' })],
      status: 'fail',
    },
    {
      name: 'no successful test failover for months',
      resources: [
        vm,
        vault,
        replicated(
          {},
          { lastSuccessfulTestFailoverTime: '2024-11-02T10:00:00Z' },
        ),
      ],
      status: 'warn',
    },
    {
      name: 'a recovery point age not reported',
      resources: [vm, vault, replicated({ rpoInSeconds: undefined })],
      status: 'unknown',
    },
    {
      name: 'only backed up, for a critical service',
      resources: [vm, vault, backupProtectedItem(vault, vm)],
      status: 'fail',
      remediation: 'azurerm_site_recovery_replicated_vm',
    },
    {
      name: 'neither replicated nor backed up, no vault',
      resources: [vm],
      status: 'fail',
      remediation: 'azurerm_backup_protected_vm',
    },
    {
      name: 'a vault whose items were not read',
      resources: [vm, vault],
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status, ...expected }) => {
    const result = run(checkVirtualMachineRecovery, input(resources));
    expect(result.status).toBe(status);
    expect(result.mirrors).toEqual({
      aprl: ['cfe22a65', '1981f704', '17e877f7'],
    });
    expect(result.summary).toContain(
      'summary' in expected ? expected.summary : '',
    );
    expect(result.remediation).toContain(
      'remediation' in expected ? expected.remediation : '',
    );
  });

  it('warns a standard-tier service that is only backed up', () => {
    const result = run(
      checkVirtualMachineRecovery,
      input([vm, vault, backupProtectedItem(vault, vm)], { tier: 'standard' }),
    );
    expect(result.status).toBe('warn');
  });

  it.each([
    {
      name: 'a scale set in each region',
      resources: [
        scaleSet('vmss-web-eus2', 'eastus2', ['1', '2', '3']),
        scaleSet('vmss-web-cus', 'centralus', ['1', '2', '3']),
      ],
      status: 'pass',
    },
    {
      name: 'a scale set in the primary only',
      resources: [scaleSet('vmss-web-eus2', 'eastus2', ['1', '2', '3'])],
      status: 'fail',
    },
  ])('$name: $status', ({ resources, status }) => {
    expect(run(checkVirtualMachineRecovery, input(resources)).status).toBe(
      status,
    );
  });

  it('leaves AKS node pools to the cluster', () => {
    const pool = scaleSet('aks-system-12345678-vmss', 'eastus2', ['1'], {
      'aks-managed-poolName': 'system',
    });
    expect(checkVirtualMachineRecovery(input([pool]))).toBeUndefined();
  });

  it.each([
    {
      name: 'VMs in two zones',
      resources: [vm, virtualMachine('vm-emr-2-eus2', 'eastus2', ['2'])],
      status: 'pass',
    },
    {
      name: 'VMs in one zone',
      resources: [vm, virtualMachine('vm-emr-2-eus2', 'eastus2', ['1'])],
      status: 'warn',
    },
    {
      name: 'a regional VM',
      resources: [virtualMachine('vm-emr-eus2', 'eastus2')],
      status: 'warn',
    },
    {
      name: 'a VM read without properties',
      resources: withoutProperties([vm]),
      status: 'unknown',
    },
    {
      name: 'a scale set over three zones',
      resources: [scaleSet('vmss-web-eus2', 'eastus2', ['1', '2', '3'])],
      status: 'pass',
    },
    {
      name: 'a regional scale set',
      resources: [scaleSet('vmss-web-eus2', 'eastus2')],
      status: 'warn',
    },
  ])('zones: $name: $status', ({ resources, status }) => {
    expect(run(checkZoneRedundancy, input(resources)).status).toBe(status);
  });
});

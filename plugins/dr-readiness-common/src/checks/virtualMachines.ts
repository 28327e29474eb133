import type { AzureResource } from '@vitals/azure-inventory-common';
import { normalizeRegion } from '@vitals/azure-inventory-common';
import { formatIsoDuration, timestampMillis } from '../durations';
import {
  type Assessment,
  type CheckInput,
  DRILL_WARN_AGE_DAYS,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  objectiveSeconds,
  ofType,
  read,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  sameId,
  strictTier,
} from './values';

/** AKS node pools are scale sets AKS owns (tagged `aks-managed-*`); the cluster is judged instead. */
export function isAksNodePool(scaleSet: AzureResource): boolean {
  return Object.keys(scaleSet.tags ?? {}).some(key =>
    key.toLowerCase().startsWith('aks-managed-'),
  );
}

/** The virtual machine whose OS or data disk a managed disk is. */
export function virtualMachineOfDisk(
  disk: AzureResource,
  resources: readonly AzureResource[],
): AzureResource | undefined {
  return ofType(resources, RESOURCE_TYPES.virtualMachine).find(
    vm =>
      sameId(
        read(vm, 'properties.storageProfile.osDisk.managedDisk.id'),
        disk.id,
      ) ||
      records(readArray(vm, 'properties.storageProfile.dataDisks')).some(d =>
        sameId(field(d, 'managedDisk.id'), disk.id),
      ),
  );
}

/** The Site Recovery item replicating a VM (A2A: `providerSpecificDetails.fabricObjectId` is the VM id). */
export function replicationOf(
  vm: AzureResource,
  input: CheckInput,
): AzureResource | undefined {
  return ofType(input.resources, RESOURCE_TYPES.replicationProtectedItem).find(
    item =>
      sameId(
        read(item, 'properties.providerSpecificDetails.fabricObjectId'),
        vm.id,
      ),
  );
}

/** The Azure Backup item protecting a VM. */
function backupOf(
  vm: AzureResource,
  input: CheckInput,
): AzureResource | undefined {
  return ofType(input.resources, RESOURCE_TYPES.backupProtectedItem).find(
    item =>
      sameId(read(item, 'properties.sourceResourceId'), vm.id) ||
      sameId(read(item, 'properties.virtualMachineId'), vm.id),
  );
}

function assessReplicatedVm(
  vm: AzureResource,
  item: AzureResource,
  input: CheckInput,
  surviving: string,
): Assessment {
  const details = 'properties.providerSpecificDetails';
  const target = readString(item, `${details}.recoveryFabricLocation`);
  const rpoSeconds = read(item, `${details}.rpoInSeconds`);
  const calculatedAt = timestampMillis(
    read(item, `${details}.lastRpoCalculatedTime`),
  );
  const testedAt = timestampMillis(
    read(item, 'properties.lastSuccessfulTestFailoverTime'),
  );
  const now = input.now.getTime();
  // The RPO Site Recovery reports was measured at lastRpoCalculatedTime; the
  // latest recovery point has aged since.
  const pointAge =
    typeof rpoSeconds === 'number' && calculatedAt !== undefined
      ? rpoSeconds + Math.max(0, (now - calculatedAt) / 1000)
      : undefined;
  const rpo = objectiveSeconds(input.policy.rpo);
  const evidence: Record<string, unknown> = {
    replicatedItem: item.id,
    recoveryFabricLocation: target ?? null,
    replicationHealth: read(item, 'properties.replicationHealth') ?? null,
    protectionState: read(item, 'properties.protectionState') ?? null,
    rpoInSeconds: rpoSeconds ?? null,
    lastRpoCalculatedTime:
      read(item, `${details}.lastRpoCalculatedTime`) ?? null,
    recoveryPointAge:
      pointAge === undefined ? null : formatIsoDuration(pointAge),
    lastSuccessfulTestFailoverTime:
      read(item, 'properties.lastSuccessfulTestFailoverTime') ?? null,
    rpo: input.policy.rpo,
  };
  if (!target) {
    return {
      resource: vm,
      status: 'unknown',
      evidence,
      finding: `Where Site Recovery replicates ${vm.name} was not reported.`,
      remediation: `Read the replicated item of ${vm.name} with its full properties.`,
    };
  }
  if (normalizeRegion(target) !== surviving) {
    return {
      resource: vm,
      status: 'fail',
      impact: 'goes-down',
      evidence,
      finding: `Site Recovery replicates ${
        vm.name
      } to ${target}, not to ${displayName(surviving)}.`,
      remediation: `Replicate ${vm.name} to ${displayName(
        surviving,
      )} (Terraform azurerm_site_recovery_replicated_vm target_recovery_fabric_id and target_resource_group_id in ${displayName(
        surviving,
      )}).`,
    };
  }
  if (
    equalsIgnoreCase(read(item, 'properties.replicationHealth'), 'Critical')
  ) {
    return {
      resource: vm,
      status: 'fail',
      impact: 'goes-down',
      evidence,
      finding: `Site Recovery replication of ${vm.name} is Critical.`,
      remediation: `Resolve the replication errors of ${vm.name} in its Recovery Services vault.`,
    };
  }
  if (pointAge === undefined) {
    return {
      resource: vm,
      status: 'unknown',
      evidence,
      finding: `The age of the latest recovery point of ${vm.name} was not reported.`,
      remediation: `Read the replicated item of ${vm.name} with its full properties (rpoInSeconds, lastRpoCalculatedTime).`,
    };
  }
  if (rpo !== undefined && pointAge > rpo) {
    return {
      resource: vm,
      status: 'fail',
      evidence,
      finding: `The latest recovery point of ${vm.name} is ${formatIsoDuration(
        pointAge,
      )} old, beyond the RPO of ${input.policy.rpo}.`,
      remediation: `Find why replication of ${vm.name} lags (disk churn beyond the limits of Site Recovery, throttled cache storage) and bring it under ${input.policy.rpo}.`,
    };
  }
  if (
    testedAt === undefined ||
    (now - testedAt) / 86_400_000 > DRILL_WARN_AGE_DAYS
  ) {
    return {
      resource: vm,
      status: 'warn',
      evidence,
      finding: `No test failover of ${vm.name} succeeded in the last ${DRILL_WARN_AGE_DAYS} days.`,
      remediation: `Run a Site Recovery test failover of ${
        vm.name
      } into an isolated network in ${displayName(
        surviving,
      )} and check the application there.`,
    };
  }
  return { resource: vm, status: 'pass', evidence };
}

/**
 * Virtual machines in the lost region are replicated to the region that takes
 * over (Azure Site Recovery); scale sets run there as well. Replicated and
 * backup items are read below the Recovery Services vaults.
 */
export const virtualMachineRecoveryCheck: ReadinessCheckDefinition = {
  id: 'vm-site-recovery',
  title: 'Virtual machines recover in the secondary region',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [
    RESOURCE_TYPES.virtualMachine,
    RESOURCE_TYPES.virtualMachineScaleSet,
  ],
  mirrors: { aprl: ['cfe22a65', '1981f704', '17e877f7'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const vms = ofType(input.resources, RESOURCE_TYPES.virtualMachine).filter(
      vm => regionOf(vm) === lost,
    );
    const scaleSets = ofType(
      input.resources,
      RESOURCE_TYPES.virtualMachineScaleSet,
    ).filter(s => !isAksNodePool(s));
    const lostScaleSets = scaleSets.filter(s => regionOf(s) === lost);
    if (!surviving || vms.length + lostScaleSets.length === 0) {
      return undefined;
    }
    const vaults = ofType(
      input.resources,
      RESOURCE_TYPES.recoveryServicesVault,
    );
    const itemsRead =
      ofType(input.resources, RESOURCE_TYPES.replicationProtectedItem).length +
        ofType(input.resources, RESOURCE_TYPES.backupProtectedItem).length >
      0;
    const assessments: Assessment[] = vms.map((vm): Assessment => {
      const item = replicationOf(vm, input);
      if (item) {
        return assessReplicatedVm(vm, item, input, surviving);
      }
      const backup = backupOf(vm, input);
      const evidence: Record<string, unknown> = {
        replicatedItem: null,
        backupItem: backup?.id ?? null,
        lastRecoveryPoint: backup
          ? read(backup, 'properties.lastRecoveryPoint') ?? null
          : null,
        recoveryServicesVaults: vaults.map(v => v.name),
      };
      const replicate = `Replicate ${vm.name} to ${displayName(
        surviving,
      )} with Azure Site Recovery (Terraform azurerm_site_recovery_replicated_vm)`;
      if (backup) {
        return {
          resource: vm,
          status: strictTier(input.policy) ? 'fail' : 'warn',
          evidence,
          finding: `${vm.name} is only backed up, not replicated: it comes back by a restore from its vault, which takes hours.`,
          remediation: `${replicate}.`,
        };
      }
      if (vaults.length > 0 && !itemsRead) {
        return {
          resource: vm,
          status: 'unknown',
          evidence,
          finding: `The replicated and backup items of the Recovery Services vaults were not read, so whether ${vm.name} is protected is unknown.`,
          remediation: `Read the replicationProtectedItems and backupProtectedItems of ${vaults
            .map(v => v.name)
            .join(', ')}.`,
        };
      }
      return {
        resource: vm,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: `${
          vm.name
        } is neither replicated nor backed up: it is lost with ${displayName(
          lost,
        )}.`,
        remediation: `${replicate} and back it up (azurerm_backup_protected_vm).`,
      };
    });
    const survivingScaleSets = scaleSets.filter(s => regionOf(s) === surviving);
    for (const scaleSet of lostScaleSets) {
      const evidence = {
        scaleSetsIn: {
          [lost]: lostScaleSets.length,
          [surviving]: survivingScaleSets.length,
        },
      };
      assessments.push(
        survivingScaleSets.length > 0
          ? { resource: scaleSet, status: 'pass', evidence }
          : {
              resource: scaleSet,
              status: 'fail',
              impact: 'goes-down',
              evidence,
              finding: `No scale set of the service runs in ${displayName(
                surviving,
              )} to take over from ${scaleSet.name}.`,
              remediation: `Deploy a scale set like ${
                scaleSet.name
              } in ${displayName(
                surviving,
              )} (Terraform azurerm_orchestrated_virtual_machine_scale_set per region) behind the global router.`,
            },
      );
    }
    return result(
      {
        ...virtualMachineRecoveryCheck,
        title: `Virtual machines recover in ${displayName(surviving)}`,
      },
      assessments,
      `Every virtual machine in ${displayName(
        lost,
      )} is replicated to ${displayName(surviving)} within the RPO.`,
    );
  },
};

/** `virtualMachineRecoveryCheck.evaluate`, as a function. */
export const checkVirtualMachineRecovery: ReadinessCheck =
  virtualMachineRecoveryCheck.evaluate;

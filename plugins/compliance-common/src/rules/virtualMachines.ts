import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule, RuleContext, RuleOutcome } from './types';
import {
  asBoolean,
  asString,
  childTypeCollected,
  display,
  propertiesUnread,
  read,
  readPath,
  resourcesOfType,
  sameResourceId,
  sameText,
  unreadResource,
} from './values';

export const VIRTUAL_MACHINE = 'microsoft.compute/virtualmachines';
export const SCALE_SET = 'microsoft.compute/virtualmachinescalesets';
export const BACKUP_PROTECTED_ITEM =
  'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems';
export const REPLICATION_PROTECTED_ITEM =
  'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems';
export const RESOURCE_LINK = 'microsoft.resources/links';

/** A scale set keeps its VM settings under `virtualMachineProfile`. */
function vmProfile(resource: AzureResource): string {
  return resource.type === SCALE_SET
    ? 'properties.virtualMachineProfile'
    : 'properties';
}

export const vmHostEncryptionRule: ResourceRule = {
  id: 'vm.encryption-at-host',
  title: 'VM disks, caches and temp disks are encrypted end to end',
  resourceTypes: [VIRTUAL_MACHINE, SCALE_SET],
  // "Virtual machines and virtual machine scale sets should have encryption
  // at host enabled" is in neither initiative. Platform-managed SSE covers
  // the managed disks only; temp disks and host caches need encryption at
  // host, or customer-managed keys through a disk encryption set.
  mirrors: undefined,
  remediation:
    'Enable encryption at host (Terraform azurerm_linux_virtual_machine encryption_at_host_enabled = true), or put every managed disk in a disk encryption set (os_disk { disk_encryption_set_id = ... }).',
  evaluate: resource => {
    const base = vmProfile(resource);
    const property = `${base}.securityProfile.encryptionAtHost`;
    const expected =
      'encryptionAtHost true, or a diskEncryptionSet on every managed disk';
    const atHostValue = read(resource, property);
    const atHost = asBoolean(atHostValue);
    if (atHost === true) {
      return {
        status: 'pass',
        property,
        expected,
        actual: display(atHostValue),
        message: 'Disks, host caches and temp disks are encrypted on the host.',
      };
    }
    const osDisk = read(resource, `${base}.storageProfile.osDisk`);
    const dataDisks = read(resource, `${base}.storageProfile.dataDisks`);
    const disks = [
      ...(osDisk !== undefined ? [osDisk] : []),
      ...(Array.isArray(dataDisks) ? dataDisks : []),
    ];
    const withoutSet = disks.filter(
      d => !asString(readPath(d, 'managedDisk.diskEncryptionSet.id')),
    );
    if (disks.length > 0 && withoutSet.length === 0) {
      return {
        status: 'pass',
        property: `${base}.storageProfile.*.managedDisk.diskEncryptionSet.id`,
        expected,
        actual: 'every disk in a disk encryption set',
        message:
          'Every managed disk is encrypted with a customer-managed key through a disk encryption set.',
      };
    }
    if (atHost === false) {
      return {
        status: 'fail',
        property,
        expected,
        actual: display(atHostValue),
        message:
          'Encryption at host is off and not every disk uses a disk encryption set: temp disks and caches hold data unencrypted.',
      };
    }
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message:
        'Resource Manager did not report encryptionAtHost (it omits it unless set), and not every disk names a disk encryption set.',
    };
  },
};

/** Where an item's protected VM id is: backup items name it twice, ASR items in their provider details. */
function protects(item: AzureResource, vmId: string): boolean {
  return (
    sameResourceId(read(item, 'properties.sourceResourceId'), vmId) ||
    sameResourceId(read(item, 'properties.virtualMachineId'), vmId) ||
    sameResourceId(
      read(item, 'properties.providerSpecificDetails.fabricObjectId'),
      vmId,
    )
  );
}

function itemsFor(
  resource: AzureResource,
  context: RuleContext,
  type: string,
): AzureResource[] {
  return resourcesOfType(context, type).filter(i => protects(i, resource.id));
}

function absence(
  resource: AzureResource,
  context: RuleContext,
  types: readonly string[],
  property: string,
  expected: string,
  message: string,
): RuleOutcome {
  if (!types.some(t => childTypeCollected(context, t))) {
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message: `The inventory does not collect ${types.join(
        ' or ',
      )}; no evidence either way.`,
    };
  }
  if (propertiesUnread(resource)) {
    return unreadResource(resource, property, expected, types.join(' or '));
  }
  return { status: 'fail', property, expected, actual: 'none', message };
}

const STOPPED_STATES = [
  'ProtectionStopped',
  'ProtectionPaused',
  'ProtectionError',
];

export const vmBackupRule: ResourceRule = {
  id: 'vm.backup',
  title: 'Virtual machines are protected by Azure Backup',
  resourceTypes: [VIRTUAL_MACHINE],
  mirrors: {
    policyName: 'Azure Backup should be enabled for Virtual Machines',
    definitionId: '013e242c-8828-4970-87b3-ab247555486d',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-1620.09l1Organizational.8-09.l',
      'hipaa-1625.09l3Organizational.34-09.l',
      'hipaa-1699.09l1Organizational.10-09.l',
    ],
  },
  remediation:
    'Protect the VM with a Recovery Services vault backup policy (Terraform azurerm_backup_protected_vm).',
  evaluate: (resource, context) => {
    const property = 'backupProtectedItems.properties.sourceResourceId';
    const expected = 'a backup protected item for this VM';
    const items = itemsFor(resource, context, BACKUP_PROTECTED_ITEM);
    if (items.length === 0) {
      return absence(
        resource,
        context,
        [BACKUP_PROTECTED_ITEM],
        property,
        expected,
        'No Recovery Services vault backs up this VM.',
      );
    }
    const active = items.find(
      i =>
        !STOPPED_STATES.some(s =>
          sameText(read(i, 'properties.protectionState'), s),
        ),
    );
    const evidence = active ?? items[0];
    return {
      status: active ? 'pass' : 'fail',
      property: 'backupProtectedItems.properties.protectionState',
      expected,
      actual: display(read(evidence, 'properties.protectionState')),
      message: active
        ? 'A Recovery Services vault backs up the VM.'
        : 'Backup of the VM is stopped or failing: no new restore points are taken.',
      evidenceResourceId: evidence.id,
    };
  },
};

export const vmDisasterRecoveryRule: ResourceRule = {
  id: 'vm.disaster-recovery',
  title: 'Virtual machines replicate to a recovery region',
  resourceTypes: [VIRTUAL_MACHINE],
  mirrors: {
    policyName: 'Audit virtual machines without disaster recovery configured',
    definitionId: '0015ea4d-51ff-4ce3-8d8c-f3f8f0179a56',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-1634.12b1Organizational.1-12.b',
      'hipaa-1638.12b2Organizational.345-12.b',
    ],
  },
  remediation:
    'Replicate the VM with Azure Site Recovery to the paired region (Terraform azurerm_site_recovery_replicated_vm).',
  evaluate: (resource, context) => {
    const property =
      'replicationProtectedItems.properties.providerSpecificDetails.fabricObjectId';
    const expected =
      'an Azure Site Recovery replicated item (or its ASR-Protect link)';
    const items = itemsFor(resource, context, REPLICATION_PROTECTED_ITEM);
    if (items.length > 0) {
      return {
        status: 'pass',
        property,
        expected,
        actual: items[0].name,
        message: 'Site Recovery replicates the VM to a recovery region.',
        evidenceResourceId: items[0].id,
      };
    }
    // The built-in looks for the Microsoft.Resources/links that Site
    // Recovery creates on the VM, named ASR-Protect-<id>.
    const link = resourcesOfType(context, RESOURCE_LINK).find(
      l =>
        /^ASR-Protect-/i.test(l.name) &&
        (sameResourceId(read(l, 'properties.sourceId'), resource.id) ||
          l.id.toLowerCase().startsWith(`${resource.id.toLowerCase()}/`)),
    );
    if (link) {
      return {
        status: 'pass',
        property: 'Microsoft.Resources/links.name',
        expected,
        actual: link.name,
        message: 'Site Recovery replicates the VM to a recovery region.',
        evidenceResourceId: link.id,
      };
    }
    return absence(
      resource,
      context,
      [REPLICATION_PROTECTED_ITEM, RESOURCE_LINK],
      property,
      expected,
      'Site Recovery does not replicate this VM: a regional outage leaves only backups.',
    );
  },
};

export const virtualMachineRules: readonly ResourceRule[] = [
  vmHostEncryptionRule,
  vmBackupRule,
  vmDisasterRecoveryRule,
];

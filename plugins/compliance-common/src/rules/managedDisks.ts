import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule, RuleContext } from './types';
import {
  asBoolean,
  asString,
  display,
  read,
  readPath,
  resourcesOfType,
  sameResourceId,
  sameText,
} from './values';
import { VIRTUAL_MACHINE } from './virtualMachines';

export const MANAGED_DISK = 'microsoft.compute/disks';

export const diskPublicNetworkDisabledRule: ResourceRule = {
  id: 'disk.public-network-disabled',
  title: 'Managed disks cannot be exported over public networks',
  resourceTypes: [MANAGED_DISK],
  mirrors: {
    policyName: 'Managed disks should disable public network access',
    definitionId: '8405fdab-1faf-48aa-b702-999c9c172094',
    initiative: 'HITRUST CSF v11.3',
    hitrustControls: [
      'HITRUST_CSF_v11.3_01.c',
      'HITRUST_CSF_v11.3_01.m',
      'HITRUST_CSF_v11.3_01.n',
      'HITRUST_CSF_v11.3_01.o',
      'HITRUST_CSF_v11.3_09.ab',
      'HITRUST_CSF_v11.3_09.w',
    ],
  },
  remediation:
    'Deny export and upload from public networks (Terraform azurerm_managed_disk network_access_policy = "DenyAll", or "AllowPrivate" with disk_access_id, and public_network_access_enabled = false).',
  evaluate: resource => {
    const expected =
      'networkAccessPolicy DenyAll or AllowPrivate, or publicNetworkAccess Disabled';
    const policy = read(resource, 'properties.networkAccessPolicy');
    const access = read(resource, 'properties.publicNetworkAccess');
    if (sameText(policy, 'DenyAll') || sameText(policy, 'AllowPrivate')) {
      return {
        status: 'pass',
        property: 'properties.networkAccessPolicy',
        expected,
        actual: display(policy),
        message: sameText(policy, 'DenyAll')
          ? 'No SAS URI can be generated to export or upload the disk.'
          : 'The disk can be exported or uploaded through its disk access private endpoint only.',
      };
    }
    if (sameText(access, 'Disabled')) {
      return {
        status: 'pass',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(access),
        message:
          'The disk cannot be exported or uploaded from public networks.',
      };
    }
    if (typeof policy === 'string' && typeof access === 'string') {
      return {
        status: 'fail',
        property: 'properties.networkAccessPolicy',
        expected,
        actual: `networkAccessPolicy=${policy}, publicNetworkAccess=${access}`,
        message:
          'Anyone with Disk Export rights can get a SAS URI and download the disk, and the ePHI on it, from any network.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.networkAccessPolicy',
      expected,
      actual: display(policy ?? access),
      message:
        'Resource Manager did not report both networkAccessPolicy and publicNetworkAccess.',
    };
  },
};

/** The virtual machines whose OS or data disk is this managed disk. */
function attachedTo(
  disk: AzureResource,
  context: RuleContext,
): AzureResource[] {
  return resourcesOfType(context, VIRTUAL_MACHINE).filter(vm => {
    const os = read(vm, 'properties.storageProfile.osDisk.managedDisk.id');
    const data = read(vm, 'properties.storageProfile.dataDisks');
    return (
      sameResourceId(os, disk.id) ||
      (Array.isArray(data) &&
        data.some(d => sameResourceId(readPath(d, 'managedDisk.id'), disk.id)))
    );
  });
}

export const diskEncryptionRule: ResourceRule = {
  id: 'disk.encryption',
  title:
    'Managed disks use a customer-managed key or their VM encrypts at host',
  resourceTypes: [MANAGED_DISK],
  // "OS and data disks should be encrypted with a customer-managed key"
  // (702dd420-7fcc-42c5-afe8-4026edd20fe0) and "Virtual machines and virtual
  // machine scale sets should have encryption at host enabled"
  // (fc4d8e41-e223-45ea-9bf5-eada37891d87) are in neither initiative. As
  // vm.encryption-at-host: platform-managed SSE leaves the host cache and
  // temp disk of the VM unencrypted, and its keys are not the customer's to
  // revoke.
  mirrors: undefined,
  remediation:
    'Put the disk in a disk encryption set (Terraform azurerm_managed_disk disk_encryption_set_id = ...), or enable encryption at host on the VM it belongs to (azurerm_linux_virtual_machine encryption_at_host_enabled = true).',
  evaluate: (resource, context) => {
    const expected =
      'encryption.diskEncryptionSetId, or encryptionAtHost on the VM it is attached to';
    const encryptionSet = asString(
      read(resource, 'properties.encryption.diskEncryptionSetId'),
    );
    if (encryptionSet) {
      return {
        status: 'pass',
        property: 'properties.encryption.diskEncryptionSetId',
        expected,
        actual: encryptionSet,
        message:
          'The disk is encrypted with a customer-managed key through a disk encryption set.',
      };
    }
    const type = read(resource, 'properties.encryption.type');
    const vms = attachedTo(resource, context);
    if (vms.length > 0) {
      const atHost = vms.map(vm => ({
        vm,
        value: read(vm, 'properties.securityProfile.encryptionAtHost'),
      }));
      const off = atHost.find(v => asBoolean(v.value) !== true);
      if (!off) {
        return {
          status: 'pass',
          property:
            'virtualMachine.properties.securityProfile.encryptionAtHost',
          expected,
          actual: 'true',
          message: `${vms[0].name} encrypts the disk, its cache and its temp disk on the host.`,
          evidenceResourceId: vms[0].id,
        };
      }
      if (asBoolean(off.value) === false) {
        return {
          status: 'fail',
          property:
            'virtualMachine.properties.securityProfile.encryptionAtHost',
          expected,
          actual: `encryptionAtHost=false, encryption.type=${display(type)}`,
          message: `The disk has platform-managed keys only and ${off.vm.name} does not encrypt at host: its host cache holds ePHI unencrypted.`,
          evidenceResourceId: off.vm.id,
        };
      }
      return {
        status: 'unknown',
        property: 'virtualMachine.properties.securityProfile.encryptionAtHost',
        expected,
        actual: display(type),
        message: `The disk has no disk encryption set and ${off.vm.name} does not report encryptionAtHost (Resource Manager omits it unless set).`,
        evidenceResourceId: off.vm.id,
      };
    }
    if (typeof type !== 'string') {
      return {
        status: 'unknown',
        property: 'properties.encryption.type',
        expected,
        actual: null,
        message: 'Resource Manager did not report how the disk is encrypted.',
      };
    }
    if (sameText(read(resource, 'properties.diskState'), 'Unattached')) {
      return {
        status: 'fail',
        property: 'properties.encryption.type',
        expected,
        actual: type,
        message:
          'The unattached disk is encrypted with platform-managed keys only: no key of the organisation can be revoked to make the ePHI left on it unreadable.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.encryption.type',
      expected,
      actual: type,
      message:
        'The disk has platform-managed keys only and the VM it is attached to is not in the inventory, so whether it encrypts at host is unknown.',
    };
  },
};

export const managedDiskRules: readonly ResourceRule[] = [
  diskPublicNetworkDisabledRule,
  diskEncryptionRule,
];

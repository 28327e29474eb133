import {
  fromArm,
  withoutProperties,
  withProperties,
} from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  scaleSet,
  virtualMachine,
  vmBackupItem,
  vmReplicationItem,
} from '../__fixtures__/families';
import {
  BACKUP_PROTECTED_ITEM,
  vmBackupRule,
  vmDisasterRecoveryRule,
  vmHostEncryptionRule,
} from './virtualMachines';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

const vm = virtualMachine;
const atHostOff = withProperties(vm, {
  securityProfile: { encryptionAtHost: false, securityType: 'TrustedLaunch' },
});
const noSecurityProfile = withoutProperties(vm, 'securityProfile');
const profile = scaleSet.properties.virtualMachineProfile as Record<
  string,
  any
>;
const scaleSetWithoutSets = withProperties(scaleSet, {
  virtualMachineProfile: {
    ...profile,
    securityProfile: { encryptionAtHost: false },
    storageProfile: {
      osDisk: {
        createOption: 'FromImage',
        managedDisk: { storageAccountType: 'Premium_LRS' },
      },
    },
  },
});
const asrLink = fromArm({
  id: `${vm.id}/providers/Microsoft.Resources/links/ASR-Protect-vm-intake-item`,
  name: 'ASR-Protect-vm-intake-item',
  type: 'Microsoft.Resources/links',
  properties: { sourceId: vm.id, targetId: vmReplicationItem.id },
});

const cases: Case[] = [
  {
    name: 'encryption at host',
    rule: vmHostEncryptionRule,
    resource: vm,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'off, platform keys only',
    rule: vmHostEncryptionRule,
    resource: atHostOff,
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'not reported, platform keys only',
    rule: vmHostEncryptionRule,
    resource: noSecurityProfile,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'scale set disks in a disk encryption set',
    rule: vmHostEncryptionRule,
    resource: scaleSet,
    status: 'pass',
    actual: 'every disk in a disk encryption set',
  },
  {
    name: 'scale set, neither',
    rule: vmHostEncryptionRule,
    resource: scaleSetWithoutSets,
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'one data disk without a set',
    rule: vmHostEncryptionRule,
    resource: withProperties(noSecurityProfile, {
      storageProfile: {
        osDisk: { managedDisk: { diskEncryptionSet: { id: 'des' } } },
        dataDisks: [{ lun: 0, managedDisk: {} }],
      },
    }),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'protected',
    rule: vmBackupRule,
    resource: vm,
    inventory: [vmBackupItem],
    status: 'pass',
    actual: 'Protected',
  },
  {
    name: 'protection stopped',
    rule: vmBackupRule,
    resource: vm,
    inventory: [
      withProperties(vmBackupItem, { protectionState: 'ProtectionStopped' }),
    ],
    status: 'fail',
    actual: 'ProtectionStopped',
  },
  {
    name: 'item for another VM',
    rule: vmBackupRule,
    resource: vm,
    inventory: [
      withProperties(vmBackupItem, {
        sourceResourceId: `${vm.id}-2`,
        virtualMachineId: `${vm.id}-2`,
      }),
    ],
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'id casing differs',
    rule: vmBackupRule,
    resource: { ...vm, id: vm.id.toUpperCase() },
    inventory: [vmBackupItem],
    status: 'pass',
    actual: 'Protected',
  },
  {
    name: 'items not collected',
    rule: vmBackupRule,
    resource: vm,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },

  {
    name: 'ASR replicated item',
    rule: vmDisasterRecoveryRule,
    resource: vm,
    inventory: [vmReplicationItem],
    status: 'pass',
    actual: 'vm-intake-item',
  },
  {
    name: 'ASR-Protect link',
    rule: vmDisasterRecoveryRule,
    resource: vm,
    inventory: [asrLink],
    status: 'pass',
    actual: 'ASR-Protect-vm-intake-item',
  },
  {
    name: 'not replicated',
    rule: vmDisasterRecoveryRule,
    resource: vm,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'not collected',
    rule: vmDisasterRecoveryRule,
    resource: vm,
    context: { collectedChildTypes: new Set([BACKUP_PROTECTED_ITEM]) },
    status: 'unknown',
    actual: null,
  },
];

describe('Virtual machine rules', () => {
  itJudgesEachCase(cases);

  it('an unread VM is unknown, not unprotected', () => {
    const unread = {
      ...vm,
      properties: {},
      propertiesError: 'AuthorizationFailed',
    };
    expect(vmBackupRule.evaluate(unread, ruleContext([unread])).status).toBe(
      'unknown',
    );
  });

  it('backs up and replicates VMs only; scale sets are judged for encryption', () => {
    expect(vmBackupRule.resourceTypes).toEqual([
      'microsoft.compute/virtualmachines',
    ]);
    expect(vmHostEncryptionRule.resourceTypes).toContain(
      'microsoft.compute/virtualmachinescalesets',
    );
  });
});

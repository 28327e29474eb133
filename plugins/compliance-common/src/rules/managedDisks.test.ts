import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import { managedDisk, virtualMachine } from '../__fixtures__/families';
import {
  diskEncryptionRule,
  diskPublicNetworkDisabledRule,
} from './managedDisks';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const DES =
  '/subscriptions/20d7082a-0fc7-4468-82bd-542694d5042b/resourceGroups/phi-rg/providers/Microsoft.Compute/diskEncryptionSets/des-phi';

const vmWithoutHostEncryption = withProperties(virtualMachine, {
  securityProfile: { encryptionAtHost: false },
});
const vmNotReporting = withoutProperties(virtualMachine, 'securityProfile');
const dataDisk = {
  ...managedDisk,
  id: managedDisk.id.replace('vm-intake-os', 'vm-intake-data'),
  name: 'vm-intake-data',
};
const unattached = withProperties(managedDisk, { diskState: 'Unattached' });

const cases: RuleCase[] = [
  {
    name: 'DenyAll',
    rule: diskPublicNetworkDisabledRule,
    resource: managedDisk,
    status: 'pass',
    actual: 'DenyAll',
  },
  {
    name: 'AllowPrivate through a disk access',
    rule: diskPublicNetworkDisabledRule,
    resource: withProperties(managedDisk, {
      networkAccessPolicy: 'AllowPrivate',
      publicNetworkAccess: 'Enabled',
    }),
    status: 'pass',
    actual: 'AllowPrivate',
  },
  {
    name: 'AllowAll, public access disabled',
    rule: diskPublicNetworkDisabledRule,
    resource: withProperties(managedDisk, { networkAccessPolicy: 'AllowAll' }),
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'AllowAll, public access enabled',
    rule: diskPublicNetworkDisabledRule,
    resource: withProperties(managedDisk, {
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
    }),
    status: 'fail',
    actual: 'networkAccessPolicy=AllowAll, publicNetworkAccess=Enabled',
  },
  {
    name: 'AllowAll, public access not reported',
    rule: diskPublicNetworkDisabledRule,
    resource: withoutProperties(
      withProperties(managedDisk, { networkAccessPolicy: 'AllowAll' }),
      'publicNetworkAccess',
    ),
    status: 'unknown',
    actual: 'AllowAll',
  },
  {
    name: 'a disk encryption set',
    rule: diskEncryptionRule,
    resource: withProperties(managedDisk, {
      encryption: {
        type: 'EncryptionAtRestWithCustomerKey',
        diskEncryptionSetId: DES,
      },
    }),
    status: 'pass',
    actual: DES,
  },
  {
    name: 'OS disk of a VM that encrypts at host',
    rule: diskEncryptionRule,
    resource: managedDisk,
    inventory: [virtualMachine],
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'data disk of a VM that encrypts at host',
    rule: diskEncryptionRule,
    resource: dataDisk,
    inventory: [virtualMachine],
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'platform keys on a VM without encryption at host',
    rule: diskEncryptionRule,
    resource: managedDisk,
    inventory: [vmWithoutHostEncryption],
    status: 'fail',
    actual:
      'encryptionAtHost=false, encryption.type=EncryptionAtRestWithPlatformKey',
  },
  {
    name: 'platform keys on a VM that does not report encryptionAtHost',
    rule: diskEncryptionRule,
    resource: managedDisk,
    inventory: [vmNotReporting],
    status: 'unknown',
    actual: 'EncryptionAtRestWithPlatformKey',
  },
  {
    name: 'platform keys, unattached',
    rule: diskEncryptionRule,
    resource: unattached,
    status: 'fail',
    actual: 'EncryptionAtRestWithPlatformKey',
  },
  {
    name: 'platform keys, attached to a VM outside the inventory',
    rule: diskEncryptionRule,
    resource: managedDisk,
    status: 'unknown',
    actual: 'EncryptionAtRestWithPlatformKey',
  },
  {
    name: 'encryption not reported',
    rule: diskEncryptionRule,
    resource: withoutProperties(managedDisk, 'encryption'),
    status: 'unknown',
    actual: null,
  },
];

describe('managed disk rules', () => {
  itJudgesEachCase(cases);

  it('points at the VM whose host encryption it relied on', () => {
    const outcome = diskEncryptionRule.evaluate(
      managedDisk,
      ruleContext([managedDisk, virtualMachine]),
    );
    expect(outcome.evidenceResourceId).toBe(virtualMachine.id);
  });

  it('mirrors the HITRUST CSF v11.3 built-in for disk network access', () => {
    expect(diskPublicNetworkDisabledRule.mirrors).toEqual(
      expect.objectContaining({
        definitionId: '8405fdab-1faf-48aa-b702-999c9c172094',
        initiative: 'HITRUST CSF v11.3',
      }),
    );
    expect(diskEncryptionRule.mirrors).toBeUndefined();
  });
});

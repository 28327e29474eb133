import type { AzureResource } from '@vitals/azure-inventory-common';
import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { recoveryVault } from '../__fixtures__/families';
import {
  recoveryServicesRules,
  recoveryVaultImmutabilityRule,
  recoveryVaultPublicNetworkDisabledRule,
  recoveryVaultSoftDeleteRule,
} from './recoveryServices';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

function withSecurity(
  immutability: string | undefined,
  softDelete: string | undefined,
): AzureResource {
  return withProperties(recoveryVault, {
    securitySettings: {
      ...(immutability
        ? { immutabilitySettings: { state: immutability } }
        : {}),
      ...(softDelete
        ? {
            softDeleteSettings: {
              softDeleteState: softDelete,
              softDeleteRetentionPeriodInDays: 14,
            },
          }
        : {}),
    },
  });
}

const cases: RuleCase[] = [
  {
    name: 'always on',
    rule: recoveryVaultSoftDeleteRule,
    resource: recoveryVault,
    status: 'pass',
    actual: 'AlwaysON',
  },
  {
    name: 'enabled',
    rule: recoveryVaultSoftDeleteRule,
    resource: withSecurity('Locked', 'Enabled'),
    status: 'pass',
    actual: 'Enabled',
  },
  {
    name: 'disabled',
    rule: recoveryVaultSoftDeleteRule,
    resource: withSecurity('Locked', 'Disabled'),
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'not reported (older API versions keep it in backupconfig)',
    rule: recoveryVaultSoftDeleteRule,
    resource: withSecurity('Locked', undefined),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'locked',
    rule: recoveryVaultImmutabilityRule,
    resource: recoveryVault,
    status: 'pass',
    actual: 'Locked',
  },
  {
    name: 'unlocked, as the built-in accepts by default',
    rule: recoveryVaultImmutabilityRule,
    resource: withSecurity('Unlocked', 'Enabled'),
    status: 'pass',
    actual: 'Unlocked',
  },
  {
    name: 'disabled',
    rule: recoveryVaultImmutabilityRule,
    resource: withSecurity('Disabled', 'Enabled'),
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'not reported',
    rule: recoveryVaultImmutabilityRule,
    resource: withoutProperties(recoveryVault, 'securitySettings'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'public access disabled',
    rule: recoveryVaultPublicNetworkDisabledRule,
    resource: recoveryVault,
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'public access enabled',
    rule: recoveryVaultPublicNetworkDisabledRule,
    resource: withProperties(recoveryVault, { publicNetworkAccess: 'Enabled' }),
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'not reported',
    rule: recoveryVaultPublicNetworkDisabledRule,
    resource: withoutProperties(recoveryVault, 'publicNetworkAccess'),
    status: 'unknown',
    actual: null,
  },
];

describe('Recovery Services vault rules', () => {
  itJudgesEachCase(cases);

  it('mirrors no built-in of either initiative and names the Terraform argument', () => {
    for (const rule of recoveryServicesRules) {
      expect(rule.mirrors).toBeUndefined();
      expect(rule.remediation).toContain('azurerm_recovery_services_vault');
    }
  });
});

import type { ResourceRule } from './types';
import { display, judgeText, read, sameText } from './values';

export const RECOVERY_SERVICES_VAULT = 'microsoft.recoveryservices/vaults';

export const recoveryVaultSoftDeleteRule: ResourceRule = {
  id: 'recoveryvault.soft-delete',
  title: 'Recovery Services vaults keep deleted backups recoverable',
  resourceTypes: [RECOVERY_SERVICES_VAULT],
  // "[Preview]: Soft delete must be enabled for Recovery Services Vaults."
  // (31b8092a-36b8-434b-9af7-5ec844364148) is in neither initiative.
  mirrors: undefined,
  remediation:
    "Turn soft delete on (Terraform azurerm_recovery_services_vault soft_delete_enabled = true), then make it always-on in the vault's security settings so it cannot be turned off again.",
  evaluate: resource =>
    judgeText(
      resource,
      'properties.securitySettings.softDeleteSettings.softDeleteState',
      ['Enabled', 'AlwaysON'],
      {
        pass: 'Deleted backup data is kept for the soft-delete retention period and can be undeleted.',
        fail: 'Deleting a backup item or its recovery points destroys the copies at once: one compromised account can erase the backups of ePHI.',
      },
    ),
};

export const recoveryVaultImmutabilityRule: ResourceRule = {
  id: 'recoveryvault.immutability',
  title: 'Recovery Services vaults are immutable',
  resourceTypes: [RECOVERY_SERVICES_VAULT],
  // "[Preview]: Immutability must be enabled for Recovery Services vaults"
  // (d6f6f560-14b7-49a4-9fc8-d2c3a9807868) is in neither initiative. Like
  // its default, Unlocked passes: immutable, though an administrator may
  // still turn it off; Locked cannot be undone.
  mirrors: undefined,
  remediation:
    'Make the vault immutable, then lock it once its policies are settled (Terraform azurerm_recovery_services_vault immutability = "Unlocked", later "Locked").',
  evaluate: resource => {
    const property = 'properties.securitySettings.immutabilitySettings.state';
    const expected = 'Unlocked or Locked';
    const state = read(resource, property);
    if (typeof state !== 'string') {
      return {
        status: 'unknown',
        property,
        expected,
        actual: display(state),
        message: 'Resource Manager did not report the immutability state.',
      };
    }
    if (sameText(state, 'Locked') || sameText(state, 'Unlocked')) {
      return {
        status: 'pass',
        property,
        expected,
        actual: state,
        message: sameText(state, 'Locked')
          ? 'Recovery points cannot be deleted or their retention shortened before they expire, and the setting cannot be undone.'
          : 'Recovery points cannot be deleted or their retention shortened before they expire.',
      };
    }
    return {
      status: 'fail',
      property,
      expected,
      actual: state,
      message:
        'Anyone who may change backup policies can shorten retention or stop protection with data deletion: the backups of ePHI are not protected from alteration.',
    };
  },
};

export const recoveryVaultPublicNetworkDisabledRule: ResourceRule = {
  id: 'recoveryvault.public-network-disabled',
  title: 'Recovery Services vaults are reachable privately only',
  resourceTypes: [RECOVERY_SERVICES_VAULT],
  // "[Preview]: Azure Recovery Services vaults should disable public network
  // access" (9ebbbba3-4d65-4da9-bb67-b22cfaaff090) is in neither
  // initiative; the HITRUST CSF v11.3 private-link built-ins
  // (deeddb44-9f94-4903-9fa0-081d524406e3 for backup,
  // 11e3da8c-1d68-4392-badd-0ff3c43ab5b0 for Site Recovery) test private
  // endpoint connections, not public access.
  mirrors: undefined,
  remediation:
    'Disable public network access and reach the vault through private endpoints for backup and Site Recovery (Terraform azurerm_recovery_services_vault public_network_access_enabled = false, with azurerm_private_endpoint subresource_names = ["AzureBackup"] or ["AzureSiteRecovery"]).',
  evaluate: resource =>
    judgeText(resource, 'properties.publicNetworkAccess', ['Disabled'], {
      pass: 'The vault accepts no connections from public networks.',
      fail: 'Backup agents and clients reach the vault over public networks.',
    }),
};

export const recoveryServicesRules: readonly ResourceRule[] = [
  recoveryVaultSoftDeleteRule,
  recoveryVaultImmutabilityRule,
  recoveryVaultPublicNetworkDisabledRule,
];

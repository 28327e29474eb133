import type { ResourceRule } from './types';
import { asBoolean, display, read, sameText } from './values';

const VAULT = 'microsoft.keyvault/vaults';

export const keyVaultDeletionProtectionRule: ResourceRule = {
  id: 'keyvault.deletion-protection',
  title: 'Key vaults have soft delete and purge protection',
  resourceTypes: [VAULT],
  mirrors: {
    policyName: 'Key vaults should have deletion protection enabled',
    definitionId: '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1635.12b1Organizational.2-12.b'],
  },
  remediation:
    'Enable purge protection (irreversible; Terraform purge_protection_enabled = true; az keyvault update --enable-purge-protection true). Soft delete is on by default and cannot be turned off on current API versions.',
  evaluate: resource => {
    const expected =
      'enableSoftDelete not false and enablePurgeProtection true';
    const softDelete = asBoolean(read(resource, 'properties.enableSoftDelete'));
    const purgeValue = read(resource, 'properties.enablePurgeProtection');
    const purge = asBoolean(purgeValue);
    if (softDelete === false) {
      return {
        status: 'fail',
        property: 'properties.enableSoftDelete',
        expected,
        actual: 'false',
        message:
          'Deleted keys and secrets are gone at once; ePHI encrypted with them becomes unrecoverable.',
      };
    }
    if (purge === undefined) {
      return {
        status: 'unknown',
        property: 'properties.enablePurgeProtection',
        expected,
        actual: display(purgeValue),
        message:
          'Resource Manager did not report enablePurgeProtection; Azure omits it while purge protection is off, and Azure Policy counts that as non-compliant.',
      };
    }
    return {
      status: purge ? 'pass' : 'fail',
      property: 'properties.enablePurgeProtection',
      expected,
      actual: String(purge),
      message: purge
        ? 'Deleted vault objects are retained and cannot be purged before the retention period ends.'
        : 'Soft-deleted keys can be purged at once, destroying the ability to decrypt ePHI.',
    };
  },
};

export const keyVaultPrivateAccessRule: ResourceRule = {
  id: 'keyvault.private-access',
  title: 'Key vaults are not open to all networks',
  resourceTypes: [VAULT],
  // "Key Vault should use a virtual network service endpoint" in the
  // initiative tests a specific subnet rule, and "Azure Key Vault should
  // disable public network access" is in neither initiative: no mirror.
  mirrors: undefined,
  remediation:
    'Set publicNetworkAccess to Disabled and use a private endpoint, or set networkAcls.defaultAction to Deny with explicit virtual network rules.',
  evaluate: resource => {
    const expected =
      'publicNetworkAccess Disabled, or networkAcls.defaultAction Deny';
    const publicAccess = read(resource, 'properties.publicNetworkAccess');
    const defaultAction = read(
      resource,
      'properties.networkAcls.defaultAction',
    );
    if (sameText(publicAccess, 'Disabled')) {
      return {
        status: 'pass',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(publicAccess),
        message: 'The vault is reachable through private endpoints only.',
      };
    }
    if (sameText(defaultAction, 'Deny')) {
      return {
        status: 'pass',
        property: 'properties.networkAcls.defaultAction',
        expected,
        actual: display(defaultAction),
        message:
          'The vault firewall denies networks that are not explicitly allowed.',
      };
    }
    if (sameText(defaultAction, 'Allow')) {
      return {
        status: 'fail',
        property: 'properties.networkAcls.defaultAction',
        expected,
        actual: display(defaultAction),
        message: 'The vault accepts requests from any network.',
      };
    }
    // A vault without networkAcls has no firewall: with public access enabled
    // it is open to every network.
    if (sameText(publicAccess, 'Enabled') && defaultAction === undefined) {
      return {
        status: 'fail',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(publicAccess),
        message:
          'Public network access is enabled and no firewall rules restrict it.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.publicNetworkAccess',
      expected,
      actual: display(publicAccess ?? defaultAction),
      message:
        publicAccess === undefined && defaultAction === undefined
          ? 'Resource Manager reported neither publicNetworkAccess nor networkAcls.'
          : 'Unrecognised network access settings.',
    };
  },
};

export const keyVaultRules: readonly ResourceRule[] = [
  keyVaultDeletionProtectionRule,
  keyVaultPrivateAccessRule,
];

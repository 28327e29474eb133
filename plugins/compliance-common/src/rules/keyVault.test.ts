import type { AzureResource } from '@vitals/azure-inventory-common';
import { withProperties } from '../__fixtures__/arm';
import { keyVault } from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  keyVaultDeletionProtectionRule,
  keyVaultPrivateAccessRule,
} from './keyVault';
import type { ResourceRule } from './types';

const cases: Array<{
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
  property: string;
}> = [
  {
    name: 'getVault: purge protection not reported',
    rule: keyVaultDeletionProtectionRule,
    resource: keyVault,
    status: 'unknown',
    actual: null,
    property: 'properties.enablePurgeProtection',
  },
  {
    name: 'soft delete and purge protection',
    rule: keyVaultDeletionProtectionRule,
    resource: withProperties(keyVault, {
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
    }),
    status: 'pass',
    actual: 'true',
    property: 'properties.enablePurgeProtection',
  },
  {
    name: 'purge protection on, soft delete not reported',
    rule: keyVaultDeletionProtectionRule,
    resource: withProperties(keyVault, { EnablePurgeProtection: 'true' }),
    status: 'pass',
    actual: 'true',
    property: 'properties.enablePurgeProtection',
  },
  {
    name: 'purge protection off',
    rule: keyVaultDeletionProtectionRule,
    resource: withProperties(keyVault, {
      enableSoftDelete: true,
      enablePurgeProtection: false,
    }),
    status: 'fail',
    actual: 'false',
    property: 'properties.enablePurgeProtection',
  },
  {
    name: 'soft delete off (legacy vault)',
    rule: keyVaultDeletionProtectionRule,
    resource: withProperties(keyVault, { enableSoftDelete: false }),
    status: 'fail',
    actual: 'false',
    property: 'properties.enableSoftDelete',
  },

  {
    name: 'getVault: public, no firewall',
    rule: keyVaultPrivateAccessRule,
    resource: keyVault,
    status: 'fail',
    actual: 'Enabled',
    property: 'properties.publicNetworkAccess',
  },
  {
    name: 'public network access disabled',
    rule: keyVaultPrivateAccessRule,
    resource: withProperties(keyVault, { publicNetworkAccess: 'Disabled' }),
    status: 'pass',
    actual: 'Disabled',
    property: 'properties.publicNetworkAccess',
  },
  {
    name: 'firewall denies by default (odd casing)',
    rule: keyVaultPrivateAccessRule,
    resource: withProperties(keyVault, {
      NetworkAcls: {
        Bypass: 'AzureServices',
        DefaultAction: 'DENY',
        ipRules: [],
        virtualNetworkRules: [],
      },
    }),
    status: 'pass',
    actual: 'DENY',
    property: 'properties.networkAcls.defaultAction',
  },
  {
    name: 'firewall allows all',
    rule: keyVaultPrivateAccessRule,
    resource: withProperties(keyVault, {
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' },
    }),
    status: 'fail',
    actual: 'Allow',
    property: 'properties.networkAcls.defaultAction',
  },
  {
    name: 'nothing reported',
    rule: keyVaultPrivateAccessRule,
    resource: {
      ...keyVault,
      properties: { vaultUri: 'https://sample-vault.vault.azure.net' },
    },
    status: 'unknown',
    actual: null,
    property: 'properties.publicNetworkAccess',
  },
];

describe('Key Vault rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, status, actual, property }) => {
      const outcome = rule.evaluate(resource, ruleContext([resource]));
      expect(outcome).toEqual(
        expect.objectContaining({ status, actual, property }),
      );
    },
  );

  it('mirrors "Key vaults should have deletion protection enabled"', () => {
    expect(keyVaultDeletionProtectionRule.mirrors).toEqual({
      policyName: 'Key vaults should have deletion protection enabled',
      definitionId: '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53',
      initiative: 'HIPAA HITRUST',
      hitrustControls: ['hipaa-1635.12b1Organizational.2-12.b'],
    });
    expect(keyVaultPrivateAccessRule.mirrors).toBeUndefined();
  });
});

import { checkKeyVaultRecovery } from './keyVault';
import { arm } from '../__fixtures__/arm';
import { RG, input, run } from '../__fixtures__/checkInput';

describe('checkKeyVaultRecovery', () => {
  function vault(properties: Record<string, unknown>) {
    return arm({
      id: `${RG}/providers/Microsoft.KeyVault/vaults/kv-1`,
      type: 'Microsoft.KeyVault/vaults',
      location: 'eastus2',
      properties,
    });
  }

  it.each([
    [
      'soft delete and purge protection',
      {
        enableSoftDelete: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
      },
      'pass',
    ],
    [
      'purge protection omitted (off)',
      { enableSoftDelete: true, softDeleteRetentionInDays: 90 },
      'fail',
    ],
    [
      'purge protection false',
      { enableSoftDelete: true, enablePurgeProtection: false },
      'fail',
    ],
    ['soft delete off', { enableSoftDelete: false }, 'fail'],
    [
      'soft delete not reported',
      { tenantId: 't', enablePurgeProtection: true },
      'unknown',
    ],
    ['no properties', {}, 'unknown'],
  ])('%s → %s', (_, properties, status) => {
    const result = run(checkKeyVaultRecovery, input([vault(properties)]));
    expect(result.status).toBe(status);
    expect(result.blocking).toBe(status === 'fail');
  });

  it('records the properties as seen', () => {
    const result = run(
      checkKeyVaultRecovery,
      input([vault({ enableSoftDelete: true })]),
    );
    expect(result.summary).toBe(
      'Key vault kv-1 has purge protection off: a deleted vault can be purged before anyone restores it.',
    );
    expect(Object.values(result.evidence)[0]).toEqual({
      'properties.enableSoftDelete': true,
      'properties.enablePurgeProtection': null,
      'properties.softDeleteRetentionInDays': null,
    });
  });
});

import { checkStorageReplication } from './storage';
import { RG, input, run, storage } from '../__fixtures__/checkInput';
import {
  claimsApiPolicy,
  claimsApiResources,
  labResultsPolicy,
  labResultsResources,
} from '../__fixtures__/services';

describe('checkStorageReplication', () => {
  const live = { status: 'Live', lastSyncTime: '2025-06-02T11:59:00Z' };
  it.each([
    [
      'RA-GZRS to the pair',
      'Standard_RAGZRS',
      { secondaryLocation: 'centralus', geoReplicationStats: live },
      'pass',
      'Every storage account in East US 2 geo-replicates to Central US.',
    ],
    [
      'GRS to the pair',
      'Standard_GRS',
      { secondaryLocation: 'centralus' },
      'pass',
      'Every storage account',
    ],
    [
      'lower-case SKU, display-name location',
      'standard_ragrs',
      { secondaryLocation: 'Central US' },
      'pass',
      'Every storage account',
    ],
    [
      'property names in odd casing',
      'Standard_GZRS',
      { SecondaryLocation: 'centralus', StatusOfSecondary: 'available' },
      'pass',
      'Every storage account',
    ],
    [
      'LRS',
      'Standard_LRS',
      {},
      'fail',
      'st1 is Standard_LRS: every copy stays in East US 2.',
    ],
    [
      'ZRS',
      'Standard_ZRS',
      {},
      'fail',
      'st1 is Standard_ZRS: every copy stays in East US 2.',
    ],
    ['premium LRS', 'Premium_LRS', {}, 'fail', 'st1 is Premium_LRS'],
    [
      'GRS with an unavailable secondary',
      'Standard_GRS',
      { secondaryLocation: 'centralus', statusOfSecondary: 'unavailable' },
      'fail',
      'The secondary of st1 in centralus is unavailable.',
    ],
    [
      'GRS without secondaryLocation',
      'Standard_GRS',
      {},
      'unknown',
      'st1 is Standard_GRS but its secondaryLocation was not reported.',
    ],
    ['no SKU read', undefined, {}, 'unknown', 'The SKU of st1 was not read'],
  ])('%s → %s', (_, sku, properties, status, summary) => {
    const result = run(
      checkStorageReplication,
      input([storage('st1', sku, properties)]),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(result.category).toBe('data-protection');
    expect(result.blocking).toBe(status === 'fail');
    expect(result.resources).toEqual([
      `${RG}/providers/Microsoft.Storage/storageAccounts/st1`,
    ]);
  });

  it('records the exact values seen', () => {
    const result = run(
      checkStorageReplication,
      input([
        storage('st1', 'Standard_RAGZRS', {
          primaryLocation: 'eastus2',
          secondaryLocation: 'centralus',
          geoReplicationStats: live,
        }),
      ]),
    );
    expect(
      result.evidence[`${RG}/providers/Microsoft.Storage/storageAccounts/st1`],
    ).toEqual({
      'sku.name': 'Standard_RAGZRS',
      kind: 'StorageV2',
      'properties.primaryLocation': 'eastus2',
      'properties.secondaryLocation': 'centralus',
      'properties.statusOfSecondary': null,
      'properties.geoReplicationStats.status': 'Live',
      'properties.geoReplicationStats.lastSyncTime': '2025-06-02T11:59:00Z',
    });
  });

  it('fails a custom secondary: GRS replicates only to the pair', () => {
    const result = run(
      checkStorageReplication,
      input(claimsApiResources, claimsApiPolicy),
    );
    expect(result.status).toBe('fail');
    expect(result.title).toBe('Storage replicates to West US 2');
    expect(result.summary).toBe(
      'stclaimseus2 replicates to centralus, not to the declared secondary West US 2.',
    );
    expect(result.remediation).toBe(
      'Geo-redundant storage replicates only to the Azure pair (centralus); West US 2 gets no copy of stclaimseus2. Add another copy in West US 2: an object-replication policy to a storage account there, or an application-level copy (AzCopy, Data Factory).',
    );
  });

  it('suggests GZRS for a local SKU when the secondary is the pair, object replication otherwise', () => {
    const paired = run(
      checkStorageReplication,
      input([storage('st1', 'Standard_LRS', {})]),
    );
    expect(paired.remediation).toBe(
      'Convert st1 to Standard_GZRS or Standard_RAGZRS (geo-redundant to Central US).',
    );
    const custom = run(
      checkStorageReplication,
      input([storage('st1', 'Standard_LRS', {})], {
        secondaryRegion: 'westus2',
      }),
    );
    expect(custom.remediation).toContain(
      'Geo-redundant storage would replicate to Central US, not West US 2',
    );
  });

  it('reports the worst account', () => {
    const result = run(
      checkStorageReplication,
      input([
        storage('good', 'Standard_GZRS', { secondaryLocation: 'centralus' }),
        storage('unread', 'Standard_GRS', {}),
        storage('local', 'Standard_LRS', {}),
      ]),
    );
    expect(result.status).toBe('fail');
    expect(result.resources).toHaveLength(3);
    expect(result.summary).toBe(
      'unread is Standard_GRS but its secondaryLocation was not reported. local is Standard_LRS: every copy stays in East US 2.',
    );
  });

  it('judges accounts by where they are primary, for each role', () => {
    const inCentral = storage(
      'stcus',
      'Standard_GRS',
      { primaryLocation: 'centralus', secondaryLocation: 'eastus2' },
      'centralus',
    );
    expect(checkStorageReplication(input([inCentral]))).toBeUndefined();
    expect(
      run(
        checkStorageReplication,
        input([inCentral], {}, { role: 'secondary' }),
      ).status,
    ).toBe('pass');
    // After a failover the account is primary in the old secondary region.
    const failedOver = storage(
      'stfo',
      'Standard_LRS',
      { primaryLocation: 'centralus' },
      'eastus2',
    );
    expect(checkStorageReplication(input([failedOver]))).toBeUndefined();
    expect(
      run(
        checkStorageReplication,
        input([failedOver], {}, { role: 'secondary' }),
      ).status,
    ).toBe('fail');
  });

  it('does not apply without a secondary or without storage', () => {
    expect(
      checkStorageReplication(input(labResultsResources, labResultsPolicy)),
    ).toBeUndefined();
    expect(checkStorageReplication(input([]))).toBeUndefined();
  });
});

import {
  isChildOf,
  normalizeRegion,
  parseResourceId,
  readProperty,
  isGeoRedundantStorageSku,
} from './model';

describe('normalizeRegion', () => {
  it.each([
    ['East US 2', 'eastus2'],
    ['East US2', 'eastus2'],
    ['eastus2', 'eastus2'],
    ['West Europe', 'westeurope'],
    ['global', 'global'],
    ['', ''],
    [undefined, ''],
    [null, ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizeRegion(input as any)).toBe(expected);
  });
});

describe('parseResourceId', () => {
  it.each([
    [
      '/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Sql/servers/sql-1/databases/patients',
      {
        subscriptionId: 's1',
        resourceGroup: 'rg-a',
        type: 'microsoft.sql/servers/databases',
        name: 'patients',
      },
    ],
    [
      '/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/st1',
      {
        subscriptionId: 's1',
        resourceGroup: 'rg-a',
        type: 'microsoft.storage/storageaccounts',
        name: 'st1',
      },
    ],
    [
      '/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.KeyVault/vaults/kv1/providers/Microsoft.Insights/diagnosticSettings/to-law',
      {
        subscriptionId: 's1',
        resourceGroup: 'rg-a',
        type: 'microsoft.insights/diagnosticsettings',
        name: 'to-law',
      },
    ],
    [
      '//subscriptions/s1/resourcegroups/RG/providers/Microsoft.Web/sites/app',
      {
        subscriptionId: 's1',
        resourceGroup: 'RG',
        type: 'microsoft.web/sites',
        name: 'app',
      },
    ],
  ])('parses %s', (id, expected) => {
    expect(parseResourceId(id)).toEqual(expected);
  });

  it.each([
    '',
    'not-an-id',
    '/subscriptions/s1',
    '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites',
  ])('rejects %p', id => {
    expect(parseResourceId(id)).toBeUndefined();
  });
});

describe('isChildOf and readProperty', () => {
  it('compares ids without regard to case', () => {
    expect(
      isChildOf(
        '/subscriptions/S/resourceGroups/RG/providers/Microsoft.Sql/servers/A/databases/db',
        '/subscriptions/s/resourcegroups/rg/providers/microsoft.sql/servers/a/',
      ),
    ).toBe(true);
    expect(
      isChildOf(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/ab',
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/a',
      ),
    ).toBe(false);
  });

  it('reads nested properties with odd casing, and misses as undefined', () => {
    const resource = {
      properties: {
        MinimumTlsVersion: 'TLS1_2',
        networkAcls: { defaultAction: 'Deny' },
      },
    };
    expect(readProperty(resource, 'properties.minimumTlsVersion')).toBe(
      'TLS1_2',
    );
    expect(readProperty(resource, 'properties.NetworkAcls.DefaultAction')).toBe(
      'Deny',
    );
    expect(
      readProperty(resource, 'properties.encryption.services'),
    ).toBeUndefined();
  });
});

describe('isGeoRedundantStorageSku', () => {
  it.each([
    ['Standard_GRS', true],
    ['Standard_RAGRS', true],
    ['Standard_GZRS', true],
    ['standard_ragzrs', true],
    ['Standard_LRS', false],
    ['Standard_ZRS', false],
    ['Premium_LRS', false],
    [undefined, false],
  ])('%s: %s', (sku, expected) => {
    expect(isGeoRedundantStorageSku(sku)).toBe(expected);
  });
});

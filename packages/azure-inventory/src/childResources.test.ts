import {
  CHILD_COLLECTIONS,
  ChildCollection,
  childCollectionsFor,
  collectedChildTypes,
  collectionItemType,
} from './childResources';
import { AzureResource } from '@vitals/azure-inventory-common';

function resource(
  type: string,
  name: string,
  extra: Partial<AzureResource> = {},
): AzureResource {
  return {
    id: `/subscriptions/s/resourceGroups/rg/providers/${type}/${name}`,
    name,
    type,
    location: 'eastus2',
    subscriptionId: 's',
    resourceGroup: 'rg',
    tags: {},
    properties: {},
    ...extra,
  };
}

describe('childCollectionsFor', () => {
  it.each([
    [
      'a SQL server, unfiltered listing',
      resource('microsoft.sql/servers', 'sql1'),
      false,
      ['failoverGroups', 'auditingSettings'],
    ],
    [
      'a SQL server, tag-filtered listing',
      resource('microsoft.sql/servers', 'sql1'),
      true,
      ['databases', 'failoverGroups', 'auditingSettings'],
    ],
    [
      'a user database',
      resource('microsoft.sql/servers/databases', 'patients', {
        kind: 'v12.0,user,vcore',
      }),
      false,
      [
        'transparentDataEncryption',
        'backupLongTermRetentionPolicies',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'the master database',
      resource('microsoft.sql/servers/databases', 'master', {
        kind: 'v12.0,system',
      }),
      true,
      [],
    ],
    [
      'a web app',
      resource('microsoft.web/sites', 'app'),
      false,
      ['config/web', 'providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Front Door profile, unfiltered',
      resource('microsoft.cdn/profiles', 'afd', {
        sku: { name: 'Premium_AzureFrontDoor' },
      }),
      false,
      [
        'originGroups',
        'customDomains',
        'securityPolicies',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Front Door profile, tag-filtered listing',
      resource('microsoft.cdn/profiles', 'afd', {
        sku: { name: 'Standard_AzureFrontDoor' },
      }),
      true,
      [
        'afdEndpoints',
        'originGroups',
        'customDomains',
        'securityPolicies',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a CDN profile whose SKU was not read: treated as Front Door',
      resource('microsoft.cdn/profiles', 'afd'),
      false,
      [
        'originGroups',
        'customDomains',
        'securityPolicies',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a classic CDN profile (Microsoft), tag-filtered listing',
      resource('microsoft.cdn/profiles', 'cdn', {
        sku: { name: 'Standard_Microsoft' },
      }),
      true,
      [],
    ],
    [
      'a classic CDN profile (Verizon)',
      resource('microsoft.cdn/profiles', 'cdn', {
        sku: { name: 'Premium_Verizon' },
      }),
      false,
      [],
    ],
    [
      'a Front Door endpoint',
      resource('microsoft.cdn/profiles/afdendpoints', 'ep'),
      false,
      ['routes'],
    ],
    [
      'an origin group',
      resource('microsoft.cdn/profiles/origingroups', 'og'),
      false,
      ['origins'],
    ],
    // Storage logs are configured per service: the account's own
    // diagnostic settings (metrics only) are never read.
    [
      'a storage account',
      resource('microsoft.storage/storageaccounts', 'st'),
      false,
      ['blobServices/default/providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Data Lake account: no object replication',
      resource('microsoft.storage/storageaccounts', 'lake', {
        kind: 'StorageV2',
        properties: { isHnsEnabled: true },
      }),
      false,
      ['blobServices/default/providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a general-purpose v2 account',
      resource('microsoft.storage/storageaccounts', 'docs', {
        kind: 'StorageV2',
        sku: { name: 'Standard_RAGRS', tier: 'Standard' },
      }),
      false,
      [
        'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
        'objectReplicationPolicies',
      ],
    ],
    [
      'a premium general-purpose v2 account: page blobs only, no object replication',
      resource('microsoft.storage/storageaccounts', 'disks', {
        kind: 'StorageV2',
        sku: { name: 'Premium_LRS', tier: 'Premium' },
      }),
      false,
      ['blobServices/default/providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a premium block blob account',
      resource('microsoft.storage/storageaccounts', 'blocks', {
        kind: 'BlockBlobStorage',
        sku: { name: 'Premium_ZRS', tier: 'Premium' },
      }),
      false,
      [
        'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
        'objectReplicationPolicies',
      ],
    ],
    [
      'a SQL managed instance, unfiltered listing',
      resource('microsoft.sql/managedinstances', 'mi'),
      false,
      [
        'encryptionProtector',
        'azureADOnlyAuthentications',
        'vulnerabilityAssessments',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a SQL managed instance whose administrators do not say whether Entra-only',
      resource('microsoft.sql/managedinstances', 'mi', {
        properties: {
          administrators: {
            administratorType: 'ActiveDirectory',
            azureADOnlyAuthentication: null,
          },
        },
      }),
      false,
      [
        'encryptionProtector',
        'azureADOnlyAuthentications',
        'vulnerabilityAssessments',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a SQL managed instance whose administrators say azureADOnlyAuthentication: true',
      resource('microsoft.sql/managedinstances', 'mi', {
        properties: {
          administrators: {
            administratorType: 'ActiveDirectory',
            azureADOnlyAuthentication: true,
          },
        },
      }),
      false,
      [
        'encryptionProtector',
        'vulnerabilityAssessments',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a SQL managed instance whose administrators say azureADOnlyAuthentication: false',
      resource('microsoft.sql/managedinstances', 'mi', {
        properties: {
          administrators: {
            administratorType: 'ActiveDirectory',
            azureADOnlyAuthentication: false,
          },
        },
      }),
      false,
      [
        'encryptionProtector',
        'vulnerabilityAssessments',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a managed instance database',
      resource('microsoft.sql/managedinstances/databases', 'intake'),
      false,
      ['backupLongTermRetentionPolicies'],
    ],
    [
      'a Basic Event Hubs namespace',
      resource('microsoft.eventhub/namespaces', 'evh', {
        sku: { name: 'Basic', tier: 'Basic' },
      }),
      false,
      ['providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Standard Event Hubs namespace',
      resource('microsoft.eventhub/namespaces', 'evh', {
        sku: { name: 'Standard', tier: 'Standard' },
      }),
      false,
      [
        'disasterRecoveryConfigs',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Standard Service Bus namespace',
      resource('microsoft.servicebus/namespaces', 'sb', {
        sku: { name: 'Standard', tier: 'Standard' },
      }),
      false,
      ['providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Premium Service Bus namespace',
      resource('microsoft.servicebus/namespaces', 'sb', {
        sku: { name: 'Premium', tier: 'Premium' },
      }),
      false,
      [
        'disasterRecoveryConfigs',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Standard Redis cache: no rule reads its diagnostic settings',
      resource('microsoft.cache/redis', 'redis', {
        sku: { name: 'Standard', family: 'C', capacity: 1 },
      }),
      false,
      [],
    ],
    [
      'a Premium Redis cache',
      resource('microsoft.cache/redis', 'redis', {
        sku: { name: 'Premium', family: 'P', capacity: 1 },
      }),
      false,
      ['linkedServers'],
    ],
    [
      'a Recovery Services vault',
      resource('microsoft.recoveryservices/vaults', 'rsv'),
      false,
      ['backupProtectedItems', 'replicationProtectedItems'],
    ],
    [
      'a PostgreSQL flexible server: no rule reads its diagnostic settings',
      resource('microsoft.dbforpostgresql/flexibleservers', 'pg'),
      true,
      [],
    ],
    [
      'a virtual machine: properties only',
      resource('microsoft.compute/virtualmachines', 'vm'),
      true,
      [],
    ],
    [
      'a type without children',
      resource('microsoft.network/virtualnetworks', 'vnet'),
      true,
      [],
    ],
  ])('%s', (_name, parent, includeTracked, expected) => {
    expect(
      childCollectionsFor(parent, CHILD_COLLECTIONS, { includeTracked }).map(
        c => c.path,
      ),
    ).toEqual(expected);
  });

  it('reads SQL managed instance databases as children only after a tag-filtered listing', () => {
    expect(
      childCollectionsFor(
        resource('microsoft.sql/managedinstances', 'mi'),
        CHILD_COLLECTIONS,
        { includeTracked: true },
      ).map(c => c.path)[0],
    ).toBe('databases');
  });

  it('keys the table by lower-cased type, as the model stores types', () => {
    for (const type of Object.keys(CHILD_COLLECTIONS)) {
      expect(type).toBe(type.toLocaleLowerCase('en-US'));
    }
  });
});

describe('the storage account diagnostic settings', () => {
  const STORAGE = 'microsoft.storage/storageaccounts';
  const ACCOUNT_SETTINGS = 'providers/Microsoft.Insights/diagnosticSettings';
  const BLOB_SETTINGS =
    'blobServices/default/providers/Microsoft.Insights/diagnosticSettings';

  it.each([
    ['no kind or SKU read', {}],
    ['StorageV2', { kind: 'StorageV2' }],
    [
      'StorageV2 with a hierarchical namespace',
      { kind: 'StorageV2', properties: { isHnsEnabled: true } },
    ],
    [
      'premium StorageV2',
      { kind: 'StorageV2', sku: { name: 'Premium_LRS', tier: 'Premium' } },
    ],
    [
      'BlockBlobStorage',
      {
        kind: 'BlockBlobStorage',
        sku: { name: 'Premium_ZRS', tier: 'Premium' },
      },
    ],
    ['FileStorage', { kind: 'FileStorage' }],
    ['BlobStorage', { kind: 'BlobStorage' }],
    ['classic Storage', { kind: 'Storage' }],
  ] as [string, Partial<AzureResource>][])(
    'reads the blob service settings of a %s account, never the account-level ones',
    (_name, extra) => {
      for (const includeTracked of [false, true]) {
        const paths = childCollectionsFor(
          resource(STORAGE, 'st', extra),
          CHILD_COLLECTIONS,
          { includeTracked },
        ).map(c => c.path);
        expect(paths).toContain(BLOB_SETTINGS);
        expect(paths).not.toContain(ACCOUNT_SETTINGS);
      }
    },
  );

  it('lists no account-level collection of diagnostic settings for storage accounts', () => {
    expect(
      CHILD_COLLECTIONS[STORAGE].filter(c =>
        c.path.toLowerCase().startsWith('providers/'),
      ),
    ).toEqual([]);
  });
});

describe('collectionItemType', () => {
  const collection = (
    parentType: string,
    path: string,
  ): [string, ChildCollection] => {
    const found = CHILD_COLLECTIONS[parentType].find(c => c.path === path);
    if (!found) {
      throw new Error(`${parentType} has no ${path} collection`);
    }
    return [parentType, found];
  };

  it.each([
    [
      'a vault-wide list, from its itemType',
      collection('microsoft.recoveryservices/vaults', 'backupProtectedItems'),
      'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
    ],
    [
      'the Site Recovery vault-wide list',
      collection(
        'microsoft.recoveryservices/vaults',
        'replicationProtectedItems',
      ),
      'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems',
    ],
    [
      'an extension collection',
      collection(
        'microsoft.keyvault/vaults',
        'providers/Microsoft.Insights/diagnosticSettings',
      ),
      'microsoft.insights/diagnosticsettings',
    ],
    [
      'an extension collection below a sub-resource',
      collection(
        'microsoft.storage/storageaccounts',
        'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
      ),
      'microsoft.insights/diagnosticsettings',
    ],
    [
      'a singleton named in its path',
      collection('microsoft.web/sites', 'config/web'),
      'microsoft.web/sites/config',
    ],
    [
      'a collection below the parent',
      collection(
        'microsoft.sql/servers/databases',
        'transparentDataEncryption',
      ),
      'microsoft.sql/servers/databases/transparentdataencryption',
    ],
    [
      'a collection below a tracked child',
      collection('microsoft.cdn/profiles/afdendpoints', 'routes'),
      'microsoft.cdn/profiles/afdendpoints/routes',
    ],
    [
      'a resource-group scoped regional collection',
      collection(
        'microsoft.sql/managedinstances',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
      ),
      'microsoft.sql/locations/instancefailovergroups',
    ],
    [
      'a nested path without providers',
      [
        'microsoft.storage/storageaccounts',
        { path: 'blobServices/default/containers', apiVersion: '2024-01-01' },
      ] as [string, ChildCollection],
      'microsoft.storage/storageaccounts/blobservices/containers',
    ],
    [
      'an itemType in mixed case',
      [
        'microsoft.example/things',
        {
          path: 'items',
          apiVersion: '2024-01-01',
          itemType: 'Microsoft.Example/things/Groups/Items',
        },
      ] as [string, ChildCollection],
      'microsoft.example/things/groups/items',
    ],
  ])('%s', (_name, [parentType, child], expected) => {
    expect(collectionItemType(parentType, child)).toBe(expected);
  });
});

describe('collectedChildTypes', () => {
  it('lists every child type the table collects, sorted and once each', () => {
    expect(collectedChildTypes()).toEqual([
      'microsoft.cache/redis/linkedservers',
      'microsoft.cdn/profiles/afdendpoints',
      'microsoft.cdn/profiles/afdendpoints/routes',
      'microsoft.cdn/profiles/customdomains',
      'microsoft.cdn/profiles/origingroups',
      'microsoft.cdn/profiles/origingroups/origins',
      'microsoft.cdn/profiles/securitypolicies',
      'microsoft.eventhub/namespaces/disasterrecoveryconfigs',
      'microsoft.insights/diagnosticsettings',
      'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
      'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems',
      'microsoft.servicebus/namespaces/disasterrecoveryconfigs',
      'microsoft.sql/locations/instancefailovergroups',
      'microsoft.sql/managedinstances/azureadonlyauthentications',
      'microsoft.sql/managedinstances/databases',
      'microsoft.sql/managedinstances/databases/backuplongtermretentionpolicies',
      'microsoft.sql/managedinstances/encryptionprotector',
      'microsoft.sql/managedinstances/vulnerabilityassessments',
      'microsoft.sql/servers/auditingsettings',
      'microsoft.sql/servers/databases',
      'microsoft.sql/servers/databases/backuplongtermretentionpolicies',
      'microsoft.sql/servers/databases/transparentdataencryption',
      'microsoft.sql/servers/failovergroups',
      'microsoft.storage/storageaccounts/objectreplicationpolicies',
      'microsoft.web/sites/config',
    ]);
  });

  it('still collects diagnostic settings for the types with a resource-logs rule', () => {
    expect(collectedChildTypes()).toContain(
      'microsoft.insights/diagnosticsettings',
    );
    expect(
      collectedChildTypes({
        'microsoft.storage/storageaccounts':
          CHILD_COLLECTIONS['microsoft.storage/storageaccounts'],
      }),
    ).toEqual([
      'microsoft.insights/diagnosticsettings',
      'microsoft.storage/storageaccounts/objectreplicationpolicies',
    ]);
  });

  it('leaves out the children no rule or check reads', () => {
    const collected = new Set(collectedChildTypes());
    for (const type of [
      'microsoft.sql/managedinstances/administrators',
      'microsoft.sql/managedinstances/securityalertpolicies',
      'microsoft.sql/managedinstances/databases/backupshorttermretentionpolicies',
      'microsoft.eventhub/namespaces/networkrulesets',
      'microsoft.servicebus/namespaces/networkrulesets',
    ]) {
      expect(collected.has(type)).toBe(false);
    }
  });

  it('answers for a custom table', () => {
    expect(
      collectedChildTypes({
        'microsoft.keyvault/vaults': [
          {
            path: 'providers/Microsoft.Insights/diagnosticSettings',
            apiVersion: '2021-05-01-preview',
          },
        ],
        'microsoft.web/sites': [
          { path: 'config/web', apiVersion: '2024-04-01', singleton: true },
          {
            path: 'providers/Microsoft.Insights/diagnosticSettings',
            apiVersion: '2021-05-01-preview',
          },
        ],
      }),
    ).toEqual([
      'microsoft.insights/diagnosticsettings',
      'microsoft.web/sites/config',
    ]);
    expect(collectedChildTypes({})).toEqual([]);
  });
});

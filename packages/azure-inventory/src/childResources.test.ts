import { CHILD_COLLECTIONS, childCollectionsFor } from './childResources';
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
      resource('microsoft.cdn/profiles', 'afd'),
      false,
      ['originGroups', 'providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'an origin group',
      resource('microsoft.cdn/profiles/origingroups', 'og'),
      false,
      ['origins'],
    ],
    [
      'a storage account',
      resource('microsoft.storage/storageaccounts', 'st'),
      false,
      [
        'providers/Microsoft.Insights/diagnosticSettings',
        'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Data Lake account: no object replication',
      resource('microsoft.storage/storageaccounts', 'lake', {
        kind: 'StorageV2',
        properties: { isHnsEnabled: true },
      }),
      false,
      [
        'providers/Microsoft.Insights/diagnosticSettings',
        'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a general-purpose v2 account',
      resource('microsoft.storage/storageaccounts', 'docs', {
        kind: 'StorageV2',
      }),
      false,
      [
        'providers/Microsoft.Insights/diagnosticSettings',
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
        'administrators',
        'azureADOnlyAuthentications',
        'securityAlertPolicies',
        'vulnerabilityAssessments',
        'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a managed instance database',
      resource('microsoft.sql/managedinstances/databases', 'intake'),
      false,
      ['backupLongTermRetentionPolicies', 'backupShortTermRetentionPolicies'],
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
        'networkRuleSets',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Standard Service Bus namespace',
      resource('microsoft.servicebus/namespaces', 'sb', {
        sku: { name: 'Standard', tier: 'Standard' },
      }),
      false,
      ['networkRuleSets', 'providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Premium Service Bus namespace',
      resource('microsoft.servicebus/namespaces', 'sb', {
        sku: { name: 'Premium', tier: 'Premium' },
      }),
      false,
      [
        'disasterRecoveryConfigs',
        'networkRuleSets',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
    ],
    [
      'a Standard Redis cache',
      resource('microsoft.cache/redis', 'redis', {
        sku: { name: 'Standard', family: 'C', capacity: 1 },
      }),
      false,
      ['providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Premium Redis cache',
      resource('microsoft.cache/redis', 'redis', {
        sku: { name: 'Premium', family: 'P', capacity: 1 },
      }),
      false,
      ['linkedServers', 'providers/Microsoft.Insights/diagnosticSettings'],
    ],
    [
      'a Recovery Services vault',
      resource('microsoft.recoveryservices/vaults', 'rsv'),
      false,
      [
        'backupProtectedItems',
        'replicationProtectedItems',
        'providers/Microsoft.Insights/diagnosticSettings',
      ],
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

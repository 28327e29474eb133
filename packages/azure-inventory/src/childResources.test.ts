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

  it('keys the table by lower-cased type, as the model stores types', () => {
    for (const type of Object.keys(CHILD_COLLECTIONS)) {
      expect(type).toBe(type.toLocaleLowerCase('en-US'));
    }
  });
});

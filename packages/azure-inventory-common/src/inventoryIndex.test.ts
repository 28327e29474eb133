import { buildInventoryIndex, InventoryIndex } from './inventoryIndex';
import type { AzureResource } from './model';
import { indexResources } from './resourceIndex';
import type { AzureSelectorTerm } from './selectors';

const RG = '/subscriptions/sub-1/resourceGroups/rg-app/providers';

function resource(
  id: string,
  type: string,
  tags: Record<string, string> = {},
): AzureResource {
  return {
    id,
    name: id.split('/').pop() ?? id,
    type,
    location: 'eastus2',
    subscriptionId: 'sub-1',
    resourceGroup: 'rg-app',
    tags,
    properties: {},
  };
}

const app = { 'vitals-entity': 'component:default/app' };
const server = resource(
  `${RG}/Microsoft.Sql/servers/sql-app`,
  'microsoft.sql/servers',
  app,
);
const estate: AzureResource[] = [
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app/databases/db/providers/microsoft.insights/diagnosticSettings/audit`,
    'microsoft.insights/diagnosticsettings',
  ),
  server,
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app/databases/db`,
    'microsoft.sql/servers/databases',
  ),
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app/databases/db/transparentDataEncryption/current`,
    'microsoft.sql/servers/databases/transparentdataencryption',
  ),
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app/auditingSettings/default`,
    'microsoft.sql/servers/auditingsettings',
  ),
  // A sibling whose name extends the server's: not its child.
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app-dr`,
    'microsoft.sql/servers',
    app,
  ),
  resource(
    `${RG}/Microsoft.Sql/servers/sql-app-dr/databases/db`,
    'microsoft.sql/servers/databases',
  ),
  resource(`${RG}/Microsoft.Sql/servers/sql-app.old`, 'microsoft.sql/servers'),
  // A child under a parent the inventory does not hold.
  resource(
    `${RG}/Microsoft.Storage/storageAccounts/stapp/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob`,
    'microsoft.insights/diagnosticsettings',
  ),
  resource(
    `${RG}/Microsoft.Storage/storageAccounts/stapp`,
    'microsoft.storage/storageaccounts',
    {
      'Vitals-Entity': 'Component:Default/App',
    },
  ),
  resource(
    `${RG}/Microsoft.KeyVault/vaults/kv-other`,
    'microsoft.keyvault/vaults',
    {
      'vitals-entity': 'component:default/other',
    },
  ),
  // The resource group itself: an ancestor by prefix but not by resource boundary.
  resource(
    '/subscriptions/sub-1/resourceGroups/rg-app',
    'microsoft.resources/resourcegroups',
  ),
];

/** What `resourcesForSelector` answered before it read the sorted positions. */
function referenceSelect(
  index: InventoryIndex,
  terms: readonly AzureSelectorTerm[],
): AzureResource[] {
  const picked = new Map<string, AzureResource>();
  for (const term of terms) {
    for (const r of index.matching(term)) {
      const id = r.id.toLowerCase();
      if (picked.has(id)) continue;
      picked.set(id, r);
      for (const d of index.descendantsOf(r.id))
        picked.set(d.id.toLowerCase(), d);
    }
  }
  return [...picked.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, r]) => r);
}

const probes = (resources: readonly AzureResource[]) => [
  ...resources.map(r => r.id),
  ...resources.map(r => r.id.toUpperCase()),
  `${server.id}/`,
  `${RG}/Microsoft.Sql/servers/missing`,
  `${RG}//Microsoft.Sql/servers/sql-app`,
  'subscriptions/sub-1/resourceGroups/rg-app/providers/Microsoft.Sql/servers/sql-app',
  '',
];

function expectSameAsIndexResources(resources: readonly AzureResource[]) {
  const view = buildInventoryIndex(resources).resourceIndex();
  const reference = indexResources(resources);
  expect(view.size).toBe(reference.size);
  expect(view.all()).toBe(resources);
  for (const id of probes(resources)) {
    expect(view.key(id)).toBe(reference.key(id));
    expect(view.get(id)).toBe(reference.get(id));
    expect(view.parentOf(id)).toBe(reference.parentOf(id));
    expect(view.descendants(id)).toEqual(reference.descendants(id));
    for (const type of [
      'microsoft.sql/servers/databases',
      'Microsoft.Insights/diagnosticSettings',
      'microsoft.web/sites',
    ]) {
      expect(view.descendants(id, type)).toEqual(
        reference.descendants(id, type),
      );
      // Asked again, from the cache.
      expect(view.descendants(id, type)).toEqual(
        reference.descendants(id, type),
      );
    }
  }
}

describe('InventoryIndex', () => {
  it('answers as indexResources does', () => {
    expect(buildInventoryIndex(estate).hasDistinctNormalIds).toBe(true);
    expectSameAsIndexResources(estate);
  });

  it('answers as indexResources does when ids repeat or are not normalised', () => {
    const repeated = [...estate, { ...server, name: 'again' }];
    expect(buildInventoryIndex(repeated).hasDistinctNormalIds).toBe(false);
    expectSameAsIndexResources(repeated);
    const odd = [
      ...estate,
      resource(`${RG}/Microsoft.Web/sites/app/`, 'microsoft.web/sites', app),
      resource(
        `${RG}/Microsoft.Web/sites/app//config/web`,
        'microsoft.web/sites/config',
      ),
    ];
    expect(buildInventoryIndex(odd).hasDistinctNormalIds).toBe(false);
    expectSameAsIndexResources(odd);
  });

  it('selects resources with their descendants, sorted and without duplicates', () => {
    const withTrailingSlash = [
      ...estate,
      resource(`${RG}/Microsoft.Web/sites/app/`, 'microsoft.web/sites', app),
      resource(
        `${RG}/Microsoft.Web/sites/app/config/web`,
        'microsoft.web/sites/config',
      ),
      resource(`${RG}/Microsoft.Web/sites/app-2`, 'microsoft.web/sites'),
    ];
    for (const resources of [estate, withTrailingSlash]) {
      const index = buildInventoryIndex(resources);
      const termSets: AzureSelectorTerm[][] = [
        [
          {
            kind: 'tag',
            name: 'vitals-entity',
            value: 'component:default/app',
          },
        ],
        [
          {
            kind: 'tag',
            name: 'vitals-entity',
            value: 'component:default/other',
          },
          {
            kind: 'resourceGroup',
            subscriptionId: 'SUB-1',
            resourceGroup: 'rg-app',
          },
          {
            kind: 'tag',
            name: 'vitals-entity',
            value: 'component:default/app',
          },
        ],
        [{ kind: 'tag', name: 'team', value: 'nobody' }],
        [],
      ];
      for (const terms of termSets) {
        expect(index.select(terms)).toEqual(referenceSelect(index, terms));
      }
    }
  });

  it('lists what any of several terms matches, each resource once, in the order given', () => {
    const index = buildInventoryIndex(estate);
    const appTerm: AzureSelectorTerm = {
      kind: 'tag',
      name: 'vitals-entity',
      value: 'component:default/app',
    };
    expect(index.matchingAny([appTerm]).map(r => r.name)).toEqual([
      'sql-app',
      'sql-app-dr',
      'stapp',
    ]);
    expect(
      index
        .matchingAny([
          appTerm,
          {
            kind: 'resourceGroup',
            subscriptionId: 'sub-1',
            resourceGroup: 'RG-APP',
          },
        ])
        .map(r => r.name),
    ).toEqual([
      'sql-app',
      'sql-app-dr',
      'stapp',
      'audit',
      'db',
      'current',
      'default',
      'db',
      'sql-app.old',
      'blob',
      'kv-other',
      'rg-app',
    ]);
    expect(index.matchingAny([])).toEqual([]);
  });
});

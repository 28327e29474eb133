import type { AzureResource } from '@vitals/azure-inventory-common';
import { fromArm } from './__fixtures__/arm';
import { service } from './__fixtures__/entities';
import {
  findUnownedResources,
  indexForSelection,
  parseAzureSelectors,
  resourceMatchesSelector,
  type AzureResourceSelector,
} from './selectors';

const resource = (
  id: string,
  type: string,
  tags: Record<string, string> = {},
): AzureResource =>
  fromArm({
    id,
    name: id.split('/').pop()!,
    type,
    location: 'eastus2',
    tags,
    properties: { provisioningState: 'Succeeded' },
  });

const SUB = '6a2f1c9e-7b1d-4b8e-9c1f-2d3e4f5a6b7c';
const claimsServer = resource(
  `/subscriptions/${SUB}/resourceGroups/rg-claims/providers/Microsoft.Sql/servers/sql-claims`,
  'Microsoft.Sql/servers',
  { 'vitals-entity': 'component:default/claims-api' },
);
const claimsDb = resource(
  `/subscriptions/${SUB}/resourceGroups/rg-claims/providers/Microsoft.Sql/servers/sql-claims/databases/claims`,
  'Microsoft.Sql/servers/databases',
);
const claimsStorage = resource(
  `/subscriptions/${SUB}/resourceGroups/rg-claims/providers/Microsoft.Storage/storageAccounts/stclaims`,
  'Microsoft.Storage/storageAccounts',
  { 'Vitals-Entity': 'Component:Default/Claims-API' },
);
const sharedVault = resource(
  `/subscriptions/${SUB}/resourceGroups/RG-Shared/providers/Microsoft.KeyVault/vaults/kv-shared`,
  'Microsoft.KeyVault/vaults',
);
const orphanVm = resource(
  `/subscriptions/${SUB}/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-old`,
  'Microsoft.Compute/virtualMachines',
  { owner: 'nobody' },
);
const orphanDisk = resource(
  `/subscriptions/${SUB}/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-old/extensions/ama`,
  'Microsoft.Compute/virtualMachines/extensions',
);
const all = [
  claimsServer,
  claimsDb,
  claimsStorage,
  sharedVault,
  orphanVm,
  orphanDisk,
];

// The grammar and matching rules are tested in @vitals/azure-inventory-common;
// these tests cover what compliance adds: reading the entity, keeping the
// clauses that parse while reporting the others, and the estate lookups.
describe('parseAzureSelectors', () => {
  it('defaults to the vitals-entity tag', () => {
    expect(parseAzureSelectors(service('Claims-API'))).toEqual({
      selectors: [
        {
          kind: 'tag',
          name: 'vitals-entity',
          value: 'component:default/claims-api',
        },
      ],
      invalid: [],
    });
  });

  it.each<[string, AzureResourceSelector[], string[]]>([
    [
      `tag:app=claims, resourceGroup:${SUB}/RG-Shared`,
      [
        { kind: 'tag', name: 'app', value: 'claims' },
        {
          kind: 'resourceGroup',
          subscriptionId: SUB,
          resourceGroup: 'RG-Shared',
        },
      ],
      [],
    ],
    [
      'ResourceGroup:sub/rg,tag:=x,label:y,tag:a',
      [{ kind: 'resourceGroup', subscriptionId: 'sub', resourceGroup: 'rg' }],
      ['tag:=x', 'label:y', 'tag:a'],
    ],
  ])('keeps the clauses that parse of %j', (annotation, selectors, invalid) => {
    expect(
      parseAzureSelectors(
        service('claims-api', { 'vitals.dev/azure-selector': annotation }),
      ),
    ).toEqual({ selectors, invalid });
  });
});

describe('selection', () => {
  it('selects through the lookup the same way as one by one', () => {
    const lookup = indexForSelection(all);
    const selectors: AzureResourceSelector[] = [
      {
        kind: 'tag',
        name: 'vitals-entity',
        value: 'component:default/claims-api',
      },
      {
        kind: 'resourceGroup',
        subscriptionId: SUB,
        resourceGroup: 'rg-shared',
      },
    ];
    const expected = all.filter(r =>
      selectors.some(s => resourceMatchesSelector(r, s)),
    );
    expect(
      lookup
        .select(selectors)
        .map(r => r.id)
        .sort(),
    ).toEqual(expected.map(r => r.id).sort());
    expect(expected.map(r => r.name)).toEqual([
      'sql-claims',
      'stclaims',
      'kv-shared',
    ]);
  });
});

describe('findUnownedResources', () => {
  it('reports the topmost resources no selector claims', () => {
    const unowned = findUnownedResources(all, [
      {
        kind: 'tag',
        name: 'vitals-entity',
        value: 'component:default/claims-api',
      },
    ]);
    // The untagged database is covered by its server; the VM extension goes with the VM.
    expect(unowned.map(r => r.name)).toEqual(['kv-shared', 'vm-old']);
  });

  it('counts resource-group selectors', () => {
    const unowned = findUnownedResources(all, [
      {
        kind: 'tag',
        name: 'vitals-entity',
        value: 'component:default/claims-api',
      },
      {
        kind: 'resourceGroup',
        subscriptionId: SUB,
        resourceGroup: 'rg-shared',
      },
      {
        kind: 'resourceGroup',
        subscriptionId: SUB,
        resourceGroup: 'rg-legacy',
      },
    ]);
    expect(unowned).toEqual([]);
  });

  it('reports everything when nothing is claimed', () => {
    expect(findUnownedResources(all, []).map(r => r.name)).toEqual([
      'sql-claims',
      'stclaims',
      'kv-shared',
      'vm-old',
    ]);
  });
});

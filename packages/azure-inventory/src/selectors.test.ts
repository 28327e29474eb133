import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AzureResource } from '@vitals/azure-inventory-common';
import { isResourceRowProblem, normalizeResourceRow } from './resourceRow';
import {
  AZURE_SELECTOR_ANNOTATION,
  ENTITY_TAG,
  azureSelectorForEntity,
  buildInventoryIndex,
  parseAzureSelector,
  resourcesForEntity,
  resourcesForSelector,
} from './selectors';
import {
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  FakeResourceAt,
  fixtureEstate,
} from './testUtils';

function component(name: string, annotation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(annotation === undefined
        ? {}
        : { annotations: { [AZURE_SELECTOR_ANNOTATION]: annotation } }),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** The fixture estate as the live source stores it: children under their real ids. */
const estate: AzureResource[] = fixtureEstate.map(entry => {
  const row =
    typeof entry.at === 'string'
      ? { ...(entry as FakeResourceAt).body, id: entry.at }
      : entry;
  const resource = normalizeResourceRow(row);
  if (isResourceRowProblem(resource)) {
    throw new Error(resource.problem);
  }
  return resource;
});

const PRIMARY = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/providers`;
const SECONDARY = `/subscriptions/${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-centralus/providers`;
const BILLING = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-billing-eastus2/providers/Microsoft.Storage/storageAccounts/stbillingexports`;

// The grammar and matching rules are tested in @vitals/azure-inventory-common;
// these tests cover what this package adds: InputError, the entity ref, the index.
describe('parseAzureSelector', () => {
  it('returns the terms of a valid value', () => {
    expect(parseAzureSelector('tag:app=x, resourceGroup:s/rg')).toEqual([
      { kind: 'tag', name: 'app', value: 'x' },
      { kind: 'resourceGroup', subscriptionId: 's', resourceGroup: 'rg' },
    ]);
  });

  it('throws an InputError naming every bad term', () => {
    const parse = () => parseAzureSelector('tag:a=b, label:x, tag:=y');
    expect(parse).toThrow(InputError);
    expect(parse).toThrow(
      'vitals.dev/azure-selector term "label:x" is neither tag:<name>=<value> nor resourceGroup:<subscriptionId>/<name>; ' +
        'vitals.dev/azure-selector term "tag:=y" must be tag:<name>=<value> with a non-empty name and value',
    );
  });
});

describe('azureSelectorForEntity', () => {
  it('defaults to the vitals-entity tag with the entity ref', () => {
    expect(azureSelectorForEntity(component('Patient-Portal'))).toEqual({
      source: 'default',
      terms: [
        {
          kind: 'tag',
          name: ENTITY_TAG,
          value: 'component:default/patient-portal',
        },
      ],
    });
  });

  it('uses the annotation when present and not blank', () => {
    expect(
      azureSelectorForEntity(component('x', 'resourceGroup:s/rg')).source,
    ).toBe('annotation');
    expect(azureSelectorForEntity(component('x', '  ')).source).toBe('default');
  });

  it('throws an InputError for a bad annotation', () => {
    expect(() => azureSelectorForEntity(component('x', 'label:x'))).toThrow(
      InputError,
    );
  });
});

describe('resourcesForEntity', () => {
  const index = buildInventoryIndex({
    provenance: {
      source: 'snapshot',
      fetchedAt: '2025-01-01T00:00:00Z',
      subscriptions: [],
      origin: 'fixtures',
    },
    resources: estate,
  });

  it('selects the tagged resources and their untagged children', () => {
    const ids = resourcesForEntity(index, component('patient-portal')).map(
      r => r.id,
    );
    // Everything in the fixture estate except the billing entity's account.
    expect(ids).toHaveLength(estate.length - 1);
    expect(ids).not.toContain(BILLING);
    expect(ids).toEqual(
      expect.arrayContaining([
        // untagged database of a tagged server, and its settings
        `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2/databases/patients`,
        `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2/databases/patients/transparentDataEncryption/current`,
        `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2/databases/patients/backupLongTermRetentionPolicies/default`,
        `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2/databases/patients/providers/microsoft.insights/diagnosticSettings/sql-audit`,
        `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2/failoverGroups/fg-patient-portal`,
        // a diagnostic setting on a sub-resource that is not in the inventory
        `${PRIMARY}/Microsoft.Storage/storageAccounts/stpatientportal/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob-audit`,
        `${PRIMARY}/Microsoft.Web/sites/app-patient-portal/config/web`,
        // grandchildren
        `${PRIMARY}/Microsoft.Cdn/profiles/afd-patient-portal/origingroups/og-patient-portal/origins/origin-centralus`,
        // the failover partner in the other subscription
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus/databases/patients/transparentDataEncryption/current`,
      ]),
    );
    const sorted = [...ids].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : 1,
    );
    expect(ids).toEqual(sorted);
  });

  it.each([
    ['the default tag of another entity', component('billing'), [BILLING]],
    [
      'a resource group, in any casing',
      component(
        'x',
        `resourceGroup:${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/RG-Patient-Portal-CentralUS`,
      ),
      [
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus/databases/patients`,
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus/databases/patients/transparentDataEncryption/current`,
      ],
    ],
    [
      'a tag whose name and value differ in case',
      component('x', 'tag:VITALS-ENTITY=Component:Default/Billing'),
      [BILLING],
    ],
    [
      'a union without duplicates',
      component(
        'x',
        `tag:vitals-entity=component:default/billing,resourceGroup:${FIXTURE_SUBSCRIPTION_ID}/rg-billing-eastus2`,
      ),
      [BILLING],
    ],
    ['a tag nobody carries', component('x', 'tag:team=nobody'), []],
  ])('selects by %s', (_name, entity, expected) => {
    expect(resourcesForEntity(index, entity).map(r => r.id)).toEqual(expected);
  });

  it('looks resources up by id case-insensitively', () => {
    expect(index.get(BILLING.toUpperCase())?.name).toBe('stbillingexports');
    expect(index.get(`${BILLING}/`)?.name).toBe('stbillingexports');
    expect(index.descendantsOf(BILLING)).toEqual([]);
  });

  it('does not take a sibling with a longer name for a child', () => {
    const parent = estate.find(r => r.name === 'sql-patient-portal-eastus2')!;
    const sibling: AzureResource = {
      ...parent,
      id: `${parent.id}-dr`,
      name: 'sql-patient-portal-eastus2-dr',
      tags: {},
    };
    const withSibling = buildInventoryIndex([...estate, sibling]);
    expect(
      withSibling
        .descendantsOf(parent.id)
        .map(r => r.name)
        .sort(),
    ).toEqual([
      'current',
      'default',
      'default',
      'fg-patient-portal',
      'master',
      'patients',
      'sql-audit',
    ]);
  });

  it('resolves 5,000 entities over 50,000 resources from one index', () => {
    const resources: AzureResource[] = [];
    for (let i = 0; i < 25_000; i++) {
      const server = `/subscriptions/sub-${i % 3}/resourceGroups/rg-${
        i % 500
      }/providers/Microsoft.Sql/servers/sql-${i}`;
      resources.push({
        id: server,
        name: `sql-${i}`,
        type: 'microsoft.sql/servers',
        location: 'eastus2',
        subscriptionId: `sub-${i % 3}`,
        resourceGroup: `rg-${i % 500}`,
        tags: { 'vitals-entity': `component:default/service-${i % 5000}` },
        properties: {},
      });
      resources.push({
        id: `${server}/databases/db`,
        name: 'db',
        type: 'microsoft.sql/servers/databases',
        location: 'eastus2',
        subscriptionId: `sub-${i % 3}`,
        resourceGroup: `rg-${i % 500}`,
        tags: {},
        properties: {},
      });
    }
    const big = buildInventoryIndex(resources);
    let selected = 0;
    for (let e = 0; e < 5000; e++) {
      const picked = resourcesForSelector(big, [
        {
          kind: 'tag',
          name: 'vitals-entity',
          value: `component:default/service-${e}`,
        },
      ]);
      // 5 servers per entity (i ≡ e mod 5000), each with its database.
      expect(picked).toHaveLength(10);
      selected += picked.length;
    }
    expect(selected).toBe(50_000);
  });
});

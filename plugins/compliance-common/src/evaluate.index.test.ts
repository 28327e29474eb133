import {
  buildInventoryIndex,
  type AzureResource,
} from '@vitals/azure-inventory-common';
import { rehome, withProperties } from './__fixtures__/arm';
import {
  diagnosticSettingToWorkspace,
  keyVault,
  sqlDatabase,
  sqlDatabaseTde,
  sqlServer,
  sqlServerAuditingDisabled,
  storageAccountCreated,
} from './__fixtures__/azure';
import { knownGroups, service } from './__fixtures__/entities';
import { claimsServer, estate, NOW, provenance } from './__fixtures__/estate';
import { evaluateEstate, type EstateEvaluationInput } from './evaluate';
import { hipaaFramework } from './frameworks/hipaa';

/** A few tagged services with children, on top of the hand-checked estate. */
function resources(): AzureResource[] {
  const all: AzureResource[] = [...estate];
  for (let i = 0; i < 12; i++) {
    const rg = `/subscriptions/sub-${
      i % 3
    }/resourceGroups/rg-svc-${i}/providers`;
    const tags = { 'vitals-entity': `component:default/svc-${i}` };
    const server = rehome(
      { ...sqlServer, name: `sql-${i}`, tags },
      `${rg}/Microsoft.Sql/servers/sql-${i}`,
    );
    const database = rehome(
      { ...sqlDatabase, name: 'db' },
      `${server.id}/databases/db`,
    );
    const vault = rehome(
      withProperties(
        { ...keyVault, name: `kv-${i}`, tags },
        { enablePurgeProtection: i % 2 === 0 },
      ),
      `${rg}/Microsoft.KeyVault/vaults/kv-${i}`,
    );
    all.push(
      database,
      rehome(
        sqlServerAuditingDisabled,
        `${server.id}/auditingSettings/default`,
      ),
      server,
      rehome(
        sqlDatabaseTde,
        `${database.id}/transparentDataEncryption/current`,
      ),
      diagnosticSettingToWorkspace(database.id),
      vault,
      diagnosticSettingToWorkspace(vault.id),
      rehome(
        { ...storageAccountCreated, name: `st${i}`, tags: {} },
        `${rg}/Microsoft.Storage/storageAccounts/st${i}`,
      ),
    );
  }
  return all;
}

const entities = [
  ...Array.from({ length: 12 }, (_, i) =>
    service(
      `svc-${i}`,
      i % 4 === 0 ? { 'vitals.dev/data-classification': 'pii' } : {},
    ),
  ),
  service('by-group', {
    'vitals.dev/azure-selector': `resourceGroup:${claimsServer.subscriptionId}/${claimsServer.resourceGroup}, tag:vitals-entity=component:default/svc-1`,
  }),
  service('by-tag', { 'vitals.dev/azure-selector': 'tag:key1=value1' }),
  service('half-valid', {
    'vitals.dev/azure-selector':
      'tag:vitals-entity=component:default/svc-2, nonsense',
  }),
  service('nothing'),
];

function input(all: AzureResource[]): EstateEvaluationInput {
  return {
    framework: hipaaFramework,
    entities,
    resources: all,
    provenance,
    knownGroups,
    now: NOW,
    ruleVersion: '1.0.0',
  };
}

describe('evaluating an estate with the inventory index', () => {
  it('gives the same results as indexing the estate itself', () => {
    const all = resources();
    const expected = evaluateEstate(input(all));
    expect(expected.selectorErrors).toHaveLength(1);
    expect(expected.unownedResources.length).toBeGreaterThan(0);
    expect(
      expected.results.filter(r =>
        r.controls.some(c => c.findings.some(f => f.resourceId !== null)),
      ).length,
    ).toBeGreaterThan(12);
    const index = buildInventoryIndex(all);
    expect(index.hasDistinctNormalIds).toBe(true);
    expect(evaluateEstate({ ...input(all), index })).toEqual(expected);
  });

  it('indexes the estate itself when the index is of other resources', () => {
    const all = resources();
    const expected = evaluateEstate(input(all));
    const index = buildInventoryIndex(all.slice(1));
    expect(evaluateEstate({ ...input(all), index })).toEqual(expected);
  });

  it('gives the same results when resources share an id', () => {
    const all = resources();
    all.push({ ...all[all.length - 1], name: 'duplicate' });
    const expected = evaluateEstate(input(all));
    const index = buildInventoryIndex(all);
    expect(index.hasDistinctNormalIds).toBe(false);
    expect(evaluateEstate({ ...input(all), index })).toEqual(expected);
  });
});

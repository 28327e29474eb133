import { mockServices } from '@backstage/backend-test-utils';
import type { AzureResource } from '@vitals/azure-inventory-common';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { INVENTORY_MIGRATIONS_TABLE, InventoryStore } from './InventoryStore';

const databases = createVitalsTestDatabases();

const stats = {
  requests: 3,
  retries: 1,
  throttled: 1,
  failedResources: 0,
  durationMs: 120,
  strategy: 'resource-graph' as const,
};

function resource(i: number): AzureResource {
  return {
    id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st${i}`,
    name: `st${i}`,
    type: 'microsoft.storage/storageaccounts',
    location: i % 2 ? 'eastus2' : 'centralus',
    subscriptionId: 's',
    resourceGroup: 'rg',
    sku: { name: 'Standard_RAGZRS' },
    tags: { 'vitals-entity': `component:default/svc-${i % 7}` },
    properties: {
      minimumTlsVersion: 'TLS1_2',
      secondaryLocation: 'centralus',
      note: `padding ${'x'.repeat(i % 50)}`,
    },
  };
}

describe.each(databases.eachSupportedId())('InventoryStore on %p', id => {
  async function createStore() {
    const knex = await databases.init(id);
    return {
      knex,
      store: await InventoryStore.create(mockServices.database({ knex })),
    };
  }

  it('migrates up and down in a migrations table of its own', async () => {
    const { knex } = await createStore();
    expect(await knex.schema.hasTable(INVENTORY_MIGRATIONS_TABLE)).toBe(true);
    const tables = [
      'vitals_inventory_snapshot',
      'vitals_inventory_attempt',
      'vitals_inventory_lease',
    ];
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    const migrations = {
      directory: InventoryStore.migrationsDirectory(),
      tableName: INVENTORY_MIGRATIONS_TABLE,
    };
    await knex.migrate.rollback(migrations, true);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest(migrations);
    expect(await knex.schema.hasTable('vitals_inventory_snapshot')).toBe(true);
  });

  it('keeps 50,000 resources compressed and reads them back unchanged', async () => {
    const { store, knex } = await createStore();
    expect(await store.readSnapshot()).toBeUndefined();
    const resources = Array.from({ length: 50_000 }, (_, i) => resource(i));
    await store.saveSnapshot(
      {
        provenance: {
          source: 'live',
          fetchedAt: '2026-11-23T10:00:00.000Z',
          subscriptions: ['s'],
          origin: 'Azure Resource Graph',
        },
        resources,
      },
      1234,
      { stats, errors: [], warnings: ['one page only'] },
    );
    const row = await knex('vitals_inventory_snapshot').first('content');
    const jsonBytes = Buffer.byteLength(JSON.stringify(resources));
    expect(row.content.length).toBeLessThan(jsonBytes / 10);

    const stored = await store.readSnapshot();
    expect(stored!.meta).toMatchObject({
      provenance: { source: 'live', subscriptions: ['s'] },
      refreshedAt: 1234,
      resourceCount: 50_000,
      stats,
      warnings: ['one page only'],
    });
    expect(stored!.resources).toEqual(resources);

    // A later load replaces the blob; only the last good one is kept.
    await store.saveSnapshot(
      {
        provenance: {
          source: 'snapshot',
          fetchedAt: '2026-11-23T11:00:00.000Z',
          subscriptions: [],
          origin: 'snapshot file estate.json',
        },
        resources: resources.slice(0, 2),
      },
      5678,
      { stats, errors: [], warnings: [] },
    );
    const [{ n }] = await knex('vitals_inventory_snapshot').count({ n: '*' });
    expect(Number(n)).toBe(1);
    expect((await store.getSnapshotMeta())!.resourceCount).toBe(2);
    expect((await store.readSnapshot())!.resources).toHaveLength(2);
    // Compressing 50,000 resources takes seconds on a busy CI machine.
  }, 60_000);

  it('records the latest attempt and whether it failed', async () => {
    const { store } = await createStore();
    expect(await store.getAttempt()).toBeUndefined();
    await store.startAttempt(100);
    expect(await store.getAttempt()).toEqual({ attemptedAt: 100 });
    await store.finishAttempt(150, 'AuthorizationFailed');
    expect(await store.getAttempt()).toEqual({
      attemptedAt: 100,
      finishedAt: 150,
      error: 'AuthorizationFailed',
    });
    await store.startAttempt(200);
    await store.finishAttempt(260);
    expect(await store.getAttempt()).toEqual({
      attemptedAt: 200,
      finishedAt: 260,
    });
  });

  it('gives the refresh lease to one holder until it is released or expires', async () => {
    const { store } = await createStore();
    expect(await store.tryAcquireLease('a', 1000, 500)).toBe(true);
    expect(await store.tryAcquireLease('b', 1200, 500)).toBe(false);
    // The holder may extend its own lease.
    expect(await store.tryAcquireLease('a', 1300, 500)).toBe(true);
    expect(await store.tryAcquireLease('b', 1700, 500)).toBe(false);
    expect(await store.tryAcquireLease('b', 1800, 500)).toBe(true);
    await store.releaseLease('a'); // not the holder: no effect
    expect(await store.tryAcquireLease('a', 1900, 500)).toBe(false);
    await store.releaseLease('b');
    expect(await store.tryAcquireLease('a', 1900, 500)).toBe(true);
  });
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type { AzureResource } from '@vitals/azure-inventory-common';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { AzureInventory, AzureInventoryService } from './AzureInventory';
import {
  azureInventoryServiceRef,
  createAzureInventoryServiceFactory,
  readInventoryRefreshSetting,
} from './service';
import type { InventoryLoadResult, InventorySource } from './source';
import { InventoryStore } from './store/InventoryStore';

const databases = createVitalsTestDatabases();
jest.setTimeout(30_000);

function resource(name: string): AzureResource {
  return {
    id: `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    type: 'microsoft.storage/storageaccounts',
    location: 'eastus2',
    resourceGroup: 'rg',
    subscriptionId: 's1',
    tags: { 'vitals-entity': 'component:default/records' },
    properties: { minimumTlsVersion: 'TLS1_2' },
  } as AzureResource;
}

/** A source whose answers the test decides, counting its loads. */
class ScriptedSource implements InventorySource {
  readonly kind = 'live';
  loads = 0;
  names = ['records1'];
  failWith?: Error;
  /** Resolves the load in flight when set. */
  gate?: Promise<void>;

  async load(): Promise<InventoryLoadResult> {
    this.loads += 1;
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    return {
      inventory: {
        provenance: {
          source: 'live',
          fetchedAt: new Date(0).toISOString(),
          subscriptions: ['s1'],
          origin: 'Azure Resource Graph',
        },
        resources: this.names.map(resource),
      },
      stats: {
        requests: this.names.length,
        retries: 0,
        throttled: 0,
        failedResources: 0,
        durationMs: 1,
        strategy: 'resource-graph',
      },
      errors: [],
      warnings: [],
    };
  }
}

describe.each(databases.eachSupportedId())('AzureInventory on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    const source = new ScriptedSource();
    let now = Date.parse('2026-12-05T08:00:00Z');
    const replica = async () =>
      new AzureInventory({
        source,
        store: await InventoryStore.create(mockServices.database({ knex })),
        logger: mockServices.logger.mock(),
        minIntervalMs: 300_000,
        timeoutMs: 60_000,
        pollIntervalMs: 5,
        now: () => now,
      });
    return {
      knex,
      source,
      replica,
      advance(ms: number) {
        now += ms;
      },
      at: () => now,
    };
  }

  it('has nothing before the first load, then serves the stored snapshot to every replica', async () => {
    const { source, replica } = await setup();
    const a = await replica();
    expect(await a.current()).toBeUndefined();
    expect(await a.status()).toEqual({});

    const outcome = await a.refresh();
    expect(outcome.loaded).toBe(true);
    expect(outcome.error).toBeUndefined();
    expect(outcome.snapshot?.resources.map(r => r.name)).toEqual(['records1']);
    expect(outcome.snapshot?.index.get(resource('records1').id)?.name).toBe(
      'records1',
    );

    // Another replica (or a restart) reads the same snapshot from the
    // database without reading the source.
    const b = await replica();
    const snapshot = await b.current();
    expect(snapshot?.resources).toEqual([resource('records1')]);
    expect(snapshot?.provenance.origin).toBe('Azure Resource Graph');
    expect(snapshot?.stats.strategy).toBe('resource-graph');
    expect(source.loads).toBe(1);
  });

  it('reads the source once when two plugins refresh at the same time', async () => {
    const { source, replica } = await setup();
    const inventory = await replica();
    const [dr, compliance] = await Promise.all([
      inventory.refresh(),
      inventory.refresh(),
    ]);
    expect(source.loads).toBe(1);
    expect(dr.snapshot?.refreshedAt).toBe(compliance.snapshot?.refreshedAt);
  });

  it('reads the source once when two replicas refresh at the same time', async () => {
    const { source, replica } = await setup();
    const [a, b] = [await replica(), await replica()];
    let open!: () => void;
    source.gate = new Promise(resolve => {
      open = resolve;
    });
    const first = a.refresh();
    // Let the first replica take the lease and start reading.
    while (source.loads === 0) await new Promise(r => setTimeout(r, 1));
    const second = b.refresh();
    await new Promise(r => setTimeout(r, 30));
    open();
    const [one, two] = await Promise.all([first, second]);
    expect(source.loads).toBe(1);
    expect([one.loaded, two.loaded].sort()).toEqual([false, true]);
    expect(two.snapshot?.resources.map(r => r.name)).toEqual(['records1']);
  });

  it('reuses a refresh within the interval and reads again after it', async () => {
    const { source, replica, advance } = await setup();
    const inventory = await replica();
    await inventory.refresh();
    advance(299_000);
    source.names = ['records1', 'records2'];
    expect((await inventory.refresh()).loaded).toBe(false);
    expect(source.loads).toBe(1);
    advance(1_000);
    const later = await inventory.refresh();
    expect(later.loaded).toBe(true);
    expect(later.snapshot?.resources).toHaveLength(2);
    expect(source.loads).toBe(2);
  });

  it('keeps the last good snapshot when a read fails, says why, and retries after a minute', async () => {
    const { source, replica, advance, at } = await setup();
    const inventory = await replica();
    const good = await inventory.refresh();
    advance(300_000);
    source.failWith = new Error('Resource Graph answered 429 TooManyRequests');
    const failed = await inventory.refresh();
    expect(failed).toMatchObject({
      loaded: true,
      error: 'Resource Graph answered 429 TooManyRequests',
    });
    expect(failed.snapshot?.refreshedAt).toBe(good.snapshot?.refreshedAt);
    const status = await inventory.status();
    expect(status.lastError).toBe(
      'Resource Graph answered 429 TooManyRequests',
    );
    expect(status.ageMs).toBe(300_000);
    expect(status.lastAttempt?.attemptedAt).toBe(at());

    // Another plugin asking at once shares the failure instead of hammering
    // a throttling Azure; a minute later the read is tried again.
    advance(30_000);
    expect(await inventory.refresh()).toMatchObject({
      loaded: false,
      error: 'Resource Graph answered 429 TooManyRequests',
    });
    expect(source.loads).toBe(2);
    source.failWith = undefined;
    advance(30_000);
    const recovered = await inventory.refresh();
    expect(recovered).toMatchObject({ loaded: true });
    expect(recovered.error).toBeUndefined();
    expect((await inventory.status()).lastError).toBeUndefined();
    expect(source.loads).toBe(3);
  });

  it('reports the failure of a first load with no snapshot to fall back on', async () => {
    const { source, replica } = await setup();
    const inventory = await replica();
    source.failWith = new Error('Listing resources of subscription s1 failed');
    const outcome = await inventory.refresh();
    expect(outcome).toEqual({
      loaded: true,
      error: 'Listing resources of subscription s1 failed',
      snapshot: undefined,
    });
    expect(await inventory.status()).toMatchObject({
      lastError: 'Listing resources of subscription s1 failed',
    });
  });

  it('lets another replica take over a lease whose holder died', async () => {
    const { knex, source, replica, advance, at } = await setup();
    const dead = await InventoryStore.create(mockServices.database({ knex }));
    expect(await dead.tryAcquireLease('crashed-pod', at(), 60_000)).toBe(true);
    await dead.startAttempt(at());
    // The holder never finishes: once its lease has run out, the next
    // replica to refresh reads the source itself.
    advance(60_000);
    const inventory = await replica();
    expect((await inventory.refresh()).loaded).toBe(true);
    expect(source.loads).toBe(1);
    expect(await dead.tryAcquireLease('crashed-pod', at(), 60_000)).toBe(true);
  });

  it('rewrites the content only when the resources changed', async () => {
    const { knex, replica, advance } = await setup();
    const inventory = await replica();
    const first = await inventory.refresh();
    const contentOf = async () =>
      (await knex('vitals_inventory_snapshot').first('content')).content;
    const before = await contentOf();
    advance(300_000);
    const second = await inventory.refresh();
    expect(second.loaded).toBe(true);
    expect(second.snapshot!.refreshedAt).toBeGreaterThan(
      first.snapshot!.refreshedAt,
    );
    expect(second.snapshot!.contentHash).toBe(first.snapshot!.contentHash);
    expect(second.snapshot!.index).toBe(first.snapshot!.index);
    expect(Buffer.compare(await contentOf(), before)).toBe(0);
  });
});

describe('readInventoryRefreshSetting', () => {
  const read = (refresh: JsonValue | undefined, key: 'interval' | 'timeout') =>
    readInventoryRefreshSetting(
      new ConfigReader({ vitals: { azure: { refresh } } }),
      key,
    );
  it('defaults to five minutes between reads and a nine-minute lease', () => {
    expect(read(undefined, 'interval')).toBe(300_000);
    expect(read(undefined, 'timeout')).toBe(540_000);
  });
  it('reads duration objects and ISO 8601', () => {
    expect(read({ interval: { minutes: 2 } }, 'interval')).toBe(120_000);
    expect(read({ timeout: 'PT30S' }, 'timeout')).toBe(30_000);
    expect(read({ interval: { seconds: 0 } }, 'interval')).toBe(0);
  });
  it.each([
    [{ interval: 300 }, 'interval', /not a bare number/],
    [{ interval: 'soon' }, 'interval', /must be a duration/],
    [{ timeout: { minutes: 0 } }, 'timeout', /positive duration/],
  ] as const)('refuses %j', (refresh, key, message) => {
    expect(() => read(refresh as JsonValue, key)).toThrow(message);
  });
});

describe('azureInventoryServiceRef', () => {
  it('gives every plugin of a backend the same inventory, read once', async () => {
    const source = new ScriptedSource();
    const seen: AzureInventoryService[] = [];
    const plugin = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: { inventory: azureInventoryServiceRef },
            async init({ inventory }) {
              seen.push(inventory);
              await inventory.refresh();
            },
          });
        },
      });
    const backend = await startTestBackend({
      features: [
        plugin('dr-readiness'),
        plugin('compliance'),
        createAzureInventoryServiceFactory({ source }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(seen[1]);
      expect(source.loads).toBe(1);
      expect((await seen[0].current())?.resources).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('reads the snapshot that vitals.azure names by default', async () => {
    let inventory: AzureInventoryService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'compliance',
          register(env) {
            env.registerInit({
              deps: { inv: azureInventoryServiceRef, _: coreServices.logger },
              async init({ inv }) {
                inventory = inv;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            vitals: {
              azure: {
                source: 'snapshot',
                snapshotPath: require.resolve(
                  '../../../examples/azure/estate.json',
                ),
              },
            },
          },
        }),
      ],
    });
    try {
      expect(inventory!.sourceKind).toBe('snapshot');
      const outcome = await inventory!.refresh();
      expect(outcome.error).toBeUndefined();
      expect(outcome.snapshot!.resourceCount).toBeGreaterThan(100);
    } finally {
      await backend.stop();
    }
  });
});

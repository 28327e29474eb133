import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createInventorySource, refreshInventory } from './inventoryService';
import { LiveInventorySource } from './live';
import { Inventory } from '@vitals/azure-inventory-common';
import { SnapshotInventorySource } from './snapshot';
import { InventoryLoadResult, InventorySource } from './source';

const inventory: Inventory = {
  provenance: {
    source: 'snapshot',
    fetchedAt: '2025-01-31T00:00:00Z',
    subscriptions: ['s1'],
    origin: 'estate.json',
  },
  resources: [],
};

describe('createInventorySource', () => {
  it('reads the snapshot by default, relative to the root', () => {
    const source = createInventorySource(new ConfigReader({}), {
      rootDir: '/repo',
    });
    expect(source).toBeInstanceOf(SnapshotInventorySource);
    expect((source as SnapshotInventorySource).path).toBe(
      resolve('/repo', 'examples/azure/estate.json'),
    );
  });

  it('reads Azure for source: live', () => {
    const source = createInventorySource(
      new ConfigReader({
        vitals: { azure: { source: 'live', subscriptions: ['s1'] } },
      }),
    );
    expect(source).toBeInstanceOf(LiveInventorySource);
    expect(source.kind).toBe('live');
  });

  it('names the key of an unknown source', () => {
    expect(() =>
      createInventorySource(
        new ConfigReader({ vitals: { azure: { source: 'arg' } } }),
      ),
    ).toThrow('vitals.azure.source must be "snapshot" or "live", got "arg"');
  });
});

describe('refreshInventory', () => {
  const loaded: InventoryLoadResult = {
    inventory,
    stats: {
      requests: 12,
      retries: 1,
      throttled: 1,
      failedResources: 1,
      durationMs: 40,
      strategy: 'resource-manager',
    },
    errors: [
      {
        resourceId:
          '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/a',
        operation: 'config/web',
        status: 500,
        message: 'boom',
      },
    ],
    warnings: ['one page only'],
  };

  it('stamps the refresh time and logs warnings and errors', async () => {
    const source: InventorySource = {
      kind: 'live',
      load: async () => loaded,
    };
    const logger = mockServices.logger.mock();
    const refresh = await refreshInventory(source, {
      now: () => new Date('2025-02-01T10:00:00Z'),
      logger,
    });
    expect(refresh).toEqual({
      ...loaded,
      refreshedAt: '2025-02-01T10:00:00.000Z',
    });
    expect(logger.warn).toHaveBeenCalledWith('one page only');
    expect(logger.warn).toHaveBeenCalledWith(
      'Azure inventory refreshed with 1 unreadable resources or child collections; first: /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/a (config/web): boom',
    );
  });

  it('rejects when the source cannot list the estate', async () => {
    const source: InventorySource = {
      kind: 'live',
      load: async () => {
        throw new Error('Listing resources of subscription s1 failed');
      },
    };
    await expect(refreshInventory(source)).rejects.toThrow(
      'Listing resources of subscription s1 failed',
    );
  });
});

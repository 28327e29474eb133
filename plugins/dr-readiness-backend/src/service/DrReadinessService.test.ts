import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import {
  AzureInventory,
  InventoryStore,
  SnapshotInventorySource,
} from '@vitals/azure-inventory';
import { DrStore } from '../database/DrStore';
import { DrReadinessService } from './DrReadinessService';

const databases = createVitalsTestDatabases();

// Each test starts a backend or a store and evaluates the demo estate.
jest.setTimeout(30_000);
const ESTATE = path.resolve(
  __dirname,
  '../../../../examples/azure/estate.json',
);

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'clinical-data' },
  };
}

const dr = {
  'vitals.dev/dr-tier': 'high',
  'vitals.dev/primary-region': 'eastus2',
};

describe.each(databases.eachSupportedId())(
  'DrReadinessService on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DrStore.create(mockServices.database({ knex }));
      const catalogEntities: Entity[] = [];
      let now = Date.parse('2026-11-23T12:00:00Z');
      const inventory = new AzureInventory({
        source: new SnapshotInventorySource({ path: ESTATE }),
        store: await InventoryStore.create(mockServices.database({ knex })),
        logger: mockServices.logger.mock(),
        minIntervalMs: 300_000,
        timeoutMs: 60_000,
        now: () => now,
      });
      const service = new DrReadinessService({
        store,
        catalog: {
          async *streamEntities() {
            yield [...catalogEntities];
          },
        } as any,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        inventory,
        refreshFrequencyMs: 600_000,
        now: () => now,
      });
      return {
        store,
        service,
        catalogEntities,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    it('follows the catalog between refreshes: evaluates newcomers, drops leavers', async () => {
      const { store, service, catalogEntities } = await setup();
      expect(await service.syncWithCatalog()).toEqual({ added: 0, removed: 0 });

      const outcome = await service.refresh();
      expect(outcome).toEqual({ inventoryRefreshed: true, evaluated: 0 });
      expect(await service.evaluationVersion()).toBeDefined();

      catalogEntities.push(
        component('records-service', dr),
        component('billing-service', {
          ...dr,
          'vitals.dev/dr-tier': 'standard',
          'vitals.dev/secondary-region': 'westus2',
        }),
        component('blank-annotations', { 'vitals.dev/dr-tier': ' ' }),
      );
      const version = await service.evaluationVersion();
      expect(await service.syncWithCatalog()).toEqual({ added: 2, removed: 0 });
      expect(await service.evaluationVersion()).not.toBe(version);
      expect(
        (await store.getEvaluation('component:default/billing-service'))
          ?.status,
      ).toBe('not-ready');
      expect(await service.syncWithCatalog()).toEqual({ added: 0, removed: 0 });

      catalogEntities.splice(0, 1);
      expect(await service.syncWithCatalog()).toEqual({ added: 0, removed: 1 });
      expect(await store.listEvaluatedRefs()).toEqual([
        'component:default/billing-service',
      ]);
    });

    it('reports the inventory stale after three missed refreshes, and fresh again after one', async () => {
      const { service, advance } = await setup();
      expect(await service.inventoryStatus()).toBeNull();
      await service.refresh();
      expect(await service.inventoryStatus()).toMatchObject({
        source: 'snapshot',
        ageSeconds: 0,
        stale: false,
      });
      advance(31 * 60_000);
      expect(await service.inventoryStatus()).toMatchObject({
        ageSeconds: 31 * 60,
        stale: true,
      });
      await service.refresh();
      expect((await service.inventoryStatus())!.stale).toBe(false);
    });
  },
);

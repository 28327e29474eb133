import { mockServices } from '@backstage/backend-test-utils';
import {
  AzureInventory,
  InventoryStore,
  LiveInventorySource,
} from '@vitals/azure-inventory';
import {
  FakeResourceManager,
  fixtureProviders,
} from '@vitals/azure-inventory/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { SUBSCRIPTION, testEstate } from '../testing/estate';
import { ComplianceInventory, InventoryUnavailableError } from './inventory';

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'the compliance inventory on %p, read live from a fake Resource Manager',
  databaseId => {
    let fake: FakeResourceManager;
    beforeAll(async () => {
      fake = await FakeResourceManager.start({
        resources: testEstate(),
        providers: fixtureProviders,
      });
    });
    afterAll(() => fake.stop());

    async function setup() {
      const knex = await databases.init(databaseId);
      let now = Date.UTC(2026, 10, 23, 12);
      const source = new LiveInventorySource({
        subscriptions: [SUBSCRIPTION],
        resourceManagerEndpoint: fake.url,
        credential: FakeResourceManager.credential(),
        ca: fake.caPem,
        retry: { maxRetries: 0 },
      });
      const shared = new AzureInventory({
        source,
        store: await InventoryStore.create(mockServices.database({ knex })),
        logger: mockServices.logger.mock(),
        minIntervalMs: 5 * 60_000,
        timeoutMs: 60_000,
        now: () => now,
      });
      const inventory = new ComplianceInventory({
        inventory: shared,
        maxAgeMs: 45 * 60_000,
      });
      return {
        inventory,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    it('keeps serving the last good inventory when Azure fails, and says how old it is', async () => {
      const { inventory, advance } = await setup();
      const first = await inventory.refresh();
      expect(first.error).toBeNull();
      expect(first.provenance.source).toBe('live');
      expect(first.resources.map(r => r.name)).toEqual(
        expect.arrayContaining(['stsecureapi', 'app-ftp', 'law-central']),
      );
      expect(await inventory.state()).toMatchObject({
        source: 'live',
        ageSeconds: 0,
        stale: false,
        error: null,
      });

      advance(20 * 60_000);
      fake.inject({ path: /.*/, status: 503, times: 1000 });
      try {
        const second = await inventory.refresh();
        expect(second.error).not.toBeNull();
        expect(second.resources).toHaveLength(first.resources.length);
        const state = await inventory.state();
        expect(state.ageSeconds).toBe(20 * 60);
        expect(state.stale).toBe(true);
        expect(state.error).toBe(second.error);
      } finally {
        fake.clearFaults();
      }
    });

    it('fails plainly when Azure fails and nothing was ever stored', async () => {
      const { inventory } = await setup();
      fake.inject({ path: /.*/, status: 403, times: 1000 });
      try {
        await expect(inventory.refresh()).rejects.toBeInstanceOf(
          InventoryUnavailableError,
        );
        expect(await inventory.state()).toMatchObject({
          refreshedAt: null,
          stale: true,
        });
      } finally {
        fake.clearFaults();
      }
    });
  },
);

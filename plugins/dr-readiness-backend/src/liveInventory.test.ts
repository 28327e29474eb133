import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createAzureInventoryServiceFactory } from '@vitals/azure-inventory';
import {
  FakeResourceManager,
  FIXTURE_ENTITY_REF,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  fixtureEstate,
  fixtureProviders,
} from '@vitals/azure-inventory/testUtils';
import request from 'supertest';
import { drReadinessPlugin } from './plugin';
import type { EntityReadinessBody } from './service/types';

// Real HTTPS round trips, retries with back-off: a generous budget.
jest.setTimeout(60_000);

const GRAPH = '/providers/Microsoft.ResourceGraph/resources';
const ENTITY_URL =
  '/api/dr-readiness/entities/default/component/patient-portal';

let fake: FakeResourceManager;

beforeAll(async () => {
  fake = await FakeResourceManager.start({
    resources: fixtureEstate,
    providers: fixtureProviders,
  });
});

afterAll(() => fake.stop());

/**
 * The plugin with the backend's shared inventory reading `vitals.azure`
 * live from the fake Resource Manager (its certificate and a fake credential
 * are what the service factory is given).
 */
async function startLive(azure: Record<string, unknown> = {}) {
  let scheduler: SchedulerService | undefined;
  const { server } = await startTestBackend({
    features: [
      drReadinessPlugin,
      createAzureInventoryServiceFactory({
        credential: FakeResourceManager.credential(),
        ca: fake.caPem,
      }),
      mockServices.rootConfig.factory({
        data: {
          vitals: {
            azure: {
              source: 'live',
              subscriptions: [
                FIXTURE_SUBSCRIPTION_ID,
                FIXTURE_SECONDARY_SUBSCRIPTION_ID,
              ],
              resourceManagerEndpoint: fake.url,
              maxRetries: 3,
              // Every triggered refresh reads Azure again.
              refresh: { interval: { seconds: 0 } },
              ...azure,
            },
          },
        },
      }),
      createBackendModule({
        pluginId: 'dr-readiness',
        moduleId: 'scheduler-handle',
        register(env) {
          env.registerInit({
            deps: { pluginScheduler: coreServices.scheduler },
            async init({ pluginScheduler }) {
              scheduler = pluginScheduler;
            },
          });
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'patient-portal',
              namespace: 'default',
              annotations: {
                'vitals.dev/dr-tier': 'standard',
                'vitals.dev/primary-region': 'eastus2',
              },
            },
            spec: { type: 'service', owner: 'care-experience' },
          },
        ],
      }),
    ],
  });
  return {
    server,
    refresh: () => scheduler!.triggerTask('dr-readiness-refresh'),
  };
}

const get = (server: any) =>
  request(server)
    .get(ENTITY_URL)
    .set('Authorization', mockCredentials.user.header());

describe('the live inventory, end to end against the fake Resource Manager', () => {
  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
  });

  it('rides out a 429 and a 500, and evaluates the estate it read', async () => {
    fake.inject({
      method: 'POST',
      path: GRAPH,
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    fake.inject({ path: /\/failoverGroups$/, status: 500, times: 1 });
    const { server, refresh } = await startLive();
    await refresh();

    const graph = fake.requestsTo(GRAPH, 'POST');
    expect(graph[0].status).toBe(429);
    expect(graph.slice(1).every(r => r.status === 200)).toBe(true);
    const groups = fake.requestsTo(/\/failoverGroups$/);
    expect(groups.map(r => r.status)).toContain(500);
    expect(groups[groups.length - 1].status).toBe(200);

    const res = await get(server);
    expect(res.status).toBe(200);
    const body = res.body as EntityReadinessBody;
    expect(body.entityRef).toBe(FIXTURE_ENTITY_REF);
    expect(body.inventory).toMatchObject({
      source: 'live',
      // Named, never addressed: the endpoint is a private address here.
      origin: 'Azure Resource Graph',
      stale: false,
    });
    expect(res.text).not.toContain(fake.url);
    expect(body.stale).toBe(false);
    // The failover group read after the 500 is judged.
    const sql = body.regions[0].checks.find(
      c => c.id === 'sql-failover-group',
    )!;
    expect(
      sql.resources.some(id => /failoverGroups\/fg-patient-portal$/.test(id)),
    ).toBe(true);
    expect(body.regions.map(r => r.region)).toEqual(['eastus2', 'centralus']);
  });

  it('keeps the last good estate when Azure keeps failing, and says so', async () => {
    const { server, refresh } = await startLive({ resourceGraph: false });
    await refresh();
    expect((await get(server)).body.stale).toBe(false);

    fake.clearRequests();
    fake.inject({
      path: `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resources`,
      status: 500,
    });
    await refresh();
    const listed = fake.requestsTo(
      `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resources`,
    );
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.every(r => r.status === 500)).toBe(true);

    const res = await get(server);
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(true);
    expect(res.body.inventory.stale).toBe(true);
    expect(res.body.inventory.error).toMatch(/500|Internal/);
    expect(res.body.regions[0].checks.length).toBeGreaterThan(0);
  });
});

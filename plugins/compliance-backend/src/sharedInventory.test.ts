import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createAzureInventoryServiceFactory,
  createInventorySource,
} from '@vitals/azure-inventory';
import {
  FakeResourceManager,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  fixtureEstate,
  fixtureProviders,
} from '@vitals/azure-inventory/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import drReadinessPlugin from '@vitals/plugin-dr-readiness-backend';
import request from 'supertest';
import { compliancePlugin } from './plugin';

// Real HTTPS round trips to the fake Resource Manager.
jest.setTimeout(60_000);

let fake: FakeResourceManager;
beforeAll(async () => {
  fake = await FakeResourceManager.start({
    resources: fixtureEstate,
    providers: fixtureProviders,
  });
});
afterAll(() => fake.stop());

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'patient-portal',
    namespace: 'default',
    annotations: {
      'vitals.dev/dr-tier': 'standard',
      'vitals.dev/primary-region': 'eastus2',
      'vitals.dev/data-classification': 'phi',
    },
  },
  spec: { type: 'service', owner: 'care-experience' },
};

const azure = (resourceGraph: boolean) => ({
  source: 'live',
  subscriptions: [FIXTURE_SUBSCRIPTION_ID, FIXTURE_SECONDARY_SUBSCRIPTION_ID],
  resourceManagerEndpoint: fake.url,
  resourceGraph,
  maxRetries: 0,
});

/** What one load of the estate costs, read by a source of its own. */
async function oneLoad(resourceGraph: boolean) {
  fake.clearRequests();
  const source = createInventorySource(
    new ConfigReader({ vitals: { azure: azure(resourceGraph) } }),
    { credential: FakeResourceManager.credential(), ca: fake.caPem },
  );
  const loaded = await source.load();
  const requests = fake.requestsTo(/.*/).length;
  fake.clearRequests();
  return { requests, resources: loaded.inventory.resources.length };
}

describe.each([
  ['Resource Graph', true],
  ['Resource Manager', false],
])(
  'DR readiness and compliance in one backend, reading Azure through %s',
  (_name, resourceGraph) => {
    it('read the estate once for both, and judge the same resources', async () => {
      const baseline = await oneLoad(resourceGraph);
      expect(baseline.resources).toBeGreaterThan(10);

      const scheduler = mockServices.scheduler();
      const { server } = await startTestBackend({
        features: [
          compliancePlugin,
          drReadinessPlugin,
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
          createAzureInventoryServiceFactory({
            credential: FakeResourceManager.credential(),
            ca: fake.caPem,
          }),
          catalogServiceMock.factory({ entities: [entity] }),
          mockServices.rootConfig.factory({
            data: { vitals: { azure: azure(resourceGraph) } },
          }),
        ],
      });
      // Each plugin's scheduled refresh, as a started portal runs them.
      await scheduler.triggerTask('dr-readiness-refresh');
      await scheduler.triggerTask('compliance-evaluate');

      const requests = fake.requestsTo(/.*/);
      expect(requests.length).toBe(baseline.requests);
      // No resource, child collection or provider is read twice.
      const gets = requests
        .filter(r => r.method === 'GET')
        .map(r => `${r.path.toLowerCase()}?${JSON.stringify(r.query)}`);
      expect(gets.length).toBeGreaterThan(0);
      expect(gets.length).toBe(new Set(gets).size);

      const get = (path: string) =>
        request(server)
          .get(path)
          .set('Authorization', mockCredentials.user.header());
      const [dr, compliance] = await Promise.all([
        get('/api/dr-readiness/entities/default/component/patient-portal'),
        get('/api/compliance/entities/default/component/patient-portal'),
      ]);
      expect(dr.status).toBe(200);
      expect(compliance.status).toBe(200);
      // Both answers come from the one refresh.
      expect(dr.body.inventory.refreshedAt).toEqual(expect.any(String));
      expect(compliance.body.dataSources.azure.refreshedAt).toBe(
        dr.body.inventory.refreshedAt,
      );
      const drCoverage = await get('/api/dr-readiness/coverage');
      const complianceCoverage = await get('/api/compliance/coverage');
      const total = (body: { types: { resources: number }[] }) =>
        body.types.reduce((n, t) => n + t.resources, 0);
      expect(total(drCoverage.body)).toBe(baseline.resources);
      expect(total(complianceCoverage.body)).toBe(baseline.resources);
    });
  },
);

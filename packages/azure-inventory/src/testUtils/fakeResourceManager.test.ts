import { Agent } from 'node:https';
import { ResourceManagementClient } from '@azure/arm-resources';
import { FakeResourceManager } from './fakeResourceManager';
import {
  FIXTURE_SUBSCRIPTION_ID,
  fixtureEstate,
  fixtureProviders,
} from './fixtures';

const VAULT = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/providers/Microsoft.KeyVault/vaults/kv-patient-portal`;

describe('FakeResourceManager', () => {
  let fake: FakeResourceManager;
  let client: ResourceManagementClient;

  beforeAll(async () => {
    fake = await FakeResourceManager.start({
      resources: fixtureEstate,
      providers: fixtureProviders,
      listPageSize: 4,
    });
    client = new ResourceManagementClient(
      FakeResourceManager.credential(),
      FIXTURE_SUBSCRIPTION_ID,
      {
        endpoint: fake.url,
        agent: new Agent({ ca: fake.caPem }),
        retryOptions: { maxRetries: 0 },
      },
    );
  });

  afterAll(() => fake.stop());

  beforeEach(() => {
    fake.clearFaults();
    fake.clearRequests();
  });

  it('serves getById for a registered api-version, with the SDK double slash normalised', async () => {
    const vault = await client.resources.getById(VAULT, '2023-07-01');
    expect(vault.properties?.enableSoftDelete).toBe(true);
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: VAULT,
      apiVersion: '2023-07-01',
      status: 200,
    });
  });

  it('answers 400 NoRegisteredProviderFound for an api-version the type does not have', async () => {
    await expect(
      client.resources.getById(VAULT, '2016-10-01'),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'NoRegisteredProviderFound',
      message: expect.stringContaining(
        "The supported api-versions are '2024-04-01-preview, 2023-07-01, 2022-07-01, 2019-09-01'",
      ),
    });
  });

  it('lists without properties, in nextLink pages, and without tags when filtered by tag', async () => {
    const all = [];
    for await (const item of client.resources.list()) {
      all.push(item);
    }
    expect(all).toHaveLength(14);
    expect(
      all.every(r => (r as { properties?: unknown }).properties === undefined),
    ).toBe(true);
    expect(fake.requests).toHaveLength(4);

    const tagged = [];
    for await (const item of client.resources.list({
      filter:
        "tagName eq 'vitals-entity' and tagValue eq 'component:default/billing'",
    })) {
      tagged.push(item);
    }
    expect(tagged.map(r => [r.name, r.tags])).toEqual([
      ['stbillingexports', undefined],
    ]);
  });

  it('rejects requests without the fake bearer token', async () => {
    const stranger = new ResourceManagementClient(
      {
        getToken: async () => ({
          token: 'other',
          expiresOnTimestamp: Date.now() + 60_000,
        }),
      },
      FIXTURE_SUBSCRIPTION_ID,
      {
        endpoint: fake.url,
        agent: new Agent({ ca: fake.caPem }),
        retryOptions: { maxRetries: 0 },
      },
    );
    await expect(
      stranger.resources.getById(VAULT, '2023-07-01'),
    ).rejects.toMatchObject({
      statusCode: 401,
      code: 'AuthenticationFailed',
    });
  });

  it('applies a fault the given number of times and logs it', async () => {
    fake.inject({
      path: VAULT.toUpperCase(),
      status: 503,
      times: 1,
      headers: { 'retry-after': '3' },
    });
    await expect(
      client.resources.getById(VAULT, '2023-07-01'),
    ).rejects.toMatchObject({ statusCode: 503 });
    await expect(
      client.resources.getById(VAULT, '2023-07-01'),
    ).resolves.toMatchObject({ name: 'kv-patient-portal' });
    expect(fake.requests.map(r => [r.status, r.faulted])).toEqual([
      [503, true],
      [200, false],
    ]);
  });

  it('is refused by a client that does not trust its certificate', async () => {
    const untrusting = new ResourceManagementClient(
      FakeResourceManager.credential(),
      FIXTURE_SUBSCRIPTION_ID,
      { endpoint: fake.url, retryOptions: { maxRetries: 0 } },
    );
    await expect(
      untrusting.resources.getById(VAULT, '2023-07-01'),
    ).rejects.toThrow(/self[- ]signed certificate/i);
    expect(fake.requests).toHaveLength(0);
  });
});

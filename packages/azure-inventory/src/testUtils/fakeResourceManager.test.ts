import { Agent, request } from 'node:https';
import { ResourceManagementClient } from '@azure/arm-resources';
import { FAKE_ACCESS_TOKEN, FakeResourceManager } from './fakeResourceManager';
import {
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  fixtureEstate,
  fixtureProviders,
} from './fixtures';
import { generateSyntheticEstate } from './syntheticEstate';

const PRIMARY = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/providers`;
const VAULT = `${PRIMARY}/Microsoft.KeyVault/vaults/kv-patient-portal`;
const STORAGE = `${PRIMARY}/Microsoft.Storage/storageAccounts/stpatientportal`;
const SITE = `${PRIMARY}/Microsoft.Web/sites/app-patient-portal`;
const GRAPH = '/providers/Microsoft.ResourceGraph/resources';
const SITE_CONFIG_QUERY = [
  'appserviceresources',
  "| where type =~ 'microsoft.web/sites/config'",
  '| project id, name, type, properties',
  '| order by id asc',
].join('\n');

/** A raw HTTPS call with the fake's token, for requests the SDK clients shape differently. */
function call(
  fake: FakeResourceManager,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${pathAndQuery}`,
      {
        method,
        ca: fake.caPem,
        headers: {
          authorization: `Bearer ${FAKE_ACCESS_TOKEN}`,
          'content-type': 'application/json',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const graphQuery = (
  fake: FakeResourceManager,
  query: string,
  options: Record<string, unknown> = {},
  subscriptions = [FIXTURE_SUBSCRIPTION_ID],
) =>
  call(fake, 'POST', `${GRAPH}?api-version=2021-03-01`, {
    subscriptions,
    query,
    options: { resultFormat: 'objectArray', ...options },
  });

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

  it("serves each site's config/web from the appserviceresources table, with PascalCase properties", async () => {
    const { status, body } = await graphQuery(fake, SITE_CONFIG_QUERY);
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    const [row] = body.data;
    expect(row).toMatchObject({
      id: `${SITE}/config/web`,
      name: 'app-patient-portal',
      type: 'microsoft.web/sites/config',
      subscriptionId: FIXTURE_SUBSCRIPTION_ID,
      resourceGroup: 'rg-patient-portal-eastus2',
      properties: {
        MinTlsVersion: '1.2',
        FtpsState: 'Disabled',
        Http20Enabled: true,
        AlwaysOn: true,
      },
    });
    expect(row.properties.minTlsVersion).toBeUndefined();
    expect(body.$skipToken).toBeUndefined();

    const secondary = await graphQuery(fake, SITE_CONFIG_QUERY, {}, [
      FIXTURE_SECONDARY_SUBSCRIPTION_ID,
    ]);
    expect(secondary.body.data).toEqual([]);
  });

  it('pages appserviceresources rows with $skipToken', async () => {
    const subscriptions = [FIXTURE_SUBSCRIPTION_ID];
    // Ten resources, two of them sites, ordered by id: app-site7 lies in
    // rg-service-0-centralus, app-site2 in rg-service-0-eastus2.
    const synthetic = await FakeResourceManager.start({
      resources: generateSyntheticEstate({ count: 10, subscriptions }),
      providers: fixtureProviders,
    });
    try {
      const first = await graphQuery(synthetic, SITE_CONFIG_QUERY, {
        $top: 1,
      });
      expect(first.body.data.map((r: any) => r.name)).toEqual(['app-site7']);
      expect(first.body.$skipToken).toEqual(expect.any(String));
      const second = await graphQuery(synthetic, SITE_CONFIG_QUERY, {
        $top: 1,
        $skipToken: first.body.$skipToken,
      });
      expect(second.body.data.map((r: any) => r.name)).toEqual(['app-site2']);
      expect(second.body.$skipToken).toBeUndefined();
    } finally {
      await synthetic.stop();
    }
  });

  it('refuses a query of another table', async () => {
    const { status, body } = await graphQuery(fake, 'securityresources');
    expect(status).toBe(400);
    expect(body.error.code).toEqual(expect.any(String));
    expect(fake.requests.map(r => r.kind)).toEqual([
      'resource graph: securityresources',
    ]);
  });

  it('logs what each request asked for, and counts requests by kind', async () => {
    const version = (v: string) => `?api-version=${v}`;
    await call(fake, 'GET', `${VAULT}${version('2023-07-01')}`);
    await call(fake, 'GET', `${VAULT}${version('2023-07-01')}`);
    await call(
      fake,
      'GET',
      `${STORAGE}${version('2024-01-01')}&$expand=geoReplicationStats`,
    );
    await call(
      fake,
      'GET',
      `${VAULT}/providers/Microsoft.Insights/diagnosticSettings${version(
        '2021-05-01-preview',
      )}`,
    );
    await call(
      fake,
      'GET',
      `${STORAGE}/blobServices/default/providers/Microsoft.Insights/diagnosticSettings${version(
        '2021-05-01-preview',
      )}`,
    );
    await call(fake, 'GET', `${SITE}/config/web${version('2024-04-01')}`);
    await call(
      fake,
      'GET',
      `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resources${version(
        '2021-04-01',
      )}`,
    );
    await call(
      fake,
      'GET',
      `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/resources${version(
        '2021-04-01',
      )}`,
    );
    await call(
      fake,
      'GET',
      `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/providers/Microsoft.Web${version(
        '2021-04-01',
      )}`,
    );
    await call(
      fake,
      'GET',
      `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/providers/Microsoft.Sql/locations/eastus2/instanceFailoverGroups${version(
        '2023-08-01',
      )}`,
    );
    await graphQuery(fake, 'resources | project id');
    await graphQuery(fake, SITE_CONFIG_QUERY);

    expect(fake.requests.map(r => r.kind)).toEqual([
      'get microsoft.keyvault/vaults',
      'get microsoft.keyvault/vaults',
      'get microsoft.storage/storageaccounts ($expand=geoReplicationStats)',
      'microsoft.keyvault/vaults → providers/microsoft.insights/diagnosticsettings',
      'microsoft.storage/storageaccounts → blobservices/default/providers/microsoft.insights/diagnosticsettings',
      'microsoft.web/sites → config/web',
      'list resources',
      'list resources',
      'provider api-versions',
      'list microsoft.sql/locations/instancefailovergroups',
      'resource graph: resources',
      'resource graph: appserviceresources',
    ]);
    expect(fake.requests.every(r => r.status === 200)).toBe(true);
    expect(fake.requestsByKind()).toEqual([
      { kind: 'get microsoft.keyvault/vaults', count: 2 },
      { kind: 'list resources', count: 2 },
      {
        kind: 'get microsoft.storage/storageaccounts ($expand=geoReplicationStats)',
        count: 1,
      },
      {
        kind: 'list microsoft.sql/locations/instancefailovergroups',
        count: 1,
      },
      {
        kind: 'microsoft.keyvault/vaults → providers/microsoft.insights/diagnosticsettings',
        count: 1,
      },
      {
        kind: 'microsoft.storage/storageaccounts → blobservices/default/providers/microsoft.insights/diagnosticsettings',
        count: 1,
      },
      { kind: 'microsoft.web/sites → config/web', count: 1 },
      { kind: 'provider api-versions', count: 1 },
      { kind: 'resource graph: appserviceresources', count: 1 },
      { kind: 'resource graph: resources', count: 1 },
    ]);
  });

  it('applies a fault to the requests of one kind only', async () => {
    fake.inject({
      method: 'POST',
      path: GRAPH,
      kind: 'resource graph: appserviceresources',
      status: 400,
      times: 1,
    });
    expect((await graphQuery(fake, 'resources | project id')).status).toBe(200);
    expect((await graphQuery(fake, SITE_CONFIG_QUERY)).status).toBe(400);
    expect((await graphQuery(fake, SITE_CONFIG_QUERY)).status).toBe(200);
    expect(fake.requests.map(r => [r.kind, r.status, r.faulted])).toEqual([
      ['resource graph: resources', 200, false],
      ['resource graph: appserviceresources', 400, true],
      ['resource graph: appserviceresources', 200, false],
    ]);

    fake.inject({ path: STORAGE, kind: /\(\$expand=/, status: 500 });
    expect(
      (
        await call(
          fake,
          'GET',
          `${STORAGE}?api-version=2024-01-01&$expand=geoReplicationStats`,
        )
      ).status,
    ).toBe(500);
    expect(
      (await call(fake, 'GET', `${STORAGE}?api-version=2024-01-01`)).status,
    ).toBe(200);
  });
});

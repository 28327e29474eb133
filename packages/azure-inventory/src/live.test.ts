import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  LiveInventorySource,
  LiveInventorySourceOptions,
  buildResourceGraphChildQuery,
  buildResourceGraphQuery,
  pickApiVersion,
  tagListFilter,
} from './live';
import { AzureResource } from '@vitals/azure-inventory-common';
import { collectedChildTypes } from './childResources';
import {
  FAKE_ACCESS_TOKEN,
  FIXTURE_ENTITY_REF,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  FakeResourceBody,
  FakeResourceManager,
  familiesEstate,
  fixtureEstate,
  fixtureProviders,
  generateSyntheticEstate,
} from './testUtils';

const PRIMARY = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-eastus2/providers`;
const SECONDARY = `/subscriptions/${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-centralus/providers`;
const SERVER = `${PRIMARY}/Microsoft.Sql/servers/sql-patient-portal-eastus2`;
const DATABASE = `${SERVER}/databases/patients`;
const SITE = `${PRIMARY}/Microsoft.Web/sites/app-patient-portal`;
const STORAGE = `${PRIMARY}/Microsoft.Storage/storageAccounts/stpatientportal`;
const VAULT = `${PRIMARY}/Microsoft.KeyVault/vaults/kv-patient-portal`;
const COSMOS = `${PRIMARY}/Microsoft.DocumentDB/databaseAccounts/cosmos-patient-portal`;
const AFD = `${PRIMARY}/Microsoft.Cdn/profiles/afd-patient-portal`;
const BILLING = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-billing-eastus2/providers/Microsoft.Storage/storageAccounts/stbillingexports`;

/** Every id the fixture estate yields, children under their real ids. */
const ALL_IDS = fixtureEstate
  .map(entry =>
    String(
      typeof entry.at === 'string' ? entry.at : (entry as FakeResourceBody).id,
    ),
  )
  .map(id => id.toLowerCase())
  .sort();

// Real HTTPS round trips on a shared CI machine: generous per-test budget.
jest.setTimeout(60_000);

const GRAPH = '/providers/Microsoft.ResourceGraph/resources';
/** The kinds the fake gives the two Resource Graph queries of a load. */
const RESOURCES_QUERY = 'resource graph: resources';
const APP_SERVICE_QUERY = 'resource graph: appserviceresources';
const SITE_CONFIG_QUERY = buildResourceGraphChildQuery({
  table: 'appserviceresources',
  type: 'microsoft.web/sites/config',
});
const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 40 };
/**
 * A storage account's own diagnostic settings: Azure Monitor offers metrics
 * only at the account level (storage logs are configured per service), so
 * a load never reads them.
 */
const STORAGE_ACCOUNT_DIAGNOSTICS =
  /\/storageAccounts\/[^/]+\/providers\/Microsoft\.Insights\/diagnosticSettings$/i;

let fake: FakeResourceManager;

beforeAll(async () => {
  fake = await FakeResourceManager.start({
    resources: fixtureEstate,
    providers: fixtureProviders,
  });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

function source(
  overrides: Partial<LiveInventorySourceOptions> = {},
  server: FakeResourceManager = fake,
) {
  return new LiveInventorySource({
    subscriptions: [FIXTURE_SUBSCRIPTION_ID, FIXTURE_SECONDARY_SUBSCRIPTION_ID],
    resourceManagerEndpoint: server.url,
    credential: FakeResourceManager.credential(),
    ca: server.caPem,
    retry: FAST_RETRY,
    ...overrides,
  });
}

function byId(resources: AzureResource[], id: string): AzureResource {
  const found = resources.find(r => r.id.toLowerCase() === id.toLowerCase());
  if (!found) {
    throw new Error(`${id} is not in the inventory`);
  }
  return found;
}

const ids = (resources: AzureResource[]) =>
  resources.map(r => r.id.toLowerCase()).sort();

describe('pure helpers', () => {
  it.each([
    [
      ['2023-05-01', '2024-01-01', '2024-06-01-preview', '2023-01-01'],
      '2024-01-01',
    ],
    [['2021-05-01-preview', '2017-05-01-preview'], '2021-05-01-preview'],
    [['2016-09-01', '2021-05-01-preview'], '2016-09-01'],
    [[], undefined],
  ])('pickApiVersion(%j) = %s', (versions, expected) => {
    expect(pickApiVersion(versions)).toBe(expected);
  });

  it.each([
    [
      { name: 'vitals-entity', value: 'component:default/a' },
      "tagName eq 'vitals-entity' and tagValue eq 'component:default/a'",
    ],
    [{ name: "o'brien" }, "tagName eq 'o''brien'"],
  ])('tagListFilter(%j)', (tag, expected) => {
    expect(tagListFilter(tag)).toBe(expected);
  });

  it('builds the Resource Graph query with escaped scope clauses', () => {
    expect(
      buildResourceGraphQuery({
        tag: { name: 'vitals-entity', value: "it's" },
        resourceGroups: [{ subscriptionId: 's1', resourceGroup: 'rg-a' }],
      }),
    ).toBe(
      [
        'resources',
        "| where (subscriptionId =~ 's1' and resourceGroup =~ 'rg-a')",
        "| where tags['vitals-entity'] =~ 'it\\'s'",
        '| project id, name, type, location, subscriptionId, resourceGroup, kind, sku, zones, tags, identity, properties',
        '| order by id asc',
      ].join('\n'),
    );
  });

  it('builds the query of a child table, scoped by resource group but not by tag', () => {
    const child = {
      table: 'appserviceresources',
      type: 'microsoft.web/sites/config',
    };
    expect(
      buildResourceGraphChildQuery(child, {
        tag: { name: 'vitals-entity', value: 'component:default/a' },
        resourceGroups: [{ subscriptionId: 's1', resourceGroup: "rg-'a" }],
      }),
    ).toBe(
      [
        'appserviceresources',
        "| where type =~ 'microsoft.web/sites/config'",
        "| where (subscriptionId =~ 's1' and resourceGroup =~ 'rg-\\'a')",
        '| project id, name, type, properties',
        '| order by id asc',
      ].join('\n'),
    );
    expect(buildResourceGraphChildQuery(child)).toBe(SITE_CONFIG_QUERY);
  });
});

describe('LiveInventorySource configuration', () => {
  it.each([
    [
      { subscriptions: [] },
      'vitals.azure.subscriptions must list at least one subscription id when vitals.azure.source is live',
    ],
    [
      { subscriptions: ['s'], resourceManagerEndpoint: 'http://127.0.0.1:1' },
      'vitals.azure.resourceManagerEndpoint must be an https URL, got "http://127.0.0.1:1"',
    ],
    [
      { subscriptions: ['s'], concurrency: 0 },
      'vitals.azure.concurrency must be a positive integer, got 0',
    ],
    [
      { subscriptions: ['s'], retry: { maxRetries: -1 } },
      'vitals.azure.maxRetries must be a non-negative integer, got -1',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => new LiveInventorySource(options)).toThrow(message);
  });

  it('reads vitals.azure from config', async () => {
    const live = LiveInventorySource.fromConfig(
      new ConfigReader({
        vitals: {
          azure: {
            source: 'live',
            subscriptions: [FIXTURE_SECONDARY_SUBSCRIPTION_ID],
            resourceManagerEndpoint: `${fake.url}/`,
            resourceGraph: false,
            concurrency: 2,
            maxRetries: 0,
          },
        },
      }),
      { credential: FakeResourceManager.credential(), ca: fake.caPem },
    );
    fake.inject({
      path: `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
      status: 503,
      times: 1,
    });
    const result = await live.load();
    expect(fake.requestsTo(GRAPH)).toHaveLength(0);
    expect(result.inventory.provenance.subscriptions).toEqual([
      FIXTURE_SECONDARY_SUBSCRIPTION_ID,
    ]);
    expect(result.inventory.provenance.origin).toBe('Azure Resource Manager');
    // maxRetries: 0 — the one 503 is final.
    expect(result.errors).toEqual([
      expect.objectContaining({
        resourceId: `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
        operation: 'get',
        status: 503,
      }),
    ]);
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
  });
});

describe('LiveInventorySource against the fake Resource Manager over HTTPS', () => {
  it('reads the estate with Resource Graph, paging with $skipToken, and fetches child resources', async () => {
    const paged = await FakeResourceManager.start({
      resources: fixtureEstate,
      providers: fixtureProviders,
      resourceGraphPageSize: 4,
    });
    try {
      const result = await source({}, paged).load();
      const posts = paged.requestsTo(GRAPH, 'POST');
      expect(posts.map(r => r.kind)).toEqual([
        RESOURCES_QUERY,
        RESOURCES_QUERY,
        RESOURCES_QUERY,
        RESOURCES_QUERY,
        APP_SERVICE_QUERY,
      ]);
      const graph = posts.filter(r => r.kind === RESOURCES_QUERY);
      // 16 listed resources, 4 per page.
      expect(
        graph.map(r => (r.body as any).options.$skipToken === undefined),
      ).toEqual([true, false, false, false]);
      expect(graph[0].apiVersion).toBe('2021-03-01');
      expect((graph[0].body as any).subscriptions).toEqual([
        FIXTURE_SUBSCRIPTION_ID,
        FIXTURE_SECONDARY_SUBSCRIPTION_ID,
      ]);
      expect(graph.map(r => (r.body as any).query)).toEqual(
        graph.map(() => buildResourceGraphQuery()),
      );
      // Then the one site's config/web: one row, one page, after the listing.
      const [appService] = posts.filter(r => r.kind === APP_SERVICE_QUERY);
      expect(appService.body).toMatchObject({
        query: SITE_CONFIG_QUERY,
        subscriptions: [
          FIXTURE_SUBSCRIPTION_ID,
          FIXTURE_SECONDARY_SUBSCRIPTION_ID,
        ],
      });
      expect((appService.body as any).options.$skipToken).toBeUndefined();
      expect(appService.startedAt).toBeGreaterThanOrEqual(graph[3].finishedAt);
      expect(paged.requestsTo(`${SITE}/config/web`)).toEqual([]);
      expect(
        byId(result.inventory.resources, SITE).properties.siteConfig,
      ).toMatchObject({
        minTlsVersion: '1.2',
        ftpsState: 'Disabled',
        http20Enabled: true,
        alwaysOn: true,
      });
      expect(result.stats.strategy).toBe('resource-graph');
      expect(ids(result.inventory.resources)).toEqual(ALL_IDS);
      // Full properties straight from Resource Graph: no plain getById of
      // listed resources, only the geo-replication stats Graph lacks.
      expect(paged.requestsTo(STORAGE).map(r => r.query.$expand)).toEqual([
        'geoReplicationStats',
      ]);
      expect(paged.requestsTo(BILLING)).toEqual([]);
      expect(
        byId(result.inventory.resources, STORAGE).properties.minimumTlsVersion,
      ).toBe('TLS1_2');
      expect(result.errors).toEqual([]);
      expect(result.stats.requests).toBe(paged.requests.length);
    } finally {
      await paged.stop();
    }
  });

  it('falls back to Resource Manager when Resource Graph answers 403, with the same estate', async () => {
    fake.inject({
      method: 'POST',
      path: GRAPH,
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message:
            "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read'.",
        },
      },
    });
    const logger = mockServices.logger.mock();
    const result = await source({ logger }).load();
    expect(result.stats.strategy).toBe('resource-manager');
    expect(result.stats.resourceGraphFallbackReason).toContain('403');
    expect(result.stats.resourceGraphFallbackReason).toContain(
      'AuthorizationFailed',
    );
    expect(fake.requestsTo(GRAPH)).toHaveLength(1);
    expect(ids(result.inventory.resources)).toEqual(ALL_IDS);
    expect(result.inventory.provenance.origin).toBe('Azure Resource Manager');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'reading the estate through Resource Manager instead',
      ),
    );
  });

  it('gives both strategies the same properties', async () => {
    const graph = await source().load();
    const manager = await source({ resourceGraph: false }).load();
    expect(graph.stats.strategy).toBe('resource-graph');
    expect(manager.stats.strategy).toBe('resource-manager');
    for (const id of [
      STORAGE,
      COSMOS,
      VAULT,
      DATABASE,
      `${DATABASE}/transparentDataEncryption/current`,
      // config/web from the appserviceresources table in one, GET in the other.
      SITE,
      `${SITE}/config/web`,
    ]) {
      expect(byId(manager.inventory.resources, id).properties).toEqual(
        byId(graph.inventory.resources, id).properties,
      );
      expect(byId(manager.inventory.resources, id).tags).toEqual(
        byId(graph.inventory.resources, id).tags,
      );
    }
  });

  it("pages resources.list with nextLink and reads each resource with its type's newest stable api-version", async () => {
    const paged = await FakeResourceManager.start({
      resources: fixtureEstate,
      providers: fixtureProviders,
      listPageSize: 3,
    });
    try {
      const result = await source({ resourceGraph: false }, paged).load();
      // 14 listed in the primary subscription (3 per page), 2 in the secondary.
      expect(
        paged.requestsTo(`/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resources`),
      ).toHaveLength(5);
      expect(
        paged.requestsTo(
          `/subscriptions/${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/resources`,
        ),
      ).toHaveLength(1);
      expect(
        paged
          .requestsTo(`/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resources`)
          .map(r => r.query.$skiptoken),
      ).toEqual([undefined, '3', '6', '9', '12']);

      const versionOf = (id: string) =>
        paged.requestsTo(id).map(r => r.apiVersion);
      // The listing names the RA-GRS SKU: read once, with the last sync
      // time; the LRS account with a plain GET.
      expect(versionOf(STORAGE)).toEqual(['2024-01-01']);
      expect(paged.requestsTo(STORAGE).map(r => r.query)).toEqual([
        { 'api-version': '2024-01-01', $expand: 'geoReplicationStats' },
      ]);
      expect(paged.requestsTo(BILLING).map(r => r.query)).toEqual([
        { 'api-version': '2024-01-01' },
      ]);
      expect(
        byId(result.inventory.resources, STORAGE).properties
          .geoReplicationStats,
      ).toMatchObject({ status: 'Live', canFailover: true });
      expect(
        byId(result.inventory.resources, BILLING).properties
          .geoReplicationStats,
      ).toBeUndefined();
      expect(versionOf(COSMOS)).toEqual(['2025-04-15']);
      expect(versionOf(VAULT)).toEqual(['2023-07-01']);
      expect(versionOf(SITE)).toEqual(['2024-04-01']);
      expect(versionOf(SERVER)).toEqual(['2023-08-01']);
      expect(
        versionOf(
          `${PRIMARY}/Microsoft.ContainerService/managedClusters/aks-patient-portal`,
        ),
      ).toEqual(['2024-09-01']);
      expect(
        versionOf(
          `${PRIMARY}/Microsoft.Network/trafficManagerProfiles/tm-patient-portal`,
        ),
      ).toEqual(['2022-04-01']);

      // providers.get once per namespace, not per resource.
      const providerReads = paged.requests.filter(r =>
        /^\/subscriptions\/[^/]+\/providers\/[^/]+$/.test(r.path),
      );
      expect(
        providerReads.map(r => r.path.split('/').pop()!.toLowerCase()).sort(),
      ).toEqual([
        'microsoft.cdn',
        'microsoft.containerservice',
        'microsoft.documentdb',
        'microsoft.keyvault',
        'microsoft.network',
        'microsoft.recoveryservices',
        'microsoft.sql',
        'microsoft.storage',
        'microsoft.web',
      ]);
      expect(ids(result.inventory.resources)).toEqual(ALL_IDS);
      expect(result.errors).toEqual([]);
    } finally {
      await paged.stop();
    }
  });

  it('fetches the child resources the checks need, each under its real id', async () => {
    const { inventory } = await source({ resourceGraph: false }).load();
    const resources = inventory.resources;

    // TDE answers with the database id and retention with a provider-first id: rebuilt under the database.
    expect(
      byId(resources, `${DATABASE}/transparentDataEncryption/current`),
    ).toMatchObject({
      type: 'microsoft.sql/servers/databases/transparentdataencryption',
      name: 'current',
      location: 'eastus2',
      subscriptionId: FIXTURE_SUBSCRIPTION_ID,
      resourceGroup: 'rg-patient-portal-eastus2',
      properties: { state: 'Enabled' },
    });
    expect(
      byId(resources, `${DATABASE}/backupLongTermRetentionPolicies/default`),
    ).toMatchObject({
      type: 'microsoft.sql/servers/databases/backuplongtermretentionpolicies',
      properties: {
        weeklyRetention: 'P5W',
        monthlyRetention: 'P12M',
        yearlyRetention: 'P6Y',
      },
    });
    expect(
      byId(resources, `${SERVER}/failoverGroups/fg-patient-portal`).properties
        .partnerServers,
    ).toEqual([
      {
        id: `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
        location: 'Central US',
        replicationRole: 'Secondary',
      },
    ]);
    expect(
      byId(resources, `${SERVER}/auditingSettings/default`).properties
        .isAzureMonitorTargetEnabled,
    ).toBe(true);
    expect(
      byId(
        resources,
        `${DATABASE}/providers/microsoft.insights/diagnosticSettings/sql-audit`,
      ).type,
    ).toBe('microsoft.insights/diagnosticsettings');
    expect(
      byId(
        resources,
        `${STORAGE}/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob-audit`,
      ).properties.logs,
    ).toEqual([
      {
        categoryGroup: 'audit',
        enabled: true,
        retentionPolicy: { enabled: false, days: 0 },
      },
    ]);
    expect(
      byId(
        resources,
        `${AFD}/origingroups/og-patient-portal/origins/origin-centralus`,
      ).properties.priority,
    ).toBe(2);

    // config/web is merged into the site's siteConfig, whose GET leaves these null.
    const site = byId(resources, SITE);
    expect(site.properties.siteConfig).toMatchObject({
      minTlsVersion: '1.2',
      ftpsState: 'Disabled',
      http20Enabled: true,
      alwaysOn: true,
      linuxFxVersion: 'NODE|20-lts',
    });
    expect(byId(resources, `${SITE}/config/web`).type).toBe(
      'microsoft.web/sites/config',
    );

    // master: no TDE, retention or diagnostic settings requests.
    expect(
      fake.requests.filter(r => /\/databases\/master\//i.test(r.path)),
    ).toEqual([]);
    // Databases came from the listing, not from a child read.
    expect(fake.requestsTo(`${SERVER}/databases`)).toHaveLength(0);
  });

  it('follows nextLink in child collections', async () => {
    const paged = await FakeResourceManager.start({
      resources: fixtureEstate,
      providers: fixtureProviders,
      listPageSize: 1,
    });
    try {
      const result = await source({}, paged).load();
      const origins = `${AFD}/origingroups/og-patient-portal/origins`;
      expect(paged.requestsTo(origins).map(r => r.query.$skiptoken)).toEqual([
        undefined,
        '1',
      ]);
      expect(
        result.inventory.resources
          .filter(r => r.type === 'microsoft.cdn/profiles/origingroups/origins')
          .map(r => r.name)
          .sort(),
      ).toEqual(['origin-centralus', 'origin-eastus2']);
      expect(result.errors).toEqual([]);
    } finally {
      await paged.stop();
    }
  });

  it('honours 429 Retry-After before repeating the request', async () => {
    fake.inject({
      path: VAULT,
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const result = await source({ resourceGraph: false }).load();
    const attempts = fake.requestsTo(VAULT);
    expect(attempts.map(a => a.status)).toEqual([429, 200]);
    const waited = attempts[1].startedAt - attempts[0].finishedAt;
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(4_000);
    expect(result.stats).toMatchObject({
      throttled: 1,
      retries: 1,
      failedResources: 0,
    });
    expect(
      byId(result.inventory.resources, VAULT).properties.enablePurgeProtection,
    ).toBe(true);
  });

  it('honours Retry-After on the Resource Graph client too', async () => {
    fake.inject({
      method: 'POST',
      path: GRAPH,
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const result = await source().load();
    const posts = fake.requestsTo(GRAPH);
    const attempts = posts.filter(r => r.kind === RESOURCES_QUERY);
    expect(attempts.map(a => a.status)).toEqual([429, 200]);
    expect(
      attempts[1].startedAt - attempts[0].finishedAt,
    ).toBeGreaterThanOrEqual(990);
    // The site config query came after, unthrottled.
    expect(
      posts.filter(r => r.kind === APP_SERVICE_QUERY).map(r => r.status),
    ).toEqual([200]);
    expect(posts).toHaveLength(3);
    expect(result.stats).toMatchObject({
      strategy: 'resource-graph',
      throttled: 1,
      retries: 1,
    });
  });

  it('retries 500s with backoff until the read succeeds', async () => {
    fake.inject({ path: COSMOS, status: 500, times: 2 });
    fake.inject({ path: `${SITE}/config/web`, status: 502, times: 1 });
    const result = await source({ resourceGraph: false }).load();
    expect(fake.requestsTo(COSMOS).map(r => r.status)).toEqual([500, 500, 200]);
    expect(fake.requestsTo(`${SITE}/config/web`).map(r => r.status)).toEqual([
      502, 200,
    ]);
    expect(result.stats).toMatchObject({
      retries: 3,
      throttled: 0,
      failedResources: 0,
    });
    expect(result.errors).toEqual([]);
    expect(
      byId(result.inventory.resources, COSMOS).properties
        .enableAutomaticFailover,
    ).toBe(true);
  });

  it('reports a persistent 500 on one resource without failing the inventory', async () => {
    fake.inject({ path: COSMOS, status: 500 });
    const result = await source({
      resourceGraph: false,
      retry: { ...FAST_RETRY, maxRetries: 2 },
    }).load();
    expect(fake.requestsTo(COSMOS)).toHaveLength(3);
    expect(result.errors).toEqual([
      {
        resourceId: COSMOS,
        operation: 'get',
        status: 500,
        code: 'InternalServerError',
        message: 'The server encountered an internal error.',
      },
    ]);
    expect(result.stats.failedResources).toBe(1);
    const cosmos = byId(result.inventory.resources, COSMOS);
    expect(cosmos).toMatchObject({
      name: 'cosmos-patient-portal',
      type: 'microsoft.documentdb/databaseaccounts',
      location: 'eastus2',
      properties: {},
      propertiesError:
        '500 InternalServerError: The server encountered an internal error.',
    });
    // The listing still knew its tags, so the entity keeps the resource.
    expect(cosmos.tags['vitals-entity']).toBe(FIXTURE_ENTITY_REF);
    expect(ids(result.inventory.resources)).toEqual(ALL_IDS);
  });

  it('reports malformed JSON bodies per resource and per child collection', async () => {
    fake.inject({ path: VAULT, malformed: true });
    fake.inject({ path: `${SERVER}/failoverGroups`, malformed: true });
    const result = await source({ resourceGraph: false }).load();
    expect(result.errors).toHaveLength(2);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resourceId: VAULT,
          operation: 'get',
          code: 'PARSE_ERROR',
        }),
        expect.objectContaining({
          resourceId: SERVER,
          operation: 'failoverGroups',
          code: 'PARSE_ERROR',
        }),
      ]),
    );
    expect(byId(result.inventory.resources, VAULT).propertiesError).toMatch(
      /PARSE_ERROR/,
    );
    expect(
      result.inventory.resources.some(
        r => r.type === 'microsoft.sql/servers/failovergroups',
      ),
    ).toBe(false);
    // Not retried: a malformed body is not transient.
    expect(fake.requestsTo(VAULT)).toHaveLength(1);
  });

  it('falls back when the Resource Graph body is malformed', async () => {
    fake.inject({ method: 'POST', path: GRAPH, malformed: true });
    const result = await source().load();
    expect(result.stats.strategy).toBe('resource-manager');
    expect(ids(result.inventory.resources)).toEqual(ALL_IDS);
  });

  it('records a child collection read with an api-version the provider does not serve', async () => {
    const result = await source({
      resourceGraph: false,
      childCollections: {
        'microsoft.sql/servers': [
          { path: 'failoverGroups', apiVersion: '2099-01-01' },
        ],
      },
    }).load();
    const errors = [...result.errors].sort((a, b) =>
      a.resourceId < b.resourceId ? -1 : 1,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        resourceId: SERVER,
        operation: 'failoverGroups',
        status: 400,
        code: 'NoRegisteredProviderFound',
      }),
      expect.objectContaining({
        resourceId: `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
        status: 400,
      }),
    ]);
    expect(errors[0].message).toContain(
      "API version '2099-01-01' for type 'servers/failoverGroups'",
    );
  });

  it('drops a resource deleted between listing and reading', async () => {
    fake.inject({
      path: BILLING,
      status: 404,
      body: { error: { code: 'ResourceNotFound', message: 'gone' } },
    });
    const result = await source({ resourceGraph: false }).load();
    expect(result.inventory.resources.map(r => r.id)).not.toContain(BILLING);
    expect(result.errors).toEqual([]);
  });

  it('fails the load when a subscription cannot be listed', async () => {
    fake.inject({
      path: `/subscriptions/${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/resources`,
      status: 500,
    });
    await expect(
      source({
        resourceGraph: false,
        retry: { ...FAST_RETRY, maxRetries: 1 },
      }).load(),
    ).rejects.toThrow(
      `Listing resources of subscription ${FIXTURE_SECONDARY_SUBSCRIPTION_ID} failed: 500 InternalServerError: The server encountered an internal error.`,
    );
  });

  it('reads several subscriptions and counts every request', async () => {
    const result = await source({ resourceGraph: false }).load();
    const subscriptions = new Set(
      result.inventory.resources.map(r => r.subscriptionId),
    );
    expect(subscriptions).toEqual(
      new Set([FIXTURE_SUBSCRIPTION_ID, FIXTURE_SECONDARY_SUBSCRIPTION_ID]),
    );
    expect(result.stats.requests).toBe(fake.requests.length);
    // 2 lists + 9 providers + 16 reads (the RA-GRS account's with its
    // geo-replication stats) + 28 child collections (see the table in
    // childResources.ts: the storage accounts' blob service settings, never
    // their account-level ones).
    expect(result.stats.requests).toBe(55);
    const byKind = new Map(
      fake.requestsByKind().map(({ kind, count }) => [kind, count]),
    );
    expect(byKind.get('list resources')).toBe(2);
    expect(byKind.get('provider api-versions')).toBe(9);
    expect(
      byKind.get(
        'get microsoft.storage/storageaccounts ($expand=geoReplicationStats)',
      ),
    ).toBe(1);
    expect(byKind.get('get microsoft.storage/storageaccounts')).toBe(1);
    expect(
      byKind.get(
        'microsoft.storage/storageaccounts → providers/microsoft.insights/diagnosticsettings',
      ),
    ).toBe(undefined);
    expect(
      byKind.get(
        'microsoft.storage/storageaccounts → blobservices/default/providers/microsoft.insights/diagnosticsettings',
      ),
    ).toBe(2);
    expect([...byKind.values()].reduce((sum, count) => sum + count, 0)).toBe(
      55,
    );
  });

  it.each([true, false])(
    'reads the last sync time of geo-redundant storage with $expand (Resource Graph: %s)',
    async resourceGraph => {
      const result = await source({ resourceGraph }).load();
      const account = result.inventory.resources.find(r => r.id === STORAGE)!;
      expect(account.properties.geoReplicationStats).toEqual({
        status: 'Live',
        lastSyncTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        canFailover: true,
      });
      // Only geo-redundant accounts, and only once: with Resource Graph
      // after the listing, with Resource Manager instead of a plain GET.
      const expanded = fake.requests.filter(r => r.query.$expand);
      expect(expanded.map(r => r.path)).toEqual([STORAGE]);
      expect(fake.requestsTo(STORAGE)).toHaveLength(1);
      expect(fake.requestsTo(BILLING)).toHaveLength(resourceGraph ? 0 : 1);
    },
  );

  it('records a failed geo-replication read and keeps the account', async () => {
    fake.inject({ path: STORAGE, status: 403 });
    const result = await source({ resourceGraph: true }).load();
    const account = result.inventory.resources.find(r => r.id === STORAGE)!;
    expect(account.properties.secondaryLocation).toBe('centralus');
    expect(account.properties.geoReplicationStats).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        resourceId: STORAGE,
        operation: 'geoReplicationStats',
        status: 403,
      }),
    ]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    fake.inject({
      path: /^\/subscriptions\/.*\/providers\/Microsoft\.[A-Za-z]+\/[A-Za-z]+\/[^/]+$/,
      delayMs: 30,
    });
    await source({ resourceGraph: false, concurrency: 3 }).load();
    expect(fake.maxInFlight).toBe(3);
  });

  it('lists by tag: tags come from getById, untagged tracked children are read as children', async () => {
    const result = await source({
      resourceGraph: false,
      scope: { tag: { name: 'vitals-entity', value: FIXTURE_ENTITY_REF } },
    }).load();
    const lists = fake.requests.filter(r => r.path.endsWith('/resources'));
    expect(lists.map(r => r.query.$filter)).toEqual([
      `tagName eq 'vitals-entity' and tagValue eq '${FIXTURE_ENTITY_REF}'`,
      `tagName eq 'vitals-entity' and tagValue eq '${FIXTURE_ENTITY_REF}'`,
    ]);
    const resources = result.inventory.resources;
    expect(resources.map(r => r.id)).not.toContain(BILLING);
    expect(byId(resources, STORAGE).tags['vitals-entity']).toBe(
      FIXTURE_ENTITY_REF,
    );
    // The untagged primary database comes from the server's databases collection.
    expect(fake.requestsTo(`${SERVER}/databases`)).toHaveLength(1);
    expect(byId(resources, DATABASE).properties.zoneRedundant).toBe(true);
    expect(
      byId(resources, `${DATABASE}/transparentDataEncryption/current`)
        .properties.state,
    ).toBe('Enabled');
  });

  it('scopes Resource Graph by tag', async () => {
    const result = await source({
      scope: {
        tag: { name: 'vitals-entity', value: 'component:default/billing' },
      },
    }).load();
    expect((fake.requestsTo(GRAPH)[0].body as any).query).toContain(
      "| where tags['vitals-entity'] =~ 'component:default/billing'",
    );
    expect(
      result.inventory.resources.map(r => r.id.toLowerCase()).sort(),
    ).toEqual([BILLING.toLowerCase()]);
  });

  it('lists per resource group', async () => {
    const result = await source({
      resourceGraph: false,
      scope: {
        resourceGroups: [
          {
            subscriptionId: FIXTURE_SECONDARY_SUBSCRIPTION_ID,
            resourceGroup: 'rg-patient-portal-centralus',
          },
        ],
      },
    }).load();
    expect(
      fake.requests.filter(r => r.path.endsWith('/resources')).map(r => r.path),
    ).toEqual([
      `/subscriptions/${FIXTURE_SECONDARY_SUBSCRIPTION_ID}/resourceGroups/rg-patient-portal-centralus/resources`,
    ]);
    expect(ids(result.inventory.resources)).toEqual(
      [
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus`,
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus/databases/patients`,
        `${SECONDARY}/Microsoft.Sql/servers/sql-patient-portal-centralus/databases/patients/transparentDataEncryption/current`,
      ]
        .map(id => id.toLowerCase())
        .sort(),
    );
  });

  it('never logs the access token', async () => {
    const logger = mockServices.logger.mock();
    fake.inject({ method: 'POST', path: GRAPH, status: 401 });
    fake.inject({ path: COSMOS, status: 500 });
    await source({ logger, retry: { ...FAST_RETRY, maxRetries: 0 } }).load();
    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
      logger.debug.mock.calls,
    ]);
    expect(logged).toContain('401');
    expect(logged).not.toContain(FAKE_ACCESS_TOKEN);
  });

  describe('diagnostic settings of storage accounts', () => {
    const DIAGNOSTICS_READ = 'providers/Microsoft.Insights/diagnosticSettings';
    const BLOB_DIAGNOSTICS_READ = `blobServices/default/${DIAGNOSTICS_READ}`;
    const reads = (account: string, path: string) =>
      fake.requestsTo(`${account}/${path}`);

    it.each([true, false])(
      "reads each account's blob service settings, never the account's own (Resource Graph: %s)",
      async resourceGraph => {
        const result = await source({ resourceGraph }).load();
        expect(result.errors).toEqual([]);
        const accounts = result.inventory.resources
          .filter(r => r.type === 'microsoft.storage/storageaccounts')
          .map(r => r.id);
        expect(accounts.sort()).toEqual([BILLING, STORAGE].sort());
        for (const account of accounts) {
          expect(
            reads(account, BLOB_DIAGNOSTICS_READ).map(r => [
              r.status,
              r.apiVersion,
            ]),
          ).toEqual([[200, '2021-05-01-preview']]);
          expect(reads(account, DIAGNOSTICS_READ)).toEqual([]);
        }
        expect(fake.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
        // stpatientportal: its blob service sends audit logs to a workspace.
        expect(
          byId(
            result.inventory.resources,
            `${STORAGE}/blobServices/default/providers/microsoft.insights/diagnosticSettings/blob-audit`,
          ).properties.workspaceId,
        ).toMatch(/\/workspaces\/log-hipaa-audit$/);
        // stbillingexports has none, and its own are not read either.
        expect(
          result.inventory.resources.filter(r =>
            r.id.toLowerCase().startsWith(`${BILLING.toLowerCase()}/`),
          ),
        ).toEqual([]);
      },
    );

    it("does not fall back to an account's own settings when its blob service's could not be read", async () => {
      fake.inject({ path: `${STORAGE}/${BLOB_DIAGNOSTICS_READ}`, status: 500 });
      const result = await source({
        resourceGraph: false,
        retry: { ...FAST_RETRY, maxRetries: 0 },
      }).load();
      expect(result.errors).toEqual([
        expect.objectContaining({
          resourceId: STORAGE,
          operation: BLOB_DIAGNOSTICS_READ,
          status: 500,
        }),
      ]);
      expect(fake.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
    });
  });

  describe('geo-redundant storage read by Resource Manager', () => {
    it('falls back to a plain GET when the expanded read fails, and records that failure', async () => {
      fake.inject({ path: STORAGE, status: 500, times: 1 });
      const result = await source({
        resourceGraph: false,
        retry: { ...FAST_RETRY, maxRetries: 0 },
      }).load();
      expect(
        fake.requestsTo(STORAGE).map(r => [r.status, r.query.$expand]),
      ).toEqual([
        [500, 'geoReplicationStats'],
        [200, undefined],
      ]);
      expect(result.errors).toEqual([
        expect.objectContaining({
          resourceId: STORAGE,
          operation: 'geoReplicationStats',
          status: 500,
        }),
      ]);
      const account = byId(result.inventory.resources, STORAGE);
      expect(account.propertiesError).toBeUndefined();
      expect(account.properties.secondaryLocation).toBe('centralus');
      expect(account.properties.geoReplicationStats).toBeUndefined();
    });

    it('records one failed get when the account cannot be read at all', async () => {
      fake.inject({ path: STORAGE, status: 403 });
      const result = await source({ resourceGraph: false }).load();
      expect(fake.requestsTo(STORAGE).map(r => r.query.$expand)).toEqual([
        'geoReplicationStats',
        undefined,
      ]);
      expect(result.errors).toEqual([
        expect.objectContaining({
          resourceId: STORAGE,
          operation: 'get',
          status: 403,
        }),
      ]);
      expect(byId(result.inventory.resources, STORAGE).propertiesError).toMatch(
        /^403/,
      );
    });

    it('drops an account deleted before its expanded read', async () => {
      fake.inject({
        path: STORAGE,
        status: 404,
        body: { error: { code: 'ResourceNotFound', message: 'gone' } },
      });
      const result = await source({ resourceGraph: false }).load();
      expect(fake.requestsTo(STORAGE)).toHaveLength(1);
      expect(ids(result.inventory.resources)).not.toContain(
        STORAGE.toLowerCase(),
      );
      expect(result.errors).toEqual([]);
    });
  });

  describe('site configuration from the appserviceresources table', () => {
    it.each([
      [400, 'BadRequest'],
      [500, 'InternalServerError'],
    ])(
      'reads config/web per site when the query answers %s, with a warning and no error',
      async (status, code) => {
        fake.inject({
          method: 'POST',
          path: GRAPH,
          kind: APP_SERVICE_QUERY,
          status,
          body: { error: { code, message: 'The query failed.' } },
        });
        const result = await source({
          retry: { ...FAST_RETRY, maxRetries: 1 },
        }).load();
        expect(result.stats.strategy).toBe('resource-graph');
        expect(result.errors).toEqual([]);
        const appService = fake
          .requestsTo(GRAPH)
          .filter(r => r.kind === APP_SERVICE_QUERY);
        // A 500 is retried once, a 400 is not.
        expect(appService.map(r => r.status)).toEqual(
          status === 500 ? [500, 500] : [400],
        );
        expect(
          fake.requestsTo(`${SITE}/config/web`).map(r => r.status),
        ).toEqual([200]);
        expect(
          byId(result.inventory.resources, SITE).properties.siteConfig,
        ).toMatchObject({ minTlsVersion: '1.2', ftpsState: 'Disabled' });
        expect(result.warnings).toEqual([
          expect.stringMatching(
            new RegExp(
              `^Resource Graph could not answer appserviceresources \\(microsoft\\.web/sites/config\\); reading config/web below each parent instead: ${status} ${code}`,
            ),
          ),
        ]);
      },
    );

    it('queries nothing when no site is listed', async () => {
      const result = await source({
        scope: {
          tag: { name: 'vitals-entity', value: 'component:default/billing' },
        },
      }).load();
      expect(ids(result.inventory.resources)).toEqual([BILLING.toLowerCase()]);
      expect(fake.requestsTo(GRAPH).map(r => r.kind)).toEqual([
        RESOURCES_QUERY,
      ]);
    });

    it('keeps the rows of the sites a tag-scoped listing returned, and only those', async () => {
      const subscriptions = [FIXTURE_SUBSCRIPTION_ID];
      // Sites are the third of every five resources: app-site2 and
      // app-site12 belong to service-2, app-site7 and app-site17 to service-7.
      const synthetic = await FakeResourceManager.start({
        resources: generateSyntheticEstate({
          count: 20,
          subscriptions,
          entities: 10,
        }),
        providers: fixtureProviders,
      });
      try {
        const result = await source(
          {
            subscriptions,
            scope: {
              tag: {
                name: 'vitals-entity',
                value: 'component:default/service-2',
              },
            },
          },
          synthetic,
        ).load();
        expect(result.errors).toEqual([]);
        expect(result.warnings).toEqual([]);
        const posts = synthetic.requestsTo(GRAPH);
        expect(posts.map(r => r.kind)).toEqual([
          RESOURCES_QUERY,
          APP_SERVICE_QUERY,
        ]);
        // The table's rows carry no tags: the query is not tag-scoped.
        expect((posts[1].body as any).query).toBe(SITE_CONFIG_QUERY);
        expect(synthetic.requestsTo(/\/config\/web$/i)).toEqual([]);
        const configs = result.inventory.resources.filter(
          r => r.type === 'microsoft.web/sites/config',
        );
        expect(configs.map(r => r.id.split('/').slice(-3).join('/'))).toEqual(
          expect.arrayContaining([
            'app-site2/config/web',
            'app-site12/config/web',
          ]),
        );
        expect(configs).toHaveLength(2);
        for (const config of configs) {
          expect(config).toMatchObject({
            name: 'web',
            location: 'eastus2',
            subscriptionId: FIXTURE_SUBSCRIPTION_ID,
            properties: { minTlsVersion: '1.2', alwaysOn: true },
          });
        }
        expect(
          result.inventory.resources
            .filter(r => r.type === 'microsoft.web/sites')
            .map(r => [r.name, (r.properties.siteConfig as any)?.minTlsVersion])
            .sort(),
        ).toEqual([
          ['app-site12', '1.2'],
          ['app-site2', '1.2'],
        ]);
      } finally {
        await synthetic.stop();
      }
    });
  });

  describe('Front Door profiles', () => {
    const CLASSIC_CDN = `${PRIMARY}/Microsoft.Cdn/profiles/cdn-static`;
    const ENDPOINT = `${AFD}/afdendpoints/ep-patient-portal`;
    const frontDoorChildren: FakeResourceBody[] = [
      {
        id: `${AFD}/customDomains/portal`,
        name: 'portal',
        type: 'Microsoft.Cdn/profiles/customdomains',
        properties: {
          hostName: 'portal.example.org',
          tlsSettings: {
            certificateType: 'ManagedCertificate',
            minimumTlsVersion: 'TLS12',
          },
          domainValidationState: 'Approved',
        },
      },
      {
        id: `${AFD}/securityPolicies/waf`,
        name: 'waf',
        type: 'Microsoft.Cdn/profiles/securitypolicies',
        properties: {
          parameters: {
            type: 'WebApplicationFirewall',
            associations: [
              {
                domains: [{ id: `${AFD}/customDomains/portal` }],
                patternsToMatch: ['/*'],
              },
            ],
          },
        },
      },
      {
        id: `${ENDPOINT}/routes/default`,
        name: 'default',
        type: 'Microsoft.Cdn/profiles/afdendpoints/routes',
        properties: {
          customDomains: [
            { id: `${AFD}/customDomains/portal`, isActive: true },
          ],
          supportedProtocols: ['Https'],
          httpsRedirect: 'Enabled',
          forwardingProtocol: 'HttpsOnly',
        },
      },
      {
        id: CLASSIC_CDN,
        name: 'cdn-static',
        type: 'Microsoft.Cdn/profiles',
        location: 'Global',
        kind: 'cdn',
        sku: { name: 'Standard_Microsoft' },
        properties: { resourceState: 'Active', provisioningState: 'Succeeded' },
      },
    ];
    let frontDoor: FakeResourceManager;

    beforeAll(async () => {
      frontDoor = await FakeResourceManager.start({
        resources: [...fixtureEstate, ...frontDoorChildren],
        providers: fixtureProviders,
      });
    });

    afterAll(async () => {
      await frontDoor.stop();
    });

    beforeEach(() => {
      frontDoor.clearRequests();
    });

    it.each([true, false])(
      'reads custom domains, security policies and routes, and nothing below a classic CDN profile (Resource Graph: %s)',
      async resourceGraph => {
        const result = await source({ resourceGraph }, frontDoor).load();
        expect(result.errors).toEqual([]);
        const resources = result.inventory.resources;
        expect(byId(resources, `${AFD}/customDomains/portal`)).toMatchObject({
          type: 'microsoft.cdn/profiles/customdomains',
          // The profile's, normalised.
          location: 'global',
          properties: { tlsSettings: { minimumTlsVersion: 'TLS12' } },
        });
        expect(byId(resources, `${AFD}/securityPolicies/waf`)).toMatchObject({
          type: 'microsoft.cdn/profiles/securitypolicies',
          properties: { parameters: { type: 'WebApplicationFirewall' } },
        });
        expect(byId(resources, `${ENDPOINT}/routes/default`)).toMatchObject({
          type: 'microsoft.cdn/profiles/afdendpoints/routes',
          properties: { supportedProtocols: ['Https'] },
        });
        for (const path of [
          `${AFD}/customDomains`,
          `${AFD}/securityPolicies`,
          `${ENDPOINT}/routes`,
        ]) {
          expect(frontDoor.requestsTo(path).map(r => r.apiVersion)).toEqual([
            '2024-02-01',
          ]);
        }
        // Endpoints come from the listing, not from a child read.
        expect(frontDoor.requestsTo(`${AFD}/afdEndpoints`)).toEqual([]);
        expect(byId(resources, CLASSIC_CDN).sku?.name).toBe(
          'Standard_Microsoft',
        );
        expect(
          frontDoor.requests.filter(r =>
            r.path.toLowerCase().startsWith(`${CLASSIC_CDN.toLowerCase()}/`),
          ),
        ).toEqual([]);
      },
    );
  });

  it('reads a synthetic estate of 300 resources', async () => {
    const subscriptions = [
      '11111111-0000-0000-0000-000000000001',
      '11111111-0000-0000-0000-000000000002',
    ];
    const synthetic = await FakeResourceManager.start({
      resources: generateSyntheticEstate({ count: 300, subscriptions }),
      providers: fixtureProviders,
    });
    try {
      const graph = await source({ subscriptions }, synthetic).load();
      const manager = await source(
        { subscriptions, resourceGraph: false },
        synthetic,
      ).load();
      expect(graph.inventory.resources).toHaveLength(
        manager.inventory.resources.length,
      );
      expect(ids(graph.inventory.resources)).toEqual(
        ids(manager.inventory.resources),
      );
      expect(graph.errors).toEqual([]);
      expect(manager.errors).toEqual([]);
      expect(graph.stats.requests).toBeLessThan(manager.stats.requests);
    } finally {
      await synthetic.stop();
    }
  });
});

describe('LiveInventorySource reading the newer resource families', () => {
  const INTAKE = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-intake-eastus2/providers`;
  const INTAKE_WEST = `/subscriptions/${FIXTURE_SUBSCRIPTION_ID}/resourceGroups/rg-intake-westus2/providers`;
  const MI = `${INTAKE}/Microsoft.Sql/managedInstances/sqlmi-intake-eastus2`;
  const MI_WEST = `${INTAKE_WEST}/Microsoft.Sql/managedInstances/sqlmi-intake-westus2`;
  const MI_REPORTING = `${INTAKE}/Microsoft.Sql/managedInstances/sqlmi-reporting-eastus2`;
  const MI_DATABASE = `${MI}/databases/intake`;
  const FAILOVER_GROUPS = `${INTAKE}/Microsoft.Sql/locations/eastus2/instanceFailoverGroups`;
  const FAILOVER_GROUPS_WEST = `${INTAKE_WEST}/Microsoft.Sql/locations/westus2/instanceFailoverGroups`;
  const EVENT_HUBS = `${INTAKE}/Microsoft.EventHub/namespaces/evhns-intake-eastus2`;
  const EVENT_HUBS_BASIC = `${INTAKE}/Microsoft.EventHub/namespaces/evhns-telemetry-basic`;
  const SERVICE_BUS = `${INTAKE}/Microsoft.ServiceBus/namespaces/sbns-intake-eastus2`;
  const SERVICE_BUS_STANDARD = `${INTAKE}/Microsoft.ServiceBus/namespaces/sbns-notify-standard`;
  const REDIS = `${INTAKE}/Microsoft.Cache/Redis/redis-intake`;
  const REDIS_STANDARD = `${INTAKE}/Microsoft.Cache/Redis/redis-sessions`;
  const DOCUMENTS = `${INTAKE}/Microsoft.Storage/storageAccounts/stintakedocs`;
  const LAKE = `${INTAKE}/Microsoft.Storage/storageAccounts/stintakelake`;
  const VAULT_INTAKE = `${INTAKE}/Microsoft.RecoveryServices/vaults/rsv-intake`;
  const APIM = `${INTAKE}/Microsoft.ApiManagement/service/apim-intake`;
  const VM = `${INTAKE}/Microsoft.Compute/virtualMachines/vm-intake`;
  const DIAGNOSTICS = 'providers/microsoft.insights/diagnosticSettings';
  const DIAGNOSTICS_READ = 'providers/Microsoft.Insights/diagnosticSettings';

  let families: FakeResourceManager;

  beforeAll(async () => {
    families = await FakeResourceManager.start({
      resources: familiesEstate,
      providers: fixtureProviders,
    });
  });

  afterAll(async () => {
    await families.stop();
  });

  beforeEach(() => {
    families.clearFaults();
    families.clearRequests();
  });

  const load = (overrides: Partial<LiveInventorySourceOptions> = {}) =>
    source(
      { subscriptions: [FIXTURE_SUBSCRIPTION_ID], ...overrides },
      families,
    ).load();

  it.each([true, false])(
    'collects their children normalised like the classic ones (Resource Graph: %s)',
    async resourceGraph => {
      const { inventory, errors } = await load({ resourceGraph });
      expect(errors).toEqual([]);
      const resources = inventory.resources;
      const child = (id: string) => byId(resources, id);

      expect(child(`${MI}/encryptionProtector/current`)).toMatchObject({
        type: 'microsoft.sql/managedinstances/encryptionprotector',
        location: 'eastus2',
        subscriptionId: FIXTURE_SUBSCRIPTION_ID,
        resourceGroup: 'rg-intake-eastus2',
        properties: { serverKeyType: 'AzureKeyVault' },
      });
      expect(child(`${MI}/vulnerabilityAssessments/default`).type).toBe(
        'microsoft.sql/managedinstances/vulnerabilityassessments',
      );
      // No rule reads administrators or alert policies; the instance's own
      // administrators say Entra-only, so its child is not read either.
      for (const path of [
        'administrators/ActiveDirectory',
        'azureADOnlyAuthentications/Default',
        'securityAlertPolicies/Default',
      ]) {
        expect(ids(resources)).not.toContain(`${MI}/${path}`.toLowerCase());
      }
      expect(
        (child(MI).properties.administrators as any).azureADOnlyAuthentication,
      ).toBe(true);
      expect(child(`${MI}/${DIAGNOSTICS}/sqlmi-audit`).properties.logs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ category: 'SQLSecurityAuditEvents' }),
        ]),
      );
      expect(
        child(`${MI_DATABASE}/backupLongTermRetentionPolicies/default`),
      ).toMatchObject({
        type: 'microsoft.sql/managedinstances/databases/backuplongtermretentionpolicies',
        location: 'eastus2',
        properties: { yearlyRetention: 'P6Y' },
      });
      expect(ids(resources)).not.toContain(
        `${MI_DATABASE}/backupShortTermRetentionPolicies/default`.toLowerCase(),
      );

      // Instance failover groups keep their regional ids, one per side.
      expect(child(`${FAILOVER_GROUPS}/fog-intake`)).toMatchObject({
        type: 'microsoft.sql/locations/instancefailovergroups',
        location: 'eastus2',
        resourceGroup: 'rg-intake-eastus2',
        properties: {
          replicationRole: 'Primary',
          managedInstancePairs: [
            { primaryManagedInstanceId: MI, partnerManagedInstanceId: MI_WEST },
          ],
        },
      });
      expect(child(`${FAILOVER_GROUPS_WEST}/fog-intake`)).toMatchObject({
        location: 'westus2',
        properties: { replicationRole: 'Secondary' },
      });

      // Event Hubs and Service Bus answer with singular segments: rebuilt
      // under the collection that was read.
      expect(
        child(`${EVENT_HUBS}/disasterRecoveryConfigs/evh-alias-intake`),
      ).toMatchObject({
        type: 'microsoft.eventhub/namespaces/disasterrecoveryconfigs',
        location: 'eastus2',
        properties: {
          role: 'Primary',
          partnerNamespace: `${INTAKE_WEST}/Microsoft.EventHub/namespaces/evhns-intake-westus2`,
        },
      });
      expect(
        child(`${SERVICE_BUS}/disasterRecoveryConfigs/sb-alias-intake`).type,
      ).toBe('microsoft.servicebus/namespaces/disasterrecoveryconfigs');
      // Network rule sets: no rule or check reads them.
      for (const namespace of [EVENT_HUBS, SERVICE_BUS, SERVICE_BUS_STANDARD]) {
        expect(ids(resources)).not.toContain(
          `${namespace}/networkRuleSets/default`.toLowerCase(),
        );
      }
      expect(child(`${EVENT_HUBS}/${DIAGNOSTICS}/evh-logs`).type).toBe(
        'microsoft.insights/diagnosticsettings',
      );

      expect(
        child(`${REDIS}/linkedServers/redis-intake-westus2`),
      ).toMatchObject({
        type: 'microsoft.cache/redis/linkedservers',
        properties: { serverRole: 'Secondary' },
      });
      expect(
        child(
          `${DOCUMENTS}/objectReplicationPolicies/4f1e4d5a-2b7c-4c55-9d0a-6a2f1b3c9e01`,
        ),
      ).toMatchObject({
        type: 'microsoft.storage/storageaccounts/objectreplicationpolicies',
        properties: {
          destinationAccount: `${INTAKE_WEST}/Microsoft.Storage/storageAccounts/stintakedocswus2`,
        },
      });

      // Vault-wide lists: items keep their ids below fabric and container.
      const backup = resources.find(
        r =>
          r.type ===
          'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
      );
      expect(backup).toMatchObject({
        id: `${VAULT_INTAKE}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-intake-eastus2;vm-intake/protectedItems/VM;iaasvmcontainerv2;rg-intake-eastus2;vm-intake`,
        location: 'westus2',
        properties: { sourceResourceId: VM, protectionState: 'Protected' },
      });
      const replicated = resources.find(
        r =>
          r.type ===
          'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems',
      );
      expect(replicated?.id.toLowerCase()).toBe(
        `${VAULT_INTAKE}/replicationFabrics/asr-a2a-default-eastus2/replicationProtectionContainers/asr-a2a-default-eastus2-container/replicationProtectedItems/vm-intake-asr`.toLowerCase(),
      );
      expect(replicated?.properties.providerSpecificDetails).toMatchObject({
        fabricObjectId: VM,
        rpoInSeconds: 47,
      });
      expect(child(`${APIM}/${DIAGNOSTICS}/apim-logs`).location).toBe(
        'eastus2',
      );
    },
  );

  it('asks only for children that can exist, with their api-versions', async () => {
    await load();
    const below = (id: string) =>
      families.requests
        .filter(r => r.path.toLowerCase().startsWith(`${id.toLowerCase()}/`))
        .map(r => r.path.slice(id.length + 1));
    // Basic Event Hubs and Standard Service Bus namespaces have no geo-DR,
    // Standard Redis no geo-replication links; no rule reads network rule
    // sets, nor the diagnostic settings of Redis or Recovery Services.
    expect(below(EVENT_HUBS_BASIC)).toEqual([DIAGNOSTICS_READ]);
    expect(below(EVENT_HUBS).sort()).toEqual([
      'disasterRecoveryConfigs',
      DIAGNOSTICS_READ,
    ]);
    expect(below(SERVICE_BUS_STANDARD)).toEqual([DIAGNOSTICS_READ]);
    expect(below(SERVICE_BUS).sort()).toEqual([
      'disasterRecoveryConfigs',
      DIAGNOSTICS_READ,
    ]);
    expect(below(REDIS_STANDARD)).toEqual([]);
    expect(below(REDIS)).toEqual(['linkedServers']);
    expect(below(VAULT_INTAKE).sort()).toEqual([
      'backupProtectedItems',
      'replicationProtectedItems',
    ]);
    // The instances' administrators say Entra-only: no child read for it.
    for (const instance of [MI, MI_WEST, MI_REPORTING]) {
      const own = below(instance).filter(
        path => !path.startsWith('databases/'),
      );
      expect(own.sort()).toEqual([
        'encryptionProtector',
        DIAGNOSTICS_READ,
        'vulnerabilityAssessments',
      ]);
    }
    expect(below(MI_DATABASE)).toEqual(['backupLongTermRetentionPolicies']);
    // No blob service settings in this estate: still only the blob
    // service's are read, never the accounts' own (metrics only).
    for (const account of [DOCUMENTS, LAKE]) {
      expect(
        families.requestsTo(
          `${account}/blobServices/default/${DIAGNOSTICS_READ}`,
        ),
      ).toHaveLength(1);
      expect(families.requestsTo(`${account}/${DIAGNOSTICS_READ}`)).toEqual([]);
    }
    expect(families.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
    expect(below(DOCUMENTS)).toContain('objectReplicationPolicies');
    expect(below(LAKE)).not.toContain('objectReplicationPolicies');
    for (const id of [
      VM,
      `${INTAKE}/Microsoft.App/containerApps/ca-intake-api`,
      `${INTAKE}/Microsoft.ContainerInstance/containerGroups/ci-hl7-bridge`,
      `${INTAKE}/Microsoft.Insights/components/appi-intake`,
    ]) {
      expect(below(id)).toEqual([]);
    }
    // Two instances share East US 2 in one resource group: one read.
    expect(families.requestsTo(FAILOVER_GROUPS)).toHaveLength(1);
    expect(families.requestsTo(FAILOVER_GROUPS_WEST)).toHaveLength(1);
    expect(below(MI_REPORTING)).toContain('encryptionProtector');

    const versionOf = (path: string) =>
      families.requestsTo(path).map(r => r.apiVersion);
    expect(versionOf(FAILOVER_GROUPS)).toEqual(['2023-08-01']);
    expect(versionOf(`${MI}/encryptionProtector`)).toEqual(['2023-08-01']);
    expect(versionOf(`${MI_DATABASE}/backupLongTermRetentionPolicies`)).toEqual(
      ['2023-08-01'],
    );
    expect(versionOf(`${MI}/vulnerabilityAssessments`)).toEqual(['2023-08-01']);
    expect(versionOf(`${EVENT_HUBS}/disasterRecoveryConfigs`)).toEqual([
      '2024-01-01',
    ]);
    expect(versionOf(`${SERVICE_BUS}/disasterRecoveryConfigs`)).toEqual([
      '2024-01-01',
    ]);
    expect(versionOf(`${REDIS}/linkedServers`)).toEqual(['2024-11-01']);
    expect(versionOf(`${DOCUMENTS}/objectReplicationPolicies`)).toEqual([
      '2024-01-01',
    ]);
    expect(versionOf(`${VAULT_INTAKE}/backupProtectedItems`)).toEqual([
      '2025-02-01',
    ]);
    expect(versionOf(`${VAULT_INTAKE}/replicationProtectedItems`)).toEqual([
      '2025-01-01',
    ]);
  });

  it('records a failed failover group read against every instance it serves', async () => {
    families.inject({ path: FAILOVER_GROUPS, status: 500 });
    const { inventory, errors } = await load({
      retry: { ...FAST_RETRY, maxRetries: 0 },
    });
    expect(
      errors.map(e => [e.resourceId, e.operation, e.status]).sort(),
    ).toEqual(
      [MI, MI_REPORTING]
        .sort()
        .map(id => [
          id,
          'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
          500,
        ]),
    );
    expect(families.requestsTo(FAILOVER_GROUPS)).toHaveLength(1);
    // The other side still arrives.
    expect(
      byId(inventory.resources, `${FAILOVER_GROUPS_WEST}/fog-intake`),
    ).toBeDefined();
  });

  it('reads a mixed synthetic estate at under 1.7 requests per resource', async () => {
    const subscriptions = [
      '11111111-0000-0000-0000-000000000001',
      '11111111-0000-0000-0000-000000000002',
    ];
    // Ten rotations of the 14 kinds: the classic five and the nine newer.
    const count = 140;
    const synthetic = await FakeResourceManager.start({
      resources: generateSyntheticEstate({
        count,
        subscriptions,
        families: true,
      }),
      providers: fixtureProviders,
    });
    try {
      const { stats, errors } = await source(
        { subscriptions },
        synthetic,
      ).load();
      expect(errors).toEqual([]);
      // 22 child reads per rotation (see the table in childResources.ts;
      // VMs and container apps have none, config/web comes from the
      // appserviceresources table, storage accounts' own diagnostic
      // settings are not read), 2 regional failover group lists, one
      // provider for the storage api-version and the two queries.
      expect(stats.requests).toBe(22 * 10 + 2 + 1 + 2);
      expect(synthetic.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
      expect(stats.requests / count).toBeLessThan(1.7);
    } finally {
      await synthetic.stop();
    }
  });

  it.each([
    [true, 2.2, 283],
    [false, 3.1, 426],
  ])(
    'reads the classic kinds with storage logs on the blob service (Resource Graph: %s) at under %s requests per resource',
    async (resourceGraph, ceiling, requests) => {
      const subscriptions = [
        '11111111-0000-0000-0000-000000000001',
        '11111111-0000-0000-0000-000000000002',
      ];
      // 28 rotations of the five classic kinds; the storage accounts of
      // every seventh rotation (4) have no blob service setting.
      const count = 140;
      const synthetic = await FakeResourceManager.start({
        resources: generateSyntheticEstate({
          count,
          subscriptions,
          storageServiceLogs: true,
        }),
        providers: fixtureProviders,
      });
      try {
        const { stats, errors } = await source(
          { subscriptions, resourceGraph },
          synthetic,
        ).load();
        expect(errors).toEqual([]);
        const kinds = new Map(
          synthetic.requestsByKind().map(({ kind, count: n }) => [kind, n]),
        );
        // The four accounts without a blob service setting cost no more.
        expect(
          kinds.get(
            'microsoft.storage/storageaccounts → providers/microsoft.insights/diagnosticsettings',
          ),
        ).toBe(undefined);
        expect(
          kinds.get(
            'microsoft.storage/storageaccounts → blobservices/default/providers/microsoft.insights/diagnosticsettings',
          ),
        ).toBe(28);
        expect(synthetic.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
        expect(
          kinds.get(
            'get microsoft.storage/storageaccounts ($expand=geoReplicationStats)',
          ),
        ).toBe(28);
        expect(kinds.get('get microsoft.storage/storageaccounts')).toBe(
          undefined,
        );
        expect(kinds.get('microsoft.web/sites → config/web')).toBe(
          resourceGraph ? undefined : 28,
        );
        expect(stats.requests).toBe(requests);
        expect(stats.requests / count).toBeLessThan(ceiling);
      } finally {
        await synthetic.stop();
      }
    },
  );

  it('reads the classic kinds without any storage diagnostic setting at the same cost, under 2.2 requests per resource', async () => {
    const subscriptions = [
      '11111111-0000-0000-0000-000000000001',
      '11111111-0000-0000-0000-000000000002',
    ];
    // The estate of the live bench (`yarn bench dr.live`), scaled down:
    // 28 storage accounts, none with a blob service setting.
    const count = 140;
    const synthetic = await FakeResourceManager.start({
      resources: generateSyntheticEstate({ count, subscriptions }),
      providers: fixtureProviders,
    });
    try {
      const { stats, errors } = await source(
        { subscriptions, resourceGraph: true },
        synthetic,
      ).load();
      expect(errors).toEqual([]);
      expect(
        synthetic.requestsTo(
          /\/storageAccounts\/[^/]+\/blobServices\/default\/providers\/Microsoft\.Insights\/diagnosticSettings$/i,
        ),
      ).toHaveLength(28);
      expect(synthetic.requestsTo(STORAGE_ACCOUNT_DIAGNOSTICS)).toEqual([]);
      expect(stats.requests).toBe(283);
      expect(stats.requests / count).toBeLessThan(2.2);
    } finally {
      await synthetic.stop();
    }
  });

  it('reads managed databases as children when listing by tag', async () => {
    const { inventory, errors } = await load({
      resourceGraph: false,
      scope: {
        tag: { name: 'vitals-entity', value: 'component:default/intake' },
      },
    });
    expect(errors).toEqual([]);
    expect(families.requestsTo(`${MI}/databases`)).toHaveLength(1);
    expect(
      byId(
        inventory.resources,
        `${MI_DATABASE}/backupLongTermRetentionPolicies/default`,
      ).properties.yearlyRetention,
    ).toBe('P6Y');
    expect(
      families.requestsTo(`${MI_DATABASE}/backupShortTermRetentionPolicies`),
    ).toEqual([]);
  });

  it('reads Entra-only authentication when the instance does not report it', async () => {
    const original = familiesEstate.find(
      entry => (entry as FakeResourceBody).id === MI,
    ) as FakeResourceBody;
    const properties = original.properties as Record<string, any>;
    const { azureADOnlyAuthentication: _, ...administrators } =
      properties.administrators;
    families.addResources([
      { ...original, properties: { ...properties, administrators } },
    ]);
    try {
      const { inventory, errors } = await load();
      expect(errors).toEqual([]);
      expect(
        families.requestsTo(`${MI}/azureADOnlyAuthentications`),
      ).toHaveLength(1);
      expect(
        byId(inventory.resources, `${MI}/azureADOnlyAuthentications/Default`),
      ).toMatchObject({
        type: 'microsoft.sql/managedinstances/azureadonlyauthentications',
        properties: { azureADOnlyAuthentication: true },
      });
      // The other instances still say it themselves.
      expect(
        families.requestsTo(`${MI_REPORTING}/azureADOnlyAuthentications`),
      ).toEqual([]);
    } finally {
      families.addResources([original]);
    }
  });

  it('collects only child types that collectedChildTypes names', async () => {
    const collected = new Set(collectedChildTypes());
    for (const result of [
      await load(),
      await load({ resourceGraph: false }),
      await source({ resourceGraph: false }).load(),
      await source({
        scope: { tag: { name: 'vitals-entity', value: FIXTURE_ENTITY_REF } },
      }).load(),
    ]) {
      const childTypes = new Set(
        result.inventory.resources
          .map(r => r.type)
          .filter(type => type.split('/').length > 2),
      );
      expect(childTypes.size).toBeGreaterThan(3);
      for (const type of childTypes) {
        expect([type, collected.has(type)]).toEqual([type, true]);
      }
    }
  });
});

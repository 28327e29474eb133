import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { SnapshotInventorySource, parseResourceGraphExport } from './snapshot';

const FIXTURES = resolve(__dirname, 'testUtils', 'fixtures');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

const BASIC_QUERY_SUBSCRIPTION = 'cfbbd179-59d2-4052-aa06-9270a38aa9d6';
const BASIC_QUERY_RESOURCES = [
  {
    id: `/subscriptions/${BASIC_QUERY_SUBSCRIPTION}/resourceGroups/RG1/providers/Microsoft.Network/networkInterfaces/myNetworkInterface`,
    name: 'myNetworkInterface',
    type: 'microsoft.network/networkinterfaces',
    location: 'centralus',
    subscriptionId: BASIC_QUERY_SUBSCRIPTION,
    resourceGroup: 'RG1',
    tags: { tag1: 'Value1' },
    properties: {},
  },
  {
    id: `/subscriptions/${BASIC_QUERY_SUBSCRIPTION}/resourceGroups/RG2/providers/Microsoft.Network/virtualNetworks/myVnet`,
    name: 'myVnet',
    type: 'microsoft.network/virtualnetworks',
    location: 'westus',
    subscriptionId: BASIC_QUERY_SUBSCRIPTION,
    resourceGroup: 'RG2',
    tags: {},
    properties: {},
  },
  {
    id: `/subscriptions/${BASIC_QUERY_SUBSCRIPTION}/resourceGroups/RG2/providers/Microsoft.Network/publicIPAddresses/myPublicIp`,
    name: 'myPublicIp',
    type: 'microsoft.network/publicipaddresses',
    location: 'westus',
    subscriptionId: BASIC_QUERY_SUBSCRIPTION,
    resourceGroup: 'RG2',
    tags: {},
    properties: {},
  },
];

describe('parseResourceGraphExport', () => {
  it.each([
    [
      'the Resource Graph REST response',
      'resourceGraphResponse.json',
      'resource-graph-response',
    ],
    ['az graph query output', 'azGraphQueryOutput.json', 'az-cli'],
    [
      'a Resource Graph table',
      'resourceGraphTable.json',
      'resource-graph-table',
    ],
  ])('reads %s', (_name, file, format) => {
    const parsed = parseResourceGraphExport(fixture(file), file);
    expect(parsed.format).toBe(format);
    expect(parsed.resources).toEqual(BASIC_QUERY_RESOURCES);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads a bare array of full rows and normalises each', () => {
    const parsed = parseResourceGraphExport(
      fixture('resourceGraphArray.json'),
      'resourceGraphArray.json',
    );
    expect(parsed.format).toBe('array');
    const [server, database, failoverGroup] = parsed.resources;
    const group =
      '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-patient-portal-eastus2';
    expect(server).toMatchObject({
      id: `${group}/providers/Microsoft.Sql/servers/sql-patient-portal-eastus2`,
      type: 'microsoft.sql/servers',
      kind: 'v12.0',
      location: 'eastus2',
      subscriptionId: '00000000-1111-2222-3333-444444444444',
      resourceGroup: 'rg-patient-portal-eastus2',
      tags: {
        'vitals-entity': 'component:default/patient-portal',
        environment: 'production',
        'data-classification': 'phi',
      },
    });
    expect(server.properties.minimalTlsVersion).toBe('1.2');
    expect(database).toMatchObject({
      type: 'microsoft.sql/servers/databases',
      name: 'patients',
      tags: {},
      sku: { name: 'BC_Gen5', tier: 'BusinessCritical', capacity: 2 },
    });
    expect(database.properties.requestedBackupStorageRedundancy).toBe('Geo');
    // "East US 2" as the failover group body spells it.
    expect(failoverGroup.location).toBe('eastus2');
  });

  it('keeps Resource Graph columns over values derived from the id', () => {
    const parsed = parseResourceGraphExport(
      JSON.stringify([
        {
          id: '/subscriptions/AAA/resourceGroups/My-RG/providers/Microsoft.KeyVault/vaults/kv1',
          subscriptionId: 'aaa',
          resourceGroup: 'my-rg',
          type: 'Microsoft.KeyVault/vaults',
          location: 'West Europe',
          tags: { owner: 'team-a', costCenter: 42, empty: null },
          zones: [1, 2],
          properties: null,
        },
      ]),
      'inline',
    );
    expect(parsed.resources).toEqual([
      {
        id: '/subscriptions/AAA/resourceGroups/My-RG/providers/Microsoft.KeyVault/vaults/kv1',
        name: 'kv1',
        type: 'microsoft.keyvault/vaults',
        location: 'westeurope',
        subscriptionId: 'aaa',
        resourceGroup: 'my-rg',
        tags: { owner: 'team-a', costCenter: '42', empty: '' },
        zones: ['1', '2'],
        properties: {},
      },
    ]);
  });

  it('derives the type from the id when the row has none', () => {
    const parsed = parseResourceGraphExport(
      JSON.stringify({
        data: [
          {
            id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Sql/servers/a/databases/b',
          },
        ],
      }),
      'inline',
    );
    expect(parsed.resources[0]).toMatchObject({
      type: 'microsoft.sql/servers/databases',
      name: 'b',
      location: '',
    });
  });

  it.each([
    ['invalid JSON', '{"data": [', /^estate\.json is not valid JSON: /],
    [
      'a JSON string',
      '"resources"',
      'estate.json: expected a Resource Graph response ({ "data": [...] }), "az graph query" output, or a JSON array of resources; got string',
    ],
    [
      'an ARM list instead of a Resource Graph export',
      '{"value": [], "nextLink": null}',
      'estate.json: expected a Resource Graph response ({ "data": [...] }), "az graph query" output, or a JSON array of resources; got an object with keys "value", "nextLink"',
    ],
    [
      'data that is not an array',
      '{"totalRecords": 1, "data": "x"}',
      'estate.json: "data" must be an array of rows or a Resource Graph table, got string',
    ],
    [
      'a table without rows',
      '{"data": {"columns": []}}',
      'estate.json: "data" is an object but not a Resource Graph table (expected "columns" and "rows" arrays)',
    ],
    [
      'rows without ids or not objects',
      JSON.stringify({
        data: [
          { id: '/subscriptions/s/resourceGroups/rg/providers/A.B/c/d' },
          { name: 'no-id' },
          'a string',
          null,
          { id: '' },
          { id: 'not-a-resource-id' },
        ],
      }),
      'estate.json: 5 of 6 rows are not resources: row 1 has no "id"; row 2 is string, not an object; row 3 is null, not an object; row 4 has an empty or non-string "id"; row 5 has no "type" and its id "not-a-resource-id" is not a resource id',
    ],
  ])('rejects %s with a message naming the file', (_name, text, message) => {
    expect(() => parseResourceGraphExport(text, 'estate.json')).toThrow(
      message,
    );
    expect(() => parseResourceGraphExport(text, 'estate.json')).toThrow(
      InputError,
    );
  });

  it('lists at most ten bad rows', () => {
    const rows = Array.from({ length: 13 }, () => ({ name: 'x' }));
    expect(() =>
      parseResourceGraphExport(JSON.stringify(rows), 'big.json'),
    ).toThrow(
      'big.json: 13 of 13 rows are not resources: row 0 has no "id"; row 1 has no "id"; row 2 has no "id"; row 3 has no "id"; row 4 has no "id"; row 5 has no "id"; row 6 has no "id"; row 7 has no "id"; row 8 has no "id"; row 9 has no "id"; and 3 more',
    );
  });

  it.each([
    [
      'a REST page with $skipToken',
      {
        totalRecords: 2500,
        count: 1,
        $skipToken: 'ew0KICAiJGlkIjogIjEiLA0K',
        data: [],
      },
      'e.json holds one page of a paged Resource Graph result (1 of 2500 rows); resources on later pages are missing. Export every page (follow $skipToken) into one file.',
    ],
    [
      'az graph query output with skip_token',
      { count: 1, skip_token: 'abc', total_records: 7, data: [] },
      'e.json holds one page of a paged Resource Graph result (1 of 7 rows); resources on later pages are missing. Export every page (follow $skipToken) into one file.',
    ],
    [
      'a total larger than the rows',
      { count: 1, skip_token: null, total_records: 3, data: [] },
      'e.json holds 1 of 3 rows; the export was truncated.',
    ],
    [
      'resultTruncated',
      { totalRecords: 1, count: 1, resultTruncated: 'true', data: [] },
      'e.json: Resource Graph marked the result as truncated (resultTruncated); some resources are missing.',
    ],
  ])('warns about %s', (_name, document, warning) => {
    const row = {
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a',
    };
    const parsed = parseResourceGraphExport(
      JSON.stringify({ ...document, data: [row] }),
      'e.json',
    );
    expect(parsed.warnings).toEqual([warning]);
    expect(parsed.resources).toHaveLength(1);
  });

  it('keeps the first of duplicate ids, compared case-insensitively', () => {
    const parsed = parseResourceGraphExport(
      JSON.stringify([
        {
          id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a',
          kind: 'first',
        },
        {
          id: '/SUBSCRIPTIONS/s/resourcegroups/RG/providers/microsoft.web/sites/A',
          kind: 'second',
        },
      ]),
      'dup.json',
    );
    expect(parsed.resources.map(r => r.kind)).toEqual(['first']);
    expect(parsed.warnings).toEqual([
      'dup.json: 1 duplicate rows (same id) ignored; the first occurrence was kept.',
    ]);
  });
});

describe('SnapshotInventorySource', () => {
  const mockDir = createMockDirectory();
  const row = (subscription: string, name: string) => ({
    id: `/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
    location: 'East US 2',
  });

  beforeEach(() => {
    mockDir.setContent({
      'examples/azure/estate.json': JSON.stringify({
        exportedAt: '2025-02-01T08:00:00Z',
        totalRecords: 3,
        count: 3,
        data: [row('sub-a', 'st1'), row('sub-b', 'st2'), row('SUB-A', 'st3')],
      }),
      'exports/plain.json': JSON.stringify([row('sub-a', 'st9')]),
      'exports/broken.json': '{"data": [{"name": "x"}]}',
    });
  });

  it('resolves vitals.azure.snapshotPath against the root and filters subscriptions', async () => {
    const source = SnapshotInventorySource.fromConfig(
      new ConfigReader({ vitals: { azure: { subscriptions: ['sub-a'] } } }),
      { rootDir: mockDir.path },
    );
    expect(source.path).toBe(
      resolve(mockDir.path, 'examples/azure/estate.json'),
    );
    const result = await source.load();
    expect(result.inventory.provenance).toEqual({
      source: 'snapshot',
      fetchedAt: '2025-02-01T08:00:00Z',
      subscriptions: ['sub-a'],
      origin: 'snapshot file estate.json',
    });
    expect(result.inventory.resources.map(r => r.name)).toEqual(['st1', 'st3']);
    expect(result.stats).toMatchObject({
      requests: 0,
      failedResources: 0,
      strategy: 'snapshot',
    });
    expect(result.errors).toEqual([]);
  });

  it('covers every subscription of the file when none are configured, and dates it by mtime', async () => {
    const source = new SnapshotInventorySource({
      path: 'exports/plain.json',
      rootDir: mockDir.path,
    });
    const result = await source.load();
    expect(result.inventory.provenance.subscriptions).toEqual(['sub-a']);
    expect(Date.parse(result.inventory.provenance.fetchedAt)).not.toBeNaN();
    expect(result.inventory.resources[0].location).toBe('eastus2');
  });

  it('accepts an absolute path', async () => {
    const path = resolve(mockDir.path, 'exports/plain.json');
    const source = new SnapshotInventorySource({ path, rootDir: '/elsewhere' });
    await expect(source.load()).resolves.toMatchObject({
      inventory: { provenance: { origin: 'snapshot file plain.json' } },
    });
  });

  it('reports a missing file as NotFoundError naming the path and the key', async () => {
    const source = new SnapshotInventorySource({
      path: 'missing.json',
      rootDir: mockDir.path,
    });
    await expect(source.load()).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'Azure snapshot file missing.json does not exist (set vitals.azure.snapshotPath)',
    });
  });

  it('reports malformed content with the file name (never its path) and row', async () => {
    const source = new SnapshotInventorySource({
      path: 'exports/broken.json',
      rootDir: mockDir.path,
    });
    await expect(source.load()).rejects.toMatchObject({
      name: 'InputError',
      message:
        'snapshot file broken.json: 1 of 1 rows are not resources: row 0 has no "id"',
    });
  });
});

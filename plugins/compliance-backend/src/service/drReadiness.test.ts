import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { DrReadinessClient, summaryFromOverviewRow } from './drReadiness';

describe('summaryFromOverviewRow', () => {
  it.each([
    [
      'cells with roles',
      {
        secondaryRegion: 'centralus',
        cells: {
          eastus2: { role: 'primary', status: 'ready' },
          centralus: { role: 'secondary', status: 'at-risk' },
        },
        lastDrill: { performedAt: '2026-10-01T10:00:00Z', outcome: 'partial' },
      },
      {
        secondaryRegion: 'centralus',
        secondaryStatus: 'at-risk',
        lastDrill: { performedAt: '2026-10-01T10:00:00Z', outcome: 'partial' },
      },
    ],
    [
      'the secondary found by its role',
      {
        cells: {
          westus3: { role: 'primary', status: 'ready' },
          eastus: { role: 'secondary', status: 'not-ready' },
        },
        lastDrill: null,
      },
      {
        secondaryRegion: 'eastus',
        secondaryStatus: 'not-ready',
        lastDrill: null,
      },
    ],
    [
      'cells as bare statuses',
      { secondaryRegion: 'centralus', cells: { centralus: 'ready' } },
      {
        secondaryRegion: 'centralus',
        secondaryStatus: 'ready',
        lastDrill: null,
      },
    ],
    [
      'no secondary at all',
      { secondaryRegion: null, cells: { qatarcentral: 'ready' } },
      { secondaryRegion: null, secondaryStatus: 'unknown', lastDrill: null },
    ],
    [
      'an unrecognised status and a malformed drill',
      {
        secondaryRegion: 'centralus',
        cells: { centralus: { status: 'melting' } },
        lastDrill: { performedAt: 12, outcome: 'success' },
      },
      {
        secondaryRegion: 'centralus',
        secondaryStatus: 'unknown',
        lastDrill: null,
      },
    ],
  ])('reads %s', (_name, row, expected) => {
    expect(summaryFromOverviewRow(row, '2026-11-23T12:00:00Z')).toEqual({
      ...expected,
      evaluatedAt: '2026-11-23T12:00:00Z',
    });
  });
});

describe('DrReadinessClient against a DR-readiness server', () => {
  let server: http.Server;
  let answers: Array<{
    status: number;
    headers?: Record<string, string>;
    body: unknown;
  }>;
  let requests: Array<{ url?: string; authorization?: string }>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ url: req.url, authorization: req.headers.authorization });
      const answer = answers.shift() ?? { status: 500, body: {} };
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...answer.headers,
      });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    answers = [];
    requests = [];
  });

  function client() {
    const { port } = server.address() as AddressInfo;
    const slept: number[] = [];
    return {
      slept,
      client: new DrReadinessClient({
        discovery: {
          getBaseUrl: async (pluginId: string) =>
            `http://127.0.0.1:${port}/api/${pluginId}`,
          getExternalBaseUrl: async () => '',
        },
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        sleep: async ms => {
          slept.push(ms);
        },
      }),
    };
  }

  it('reads the overview with a service token for the DR-readiness plugin', async () => {
    answers.push({
      status: 200,
      body: {
        evaluatedAt: '2026-11-23T11:59:00Z',
        items: [
          {
            entityRef: 'Component:default/Records-Service',
            secondaryRegion: 'centralus',
            cells: { centralus: { role: 'secondary', status: 'ready' } },
            lastDrill: null,
          },
        ],
      },
    });
    const result = await client().client.fetchSummaries();
    expect(requests[0].url).toBe('/api/dr-readiness/overview');
    expect(requests[0].authorization).toMatch(/^Bearer .+/);
    expect(result).toMatchObject({ available: true });
    const summaries = result.available ? result.summaries : new Map();
    expect(summaries.get('component:default/records-service')).toEqual({
      secondaryRegion: 'centralus',
      secondaryStatus: 'ready',
      lastDrill: null,
      evaluatedAt: '2026-11-23T11:59:00Z',
    });
  });

  it('waits out a short 503 while the DR plugin evaluates for the first time', async () => {
    answers.push(
      { status: 503, headers: { 'retry-after': '5' }, body: {} },
      { status: 200, body: { items: [], evaluatedAt: '2026-11-23T12:00:00Z' } },
    );
    const { client: c, slept } = client();
    expect(await c.fetchSummaries()).toMatchObject({ available: true });
    expect(slept).toEqual([5000]);
  });

  it('gives up with the reason on a long 503, a 404 or a malformed body', async () => {
    answers.push({ status: 503, headers: { 'retry-after': '900' }, body: {} });
    expect(await client().client.fetchSummaries()).toEqual({
      available: false,
      error: expect.stringContaining('503'),
    });
    answers.push({ status: 404, body: {} });
    expect(await client().client.fetchSummaries()).toEqual({
      available: false,
      error: expect.stringContaining('not installed'),
    });
    answers.push({ status: 200, body: { items: [], evaluatedAt: null } });
    expect(await client().client.fetchSummaries()).toEqual({
      available: false,
      error: expect.stringContaining('not evaluated any service yet'),
    });
    answers.push({ status: 200, body: { rows: [] } });
    expect(await client().client.fetchSummaries()).toEqual({
      available: false,
      error: expect.stringContaining('no items'),
    });
  });
});

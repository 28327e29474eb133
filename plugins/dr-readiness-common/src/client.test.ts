import { ResponseError } from '@backstage/errors';
import { DrReadinessClient } from './client';

const BASE = 'http://portal.test/api/dr-readiness';
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'FHIR-gateway',
};
const ENTITY = `${BASE}/entities/default/component/fhir-gateway`;
const DRILLS = `${ENTITY}/drills`;

function clientAnswering(status: number, body: unknown, headers = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  );
  const getBaseUrl = jest.fn(
    async (pluginId: string) => `http://portal.test/api/${pluginId}`,
  );
  const client = new DrReadinessClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch, getBaseUrl };
}

async function rejectionOf(call: Promise<unknown>): Promise<ResponseError> {
  try {
    await call;
  } catch (error) {
    return error as ResponseError;
  }
  throw new Error('expected the call to reject');
}

const errorBody = (name: string, message: string, statusCode: number) => ({
  error: { name, message },
  request: { method: 'GET', url: '/x' },
  response: { statusCode },
});

const drill = {
  region: 'eastus2',
  performedAt: '2026-11-01T10:00:00.000Z',
  outcome: 'partial' as const,
  rtoAchieved: 'PT50M',
  notes: '',
};

interface ExpectedRequest {
  url: string;
  method: string;
  body?: unknown;
}

/**
 * The request each method sends. Keyed by the client's methods, so that a new
 * method without its expected request does not compile.
 */
const requests: Record<
  keyof DrReadinessClient,
  [(client: DrReadinessClient) => Promise<unknown>, ExpectedRequest]
> = {
  getEntity: [c => c.getEntity(entity), { url: ENTITY, method: 'GET' }],
  getOverview: [
    c =>
      c.getOverview({
        owner: 'group:default/clinical-data',
        system: 'system:default/clinical-records',
        tier: 'critical',
        status: 'not-ready',
      }),
    {
      url: `${BASE}/overview?owner=group%3Adefault%2Fclinical-data&system=system%3Adefault%2Fclinical-records&tier=critical&status=not-ready`,
      method: 'GET',
    },
  ],
  getRegionImpact: [
    c => c.getRegionImpact('East US/2'),
    { url: `${BASE}/regions/East%20US%2F2/impact`, method: 'GET' },
  ],
  getCoverage: [
    c => c.getCoverage(),
    { url: `${BASE}/coverage`, method: 'GET' },
  ],
  getRegions: [c => c.getRegions(), { url: `${BASE}/regions`, method: 'GET' }],
  listDrills: [c => c.listDrills(entity), { url: DRILLS, method: 'GET' }],
  recordDrill: [
    c => c.recordDrill(entity, drill),
    { url: DRILLS, method: 'POST', body: drill },
  ],
  correctDrill: [
    c => c.correctDrill(entity, 'd-1', { ...drill, reason: 'wrong RTO' }),
    {
      url: `${DRILLS}/d-1`,
      method: 'PUT',
      body: { ...drill, reason: 'wrong RTO' },
    },
  ],
  withdrawDrill: [
    c => c.withdrawDrill(entity, 'seed-1/2', 'tabletop only'),
    {
      url: `${DRILLS}/seed-1%2F2/withdraw`,
      method: 'POST',
      body: { reason: 'tabletop only' },
    },
  ],
};

describe('DrReadinessClient', () => {
  it('has an expected request for every method of the client', () => {
    const methods = Object.getOwnPropertyNames(
      DrReadinessClient.prototype,
    ).filter(name => name !== 'constructor');
    expect(methods.sort()).toEqual(Object.keys(requests).sort());
  });

  it.each(Object.keys(requests) as Array<keyof DrReadinessClient>)(
    '%s sends its method, path and body, and resolves to the answer',
    async method => {
      const [call, expected] = requests[method];
      const answer = { answered: method };
      const { client, fetch, getBaseUrl } = clientAnswering(200, answer);
      await expect(call(client)).resolves.toEqual(answer);
      expect(getBaseUrl).toHaveBeenCalledWith('dr-readiness');
      expect(fetch).toHaveBeenCalledTimes(1);
      const [url, init] = fetch.mock.calls[0];
      expect({
        url,
        method: init?.method,
        body:
          init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      }).toEqual({ body: undefined, ...expected });
      expect(new Headers(init?.headers).get('content-type')).toBe(
        expected.body === undefined ? null : 'application/json',
      );
    },
  );

  it('sends only the overview filters that are set', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.getOverview();
    await client.getOverview({
      tier: 'critical',
      owner: '',
      status: undefined,
    });
    await client.getOverview({ owner: 'clinical-data', status: 'at-risk' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/overview`,
      `${BASE}/overview?tier=critical`,
      `${BASE}/overview?owner=clinical-data&status=at-risk`,
    ]);
  });

  it('encodes every part of an entity path, so a name cannot reach another route', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listDrills({
      kind: 'Component',
      namespace: 'Team A',
      name: '../overview',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/entities/team%20a/component/..%2Foverview/drills`,
    );
  });

  it.each([
    [404, 'NotFoundError', 'No entity named component:default/fhir-gateway'],
    [400, 'InputError', 'reason: reason is required'],
    [
      403,
      'NotAllowedError',
      'Withdrawing a DR drill requires the permission dr-readiness.drill.create',
    ],
    [
      409,
      'ConflictError',
      'drill d-1 was withdrawn and can no longer be corrected',
    ],
  ])(
    'rejects a %s with a ResponseError carrying the server error',
    async (status, name, message) => {
      const { client } = clientAnswering(
        status,
        errorBody(name, message, status),
      );
      for (const [method, [call]] of Object.entries(requests)) {
        const error = await rejectionOf(call(client));
        expect([method, error]).toEqual([method, expect.any(ResponseError)]);
        expect(error).toMatchObject({
          name: 'ResponseError',
          statusCode: status,
          body: { error: { name, message } },
        });
        // What ResponseErrorPanel shows the user.
        expect(error.cause).toMatchObject({ name, message });
      }
    },
  );

  it('keeps a 503 and its Retry-After for the screens to show', async () => {
    const { client } = clientAnswering(
      503,
      errorBody(
        'ServiceUnavailableError',
        'DR readiness has not been evaluated yet: waiting for the first refresh',
        503,
      ),
      { 'retry-after': '300' },
    );
    const error = await rejectionOf(client.getOverview());
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(error.response.headers.get('retry-after')).toBe('300');
    expect(error.body.error).toEqual({
      name: 'ServiceUnavailableError',
      message:
        'DR readiness has not been evaluated yet: waiting for the first refresh',
    });
  });
});

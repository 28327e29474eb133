import { SloClient } from './client';

const BASE = 'http://portal.test/api/slo';

function clientAnswering(status: number, body: unknown, headers = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      }),
  );
  const client = new SloClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://portal.test/api/${id}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'fhir-gateway',
};

describe('SloClient', () => {
  it('reads an entity by its lower-case path', async () => {
    const { client, fetch } = clientAnswering(200, {
      entityRef: 'x',
      slos: [],
    });
    await expect(client.getEntitySlos(entity)).resolves.toEqual({
      entityRef: 'x',
      slos: [],
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/entities/default/component/fhir-gateway`,
    );
    expect(fetch.mock.calls[0][1]?.method ?? 'GET').toBe('GET');
  });

  it('sends only the overview filters that are set', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.getOverview();
    await client.getOverview({
      owner: 'group:default/care-experience',
      state: 'freeze',
      firing: false,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/overview`,
      `${BASE}/overview?owner=group%3Adefault%2Fcare-experience&state=freeze&firing=false`,
    ]);
  });

  it('asks for a history range in ISO-8601 with the step', async () => {
    const { client, fetch } = clientAnswering(200, { points: [] });
    await client.getHistory(entity, 'availability/p99', {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
      step: '1h',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/entities/default/component/fhir-gateway/slos/availability%2Fp99/history?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z&step=1h`,
    );
  });

  it('reads the data sources', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.getDataSources();
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/data-sources`);
  });

  it('turns an error answer into a ResponseError carrying the server message', async () => {
    const { client } = clientAnswering(400, {
      error: { name: 'InputError', message: 'from must be before to' },
      request: { method: 'GET', url: '/x' },
      response: { statusCode: 400 },
    });
    await expect(client.getOverview()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'from must be before to' } },
    });
  });

  it('keeps a 503 and its Retry-After for the screens to show', async () => {
    const { client } = clientAnswering(
      503,
      {
        error: {
          name: 'ServiceUnavailableError',
          message:
            'The SLOs of component:default/fhir-gateway have not been read yet',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 503 },
      },
      { 'retry-after': '300' },
    );
    const error = await client.getEntitySlos(entity).catch(e => e);
    expect(error.statusCode).toBe(503);
    expect(error.response.headers.get('retry-after')).toBe('300');
    expect(error.body.error.name).toBe('ServiceUnavailableError');
  });
});

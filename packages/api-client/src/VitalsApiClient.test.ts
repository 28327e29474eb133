import { ResponseError } from '@backstage/errors';
import {
  ApiClientMethod,
  entityPath,
  EntityPathRef,
  queryString,
  VitalsApiClient,
  VitalsApiClientOptions,
} from './VitalsApiClient';

/** Exposes the protected helpers, as a plugin's client would use them. */
class TestClient extends VitalsApiClient {
  constructor(options: VitalsApiClientOptions) {
    super(options, 'widgets');
  }
  read<T>(path: string) {
    return this.get<T>(path);
  }
  write<T>(method: ApiClientMethod, path: string, body?: unknown) {
    return this.send<T>(method, path, body);
  }
  pathOf(ref: EntityPathRef) {
    return this.entityPath(ref);
  }
}

function answering(status: number, body?: unknown, headers = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers:
          body === undefined
            ? headers
            : { 'content-type': 'application/json', ...headers },
      }),
  );
  const getBaseUrl = jest.fn(
    async (pluginId: string) => `http://portal.test/api/${pluginId}`,
  );
  const client = new TestClient({
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

describe('VitalsApiClient', () => {
  it('reads JSON from the plugin base URL with GET', async () => {
    const { client, fetch, getBaseUrl } = answering(200, { items: [1, 2] });
    await expect(client.read('/things?x=1')).resolves.toEqual({
      items: [1, 2],
    });
    expect(getBaseUrl).toHaveBeenCalledWith('widgets');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://portal.test/api/widgets/things?x=1');
    expect(init?.method).toBe('GET');
    expect(init?.body).toBeUndefined();
  });

  it('sends a JSON body with its content type', async () => {
    const { client, fetch } = answering(201, { id: 'w-1' });
    await expect(
      client.write('POST', '/things', { name: 'gauge', sizes: [1, 2] }),
    ).resolves.toEqual({ id: 'w-1' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://portal.test/api/widgets/things');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'gauge',
      sizes: [1, 2],
    });
  });

  it('sends no body and no content type when there is nothing to send', async () => {
    const { client, fetch } = answering(204);
    await expect(client.write('DELETE', '/things/w-1')).resolves.toBe(
      undefined,
    );
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://portal.test/api/widgets/things/w-1');
    expect(init?.method).toBe('DELETE');
    expect(init?.body).toBeUndefined();
    expect(init?.headers).toBeUndefined();
  });

  it('sends falsy bodies rather than dropping them', async () => {
    const { client, fetch } = answering(200, {});
    await client.write('PUT', '/flag', false);
    await client.write('PUT', '/count', 0);
    expect(fetch.mock.calls.map(c => c[1]?.body)).toEqual(['false', '0']);
  });

  it('resolves a 204 to undefined without reading a body', async () => {
    const { client } = answering(204);
    await expect(client.read('/nothing')).resolves.toBeUndefined();
  });

  it('turns a 400 into a ResponseError carrying the server message', async () => {
    const { client } = answering(
      400,
      errorBody('InputError', 'from must be before to', 400),
    );
    const error = await rejectionOf(client.read('/things'));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toEqual({
      name: 'InputError',
      message: 'from must be before to',
    });
    expect(error.cause).toMatchObject({
      name: 'InputError',
      message: 'from must be before to',
    });
  });

  it('keeps a 503 and its Retry-After for the screens to show', async () => {
    const { client } = answering(
      503,
      errorBody('ServiceUnavailableError', 'not been read yet', 503),
      { 'retry-after': '300' },
    );
    const error = await rejectionOf(client.write('POST', '/things', {}));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(error.response.headers.get('retry-after')).toBe('300');
    expect(error.body.error.name).toBe('ServiceUnavailableError');
  });

  it('maps an error answer that is not JSON too', async () => {
    const fetch = jest.fn(
      async () => new Response('Bad Gateway', { status: 502 }),
    );
    const client = new TestClient({
      discoveryApi: { getBaseUrl: async () => 'http://portal.test/api/w' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    const error = await rejectionOf(client.read('/x'));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });

  it('builds lower-case, encoded entity paths', async () => {
    const { client } = answering(200, {});
    expect(
      client.pathOf({
        kind: 'Component',
        namespace: 'Default',
        name: 'FHIR-Gateway',
      }),
    ).toBe('/entities/default/component/fhir-gateway');
    expect(
      entityPath({ kind: 'Component', namespace: 'default', name: 'a/../b?c' }),
    ).toBe('/entities/default/component/a%2F..%2Fb%3Fc');
  });
});

describe('queryString', () => {
  it('keeps only the parameters that are set', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: undefined, b: '', c: null })).toBe('');
    expect(
      queryString({
        owner: 'group:default/care',
        firing: false,
        limit: 0,
        state: undefined,
      }),
    ).toBe('?owner=group%3Adefault%2Fcare&firing=false&limit=0');
  });
});

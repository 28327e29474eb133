import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SliDataSourceError } from '@vitals/plugin-slo-node';
import { PrometheusDataSource } from './prometheus';

const M = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12);

type Handler = (
  req: http.IncomingMessage,
  body: URLSearchParams,
  res: http.ServerResponse,
) => void;

/** A stand-in for the Prometheus HTTP API that answers whatever each test scripts. */
async function fakePrometheus(handler: Handler) {
  const requests: Array<{
    path: string;
    body: URLSearchParams;
    headers: http.IncomingHttpHeaders;
  }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', c => (raw += c));
    req.on('end', () => {
      const body = new URLSearchParams(raw);
      requests.push({ path: req.url!, body, headers: req.headers });
      handler(req, body, res);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise(r => server.close(r)) };
}

const matrix = (series: Array<Array<[number, number]>>) =>
  JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map((values, i) => ({
        metric: { i: String(i) },
        values: values.map(([t, v]) => [t / 1000, String(v)]),
      })),
    },
  });

const ratioRequest = {
  indicator: {
    kind: 'ratio' as const,
    counter: true,
    good: { query: 'http_requests_total{code!~"5.."}' },
    total: { query: 'http_requests_total' },
  },
  objective: { key: '0', target: 0.999 },
  budgetingMethod: 'Occurrences' as const,
  from: T0,
  to: T0 + 15 * M,
  step: 5 * M,
  context: {
    entityRef: 'component:default/api',
    slo: 'availability',
    service: 'api',
  },
};

describe('PrometheusDataSource', () => {
  const noSleep = async () => {};

  it('queries good and total as range increases, sums series, and sends the configured headers', async () => {
    const prom = await fakePrometheus((_req, body, res) => {
      const total = body.get('query')!.includes('code!~');
      res.setHeader('content-type', 'application/json');
      res.end(
        matrix(
          total
            ? [
                [
                  [T0 + 5 * M, 99],
                  [T0 + 10 * M, 98],
                ],
                [[T0 + 5 * M, 1]],
              ]
            : [
                [
                  [T0 + 5 * M, 200],
                  [T0 + 10 * M, 100],
                  [T0 + 15 * M, 50],
                ],
              ],
        ),
      );
    });
    try {
      const source = new PrometheusDataSource({
        name: 'prometheus',
        url: `${prom.url}/`,
        headers: { Authorization: 'Bearer s3cret' },
        sleep: noSleep,
      });
      const result = await source.fetch(ratioRequest);
      expect(result.queries).toBe(2);
      expect(result.points).toEqual({
        kind: 'events',
        step: 5 * M,
        t: [T0 + 5 * M, T0 + 10 * M, T0 + 15 * M],
        total: [200, 100, 50],
        good: [100, 98, 0],
      });
      expect(prom.requests[0].path).toBe('/api/v1/query_range');
      expect(prom.requests[0].body.get('query')).toBe(
        'sum(increase(http_requests_total[5m]))',
      );
      expect(prom.requests[0].body.get('start')).toBe(
        String((T0 + 5 * M) / 1000),
      );
      expect(prom.requests[0].body.get('end')).toBe(
        String((T0 + 15 * M) / 1000),
      );
      expect(prom.requests[0].body.get('step')).toBe('300');
      expect(prom.requests[1].body.get('query')).toBe(
        'sum(increase(http_requests_total{code!~"5.."}[5m]))',
      );
      expect(prom.requests[0].headers.authorization).toBe('Bearer s3cret');
    } finally {
      await prom.close();
    }
  });

  it('retries 5xx and honours Retry-After on 429', async () => {
    let calls = 0;
    const prom = await fakePrometheus((_req, _body, res) => {
      calls += 1;
      if (calls === 1) {
        res.statusCode = 503;
        res.end('overloaded');
      } else if (calls === 2) {
        res.statusCode = 429;
        res.setHeader('retry-after', '7');
        res.end();
      } else {
        res.end(matrix([[[T0 + 5 * M, 1]]]));
      }
    });
    try {
      const waits: number[] = [];
      const source = new PrometheusDataSource({
        name: 'p',
        url: prom.url,
        retries: 3,
        sleep: async ms => void waits.push(ms),
      });
      const result = await source.rangeQuery('up', T0, T0 + 5 * M, 5 * M);
      expect(result.values.get(T0 + 5 * M)).toBe(1);
      expect(calls).toBe(3);
      expect(waits).toHaveLength(2);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThan(1000);
      expect(waits[1]).toBe(7000);
    } finally {
      await prom.close();
    }
  });

  it('gives up after the retries with an "unavailable" error naming the status', async () => {
    const prom = await fakePrometheus((_req, _body, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        retries: 2,
        sleep: noSleep,
      });
      const error = await source.fetch(ratioRequest).catch(e => e);
      expect(error).toBeInstanceOf(SliDataSourceError);
      expect(error.kind).toBe('unavailable');
      expect(error.message).toContain('answered 500');
      expect(prom.requests).toHaveLength(3);
    } finally {
      await prom.close();
    }
  });

  it('reports a server that does not answer in time, and one that is down', async () => {
    const prom = await fakePrometheus(() => {
      // never answers
    });
    try {
      const slow = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        timeoutMs: 200,
        retries: 0,
        sleep: noSleep,
      });
      await expect(slow.fetch(ratioRequest)).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringContaining('did not answer within 0.2s'),
      });
    } finally {
      await prom.close();
    }
    const down = new PrometheusDataSource({
      name: 'prom',
      url: 'http://127.0.0.1:9',
      retries: 1,
      sleep: noSleep,
    });
    await expect(down.fetch(ratioRequest)).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('could not be reached'),
    });
  });

  it('reports a rejected query with Prometheus’s own message', async () => {
    const prom = await fakePrometheus((_req, _body, res) => {
      res.statusCode = 400;
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error: unexpected "}"',
        }),
      );
    });
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        sleep: noSleep,
      });
      await expect(source.fetch(ratioRequest)).rejects.toMatchObject({
        kind: 'query',
        message: expect.stringContaining('parse error: unexpected "}"'),
      });
      expect(prom.requests).toHaveLength(1);
    } finally {
      await prom.close();
    }
  });

  it('reports a refused request once, whatever its body, without renewing static headers', async () => {
    const prom = await fakePrometheus((_req, _body, res) => {
      res.statusCode = 401;
      res.end('<html>Unauthorized</html>');
    });
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        headers: { Authorization: 'Bearer expired-static' },
        sleep: noSleep,
      });
      await expect(source.fetch(ratioRequest)).rejects.toMatchObject({
        kind: 'unavailable',
        message:
          'Prometheus `prom` refused the request (401); check vitals.slo.dataSources headers',
      });
      expect(prom.requests).toHaveLength(1);
    } finally {
      await prom.close();
    }
  });

  it('says clearly when a query matches nothing', async () => {
    const prom = await fakePrometheus((_req, _body, res) =>
      res.end(matrix([])),
    );
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        sleep: noSleep,
      });
      await expect(source.fetch(ratioRequest)).rejects.toMatchObject({
        kind: 'empty',
        message: expect.stringContaining('the total query returned no series'),
      });
    } finally {
      await prom.close();
    }
  });

  it('counts a bad query without series as no bad events, with a warning', async () => {
    const prom = await fakePrometheus((_req, body, res) =>
      res.end(
        body.get('query')!.includes('5..')
          ? matrix([])
          : matrix([[[T0 + 5 * M, 10]]]),
      ),
    );
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        sleep: noSleep,
      });
      const result = await source.fetch({
        ...ratioRequest,
        to: T0 + 5 * M,
        indicator: {
          kind: 'ratio',
          counter: true,
          bad: { query: 'x{code=~"5.."}' },
          total: { query: 'x' },
        },
      });
      expect(result.points).toMatchObject({ good: [10], total: [10] });
      expect(result.warnings[0]).toContain('bad query returned no series');
    } finally {
      await prom.close();
    }
  });

  it('splits long ranges into queries of at most 11,000 points', async () => {
    const prom = await fakePrometheus((_req, _body, res) =>
      res.end(matrix([[[T0, 1]]])),
    );
    try {
      const source = new PrometheusDataSource({
        name: 'prom',
        url: prom.url,
        sleep: noSleep,
      });
      const step = M;
      const result = await source.rangeQuery(
        'up',
        T0,
        T0 + 25_000 * step,
        step,
      );
      expect(result.queries).toBe(3);
      const ranges = prom.requests.map(r => [
        Number(r.body.get('start')),
        Number(r.body.get('end')),
      ]);
      expect(ranges).toEqual([
        [(T0 + step) / 1000, (T0 + 11_000 * step) / 1000],
        [(T0 + 11_001 * step) / 1000, (T0 + 22_000 * step) / 1000],
        [(T0 + 22_001 * step) / 1000, (T0 + 25_000 * step) / 1000],
      ]);
    } finally {
      await prom.close();
    }
  });

  it('names itself in errors by its configured name, never by its URL, credentials or header values', async () => {
    const prom = await fakePrometheus((req, _body, res) => {
      res.statusCode = 503;
      res.end(
        `proxy error for http://127.0.0.1:9090${req.url} (auth ${req.headers.authorization}, tenant ${req.headers['x-scope-orgid']})`,
      );
    });
    try {
      const port = new URL(prom.url).port;
      const source = new PrometheusDataSource({
        name: 'metrics',
        url: `http://reader:pa%24%24word@127.0.0.1:${port}/`,
        headers: { 'X-Scope-OrgID': 'tenant-secret' },
        retries: 0,
        sleep: noSleep,
      });
      const error: SliDataSourceError = await source
        .fetch(ratioRequest)
        .then(() => {
          throw new Error('the fetch succeeded');
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(SliDataSourceError);
      expect(error.message).toMatch(/^Prometheus `metrics` answered 503: /);
      expect(error.message).not.toMatch(/https?:\/\/|127\.0\.0\.1/);
      expect(error.message).not.toContain(port);
      expect(error.message).not.toContain('pa$$word');
      expect(error.message).not.toContain('tenant-secret');
      // The URL's credentials are sent as Basic authorization, not in the URL.
      expect(prom.requests[0].headers.authorization).toBe(
        `Basic ${Buffer.from('reader:pa$$word').toString('base64')}`,
      );
      expect(error.message).not.toContain(
        Buffer.from('reader:pa$$word').toString('base64'),
      );
    } finally {
      await prom.close();
    }
    // A port nothing listens on (any longer).
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));
    const down = new PrometheusDataSource({
      name: 'metrics',
      url: `http://user:secret-pw@127.0.0.1:${closedPort}`,
      retries: 0,
      sleep: noSleep,
    });
    const unreachable = await down.fetch(ratioRequest).catch(e => e);
    expect(unreachable.message).toBe(
      'Prometheus `metrics` could not be reached: the connection was refused',
    );
  });
});

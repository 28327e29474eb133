import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SliDataSourceError } from '@vitals/plugin-slo-node';
import { sloPlugin } from '../plugin';
import { FakeEntraCredential, startFakeWorkspace } from '../testing/fakeEntra';
import {
  AzureManagedPrometheusDataSource,
  createAzureManagedPrometheusFactory,
} from './azureManagedPrometheus';
import { AZURE_MONITOR_PROMETHEUS_SCOPE } from './entraToken';

const M = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12);

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
  to: T0 + 10 * M,
  step: 5 * M,
  context: {
    entityRef: 'component:default/api',
    slo: 'availability',
    service: 'api',
  },
};

/** A Prometheus answer: 100 events per step for total, 99 for good. */
function answerMatrix(_req: unknown, body: string, res: any) {
  const query = new URLSearchParams(body).get('query') ?? '';
  const value = query.includes('code!~') ? 99 : 100;
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [(T0 + 5 * M) / 1000, String(value)],
              [(T0 + 10 * M) / 1000, String(value)],
            ],
          },
        ],
      },
    }),
  );
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  expect(condition()).toBe(true);
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>(r => {
    release = r;
  });
  return { promise, release };
}

describe('AzureManagedPrometheusDataSource', () => {
  let clock: number;
  let credential: FakeEntraCredential;
  let workspace: Awaited<ReturnType<typeof startFakeWorkspace>> | undefined;
  const logger = mockServices.logger.mock();

  beforeEach(() => {
    clock = Date.UTC(2026, 11, 5, 9);
    credential = new FakeEntraCredential(() => clock);
    jest.clearAllMocks();
  });
  afterEach(async () => {
    await workspace?.close();
    workspace = undefined;
  });

  async function source(
    answer: (req: any, body: string, res: any) => void = answerMatrix,
  ) {
    workspace = await startFakeWorkspace({ credential, answer });
    return new AzureManagedPrometheusDataSource({
      name: 'workspace',
      url: workspace.url,
      credential,
      now: () => clock,
      logger,
      retries: 0,
      sleep: async () => {},
    });
  }

  /** Every text the source logged, to check no token is in any. */
  const logged = () =>
    [logger.info, logger.warn, logger.error, logger.debug]
      .flatMap(fn => (fn as jest.Mock).mock.calls)
      .map(call => JSON.stringify(call))
      .join('\n');

  it('sends a bearer token for the Azure Monitor scope and reuses it until five minutes before expiry', async () => {
    const amp = await source();
    const result = await amp.fetch(ratioRequest);
    expect(result.points).toMatchObject({ total: [100, 100], good: [99, 99] });
    expect(credential.calls).toEqual([[AZURE_MONITOR_PROMETHEUS_SCOPE]]);
    const [first] = credential.issued;
    expect(workspace!.seen.map(s => s.authorization)).toEqual([
      `Bearer ${first}`,
      `Bearer ${first}`,
    ]);

    // 54 minutes 59 seconds later: more than five minutes left, same token.
    clock += 55 * M - 1000;
    await amp.fetch(ratioRequest);
    expect(credential.calls).toHaveLength(1);

    // Five minutes before expiry: renewed ahead of time, with no 401.
    clock += 1000;
    await amp.fetch(ratioRequest);
    expect(credential.calls).toHaveLength(2);
    expect(workspace!.seen.every(s => s.authorized)).toBe(true);
    expect(workspace!.seen.slice(-2).map(s => s.authorization)).toEqual([
      `Bearer ${credential.issued[1]}`,
      `Bearer ${credential.issued[1]}`,
    ]);
  });

  it('coalesces concurrent renewals into one getToken call', async () => {
    const amp = await source();
    const gate = deferred();
    credential.gate = gate.promise;
    const fetches = Array.from({ length: 5 }, () => amp.fetch(ratioRequest));
    await until(() => credential.calls.length > 0);
    await new Promise(r => setTimeout(r, 20));
    expect(credential.calls).toHaveLength(1);
    gate.release();
    await Promise.all(fetches);
    expect(credential.calls).toHaveLength(1);
    expect(workspace!.seen).toHaveLength(10);

    // The token is revoked; five queries in flight are refused together and
    // share one renewal.
    credential.expire(credential.issued[0]);
    const renewal = deferred();
    credential.gate = renewal.promise;
    const again = Array.from({ length: 5 }, () => amp.fetch(ratioRequest));
    await until(
      () =>
        workspace!.seen.filter(s => !s.authorized).length === 5 &&
        credential.calls.length === 2,
    );
    await new Promise(r => setTimeout(r, 20));
    expect(credential.calls).toHaveLength(2);
    renewal.release();
    await Promise.all(again);
    expect(credential.calls).toHaveLength(2);
    expect(workspace!.seen.filter(s => !s.authorized)).toHaveLength(5);
  });

  it('renews the token once after a 401 and retries the request', async () => {
    const amp = await source();
    await amp.fetch(ratioRequest);
    credential.expire(credential.issued[0]);
    const result = await amp.fetch(ratioRequest);
    expect(result.points).toMatchObject({ total: [100, 100], good: [99, 99] });
    expect(credential.calls).toHaveLength(2);
    expect(workspace!.seen.map(s => s.authorized)).toEqual([
      true,
      true,
      false,
      true,
      true,
    ]);
    expect(logged()).toContain('renewing it and retrying once');
    expect(logged()).not.toContain(credential.issued[0]);
    expect(logged()).not.toContain(credential.issued[1]);
  });

  it('gives up after a second 401 with an error naming the source, not the token', async () => {
    // Tokens of another identity, which the workspace refuses every time.
    workspace = await startFakeWorkspace({ credential, answer: answerMatrix });
    const refusing = new FakeEntraCredential(() => clock);
    const amp = new AzureManagedPrometheusDataSource({
      name: 'workspace',
      url: workspace.url,
      credential: refusing,
      now: () => clock,
      logger,
      retries: 3,
      sleep: async () => {},
    });
    const error = await amp.fetch(ratioRequest).catch(e => e);
    expect(error).toBeInstanceOf(SliDataSourceError);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe(
      'Azure Monitor managed Prometheus `workspace` refused the request (401, again with a renewed token); check that its credential has the Monitoring Data Reader role on the Azure Monitor workspace, and that the scope matches the workspace’s cloud',
    );
    // One request, one renewal, one retry: the 401 is not retried like a 5xx.
    expect(refusing.calls).toHaveLength(2);
    expect(workspace.seen).toHaveLength(2);
    for (const token of refusing.issued) {
      expect(error.message).not.toContain(token);
      expect(logged()).not.toContain(token);
    }
  });

  it('keeps the Authorization header out of errors and logs, whatever the server echoes', async () => {
    const amp = await source((req, _body, res) => {
      res.statusCode = 503;
      res.end(`upstream failed for ${req.headers.authorization}`);
    });
    const error = await amp.fetch(ratioRequest).catch(e => e);
    const [token] = credential.issued;
    expect(error.message).toBe(
      'Azure Monitor managed Prometheus `workspace` answered 503: upstream failed for Bearer [redacted]',
    );
    expect(error.message).not.toContain(token);
    expect(logged()).toContain('answered 503');
    expect(logged()).not.toContain(token);
  });

  it('reports a credential that cannot sign in, before any request', async () => {
    const amp = await source();
    const failure = new Error(
      'EnvironmentCredential is unavailable.\n  ManagedIdentityCredential: no identity endpoint',
    );
    failure.name = 'CredentialUnavailableError';
    credential.failWith = failure;
    const error = await amp.fetch(ratioRequest).catch(e => e);
    expect(error).toBeInstanceOf(SliDataSourceError);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe(
      'Azure Monitor managed Prometheus `workspace` could not get an Entra token: CredentialUnavailableError: EnvironmentCredential is unavailable. ManagedIdentityCredential: no identity endpoint',
    );
    expect(workspace!.seen).toHaveLength(0);
    expect(logged()).toContain('could not get an Entra token');
  });

  it('keeps using a token that has not expired yet while the credential fails to renew it', async () => {
    const amp = await source();
    await amp.fetch(ratioRequest);
    credential.failWith = new Error('AADSTS7000215: invalid client secret');
    clock += 57 * M;
    await expect(amp.fetch(ratioRequest)).resolves.toBeDefined();
    expect(credential.calls).toHaveLength(2);
    clock += 3 * M;
    await expect(amp.fetch(ratioRequest)).rejects.toMatchObject({
      message: expect.stringContaining('AADSTS7000215'),
    });
  });
});

describe('azure-managed-prometheus configuration', () => {
  const factory = createAzureManagedPrometheusFactory({
    credentialFor: () => new FakeEntraCredential(Date.now),
  });
  const create = (config: Record<string, unknown>) =>
    factory.create({
      name: 'workspace',
      config: new ConfigReader({
        name: 'workspace',
        type: 'azure-managed-prometheus',
        ...config,
      }),
      logger: mockServices.logger.mock(),
    });
  const url = 'https://ws-1a2b.westeurope.prometheus.monitor.azure.com';

  it.each([
    [{}, /^vitals\.slo\.dataSources\[workspace\]\.url is required$/],
    [{ url: 'ws-1a2b.westeurope' }, /dataSources\[workspace\]\.url must be/],
    [
      { url: 'https://reader:pw@ws.prometheus.monitor.azure.com' },
      /dataSources\[workspace\]\.url must not carry credentials/,
    ],
    [
      { url, headers: { authorization: 'Bearer static' } },
      /dataSources\[workspace\]\.headers\.authorization must not be set/,
    ],
    [
      { url, scope: 'https://prometheus.monitor.azure.com' },
      /dataSources\[workspace\]\.scope must be an Entra scope ending in \/\.default/,
    ],
    [
      { url, tenantId: 'contoso tenant' },
      /dataSources\[workspace\]\.tenantId must be/,
    ],
    [{ url, clientId: 'app' }, /dataSources\[workspace\]\.clientId must be/],
    [{ url, timeout: 'soon' }, /dataSources\[workspace\]\.timeout must be/],
  ])('refuses %j', (config, message) => {
    expect(() => create(config)).toThrow(message);
  });

  it('builds the credential from tenantId and clientId and asks for the configured scope', async () => {
    const settings: unknown[] = [];
    const credential = new FakeEntraCredential(Date.now);
    const workspace = await startFakeWorkspace({
      credential,
      answer: answerMatrix,
    });
    try {
      const source = createAzureManagedPrometheusFactory({
        credentialFor: s => {
          settings.push(s);
          return credential;
        },
      }).create({
        name: 'sovereign',
        config: new ConfigReader({
          name: 'sovereign',
          type: 'azure-managed-prometheus',
          url: workspace.url,
          scope: 'https://prometheus.monitor.azure.us/.default',
          tenantId: 'contoso.onmicrosoft.com',
          clientId: '2f3c5e4a-7b8d-4e6f-9a1b-0c2d3e4f5a6b',
        }),
        logger: mockServices.logger.mock(),
      });
      expect(source.type).toBe('azure-managed-prometheus');
      expect(settings).toEqual([
        {
          tenantId: 'contoso.onmicrosoft.com',
          clientId: '2f3c5e4a-7b8d-4e6f-9a1b-0c2d3e4f5a6b',
        },
      ]);
      await source.checkHealth!();
      expect(credential.calls).toEqual([
        ['https://prometheus.monitor.azure.us/.default'],
      ]);
    } finally {
      await workspace.close();
    }
  });

  it('is a data source type of the SLO backend, checked at startup', async () => {
    await expect(
      startTestBackend({
        features: [
          sloPlugin,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                slo: {
                  dataSources: [
                    {
                      name: 'workspace',
                      type: 'azure-managed-prometheus',
                      url,
                      scope: 'prometheus',
                    },
                  ],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/vitals\.slo\.dataSources\[workspace\]\.scope must be/);
  });
});

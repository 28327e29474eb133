import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DAY,
  HOUR,
  Indicator,
  MetricQuery,
  MINUTE,
} from '@vitals/plugin-slo-common';
import { SliDataSourceError, SliFetchRequest } from '@vitals/plugin-slo-node';
import { FakeEntraCredential } from '../testing/fakeEntra';
import {
  AzureMonitorMetricsDataSource,
  azureMonitorMetricsDataSourceFactory,
  createAzureMonitorMetricsFactory,
  readAzureMonitorMetricsConfig,
} from './azureMonitorMetrics';
import {
  callWindows,
  chooseTimeGrain,
  readMetricSpec,
  retainedRange,
} from './azureMonitorMetricsSpec';

const SUB = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const APP = `/subscriptions/${SUB}/resourceGroups/rg-api/providers/Microsoft.Web/sites/api`;

/** A query as the document model keeps it: the spec fields as YAML in `query`. */
const asQuery = (yaml: string): MetricQuery => ({
  dataSourceRef: 'azure',
  dataSourceType: 'azure-monitor-metrics',
  query: yaml,
});
/** A query whose `metricSource.spec` mapping the model kept as it was written. */
const asSpec = (spec: Record<string, unknown>): MetricQuery =>
  ({ dataSourceRef: 'azure', query: '', spec } as MetricQuery);

describe('readMetricSpec', () => {
  it.each([
    [
      'App Service requests, namespace from the resource type, Total by default',
      { resourceId: APP, metricName: 'Requests' },
      {
        metricNamespace: 'Microsoft.Web/sites',
        metricName: 'Requests',
        aggregation: 'Total',
        subscriptionId: SUB,
      },
    ],
    [
      'Application Gateway failed requests',
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw`,
        metricName: 'FailedRequests',
      },
      { metricNamespace: 'Microsoft.Network/applicationGateways' },
    ],
    [
      'Front Door 5XX with a dimension filter and its region',
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cdn/profiles/afd`,
        metricName: 'RequestCount',
        filter: "HttpStatusGroup eq '5XX'",
        region: 'Global',
      },
      {
        metricNamespace: 'Microsoft.Cdn/profiles',
        filter: "HttpStatusGroup eq '5XX'",
        region: 'global',
      },
    ],
    [
      'API Management requests by response code category, counted',
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim`,
        metricName: 'Requests',
        aggregation: 'count',
        filter: "GatewayResponseCodeCategory eq '5xx'",
      },
      {
        metricNamespace: 'Microsoft.ApiManagement/service',
        aggregation: 'Count',
      },
    ],
    [
      'a child resource: the namespace joins the types',
      {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/databases/orders`,
        metricName: 'connection_failed',
      },
      { metricNamespace: 'Microsoft.Sql/servers/databases' },
    ],
    [
      'an explicit namespace',
      {
        resourceId: APP,
        metricName: 'Requests',
        metricNamespace: 'Microsoft.Web/sites',
        aggregation: 'Sum',
      },
      { metricNamespace: 'Microsoft.Web/sites', aggregation: 'Total' },
    ],
  ])('reads %s', (_, fields, expected) => {
    expect(readMetricSpec(asSpec(fields), 'events')).toMatchObject(expected);
    // The same fields as YAML (or JSON) in `query` read the same.
    expect(readMetricSpec(asQuery(JSON.stringify(fields)), 'events')).toEqual(
      readMetricSpec(asSpec(fields), 'events'),
    );
  });

  it('reads the YAML block form', () => {
    expect(
      readMetricSpec(
        asQuery(`resourceId: ${APP}\nmetricName: Http5xx\n`),
        'events',
      ),
    ).toEqual({
      resourceId: APP,
      subscriptionId: SUB,
      metricNamespace: 'Microsoft.Web/sites',
      metricName: 'Http5xx',
      aggregation: 'Total',
      filter: undefined,
      region: undefined,
    });
  });

  it('defaults a thresholdMetric to Average and accepts any aggregation for it', () => {
    const fields = { resourceId: APP, metricName: 'HttpResponseTime' };
    expect(readMetricSpec(asSpec(fields), 'value').aggregation).toBe('Average');
    expect(
      readMetricSpec(asSpec({ ...fields, aggregation: 'max' }), 'value')
        .aggregation,
    ).toBe('Maximum');
  });

  it.each([
    ['no spec at all', asQuery(''), 'spec.resourceId is required'],
    [
      'PromQL',
      asQuery('http_requests_total{code="500"}'),
      'spec.query must be a mapping of resourceId, metricName',
    ],
    [
      'no resource id',
      asSpec({ metricName: 'Requests' }),
      'spec.resourceId is required',
    ],
    [
      'a resource id that is not one',
      asSpec({ resourceId: 'api', metricName: 'Requests' }),
      'spec.resourceId must be an Azure resource id',
    ],
    [
      'a resource group instead of a resource',
      asSpec({
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg`,
        metricName: 'Requests',
      }),
      'spec.resourceId must be an Azure resource id',
    ],
    [
      'no metric name',
      asSpec({ resourceId: APP }),
      'spec.metricName is required',
    ],
    [
      'two metric names',
      asSpec({ resourceId: APP, metricName: 'Requests,Http5xx' }),
      "spec.metricName must be one metric's name",
    ],
    [
      'a number for a metric name',
      asSpec({ resourceId: APP, metricName: 5 }),
      'spec.metricName must be a string, got number',
    ],
    [
      'an unknown aggregation',
      asSpec({ resourceId: APP, metricName: 'Requests', aggregation: 'p99' }),
      'spec.aggregation must be one of Total, Count, Average, Maximum, Minimum, got "p99"',
    ],
    [
      'an average for counting events',
      asSpec({
        resourceId: APP,
        metricName: 'Requests',
        aggregation: 'Average',
      }),
      'spec.aggregation must be Total or Count for a ratioMetric',
    ],
    [
      'a bad namespace',
      asSpec({
        resourceId: APP,
        metricName: 'Requests',
        metricNamespace: 'sites',
      }),
      'spec.metricNamespace must be a metric namespace',
    ],
    [
      'a filter with a control character inside',
      asSpec({
        resourceId: APP,
        metricName: 'Requests',
        filter: "Instance eq 'a\u0007'",
      }),
      'spec.filter must be a dimension filter',
    ],
    [
      'a region that is not one',
      asSpec({
        resourceId: APP,
        metricName: 'Requests',
        region: 'West Europe',
      }),
      'spec.region must be an Azure region name',
    ],
    [
      'an unknown field',
      asSpec({ resourceId: APP, metricName: 'Requests', dimension: 'x' }),
      'spec.dimension is not a field of an azure-monitor-metrics spec',
    ],
  ])('refuses %s, naming the field', (_, query, message) => {
    expect(() => readMetricSpec(query, 'events')).toThrow(message);
  });

  it('trims a filter, so only a control character inside it is refused', () => {
    expect(
      readMetricSpec(
        asSpec({
          resourceId: APP,
          metricName: 'Requests',
          filter: "Instance eq 'a'\n",
        }),
        'events',
      ).filter,
    ).toBe("Instance eq 'a'");
  });
});

describe('chooseTimeGrain', () => {
  it.each([
    [MINUTE, 'PT1M'],
    [2 * MINUTE, 'PT1M'],
    [5 * MINUTE, 'PT5M'],
    [10 * MINUTE, 'PT5M'],
    [15 * MINUTE, 'PT15M'],
    [45 * MINUTE, 'PT15M'],
    [30 * MINUTE, 'PT30M'],
    [90 * MINUTE, 'PT30M'],
    [HOUR, 'PT1H'],
    [2 * HOUR, 'PT1H'],
    [6 * HOUR, 'PT6H'],
    [12 * HOUR, 'PT12H'],
    [DAY, 'P1D'],
    [7 * DAY, 'P1D'],
  ])('answers a step of %d ms with %s', (step, grain) => {
    expect(chooseTimeGrain(step)?.iso).toBe(grain);
  });

  it.each([30_000, 90_000, 0])('has no grain for a step of %d ms', step => {
    expect(chooseTimeGrain(step)).toBeUndefined();
  });
});

describe('retention and call windows', () => {
  const now = Date.UTC(2026, 10, 23, 12, 2);

  it('keeps a window inside the 93 days whole', () => {
    const to = Math.floor(now / (5 * MINUTE)) * 5 * MINUTE;
    expect(retainedRange(to - 38 * DAY, to, 5 * MINUTE, now)).toEqual({
      from: to - 38 * DAY,
      to,
      horizon: now - 93 * DAY,
      clipped: false,
    });
  });

  it('starts a longer window at the first whole step after the horizon', () => {
    const dayStart = Date.UTC(2026, 10, 23);
    const range = retainedRange(dayStart - 400 * DAY, dayStart, DAY, now);
    expect(range.clipped).toBe(true);
    expect(range.from).toBe(Date.UTC(2026, 7, 23));
    expect(range.from - DAY).toBeLessThan(now - 93 * DAY);
    expect(range.from).toBeGreaterThanOrEqual(now - 93 * DAY);
  });

  it('gives nothing for a window wholly beyond retention', () => {
    const to = now - 100 * DAY;
    const range = retainedRange(to - DAY, to, HOUR, now);
    expect(range.from).toBe(range.to);
  });

  it('cuts long windows into calls of at most 30 days on the step grid', () => {
    const step = 5 * MINUTE;
    const windows = callWindows(0, 38 * DAY, step);
    expect(windows).toEqual([
      { start: 0, end: 30 * DAY },
      { start: 30 * DAY, end: 38 * DAY },
    ]);
    expect(callWindows(0, 92 * DAY, DAY)).toHaveLength(4);
    expect(callWindows(0, HOUR, step)).toEqual([{ start: 0, end: HOUR }]);
    expect(callWindows(HOUR, HOUR, step)).toEqual([]);
    // A step that does not divide 30 days: windows stay on its grid.
    const odd = callWindows(0, 61 * DAY, 7 * MINUTE);
    expect(odd.every(w => w.start % (7 * MINUTE) === 0)).toBe(true);
    expect(odd.at(-1)!.end).toBe(61 * DAY);
  });
});

describe('readAzureMonitorMetricsConfig', () => {
  const read = (data: Record<string, unknown>) =>
    readAzureMonitorMetricsConfig(
      'azure',
      new ConfigReader({ type: 'azure-monitor-metrics', ...data }),
    );

  it('reads a full entry', () => {
    expect(
      read({
        region: 'westeurope',
        endpoint: 'https://westeurope.metrics.monitor.azure.com/',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '00000000-0000-0000-0000-000000000001',
        scope: 'https://management.usgovcloudapi.net/.default',
        timeout: '20s',
        retries: 2,
      }),
    ).toEqual({
      region: 'westeurope',
      endpoint: 'https://westeurope.metrics.monitor.azure.com',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '00000000-0000-0000-0000-000000000001',
      scope: 'https://management.usgovcloudapi.net/.default',
      ca: undefined,
      timeoutMs: 20_000,
      retries: 2,
    });
    expect(read({})).toMatchObject({ endpoint: undefined, region: undefined });
  });

  it.each([
    [{ endpoint: 'http://127.0.0.1:9' }, 'endpoint must be an https URL'],
    [{ endpoint: 'not a url' }, 'endpoint must be an https URL'],
    [
      { endpoint: 'https://user:pw@westeurope.metrics.monitor.azure.com' },
      'endpoint must be a plain https URL',
    ],
    [{ region: 'West Europe' }, 'region must be an Azure region name'],
    [{ scope: 'https://management.azure.com' }, 'scope must be an Entra scope'],
    [{ tenantId: 'a b' }, 'tenantId must be a directory (tenant) id'],
    [{ clientId: 'me' }, 'clientId must be the client (application) id'],
    [{ ca: 'trust me' }, 'ca must be PEM certificates'],
    [{ timeout: 'soon' }, 'timeout must be a duration'],
    [{ retries: -1 }, 'retries must be a non-negative integer'],
  ])('refuses %j, naming the key', (data, message) => {
    expect(() => read(data)).toThrow(
      `vitals.slo.dataSources[azure].${message}`,
    );
  });

  it('is the factory the plugin registers', () => {
    expect(azureMonitorMetricsDataSourceFactory.type).toBe(
      'azure-monitor-metrics',
    );
    const credential = new FakeEntraCredential(Date.now);
    const credentialFor = jest.fn(() => credential);
    const source = createAzureMonitorMetricsFactory({ credentialFor }).create({
      name: 'azure',
      config: new ConfigReader({
        region: 'westeurope',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '00000000-0000-0000-0000-000000000001',
      }),
      logger: mockServices.logger.mock(),
    });
    expect(source).toMatchObject({
      name: 'azure',
      type: 'azure-monitor-metrics',
      incremental: true,
    });
    expect(credentialFor).toHaveBeenCalledWith({
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '00000000-0000-0000-0000-000000000001',
    });
  });
});

describe('AzureMonitorMetricsDataSource before any call', () => {
  const credential = new FakeEntraCredential(Date.now);
  const source = new AzureMonitorMetricsDataSource({
    name: 'azure',
    credential,
  });
  const request = (
    indicator: Indicator,
    step = 5 * MINUTE,
  ): SliFetchRequest => ({
    indicator,
    objective: { key: '0', target: 0.999 },
    budgetingMethod: 'Occurrences',
    from: Math.floor(Date.now() / step) * step - 12 * step,
    to: Math.floor(Date.now() / step) * step,
    step,
    context: { entityRef: 'component:default/api', slo: 'a', service: 'api' },
  });
  const fails = async (req: SliFetchRequest) => {
    const error = await source.fetch(req).catch(e => e);
    expect(error).toBeInstanceOf(SliDataSourceError);
    return error as SliDataSourceError;
  };
  const ok = asSpec({
    resourceId: APP,
    metricName: 'Requests',
    region: 'westeurope',
  });

  it('names the field of a malformed spec, and which metricSource it is', async () => {
    const error = await fails(
      request({
        kind: 'ratio',
        counter: true,
        bad: asSpec({
          resourceId: APP,
          metricName: 'Http5xx',
          aggregation: 'Average',
        }),
        total: ok,
      }),
    );
    expect(error.kind).toBe('query');
    expect(error.message).toBe(
      'Azure Monitor metrics `azure` cannot read the bad metricSource: spec.aggregation must be Total or Count for a ratioMetric, which counts events; Average is for a thresholdMetric',
    );
  });

  it('needs a region from the spec or the config when no endpoint is set', async () => {
    const error = await fails(
      request({
        kind: 'ratio',
        counter: true,
        good: asSpec({ resourceId: APP, metricName: 'Requests' }),
        total: asSpec({ resourceId: APP, metricName: 'Requests' }),
      }),
    );
    expect(error.kind).toBe('query');
    expect(error.message).toBe(
      'Azure Monitor metrics `azure` cannot tell the region of Microsoft.Web/sites/api in resource group rg-api: set spec.region, or region in vitals.slo.dataSources[azure]',
    );
  });

  it('refuses a step finer than the one-minute grain', async () => {
    const error = await fails(
      request({ kind: 'threshold', query: ok }, 30_000),
    );
    expect(error.kind).toBe('query');
    expect(error.message).toContain('cannot answer a step of 30s');
  });

  it('answers a window wholly beyond retention with no points and no call', async () => {
    const result = await source.fetch({
      ...request({ kind: 'ratio', counter: true, good: ok, total: ok }, DAY),
      from: 0,
      to: 400 * DAY,
    });
    expect(result.points).toEqual({
      kind: 'events',
      step: DAY,
      t: [],
      good: [],
      total: [],
    });
    expect(result.queries).toBe(0);
    expect(result.warnings).toHaveLength(1);
  });

  it('refuses a raw ratio', async () => {
    const error = await fails(
      request({ kind: 'raw-ratio', ratioType: 'success', query: ok }),
    );
    expect(error.kind).toBe('query');
  });

  it('reports a credential that cannot sign in as unavailable, without calling Azure', async () => {
    const failing = new FakeEntraCredential(Date.now);
    const failure = new Error('ManagedIdentityCredential: no endpoint');
    failure.name = 'CredentialUnavailableError';
    failing.failWith = failure;
    const unsigned = new AzureMonitorMetricsDataSource({
      name: 'azure',
      credential: failing,
      region: 'westeurope',
      retries: 0,
    });
    const error = await unsigned
      .fetch(request({ kind: 'ratio', counter: true, good: ok, total: ok }))
      .catch(e => e);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe(
      'Azure Monitor metrics `azure` could not get an Entra token: CredentialUnavailableError: ManagedIdentityCredential: no endpoint',
    );
    await expect(unsigned.checkHealth()).rejects.toThrow(
      'could not get an Entra token',
    );
  });
});

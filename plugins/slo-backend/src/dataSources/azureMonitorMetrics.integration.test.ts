import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { createSelfSignedCertificate } from '@vitals/azure-inventory/testUtils';
import { DAY, HOUR, Indicator, MINUTE } from '@vitals/plugin-slo-common';
import { SliDataSourceError, SliFetchRequest } from '@vitals/plugin-slo-node';
import { SloStore } from '../database/SloStore';
import { SloRefresher } from '../service/refresher';
import {
  FakeAzureMonitorMetrics,
  FakeMetricSample,
} from '../testing/fakeAzureMonitorMetrics';
import { FakeEntraCredential } from '../testing/fakeEntra';
import { serviceComponent } from '../testing/fixtures';
import {
  AzureMonitorMetricsDataSource,
  createAzureMonitorMetricsFactory,
} from './azureMonitorMetrics';

/**
 * The azure-monitor-metrics source through the real `MetricsClient` of
 * `@azure/monitor-query-metrics` against a local HTTPS fake of the metrics
 * batch API that aggregates raw per-minute samples the way Azure does. Every
 * figure is checked against sums computed here from those raw samples.
 */
const SUBSCRIPTION = '00000000-1111-2222-3333-444444444444';
const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-api/providers`;
const APP = `${group}/Microsoft.Web/sites/api`;
const GATEWAY = `${group}/Microsoft.Network/applicationGateways/agw-api`;
const FRONT_DOOR = `${group}/Microsoft.Cdn/profiles/afd-api`;
const APIM = `${group}/Microsoft.ApiManagement/service/apim-api`;

const certificate = createSelfSignedCertificate(
  'fake-azure-monitor-metrics.local',
);
const STEP = 5 * MINUTE;
// The test's clock, on a 5-minute boundary; raw samples cover the two days before it.
const NOW = Math.floor(Date.now() / STEP) * STEP - STEP;
const HISTORY_START = NOW - 2 * DAY;
const INCIDENT = [NOW - 5 * HOUR, NOW - 4 * HOUR];

/** A deterministic per-minute traffic shape with a one-hour incident. */
function traffic(t: number) {
  const minute = Math.floor(t / MINUTE);
  const requests = 400 + ((minute * 37) % 101);
  const inIncident = t >= INCIDENT[0] && t < INCIDENT[1];
  const background = minute % 17 === 0 ? 2 : 0;
  const errors = inIncident ? 60 : background;
  return { requests, errors, latency: 0.12 + ((minute * 7) % 13) / 100 };
}

function seed(fake: FakeAzureMonitorMetrics) {
  for (const [id, region] of [
    [APP, 'westeurope'],
    [GATEWAY, 'westeurope'],
    [FRONT_DOOR, 'global'],
    [APIM, 'westeurope'],
  ]) {
    fake.addResource(id, region);
  }
  for (let t = HISTORY_START; t < NOW; t += MINUTE) {
    const { requests, errors, latency } = traffic(t);
    // App Service: two instances report each minute.
    const first = Math.ceil(requests / 2);
    const firstErrors = Math.ceil(errors / 2);
    fake.record(APP, 'Requests', t, first, { Instance: 'ln0' });
    fake.record(APP, 'Requests', t, requests - first, { Instance: 'ln1' });
    fake.record(APP, 'Http5xx', t, firstErrors, { Instance: 'ln0' });
    fake.record(APP, 'Http5xx', t, errors - firstErrors, { Instance: 'ln1' });
    fake.record(APP, 'HttpResponseTime', t, latency, { Instance: 'ln0' });
    fake.record(APP, 'HttpResponseTime', t, latency * 2, { Instance: 'ln1' });
    fake.record(GATEWAY, 'TotalRequests', t, requests);
    fake.record(GATEWAY, 'FailedRequests', t, errors);
    // Front Door: 2XX, 4XX and 5XX per minute.
    const clientErrors = (Math.floor(t / MINUTE) % 5) + 1;
    fake.record(
      FRONT_DOOR,
      'RequestCount',
      t,
      requests - errors - clientErrors,
      {
        HttpStatusGroup: '2XX',
        HttpStatus: '200',
      },
    );
    fake.record(FRONT_DOOR, 'RequestCount', t, clientErrors, {
      HttpStatusGroup: '4XX',
      HttpStatus: '404',
    });
    if (errors > 0) {
      fake.record(FRONT_DOOR, 'RequestCount', t, errors, {
        HttpStatusGroup: '5XX',
        HttpStatus: '503',
      });
    }
    // API Management: success, client errors and server errors.
    fake.record(APIM, 'Requests', t, requests - errors - 3, {
      GatewayResponseCodeCategory: '2xx',
      ApiId: 'orders',
    });
    fake.record(APIM, 'Requests', t, 3, {
      GatewayResponseCodeCategory: '4xx',
      ApiId: 'orders',
    });
    if (errors > 0) {
      fake.record(APIM, 'Requests', t, errors, {
        GatewayResponseCodeCategory: '5xx',
        ApiId: 'orders',
      });
    }
  }
}

/** The sum of raw samples in each point's interval [t − step, t): what Azure's Total is over it. */
function expectedSums(
  samples: FakeMetricSample[],
  grid: number[],
  step: number,
  keep: (s: FakeMetricSample) => boolean = () => true,
): number[] {
  return grid.map(t =>
    samples
      .filter(s => s.t >= t - step && s.t < t && keep(s))
      .reduce((sum, s) => sum + s.value, 0),
  );
}

const gridOf = (from: number, to: number, step: number) => {
  const grid: number[] = [];
  for (let t = from + step; t <= to; t += step) grid.push(t);
  return grid;
};

const metric = (fields: Record<string, string>) => ({
  dataSourceRef: 'azure',
  dataSourceType: 'azure-monitor-metrics',
  query: JSON.stringify(fields),
});

function request(
  indicator: Indicator,
  range: { from: number; to: number; step: number } = {
    from: NOW - DAY,
    to: NOW,
    step: STEP,
  },
): SliFetchRequest {
  return {
    indicator,
    objective: { key: '0', target: 0.999 },
    budgetingMethod: 'Occurrences',
    ...range,
    context: {
      entityRef: 'component:default/api',
      slo: 'availability',
      service: 'api',
    },
  };
}

const appBadTotal: Indicator = {
  kind: 'ratio',
  counter: true,
  bad: metric({ resourceId: APP, metricName: 'Http5xx' }),
  total: metric({ resourceId: APP, metricName: 'Requests' }),
};

describe('AzureMonitorMetricsDataSource against a fake metrics batch API', () => {
  let clock: number;
  let credential: FakeEntraCredential;
  let fake: FakeAzureMonitorMetrics;
  let source: AzureMonitorMetricsDataSource;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeAll(async () => {
    credential = new FakeEntraCredential(() => clock);
    fake = await FakeAzureMonitorMetrics.start({
      credential,
      certificate,
      now: () => clock,
    });
    seed(fake);
  });

  beforeEach(() => {
    clock = NOW + 2 * MINUTE;
    fake.requests.length = 0;
    fake.faults = [];
    fake.outage = false;
    fake.forbidden.clear();
    logger = mockServices.logger.mock();
    source = new AzureMonitorMetricsDataSource({
      name: 'azure',
      endpoint: fake.url,
      ca: fake.ca,
      credential,
      now: () => clock,
      retries: 3,
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      logger,
    });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('counts App Service requests and 5xx (bad/total) in one call per refresh, equal to the raw samples', async () => {
    const result = await source.fetch(request(appBadTotal));
    const grid = gridOf(NOW - DAY, NOW, STEP);
    const total = expectedSums(fake.samples(APP, 'Requests'), grid, STEP);
    const bad = expectedSums(fake.samples(APP, 'Http5xx'), grid, STEP);
    expect(result.points).toEqual({
      kind: 'events',
      step: STEP,
      t: grid,
      total,
      good: total.map((tot, i) => tot - bad[i]),
    });
    expect(result.warnings).toEqual([]);
    // The incident shows: the figures are real data, not zeros.
    const points = result.points as { good: number[]; total: number[] };
    expect(
      Math.min(...points.good.map((g, i) => g / points.total[i])),
    ).toBeLessThan(0.9);
    // Both metrics of the same resource share one call.
    expect(result.queries).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: `/subscriptions/${SUBSCRIPTION}/metrics:getBatch`,
      resourceIds: [APP],
      status: 200,
      params: expect.objectContaining({
        metricnamespace: 'Microsoft.Web/sites',
        metricnames: 'Requests,Http5xx',
        aggregation: 'Total',
        interval: 'PT5M',
        starttime: new Date(NOW - DAY).toISOString(),
        endtime: new Date(NOW).toISOString(),
      }),
    });
    expect(fake.requests[0].authorization).toBe(
      `Bearer ${credential.issued.at(-1)}`,
    );
  });

  it.each([
    ['one grain per point (PT1H)', HOUR, 'PT1H'],
    ['sub-buckets summed (10 minutes from PT5M)', 10 * MINUTE, 'PT5M'],
    ['sub-buckets summed (7 minutes from PT1M)', 7 * MINUTE, 'PT1M'],
  ])(
    'reads Application Gateway TotalRequests and FailedRequests with %s',
    async (_, step, grain) => {
      const indicator: Indicator = {
        kind: 'ratio',
        counter: true,
        bad: metric({ resourceId: GATEWAY, metricName: 'FailedRequests' }),
        total: metric({ resourceId: GATEWAY, metricName: 'TotalRequests' }),
      };
      const to = Math.floor(NOW / step) * step;
      const from = to - Math.floor(DAY / step) * step;
      const result = await source.fetch(request(indicator, { from, to, step }));
      const grid = gridOf(from, to, step);
      const total = expectedSums(
        fake.samples(GATEWAY, 'TotalRequests'),
        grid,
        step,
      );
      const bad = expectedSums(
        fake.samples(GATEWAY, 'FailedRequests'),
        grid,
        step,
      );
      expect(result.points).toEqual({
        kind: 'events',
        step,
        t: grid,
        total,
        good: total.map((tot, i) => tot - bad[i]),
      });
      expect(fake.requests.map(r => r.params.interval)).toEqual([grain]);
    },
  );

  it('splits Front Door RequestCount by HttpStatusGroup with a dimension filter', async () => {
    const indicator: Indicator = {
      kind: 'ratio',
      counter: true,
      bad: metric({
        resourceId: FRONT_DOOR,
        metricName: 'RequestCount',
        filter: "HttpStatusGroup eq '5XX'",
      }),
      total: metric({ resourceId: FRONT_DOOR, metricName: 'RequestCount' }),
    };
    const result = await source.fetch(request(indicator));
    const grid = gridOf(NOW - DAY, NOW, STEP);
    const samples = fake.samples(FRONT_DOOR, 'RequestCount');
    const total = expectedSums(samples, grid, STEP);
    const bad = expectedSums(
      samples,
      grid,
      STEP,
      s => s.dimensions.HttpStatusGroup === '5XX',
    );
    expect(result.points).toMatchObject({
      total,
      good: total.map((tot, i) => tot - bad[i]),
    });
    // A filter makes it a call of its own.
    expect(result.queries).toBe(2);
    expect(fake.requests.map(r => r.params.filter)).toEqual([
      undefined,
      "HttpStatusGroup eq '5XX'",
    ]);
    expect(fake.requests[0].params.metricnamespace).toBe(
      'Microsoft.Cdn/profiles',
    );
  });

  it('counts good events with an or-filter over several status groups', async () => {
    const indicator: Indicator = {
      kind: 'ratio',
      counter: true,
      good: metric({
        resourceId: FRONT_DOOR,
        metricName: 'RequestCount',
        filter: "HttpStatusGroup eq '2XX' or HttpStatusGroup eq '4XX'",
      }),
      total: metric({ resourceId: FRONT_DOOR, metricName: 'RequestCount' }),
    };
    const result = await source.fetch(request(indicator));
    const grid = gridOf(NOW - DAY, NOW, STEP);
    const samples = fake.samples(FRONT_DOOR, 'RequestCount');
    expect(result.points).toMatchObject({
      total: expectedSums(samples, grid, STEP),
      good: expectedSums(samples, grid, STEP, s =>
        ['2XX', '4XX'].includes(s.dimensions.HttpStatusGroup),
      ),
    });
  });

  it('counts API Management requests by GatewayResponseCodeCategory', async () => {
    const indicator: Indicator = {
      kind: 'ratio',
      counter: true,
      bad: metric({
        resourceId: APIM,
        metricName: 'Requests',
        filter: "GatewayResponseCodeCategory eq '5xx'",
      }),
      total: metric({ resourceId: APIM, metricName: 'Requests' }),
    };
    const result = await source.fetch(request(indicator));
    const grid = gridOf(NOW - DAY, NOW, STEP);
    const samples = fake.samples(APIM, 'Requests');
    const total = expectedSums(samples, grid, STEP);
    const bad = expectedSums(
      samples,
      grid,
      STEP,
      s => s.dimensions.GatewayResponseCodeCategory === '5xx',
    );
    expect(result.points).toMatchObject({
      total,
      good: total.map((tot, i) => tot - bad[i]),
    });
    expect(fake.requests[0].params.metricnamespace).toBe(
      'Microsoft.ApiManagement/service',
    );
  });

  it('reads a thresholdMetric as the sample-weighted average of each point', async () => {
    const indicator: Indicator = {
      kind: 'threshold',
      query: metric({ resourceId: APP, metricName: 'HttpResponseTime' }),
    };
    const step = 10 * MINUTE;
    const to = Math.floor(NOW / step) * step;
    const result = await source.fetch(
      request(indicator, { from: to - 6 * HOUR, to, step }),
    );
    const grid = gridOf(to - 6 * HOUR, to, step);
    const samples = fake.samples(APP, 'HttpResponseTime');
    const sums = expectedSums(samples, grid, step);
    const counts = expectedSums(
      samples.map(s => ({ ...s, value: 1 })),
      grid,
      step,
    );
    const values = (result.points as { value: number[] }).value;
    expect(values).toHaveLength(grid.length);
    values.forEach((v, i) => expect(v).toBeCloseTo(sums[i] / counts[i], 9));
    expect(fake.requests[0].params.aggregation).toBe('Average,Count');
  });

  it('reports points beyond the 93 days of retention as no data, with a warning, in calls of at most 30 days', async () => {
    const dayStart = Math.floor(NOW / DAY) * DAY;
    const from = dayStart - 400 * DAY;
    const result = await source.fetch(
      request(appBadTotal, { from, to: dayStart, step: DAY }),
    );
    const horizon = Math.ceil((clock - 93 * DAY) / DAY) * DAY;
    const grid = gridOf(horizon, dayStart, DAY);
    expect(result.points.t).toEqual(grid);
    expect(result.warnings).toEqual([
      `Azure Monitor keeps platform metrics for 93 days: the points before ${new Date(
        horizon,
      ).toISOString()} are reported as no data, not as zero`,
    ]);
    const total = expectedSums(fake.samples(APP, 'Requests'), grid, DAY);
    expect((result.points as { total: number[] }).total).toEqual(total);
    expect(total.at(-1)).toBeGreaterThan(0);
    expect(result.queries).toBe(Math.ceil((dayStart - horizon) / (30 * DAY)));
    expect(fake.requests.map(r => r.status)).toEqual(
      fake.requests.map(() => 200),
    );
    expect(fake.requests.map(r => r.params.interval)).toEqual(
      fake.requests.map(() => 'P1D'),
    );
  });

  it('renews an expired token before the next query, and a token refused mid-run once', async () => {
    const before = credential.calls.length;
    await source.fetch(request(appBadTotal));
    expect(credential.calls).toHaveLength(before + 1);
    // Two hours later the first token has expired.
    clock += 2 * HOUR;
    await source.fetch(request(appBadTotal));
    expect(credential.calls).toHaveLength(before + 2);
    // A token revoked while still fresh: refused, renewed and retried once.
    credential.expire(credential.issued.at(-1)!);
    const result = await source.fetch(request(appBadTotal));
    expect(credential.calls).toHaveLength(before + 3);
    expect(fake.requests.map(r => r.status)).toEqual([200, 200, 401, 200]);
    expect(fake.requests.map(r => r.authorization)).toEqual(
      [-3, -2, -2, -1].map(i => `Bearer ${credential.issued.at(i)}`),
    );
    expect(result.queries).toBe(1);
  });

  it('gives up after one renewal when the renewed token is refused too', async () => {
    // Tokens that are dead on arrival, as with a credential of another tenant.
    const deadTokens = new FakeEntraCredential(() => clock, 0);
    const refused = new AzureMonitorMetricsDataSource({
      name: 'azure',
      endpoint: fake.url,
      ca: fake.ca,
      credential: deadTokens,
      now: () => clock,
      logger,
    });
    const failure = await refused.fetch(request(appBadTotal)).catch(e => e);
    expect(failure.kind).toBe('unavailable');
    expect(failure.message).toBe(
      'Azure Monitor metrics `azure` refused the request (401, again with a renewed token); check that its credential has the Monitoring Reader role on Microsoft.Web/sites/api in resource group rg-api (or on the resource group or subscription)',
    );
    expect(fake.requests.map(r => r.status)).toEqual([401, 401]);
    expect(deadTokens.calls).toHaveLength(2);
  });

  it('retries throttling (after Retry-After) and 5xx through the SDK, with the right figures', async () => {
    const expected = await source.fetch(request(appBadTotal));
    fake.requests.length = 0;
    fake.faults = [{ status: 429, retryAfter: '1' }, { status: 503 }];
    const started = Date.now();
    const result = await source.fetch(request(appBadTotal));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.points).toEqual(expected.points);
    expect(result.queries).toBe(1);
    expect(fake.requests.map(r => r.status)).toEqual([429, 503, 200]);
  });

  it('reports an outage as unavailable once retries are spent', async () => {
    fake.outage = true;
    const failure = await source.fetch(request(appBadTotal)).catch(e => e);
    expect(failure).toBeInstanceOf(SliDataSourceError);
    expect(failure.kind).toBe('unavailable');
    expect(failure.message).toMatch(
      /^Azure Monitor metrics `azure` answered 503 after retries/,
    );
    expect(fake.requests).toHaveLength(4);
  });

  it('names the Monitoring Reader role when the resource refuses (403), without the token', async () => {
    fake.forbidden.add(APP.toLocaleLowerCase('en-US'));
    const failure = await source.fetch(request(appBadTotal)).catch(e => e);
    expect(failure.kind).toBe('unavailable');
    expect(failure.message).toBe(
      'Azure Monitor metrics `azure` refused the request (403); check that its credential has the Monitoring Reader role on Microsoft.Web/sites/api in resource group rg-api (or on the resource group or subscription)',
    );
    const logged = JSON.stringify((logger.warn as jest.Mock).mock.calls);
    for (const token of credential.issued) {
      expect(failure.message).not.toContain(token);
      expect(logged).not.toContain(token);
    }
  });

  it('says which metric the API rejects', async () => {
    const failure = await source
      .fetch(
        request({
          kind: 'ratio',
          counter: true,
          bad: metric({ resourceId: APP, metricName: 'Http500' }),
          total: metric({ resourceId: APP, metricName: 'Requests' }),
        }),
      )
      .catch(e => e);
    expect(failure.kind).toBe('query');
    expect(failure.message).toMatch(
      /^Azure Monitor metrics `azure` rejected the query for Requests, Http500 \(Total\) of Microsoft.Web\/sites\/api in resource group rg-api \(400 BadRequest\): Failed to find metric configuration/,
    );
  });

  it('reports a total that matches no series as empty', async () => {
    const failure = await source
      .fetch(
        request({
          ...appBadTotal,
          total: metric({
            resourceId: APP,
            metricName: 'Requests',
            filter: "Instance eq 'ln9'",
          }),
        }),
      )
      .catch(e => e);
    expect(failure.kind).toBe('empty');
    expect(failure.message).toBe(
      "Azure Monitor metrics `azure` has no data for the total, Requests (Total where Instance eq 'ln9') of Microsoft.Web/sites/api in resource group rg-api, in the window (check the resource id, metric name and filter)",
    );
  });

  it('counts quiet minutes of a count metric as zero, not as missing', async () => {
    clock += 2 * DAY;
    const result = await source.fetch(
      request(appBadTotal, {
        from: NOW + HOUR,
        to: NOW + 2 * HOUR,
        step: STEP,
      }),
    );
    expect(result.points).toMatchObject({
      total: Array(12).fill(0),
      good: Array(12).fill(0),
    });
  });
});

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'an azure-monitor-metrics SLO refreshed end to end on %p',
  databaseId => {
    let dir: string;
    let clock: number;
    let credential: FakeEntraCredential;
    let fake: FakeAzureMonitorMetrics;

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-amm-'));
      clock = NOW + 2 * MINUTE;
      // Tokens outlive the test, so every request below is one call.
      credential = new FakeEntraCredential(() => clock, 7 * DAY);
      fake = await FakeAzureMonitorMetrics.start({
        credential,
        certificate,
        now: () => clock,
      });
      seed(fake);
    });

    afterEach(async () => {
      await fake?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('computes the SLO from the raw samples (spec fields written directly and as a mapping in spec.query), with constant queries per refresh, and keeps it through an outage', async () => {
      fs.writeFileSync(
        path.join(dir, 'slo.yaml'),
        `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: api
  indicator:
    metadata:
      name: api-5xx
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            metricSourceRef: azure
            type: azure-monitor-metrics
            spec:
              resourceId: ${APP}
              metricName: Http5xx
        total:
          metricSource:
            metricSourceRef: azure
            type: azure-monitor-metrics
            spec:
              query: |
                resourceId: ${APP}
                metricName: Requests
                aggregation: Total
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`,
      );
      const factory = createAzureMonitorMetricsFactory({
        credentialFor: () => credential,
      });
      const logger = mockServices.logger.mock();
      const source = factory.create({
        name: 'azure',
        config: new ConfigReader({
          type: 'azure-monitor-metrics',
          endpoint: fake.url,
          ca: fake.ca,
          retries: 1,
        }),
        logger,
      });
      const store = await SloStore.create(
        mockServices.database({ knex: await databases.init(databaseId) }),
      );
      const refresher = new SloRefresher({
        store,
        catalog: catalogServiceMock({
          entities: [
            serviceComponent({
              name: 'api',
              dir,
              annotations: { 'vitals.dev/slo-ref': './slo.yaml' },
            }),
          ],
        }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger,
        dataSources: new Map([['azure', source]]),
        defaultDataSource: 'azure',
        now: () => clock,
      });

      const first = await refresher.refreshAll();
      expect(first).toMatchObject({ computed: 1, failed: 0 });
      // Nine days of 5-minute buckets (the window and the charts' eight
      // days) in one call, and the daily counts back to the retention
      // horizon in four calls of at most 30 days.
      expect(first.queries).toBe(5);
      const [computed] = await store.listTargets();
      const aligned = Math.floor(clock / STEP) * STEP;
      const inWindow = (s: FakeMetricSample) =>
        s.t >= aligned - DAY && s.t < aligned;
      const sum = (samples: FakeMetricSample[]) =>
        samples.filter(inWindow).reduce((a, s) => a + s.value, 0);
      const total = sum(fake.samples(APP, 'Requests'));
      const bad = sum(fake.samples(APP, 'Http5xx'));
      expect(computed.status!.sli.ratio).toBeCloseTo((total - bad) / total, 12);
      expect(computed.status!.sli.ratio).toBeLessThan(1);
      expect(computed.lastError ?? null).toBeNull();

      // Each later refresh reads only what is new: one call, however long the history.
      for (let i = 0; i < 3; i++) {
        clock += HOUR;
        fake.requests.length = 0;
        const again = await refresher.refreshAll();
        expect(again).toMatchObject({ computed: 1, failed: 0, queries: 1 });
        expect(fake.requests).toHaveLength(1);
      }
      const [current] = await store.listTargets();

      // An outage: the SLO keeps its last figures, marked with the error.
      fake.outage = true;
      clock += 10 * MINUTE;
      const during = await refresher.refreshAll();
      expect(during).toMatchObject({ computed: 0, failed: 1 });
      const [kept] = await store.listTargets();
      expect(kept.status).toEqual(current.status);
      expect(kept.computedAt).toBe(current.computedAt);
      expect(kept.lastAttemptAt).toBe(clock);
      expect(kept.lastError).toMatch(
        /^Azure Monitor metrics `azure` answered 503 after retries/,
      );
      const logged = JSON.stringify([
        (logger.warn as jest.Mock).mock.calls,
        (logger.info as jest.Mock).mock.calls,
      ]);
      for (const token of credential.issued) {
        expect(logged).not.toContain(token);
        expect(kept.lastError).not.toContain(token);
      }
    }, 60_000);
  },
);

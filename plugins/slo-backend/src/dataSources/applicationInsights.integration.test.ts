import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createSelfSignedCertificate } from '@vitals/azure-inventory/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { DAY, HOUR, Indicator, MINUTE } from '@vitals/plugin-slo-common';
import { SliDataSourceError, SliFetchRequest } from '@vitals/plugin-slo-node';
import { SloStore } from '../database/SloStore';
import { SloRefresher } from '../service/refresher';
import { FakeEntraCredential } from '../testing/fakeEntra';
import {
  FakeLogAnalytics,
  FakeRequestRecord,
  nearestRank,
} from '../testing/fakeLogAnalytics';
import {
  ApplicationInsightsDataSource,
  ApplicationInsightsOptions,
  createApplicationInsightsFactory,
} from './applicationInsights';

/**
 * The application-insights source with the real LogsQueryClient against a
 * local HTTPS Log Analytics fake holding raw request records. Every figure
 * is checked against counts computed here from those records, with Azure's
 * semantics: the timespan is [start, end) and a bin covers [bin, bin + step),
 * reported at its end.
 */
const databases = createVitalsTestDatabases();

const STEP = 5 * MINUTE;
const END = Date.UTC(2026, 10, 20, 0, 0);
const START = END - 3 * DAY;
const INCIDENT = [END - 30 * HOUR, END - 29 * HOUR];
const SERVICE = 'appointments-service';
const SELECTION = `AppRequests | where AppRoleName == "${SERVICE}"`;

function testRecords(): FakeRequestRecord[] {
  const records: FakeRequestRecord[] = [];
  for (let minute = START; minute < END; minute += MINUTE) {
    const n = minute / MINUTE;
    const incident = minute >= INCIDENT[0] && minute < INCIDENT[1];
    // Every fifth minute the SDK sampled: each record kept stands for three.
    const itemCount = n % 5 === 0 ? 3 : undefined;
    for (let i = 0; i < 6; i++) {
      const failed = incident ? i < 2 : n % 97 === 0 && i === 0;
      records.push({
        ItemCount: itemCount,
        // The first of each minute lies on the bin boundary.
        TimeGenerated: minute + i * 10_000,
        AppRoleName: SERVICE,
        Name: i % 2 ? 'GET /appointments' : 'POST /appointments',
        Success: !failed,
        DurationMs: incident
          ? 2500 + ((n + i) % 5) * 10
          : 100 + ((n * 7 + i * 13) % 200),
        ResultCode: failed ? '503' : '200',
      });
    }
    for (let i = 0; i < 3; i++) {
      records.push({
        TimeGenerated: minute + i * 20_000 + 5_000,
        AppRoleName: 'billing-api',
        Name: 'POST /invoices',
        Success: i !== 0,
        DurationMs: 4000,
        ResultCode: i === 0 ? '500' : '200',
      });
    }
  }
  return records;
}

const RECORDS = testRecords();

/** How many requests records stand for (sampled ones count ItemCount times). */
const requestsIn = (records: FakeRequestRecord[]) =>
  records.reduce((sum, r) => sum + (r.ItemCount ?? 1), 0);

/** good/total per point of (from, to], counted from the raw records. */
function expectedEvents(
  from: number,
  to: number,
  step: number,
  isGood: (r: FakeRequestRecord) => boolean,
) {
  const t: number[] = [];
  const good: number[] = [];
  const total: number[] = [];
  for (let end = from + step; end <= to; end += step) {
    const inBin = RECORDS.filter(
      r =>
        r.AppRoleName === SERVICE &&
        r.TimeGenerated >= end - step &&
        r.TimeGenerated < end,
    );
    t.push(end);
    total.push(requestsIn(inBin));
    good.push(requestsIn(inBin.filter(isGood)));
  }
  return { kind: 'events', step, t, good, total };
}

const context = {
  entityRef: 'component:default/appointments-service',
  slo: 'availability',
  service: SERVICE,
};

function request(
  indicator: Indicator,
  from = END - 2 * HOUR,
  to = END,
  step = STEP,
): SliFetchRequest {
  return {
    indicator,
    objective: { key: '0', target: 0.99 },
    budgetingMethod: 'Occurrences',
    from,
    to,
    step,
    context,
  };
}

const availability: Indicator = {
  kind: 'ratio',
  counter: true,
  good: { query: 'Success == true' },
  total: { query: SELECTION },
};

async function failure(promise: Promise<unknown>): Promise<SliDataSourceError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof SliDataSourceError) return e;
    throw e;
  }
  throw new Error('expected the fetch to fail');
}

describe('ApplicationInsightsDataSource against a fake Log Analytics workspace', () => {
  let fake: FakeLogAnalytics;
  let clock: number;
  let credential: FakeEntraCredential;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  const source = (options: Partial<ApplicationInsightsOptions> = {}) =>
    new ApplicationInsightsDataSource({
      name: 'logs',
      workspaceId: fake.workspaceId,
      endpoint: fake.url,
      ca: fake.ca,
      credential,
      now: () => clock,
      retries: 2,
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      logger,
      ...options,
    });

  beforeAll(async () => {
    fake = await FakeLogAnalytics.start({
      certificate: createSelfSignedCertificate('fake-log-analytics'),
      records: RECORDS,
      resourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/clinic/providers/microsoft.insights/components/appointments',
      acceptToken: token => credential.accepts(token),
    });
  });

  afterAll(async () => {
    await fake?.close();
  });

  beforeEach(() => {
    clock = Date.now();
    credential = new FakeEntraCredential(() => clock);
    logger = mockServices.logger.mock();
    fake.requests.length = 0;
    fake.outage = false;
  });

  it('computes good/total per bin as counted from the raw records, in one query with the range as the timespan', async () => {
    const result = await source().fetch(request(availability));
    expect(result.points).toEqual(
      expectedEvents(END - 2 * HOUR, END, STEP, r => r.Success),
    );
    expect(result).toMatchObject({
      queries: 1,
      warnings: [],
      completeUntil: END,
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      status: 200,
      timespan: `${new Date(END - 2 * HOUR).toISOString()}/${new Date(
        END,
      ).toISOString()}`,
    });
    expect(fake.requests[0].query).not.toMatch(/2026|ago\(|now\(/);
    // The incident is in the figures, so they are real counts, not zeros.
    const incident = await source().fetch(
      request(availability, INCIDENT[0], INCIDENT[1]),
    );
    const points = incident.points as { good: number[]; total: number[] };
    expect(points.good[0] / points.total[0]).toBeCloseTo(4 / 6, 10);
  });

  it('computes latency as a ratio of fast requests, and as a per-minute p95 threshold', async () => {
    const fast = await source().fetch(
      request({
        kind: 'ratio',
        counter: true,
        good: { query: `${SELECTION}\n| where DurationMs <= 2000` },
        total: { query: SELECTION },
      }),
    );
    expect(fast.points).toEqual(
      expectedEvents(END - 2 * HOUR, END, STEP, r => r.DurationMs <= 2000),
    );

    const from = INCIDENT[0] - 10 * MINUTE;
    const to = INCIDENT[0] + 10 * MINUTE;
    const p95 = await source().fetch(
      request(
        {
          kind: 'threshold',
          query: {
            query: `${SELECTION} | summarize p95 = percentile(DurationMs, 95)`,
          },
        },
        from,
        to,
        MINUTE,
      ),
    );
    const t: number[] = [];
    const value: number[] = [];
    for (let end = from + MINUTE; end <= to; end += MINUTE) {
      t.push(end);
      value.push(
        nearestRank(
          RECORDS.filter(
            r =>
              r.AppRoleName === SERVICE &&
              r.TimeGenerated >= end - MINUTE &&
              r.TimeGenerated < end,
          ).map(r => r.DurationMs),
          95,
        ),
      );
    }
    expect(p95.points).toEqual({ kind: 'values', step: MINUTE, t, value });
    expect(value.some(v => v >= 2500)).toBe(true);
  });

  it('counts bad/total, and reads the classic requests table in an Application Insights resource’s context', async () => {
    const bad = await source().fetch(
      request({
        kind: 'ratio',
        counter: true,
        bad: { query: 'Success == false' },
        total: { query: SELECTION },
      }),
    );
    const expected = expectedEvents(END - 2 * HOUR, END, STEP, r => r.Success);
    expect(bad.points).toEqual(expected);

    const classic = await source({
      workspaceId: undefined,
      resourceId: fake.resourceId,
    }).fetch(
      request({
        kind: 'ratio',
        counter: true,
        good: { query: '' },
        total: { query: `requests | where cloud_RoleName == "${SERVICE}"` },
      }),
    );
    expect(classic.points).toEqual(expected);
    expect(fake.requests[1].path).toBe(`/v1${fake.resourceId}/query`);
  });

  it('renews a token before it expires, and once after a 401, and never shows one', async () => {
    const logs = source();
    await logs.fetch(request(availability));
    expect(credential.calls).toHaveLength(1);

    // Within five minutes of expiry: renewed before the query.
    clock += 56 * MINUTE;
    await logs.fetch(request(availability));
    expect(credential.calls).toHaveLength(2);

    // Revoked early: refused once, renewed, accepted.
    credential.expire(credential.issued[1]);
    const result = await logs.fetch(request(availability));
    expect(result.points).toEqual(
      expectedEvents(END - 2 * HOUR, END, STEP, r => r.Success),
    );
    expect(credential.calls).toHaveLength(3);
    expect(fake.requests.map(r => r.status)).toEqual([200, 200, 401, 200]);

    // Refused even with a renewed token: an error naming the role, no token.
    fake.inject({ status: 403, times: 1 });
    const refused = await failure(logs.fetch(request(availability)));
    expect(refused.kind).toBe('unavailable');
    expect(refused.message).toBe(
      'Application Insights `logs` refused the query (403 InsufficientAccessError); check that its credential has the Log Analytics Reader (or Monitoring Reader) role on the Log Analytics workspace, or on the Application Insights resource for a resourceId',
    );
    credential.failWith = new Error('no managed identity endpoint found');
    credential.failWith.name = 'CredentialUnavailableError';
    clock += 2 * HOUR;
    const signIn = await failure(logs.fetch(request(availability)));
    expect(signIn.message).toBe(
      'Application Insights `logs` could not get an Entra token: CredentialUnavailableError: no managed identity endpoint found',
    );
    const text = JSON.stringify([
      refused.message,
      signIn.message,
      (logger.warn as jest.Mock).mock.calls,
      (logger.info as jest.Mock).mock.calls,
    ]);
    for (const token of credential.issued) expect(text).not.toContain(token);
  });

  it('retries throttling (429 with Retry-After, or without) and 5xx, with the right figures', async () => {
    const expected = expectedEvents(END - 2 * HOUR, END, STEP, r => r.Success);
    fake.inject({ status: 429, retryAfter: '0', times: 1 });
    fake.inject({ status: 429, times: 1 });
    fake.inject({ status: 500, times: 1 });
    fake.inject({ status: 503, retryAfter: '1', times: 1 });
    const started = Date.now();
    const result = await source({ retries: 4 }).fetch(request(availability));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.points).toEqual(expected);
    expect(result.queries).toBe(1);
    expect(fake.requests.map(r => r.status)).toEqual([429, 429, 500, 503, 200]);
  });

  it('gives up at once when asked to wait longer than a refresh waits, and after the retries of an outage', async () => {
    fake.inject({ status: 429, retryAfter: '120', times: 1 });
    const throttled = await failure(source().fetch(request(availability)));
    expect(throttled).toMatchObject({
      kind: 'unavailable',
      retryAfterMs: 120_000,
      message:
        'Application Insights `logs` is throttled (429); the service asks to wait 120s, longer than a refresh waits',
    });
    expect(fake.requests).toHaveLength(1);

    fake.outage = true;
    const down = await failure(source().fetch(request(availability)));
    expect(down.kind).toBe('unavailable');
    expect(down.message).toBe(
      'Application Insights `logs` answered 503 ServiceUnavailableError after the retries: The service is temporarily unavailable; retry later',
    );
    expect(fake.requests).toHaveLength(1 + 3);
  });

  it('reports KQL Azure cannot parse as a query error quoting Azure, and a filter matching nothing as empty', async () => {
    const syntax = await failure(
      source().fetch(
        request({ ...availability, good: { query: 'Success = true' } }),
      ),
    );
    expect(syntax.kind).toBe('query');
    expect(syntax.message).toMatch(
      /^Application Insights `logs` rejected the query \(400 BadArgumentError\): The request had some invalid properties: Query could not be parsed at '=' on line \[1,\d+\]; query: AppRequests/,
    );

    const own = await failure(
      source().fetch(
        request({
          ...availability,
          total: {
            query: `${SELECTION} | summarize count() by bin(TimeGenerated, 1h)`,
          },
        }),
      ),
    );
    expect(own.kind).toBe('query');
    expect(own.message).toContain(
      'Application Insights `logs` total.metricSource.spec.query must select requests without `summarize`',
    );
    expect(fake.requests).toHaveLength(1);

    const empty = await failure(
      source().fetch(
        request({
          ...availability,
          total: {
            query: 'AppRequests | where AppRoleName == "no-such-service"',
          },
        }),
      ),
    );
    expect(empty.kind).toBe('empty');
    expect(empty.message).toContain('the query matched no requests between');
  });

  it('keeps what a partial result brought, leaves out the bins it may have cut, and fails when the cut is older than a refresh reads again', async () => {
    const from = END - HOUR;
    fake.inject({ partial: { keepBins: 12 } });
    const partial = await source().fetch(request(availability, from, END));
    expect(partial.completeUntil).toBe(END - STEP);
    const expected = expectedEvents(from, END - STEP, STEP, r => r.Success);
    expect(partial.points).toEqual(expected);
    expect(partial.warnings).toEqual([
      'Application Insights `logs` returned a partial result (PartialError, EngineError: There were some errors when processing your query.: Something went wrong processing your query on the server.); figures after 2026-11-19T23:55:00.000Z are left out until the next refresh reads them again',
    ]);
    expect(JSON.stringify((logger.warn as jest.Mock).mock.calls)).toContain(
      'returned a partial result',
    );

    fake.inject({ partial: { keepBins: 4 } });
    const early = await failure(
      source().fetch(request(availability, from, END)),
    );
    expect(early.kind).toBe('unavailable');
    expect(early.message).toContain(
      'complete only until 2026-11-19T23:15:00.000Z; nothing was stored and the next refresh asks again',
    );
  });
});

const sloYaml = `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: logs
spec:
  type: application-insights
  connectionDetails: {}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: ${SERVICE}
  indicator:
    metadata:
      name: requests-ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: logs
            type: application-insights
            spec:
              query: Success == true
        total:
          metricSource:
            metricSourceRef: logs
            type: application-insights
            spec:
              query: ${SELECTION}
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: latency
spec:
  service: ${SERVICE}
  indicator:
    metadata:
      name: requests-fast
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: logs
            type: application-insights
            spec:
              query: |
                ${SELECTION}
                | where DurationMs <= 2000
        total:
          metricSource:
            metricSourceRef: logs
            type: application-insights
            spec:
              query: ${SELECTION}
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.95
`;

describe.each(databases.eachSupportedId())(
  'application-insights SLOs through the refresher on %p',
  databaseId => {
    let fake: FakeLogAnalytics;
    let dir: string;
    let clock: number;
    let credential: FakeEntraCredential;

    beforeEach(async () => {
      clock = Date.now();
      credential = new FakeEntraCredential(() => clock);
      fake = await FakeLogAnalytics.start({
        certificate: createSelfSignedCertificate('fake-log-analytics'),
        records: RECORDS,
        credential,
      });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-appinsights-'));
      fs.writeFileSync(path.join(dir, 'slo.yaml'), sloYaml);
    });

    afterEach(async () => {
      await fake?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function setup() {
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: SERVICE,
          namespace: 'default',
          annotations: {
            'vitals.dev/slo-ref': './slo.yaml',
            'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
          },
        },
        spec: { type: 'service', owner: 'team', lifecycle: 'production' },
      };
      // Configured the way app-config does it: endpoint and ca point the
      // real client at the fake and make it trust the fake's certificate.
      const dataSource = createApplicationInsightsFactory({
        credentialFor: () => credential,
      }).create({
        name: 'logs',
        config: new ConfigReader({
          type: 'application-insights',
          workspaceId: fake.workspaceId,
          endpoint: fake.url,
          ca: fake.ca,
          retries: 1,
        }),
        logger: mockServices.logger.mock(),
      });
      const store = await SloStore.create(
        mockServices.database({ knex: await databases.init(databaseId) }),
      );
      const logger = mockServices.logger.mock();
      let now = END - DAY + 2 * MINUTE;
      const refresher = new SloRefresher({
        store,
        catalog: catalogServiceMock({ entities: [entity] }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger,
        dataSources: new Map([['logs', dataSource]]),
        defaultDataSource: 'logs',
        now: () => now,
      });
      const refreshAt = async (at: number) => {
        now = at;
        fake.requests.length = 0;
        return refresher.refreshAll();
      };
      return { store, logger, refreshAt };
    }

    /** What the SLI over the day before `aligned` must be, from the raw records. */
    function expectedWindow(
      aligned: number,
      isGood: (r: FakeRequestRecord) => boolean,
    ) {
      const inWindow = RECORDS.filter(
        r =>
          r.AppRoleName === SERVICE &&
          r.TimeGenerated >= aligned - DAY &&
          r.TimeGenerated < aligned,
      );
      const good = requestsIn(inWindow.filter(isGood));
      const total = requestsIn(inWindow);
      return { good, total, ratio: good / total };
    }

    const bySlo = async (store: SloStore) =>
      Object.fromEntries(
        (await store.listTargets()).map(target => [target.name, target]),
      );

    it('computes both SLOs as counted from the raw records, one query per SLO per refresh however long the history', async () => {
      const { store, refreshAt } = await setup();
      let aligned = END - DAY;
      // First refresh: the window plus eight days, and the daily history.
      expect(await refreshAt(aligned + 2 * MINUTE)).toMatchObject({
        computed: 2,
        failed: 0,
        queries: 4,
      });
      let targets = await bySlo(store);
      expect(targets.availability.status!.sli).toEqual(
        expectedWindow(aligned, r => r.Success),
      );
      expect(targets.latency.status!.sli).toEqual(
        expectedWindow(aligned, r => r.DurationMs <= 2000),
      );

      const spans: number[] = [];
      for (let i = 1; i <= 6; i++) {
        aligned += i === 6 ? 6 * HOUR : 5 * MINUTE;
        const stats = await refreshAt(aligned + 2 * MINUTE);
        expect(stats).toMatchObject({ computed: 2, failed: 0, queries: 2 });
        spans.push(...fake.requests.map(r => r.range![1] - r.range![0]));
      }
      // Each refresh reads what is new plus the last two buckets again.
      expect(spans.slice(0, 10)).toEqual(Array(10).fill(15 * MINUTE));
      expect(spans.slice(10)).toEqual([
        6 * HOUR + 10 * MINUTE,
        6 * HOUR + 10 * MINUTE,
      ]);
      targets = await bySlo(store);
      expect(targets.availability.status!.sli).toEqual(
        expectedWindow(aligned, r => r.Success),
      );
      expect(targets.latency.status!.sli).toEqual(
        expectedWindow(aligned, r => r.DurationMs <= 2000),
      );
      // The incident is inside the window.
      expect(targets.availability.status!.sli.ratio).toBeLessThan(0.99);
    });

    it('warns on a partial result and completes the figures on the next refresh', async () => {
      const { store, refreshAt } = await setup();
      let aligned = END - DAY;
      await refreshAt(aligned + 2 * MINUTE);
      aligned += 5 * MINUTE;
      // Every bin came, the last one cut short.
      fake.inject({ partial: { keepBins: 3 }, times: 2 });
      expect(await refreshAt(aligned + 2 * MINUTE)).toMatchObject({
        computed: 2,
        failed: 0,
      });
      let targets = await bySlo(store);
      expect(targets.availability.status!.warnings).toEqual([
        expect.stringContaining(
          'Application Insights `logs` returned a partial result',
        ),
      ]);
      const lastBucket = requestsIn(
        RECORDS.filter(
          r =>
            r.AppRoleName === SERVICE &&
            r.TimeGenerated >= aligned - STEP &&
            r.TimeGenerated < aligned,
        ),
      );
      const complete = expectedWindow(aligned, r => r.Success);
      // The cut bin is left out rather than stored short.
      expect(targets.availability.status!.sli.total).toBe(
        complete.total - lastBucket,
      );

      aligned += 5 * MINUTE;
      await refreshAt(aligned + 2 * MINUTE);
      targets = await bySlo(store);
      expect(targets.availability.status!.warnings).toEqual([]);
      expect(targets.availability.status!.sli).toEqual(
        expectedWindow(aligned, r => r.Success),
      );
      expect(targets.latency.status!.sli).toEqual(
        expectedWindow(aligned, r => r.DurationMs <= 2000),
      );
    });

    it('keeps the last figures, marked stale, through an outage, and catches up after it', async () => {
      const { store, refreshAt, logger } = await setup();
      let aligned = END - DAY;
      await refreshAt(aligned + 2 * MINUTE);
      const before = await bySlo(store);

      fake.outage = true;
      aligned += HOUR;
      expect(await refreshAt(aligned + 2 * MINUTE)).toMatchObject({
        computed: 0,
        failed: 2,
      });
      const during = await bySlo(store);
      expect(during.availability.status).toEqual(before.availability.status);
      expect(during.availability.computedAt).toBe(END - DAY + 2 * MINUTE);
      expect(during.availability.lastAttemptAt).toBe(aligned + 2 * MINUTE);
      expect(during.availability.lastError).toBe(
        'Application Insights `logs` answered 503 ServiceUnavailableError after the retries: The service is temporarily unavailable; retry later',
      );

      fake.outage = false;
      aligned += 5 * MINUTE;
      await refreshAt(aligned + 2 * MINUTE);
      const after = await bySlo(store);
      expect(after.availability.lastError).toBeNull();
      expect(after.availability.status!.sli).toEqual(
        expectedWindow(aligned, r => r.Success),
      );
      const logged = JSON.stringify([
        (logger.warn as jest.Mock).mock.calls,
        (logger.info as jest.Mock).mock.calls,
      ]);
      for (const token of credential.issued) {
        expect(logged).not.toContain(token);
      }
    });
  },
);

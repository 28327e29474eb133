import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DAY, HOUR, MINUTE } from '@vitals/plugin-slo-common';
import { SloStore } from '../database/SloStore';
import { SloRefresher } from '../service/refresher';
import {
  HistorySeries,
  prometheusBinaries,
  PrometheusServer,
  startPrometheus,
  toOpenMetrics,
} from '../testing/prometheusServer';
import { PrometheusDataSource } from './prometheus';

/**
 * The Prometheus SLI source against a real Prometheus (Debian's package),
 * its history back-filled with promtool. Expected figures are computed here,
 * independently, from the same generated per-minute increments.
 */
const binaries = prometheusBinaries();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const describeWithPrometheus = binaries ? describe : describe.skip;

const STEP = 5 * MINUTE;
// Two days of history ending two hours before the test runs, on 5-minute boundaries.
const END = Math.floor((Date.now() - 2 * HOUR) / STEP) * STEP;
const START = END - 2 * DAY;
const minutes: number[] = [];
for (let t = START; t <= END; t += MINUTE) minutes.push(t);

/** Events in the minute ending at t, constant within each 5-minute bucket. */
const bucketOf = (t: number) => Math.floor((t - MINUTE) / STEP);
const totalPerMinute = (t: number) => 600 + (bucketOf(t) % 7) * 10;
const INCIDENT = [END - 10 * HOUR, END - 9 * HOUR];
const errorsPerMinute = (t: number) => {
  const b = bucketOf(t);
  if (t > INCIDENT[0] && t <= INCIDENT[1]) return 30;
  return b % 11 === 0 ? 1 : 0;
};
/** The service restarts once: its success counter starts again from zero. */
const RESET_AT = START + 20 * HOUR;

function counter(
  labels: Record<string, string>,
  perMinute: (t: number) => number,
  resetAt?: number,
): HistorySeries {
  let value = 5000;
  const samples: Array<[number, number]> = [];
  for (const t of minutes) {
    if (t !== START) {
      value = t === resetAt ? perMinute(t) : value + perMinute(t);
    }
    samples.push([t, value]);
  }
  return { name: 'http_requests_total', type: 'counter', labels, samples };
}

const history: HistorySeries[] = [
  counter(
    { service: 'api', code: '200' },
    t => totalPerMinute(t) - errorsPerMinute(t),
    RESET_AT,
  ),
  counter({ service: 'api', code: '500' }, errorsPerMinute),
  counter(
    { service: 'web', code: '200' },
    t => totalPerMinute(t) - errorsPerMinute(t),
  ),
  counter({ service: 'web', code: '500' }, errorsPerMinute),
  {
    name: 'request_latency_p99_seconds',
    type: 'gauge',
    labels: { service: 'api' },
    samples: minutes.map(t => [
      t,
      t > INCIDENT[0] && t <= INCIDENT[1]
        ? 0.9
        : 0.2 + ((t / MINUTE) % 5) * 0.01,
    ]),
  },
];

/** Independent expectation: events in (t − 5m, t] summed from the per-minute increments. */
function expectedBucket(t: number) {
  let total = 0;
  let bad = 0;
  for (let m = t - 4 * MINUTE; m <= t; m += MINUTE) {
    total += totalPerMinute(m);
    bad += errorsPerMinute(m);
  }
  return { total, good: total - bad };
}

describeWithPrometheus('PrometheusDataSource against a real Prometheus', () => {
  let prometheus: PrometheusServer;
  let source: PrometheusDataSource;

  beforeAll(async () => {
    prometheus = await startPrometheus(toOpenMetrics(history));
    source = new PrometheusDataSource({
      name: 'prometheus',
      url: prometheus.url,
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const context = {
    entityRef: 'component:default/api',
    slo: 'availability',
    service: 'api',
  };
  const base = {
    objective: { key: '0', target: 0.999 },
    budgetingMethod: 'Occurrences' as const,
    step: STEP,
    context,
  };
  const from = START + HOUR;
  const to = END;

  function expectMatches(points: any) {
    expect(points.kind).toBe('events');
    expect(points.t.length).toBe((to - from) / STEP);
    for (let i = 0; i < points.t.length; i++) {
      const expected = expectedBucket(points.t[i]);
      expect(points.total[i]).toBeCloseTo(expected.total, 6);
      expect(points.good[i]).toBeCloseTo(expected.good, 6);
    }
  }

  it('counts plain counter selectors with increase(), across a counter reset', async () => {
    const result = await source.fetch({
      ...base,
      from,
      to,
      indicator: {
        kind: 'ratio',
        counter: true,
        good: { query: 'http_requests_total{service="api",code!~"5.."}' },
        total: { query: 'http_requests_total{service="api"}' },
      },
    });
    expect(result.queries).toBe(2);
    expectMatches(result.points);
    const resetBucket = result.points.t.indexOf(
      Math.ceil(RESET_AT / STEP) * STEP,
    );
    expect(resetBucket).toBeGreaterThan(0);
  });

  it('counts counter expressions through a subquery', async () => {
    const result = await source.fetch({
      ...base,
      from,
      to,
      indicator: {
        kind: 'ratio',
        counter: true,
        bad: { query: 'sum(http_requests_total{service="web",code="500"})' },
        total: { query: 'sum(http_requests_total{service="web"})' },
      },
    });
    expectMatches(result.points);
    expect(result.queries).toBe(2);
  });

  it('turns {{.window}} rate queries into counts', async () => {
    const result = await source.fetch({
      ...base,
      from,
      to,
      indicator: {
        kind: 'ratio',
        counter: false,
        bad: {
          query:
            'sum(rate(http_requests_total{service="web",code=~"5.."}[{{.window}}]))',
        },
        total: {
          query: 'sum(rate(http_requests_total{service="web"}[{{.window}}]))',
        },
      },
    });
    expectMatches(result.points);
    expect(result.queries).toBe(2);
  });

  it('reads threshold metrics as values at each step', async () => {
    const result = await source.fetch({
      ...base,
      step: MINUTE,
      from: INCIDENT[0] - 10 * MINUTE,
      to: INCIDENT[0] + 10 * MINUTE,
      objective: { key: '0', target: 0.99, op: 'lt', value: 0.5 },
      budgetingMethod: 'Timeslices',
      indicator: {
        kind: 'threshold',
        query: { query: 'max(request_latency_p99_seconds{service="api"})' },
      },
    });
    expect(result.points.kind).toBe('values');
    const values = (result.points as any).value as number[];
    expect(values.slice(0, 10).every(v => v < 0.5)).toBe(true);
    expect(values.slice(10).every(v => v === 0.9)).toBe(true);
  });

  it('reports a query that matches nothing', async () => {
    await expect(
      source.fetch({
        ...base,
        from,
        to,
        indicator: {
          kind: 'ratio',
          counter: true,
          good: { query: 'nope_total' },
          total: { query: 'nope_total' },
        },
      }),
    ).rejects.toMatchObject({ kind: 'empty' });
  });

  it('computes the SLO end to end and matches the independent figures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-prom-'));
    try {
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
      name: api-ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="api",code!~"5.."}
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="api"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`,
      );
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'api',
          namespace: 'default',
          annotations: {
            'vitals.dev/slo-ref': './slo.yaml',
            'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
          },
        },
        spec: { type: 'service', owner: 'team', lifecycle: 'production' },
      };
      const store = await SloStore.create(
        mockServices.database({ knex: await databases.init('SQLITE_3') }),
      );
      const refresher = new SloRefresher({
        store,
        catalog: catalogServiceMock({ entities: [entity] }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
        dataSources: new Map([['prometheus', source]]),
        defaultDataSource: 'prometheus',
        now: () => END + 2 * MINUTE,
      });
      const stats = await refresher.refreshAll();
      expect(stats).toMatchObject({ computed: 1, failed: 0 });
      // 5-minute buckets for the window, then one daily back-fill: four range queries.
      expect(stats.queries).toBe(4);
      const [target] = await store.listTargets();
      let total = 0;
      let bad = 0;
      for (let m = START + MINUTE; m <= END; m += MINUTE) {
        total += totalPerMinute(m);
        bad += errorsPerMinute(m);
      }
      expect(target.status!.sli.total).toBeCloseTo(total, 3);
      expect(target.status!.sli.ratio).toBeCloseTo((total - bad) / total, 9);
      expect(target.status!.errorBudget.remaining).toBeCloseTo(
        1 - bad / total / 0.001,
        6,
      );
      // Burn over the last day, independently: the incident nine hours ago dominates it.
      let dayTotal = 0;
      let dayBad = 0;
      for (let m = END - DAY + MINUTE; m <= END; m += MINUTE) {
        dayTotal += totalPerMinute(m);
        dayBad += errorsPerMinute(m);
      }
      const [hour, , day] = target.status!.burnRates;
      expect(hour.firing).toBe(false);
      expect(day.longRate).toBeCloseTo(dayBad / dayTotal / 0.001, 6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * SLO benchmarks:
 * - pure computation of 6,000 SLOs over 30 days of 5-minute buckets;
 * - the overview API with 2,000 entities × 3 SLOs in the store, against a
 *   bare route that returns the same bytes;
 * - a refresh of 500 SLOs against a real Prometheus holding 30 days of data;
 * - the heaviest valid history requests against a stored long history, and
 *   a hostile one (a date 62,000 years back) that must be refused at once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import {
  createBucketSeries,
  DAY,
  evaluateSloTarget,
  MINUTE,
  SloDefinition,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { PrometheusDataSource } from '@vitals/plugin-slo-backend';
import { SloStore } from '../../plugins/slo-backend/src/database/SloStore';
import {
  createRouter,
  MAX_HISTORY_POINTS,
  MAX_HISTORY_SPAN_MS,
} from '../../plugins/slo-backend/src/service/router';
import { SloRefresher } from '../../plugins/slo-backend/src/service/refresher';
import {
  HistorySeries,
  prometheusBinaries,
  startPrometheus,
  toOpenMetrics,
} from '../../plugins/slo-backend/src/testing/prometheusServer';
import {
  gc,
  percentile,
  report,
  summarize,
  timeRequestsInterleaved,
} from './lib';

export const name = 'slo';

const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

function definition(target = 0.999): SloDefinition {
  return {
    name: 'availability',
    service: 'bench',
    format: 'openslo/v1',
    indicator: {
      kind: 'ratio',
      counter: true,
      good: { query: 'g' },
      total: { query: 't' },
    },
    timeWindow: { durationMs: 30 * DAY, duration: '30d', rolling: true },
    budgetingMethod: 'Occurrences',
    objectives: [{ key: '0', target }],
    alerting: { page: true, ticket: true },
    labels: {},
    warnings: [],
    source: { file: 'slo.yaml', documentIndex: 0 },
  };
}

async function computeBench(runs: number) {
  const now = Date.UTC(2026, 10, 23);
  const count = (30 * DAY) / (5 * MINUTE);
  // A pool of distinct series, generated outside the timing.
  const pool = Array.from({ length: 50 }, (_, k) => {
    const s = createBucketSeries(now - 30 * DAY, 5 * MINUTE, count);
    for (let i = 0; i < count; i++) {
      s.total[i] = 1000 + ((i * 7 + k) % 300);
      s.good[i] = s.total[i] - ((i + k) % 97 === 0 ? 40 : 0);
    }
    return s;
  });
  const def = definition();
  const target = { definition: def, objective: def.objectives[0] };
  const times: number[] = [];
  let checksum = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (let i = 0; i < 6000; i++) {
      checksum += evaluateSloTarget(target, pool[i % pool.length], now)
        .errorBudget.remaining;
    }
    times.push(performance.now() - started);
  }
  report(
    'compute: 6,000 SLOs × 30 days of 5-min buckets',
    'ms',
    times,
    `(checksum ${checksum.toFixed(3)}; goal < 1000 ms)`,
  );
}

async function overviewBench(requests: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-slo-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await SloStore.create({ getClient: async () => knex } as any);
    const status = { name: 'x' } as unknown as SloStatus;
    for (let e = 0; e < 2000; e++) {
      const entityRef = `component:default/service-${e}`;
      await store.replaceTargets(
        entityRef,
        `group:default/team-${e % 40}`,
        `system:default/system-${e % 12}`,
        ['availability', 'latency', 'freshness'].map((n, k) => ({
          name: n,
          seriesKey: `${e}-${k}`,
          definition: definition(),
          objectiveKey: '0',
          dataSource: 'prometheus',
          displayName: n,
          target: 0.999,
        })),
      );
      for (const [k, n] of ['availability', 'latency', 'freshness'].entries()) {
        const remaining = ((e * 3 + k) % 200) / 100 - 0.5;
        await store.saveStatus(
          entityRef,
          n,
          status,
          {
            sli: 0.999,
            remaining,
            policyState: remaining <= 0 ? 'freeze' : 'healthy',
            firing: (e + k) % 17 === 0,
            firingSeverity: null,
          },
          Date.now(),
        );
      }
    }
    const router = await createRouter({
      store,
      httpAuth: {
        credentials: async () => ({
          principal: { type: 'user', userEntityRef: 'user:default/bench' },
        }),
      } as any,
      catalog: {} as any,
      permissions: {} as any,
      auditor: {} as any,
      logger: {
        info() {},
        warn() {},
        error() {},
        debug() {},
        child() {
          return this;
        },
      } as any,
      dataSources: new Map(),
      refreshFrequencyMs: 300_000,
    });
    const app = express();
    app.use('/api/slo', router);
    const server = http.createServer(app);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = Buffer.from(
      await (await fetch(`${base}/api/slo/overview`)).arrayBuffer(),
    );
    app.get('/bare', (_req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(body);
    });
    // Warm both routes (JIT, the overview cache), then time them in turns.
    await timeRequestsInterleaved(
      [`${base}/api/slo/overview`, `${base}/bare`],
      undefined,
      20,
    );
    const [api, bare] = await timeRequestsInterleaved(
      [`${base}/api/slo/overview`, `${base}/bare`],
      undefined,
      requests,
    );
    report(
      'overview API, 6,000 SLO rows',
      'ms',
      api.times,
      `${(api.bytes / 1024).toFixed(0)} KiB`,
    );
    report('bare route, same bytes', 'ms', bare.times);
    const median = (xs: number[]) => summarize(xs).median;
    const p95 = (xs: number[]) => percentile(xs, 95);
    log(
      `overview / bare: median ${(
        median(api.times) / median(bare.times)
      ).toFixed(2)}×, p95 ${(p95(api.times) / p95(bare.times)).toFixed(
        2,
      )}× (goal within 2×; requests in turns, so load on the machine weighs on both)`,
    );
    server.close();
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function refreshBench() {
  if (!prometheusBinaries()) {
    log(
      'refresh against Prometheus: SKIPPED (prometheus and promtool are not installed)',
    );
    return;
  }
  const services = 50;
  const sloCount = 500;
  const step = 5 * MINUTE;
  const end = Math.floor((Date.now() - 2 * MINUTE) / step) * step;
  const start = end - 30 * DAY;
  const series: HistorySeries[] = [];
  for (let s = 0; s < services; s++) {
    for (const code of ['200', '500']) {
      let value = 0;
      const samples: Array<[number, number]> = [];
      for (let t = start; t <= end; t += step) {
        value +=
          code === '200'
            ? 3000 + (s % 7) * 100
            : (t / step + s) % 13 === 0
            ? 5
            : 0;
        samples.push([t, value]);
      }
      series.push({
        name: 'http_requests_total',
        type: 'counter',
        labels: { service: `s${s}`, code },
        samples,
      });
    }
  }
  let started = performance.now();
  const prometheus = await startPrometheus(toOpenMetrics(series));
  log(
    `prometheus: ${
      series.length
    } series × 30 days back-filled and started in ${(
      (performance.now() - started) /
      1000
    ).toFixed(1)} s`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-refresh-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  try {
    for (let s = 0; s < services; s++) {
      fs.writeFileSync(
        path.join(dir, `s${s}.yaml`),
        `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: s${s}
  indicator:
    metadata:
      name: ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="s${s}",code!~"5.."}
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{service="s${s}"}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`,
      );
    }
    const entities = Array.from({ length: sloCount }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        annotations: {
          'vitals.dev/slo-ref': `./s${i % services}.yaml`,
          'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        },
      },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    }));
    const store = await SloStore.create({ getClient: async () => knex } as any);
    let now = end + MINUTE;
    const refresher = new SloRefresher({
      store,
      catalog: {
        async *streamEntities() {
          yield entities;
        },
      } as any,
      auth: { getOwnServiceCredentials: async () => ({}) } as any,
      urlReader: {} as any,
      logger: {
        info() {},
        warn() {},
        error() {},
        debug() {},
        child() {
          return this;
        },
      } as any,
      dataSources: new Map([
        [
          'prometheus',
          new PrometheusDataSource({ name: 'prometheus', url: prometheus.url }),
        ],
      ]),
      defaultDataSource: 'prometheus',
      concurrency: 8,
      now: () => now,
    });
    started = performance.now();
    const first = await refresher.refreshAll();
    const firstMs = performance.now() - started;
    log(
      `refresh (first, back-fills 38 days of 5-min buckets and 400 daily counts): ${sloCount} SLOs in ${(
        firstMs / 1000
      ).toFixed(1)} s, ${first.queries} queries = ${(
        first.queries / sloCount
      ).toFixed(1)} per SLO, ${first.failed} failed`,
    );
    now += 5 * MINUTE;
    started = performance.now();
    const second = await refresher.refreshAll();
    const secondMs = performance.now() - started;
    log(
      `refresh (steady state, 5 minutes later): ${sloCount} SLOs in ${(
        secondMs / 1000
      ).toFixed(1)} s, ${second.queries} queries = ${(
        second.queries / sloCount
      ).toFixed(1)} per SLO, ${second.failed} failed`,
    );
  } finally {
    await knex.destroy();
    await prometheus.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const silentLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return this;
  },
} as any;

/** Times `count` sequential GETs that must answer `status`, and the process memory they leave behind. */
async function hammer(url: string, status: number, count: number) {
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== status) {
      throw new Error(
        `GET ${url} answered ${res.status}, expected ${status}: ${Buffer.from(
          body,
        )
          .toString('utf8')
          .slice(0, 300)}`,
      );
    }
    bytes = body.byteLength;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  gc();
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return {
    times,
    bytes,
    memory: `rss Δ ${mib(after.rss - before.rss)} (peak +${mib(
      peakRss - before.rss,
    )}), heapUsed Δ ${mib(after.heapUsed - before.heapUsed)} (after GC)`,
  };
}

async function historyBench(requests: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-history-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await SloStore.create({ getClient: async () => knex } as any);
    const now = Date.now();
    const entityRef = 'component:default/fhir-gateway';
    const seriesKey = 'bench-history';
    await store.replaceTargets(entityRef, 'group:default/team', null, [
      {
        name: 'availability',
        seriesKey,
        definition: definition(),
        objectiveKey: '0',
        dataSource: 'prometheus',
        displayName: 'availability',
        target: 0.999,
      },
    ]);
    // All the plugin keeps: 400 days of daily counts and 38 days of 5-minute buckets.
    const bucket = 5 * MINUTE;
    const fineStart = Math.floor((now - 38 * DAY) / bucket) * bucket;
    const fine = [];
    for (let t = fineStart; t < now; t += bucket) {
      const total = 3000 + ((t / bucket) % 300);
      fine.push({
        start: t,
        good: total - ((t / bucket) % 97 === 0 ? 40 : 0),
        total,
      });
    }
    await store.replaceBuckets(seriesKey, fineStart, now, fine);
    const dayStart = Math.floor(now / DAY) * DAY;
    const daily = [];
    for (let t = dayStart - MAX_HISTORY_SPAN_MS; t <= dayStart; t += DAY) {
      daily.push({ start: t, good: 863_000, total: 864_000 });
    }
    await store.replaceDaily(
      seriesKey,
      dayStart - MAX_HISTORY_SPAN_MS,
      dayStart + DAY,
      daily,
    );
    const router = await createRouter({
      store,
      httpAuth: {
        credentials: async () => ({
          principal: { type: 'user', userEntityRef: 'user:default/bench' },
        }),
      } as any,
      catalog: {} as any,
      permissions: {} as any,
      auditor: {} as any,
      logger: silentLogger,
      dataSources: new Map(),
      defaultDataSource: 'prometheus',
      refreshFrequencyMs: 300_000,
    });
    const app = express();
    app.use('/api/slo', router);
    const server = http.createServer(app);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/slo/entities/default/component/fhir-gateway/slos/availability/history`;
    // The longest span at the smallest step (raised to the daily buckets),
    // and the longest span the 5-minute buckets answer within the point bound.
    const longest = `${base}?from=${
      now - MAX_HISTORY_SPAN_MS
    }&to=${now}&step=1m`;
    const fineSpan = (MAX_HISTORY_POINTS - 1) * bucket;
    const finest = `${base}?from=${now - fineSpan}&to=${now}&step=5m`;
    const hostile = `${base}?from=-060000-01-01T00:00:00Z`;
    for (const url of [longest, finest]) await hammer(url, 200, 5);
    await hammer(hostile, 400, 5);
    const line = (
      label: string,
      result: Awaited<ReturnType<typeof hammer>>,
    ) => {
      report(
        label,
        'ms',
        result.times,
        `p99 ${percentile(result.times, 99).toFixed(2)} ms, ${
          result.bytes
        } bytes`,
      );
      log(`  over ${requests} requests: ${result.memory}`);
    };
    line(
      `history: ${MAX_HISTORY_SPAN_MS / DAY} days, step 1m (→1d)`,
      await hammer(longest, 200, requests),
    );
    line(
      `history: ${(fineSpan / DAY).toFixed(
        1,
      )} days, step 5m (${MAX_HISTORY_POINTS} pts)`,
      await hammer(finest, 200, requests),
    );
    line(
      'history: hostile from=-060000-01-01 (400)',
      await hammer(hostile, 400, requests),
    );
    server.close();
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const parts = {
  compute: (options: { runs: number }) => computeBench(options.runs),
  overview: (options: { requests: number }) => overviewBench(options.requests),
  refresh: () => refreshBench(),
  history: (options: { requests: number }) => historyBench(options.requests),
};

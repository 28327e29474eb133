/**
 * SLO refresh against the Azure SLI sources: 500 SLOs refreshed through the
 * real SDK clients of `azure-monitor-metrics` and `application-insights`
 * against their local HTTPS fakes, each fake behind a proxy that adds a
 * network round trip. The shape of slo.refresh: 500 entities over 50
 * distinct SLO files, a SloStore on a temporary SQLite file, the clock
 * injected; the first refresh back-fills, the second reads what is new.
 *
 * Each fake and its proxy run in a worker thread of their own, as Prometheus
 * runs in a process of its own for slo.refresh: on the refresher's thread
 * the fakes' aggregation of raw samples would be counted as the refresh's
 * time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isMainThread,
  parentPort,
  Worker,
  workerData,
} from 'node:worker_threads';
import knexFactory from 'knex';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { ConfigReader } from '@backstage/config';
import { createSelfSignedCertificate } from '@vitals/azure-inventory/testUtils';
import { DAY, MINUTE } from '@vitals/plugin-slo-common';
import type { SliDataSource } from '@vitals/plugin-slo-node';
import { SloStore } from '../../plugins/slo-backend/src/database/SloStore';
import { createApplicationInsightsFactory } from '../../plugins/slo-backend/src/dataSources/applicationInsights';
import { createAzureMonitorMetricsFactory } from '../../plugins/slo-backend/src/dataSources/azureMonitorMetrics';
import { SloRefresher } from '../../plugins/slo-backend/src/service/refresher';
import { FakeAzureMonitorMetrics } from '../../plugins/slo-backend/src/testing/fakeAzureMonitorMetrics';
import { FakeEntraCredential } from '../../plugins/slo-backend/src/testing/fakeEntra';
import {
  FakeLogAnalytics,
  FakeRequestRecord,
} from '../../plugins/slo-backend/src/testing/fakeLogAnalytics';
import { startDelayProxy } from './lib';

export const name = 'slo-azure';

const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

const SERVICES = 50;
const SLO_COUNT = 500;
const CONCURRENCY = 8;
const ROUND_TRIP_MS = 50;
const STEP = 5 * MINUTE;
/**
 * A 7-day window: the first refresh reads the window plus the charts' eight
 * days of 5-minute buckets, and the fakes hold raw data for all of it.
 */
const WINDOW_DAYS = 7;
const FINE_DAYS = WINDOW_DAYS + 8;
const RAW_DAYS = FINE_DAYS;
/** One Application Insights request record per service every this often. */
const RECORD_EVERY = 5 * MINUTE;
/** The fake's thread's old-generation heap: its raw data plus room to aggregate. */
const FAKE_HEAP_MB = 512;
const SUBSCRIPTION = '00000000-1111-2222-3333-444444444444';

type SourceType = 'azure-monitor-metrics' | 'application-insights';

const silentLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return this;
  },
} as any;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const appId = (service: number) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/providers/Microsoft.Web/sites/app-${service}`;

/** A deterministic per-minute traffic shape, with a few 5xx now and then. */
function traffic(service: number, t: number) {
  const minute = Math.floor(t / MINUTE);
  return {
    requests: 400 + ((minute * 37 + service) % 101),
    errors: (minute + service) % 17 === 0 ? 2 : 0,
  };
}

function sloDocument(service: number, indicator: string) {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: s${service}
  indicator:
    metadata:
      name: requests-ok
    spec:
      ratioMetric:
        counter: true
${indicator}
  timeWindow:
    - duration: ${WINDOW_DAYS}d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
}

const metricSource = (ref: string, type: SourceType, spec: string[]) =>
  [
    '          metricSource:',
    `            metricSourceRef: ${ref}`,
    `            type: ${type}`,
    '            spec:',
    ...spec.map(line => `              ${line}`),
  ].join('\n');

/** Per source: its fake (in the fake's thread), its client and SLO files (in the refresher's). */
const SOURCES: Record<
  SourceType,
  {
    dataSource: string;
    backfill: string;
    sloYaml(service: number): string;
    createSource(
      endpoint: string,
      ready: FakeReady,
      credential: TokenCredential,
    ): SliDataSource;
  }
> = {
  'azure-monitor-metrics': {
    dataSource: 'azure',
    backfill: `${FINE_DAYS} days of 5-min buckets in calls of ≤ 30 days, daily counts back to the 93-day retention`,
    sloYaml: s => {
      const metric = (metricName: string) =>
        metricSource('azure', 'azure-monitor-metrics', [
          `resourceId: ${appId(s)}`,
          `metricName: ${metricName}`,
        ]);
      return sloDocument(
        s,
        `        bad:\n${metric('Http5xx')}\n        total:\n${metric(
          'Requests',
        )}`,
      );
    },
    createSource: (endpoint, ready, credential) =>
      createAzureMonitorMetricsFactory({
        credentialFor: () => credential,
      }).create({
        name: 'azure',
        config: new ConfigReader({
          type: 'azure-monitor-metrics',
          endpoint,
          ca: ready.ca,
        }),
        logger: silentLogger,
      }) as SliDataSource,
  },
  'application-insights': {
    dataSource: 'logs',
    backfill: `${FINE_DAYS} days of 5-min bins and the daily counts, one KQL query each`,
    sloYaml: s => {
      const kql = (query: string) =>
        metricSource('logs', 'application-insights', [`query: ${query}`]);
      return sloDocument(
        s,
        `        good:\n${kql('Success == true')}\n        total:\n${kql(
          `AppRequests | where AppRoleName == "s${s}"`,
        )}`,
      );
    },
    createSource: (endpoint, ready, credential) =>
      createApplicationInsightsFactory({
        credentialFor: () => credential,
      }).create({
        name: 'logs',
        config: new ConfigReader({
          type: 'application-insights',
          workspaceId: ready.workspaceId,
          endpoint,
          ca: ready.ca,
        }),
        logger: silentLogger,
      }) as SliDataSource,
  },
};

/** What the fake's thread reports once it listens. */
interface FakeReady {
  proxyPort: number;
  ca: string;
  workspaceId?: string;
}

type FakeCall =
  | { op: 'token'; scopes: string | string[] }
  | { op: 'now'; now: number }
  /** Adds the raw data of the minutes in [from, to), as ingestion would; answers what the fake holds. */
  | { op: 'ingest'; from: number; to: number }
  /** Answers the requests answered since the last reset, and the proxy's connections. */
  | { op: 'requests'; reset?: boolean }
  | { op: 'close' };

/** Seeds and serves one fake, behind its delay proxy, in the worker thread. */
async function serveFake(type: SourceType) {
  let now = Date.now();
  const credential = new FakeEntraCredential(() => now);
  const certificate = createSelfSignedCertificate(`fake-${type}.local`);
  let ingest: (from: number, to: number) => string;
  let fake: FakeAzureMonitorMetrics | FakeLogAnalytics;
  let workspaceId: string | undefined;

  if (type === 'azure-monitor-metrics') {
    const metrics = await FakeAzureMonitorMetrics.start({
      credential,
      certificate,
      now: () => now,
    });
    for (let s = 0; s < SERVICES; s++) {
      metrics.addResource(appId(s), 'westeurope');
    }
    // Shared, so millions of samples do not each carry an empty object.
    const noDimensions = {};
    let samples = 0;
    ingest = (from, to) => {
      for (let s = 0; s < SERVICES; s++) {
        const id = appId(s);
        for (let t = from; t < to; t += MINUTE) {
          const { requests, errors } = traffic(s, t);
          metrics.record(id, 'Requests', t, requests, noDimensions);
          metrics.record(id, 'Http5xx', t, errors, noDimensions);
          samples += 2;
        }
      }
      return `${SERVICES} App Service resources × Requests and Http5xx per minute, ${samples.toLocaleString(
        'en-US',
      )} raw samples`;
    };
    fake = metrics;
  } else {
    const logs = await FakeLogAnalytics.start({ certificate, credential });
    workspaceId = logs.workspaceId;
    const held: FakeRequestRecord[] = [];
    ingest = (from, to) => {
      for (let t = from; t < to; t += RECORD_EVERY) {
        for (let s = 0; s < SERVICES; s++) {
          const failed = (Math.floor(t / RECORD_EVERY) + s) % 211 === 0;
          held.push({
            TimeGenerated: t + ((s * 997) % RECORD_EVERY),
            AppRoleName: `s${s}`,
            Name: 'GET /appointments',
            Success: !failed,
            DurationMs: 80 + ((t / MINUTE + s) % 200),
            ResultCode: failed ? '503' : '200',
          });
        }
      }
      logs.setRecords(held);
      return `${SERVICES} services × one request record every ${
        RECORD_EVERY / MINUTE
      } min, ${held.length.toLocaleString('en-US')} records`;
    };
    fake = logs;
  }

  const proxy = await startDelayProxy(
    Number(new URL(fake.url).port),
    ROUND_TRIP_MS,
  );
  const port = parentPort!;
  const answer = async (call: FakeCall) => {
    switch (call.op) {
      case 'token':
        return credential.getToken(call.scopes);
      case 'now':
        now = call.now;
        return undefined;
      case 'ingest':
        return ingest(call.from, call.to);
      case 'requests': {
        const answered = {
          requests: fake.requests.length,
          connections: proxy.connections(),
        };
        if (call.reset) fake.requests.length = 0;
        return answered;
      }
      default:
        await proxy.close();
        await fake.close();
        return undefined;
    }
  };
  port.on('message', async ({ id, call }: { id: number; call: FakeCall }) => {
    try {
      port.postMessage({ id, result: await answer(call) });
    } catch (error) {
      port.postMessage({ id, error: String(error) });
    }
  });
  const ready: FakeReady = { proxyPort: proxy.port, ca: fake.ca, workspaceId };
  port.postMessage({ ready });
}

if (!isMainThread && workerData?.sloAzureFake) {
  // A failure rejects unhandled, which ends the thread with an 'error' event
  // that the refresher's thread reports.
  void serveFake(workerData.sloAzureFake);
}

/** Starts a fake in a worker thread; `call` sends it one request. */
async function startFakeThread(type: SourceType) {
  const worker = new Worker(__filename, {
    workerData: { sloAzureFake: type },
    // The fake aggregates raw samples anew for every request; a bounded
    // heap makes it collect that garbage rather than grow on it.
    resourceLimits: { maxOldGenerationSizeMb: FAKE_HEAP_MB },
  });
  const pending = new Map<
    number,
    { resolve: (result: any) => void; reject: (error: Error) => void }
  >();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', code =>
    fail(new Error(`the fake's thread exited (${code})`)),
  );
  let next = 0;
  const ready = await new Promise<FakeReady>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', message => {
      if (message.ready) {
        resolve(message.ready);
        return;
      }
      const caller = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) caller?.reject(new Error(message.error));
      else caller?.resolve(message.result);
    });
  });
  const call = <T = unknown>(request: FakeCall) =>
    new Promise<T>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, call: request });
    });
  return {
    ready,
    call,
    async stop() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}

/** The highest RSS of the process (both threads) while `work` runs, sampled every 100 ms. */
async function withPeakRss<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

async function refreshBench(type: SourceType) {
  const spec = SOURCES[type];
  const end = Math.floor((Date.now() - 2 * MINUTE) / STEP) * STEP;
  let now = end + MINUTE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-azure-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  let fake: Awaited<ReturnType<typeof startFakeThread>> | undefined;
  try {
    fake = await startFakeThread(type);
    await fake.call({ op: 'now', now });
    const holds = await fake.call<string>({
      op: 'ingest',
      from: end - RAW_DAYS * DAY,
      to: end,
    });
    log(
      `fake: ${holds} (${RAW_DAYS} days), started and seeded in ${(
        (performance.now() - started) /
        1000
      ).toFixed(1)} s, rss ${mib(process.memoryUsage().rss)} (+${mib(
        process.memoryUsage().rss - rssBefore,
      )})`,
    );
    const thread = fake;
    const credential: TokenCredential = {
      getToken: scopes => thread.call<AccessToken>({ op: 'token', scopes }),
    };
    const source = spec.createSource(
      `https://127.0.0.1:${thread.ready.proxyPort}`,
      thread.ready,
      credential,
    );
    for (let s = 0; s < SERVICES; s++) {
      fs.writeFileSync(path.join(dir, `s${s}.yaml`), spec.sloYaml(s));
    }
    const entities = Array.from({ length: SLO_COUNT }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        annotations: {
          'vitals.dev/slo-ref': `./s${i % SERVICES}.yaml`,
          'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        },
      },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    }));
    const store = await SloStore.create({ getClient: async () => knex } as any);
    const refresher = new SloRefresher({
      store,
      catalog: {
        async *streamEntities() {
          yield entities;
        },
      } as any,
      auth: { getOwnServiceCredentials: async () => ({}) } as any,
      urlReader: {} as any,
      logger: silentLogger,
      dataSources: new Map([[spec.dataSource, source]]),
      defaultDataSource: spec.dataSource,
      concurrency: CONCURRENCY,
      now: () => now,
    });

    const refresh = async (label: string) => {
      await thread.call({ op: 'now', now });
      const before = await thread.call<{ connections: number }>({
        op: 'requests',
        reset: true,
      });
      const cpuBefore = process.cpuUsage();
      started = performance.now();
      const { result: stats, peak } = await withPeakRss(() =>
        refresher.refreshAll(),
      );
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const after = await thread.call<{
        requests: number;
        connections: number;
      }>({
        op: 'requests',
      });
      log(
        `${type} refresh (${label}): ${SLO_COUNT} SLOs in ${(ms / 1000).toFixed(
          1,
        )} s, ${stats.queries} queries = ${(stats.queries / SLO_COUNT).toFixed(
          1,
        )} per SLO, fake answered ${after.requests} requests over ${
          after.connections - before.connections
        } new connections, ${stats.failed} failed (CPU ${(
          (cpu.user + cpu.system) /
          1e6
        ).toFixed(1)} s over both threads, peak rss ${mib(peak)})`,
      );
      if (stats.failed > 0) {
        const failure = (await store.listTargets()).find(t => t.lastError);
        log(`  first failure: ${failure?.lastError}`);
      }
    };

    await refresh(`first, back-fills ${spec.backfill}`);
    await thread.call({ op: 'ingest', from: end, to: end + 5 * MINUTE });
    now += 5 * MINUTE;
    await refresh('steady state, 5 minutes later');
  } finally {
    await knex.destroy();
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function latencyLine() {
  log(
    `latency: ${ROUND_TRIP_MS} ms round trip on every exchange between the SDK client and the fake (a TCP proxy holds each chunk ${
      ROUND_TRIP_MS / 2
    } ms each way, TLS handshakes included); SLO window ${WINDOW_DAYS} d, refresher concurrency ${CONCURRENCY}; load average ${os
      .loadavg()[0]
      .toFixed(1)} on ${os.cpus().length} CPUs shared with other work`,
  );
}

export const parts = {
  'azure-monitor-metrics': async () => {
    latencyLine();
    await refreshBench('azure-monitor-metrics');
  },
  'application-insights': async () => {
    latencyLine();
    await refreshBench('application-insights');
  },
};

/**
 * DR-readiness benchmarks:
 * - readiness of 5,000 services over a generated 50,000-resource Resource
 *   Graph export, against a bare JSON.parse of the same text;
 * - the overview API with 5,000 services in the store, against a bare route
 *   that returns the same bytes;
 * - a live inventory of 5,000 resources from the fake Resource Manager
 *   (Resource Graph, and the Resource Manager fallback): wall time and
 *   requests.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Entity } from '@backstage/catalog-model';
import express from 'express';
import knexFactory from 'knex';
import {
  AzureInventory,
  buildInventoryIndex,
  InventoryStore,
  LiveInventorySource,
  parseResourceGraphExport,
} from '@vitals/azure-inventory';
import {
  FakeResourceManager,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  fixtureProviders,
  generateSyntheticEstate,
  type SyntheticEstateOptions,
} from '@vitals/azure-inventory/testUtils';
import { DrStore } from '../../plugins/dr-readiness-backend/src/database/DrStore';
import { DrReadinessService } from '../../plugins/dr-readiness-backend/src/service/DrReadinessService';
import { evaluateEntity } from '../../plugins/dr-readiness-backend/src/service/evaluation';
import { createRouter } from '../../plugins/dr-readiness-backend/src/service/router';
import { report, summarize, timeRequests } from './lib';

export const name = 'dr';

const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

const SERVICES = 5000;
const SUBSCRIPTIONS = [
  FIXTURE_SUBSCRIPTION_ID,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
];
const TIERS = ['critical', 'high', 'standard'];

const silentLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return this;
  },
} as any;

/** The synthetic estate as a Resource Graph export: `count` top-level resources plus their child settings. */
function exportText(count: number): { text: string; rows: number } {
  const bodies = generateSyntheticEstate({
    count,
    subscriptions: SUBSCRIPTIONS,
    entities: SERVICES,
  });
  const rows = bodies.map(entry =>
    typeof entry.at === 'string'
      ? { ...(entry.body as object), id: entry.at }
      : entry,
  );
  return {
    text: JSON.stringify({
      totalRecords: rows.length,
      count: rows.length,
      data: rows,
    }),
    rows: rows.length,
  };
}

/** The services the synthetic estate is tagged for, with DR annotations. */
function services(): Entity[] {
  return Array.from({ length: SERVICES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `service-${i}`,
      namespace: 'default',
      annotations: {
        'vitals.dev/dr-tier': TIERS[i % TIERS.length],
        'vitals.dev/primary-region': 'eastus2',
      },
    },
    spec: {
      type: 'service',
      owner: `team-${i % 40}`,
      system: `system-${i % 12}`,
    },
  }));
}

function evaluateAll(text: string, entities: Entity[], now: Date) {
  const { resources } = parseResourceGraphExport(text, 'bench');
  const index = buildInventoryIndex(resources);
  return entities.map(entity =>
    evaluateEntity({
      entity,
      index,
      drills: [],
      now,
      inventoryRefreshedAt: now.getTime(),
    }),
  );
}

async function evaluateBench(runs: number) {
  // Top-level resources; their generated child settings bring the export to 50,000 rows.
  const { text, rows } = exportText(25_000);
  const entities = services();
  const now = new Date();
  log(
    `export: ${rows} resources, ${(text.length / 1024 / 1024).toFixed(
      1,
    )} MiB; ${SERVICES} services`,
  );
  const parse: number[] = [];
  const load: number[] = [];
  const evaluate: number[] = [];
  const total: number[] = [];
  let checksum = 0;
  for (let r = 0; r < runs; r++) {
    let started = performance.now();
    JSON.parse(text);
    parse.push(performance.now() - started);

    started = performance.now();
    const { resources } = parseResourceGraphExport(text, 'bench');
    const index = buildInventoryIndex(resources);
    const loaded = performance.now();
    for (const entity of entities) {
      checksum += evaluateEntity({
        entity,
        index,
        drills: [],
        now,
        inventoryRefreshedAt: now.getTime(),
      }).score!;
    }
    const done = performance.now();
    load.push(loaded - started);
    evaluate.push(done - loaded);
    total.push(done - started);
  }
  report('JSON.parse of the export', 'ms', parse);
  report('load: parse + normalise rows + index', 'ms', load);
  report(
    `evaluate ${SERVICES} services (select, checks, impact)`,
    'ms',
    evaluate,
    `(checksum ${checksum})`,
  );
  report('load + evaluate', 'ms', total);
  const median = (xs: number[]) => summarize(xs).median;
  log(
    `evaluate / JSON.parse = ${(median(evaluate) / median(parse)).toFixed(
      2,
    )}× (goal within 3×); load + evaluate / JSON.parse = ${(
      median(total) / median(parse)
    ).toFixed(2)}×`,
  );
}

async function overviewBench(requests: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-dr-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'dr.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await DrStore.create({ getClient: async () => knex } as any);
    const { text } = exportText(25_000);
    const now = new Date();
    const { resources } = parseResourceGraphExport(text, 'bench');
    const inventoryStore = await InventoryStore.create({
      getClient: async () => knex,
    } as any);
    await inventoryStore.saveSnapshot(
      {
        provenance: {
          source: 'snapshot',
          fetchedAt: now.toISOString(),
          subscriptions: SUBSCRIPTIONS,
          origin: 'bench',
        },
        resources,
      },
      now.getTime(),
      {
        stats: {
          requests: 0,
          retries: 0,
          throttled: 0,
          failedResources: 0,
          durationMs: 0,
          strategy: 'snapshot',
        },
        errors: [],
        warnings: [],
      },
    );
    const entities = services();
    let started = performance.now();
    await store.replaceEvaluations(evaluateAll(text, entities, now));
    log(
      `store: ${SERVICES} evaluations with their region impacts written in ${(
        (performance.now() - started) /
        1000
      ).toFixed(1)} s`,
    );
    const service = new DrReadinessService({
      store,
      catalog: {} as any,
      auth: {} as any,
      logger: silentLogger,
      inventory: new AzureInventory({
        source: {} as any,
        store: inventoryStore,
        logger: silentLogger,
        minIntervalMs: 600_000,
        timeoutMs: 600_000,
      }),
      refreshFrequencyMs: 600_000,
    });
    await store.setMeta('evaluation.version', 'bench');
    const router = await createRouter({
      service,
      store,
      httpAuth: {
        credentials: async () => ({
          principal: { type: 'user', userEntityRef: 'user:default/bench' },
        }),
      } as any,
      permissions: {} as any,
      auditor: {} as any,
      catalog: {} as any,
      refreshFrequencyMs: 600_000,
    });
    const app = express();
    app.use('/api/dr-readiness', router);
    const server = http.createServer(app);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // The first request builds the body from the store; later ones within the
    // minute are served from the per-replica copy, as in production.
    started = performance.now();
    const body = Buffer.from(
      await (await fetch(`${base}/api/dr-readiness/overview`)).arrayBuffer(),
    );
    log(
      `overview, first read from the store: ${(
        performance.now() - started
      ).toFixed(0)} ms, ${(body.length / 1024).toFixed(0)} KiB`,
    );
    app.get('/bare', (_req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(body);
    });
    await timeRequests(`${base}/api/dr-readiness/overview`, undefined, 10);
    await timeRequests(`${base}/bare`, undefined, 10);
    const api = await timeRequests(
      `${base}/api/dr-readiness/overview`,
      undefined,
      requests,
    );
    const bare = await timeRequests(`${base}/bare`, undefined, requests);
    report(`overview API, ${SERVICES} services`, 'ms', api.times);
    report('bare route, same bytes', 'ms', bare.times);
    const uncached: number[] = [];
    for (let i = 0; i < Math.min(requests, 50); i++) {
      await store.setMeta('evaluation.version', `bench-${i}`);
      const t = performance.now();
      await (
        await fetch(`${base}/api/dr-readiness/overview?owner=team-${i % 40}`)
      ).arrayBuffer();
      uncached.push(performance.now() - t);
    }
    report(
      'overview API after each evaluation change, by owner',
      'ms',
      uncached,
    );
    const impact: number[] = [];
    for (let i = 0; i < Math.min(requests, 50); i++) {
      const t = performance.now();
      await (
        await fetch(`${base}/api/dr-readiness/regions/eastus2/impact`)
      ).arrayBuffer();
      impact.push(performance.now() - t);
    }
    report('region impact API, eastus2', 'ms', impact);
    server.close();
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const LATENCY_MS = 5;
const LIVE_RESOURCES = 5000;

/**
 * Live inventories of 5,000 top-level resources from the fake Resource
 * Manager, with the requests per top-level resource and where they go. The
 * classic five kinds with their storage accounts' blob-service settings,
 * read both ways; then the same kinds without those settings (the figure
 * tracked against the requirement: storage accounts' own, metrics-only
 * diagnostic settings are never read, so both cost the same), and the
 * newer families mixed in, through Resource Graph.
 */
async function liveBench() {
  const estates: Array<{
    label: string;
    estate: Omit<SyntheticEstateOptions, 'count' | 'subscriptions'>;
    strategies: boolean[];
  }> = [
    {
      label: 'classic kinds, storage logs on the blob service',
      estate: { storageServiceLogs: true },
      strategies: [true, false],
    },
    {
      label: 'classic kinds, no storage diagnostic settings',
      estate: {},
      strategies: [true],
    },
    {
      label: 'classic kinds and the newer families',
      estate: { families: true, storageServiceLogs: true },
      strategies: [true],
    },
  ];
  for (const { label, estate, strategies } of estates) {
    const fake = await FakeResourceManager.start({
      resources: generateSyntheticEstate({
        ...estate,
        count: LIVE_RESOURCES,
        subscriptions: SUBSCRIPTIONS,
        entities: 500,
      }),
      providers: fixtureProviders,
      // A round trip to Resource Manager takes tens of milliseconds; a small
      // delay keeps the figures about the client's concurrency, not loopback.
      latencyMs: LATENCY_MS,
    });
    try {
      for (const resourceGraph of strategies) {
        fake.clearRequests();
        const started = performance.now();
        const { inventory, stats, errors } = await new LiveInventorySource({
          subscriptions: SUBSCRIPTIONS,
          resourceManagerEndpoint: fake.url,
          credential: FakeResourceManager.credential(),
          ca: fake.caPem,
          resourceGraph,
        }).load();
        const ms = performance.now() - started;
        log(
          `live inventory (${label}) via ${stats.strategy}: ${
            inventory.resources.length
          } resources (5,000 top-level and their settings) in ${(
            ms / 1000
          ).toFixed(1)} s, ${stats.requests} requests = ${(
            stats.requests / LIVE_RESOURCES
          ).toFixed(2)} per resource (${
            fake.requests.length
          } seen by the fake answering after ${LATENCY_MS} ms, peak ${
            fake.maxInFlight
          } in flight), ${errors.length} errors`,
        );
        for (const { kind, count } of fake.requestsByKind()) {
          log(
            `  ${String(count).padStart(6)}  ${(count / LIVE_RESOURCES).toFixed(
              3,
            )} per resource  ${kind}`,
          );
        }
      }
    } finally {
      await fake.stop();
    }
  }
}

export const parts = {
  evaluate: (options: { runs: number }) => evaluateBench(options.runs),
  overview: (options: { requests: number }) => overviewBench(options.requests),
  live: () => liveBench(),
};

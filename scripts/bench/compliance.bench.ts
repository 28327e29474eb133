/**
 * Compliance benchmarks:
 * - evaluation of 44 controls (the 15 HIPAA controls plus one control per
 *   rule and check) over a 50,000-resource snapshot for 5,000 services,
 *   against JSON.parse of the snapshot text (goal: within 3×);
 * - the overview API with 5,000 services in the store (p95);
 * - the CSV evidence export of 5,000 services (time and size).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import { Entity } from '@backstage/catalog-model';
import { parseResourceGraphExport } from '@vitals/azure-inventory';
import { generateSyntheticEstate } from '@vitals/azure-inventory/testUtils';
import {
  catalogChecks,
  evaluateEstate,
  hipaaFramework,
  resourceRules,
  type Framework,
} from '@vitals/plugin-compliance-common';
import { ComplianceStore } from '../../plugins/compliance-backend/src/database/ComplianceStore';
import { ComplianceReader } from '../../plugins/compliance-backend/src/service/reader';
import { createRouter } from '../../plugins/compliance-backend/src/service/router';
import { toVerdictInput } from '../../plugins/compliance-backend/src/service/verdicts';
import { report, timeRequests } from './lib';

export const name = 'compliance';

const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

const SERVICES = 5000;
const TOP_LEVEL_RESOURCES = 25_000;
const SUBSCRIPTIONS = [
  '00000000-1111-2222-3333-444444444444',
  '99999999-8888-7777-6666-555555555555',
];

/** HIPAA's controls and one control per rule and check: 44 controls. */
function benchFramework(): Framework {
  const perCheck = [...resourceRules, ...catalogChecks].map(check => ({
    id: `bench.${check.id}`,
    title: check.title,
    citation: 'benchmark',
    safeguard: 'technical' as const,
    implementation: 'required' as const,
    severity: 'medium' as const,
    description: check.title,
    checks: [check.id],
  }));
  return {
    ...hipaaFramework,
    controls: [...hipaaFramework.controls, ...perCheck],
  };
}

function entities(): Entity[] {
  return Array.from({ length: SERVICES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `service-${i}`,
      namespace: 'default',
      annotations: {
        'vitals.dev/data-classification': i % 10 === 0 ? 'pii' : 'phi',
        'vitals.dev/dr-tier': 'high',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 40}`,
      system: `system:default/system-${i % 12}`,
    },
  }));
}

function snapshotText(): string {
  const bodies = generateSyntheticEstate({
    count: TOP_LEVEL_RESOURCES,
    subscriptions: SUBSCRIPTIONS,
    entities: SERVICES,
  }).map(entry =>
    'at' in entry && typeof entry.at === 'string' ? entry.body : entry,
  );
  return JSON.stringify({
    totalRecords: bodies.length,
    count: bodies.length,
    data: bodies,
  });
}

const knownGroups = Array.from(
  { length: 40 },
  (_, i) => `group:default/team-${i}`,
);
const drSummaries = new Map(
  Array.from({ length: SERVICES }, (_, i) => [
    `component:default/service-${i}`,
    {
      secondaryRegion: 'centralus',
      secondaryStatus: 'ready' as const,
      lastDrill: {
        performedAt: '2026-10-01T10:00:00Z',
        outcome: 'success' as const,
      },
    },
  ]),
);

async function evaluateBench(runs: number) {
  const text = snapshotText();
  const resources = parseResourceGraphExport(text, 'bench').resources;
  const framework = benchFramework();
  const catalog = entities();
  log(
    `snapshot: ${resources.length} resources, ${(
      text.length /
      1024 /
      1024
    ).toFixed(1)} MiB; ${SERVICES} services; ${
      framework.controls.length
    } controls`,
  );
  const parseTimes: number[] = [];
  const evaluateTimes: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    let started = performance.now();
    JSON.parse(text);
    parseTimes.push(performance.now() - started);
    started = performance.now();
    const { results } = evaluateEstate({
      framework,
      entities: catalog,
      resources,
      drSummaries,
      knownGroups,
      now: '2026-11-23T12:00:00Z',
      ruleVersion: 'bench',
    });
    evaluateTimes.push(performance.now() - started);
    findings = results.reduce(
      (n, res) => n + res.controls.reduce((m, c) => m + c.findings.length, 0),
      0,
    );
  }
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  report('JSON.parse of the snapshot text', 'ms', parseTimes);
  report(
    `evaluate ${framework.controls.length} controls × ${SERVICES} services`,
    'ms',
    evaluateTimes,
    `(${findings} findings)`,
  );
  log(
    `evaluation / JSON.parse = ${(
      median(evaluateTimes) / median(parseTimes)
    ).toFixed(2)}× (goal within 3×)`,
  );
}

async function withStore<T>(
  fn: (store: ComplianceStore) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'vitals-bench-compliance-'),
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'compliance.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await ComplianceStore.create({
      getClient: async () => knex,
    } as any);
    return await fn(store);
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A store holding one evaluation of the 5,000 services, and a router over it. */
async function startServer(store: ComplianceStore) {
  const resources = parseResourceGraphExport(snapshotText(), 'bench').resources;
  const at = Date.now();
  const { results } = evaluateEstate({
    framework: hipaaFramework,
    entities: entities(),
    resources,
    drSummaries,
    knownGroups,
    now: new Date(at),
    ruleVersion: 'bench',
  });
  const runId = await store.startRun({
    scope: null,
    trigger: 'bench',
    startedAt: at,
    ruleVersion: 'bench',
    frameworkVersion: hipaaFramework.version,
  });
  let started = performance.now();
  await store.applyVerdicts({
    runId,
    at,
    verdicts: results.map(toVerdictInput),
    closeMissing: true,
  });
  log(
    `stored ${results.length} verdicts (first run) in ${(
      performance.now() - started
    ).toFixed(0)} ms`,
  );
  await store.finishRun(runId, Date.now(), {
    inventorySource: 'snapshot',
    inventoryOrigin: 'bench',
    inventoryFetchedAt: at,
    inventoryRefreshedAt: at,
    inventoryError: null,
    drEvaluatedAt: at,
    drError: null,
    entities: results.length,
    changed: results.length,
    summary: {},
  });
  started = performance.now();
  const unchanged = await store.applyVerdicts({
    runId,
    at: at + 1,
    verdicts: results.map(toVerdictInput),
    closeMissing: true,
  });
  log(
    `compared an unchanged run with the stored spans in ${(
      performance.now() - started
    ).toFixed(0)} ms (${unchanged} changed)`,
  );
  const inventory = {
    state: async () => ({
      source: 'snapshot' as const,
      origin: 'bench',
      fetchedAt: new Date(at).toISOString(),
      refreshedAt: new Date(at).toISOString(),
      ageSeconds: 0,
      stale: false,
      error: null,
    }),
  } as any;
  const reader = new ComplianceReader({
    store,
    inventory,
    framework: hipaaFramework,
    refreshFrequencyMs: 900_000,
  });
  const noop = () => {};
  const router = await createRouter({
    store,
    reader,
    evaluator: {} as any,
    framework: hipaaFramework,
    httpAuth: {
      credentials: async () => ({
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      }),
    } as any,
    permissions: {} as any,
    auditor: {} as any,
    catalog: {} as any,
    logger: {
      info: noop,
      warn: noop,
      error: noop,
      debug: noop,
      child() {
        return this;
      },
    } as any,
    refreshFrequencyMs: 900_000,
  });
  const app = express();
  app.use('/api/compliance', router);
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/compliance`;
  return { server, base };
}

async function overviewBench(requests: number) {
  await withStore(async store => {
    const { server, base } = await startServer(store);
    try {
      const first = performance.now();
      const res = await fetch(`${base}/overview`);
      const body = await res.arrayBuffer();
      log(
        `overview, uncached (5,000 services, matrix): ${(
          performance.now() - first
        ).toFixed(0)} ms, ${(body.byteLength / 1024).toFixed(0)} KiB`,
      );
      await timeRequests(`${base}/overview`, undefined, 10);
      const cached = await timeRequests(
        `${base}/overview`,
        undefined,
        requests,
      );
      report(
        'overview API, 5,000 services',
        'ms',
        cached.times,
        `${(cached.bytes / 1024).toFixed(0)} KiB`,
      );
      const filtered = await timeRequests(
        `${base}/overview?status=non-compliant&classification=phi`,
        undefined,
        Math.min(requests, 50),
      );
      report(
        'overview API, filtered (first request uncached)',
        'ms',
        filtered.times,
      );
    } finally {
      server.close();
    }
  });
}

async function exportBench(runs: number) {
  await withStore(async store => {
    const { server, base } = await startServer(store);
    try {
      const csv = await timeRequests(
        `${base}/report?format=csv`,
        undefined,
        runs,
      );
      report(
        'CSV evidence export, 5,000 services',
        'ms',
        csv.times,
        `${(csv.bytes / 1024 / 1024).toFixed(1)} MiB`,
      );
      const json = await timeRequests(
        `${base}/report?format=json`,
        undefined,
        runs,
      );
      report(
        'JSON evidence pack with SHA-256, 5,000 services',
        'ms',
        json.times,
        `${(json.bytes / 1024 / 1024).toFixed(1)} MiB`,
      );
    } finally {
      server.close();
    }
  });
}

export const parts = {
  evaluate: (options: { runs: number }) => evaluateBench(options.runs),
  overview: (options: { requests: number }) => overviewBench(options.requests),
  export: (options: { runs: number }) => exportBench(options.runs),
};

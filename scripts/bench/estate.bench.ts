/**
 * The whole estate judged once: a 50,000-resource Resource Graph export is
 * parsed and indexed once, then DR readiness and HIPAA compliance evaluate
 * the same 5,000 services from it, compliance taking its DR evidence from
 * the DR results, as a refresh does. Compared with a bare JSON.parse of the
 * text (goal: within 3×). Every run starts from a collected heap, and the
 * collection of what loading leaves behind is charged to the load, so that
 * neither the previous run's garbage nor the load's is charged to the
 * evaluations.
 */
import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import {
  buildInventoryIndex,
  parseResourceGraphExport,
} from '@vitals/azure-inventory';
import {
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
  FIXTURE_SUBSCRIPTION_ID,
  generateSyntheticEstate,
} from '@vitals/azure-inventory/testUtils';
import {
  evaluateEstate,
  hipaaFramework,
  type DrReadinessSummary,
} from '@vitals/plugin-compliance-common';
import { summaryFromOverviewRow } from '../../plugins/compliance-backend/src/service/drReadiness';
import { evaluateEntity } from '../../plugins/dr-readiness-backend/src/service/evaluation';
import { gc, report, summarize } from './lib';

export const name = 'estate';

const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

const SERVICES = 5000;
const TOP_LEVEL_RESOURCES = 25_000;
const SUBSCRIPTIONS = [
  FIXTURE_SUBSCRIPTION_ID,
  FIXTURE_SECONDARY_SUBSCRIPTION_ID,
];
const TIERS = ['critical', 'high', 'standard'];

function exportText(): string {
  const rows = generateSyntheticEstate({
    count: TOP_LEVEL_RESOURCES,
    subscriptions: SUBSCRIPTIONS,
    entities: SERVICES,
  }).map(entry =>
    'at' in entry && typeof entry.at === 'string'
      ? { ...(entry.body as object), id: entry.at }
      : entry,
  );
  return JSON.stringify({
    totalRecords: rows.length,
    count: rows.length,
    data: rows,
  });
}

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
        'vitals.dev/data-classification': i % 10 === 0 ? 'pii' : 'phi',
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

const knownGroups = Array.from(
  { length: 40 },
  (_, i) => `group:default/team-${i}`,
);

async function judgeOnceBench(runs: number) {
  const text = exportText();
  const entities = services();
  const now = new Date('2026-11-23T12:00:00Z');
  const parse: number[] = [];
  const load: number[] = [];
  const dr: number[] = [];
  const compliance: number[] = [];
  const total: number[] = [];
  let resources = 0;
  let findings = 0;
  // Digests of the last run's results, taken once its timing is over, so
  // that a change to the engines can be checked to leave every result as it was.
  let drDigest = '';
  let complianceDigest = '';
  for (let r = 0; r < runs; r++) {
    // Each run starts from a collected heap: the previous run's inventory
    // and results are not charged to this one.
    gc();
    let started = performance.now();
    JSON.parse(text);
    parse.push(performance.now() - started);

    started = performance.now();
    const inventory = parseResourceGraphExport(text, 'bench').resources;
    const index = buildInventoryIndex(inventory);
    // What loading left for collection (the rows as parsed, before
    // normalising) is collected here and charged to the load.
    gc();
    const loaded = performance.now();
    const summaries = new Map<string, DrReadinessSummary>();
    const records: unknown[] = [];
    for (const entity of entities) {
      const record = evaluateEntity({
        entity,
        index,
        drills: [],
        now,
        inventoryRefreshedAt: now.getTime(),
      });
      if (r === runs - 1) records.push(record);
      summaries.set(
        record.entityRef,
        summaryFromOverviewRow(record as any, now.toISOString()),
      );
    }
    const drDone = performance.now();
    const estate = evaluateEstate({
      framework: hipaaFramework,
      entities,
      resources: inventory,
      index,
      drSummaries: summaries,
      knownGroups,
      now: now.toISOString(),
      ruleVersion: 'bench',
    });
    const done = performance.now();
    const { results } = estate;
    load.push(loaded - started);
    dr.push(drDone - loaded);
    compliance.push(done - drDone);
    total.push(done - started);
    resources = inventory.length;
    findings = results.reduce(
      (n, res) => n + res.controls.reduce((m, c) => m + c.findings.length, 0),
      0,
    );
    if (r === runs - 1) {
      drDigest = digest(records);
      complianceDigest = digest([
        ...estate.results,
        estate.unownedResources,
        estate.selectorErrors,
      ]);
    }
  }
  log(
    `export: ${resources} resources, ${(text.length / 1024 / 1024).toFixed(
      1,
    )} MiB; ${SERVICES} services`,
  );
  const median = (xs: number[]) => summarize(xs).median;
  report('JSON.parse of the export', 'ms', parse);
  report('load once: parse + normalise + index', 'ms', load);
  report(`DR readiness of ${SERVICES} services`, 'ms', dr);
  report(
    `HIPAA compliance of ${SERVICES} services`,
    'ms',
    compliance,
    `(${findings} findings)`,
  );
  report('load + DR + compliance', 'ms', total);
  const ratio = (xs: number[]) => (median(xs) / median(parse)).toFixed(2);
  log(
    `per JSON.parse: load ${ratio(load)}×, DR ${ratio(dr)}×, compliance ${ratio(
      compliance,
    )}×, DR + compliance ${(
      (median(dr) + median(compliance)) /
      median(parse)
    ).toFixed(2)}× (goal within 3×), all ${ratio(total)}×`,
  );
  log(`results: DR ${drDigest}, compliance ${complianceDigest}`);
}

/** A short SHA-256 of the values' JSON, one value at a time. */
function digest(values: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const value of values) {
    hash.update(JSON.stringify(value));
    hash.update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

export const parts = {
  judgeOnce: (options: { runs: number }) => judgeOnceBench(options.runs),
};

/**
 * Scaffolder benchmark: the hipaa-service template run through the real
 * backend's dry-run API (`POST /api/scaffolder/v2/dry-run`), the way the
 * template editor runs it: validation, region pair, module versions, four
 * fetch:template steps and the local publish, for each runtime.
 *
 * Shaped like the benchmarks of scripts/bench (`name`, `parts`), or run it
 * alone, starting its own backend or against a portal that is already up:
 * `VITALS_BENCH_BASE_URL=http://localhost:7007 node --require
 * @backstage/cli/config/nodeTransform.cjs
 * scripts/bench/scaffolder.bench.ts`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

export const name = 'scaffolder';

const repoRoot = path.resolve(__dirname, '../..');
const log = (...args: unknown[]) => console.log(...args); // eslint-disable-line no-console

function percentile(sorted: number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** One figure line in the format of the other Vitals benchmarks. */
function report(label: string, unit: string, values: number[], extra: string) {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(0);
  log(
    `${label.padEnd(52)} median ${fmt(percentile(sorted, 50)).padStart(
      8,
    )} ${unit}  ` +
      `p95 ${fmt(percentile(sorted, 95)).padStart(8)} ${unit}  min ${fmt(
        sorted[0],
      )}  max ${fmt(sorted[sorted.length - 1])}  (n=${
        sorted.length
      })  ${extra}`,
  );
}

async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  return ((await res.json()) as any).backstageIdentity.token;
}

/** The real backend as `yarn start` runs it, on its own port and a fresh SQLite folder. */
async function startBackend(port: number) {
  const dbDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'vitals-bench-scaffolder-'),
  );
  const baseUrl = `http://localhost:${port}`;
  const child = spawn('yarn', ['workspace', 'backend', 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_database_connection_directory: dbDir,
    },
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.rmSync(dbDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    const ok = await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
      .then(r => r.ok)
      .catch(() => false);
    if (ok) return { baseUrl, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error('the backend did not become ready');
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const templateDir = path.join(repoRoot, 'templates/hipaa-service');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function dryRunBody(values: Record<string, unknown>) {
  return JSON.stringify({
    template: yaml.parse(
      fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
    ),
    values,
    directoryContents: walk(templateDir).map(file => ({
      path: path.relative(templateDir, file).split(path.sep).join('/'),
      base64Content: fs.readFileSync(file).toString('base64'),
    })),
  });
}

const values = (
  runtime: string,
  hosting: string,
  pipelineProvider: string,
) => ({
  name: 'bench-service',
  description: 'Benchmark service',
  owner: 'group:default/care-experience',
  system: 'system:default/patient-portal',
  dataClassification: 'phi',
  primaryRegion: 'eastus2',
  secondaryRegion: 'pair',
  drTier: 'high',
  availabilityTarget: 99.9,
  latencyThresholdMs: 300,
  latencyTarget: 99,
  runtime,
  hosting,
  globalRouting: 'front-door',
  pipelineProvider,
  repoUrl: 'github.com?owner=vitals-health&repo=bench-service',
});

async function measure(baseUrl: string, runs: number) {
  const token = await guestToken(baseUrl);
  // The first step checks owner and system in the catalog: wait until it holds the demo estate.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/system/default/patient-portal`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (res.ok) break;
    if (Date.now() > deadline)
      throw new Error('the catalog did not load the demo estate');
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const variants: Array<[string, Record<string, unknown>]> = [
    [
      'node, App Service, GitHub Actions',
      values('node', 'app-service', 'github-actions'),
    ],
    [
      'dotnet, App Service, Azure Pipelines',
      values('dotnet', 'app-service', 'azure-pipelines'),
    ],
    ['java, AKS, GitHub Actions', values('java', 'aks', 'github-actions')],
  ];
  for (const [label, variant] of variants) {
    const body = dryRunBody(variant);
    const times: number[] = [];
    let files = 0;
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body,
      });
      const result = (await res.json()) as any;
      const elapsed = performance.now() - started;
      if (!res.ok)
        throw new Error(
          `dry run answered ${res.status}: ${JSON.stringify(result)}`,
        );
      // The first run warms the template renderer and the catalog lookups.
      if (i > 0) times.push(elapsed);
      files = result.directoryContents.length;
      bytes = result.directoryContents.reduce(
        (sum: number, f: any) =>
          sum + Buffer.from(f.base64Content, 'base64').length,
        0,
      );
    }
    report(
      `scaffolder.dryRun ${label}`,
      'ms',
      times,
      `${files} files, ${(bytes / 1024).toFixed(0)} KiB`,
    );
  }
}

export const parts = {
  async dryRun({ runs }: { runs: number }) {
    const external = process.env.VITALS_BENCH_BASE_URL;
    if (external) {
      await measure(external, runs);
      return;
    }
    const backend = await startBackend(
      Number(process.env.VITALS_BENCH_SCAFFOLDER_PORT ?? 7119),
    );
    try {
      await measure(backend.baseUrl, runs);
    } finally {
      backend.stop();
    }
  },
};

if (require.main === module) {
  parts
    .dryRun({ runs: Number(process.env.VITALS_BENCH_RUNS ?? 10) })
    .catch(e => {
      // eslint-disable-next-line no-console
      console.error(e);
      process.exit(1);
    });
}

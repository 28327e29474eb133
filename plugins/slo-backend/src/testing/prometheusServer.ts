import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Whether Debian's prometheus and promtool are installed. Outside CI a
 * missing binary skips the Prometheus suites loudly; in CI it fails them.
 */
export function prometheusBinaries():
  | { prometheus: string; promtool: string }
  | undefined {
  const prometheus = process.env.PROMETHEUS_BIN ?? which('prometheus');
  const promtool = process.env.PROMTOOL_BIN ?? which('promtool');
  if (prometheus && promtool) return { prometheus, promtool };
  const message =
    'Prometheus SKIPPED: the prometheus and promtool binaries (Debian package "prometheus") are not installed; the real-Prometheus tests did not run';
  if (process.env.CI) {
    throw new Error(message.replace('SKIPPED', 'MISSING in CI'));
  }
  // eslint-disable-next-line no-console
  console.warn(message);
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PrometheusServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts a real Prometheus on a free loopback port with its own data
 * directory, its history back-filled from OpenMetrics text with
 * `promtool tsdb create-blocks-from openmetrics`.
 */
export async function startPrometheus(
  openMetrics: string,
): Promise<PrometheusServer> {
  const binaries = prometheusBinaries();
  if (!binaries) throw new Error('prometheus is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-prometheus-'));
  const dataDir = path.join(dir, 'data');
  const input = path.join(dir, 'history.om');
  fs.writeFileSync(input, openMetrics);
  await run(
    binaries.promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', input, dataDir],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    configFile,
    'global:\n  scrape_interval: 1m\nscrape_configs: []\n',
  );
  const port = await freePort();
  const child = spawn(
    binaries.prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=3650d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', d => {
    stderr = (stderr + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited: ${stderr}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready: ${stderr}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise(r => {
        if (child.exitCode !== null) r(undefined);
        else child.on('exit', r);
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One counter or gauge series for the OpenMetrics history. */
export interface HistorySeries {
  name: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

export function toOpenMetrics(series: HistorySeries[]): string {
  const lines: string[] = [];
  const families = new Map<string, HistorySeries[]>();
  for (const s of series) {
    const family =
      s.type === 'counter' ? s.name.replace(/_total$/, '') : s.name;
    families.set(family, [...(families.get(family) ?? []), s]);
  }
  for (const [family, members] of families) {
    lines.push(`# TYPE ${family} ${members[0].type}`);
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      for (const [t, v] of s.samples) {
        lines.push(`${s.name}{${labels}} ${v} ${t / 1000}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

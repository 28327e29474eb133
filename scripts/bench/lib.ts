// Shared helpers for the benchmarks run by `yarn bench`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

export const repoRoot = path.resolve(__dirname, '../..');

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarize(values: number[]) {
  return {
    runs: values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

const fmt = (n: number) =>
  Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : '-';

/** Prints one benchmark figure line: name, unit, median, p95, min, max, runs. */
export function report(
  name: string,
  unit: string,
  values: number[],
  extra = '',
) {
  const s = summarize(values);
  console.log(
    `${name.padEnd(52)} median ${fmt(s.median).padStart(8)} ${unit}  ` +
      `p95 ${fmt(s.p95).padStart(8)} ${unit}  min ${fmt(s.min)}  max ${fmt(
        s.max,
      )}  (n=${s.runs})${extra ? `  ${extra}` : ''}`,
  );
}

/** A full garbage collection, so memory deltas show what stays, not what awaits collection. */
export function gc() {
  const existing = (global as { gc?: () => void }).gc;
  if (existing) {
    existing();
    return;
  }
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/**
 * Starts the real backend (as `yarn start` does) on its own port with a fresh
 * SQLite directory. Resolves once it is listening; `ready()` resolves when the
 * readiness endpoint answers 200.
 */
export function startBackend({
  port,
  env = {},
}: {
  port: number;
  env?: Record<string, string>;
}) {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-bench-db-'));
  const baseUrl = `http://localhost:${port}`;
  const startedAt = performance.now();
  const child = spawn('yarn', ['workspace', 'backend', 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_database_connection_directory: dbDir,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', d => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise(resolve => child.on('exit', resolve));

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`backend exited early:\n${stderr}`);
      }
      try {
        if (await check()) return performance.now() - startedAt;
      } catch {
        // not up yet
      }
      await sleep(50);
    }
    throw new Error(`backend did not become ready in time:\n${stderr}`);
  }

  return {
    baseUrl,
    ready: () =>
      waitFor(async () => {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.ok;
      }),
    waitFor,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, sleep(10_000)]);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      fs.rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/** A Backstage token for the local guest user, as the sign-in page gets it. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = (await res.json()) as any;
  return body.backstageIdentity.token;
}

/** Times `count` sequential GETs of `url`; returns milliseconds per request. */
export async function timeRequests(
  url: string,
  token: string | undefined,
  count: number,
) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    bytes = body.byteLength;
  }
  return { times, bytes };
}

/**
 * Times requests to several URLs in turns (a, b, a, b, …), so that whatever
 * else the machine does at a moment weighs on each alike: the fair way to
 * compare two routes on a busy machine.
 */
export async function timeRequestsInterleaved(
  urls: string[],
  token: string | undefined,
  count: number,
) {
  const results = urls.map(() => ({ times: [] as number[], bytes: 0 }));
  for (let i = 0; i < count; i++) {
    // Alternate which goes first, so neither always follows the other.
    const order = i % 2 === 0 ? urls.keys() : [...urls.keys()].reverse();
    for (const k of order) {
      const started = performance.now();
      const res = await fetch(urls[k], {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const body = await res.arrayBuffer();
      results[k].times.push(performance.now() - started);
      if (!res.ok) throw new Error(`GET ${urls[k]} answered ${res.status}`);
      results[k].bytes = body.byteLength;
    }
  }
  return results;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `targetPort` that holds every chunk
 * for half of `roundTripMs` in each direction, so each exchange over it pays
 * a network round trip (TLS handshakes included). Bytes pass through
 * unchanged, so a TLS client still sees the target's certificate.
 */
export async function startDelayProxy(targetPort: number, roundTripMs: number) {
  const oneWayMs = roundTripMs / 2;
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = net.createServer({ allowHalfOpen: true }, client => {
    connections++;
    const target = net.connect({
      port: targetPort,
      host: '127.0.0.1',
      allowHalfOpen: true,
    });
    track(client);
    track(target);
    const relay = (from: net.Socket, to: net.Socket) => {
      // Timers of equal delay fire in the order they were set: chunks keep their order.
      from.on('data', chunk =>
        setTimeout(() => to.writable && to.write(chunk), oneWayMs),
      );
      from.on('end', () => setTimeout(() => to.end(), oneWayMs));
      from.on('error', () => {
        client.destroy();
        target.destroy();
      });
    };
    relay(client, target);
    relay(target, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    /** Client connections accepted so far. */
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

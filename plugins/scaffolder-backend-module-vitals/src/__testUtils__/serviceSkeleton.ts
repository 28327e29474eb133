import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { REPO_ROOT } from './templateFiles';

export interface ProcessResult {
  code: number | null;
  output: string;
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let output = '';
    child.stdout.on('data', d => {
      output += d;
    });
    child.stderr.on('data', d => {
      output += d;
    });
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      options.timeoutMs ?? 60_000,
    );
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Runs the generated Node.js service's own tests (`node --test`, as its
 * package.json does),
 * with express and prom-client taken from this repository's node_modules.
 */
export function runNodeServiceTests(dir: string): Promise<ProcessResult> {
  return run(process.execPath, ['--test'], {
    cwd: dir,
    env: { NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
  });
}

function requireJdk() {
  if (spawnSync('javac', ['-version']).status !== 0) {
    throw new Error(
      'javac is not on the PATH: compiling the generated Java service needs a JDK 17 or later (Debian: apt-get install default-jdk-headless)',
    );
  }
}

function javaSources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && e.name.endsWith('.java'))
    .map(e => path.join(e.parentPath, e.name));
}

/**
 * Compiles the generated Java service, starts it on a free port, sends one
 * request and returns what its probes and /metrics answer.
 */
export async function probeJavaService(dir: string): Promise<{
  compile: ProcessResult;
  root?: number;
  healthz?: number;
  readyz?: number;
  metrics?: string;
}> {
  requireJdk();
  const classes = path.join(dir, 'target', 'classes');
  const compile = await run(
    'javac',
    [
      '--release',
      '17',
      '-d',
      classes,
      ...javaSources(path.join(dir, 'src/main/java')),
    ],
    { cwd: dir },
  );
  if (compile.code !== 0) {
    return { compile };
  }
  const child = spawn(
    'java',
    ['-cp', classes, 'health.vitals.service.Application'],
    {
      cwd: dir,
      env: { ...process.env, PORT: '0' },
    },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`no port in: ${output}`)),
        30_000,
      );
      child.stdout.on('data', d => {
        output += d;
        const match = /listening on (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on('error', reject);
    });
    const base = `http://127.0.0.1:${port}`;
    const root = (await fetch(`${base}/`)).status;
    const healthz = (await fetch(`${base}/healthz`)).status;
    const readyz = (await fetch(`${base}/readyz`)).status;
    // A request is recorded after its response is sent; wait until it is counted.
    let metrics = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      metrics = await (await fetch(`${base}/metrics`)).text();
      if (
        /http_requests_total\{[^}]*\} 1/.test(metrics) &&
        /http_request_duration_seconds_count\{[^}]*\} 1/.test(metrics)
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    return { compile, root, healthz, readyz, metrics };
  } finally {
    child.kill('SIGKILL');
  }
}

/** What the generated Python service's own tests import, pinned as its requirements.txt pins them. */
const PYTHON_TEST_PACKAGES = ['flask', 'prometheus-client'];

/**
 * Runs the generated Python service's own tests (`python3 -m unittest`) with
 * the machine's python3. Flask and prometheus-client are taken from the
 * machine when it has them, else installed once, at the versions the
 * service's requirements.txt pins, into a folder of the temporary directory.
 */
export async function runPythonServiceTests(
  dir: string,
): Promise<ProcessResult> {
  if (spawnSync('python3', ['--version']).status !== 0) {
    throw new Error(
      'python3 is not on the PATH: the generated Python service is tested with the machine’s python3',
    );
  }
  const requirements = fs.readFileSync(
    path.join(dir, 'requirements.txt'),
    'utf8',
  );
  const pins = PYTHON_TEST_PACKAGES.map(name => {
    const pin = new RegExp(`^${name}==[\\w.]+$`, 'im').exec(requirements);
    if (!pin) {
      throw new Error(`requirements.txt pins no version of ${name}`);
    }
    return pin[0];
  });
  const target = path.join(
    os.tmpdir(),
    `vitals-python-${pins
      .join('-')
      .replace(/[^\w.-]/g, '_')
      .toLowerCase()}`,
  );
  const importable = (extra: string[]) =>
    spawnSync('python3', ['-c', 'import flask, prometheus_client'], {
      env: { ...process.env, PYTHONPATH: extra.join(path.delimiter) },
    }).status === 0;
  const pythonPath: string[] = [];
  if (!importable([])) {
    pythonPath.push(target);
    if (!importable(pythonPath)) {
      const install = await run(
        'python3',
        ['-m', 'pip', 'install', '--quiet', '--target', target, ...pins],
        { cwd: dir, timeoutMs: 180_000 },
      );
      if (install.code !== 0 || !importable(pythonPath)) {
        throw new Error(
          `could not install ${pins.join(
            ', ',
          )} for the generated Python service's tests: ${install.output.slice(
            -2000,
          )}`,
        );
      }
    }
  }
  return run('python3', ['-m', 'unittest', '-v'], {
    cwd: dir,
    env: {
      PYTHONPATH: pythonPath.join(path.delimiter),
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
}

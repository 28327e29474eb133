#!/usr/bin/env node
// The service's release gate and deployment markers in Vitals, for the pipelines.
//
//   node ci/deploy-gate.mjs check
//     Fails (exit 1) while an SLO of the service is in error-budget freeze and no
//     override is active, printing each SLO and how much budget it has left.
//   node ci/deploy-gate.mjs record --environment production-eastus2 --version <sha> [--url <run>]
//     Records a deployment, marked on the service's SLI and burn-rate charts.
//
// Environment: VITALS_URL (the portal's backend, e.g. https://portal.example.com),
// VITALS_TOKEN (an external-access token of the portal, never printed),
// VITALS_ENTITY_REF (component:default/<name>). VITALS_GATE_ON_ERROR=allow lets a
// release through when the portal cannot be reached (default: the release stops);
// VITALS_RETRIES (default 3) retries on 429, 5xx and network errors.
// Needs Node.js 18 or later; no dependencies.

const RETRIES = Number(process.env.VITALS_RETRIES ?? 3);
const TIMEOUT_MS = 10_000;

const inGitHub = process.env.GITHUB_ACTIONS === 'true';
const inAzure = process.env.TF_BUILD === 'True';

/** The token never reaches the log, even when an answer quotes it. */
function redact(text) {
  const token = process.env.VITALS_TOKEN;
  return token ? String(text).split(token).join('***') : String(text);
}

function annotate(level, text) {
  const message = redact(text);
  if (inGitHub) console.log(`::${level}::${message}`);
  else if (inAzure)
    console.log(
      `##vso[task.logissue type=${level === 'error' ? 'error' : 'warning'}]${message}`,
    );
  else console.log(`${level}: ${message}`);
}

function setting(name) {
  const value = process.env[name];
  if (!value) {
    annotate('error', `${name} is not set; see docs/index.md, "Release gate".`);
    process.exit(2);
  }
  return value;
}

function entityPath(ref) {
  const match = /^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/.exec(ref);
  if (!match) {
    annotate('error', `VITALS_ENTITY_REF must read kind:namespace/name, got ${JSON.stringify(ref)}`);
    process.exit(2);
  }
  const [, kind, namespace = 'default', name] = match;
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

const percent = share => `${(share * 100).toFixed(1)}%`;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** One call to the SLO API, retried on 429, 5xx and network errors. */
async function call(method, path, body) {
  const base = setting('VITALS_URL').replace(/\/+$/, '');
  const token = setting('VITALS_TOKEN');
  let lastProblem = '';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) await sleep(Math.min(8_000, 1_000 * 2 ** (attempt - 1)));
    let response;
    try {
      response = await fetch(`${base}/api/slo/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      lastProblem = `the portal did not answer (${error.cause?.code ?? error.name})`;
      continue;
    }
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) return json;
    const message = json?.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `the portal answered ${response.status}: ${message}`;
      continue;
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error(
        `the portal refused the token (${response.status}): check the VITALS_TOKEN secret and the portal's backend.auth.externalAccess (${message})`,
      );
    }
    throw new Error(`the portal answered ${response.status}: ${message}`);
  }
  const error = new Error(lastProblem);
  error.unreachable = true;
  throw error;
}

async function check() {
  const ref = setting('VITALS_ENTITY_REF');
  let gate;
  try {
    gate = await call('GET', `entities/${entityPath(ref)}/deploy-gate`);
  } catch (error) {
    if (error.unreachable && process.env.VITALS_GATE_ON_ERROR === 'allow') {
      annotate('warning', `Deploy gate not checked: ${error.message}; VITALS_GATE_ON_ERROR=allow lets the release through.`);
      return 0;
    }
    annotate('error', `Deploy gate of ${ref} could not be checked: ${error.message}`);
    return 2;
  }
  for (const reason of gate.reasons) {
    console.log(
      `  ${reason.slo} (${reason.displayName}): ${reason.policyState}, ${percent(reason.remaining)} of its error budget left${reason.stale ? ', figures stale' : ''}`,
    );
  }
  if (gate.override) {
    console.log(
      `  override by ${gate.override.approver} for ${gate.override.requester} until ${gate.override.expiresAt}: ${gate.override.reason}`,
    );
  }
  if (!gate.allow) {
    annotate('error', gate.message);
    return 1;
  }
  if (gate.override || gate.policyState === 'warning') annotate('warning', gate.message);
  else console.log(gate.message);
  return 0;
}

function option(args, name) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function record(args) {
  const ref = setting('VITALS_ENTITY_REF');
  const version = option(args, 'version');
  if (!version) {
    annotate('error', 'record needs --version');
    return 2;
  }
  try {
    const deployment = await call('POST', `entities/${entityPath(ref)}/deployments`, {
      version,
      environment: option(args, 'environment'),
      url: option(args, 'url'),
    });
    console.log(
      `Recorded deployment ${deployment.version} of ${deployment.entityRef} to ${deployment.environment} at ${deployment.at}.`,
    );
  } catch (error) {
    // The release has happened; a missing marker must not fail it.
    annotate('warning', `Deployment of ${ref} not recorded in Vitals: ${error.message}`);
  }
  return 0;
}

const [command, ...args] = process.argv.slice(2);
if (command === 'check') process.exitCode = await check();
else if (command === 'record') process.exitCode = await record(args);
else {
  console.log('usage: deploy-gate.mjs check | record --version <v> [--environment <env>] [--url <run>]');
  process.exitCode = 2;
}

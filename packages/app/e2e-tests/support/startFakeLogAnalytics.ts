/*
 * What the SLOs read from Application Insights need around the portal in
 * the browser tests, from before the backend starts until Playwright stops
 * it (SIGTERM). Run by playwright.config.ts as a webServer:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/app/e2e-tests/support/startFakeLogAnalytics.ts
 *
 * - a fake Log Analytics workspace over HTTPS (a self-signed certificate)
 *   on a free port, serving the demo request records;
 * - in a temporary directory, ca.pem (that certificate, for the data
 *   source's `ca`) and bin/az: an Azure CLI stand-in printing the one token
 *   the workspace accepts, so the backend's DefaultAzureCredential signs in
 *   through AzureCliCredential as on a developer's machine;
 * - the service's repository: its catalog-info.yaml and slo.yaml over HTTP
 *   on a free port (the catalog API registers `url` locations only).
 *
 * It then prints one line naming them, which Playwright turns into the
 * environment variables of APP_INSIGHTS_E2E_ENV for the backend and tests.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// Test support of backend packages, which the app does not depend on; the
// slo-backend package exports its fake by path only.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { createSelfSignedCertificate } from '@vitals/azure-inventory/testUtils';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  demoRequestRecords,
  startFakeLogAnalytics,
} from '@vitals/plugin-slo-backend/src/testing/fakeLogAnalytics';
import {
  APP_INSIGHTS_E2E_ENV,
  applicationInsightsCatalogFiles,
} from './applicationInsightsService';

const MINUTE = 60_000;

/** The resource of the `application-insights` source's default scope. */
const LOG_ANALYTICS_RESOURCE = 'https://api.loganalytics.io';

/**
 * `az account get-access-token --output json --resource <resource>`, as
 * AzureCliCredential of @azure/identity 4 runs it (earlier releases passed
 * `--scope <resource>/.default`), answered with the fields it reads:
 * accessToken and expires_on (epoch seconds; expiresOn for older CLIs).
 * Any other call fails as a signed-out CLI does.
 */
function azureCliStandIn(token: string): string {
  const resource = LOG_ANALYTICS_RESOURCE;
  return `#!/bin/sh
case " $* " in
  *" account get-access-token "*" --resource ${resource} "* | *" account get-access-token "*" --scope ${resource}/.default "*) ;;
  *)
    echo "ERROR: Please run 'az login' to setup account." >&2
    exit 1
    ;;
esac
expires=$(( $(date +%s) + 3600 ))
printf '{"accessToken": "%s", "expiresOn": "%s", "expires_on": %s, "tokenType": "Bearer"}\\n' \\
  '${token}' "$(date -d "@$expires" '+%Y-%m-%d %H:%M:%S.000000')" "$expires"
`;
}

/** Serves the service's repository files, and nothing else, read-only. */
async function startCatalogFileServer(files: Record<string, string>) {
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\//, '');
    if (req.method !== 'GET' || !Object.hasOwn(files, name)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/yaml; charset=utf-8' });
    res.end(files[name]);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, host: `127.0.0.1:${port}` };
}

async function main() {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'vitals-e2e-log-analytics-'),
  );
  const token = `e2e-cli-${randomBytes(24).toString('base64url')}`;
  const recordsUntil = Math.floor(Date.now() / MINUTE) * MINUTE;
  const fake = await startFakeLogAnalytics({
    certificate: createSelfSignedCertificate('fake-log-analytics'),
    records: demoRequestRecords({ now: recordsUntil }),
    acceptToken: presented => presented === token,
  });
  const catalog = await startCatalogFileServer(
    applicationInsightsCatalogFiles(),
  );
  fs.writeFileSync(path.join(dir, 'ca.pem'), fake.ca);
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'az'), azureCliStandIn(token), {
    mode: 0o755,
  });

  const stop = async () => {
    catalog.server.closeAllConnections();
    catalog.server.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  const env = APP_INSIGHTS_E2E_ENV;
  process.stdout.write(
    `Fake Log Analytics ready: ${env.url}=${fake.url} ${env.workspaceId}=${fake.workspaceId} ${env.dir}=${dir} ${env.recordsUntil}=${recordsUntil} ${env.catalogHost}=${catalog.host}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});

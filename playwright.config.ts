import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { APP_INSIGHTS_E2E_ENV } from './packages/app/e2e-tests/support/applicationInsightsService';

/**
 * Browser tests run against the real portal: the built frontend served by the
 * backend (started here in development mode, embedded defaults, its own port
 * and a fresh SQLite directory) in Debian's Chromium. A fake Log Analytics
 * workspace starts first, for the SLOs read from Application Insights.
 */
const port = Number(process.env.VITALS_E2E_PORT ?? 7107);
/** A portal that is already running (e.g. the dev server) instead of one started here. */
const externalURL = process.env.VITALS_E2E_BASE_URL;
const baseURL = externalURL ?? `http://localhost:${port}`;
const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-e2e-db-'));
const e2eSupport = path.resolve(__dirname, 'packages/app/e2e-tests/support');

/** The fake's start line; each value becomes an environment variable of the backend and the tests. */
const fakeLogAnalyticsReady = new RegExp(
  Object.values(APP_INSIGHTS_E2E_ENV)
    .map(name => `${name}=(?<${name}>\\S+)`)
    .join(' '),
);

/**
 * DefaultAzureCredential tries these before the Azure CLI; blank, they leave
 * the backend's sign-in to the fake's `az`, whatever the shell holds.
 */
const withoutAzureCredentials = Object.fromEntries(
  [
    'AZURE_TOKEN_CREDENTIALS',
    'AZURE_TENANT_ID',
    'AZURE_CLIENT_ID',
    'AZURE_CLIENT_SECRET',
    'AZURE_CLIENT_CERTIFICATE_PATH',
    'AZURE_USERNAME',
    'AZURE_FEDERATED_TOKEN_FILE',
    'IDENTITY_ENDPOINT',
    'MSI_ENDPOINT',
  ].map(name => [name, '']),
);

/**
 * The demo configuration plus the e2e layer; started after the fake's line
 * has set its variables, with the fake's `az` first on PATH.
 */
const backendCommand = [
  `PATH="$${APP_INSIGHTS_E2E_ENV.dir}/bin:$PATH"`,
  'yarn workspace backend start',
  `--config "${path.resolve(__dirname, 'app-config.yaml')}"`,
  `--config "${e2eSupport}/app-config.e2e.yaml"`,
].join(' ');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: [
    'packages/*/e2e-tests/**/*.test.ts',
    'plugins/*/e2e-tests/**/*.test.ts',
  ],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/e2e/results.json' }],
  ],
  outputDir: 'test-results/e2e/artifacts',
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: externalURL
    ? undefined
    : [
        {
          name: 'Log Analytics',
          command: `node --require @backstage/cli/config/nodeTransform.cjs "${e2eSupport}/startFakeLogAnalytics.ts"`,
          wait: { stdout: fakeLogAnalyticsReady },
          timeout: 60_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: backendCommand,
          url: `${baseURL}/.backstage/health/v1/readiness`,
          timeout: 180_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
          env: {
            ...withoutAzureCredentials,
            APP_CONFIG_app_baseUrl: baseURL,
            APP_CONFIG_backend_baseUrl: baseURL,
            APP_CONFIG_backend_listen_port: String(port),
            APP_CONFIG_backend_database_connection_directory: databaseDir,
          },
        },
      ],
});

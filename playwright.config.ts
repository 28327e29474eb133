import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against the real portal: the built frontend served by the
 * backend (started here in development mode, embedded defaults, its own port
 * and a fresh SQLite directory) in Debian's Chromium.
 */
const port = Number(process.env.VITALS_E2E_PORT ?? 7107);
/** A portal that is already running (e.g. the dev server) instead of one started here. */
const externalURL = process.env.VITALS_E2E_BASE_URL;
const baseURL = externalURL ?? `http://localhost:${port}`;
const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-e2e-db-'));

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
    : {
        command: 'yarn workspace backend start',
        url: `${baseURL}/.backstage/health/v1/readiness`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          APP_CONFIG_app_baseUrl: baseURL,
          APP_CONFIG_backend_baseUrl: baseURL,
          APP_CONFIG_backend_listen_port: String(port),
          APP_CONFIG_backend_database_connection_directory: databaseDir,
        },
      },
});

import fs from 'node:fs';
import path from 'node:path';
import { APIRequestContext, expect, Locator, test } from '@playwright/test';
import { parse } from 'yaml';
// The records the fake serves; the slo-backend package exports its fake by path only.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  demoRequestRecords,
  type FakeRequestRecord,
} from '@vitals/plugin-slo-backend/src/testing/fakeLogAnalytics';
import type { SloEntityResponse } from '@vitals/plugin-slo-common';
import { saveScreenshot, signInAsGuest } from './screenshots';
import {
  APP_INSIGHTS_COMPONENT,
  APP_INSIGHTS_E2E_ENV,
  APP_INSIGHTS_SERVICE,
  APP_INSIGHTS_SOURCE,
  AVAILABILITY_TARGET,
  LATENCY_TARGET,
  LATENCY_THRESHOLD_MS,
} from './support/applicationInsightsService';

/**
 * A service whose SLOs read Application Insights: registered through the
 * catalog API from the repository files the test setup serves, its SLOs
 * computed by the backend from the fake Log Analytics workspace that
 * playwright.config.ts starts (the backend signing in through
 * DefaultAzureCredential and the fake's `az`), and its SLOs tab showing the
 * figures the demo records give.
 */

const repositoryRoot = path.resolve(__dirname, '../../..');
const entityPath = `/catalog/default/component/${APP_INSIGHTS_COMPONENT}`;
const sloRoute = new RegExp(
  `/api/slo/entities/default/component/${APP_INSIGHTS_COMPONENT}$`,
);

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

/** What an SLO's window holds, counted here from the demo records themselves. */
function expectedFigures(
  records: FakeRequestRecord[],
  window: { start: number; end: number },
  isGood: (record: FakeRequestRecord) => boolean,
  target: number,
) {
  let good = 0;
  let total = 0;
  for (const record of records) {
    if (
      record.AppRoleName === APP_INSIGHTS_SERVICE &&
      record.TimeGenerated >= window.start &&
      record.TimeGenerated < window.end
    ) {
      total++;
      if (isGood(record)) good++;
    }
  }
  const sli = good / total;
  return { good, total, sli, remaining: 1 - (1 - sli) / (1 - target) };
}

/** A percentage as shown, with the half unit of its last digit it may be off by. */
function shownPercent(text: string): { value: number; rounding: number } {
  const match = /^(-?\d+(?:\.(\d+))?)%$/.exec(text.trim());
  expect(match, `a percentage, got ${text}`).not.toBeNull();
  const digits = match![2]?.length ?? 0;
  return {
    value: Number(match![1]) / 100,
    rounding: 0.5 * 10 ** -(digits + 2),
  };
}

/** The figure under a tile's label, e.g. `99.75%` under `SLI now`. */
async function tileValue(panel: Locator, label: string): Promise<string> {
  const text = await panel.innerText();
  // Labels are upper case on screen, and so in innerText.
  const match = new RegExp(`${label}\\s*\\n\\s*(\\S+)`, 'i').exec(text);
  expect(match, `${label} in ${text.slice(0, 500)}`).not.toBeNull();
  return match![1];
}

async function expectFigures(
  panel: Locator,
  expected: ReturnType<typeof expectedFigures>,
) {
  await expect(panel).toContainText(`data source ${APP_INSIGHTS_SOURCE}`);
  await expect(panel).toContainText(
    `${expected.good.toLocaleString(
      'en-US',
    )} good of ${expected.total.toLocaleString('en-US')}`,
  );
  const sli = shownPercent(await tileValue(panel, 'SLI now'));
  expect(Math.abs(sli.value - expected.sli)).toBeLessThanOrEqual(
    sli.rounding + 1e-12,
  );
  const remaining = shownPercent(
    await tileValue(panel, 'Error budget remaining'),
  );
  expect(Math.abs(remaining.value - expected.remaining)).toBeLessThanOrEqual(
    remaining.rounding + 1e-12,
  );
}

test.describe('SLOs read from Application Insights', () => {
  test('the e2e config layer keeps the demo sample sources, the first one first', () => {
    const read = (file: string) =>
      parse(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')).vitals.slo
        .dataSources;
    const demo = read('app-config.yaml');
    const e2e = read('packages/app/e2e-tests/support/app-config.e2e.yaml');
    expect(e2e[0]).toEqual(demo[0]);
    // The one services created from the template read.
    expect(e2e).toEqual(expect.arrayContaining(demo));
  });

  test('registers a service whose SLOs read Application Insights and shows their figures', async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const catalogHost = process.env[APP_INSIGHTS_E2E_ENV.catalogHost];
    // playwright.config.ts starts the fake workspace with the backend; a
    // portal given by VITALS_E2E_BASE_URL has none, and this flow fails saying so.
    if (!catalogHost) {
      throw new Error(
        `${APP_INSIGHTS_E2E_ENV.catalogHost} is not set: this flow needs the fake Log Analytics workspace that playwright.config.ts starts beside the backend it starts (not with VITALS_E2E_BASE_URL)`,
      );
    }
    const headers = { authorization: `Bearer ${await guestToken(request)}` };
    const registered = await request.post('/api/catalog/locations', {
      headers,
      data: { type: 'url', target: `http://${catalogHost}/catalog-info.yaml` },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    await expect(async () => {
      const entity = await request.get(
        `/api/catalog/entities/by-name/component/default/${APP_INSIGHTS_COMPONENT}`,
        { headers },
      );
      expect(entity.status()).toBe(200);
    }).toPass({ timeout: 30_000 });

    await signInAsGuest(page);
    await page.goto(entityPath);
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'SLOs' })
      .click();
    await expect(page).toHaveURL(new RegExp(`${entityPath}/slos$`));

    // The first reader of a new entity's SLOs starts a refresh (at most one
    // each half minute, so a refresh just asked for by another test may
    // make it wait for the next); until it has run the tab says the SLOs
    // are being computed.
    let shown: SloEntityResponse | undefined;
    await expect(async () => {
      const [response] = await Promise.all([
        page.waitForResponse(r => sloRoute.test(r.url()), { timeout: 10_000 }),
        page.reload(),
      ]);
      expect(response.status()).toBe(200);
      shown = (await response.json()) as SloEntityResponse;
      expect(shown.slos.map(s => s.computedAt !== null)).toEqual([true, true]);
      await expect(page.getByText('SLI now', { exact: true })).toHaveCount(2, {
        timeout: 5_000,
      });
    }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });

    const records = demoRequestRecords({
      now: Number(process.env[APP_INSIGHTS_E2E_ENV.recordsUntil]),
    });
    // The window the figures on screen were computed for: 30 days up to
    // the refresh, which the test cannot know beforehand.
    const windowOf = (name: string) => {
      const slo = shown!.slos.find(s => s.name === name)!;
      expect(slo.window.duration).toBe('30d');
      return {
        start: Date.parse(slo.window.start!),
        end: Date.parse(slo.window.end!),
      };
    };
    const panelOf = (name: string) =>
      page
        .locator('.MuiCard-root')
        .filter({ hasText: `${name} · service ${APP_INSIGHTS_SERVICE}` });

    await expectFigures(
      panelOf('availability'),
      expectedFigures(
        records,
        windowOf('availability'),
        r => r.Success,
        AVAILABILITY_TARGET,
      ),
    );
    await expectFigures(
      panelOf('latency'),
      expectedFigures(
        records,
        windowOf('latency'),
        r => r.DurationMs <= LATENCY_THRESHOLD_MS,
        LATENCY_TARGET,
      ),
    );
    await expect(page.locator('.recharts-line-curve').first()).toBeVisible();
    await saveScreenshot(page, 'slo-application-insights');
  });
});

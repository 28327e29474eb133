import path from 'node:path';
import { Page } from '@playwright/test';

/**
 * Screenshots are kept as test artifacts in test-results/e2e/screenshots:
 * the whole page, or with `fullPage: false` what the window shows.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
) {
  await page.screenshot({
    path: path.resolve(
      __dirname,
      '../../../test-results/e2e/screenshots',
      `${name}.png`,
    ),
    fullPage: options.fullPage ?? true,
  });
}

/** Signs in with the guest provider, as a local user would. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: /^enter$/i }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ state: 'visible' });
}

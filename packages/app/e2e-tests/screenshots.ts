import path from 'node:path';
import { Locator, Page } from '@playwright/test';

/**
 * Screenshots are kept as test artifacts in test-results/e2e/screenshots:
 * the whole page, or with `height` its top that many pixels high.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { height?: number } = {},
) {
  const width = page.viewportSize()?.width ?? 1440;
  await page.screenshot({
    path: path.resolve(
      __dirname,
      '../../../test-results/e2e/screenshots',
      `${name}.png`,
    ),
    fullPage: true,
    ...(options.height
      ? { clip: { x: 0, y: 0, width, height: options.height } }
      : {}),
  });
}

/** A screenshot of one part of the page, e.g. a control with its findings. */
export async function saveElementScreenshot(element: Locator, name: string) {
  await element.screenshot({
    path: path.resolve(
      __dirname,
      '../../../test-results/e2e/screenshots',
      `${name}.png`,
    ),
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

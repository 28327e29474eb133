import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { saveScreenshot, signInAsGuest } from './screenshots';

const examples = path.resolve(__dirname, '../../../examples');

const demoComponents = parseAllDocuments(
  fs.readFileSync(path.join(examples, 'components.yaml'), 'utf8'),
).map(doc => doc.toJS() as { metadata: { name: string; description: string } });

test.describe('the Vitals portal', () => {
  test('signs in as guest and lists every demo service in the catalog', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await saveScreenshot(page, 'portal-after-sign-in');

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await expect(
      nav.getByRole('link', { name: 'Catalog', exact: true }),
    ).toBeVisible();
    await expect(nav.getByLabel('Home')).toBeVisible();

    const table = page.getByRole('table');
    // The catalog pages its rows; search finds each service wherever it is.
    const search = page.getByPlaceholder('Search');
    for (const component of demoComponents) {
      await search.fill(component.metadata.name);
      await expect(
        table.getByRole('link', { name: component.metadata.name, exact: true }),
      ).toBeVisible();
    }
    await search.fill('');
    await saveScreenshot(page, 'catalog');
  });

  test('opens an entity page from the catalog', async ({ page }) => {
    await signInAsGuest(page);
    const fhir = demoComponents.find(c => c.metadata.name === 'fhir-gateway')!;

    await page
      .getByRole('table')
      .getByRole('link', { name: 'fhir-gateway', exact: true })
      .click();

    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/fhir-gateway$/,
    );
    await expect(
      page.getByRole('heading', { name: 'fhir-gateway' }).first(),
    ).toBeVisible();
    await expect(page.getByText(fhir.metadata.description)).toBeVisible();
    await expect(page.getByText('Provided APIs')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'fhir-api', exact: true }),
    ).toBeVisible();
    await saveScreenshot(page, 'entity-fhir-gateway');
  });

  test('keeps the guest signed in across a reload', async ({ page }) => {
    await signInAsGuest(page);
    await page.reload();
    await expect(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Catalog', exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^enter$/i })).toHaveCount(0);
  });
});

import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  saveElementScreenshot,
  saveScreenshot,
  signInAsGuest,
} from './screenshots';

test.describe('HIPAA compliance', () => {
  test('filters to non-compliant PHI services, opens one, sees the failing finding and exports the evidence', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Compliance' })
      .click();
    await expect(
      page.getByRole('heading', { name: 'HIPAA compliance' }),
    ).toBeVisible();

    // The first evaluation runs shortly after start, once the catalog is in.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('fhir-gateway').first()).toBeVisible({
        timeout: 5000,
      });
    }).toPass({ timeout: 120_000 });
    await saveScreenshot(page, 'compliance-page');

    // The coverage comes before the verdicts: every type of the demo estate
    // is judged by a HIPAA rule or inert, the inert ones (with why) first.
    const coverageTitle = page.getByText('What the HIPAA rules judge', {
      exact: true,
    });
    await expect(coverageTitle).toBeVisible();
    await expect(
      page.getByText('Every resource type is judged by HIPAA rules or inert.'),
    ).toBeVisible();
    await expect(
      page.getByText('microsoft.network/virtualnetworks/subnets', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      page.getByText('part of a virtual network; it stores no data').first(),
    ).toBeVisible();
    await saveScreenshot(page, 'compliance-coverage', { height: 1080 });

    await page.getByLabel('Status').click();
    await page.getByRole('option', { name: 'Non-compliant' }).click();
    await page.getByLabel('Classification').click();
    await page.getByRole('option', { name: 'PHI' }).click();
    await expect(page).toHaveURL(/status=non-compliant/);
    await expect(page).toHaveURL(/classification=phi/);

    // The services table, below the coverage table.
    const table = page
      .getByRole('table')
      .filter({ has: page.getByRole('link', { name: 'fhir-gateway' }) });
    const rows = table.locator('tbody tr');
    await expect(rows.first()).toContainText('Non-compliant');
    for (const row of await rows.all()) {
      await expect(row).toContainText('Non-compliant');
      await expect(row).toContainText('phi');
    }
    await expect(
      table.getByRole('link', { name: 'fhir-gateway' }),
    ).toBeVisible();
    await expect(table.getByText('clinic-finder')).toHaveCount(0);
    await saveScreenshot(page, 'compliance-page-non-compliant-phi');

    // The evidence export covers exactly the filtered services.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export CSV/ }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(
      /^hipaa-evidence-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/,
    );
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const [header, ...lines] = csv.trim().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 3)).toEqual(['entityRef', 'owner', 'system']);
    expect(columns).toEqual(
      expect.arrayContaining([
        'resourceId',
        'property',
        'expected',
        'actual',
        'policyDefinitionId',
      ]),
    );
    expect(lines.every(l => /,phi,non-compliant,/.test(l))).toBe(true);
    const sqlPublic = lines.find(
      l =>
        l.startsWith('component:default/fhir-gateway,') &&
        l.includes(',sql.public-network-disabled,'),
    );
    expect(sqlPublic).toBeDefined();
    expect(sqlPublic).toContain(
      ',properties.publicNetworkAccess,Disabled,Enabled,',
    );
    expect(sqlPublic).toContain('1b8ca024-1d5c-4dec-8995-b1a932b41780');

    await table.getByRole('link', { name: 'fhir-gateway' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/fhir-gateway\/compliance$/,
    );
    await expect(page.getByLabel('Score')).toBeVisible();
    const access = page.getByRole('button', {
      name: /164\.312\(a\)\(1\) Access control/,
    });
    await expect(access).toBeVisible();
    const finding = page
      .getByRole('row')
      .filter({
        hasText: 'The server accepts logins over its public endpoint.',
      })
      .first();
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('properties.publicNetworkAccess');
    await expect(finding).toContainText('expected: Disabled');
    await expect(finding).toContainText('actual: Enabled');
    await expect(finding).toContainText(
      'Public network access on Azure SQL Database should be disabled',
    );
    await saveScreenshot(page, 'compliance-entity-non-compliant');

    await page.goto('/catalog/default/component/fhir-gateway');
    await expect(page.getByText('HIPAA: Non-compliant')).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Failing controls' }),
    ).toBeVisible();
    await saveScreenshot(page, 'compliance-entity-overview');
  });

  test('judges a SQL Managed Instance: its public data endpoint fails access control', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/cohort-registry/compliance');
    await expect(async () => {
      await page.reload();
      await expect(page.getByLabel('Score')).toBeVisible({ timeout: 5000 });
    }).toPass({ timeout: 120_000 });
    const finding = page
      .getByRole('row')
      .filter({
        hasText:
          'The public data endpoint (port 3342) accepts connections from the internet.',
      })
      .first();
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('sqlmi-poph-registry');
    await expect(finding).toContainText('properties.publicDataEndpointEnabled');
    await expect(finding).toContainText('actual: true');
    await saveScreenshot(page, 'compliance-entity-sql-managed-instance');
    // The control with its finding, as the README shows it.
    await saveElementScreenshot(
      page
        .getByRole('button', { name: /164\.312\(a\)\(1\) Access control/ })
        .locator(
          'xpath=ancestor::div[contains(@class, "MuiAccordion-root")][1]',
        ),
      'compliance-entity-sql-managed-instance-finding',
    );
  });

  test('filters the catalog by compliance status', async ({ page }) => {
    test.setTimeout(240_000);
    await signInAsGuest(page);
    await page.goto(
      '/?filters[kind]=component&filters[user]=all&filters[compliance]=compliant',
    );
    await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible();
    const table = page.getByRole('table').first();
    // The filter asks the compliance backend, which answers once the first
    // evaluation is in.
    await expect(async () => {
      await page.reload();
      // A reload on a busy machine takes seconds before the table is back.
      await expect(table.getByText('patient-portal-web')).toBeVisible({
        timeout: 15_000,
      });
    }).toPass({ timeout: 180_000 });
    await expect(table.getByText('fhir-gateway')).toHaveCount(0);
    await saveScreenshot(page, 'compliance-catalog-filter');
  });

  test('lists the Azure resources no service claims and shows an unverified service', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/compliance');
    await expect(
      page.getByText(/^Unowned Azure resources \(\d+\)$/),
    ).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('vm-hl7-test').first()).toBeVisible();
    // audit-trail fails nothing, but the export lacks its Central US app's
    // TLS and FTPS settings.
    await page.goto('/catalog/default/component/audit-trail/compliance');
    await expect(page.getByLabel('Score')).toBeVisible();
    await expect(page.getByText('Unknown').first()).toBeVisible();
    await expect(
      page.getByText(/lack evidence: Resource Manager did not report/).first(),
    ).toBeVisible();
    await saveScreenshot(page, 'compliance-entity-unknown');
  });
});

import { test, expect } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './screenshots';

test.describe('DR readiness', () => {
  test('shows services × regions, the impact of losing East US 2, and a not-ready service whose drill the guest records', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'DR readiness' })
      .click();
    await expect(
      page.getByRole('heading', { name: 'DR readiness' }).first(),
    ).toBeVisible();

    // The demo estate is evaluated by the first refresh after start.
    const heatMap = page.getByRole('table', { name: 'Services by region' });
    await expect(async () => {
      await page.reload();
      await expect(heatMap).toBeVisible({ timeout: 5000 });
      await expect(page.getByText('Services × regions (26)')).toBeVisible();
    }).toPass({ timeout: 120_000 });

    await expect(
      heatMap.getByLabel('East US 2: Ready, primary').first(),
    ).toBeVisible();
    await expect(
      heatMap.getByLabel('East US 2: At risk, primary').first(),
    ).toBeVisible();
    await expect(
      heatMap.getByLabel('East US 2: Not ready, primary').first(),
    ).toBeVisible();
    await expect(
      heatMap.getByLabel('West US 3: At risk, primary'),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'By team' })).toBeVisible();
    await saveScreenshot(page, 'dr-readiness');

    // What the DR checks judge, above the matrix: every type of the demo
    // estate, or it is inert.
    const coverageTitle = page.getByText('What the DR checks judge', {
      exact: true,
    });
    await expect(coverageTitle).toBeVisible();
    await expect(
      page.getByText('Every resource type is judged by DR checks or inert.'),
    ).toBeVisible();
    await expect(
      page.getByText('microsoft.network/virtualnetworks/subnets', {
        exact: true,
      }),
    ).toBeVisible();
    await saveScreenshot(page, 'dr-readiness-coverage', { height: 1080 });

    // What losing East US 2 means for each service.
    await page.getByRole('button', { name: 'Region' }).click();
    await page.getByRole('option', { name: 'East US 2 (eastus2)' }).click();
    await expect(page).toHaveURL(/region=eastus2/);
    await expect(
      page.getByText('If East US 2 goes down', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('group', { name: 'Goes down' })).toBeVisible();
    const impact = page.getByRole('table').filter({ hasText: 'Why' }).last();
    await expect(
      impact.getByRole('row').filter({ hasText: 'clinic-finder' }),
    ).toContainText('Goes down');
    await expect(
      impact.getByRole('row').filter({ hasText: 'patient-portal-web' }),
    ).toContainText('Fails over');
    await expect(
      impact.getByRole('row').filter({ hasText: 'fhir-gateway' }),
    ).toContainText('Degrades');
    await saveScreenshot(page, 'dr-readiness-region-impact');

    // A not-ready service: its failing check says what is missing and how to fix it.
    await heatMap.getByRole('link', { name: 'fhir-gateway' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/fhir-gateway\/dr-readiness$/,
    );
    await expect(
      page.getByText('If East US 2 goes down', { exact: true }),
    ).toBeVisible();
    const check = page.getByTestId('check-sql-failover-group');
    await expect(check).toContainText('SQL databases fail over to Central US');
    await expect(check).toContainText('Fail');
    await expect(check).toContainText(
      'Add fhir-terminology to failover group fg-fhir-gateway.',
    );
    await expect(check.getByText('fhir-terminology').first()).toBeVisible();
    await saveScreenshot(page, 'dr-readiness-entity-not-ready');

    // The guest is an SRE lead, so may record a drill; it shows in the history.
    const note = `Game day ${Date.now()}: restored fhir-terminology from geo-backup`;
    await page.getByRole('button', { name: /Record drill/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a DR drill' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Partial').check();
    await dialog.getByLabel('Recovery time (min)').fill('95');
    await dialog.getByLabel('Data lost (min)').fill('20');
    await dialog.getByLabel('Notes').fill(note);
    await saveScreenshot(page, 'dr-readiness-record-drill');
    await dialog.getByRole('button', { name: 'Record drill' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/readiness re-evaluated/)).toBeVisible();
    const history = page
      .getByRole('table')
      .filter({ hasText: 'Recorded by' })
      .last();
    const recorded = history.getByRole('row').filter({ hasText: note });
    await expect(recorded).toBeVisible();
    await expect(recorded).toContainText('Partial');
    await expect(recorded).toContainText('1 h 35 min');
    await saveScreenshot(page, 'dr-readiness-drill-recorded');

    // A wrong drill is corrected, then withdrawn, each with a reason; it stays
    // in the history, marked.
    await recorded.getByRole('button', { name: /^Correct the drill/ }).click();
    const correcting = page.getByRole('dialog', { name: 'Correct a DR drill' });
    await expect(correcting).toBeVisible();
    await correcting.getByLabel('Recovery time (min)').fill('110');
    await correcting
      .getByLabel('Reason')
      .fill('The restore finished later than first written down');
    await saveScreenshot(page, 'dr-readiness-correct-drill');
    await correcting.getByRole('button', { name: 'Save correction' }).click();
    await expect(correcting).toBeHidden();
    await expect(recorded).toContainText('1 h 50 min');
    await expect(recorded).toContainText('Corrected');

    await recorded.getByRole('button', { name: /^Withdraw the drill/ }).click();
    const withdrawing = page.getByRole('dialog', {
      name: 'Withdraw a DR drill',
    });
    await withdrawing
      .getByLabel('Reason')
      .fill('Recorded against the wrong service');
    await saveScreenshot(page, 'dr-readiness-withdraw-drill');
    await withdrawing.getByRole('button', { name: 'Withdraw drill' }).click();
    await expect(withdrawing).toBeHidden();
    await expect(recorded).toContainText('Withdrawn');
    await expect(
      recorded.getByRole('button', { name: /^Withdraw the drill/ }),
    ).toHaveCount(0);
    await saveScreenshot(page, 'dr-readiness-drill-withdrawn');
    await history.screenshot({
      path: 'test-results/e2e/screenshots/dr-readiness-drill-history.png',
    });

    // The summary card on the overview tab links back to the tab.
    await page.goto('/catalog/default/component/fhir-gateway');
    const card = page.getByRole('table', { name: 'DR readiness by region' });
    await expect(card).toBeVisible();
    await expect(card).toContainText('East US 2');
    await saveScreenshot(page, 'dr-readiness-card');
  });

  test('explains an unpaired region and names the annotations a service without a DR policy needs', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto(
      '/catalog/default/component/lab-results-service/dr-readiness',
    );
    await expect(page.getByText('No Azure pair', { exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page
        .getByText(/Qatar Central has no Azure pair and no secondary region/)
        .first(),
    ).toBeVisible();
    await saveScreenshot(page, 'dr-readiness-entity-unpaired');

    await page.goto('/catalog/default/component/vitals/dr-readiness');
    await expect(
      page.getByText('No DR policy declared for this entity'),
    ).toBeVisible();
    await expect(
      page.getByText(/vitals\.dev\/primary-region: eastus2/).first(),
    ).toBeVisible();
    await saveScreenshot(page, 'dr-readiness-entity-empty');
  });
});

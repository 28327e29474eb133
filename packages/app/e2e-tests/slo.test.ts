import { test, expect } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './screenshots';

test.describe('error budgets', () => {
  test('sorts the Error budgets page by remaining budget and opens a burning service', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Error budgets' })
      .click();
    await expect(
      page.getByRole('heading', { name: 'Error budgets' }).first(),
    ).toBeVisible();
    // The patient portal's services tell the story: one exhausted, one burning.
    await page.goto(
      `/error-budgets?system=${encodeURIComponent(
        'system:default/patient-portal',
      )}`,
    );

    // The demo estate computes on the first refresh, a few seconds after start.
    const table = page.getByRole('table').first();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(/^SLOs \(\d+\)$/)).toBeVisible({
        timeout: 5000,
      });
    }).toPass({ timeout: 60_000 });

    const firstService = () =>
      table.locator('tbody tr').first().getByRole('link').first();
    await expect(firstService()).toHaveText('billing-service');
    await saveScreenshot(page, 'error-budgets');

    // Sorting by the budget column puts the healthiest first, then the worst again.
    const budgetHeader = page.getByRole('columnheader', {
      name: /Budget left/,
    });
    await budgetHeader.click();
    await expect(firstService()).not.toHaveText('billing-service');
    await budgetHeader.click();
    await expect(firstService()).toHaveText('billing-service');

    await page.getByLabel('Firing alerts only').check();
    await expect(page.getByText('SLOs (1)')).toBeVisible();
    const burning = table.locator('tbody tr').first();
    await expect(burning).toContainText('patient-messaging');
    await expect(burning).toContainText('Paging');
    await burning.getByRole('link', { name: 'Availability' }).click();

    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/patient-messaging\/slos$/,
    );
    await expect(page.getByText(/^Paging: burning/)).toBeVisible();
    const alerts = page.getByRole('table', { name: 'Burn-rate alerts' });
    await expect(alerts.getByText('Firing').first()).toBeVisible();
    await expect(
      page.getByText('Error budget remaining').first(),
    ).toBeVisible();
    await expect(page.locator('.recharts-line-curve').first()).toBeVisible();
    await saveScreenshot(page, 'slo-entity-burning');
  });

  test('shows the annotation to add on a service without SLOs', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/imaging-archive/slos');
    await expect(
      page.getByText('No SLOs declared for this entity'),
    ).toBeVisible();
    await expect(
      page.getByText('vitals.dev/slo-ref: ./slo.yaml'),
    ).toBeVisible();
    await saveScreenshot(page, 'slo-entity-empty');
  });
});

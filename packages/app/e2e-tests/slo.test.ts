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
      await expect(page.getByText(/^SLOs \([1-9]\d*\)$/)).toBeVisible({
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
    // The release that started the burn is marked on the charts.
    await expect(page.getByTestId('deployment-markers').first()).toContainText(
      '2.14.0 to production-westus3',
    );
    await expect(
      page.locator('svg text', { hasText: '2.14.0' }).first(),
    ).toBeVisible();
    await saveScreenshot(page, 'slo-entity-burning');
  });

  test('closes the deploy gate of a service whose budget is spent, and lets an SRE lead override it for someone else', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/billing-service/slos');
    const gate = page.getByTestId('deploy-gate');
    await expect(async () => {
      await page.reload();
      await expect(gate).toBeVisible({ timeout: 5000 });
    }).toPass({ timeout: 60_000 });
    await expect(
      gate.getByText('Deploy gate closed: error-budget freeze'),
    ).toBeVisible();
    await expect(gate).toContainText(
      /Availability: freeze, -\d+\.\d% of its error budget left/,
    );
    await saveScreenshot(page, 'slo-deploy-gate-closed', { height: 1080 });

    // The guest is an SRE lead in the demo: it may decide an override, for someone else.
    await gate.getByRole('button', { name: 'Override the gate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Requested by/).fill('user:default/guest');
    await dialog.getByLabel(/Reason/).fill('Hotfix for the duplicate invoices');
    await dialog.getByRole('button', { name: 'Record override' }).click();
    await expect(
      dialog.getByText(
        'approver: the approver must be someone other than the requester',
      ),
    ).toBeVisible();
    await dialog.getByLabel(/Requested by/).fill('user:default/priya.raman');
    await dialog.getByRole('button', { name: 'Record override' }).click();
    await expect(gate.getByText('Deploy gate open by override')).toBeVisible();
    await expect(gate).toContainText('for user:default/priya.raman');
    await saveScreenshot(page, 'slo-deploy-gate-override', { height: 1080 });
    await gate.getByRole('button', { name: 'Revoke the override' }).click();
    await expect(
      gate.getByText('Deploy gate closed: error-budget freeze'),
    ).toBeVisible();
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

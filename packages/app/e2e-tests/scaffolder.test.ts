import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './screenshots';

/**
 * An engineer creates a HIPAA-ready service from the portal: the form of
 * the hipaa-service template, a real run that publishes the repository
 * locally and registers it, and the new entity with its SLO, DR readiness
 * and compliance tabs.
 */

// A name no earlier run took: the catalog and the local repositories keep what runs create.
const serviceName = `e2e-claims-${Date.now().toString(36)}`;

async function chooseOption(page: Page, field: string, option: RegExp) {
  await page.getByLabel(field, { exact: false }).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

test.describe('creating a HIPAA-ready service', () => {
  let repositoryPath: string | undefined;

  test.afterAll(() => {
    // The run wrote a real repository to the portal's local repositories folder.
    if (repositoryPath?.endsWith(`/${serviceName}`)) {
      fs.rmSync(repositoryPath, { recursive: true, force: true });
    }
  });

  test('fills the template form, runs it, and opens the new service', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAsGuest(page);

    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Create', exact: true })
      .click();
    const card = page
      .locator('[class*="MuiCard"]')
      .filter({ hasText: 'HIPAA-ready service on Azure' });
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: /choose/i }).click();

    // Service
    await expect(
      page.getByRole('heading', { name: 'HIPAA-ready service on Azure' }),
    ).toBeVisible();
    await page.getByLabel('Name').first().fill(serviceName);
    await page
      .getByLabel('Description')
      .first()
      .fill('Receives insurance claims from the patient portal');
    await page.getByLabel('Owner').first().click();
    await page
      .getByRole('option', { name: /care-experience|Care Experience/ })
      .first()
      .click();
    await page.getByLabel('System').first().click();
    await page
      .getByRole('option', { name: /patient-portal|Patient Portal/ })
      .first()
      .click();
    await expect(
      page.getByText('PHI — electronic protected health information'),
    ).toBeVisible();
    await saveScreenshot(page, 'scaffolder-form-service');
    await page.getByRole('button', { name: 'Next' }).click();

    // Regions and recovery: a one-way pair, tier high.
    await chooseOption(page, 'Primary region', /West US 3 \(westus3\)/);
    await expect(
      page.getByText('The Azure pair of the primary region (recommended)'),
    ).toBeVisible();
    await chooseOption(page, 'DR tier', /High — RTO 1 h, RPO 15 min/);
    await saveScreenshot(page, 'scaffolder-form-regions');
    await page.getByRole('button', { name: 'Next' }).click();

    // Service level objectives: the form quotes the error budget of common targets.
    await expect(page.getByText(/99\.9 → 43\.2 min/)).toBeVisible();
    await page.getByLabel('Availability target (%)').fill('99.95');
    await expect(
      page.getByText(
        'Application Insights (Azure Monitor OpenTelemetry, KQL over AppRequests)',
      ),
    ).toBeVisible();
    await saveScreenshot(page, 'scaffolder-form-slos');
    await page.getByRole('button', { name: 'Next' }).click();

    // Runtime and delivery
    await chooseOption(page, 'Runtime', /\.NET 8/);
    await saveScreenshot(page, 'scaffolder-form-delivery');
    await page.getByRole('button', { name: 'Next' }).click();

    // Repository
    await page
      .getByLabel('Owner', { exact: false })
      .last()
      .fill('vitals-health');
    // The repository name is an autocomplete: leaving the field commits the typed name.
    const repository = page.getByLabel('Repository', { exact: false }).last();
    await repository.fill(serviceName);
    await repository.press('Tab');
    await saveScreenshot(page, 'scaffolder-form-repository');
    await page.getByRole('button', { name: 'Review' }).click();

    await expect(page.getByText(serviceName).first()).toBeVisible();
    await saveScreenshot(page, 'scaffolder-form-review');
    await page.getByRole('button', { name: 'Create' }).click();

    // The run: every step, then the result with the error budget and the links.
    await expect(page.getByText('Register in the catalog')).toBeVisible();
    await expect(page.getByText('What was created')).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page.getByText(/error budget of 21\.6 minutes per 30 days/),
    ).toBeVisible();
    await expect(page.getByText(/westus3 → eastus \(one-way/)).toBeVisible();
    // The SLI source the form offers by default.
    await expect(
      page.getByText(
        /SLIs from Application Insights \(Azure Monitor OpenTelemetry\)/,
      ),
    ).toBeVisible();
    const summary = await page.getByText(/^Repository: /).textContent();
    // Named relative to the workspace, never by a machine path.
    const shown = /^Repository: `?([^`\s]+)`?/.exec(summary ?? '')?.[1];
    expect(shown).toBe(`.vitals/repos/${serviceName}`);
    repositoryPath = path.resolve(__dirname, '../../..', shown!);
    expect(fs.existsSync(`${repositoryPath}/.git`)).toBe(true);
    await saveScreenshot(page, 'scaffolder-result');

    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/component/${serviceName}`),
    );
    // The entity's tabs, not the sidebar items of the same names.
    const tab = (name: string) =>
      page.getByRole('main').getByRole('link', { name, exact: true });
    // The catalog processes a newly registered location within seconds; the
    // page does not poll, so reload until the entity is there.
    await expect(async () => {
      await page.reload();
      await expect(tab('SLOs')).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    for (const name of ['SLOs', 'DR readiness', 'Compliance']) {
      await expect(tab(name)).toBeVisible();
    }
    await saveScreenshot(page, 'scaffolder-created-entity');

    // Each backend evaluates the new service: the SLO backend starts a
    // refresh when its tab is first read, DR readiness and compliance evaluate
    // it on demand. What they say is checked, not only that the tabs render.
    await tab('SLOs').click();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(/^Availability$/).first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByText('No SLO figures yet')).toHaveCount(0);
    await expect(
      page.getByText('No SLOs declared for this entity'),
    ).toHaveCount(0);
    // slo.yaml names the portal's application-insights data source, which
    // the demo configures: the SLOs compute instead of naming a missing source.
    await expect(page.getByText(/is not a configured data source/)).toHaveCount(
      0,
    );
    await saveScreenshot(page, 'scaffolder-created-slos');

    // No Azure resource carries its tag yet: unknown, never ready, and it
    // says which tag to deploy; the one-way pair is explained.
    await tab('DR readiness').click();
    const main = page.getByRole('main');
    await expect(main.getByText('West US 3 → East US')).toBeVisible();
    await expect(main.getByText('One-way pair')).toBeVisible();
    await expect(
      main
        .getByText(
          'No Azure resources were found for the entity: check its vitals.dev/azure-selector annotation or the vitals-entity tag on its resources.',
        )
        .first(),
    ).toBeVisible();
    await expect(main.getByText('Unknown').first()).toBeVisible();
    await expect(main.getByText(/^Ready$/)).toHaveCount(0);
    await saveScreenshot(page, 'scaffolder-created-dr-readiness');

    await tab('Compliance').click();
    await expect(
      main.getByText('No Azure resources found for this service'),
    ).toBeVisible();
    await expect(
      main.getByText(`vitals-entity=component:default/${serviceName}`).first(),
    ).toBeVisible();
    await expect(main.getByText('Unknown').first()).toBeVisible();
    await expect(main.getByText(/^Compliant$/)).toHaveCount(0);
    await saveScreenshot(page, 'scaffolder-created-compliance');

    // Unregistering is a catalog administrator's write: the permission
    // policy keeps it from the guest, and the menu says so.
    await tab('Overview').click();
    await page.getByRole('button', { name: 'more' }).click();
    await expect(
      page.getByRole('menuitem', { name: /Unregister entity/ }),
    ).toBeDisabled();
    await page.keyboard.press('Escape');
  });
});

import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { complianceApiRef } from '../../api/ComplianceApi';
import {
  coverageResponse,
  exemptions,
  fhirResponse,
  fhirSynapse,
  fhirWithGapsResponse,
} from '../../__fixtures__/responses';
import { api, mountedRoutes, renderEntity } from '../../__testUtils__/testApp';
import { ComplianceContent } from '../CompliancePage/CompliancePage';
import { EntityComplianceContent } from '../EntityComplianceContent/EntityComplianceContent';

// MUI tables: seconds, when the whole suite runs in parallel.
jest.setTimeout(30_000);

describe('coverage on the entity tab', () => {
  it('counts what was judged and lists what was not, the gaps that hold the verdict back first', async () => {
    await renderEntity(
      <EntityComplianceContent />,
      api({ getEntityCompliance: jest.fn(async () => fhirWithGapsResponse) }),
    );
    expect(await screen.findByText('Coverage')).toBeInTheDocument();
    // The server and its auditing settings.
    expect(
      screen.getByText(
        /^2 resource\(s\) judged, 2 not judged \(1 may hold data/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 resource\(s\) may hold or process PHI/),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Not judged' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('syn-fhir-analytics')).toBeInTheDocument();
    expect(
      within(items[0]).getByText('(microsoft.synapse/workspaces)'),
    ).toBeInTheDocument();
    expect(
      within(items[0]).getByText(/No HIPAA rule judges/),
    ).toBeInTheDocument();
    expect(
      within(items[0]).getByTitle('Keeps the verdict from passing'),
    ).toBeTruthy();
    expect(within(items[1]).getByText('pip-fhir-gateway')).toBeInTheDocument();
    expect(within(items[1]).getByText(/^Inert: /)).toBeInTheDocument();
    // The verdict names it too.
    expect(
      screen.getByText(/syn-fhir-analytics \(microsoft\.synapse\/workspaces\)/, {
        selector: 'p',
      }),
    ).toBeInTheDocument();
  });

  it('shows an exempted gap after the open ones, with the exemption', async () => {
    const withExemption = {
      ...fhirWithGapsResponse,
      coverage: {
        evaluated: 2,
        notEvaluated: [
          {
            ...fhirWithGapsResponse.coverage.notEvaluated[0],
            exemptionId: 'ex-1',
          },
          fhirWithGapsResponse.coverage.notEvaluated[1],
          {
            resourceId: `${fhirSynapse.id}-2`,
            type: 'microsoft.synapse/workspaces',
            reason: 'No HIPAA rule judges microsoft.synapse/workspaces.',
            blocking: true,
          },
        ],
      },
    };
    await renderEntity(
      <EntityComplianceContent />,
      api({ getEntityCompliance: jest.fn(async () => withExemption) }),
    );
    const list = await screen.findByRole('list', { name: 'Not judged' });
    const items = within(list).getAllByRole('listitem');
    expect(
      items.map(i => i.querySelector('strong')?.textContent),
    ).toEqual(['syn-fhir-analytics-2', 'syn-fhir-analytics', 'pip-fhir-gateway']);
    expect(
      within(items[1]).getByText(
        new RegExp(`^Excluded: exempt \\(risk-accepted\\) until .*${exemptions[0].reason}`),
      ),
    ).toBeInTheDocument();
  });

  it('says so when every resource was judged', async () => {
    await renderEntity(<EntityComplianceContent />, api());
    expect(
      await screen.findByText(
        `${fhirResponse.coverage.evaluated} resource(s) judged.`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Not judged' }),
    ).not.toBeInTheDocument();
  });

  it('says when a stored verdict predates coverage', async () => {
    await renderEntity(
      <EntityComplianceContent />,
      api({
        getEntityCompliance: jest.fn(async () => ({
          ...fhirResponse,
          coverage: { evaluated: 0, notEvaluated: [] },
          coverageRecorded: false,
        })),
      }),
    );
    expect(
      await screen.findByText(/stored before Vitals recorded which resources/),
    ).toBeInTheDocument();
  });
});

describe('coverage on the Compliance page', () => {
  const render = async (complianceApi = api(), route = '/compliance') => {
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, complianceApi]]}>
        <ComplianceContent />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: [route] },
    );
    return complianceApi;
  };

  it('shows the estate coverage, blind spots first, above the services', async () => {
    const complianceApi = await render();
    const title = await screen.findByText('What the HIPAA rules judge');
    expect(complianceApi.getCoverage).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText(
        '1 type(s), 2 resource(s) not judged by any of the HIPAA rules',
      ),
    ).toBeInTheDocument();
    const tables = screen.getAllByRole('table');
    const coverage = tables.find(t =>
      within(t).queryByText('microsoft.synapse/workspaces'),
    )!;
    const rows = within(coverage).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(coverageResponse.types.map(t => t.type));
    expect(within(rows[0]).getByText('Not judged')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('sql.auditing, sql.minimum-tls'),
    ).toBeInTheDocument();
    // Above the services table.
    const services = await screen.findByText(/^Services \(\d+\)$/);
    expect(
      title.compareDocumentPosition(services) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('says the coverage is of the estate now when viewing a past date', async () => {
    await render(api(), '/compliance?asOf=2026-11-01');
    expect(
      await screen.findByText(
        'What the HIPAA rules judge (the estate now, not as of the date)',
      ),
    ).toBeInTheDocument();
  });

  it('leaves the coverage out while no inventory is loaded', async () => {
    const unavailable = Object.assign(new Error('503'), {
      response: { status: 503 },
    });
    await render(
      api({ getCoverage: jest.fn(async () => Promise.reject(unavailable)) }),
    );
    expect(await screen.findByText(/^Services \(\d+\)$/)).toBeInTheDocument();
    expect(
      screen.queryByText('What the HIPAA rules judge'),
    ).not.toBeInTheDocument();
  });
});

import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { complianceApiRef } from '../api/ComplianceApi';
import {
  fhirEntity,
  fhirResponse,
  unclassifiedResponse,
} from '../__fixtures__/responses';
import { api, mountedRoutes, renderEntity } from '../__testUtils__/testApp';
import { EntityComplianceStatusFilter } from './ComplianceCatalogFilter';
import { ComplianceContent } from './CompliancePage/CompliancePage';
import { EntityComplianceCard } from './EntityComplianceCard';
import { EntityComplianceContent } from './EntityComplianceContent/EntityComplianceContent';
import { formatAge, humanizeRef, shortResourceId } from './format';
import { spansToPoints } from './TrendCharts';

// The pages render MUI tables and recharts: seconds, when the whole suite
// runs in parallel.
jest.setTimeout(30_000);

describe('format', () => {
  it('shortens what auditors and engineers read', () => {
    expect(formatAge(45)).toBe('45 s');
    expect(formatAge(7200)).toBe('2 h');
    expect(formatAge(null)).toBe('unknown age');
    expect(humanizeRef('group:default/clinical-data')).toBe('clinical-data');
    expect(humanizeRef('group:ops/night')).toBe('ops/night');
    expect(
      shortResourceId(
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-1/databases/db',
      ),
    ).toBe('servers/sql-1/databases/db');
  });

  it('draws a verdict span to the end of the range while it holds', () => {
    expect(
      spansToPoints(
        [
          {
            from: '2026-11-20T00:00:00.000Z',
            to: null,
            status: 'exempt',
            score: 90,
            counts: fhirResponse.counts,
          },
        ],
        Date.parse('2026-11-23T00:00:00.000Z'),
      ).map(p => [p.t, p.score]),
    ).toEqual([
      [Date.parse('2026-11-20T00:00:00.000Z'), 90],
      [Date.parse('2026-11-23T00:00:00.000Z'), 90],
    ]);
  });
});

describe('EntityComplianceContent', () => {
  it('shows the verdict, the failing finding with its evidence and the policy it mirrors', async () => {
    const complianceApi = api();
    await renderEntity(<EntityComplianceContent />, complianceApi);
    expect(await screen.findByLabelText('Score')).toHaveTextContent(
      `${fhirResponse.score} / 100`,
    );
    expect(screen.getAllByText('Non-compliant')[0]).toBeInTheDocument();
    expect(screen.getByText(fhirResponse.statusReason)).toBeInTheDocument();
    // Failing controls are open; their failing findings show evidence.
    expect(
      screen.getAllByText('The server accepts logins over its public endpoint.')
        .length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText('actual: Enabled').length).toBeGreaterThan(0);
    expect(
      screen.getAllByText(
        'Public network access on Azure SQL Database should be disabled',
      )[0],
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Fix: Connect through private endpoints/)[0],
    ).toBeInTheDocument();
    // Grouped by safeguard, with Required/Addressable.
    expect(
      screen.getByText('Technical safeguards (164.312)'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Addressable').length).toBeGreaterThan(0);
    // The expired exemption stays on record.
    const table = await screen.findByRole('table', { name: 'Exemptions' });
    expect(within(table).getByText('Expired')).toBeInTheDocument();
    expect(
      within(table).getByText('Partner VPN cut-over in progress'),
    ).toBeInTheDocument();
    // Without the permission, nothing can be added.
    expect(
      screen.queryByRole('button', { name: 'Add exemption' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(complianceApi.getEntityHistory).toHaveBeenCalledWith(
        'component:default/fhir-gateway',
        {},
      ),
    );
    expect(
      await screen.findByText(/164\.312\(b\) Audit controls: Pass →/),
    ).toBeInTheDocument();
  });

  it('names the annotation to add when the entity declares no classification', async () => {
    const complianceApi = api();
    await renderEntity(<EntityComplianceContent />, complianceApi, {
      entity: {
        ...fhirEntity,
        metadata: { name: 'legacy-fax', namespace: 'default' },
      },
    });
    expect(
      await screen.findByText('This service does not say what data it handles'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/vitals\.dev\/data-classification/).length,
    ).toBeGreaterThan(0);
    expect(complianceApi.getEntityCompliance).not.toHaveBeenCalled();
  });

  it('names the Azure tag when no resource matched, and says the data is stale', async () => {
    const complianceApi = api({
      getEntityCompliance: jest.fn(async () => ({
        ...unclassifiedResponse,
        emptyState: {
          ...unclassifiedResponse.emptyState!,
          classificationMissing: false,
        },
      })),
    });
    await renderEntity(<EntityComplianceContent />, complianceApi);
    expect(
      await screen.findByText('No Azure resources found for this service'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/vitals-entity=component:default\/fhir-gateway/)
        .length,
    ).toBeGreaterThan(0);
    expect(screen.getByText(/These verdicts are stale/)).toHaveTextContent(
      'Azure Resource Graph answered 429',
    );
  });

  it('explains a 503 while the first evaluation runs', async () => {
    const error = Object.assign(
      new Error('Compliance has not been evaluated yet'),
      {
        response: { status: 503 },
      },
    );
    await renderEntity(
      <EntityComplianceContent />,
      api({ getEntityCompliance: jest.fn(async () => Promise.reject(error)) }),
    );
    expect(
      await screen.findByText('Compliance is being evaluated'),
    ).toBeInTheDocument();
  });
});

describe('EntityComplianceCard', () => {
  it('summarises the status and links the failing controls to the tab', async () => {
    await renderEntity(<EntityComplianceCard />, api());
    expect(await screen.findByText('Non-compliant')).toBeInTheDocument();
    const failing = screen.getByRole('list', { name: 'Failing controls' });
    const link = within(failing).getByText(/164\.312\(a\)\(1\) Access control/);
    expect(link.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/fhir-gateway/compliance?control=164.312(a)(1)',
    );
  });
});

/** The services the overview table lists, by name, top to bottom. */
function listedServices(): string[] {
  const table = screen
    .getAllByRole('table')
    .find(t =>
      within(t).queryByRole('columnheader', { name: /Failing safeguards/ }),
    );
  if (!table) throw new Error('the services table is not rendered');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).queryAllByRole('link')[0]?.textContent ?? '')
    .filter(name => name !== '');
}

describe('ComplianceContent', () => {
  it("says why there is nothing yet while the first evaluation runs, in the backend's words", async () => {
    const unavailable = Object.assign(
      new Error('Request failed with 503 Service Unavailable'),
      {
        response: { status: 503 },
        body: {
          error: {
            message:
              'Compliance has not been evaluated yet: snapshot not found',
          },
        },
      },
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            complianceApiRef,
            api({
              getOverview: jest.fn(async () => Promise.reject(unavailable)),
            }),
          ],
        ]}
      >
        <ComplianceContent />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText(
        'Compliance has not been evaluated yet: snapshot not found',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('HIPAA compliance')).toBeInTheDocument();
    expect(screen.getByText(/asks again every 10 seconds/)).toBeInTheDocument();
  });

  it('lists services worst first, filters by status in the URL and exports the current filter', async () => {
    const complianceApi = api();
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, complianceApi]]}>
        <ComplianceContent />
      </TestApiProvider>,
      {
        mountedRoutes,
        routeEntries: ['/compliance?status=non-compliant&classification=phi'],
      },
    );
    expect(await screen.findByText('Services (1)')).toBeInTheDocument();
    // The compliant and the not-applicable services are filtered out.
    expect(listedServices()).toEqual(['fhir-gateway']);
    expect(screen.queryByText('records-service')).not.toBeInTheDocument();
    expect(screen.queryByText('clinic-finder')).not.toBeInTheDocument();
    expect(complianceApi.getOverview).toHaveBeenCalledWith({
      classification: 'phi',
      owner: undefined,
      system: undefined,
      asOf: undefined,
    });
    // The matrix shows who owns which failing control.
    const matrix = screen.getByRole('table', {
      name: 'Failing controls by team',
    });
    expect(
      within(matrix).getByRole('button', {
        name: /clinical-data 164\.312\(b\): 1 service\(s\) fail/,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('vm-hl7-test')).toBeInTheDocument();

    global.URL.createObjectURL = jest.fn(() => 'blob:evidence');
    global.URL.revokeObjectURL = jest.fn();
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() =>
      expect(complianceApi.downloadReport).toHaveBeenCalledWith(
        'csv',
        expect.objectContaining({
          status: 'non-compliant',
          classification: 'phi',
        }),
      ),
    );
  });

  it('asks for the estate once when no backend filter is set, and takes the owner options from it', async () => {
    const complianceApi = api();
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, complianceApi]]}>
        <ComplianceContent />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    // Worst first; a service HIPAA does not apply to last.
    expect(listedServices()).toEqual([
      'fhir-gateway',
      'records-service',
      'clinic-finder',
    ]);
    expect(complianceApi.getOverview).toHaveBeenCalledTimes(1);
    const ownerSelect = screen
      .getAllByRole('button', { name: 'Owner' })
      .find(b => b.getAttribute('aria-haspopup') === 'listbox')!;
    fireEvent.mouseDown(ownerSelect);
    expect(
      within(screen.getByRole('listbox')).getAllByRole('option').length,
    ).toBeGreaterThan(1);
  });

  it('lists only the services failing the control in the URL, and every service again once the filter is cleared', async () => {
    const complianceApi = api();
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, complianceApi]]}>
        <ComplianceContent />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: ['/compliance?control=164.312(a)(1)'] },
    );
    expect(await screen.findByText('Services (2)')).toBeInTheDocument();
    // records-service passes 164.312(a)(1); both others fail it.
    expect(listedServices()).toEqual(['fhir-gateway', 'clinic-finder']);
    expect(screen.queryByText('records-service')).not.toBeInTheDocument();
    // The control is filtered in the browser, not by the backend.
    expect(complianceApi.getOverview).toHaveBeenCalledWith(
      expect.not.objectContaining({ control: expect.anything() }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    expect(listedServices()).toEqual([
      'fhir-gateway',
      'records-service',
      'clinic-finder',
    ]);
  });

  it('shows the time-travel banner for an asOf date', async () => {
    const complianceApi = api();
    await renderInTestApp(
      <TestApiProvider apis={[[complianceApiRef, complianceApi]]}>
        <ComplianceContent />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: ['/compliance?asOf=2026-06-30'] },
    );
    expect(
      await screen.findByText(/as of the end of 2026-06-30/),
    ).toBeInTheDocument();
    expect(complianceApi.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ asOf: '2026-06-30' }),
    );
  });
});

describe('EntityComplianceStatusFilter', () => {
  const statusByRef = new Map([
    ['component:default/fhir-gateway', 'non-compliant' as const],
    ['component:default/records-service', 'compliant' as const],
    ['api:default/fhir-gateway', 'unknown' as const],
  ]);

  it('asks the catalog for the matching names and keeps exact refs', () => {
    const filter = new EntityComplianceStatusFilter(
      ['non-compliant'],
      statusByRef,
    );
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.name': ['fhir-gateway'],
    });
    expect(filter.filterEntity(fhirEntity)).toBe(true);
    expect(filter.filterEntity({ ...fhirEntity, kind: 'API' } as Entity)).toBe(
      false,
    );
    expect(filter.toQueryValue()).toEqual(['non-compliant']);
  });

  it('matches nothing when no service has the status', () => {
    const filter = new EntityComplianceStatusFilter(['exempt'], statusByRef);
    const names = filter.getCatalogFilters()['metadata.name'];
    expect(names).toHaveLength(1);
    expect(names[0]).toContain(' ');
  });
});

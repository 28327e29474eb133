import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { identityApiRef } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SloApi, sloApiRef } from '../api/SloApi';
import { entityResponse, overviewItems } from '../__fixtures__/responses';
import { EntitySloCard } from './EntitySloCard';
import { EntitySlosContent } from './EntitySlosContent/EntitySlosContent';
import { ErrorBudgetsContent } from './ErrorBudgetsPage/ErrorBudgetsPage';
import { formatPercent, formatBurnRate, describeWindow } from './format';

const entity = (
  annotations: Record<string, string> = { 'vitals.dev/slo-ref': './slo.yaml' },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'patient-messaging', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'care-experience', lifecycle: 'production' },
});

const closedGate = {
  entityRef: 'component:default/patient-messaging',
  allow: false,
  policyState: 'freeze' as const,
  reasons: [
    {
      slo: 'availability',
      displayName: 'Availability',
      remaining: -0.5,
      policyState: 'freeze' as const,
      stale: false,
    },
  ],
  override: null,
  message: 'Deploy gate closed: …',
};

function api(overrides: Partial<SloApi> = {}): SloApi {
  return {
    getEntitySlos: jest.fn(async () => entityResponse),
    getOverview: jest.fn(async () => ({
      items: overviewItems,
      computedAt: '2026-11-23T12:00:00.000Z',
    })),
    getHistory: jest.fn(async () => ({
      entityRef: entityResponse.entityRef,
      slo: 'availability',
      from: '2026-11-22T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      step: '15m',
      points: [
        {
          t: '2026-11-23T11:30:00.000Z',
          sli: 0.9997,
          burnRate: 0.3,
          remaining: 0.7,
        },
        {
          t: '2026-11-23T11:45:00.000Z',
          sli: 0.9997,
          burnRate: 12,
          remaining: 0.68,
        },
        {
          t: '2026-11-23T12:00:00.000Z',
          sli: 0.99966,
          burnRate: 30,
          remaining: 0.659,
        },
      ],
    })),
    getDataSources: jest.fn(async () => ({ items: [] })),
    getDeployGate: jest.fn(async () => closedGate),
    listDeployGateOverrides: jest.fn(async () => ({ items: [] })),
    createDeployGateOverride: jest.fn(async () => {
      throw new Error('not expected');
    }),
    revokeDeployGateOverride: jest.fn(async () => {
      throw new Error('not expected');
    }),
    listDeployments: jest.fn(async () => ({
      entityRef: entityResponse.entityRef,
      from: '2026-08-23T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      items: [
        {
          id: 'd1',
          entityRef: entityResponse.entityRef,
          version: '4.2.0',
          environment: 'production-eastus2',
          at: '2026-11-23T11:40:00.000Z',
          url: null,
          recordedBy: 'service:release-pipelines',
          recordedAt: '2026-11-23T11:40:05.000Z',
        },
        {
          id: 'd0',
          entityRef: entityResponse.entityRef,
          version: '4.1.0',
          environment: 'production-eastus2',
          at: '2026-10-01T09:00:00.000Z',
          url: null,
          recordedBy: 'service:release-pipelines',
          recordedAt: '2026-10-01T09:00:05.000Z',
        },
      ],
    })),
    ...overrides,
  };
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderEntity(element: JSX.Element, sloApi: SloApi, e = entity()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sloApiRef, sloApi],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/guest' }),
        ],
      ]}
    >
      <EntityProvider entity={e}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

// The pages render MUI tables and recharts: seconds, when the whole suite
// runs in parallel.
jest.setTimeout(30_000);

describe('format', () => {
  it.each([
    [0.999, undefined, '99.9%'],
    [0.9995, undefined, '99.95%'],
    [0.99966, undefined, '99.966%'],
    [0.5, undefined, '50%'],
    [-0.4982, 1, '-49.8%'],
    [null, undefined, '—'],
  ])('formats %p as %s', (value, digits, text) => {
    expect(formatPercent(value as any, digits)).toBe(text);
  });

  it('formats burn rates and windows', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0.704)).toBe('0.70×');
    expect(formatBurnRate(null)).toBe('—');
    expect(describeWindow({ duration: '30d', rolling: true })).toBe(
      '30 days, rolling',
    );
    expect(describeWindow({ duration: '1M', rolling: false })).toBe(
      '1 month, calendar',
    );
  });
});

describe('EntitySlosContent', () => {
  it('shows each SLO with its objective, budget, policy, firing alert and the document errors', async () => {
    const sloApi = api();
    await renderEntity(<EntitySlosContent />, sloApi);
    expect(await screen.findByText('99.966%')).toBeInTheDocument();
    expect(screen.getByText('Paging: burning 1h/5m')).toBeInTheDocument();
    expect(screen.getByText('65.9%')).toBeInTheDocument();
    expect(
      screen.getByText(/Budget available: ship features as planned/),
    ).toBeInTheDocument();
    expect(screen.getByText('-50.0%')).toBeInTheDocument();
    expect(screen.getByText('Exhausted')).toBeInTheDocument();
    expect(screen.getByText(/Stale/)).toBeInTheDocument();
    expect(screen.getByText(/got 1\.5/)).toBeInTheDocument();
    expect(
      screen.getByText(/Error in \.\/slo\.yaml, document 3, line 41/),
    ).toBeInTheDocument();
    const [alerts] = screen.getAllByRole('table', { name: 'Burn-rate alerts' });
    const rows = within(alerts).getAllByRole('row');
    expect(within(rows[1]).getByText('Firing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('OK')).toBeInTheDocument();
    expect(screen.getAllByText('Missed').length).toBeGreaterThan(0);
    expect(sloApi.getEntitySlos).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'patient-messaging',
    });
    await waitFor(() => expect(sloApi.getHistory).toHaveBeenCalled());
  });

  it('shows the closed deploy gate with the SLO in the way, without override controls for a user without the permission', async () => {
    const sloApi = api();
    await renderEntity(<EntitySlosContent />, sloApi);
    const gate = await screen.findByTestId('deploy-gate');
    expect(
      within(gate).getByText('Deploy gate closed: error-budget freeze'),
    ).toBeInTheDocument();
    expect(gate).toHaveTextContent(
      'Availability: freeze, -50.0% of its error budget left',
    );
    expect(
      within(gate).queryByRole('button', { name: 'Override the gate' }),
    ).not.toBeInTheDocument();
  });

  it('marks the deployments of the chart range on the charts', async () => {
    const sloApi = api();
    await renderEntity(<EntitySlosContent />, sloApi);
    const [markers] = await screen.findAllByTestId('deployment-markers');
    expect(markers).toHaveTextContent(
      /1 deployment in this range \(4\.2\.0 to production-eastus2, Nov 23, \d\d:40\)/,
    );
    expect(sloApi.listDeployments).toHaveBeenCalledTimes(1);
  });

  it('asks for the chart range the user picks', async () => {
    const sloApi = api();
    await renderEntity(<EntitySlosContent />, sloApi);
    await screen.findByText('99.966%');
    fireEvent.click(screen.getAllByRole('button', { name: '7 d' })[0]);
    await waitFor(() =>
      expect(sloApi.getHistory).toHaveBeenCalledWith(
        expect.anything(),
        'availability',
        expect.objectContaining({ step: '1h' }),
      ),
    );
  });

  it('shows the annotation and a minimal slo.yaml when the entity declares no SLOs', async () => {
    const sloApi = api();
    await renderEntity(<EntitySlosContent />, sloApi, entity({}));
    expect(
      screen.getByText('No SLOs declared for this entity'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/vitals\.dev\/slo-ref/).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByText('slo.yaml')).toBeInTheDocument();
    expect(sloApi.getEntitySlos).not.toHaveBeenCalled();
  });

  it.each([
    'The SLOs of component:default/patient-messaging are being computed for the first time',
    'No SLO figures are stored for component:default/patient-messaging yet, and the data source failed: metricSourceRef "thanos" is not a configured data source (configured in vitals.slo.dataSources: prometheus)',
  ])(
    'says why there are no figures when the backend answers 503: %s',
    async text => {
      // A ResponseError: a generic message, the server's in its cause.
      const error: any = new Error(
        'Request failed with 503 Service Unavailable',
      );
      error.response = { status: 503 };
      error.cause = { name: 'ServiceUnavailableError', message: text };
      await renderEntity(
        <EntitySlosContent />,
        api({ getEntitySlos: jest.fn(async () => Promise.reject(error)) }),
      );
      expect(await screen.findByText('No SLO figures yet')).toBeInTheDocument();
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(
        screen.queryByText('Request failed with 503 Service Unavailable'),
      ).not.toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Try again' }),
      ).toBeInTheDocument();
    },
  );
});

describe('EntitySloCard', () => {
  it('summarises each SLO and links to the SLOs tab', async () => {
    await renderEntity(<EntitySloCard />, api());
    expect(await screen.findByText('Availability')).toBeInTheDocument();
    expect(screen.getByText('Paging: burning fast')).toBeInTheDocument();
    expect(screen.getByText('Freeze')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All SLO details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/patient-messaging/slos',
    );
  });
});

const ALL_SERVICES = [
  'billing-service',
  'fhir-gateway',
  'patient-messaging',
  'records-service',
];

/** The SLO table's body, as the user reads it: service and SLO of each row, top to bottom. */
function sloRows(): string[][] {
  const table = screen.getAllByRole('table')[0];
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter(r => within(r).queryAllByRole('link').length > 0)
    .map(r =>
      within(r)
        .getAllByRole('link')
        .slice(0, 2)
        .map(link => link.textContent ?? ''),
    );
}

const services = () => sloRows().map(([service]) => service);

/** Asserts the table shows exactly `kept`, in order, and none of the other services. */
function expectOnly(kept: string[]) {
  expect(services()).toEqual(kept);
  const table = screen.getAllByRole('table')[0];
  for (const gone of ALL_SERVICES.filter(s => !kept.includes(s))) {
    expect(within(table).queryByText(gone)).not.toBeInTheDocument();
  }
  expect(screen.getByRole('group', { name: 'SLOs' })).toHaveTextContent(
    String(kept.length),
  );
}

/** The first column of a rollup table: its teams or systems, in order. */
function rollupKeys(name: string): string[] {
  return within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[0].textContent ?? '');
}

describe('ErrorBudgetsContent', () => {
  async function renderPage(path = '/error-budgets') {
    await renderInTestApp(
      <TestApiProvider apis={[[sloApiRef, api()]]}>
        <ErrorBudgetsContent />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: [path] },
    );
    await screen.findByText(/^SLOs \(\d+\)$/);
  }

  it('lists every SLO worst budget first, with counts and rollups', async () => {
    await renderPage();
    expect(screen.getByText('SLOs (4)')).toBeInTheDocument();
    expect(sloRows()).toEqual([
      ['billing-service', 'Availability'],
      ['fhir-gateway', 'Availability'],
      ['patient-messaging', 'Availability'],
      ['records-service', 'Request latency'],
    ]);
    expect(
      screen.getByRole('group', { name: 'Alerts firing' }),
    ).toHaveTextContent('1');
    expect(screen.getByRole('group', { name: 'Freeze' })).toHaveTextContent(
      '1',
    );
    expect(screen.getByRole('group', { name: 'SLOs' })).toHaveTextContent('4');
    // Teams with a firing alert first, then the worst budget.
    expect(rollupKeys('By team')).toEqual(['care-experience', 'clinical-data']);
    expect(rollupKeys('By system')).toEqual([
      'patient-portal',
      'clinical-records',
    ]);
  });

  it.each([
    ['firing=true', ['patient-messaging']],
    ['owner=group:default/clinical-data', ['fhir-gateway', 'records-service']],
    [
      'system=system:default/patient-portal',
      ['billing-service', 'patient-messaging'],
    ],
    ['state=healthy', ['patient-messaging', 'records-service']],
    ['state=freeze', ['billing-service']],
    ['state=warning', ['fhir-gateway']],
    [
      'owner=group:default/care-experience&state=healthy',
      ['patient-messaging'],
    ],
    ['q=latency', ['records-service']],
    ['q=FHIR', ['fhir-gateway']],
  ])(
    'filters from the URL, so a filtered view can be shared: ?%s',
    async (query, kept) => {
      await renderPage(`/error-budgets?${query}`);
      expect(
        await screen.findByText(`SLOs (${kept.length})`),
      ).toBeInTheDocument();
      expectOnly(kept);
    },
  );

  it('rolls up only the filtered SLOs', async () => {
    await renderPage('/error-budgets?owner=group:default/clinical-data');
    expect(rollupKeys('By team')).toEqual(['clinical-data']);
    expect(rollupKeys('By system')).toEqual(['clinical-records']);
  });

  it('says so when no SLO matches the filters', async () => {
    await renderPage('/error-budgets?state=none');
    expect(screen.getByText('SLOs (0)')).toBeInTheDocument();
    expect(
      screen.getByText('No SLO matches these filters.'),
    ).toBeInTheDocument();
    expect(services()).toEqual([]);
  });

  it('searches as the user types, on service and SLO, and clears', async () => {
    await renderPage();
    const search = screen.getByLabelText('Search');
    // `records` is also in fhir-gateway's system, which search does not read.
    fireEvent.change(search, { target: { value: 'records' } });
    expect(await screen.findByText('SLOs (1)')).toBeInTheDocument();
    expectOnly(['records-service']);

    fireEvent.change(search, { target: { value: 'availability' } });
    expect(await screen.findByText('SLOs (3)')).toBeInTheDocument();
    expectOnly(['billing-service', 'fhir-gateway', 'patient-messaging']);

    fireEvent.change(search, { target: { value: '' } });
    expect(await screen.findByText('SLOs (4)')).toBeInTheDocument();
    expectOnly(ALL_SERVICES);
  });

  it('filters by the owner the user picks', async () => {
    await renderPage();
    fireEvent.mouseDown(
      within(
        screen.getByText('Owner', { selector: 'label' }).parentElement!,
      ).getByRole('button'),
    );
    fireEvent.click(
      within(screen.getByRole('listbox')).getByText('clinical-data'),
    );
    expect(await screen.findByText('SLOs (2)')).toBeInTheDocument();
    expectOnly(['fhir-gateway', 'records-service']);
  });

  it('keeps only firing SLOs when the user asks', async () => {
    await renderPage();
    fireEvent.click(screen.getByLabelText('Firing alerts only'));
    expect(await screen.findByText('SLOs (1)')).toBeInTheDocument();
    expectOnly(['patient-messaging']);
  });

  it('reverses the budget order when the user sorts by it', async () => {
    await renderPage();
    const table = screen.getAllByRole('table')[0];
    fireEvent.click(within(table).getByText('Budget left'));
    await waitFor(() =>
      expect(services()).toEqual([...ALL_SERVICES].reverse()),
    );
  });

  it('puts firing SLOs first when the user sorts by alerts', async () => {
    await renderPage();
    const table = screen.getAllByRole('table')[0];
    fireEvent.click(within(table).getByText('Alerts'));
    await waitFor(() => expect(services()[0]).toBe('patient-messaging'));
    expect(services()).toEqual([
      'patient-messaging',
      'billing-service',
      'fhir-gateway',
      'records-service',
    ]);
  });
});

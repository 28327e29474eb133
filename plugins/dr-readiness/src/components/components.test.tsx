import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  drills,
  eastus2Impact,
  estateCoverage,
  fhirReadiness,
  overview,
  policyErrorBody,
} from '../__fixtures__/responses';
import { DrReadinessApi, drReadinessApiRef } from '../api/DrReadinessApi';
import { EntityDrReadinessCard } from './EntityDrReadinessCard';
import { EntityDrReadinessContent } from './EntityDrReadinessContent/EntityDrReadinessContent';
import { DrReadinessContent } from './DrReadinessPage/DrReadinessPage';
import { describeResource, formatDuration, humanizeDurations } from './format';

const entity = (
  annotations: Record<string, string> = {
    'vitals.dev/dr-tier': 'critical',
    'vitals.dev/primary-region': 'eastus2',
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fhir-gateway', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'clinical-data', lifecycle: 'production' },
});

function api(overrides: Partial<DrReadinessApi> = {}): DrReadinessApi {
  return {
    getEntity: jest.fn(async () => fhirReadiness),
    getOverview: jest.fn(async () => overview),
    getRegionImpact: jest.fn(async () => eastus2Impact),
    getRegions: jest.fn(async () => ({ regions: [] })),
    getCoverage: jest.fn(async () => estateCoverage),
    listDrills: jest.fn(async () => ({ items: drills })),
    recordDrill: jest.fn(async (_ref, input) => ({
      ...input,
      id: 'd-new',
      entityRef: 'component:default/fhir-gateway',
      notes: input.notes ?? '',
      recordedBy: 'user:default/guest',
      recordedAt: '2026-11-23T12:00:00.000Z',
    })),
    correctDrill: jest.fn(async (_ref, id, input) => {
      const { reason, ...values } = input;
      return {
        ...drills.find(d => d.id === id)!,
        ...values,
        notes: values.notes ?? '',
        state: 'corrected' as const,
        revisions: [
          {
            action: 'correct' as const,
            by: 'user:default/guest',
            at: '2026-11-23T12:00:00.000Z',
            reason,
          },
        ],
      };
    }),
    withdrawDrill: jest.fn(async (_ref, id, reason) => ({
      ...drills.find(d => d.id === id)!,
      state: 'withdrawn' as const,
      revisions: [
        {
          action: 'withdraw' as const,
          by: 'user:default/guest',
          at: '2026-11-23T12:00:00.000Z',
          reason,
        },
      ],
    })),
    ...overrides,
  };
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };
const ALLOW = () => 'ALLOW' as any;

function renderEntity(
  element: JSX.Element,
  drApi: DrReadinessApi,
  options: { e?: Entity; permission?: () => any } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [drReadinessApiRef, drApi],
        [permissionApiRef, new MockPermissionApi(options.permission ?? ALLOW)],
      ]}
    >
      <EntityProvider entity={options.e ?? entity()}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

// The pages render MUI tables and recharts: seconds, when the whole suite
// runs in parallel.
jest.setTimeout(30_000);

describe('format', () => {
  it.each([
    ['PT15M', '15 min'],
    ['PT1H5M', '1 h 5 min'],
    ['PT0S', '0 s'],
    ['PT150S', '2 min 30 s'],
    ['P2DT3H', '2 d 3 h'],
    [null, '—'],
    ['soon', 'soon'],
  ])('formats %p as %s', (iso, text) => {
    expect(formatDuration(iso)).toBe(text);
  });

  it('humanizes durations inside sentences and names resources', () => {
    expect(
      humanizeDurations(
        'writable after about PT1H5M, beyond the RTO of PT15M.',
      ),
    ).toBe('writable after about 1 h 5 min, beyond the RTO of 15 min.');
    expect(humanizeDurations('PTO days and a P')).toBe('PTO days and a P');
    expect(
      describeResource(
        '/subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Sql/servers/sql-a/failoverGroups/fg-a',
      ),
    ).toEqual({ name: 'fg-a', type: 'Failover group', resourceGroup: 'rg-x' });
  });
});

describe('EntityDrReadinessContent', () => {
  it('shows the policy, both regions with their checks, evidence and remediation, observed RPO and drills', async () => {
    const drApi = api();
    await renderEntity(<EntityDrReadinessContent />, drApi);
    expect(
      await screen.findByText('If East US 2 goes down'),
    ).toBeInTheDocument();
    expect(screen.getByText('If Central US goes down')).toBeInTheDocument();
    expect(screen.getAllByText('Not ready').length).toBeGreaterThan(0);
    expect(screen.getByText('Azure region pair')).toBeInTheDocument();
    expect(
      screen.getByText(/East US 2 and Central US are an Azure region pair/),
    ).toBeInTheDocument();
    expect(screen.getByText('15 min', { selector: 'dd' })).toBeInTheDocument();

    // A failing check is open with its remediation and readable evidence.
    const failing = screen.getByTestId('check-sql-failover-group');
    expect(
      within(failing).getByText(
        'Add fhir-terminology to failover group fg-fhir-gateway.',
      ),
    ).toBeInTheDocument();
    expect(within(failing).getByText('fhir-terminology')).toBeInTheDocument();
    expect(
      within(failing).getByText('sql-fhir-gateway-centralus'),
    ).toBeInTheDocument();
    expect(within(failing).getAllByText('not reported').length).toBe(2);
    expect(within(failing).queryByText(/\{/)).toBeNull();
    // Durations inside Azure's wording are made readable.
    expect(
      screen.getAllByText(/writable again after about 1 h 5 min/).length,
    ).toBeGreaterThan(0);

    expect(screen.getByText('3 min')).toBeInTheDocument();
    expect(screen.getByText('Drill history (1)')).toBeInTheDocument();
    expect(screen.getByText('3 h 10 min')).toBeInTheDocument();
    expect(drApi.getEntity).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'fhir-gateway',
    });
  });

  it('names the APRL recommendations each check mirrors, beside it', async () => {
    await renderEntity(<EntityDrReadinessContent />, api());
    const failing = await screen.findByTestId('check-sql-failover-group');
    expect(
      within(failing).getByText('APRL 943c168a, de266d8a'),
    ).toBeInTheDocument();
    // The failing check is open: its details link each recommendation.
    for (const id of ['943c168a', 'de266d8a']) {
      const link = within(failing).getByRole('link', {
        name: new RegExp(`^APRL recommendation ${id}`),
      });
      expect(link).toHaveAttribute(
        'href',
        'https://azure.github.io/Azure-Proactive-Resiliency-Library-v2/',
      );
      expect(link).toHaveTextContent(id);
    }
    // A check without a counterpart names none.
    const policy = screen.getByTestId('check-sql-failover-policy');
    expect(within(policy).queryByText(/^APRL/)).toBeNull();
    expect(
      within(policy).getByText(/no APRL recommendation corresponds/),
    ).toBeInTheDocument();
  });

  it('shows what the checks judged and lists what they did not, blocking first, exclusions with their reason', async () => {
    await renderEntity(<EntityDrReadinessContent />, api());
    expect(await screen.findByText('Coverage')).toBeInTheDocument();
    expect(
      screen.getByText(/14 resource\(s\) judged, 3 not judged/),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Not judged' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.querySelector('strong')?.textContent)).toEqual([
      'syn-fhir-analytics',
      'log-fhir-gateway',
      'pip-fhir-gateway',
    ]);
    expect(
      within(items[0]).getByTitle('Keeps the verdict from passing'),
    ).toBeInTheDocument();
    expect(items[0]).toHaveTextContent('microsoft.synapse/workspaces');
    expect(items[1]).toHaveTextContent(
      'Excluded: Diagnostics only; the service runs without them',
    );
    expect(
      within(items[1]).getByTitle('Does not affect the verdict'),
    ).toBeInTheDocument();
  });

  it('records a drill through the dialog, then reloads the readiness and the history', async () => {
    const drApi = api();
    await renderEntity(<EntityDrReadinessContent />, drApi);
    fireEvent.click(
      await screen.findByRole('button', { name: /Record drill/ }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByLabelText('Partial'));
    fireEvent.change(within(dialog).getByLabelText('Recovery time (min)'), {
      target: { value: '12' },
    });
    fireEvent.change(within(dialog).getByLabelText('Notes'), {
      target: { value: 'Ran the runbook.' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record drill' }),
    );
    await waitFor(() => expect(drApi.recordDrill).toHaveBeenCalled());
    expect(drApi.recordDrill).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'fhir-gateway' },
      expect.objectContaining({
        region: 'eastus2',
        outcome: 'partial',
        rtoAchieved: 'PT720S',
        notes: 'Ran the runbook.',
        performedAt: expect.stringMatching(/Z$/),
      }),
    );
    expect(
      await screen.findByText(/readiness re-evaluated/),
    ).toBeInTheDocument();
    await waitFor(() => expect(drApi.getEntity).toHaveBeenCalledTimes(2));
    expect(drApi.listDrills).toHaveBeenCalledTimes(2);
  });

  it('corrects a drill with a reason, then reloads the readiness and the history', async () => {
    const drApi = api();
    await renderEntity(<EntityDrReadinessContent />, drApi);
    fireEvent.click(
      await screen.findByRole('button', { name: /^Correct the drill/ }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Correct a DR drill')).toBeInTheDocument();
    // The recorded values are the starting point.
    expect(within(dialog).getByLabelText('Recovery time (min)')).toHaveValue(
      190,
    );
    const save = within(dialog).getByRole('button', {
      name: 'Save correction',
    });
    expect(save).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Recovery time (min)'), {
      target: { value: '200' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'The RTO was read from the wrong dashboard.' },
    });
    expect(save).toBeEnabled();
    fireEvent.click(save);
    await waitFor(() => expect(drApi.correctDrill).toHaveBeenCalled());
    expect(drApi.correctDrill).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'fhir-gateway' },
      'd-2',
      expect.objectContaining({
        region: 'eastus2',
        outcome: 'partial',
        rtoAchieved: 'PT12000S',
        rpoAchieved: 'PT3600S',
        notes: 'fhir-terminology came back only by a geo-restore.',
        reason: 'The RTO was read from the wrong dashboard.',
        performedAt: expect.stringMatching(/^2026-10-14T14:00:00\.000Z$/),
      }),
    );
    expect(
      await screen.findByText(/corrected; readiness re-evaluated/),
    ).toBeInTheDocument();
    await waitFor(() => expect(drApi.getEntity).toHaveBeenCalledTimes(2));
    expect(drApi.listDrills).toHaveBeenCalledTimes(2);
  });

  it('withdraws a drill with a reason, and shows withdrawn and corrected drills as such', async () => {
    const history = [
      {
        ...drills[0],
        state: 'corrected' as const,
        revisions: [
          {
            action: 'correct' as const,
            by: 'user:default/priya.raman',
            at: '2026-10-15T09:00:00.000Z',
            reason: 'RTO typo',
          },
        ],
      },
      {
        ...drills[0],
        id: 'd-1',
        performedAt: '2026-09-01T10:00:00.000Z',
        state: 'withdrawn' as const,
        revisions: [
          {
            action: 'withdraw' as const,
            by: 'user:default/priya.raman',
            at: '2026-09-02T09:00:00.000Z',
            reason: 'tabletop only',
          },
        ],
      },
    ];
    const drApi = api({
      listDrills: jest.fn(async () => ({ items: history })),
    });
    await renderEntity(<EntityDrReadinessContent />, drApi);
    expect(await screen.findByText('Drill history (2)')).toBeInTheDocument();
    expect(screen.getByText('Corrected')).toBeInTheDocument();
    expect(screen.getByText('Withdrawn')).toBeInTheDocument();
    expect(
      screen.getByLabelText(/Withdrawn by priya.raman on .*: tabletop only/),
    ).toBeInTheDocument();
    // A withdrawn drill is final: only the other one offers the actions.
    expect(
      screen.getAllByRole('button', { name: /^Withdraw the drill/ }),
    ).toHaveLength(1);
    expect(
      screen.getAllByRole('button', { name: /^Correct the drill/ }),
    ).toHaveLength(1);

    fireEvent.click(
      screen.getByRole('button', { name: /^Withdraw the drill/ }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Withdraw drill',
    });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'It was a tabletop exercise.' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(drApi.withdrawDrill).toHaveBeenCalledWith(
        { kind: 'Component', namespace: 'default', name: 'fhir-gateway' },
        'd-2',
        'It was a tabletop exercise.',
      ),
    );
    expect(
      await screen.findByText(/withdrawn; it no longer counts for readiness/),
    ).toBeInTheDocument();
    expect(drApi.listDrills).toHaveBeenCalledTimes(2);
  });

  it('shows the backend error of a correction in its dialog', async () => {
    const drApi = api({
      correctDrill: jest.fn(async () => {
        throw new Error(
          'drill d-2 was withdrawn and can no longer be corrected',
        );
      }),
    });
    await renderEntity(<EntityDrReadinessContent />, drApi);
    fireEvent.click(
      await screen.findByRole('button', { name: /^Correct the drill/ }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'wrong date' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save correction' }),
    );
    expect(
      await within(dialog).findByText(/can no longer be corrected/),
    ).toBeInTheDocument();
  });

  it('shows the backend error naming the field when a drill is rejected', async () => {
    const drApi = api({
      recordDrill: jest.fn(async () => {
        throw new Error('performedAt: performedAt 2099-01-01 is in the future');
      }),
    });
    await renderEntity(<EntityDrReadinessContent />, drApi);
    fireEvent.click(
      await screen.findByRole('button', { name: /Record drill/ }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Record drill' }),
    );
    expect(
      await within(dialog).findByText(/performedAt: .* is in the future/),
    ).toBeInTheDocument();
  });

  it('marks stale data as stale, with its age and the refresh error', async () => {
    await renderEntity(
      <EntityDrReadinessContent />,
      api({
        getEntity: jest.fn(async () => ({
          ...fhirReadiness,
          stale: true,
          inventory: {
            ...fhirReadiness.inventory!,
            ageSeconds: 7200,
            stale: true,
            error: 'ResourceGraph answered 503',
          },
        })),
      }),
    );
    expect(
      await screen.findByText(
        /Stale: this is the Azure inventory of 2 h ago.*ResourceGraph answered 503/,
      ),
    ).toBeInTheDocument();
  });

  it('names the annotations to add when the entity declares no DR policy', async () => {
    const drApi = api();
    await renderEntity(<EntityDrReadinessContent />, drApi, { e: entity({}) });
    expect(
      screen.getByText('No DR policy declared for this entity'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/vitals\.dev\/dr-tier/).length).toBeGreaterThan(
      0,
    );
    expect(
      screen.getAllByText(/vitals\.dev\/primary-region/).length,
    ).toBeGreaterThan(0);
    expect(drApi.getEntity).not.toHaveBeenCalled();
  });

  it('lists annotations that cannot be used, with their values', async () => {
    await renderEntity(
      <EntityDrReadinessContent />,
      api({ getEntity: jest.fn(async () => policyErrorBody) }),
    );
    expect(
      await screen.findByText('The DR annotations cannot be used'),
    ).toBeInTheDocument();
    expect(screen.getByText('gold')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Record drill/ })).toBeNull();
  });

  it('says readiness is being evaluated when the backend answers 503', async () => {
    const error: any = new Error(
      'DR readiness has not been evaluated yet; the first refresh of the Azure inventory is under way',
    );
    error.response = { status: 503 };
    await renderEntity(
      <EntityDrReadinessContent />,
      api({ getEntity: jest.fn(() => Promise.reject(error)) }),
    );
    expect(
      await screen.findByText('DR readiness is being evaluated'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });
});

describe('EntityDrReadinessCard', () => {
  it('summarises each region and links to the tab', async () => {
    await renderEntity(<EntityDrReadinessCard />, api());
    const table = await screen.findByRole('table', {
      name: 'DR readiness by region',
    });
    expect(within(table).getByText('East US 2')).toBeInTheDocument();
    expect(within(table).getByText('1 h 5 min')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All checks and drills/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fhir-gateway/dr-readiness',
    );
  });
});

const ALL_SERVICES = [
  'fhir-gateway',
  'patient-messaging',
  'records-service',
  'clinic-finder',
];

/** The heat map's services as the user reads them, top to bottom. */
function heatMapServices(): string[] {
  const table = screen.getByRole('table', { name: 'Services by region' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('link')[0].textContent ?? '');
}

/** Asserts the page shows exactly `kept`, in order, and none of the other services. */
function expectOnly(kept: string[]) {
  expect(heatMapServices()).toEqual(kept);
  const table = screen.getByRole('table', { name: 'Services by region' });
  for (const gone of ALL_SERVICES.filter(s => !kept.includes(s))) {
    expect(within(table).queryByText(gone)).not.toBeInTheDocument();
  }
  expect(
    screen.getByText(`Services × regions (${kept.length})`),
  ).toBeInTheDocument();
  expect(screen.getByRole('group', { name: 'Services' })).toHaveTextContent(
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

/** Picks `option` in the select labelled `label`, as the user does. */
function pick(label: string, option: string) {
  fireEvent.mouseDown(
    within(
      screen.getByText(label, { selector: 'label' }).parentElement!,
    ).getByRole('button'),
  );
  fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
}

describe('DrReadinessContent', () => {
  async function renderPage(drApi = api(), path = '/dr-readiness') {
    await renderInTestApp(
      <TestApiProvider apis={[[drReadinessApiRef, drApi]]}>
        <DrReadinessContent />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: [path] },
    );
    await screen.findByText(/^Services × regions \(\d+\)$/);
    return drApi;
  }

  it('shows services × regions, least ready first, with a legend and rollups', async () => {
    await renderPage();
    const table = screen.getByRole('table', { name: 'Services by region' });
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('link')[0].textContent);
    expect(names).toEqual([
      'fhir-gateway',
      'patient-messaging',
      'records-service',
      'clinic-finder',
    ]);
    expect(
      within(table).getByLabelText('East US 2: Not ready, primary'),
    ).toBeInTheDocument();
    expect(
      within(table).getByLabelText('West US 3: At risk, primary'),
    ).toBeInTheDocument();
    expect(
      within(table).getAllByLabelText('Central US: Ready, secondary').length,
    ).toBe(2);
    expect(within(table).getAllByText('n/a')).toHaveLength(2);
    expect(screen.getByRole('group', { name: 'Not ready' })).toHaveTextContent(
      '1',
    );
    expect(
      screen.getByRole('group', { name: 'Not required' }),
    ).toHaveTextContent('1');
    expect(screen.getByRole('list', { name: 'Legend' })).toBeInTheDocument();
    expect(rollupKeys('By team')).toEqual(['clinical-data', 'care-experience']);
    expect(rollupKeys('By system')).toEqual([
      'clinical-records',
      'patient-portal',
    ]);
  });

  it('shows what the DR checks judge of the estate, blind spots first, above the matrix', async () => {
    const drApi = await renderPage();
    const title = await screen.findByText('What the DR checks judge');
    const matrix = screen.getByRole('table', { name: 'Services by region' });
    expect(
      // eslint-disable-next-line no-bitwise
      title.compareDocumentPosition(matrix) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      screen.getByText(
        '1 type(s), 2 resource(s) not judged by any of the DR checks',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^microsoft\./).map(e => e.textContent)).toEqual(
      [
        'microsoft.synapse/workspaces',
        'microsoft.network/publicipaddresses',
        'microsoft.insights/diagnosticsettings',
        'microsoft.storage/storageaccounts',
      ],
    );
    expect(
      screen.getByText('storage-geo-replication, zone-redundancy'),
    ).toBeInTheDocument();
    expect(drApi.getCoverage).toHaveBeenCalledTimes(1);
  });

  it('keeps the matrix when the coverage cannot be loaded', async () => {
    await renderPage(
      api({
        getCoverage: jest.fn(async () => {
          throw new Error('coverage is not served by this backend');
        }),
      }),
    );
    expect(
      await screen.findByText(/The coverage of the estate could not be loaded/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Services by region' }),
    ).toBeInTheDocument();
  });

  it('sorts by a region column, and by name', async () => {
    await renderPage();
    fireEvent.click(screen.getByRole('button', { name: /West US 3/ }));
    // The services there first, then the others least ready first.
    expect(heatMapServices()).toEqual([
      'patient-messaging',
      'fhir-gateway',
      'records-service',
      'clinic-finder',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(heatMapServices()).toEqual([
      'clinic-finder',
      'fhir-gateway',
      'patient-messaging',
      'records-service',
    ]);
  });

  it.each([
    [
      'owner=group:default/care-experience&status=at-risk',
      ['patient-messaging'],
    ],
    ['owner=group:default/clinical-data', ['fhir-gateway', 'records-service']],
    [
      'system=system:default/patient-portal',
      ['patient-messaging', 'clinic-finder'],
    ],
    ['tier=critical', ['fhir-gateway', 'records-service']],
    ['tier=none', ['clinic-finder']],
    // clinic-finder is not ready too, but tier none requires nothing of it.
    ['status=not-ready', ['fhir-gateway']],
    ['status=not-required', ['clinic-finder']],
    ['status=ready', ['records-service']],
    ['q=records', ['records-service']],
    ['q=FHIR', ['fhir-gateway']],
    ['tier=critical&q=records', ['records-service']],
  ])(
    'filters from the URL, so a filtered view can be shared: ?%s',
    async (query, kept) => {
      await renderPage(api(), `/dr-readiness?${query}`);
      expect(
        screen.getByText(`Services × regions (${kept.length})`),
      ).toBeInTheDocument();
      expectOnly(kept);
    },
  );

  it('rolls up only the filtered services', async () => {
    await renderPage(api(), '/dr-readiness?owner=group:default/clinical-data');
    expect(rollupKeys('By team')).toEqual(['clinical-data']);
    expect(rollupKeys('By system')).toEqual(['clinical-records']);
  });

  it('says so when no service matches the filters', async () => {
    await renderPage(api(), '/dr-readiness?tier=high');
    expectOnly([]);
    expect(
      screen.getByText('No service matches these filters.'),
    ).toBeInTheDocument();
  });

  it('searches as the user types, on the service name only, and clears', async () => {
    await renderPage();
    // The page's search, not the one of the coverage table above it.
    const search = screen.getByLabelText('Search', { selector: '#dr-search' });
    // `records` is also in fhir-gateway's system, which search does not read.
    fireEvent.change(search, { target: { value: 'records' } });
    expect(
      await screen.findByText('Services × regions (1)'),
    ).toBeInTheDocument();
    expectOnly(['records-service']);

    fireEvent.change(search, { target: { value: 'Patient' } });
    expect(
      await screen.findByText('Services × regions (1)'),
    ).toBeInTheDocument();
    expectOnly(['patient-messaging']);

    fireEvent.change(search, { target: { value: '' } });
    expect(
      await screen.findByText('Services × regions (4)'),
    ).toBeInTheDocument();
    expectOnly(ALL_SERVICES);
  });

  it.each([
    ['Owner', 'care-experience', ['patient-messaging', 'clinic-finder']],
    ['System', 'clinical-records', ['fhir-gateway', 'records-service']],
    ['Tier', 'Standard', ['patient-messaging']],
    ['Status', 'At risk', ['patient-messaging']],
    ['Status', 'Not required', ['clinic-finder']],
  ])('filters by the %s the user picks: %s', async (label, option, kept) => {
    await renderPage();
    pick(label, option);
    expect(
      await screen.findByText(`Services × regions (${kept.length})`),
    ).toBeInTheDocument();
    expectOnly(kept);
  });

  it('shows what losing the picked region does to each service', async () => {
    const drApi = await renderPage(api(), '/dr-readiness?region=eastus2');
    expect(
      await screen.findByText('If East US 2 goes down'),
    ).toBeInTheDocument();
    expect(drApi.getRegionImpact).toHaveBeenCalledWith('eastus2');
    expect(screen.getByRole('group', { name: 'Goes down' })).toHaveTextContent(
      '1',
    );
    // Each service with its own outcome, worst first.
    // The impact table is the one table without a name of its own.
    const impactRows = screen
      .getAllByRole('link')
      .filter(
        a =>
          a.getAttribute('href')?.endsWith('/dr-readiness') &&
          !a.closest('table[aria-label]'),
      )
      .map(a => {
        const row = a.closest('tr')!;
        return [
          a.textContent,
          ['Goes down', 'Degrades', 'Fails over'].find(label =>
            within(row).queryByText(label),
          ),
        ];
      });
    expect(impactRows).toEqual([
      ['clinic-finder', 'Goes down'],
      ['fhir-gateway', 'Degrades'],
      ['records-service', 'Fails over'],
    ]);
    expect(
      screen.getByText(/writable again after about 1 h 5 min/),
    ).toBeInTheDocument();
  });
});

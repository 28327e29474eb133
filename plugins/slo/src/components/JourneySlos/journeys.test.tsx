import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { SloApi, sloApiRef } from '../../api/SloApi';
import {
  journeyResponse,
  journeyStatus,
  overviewItems,
} from '../../__fixtures__/responses';
import { ErrorBudgetsContent } from '../ErrorBudgetsPage/ErrorBudgetsPage';
import { SloPanel } from '../EntitySlosContent/SloPanel';
import { EntityJourneySloCard } from './EntityJourneySloCard';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'patient-portal',
    namespace: 'default',
    annotations: { 'vitals.dev/slo-ref': './slos/patient-portal.yaml' },
  },
  spec: { owner: 'care-experience' },
};

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function api(): SloApi {
  return {
    getEntitySlos: jest.fn(async () => journeyResponse),
    getOverview: jest.fn(async () => ({
      items: [
        {
          ...overviewItems[0],
          entityRef: 'system:default/patient-portal',
          slo: 'book-appointment',
          displayName: 'Sign in and book an appointment',
          composite: true,
        },
        ...overviewItems.slice(1),
      ],
      computedAt: '2026-11-23T12:00:00.000Z',
    })),
    getHistory: jest.fn(async () => ({
      entityRef: journeyResponse.entityRef,
      slo: 'book-appointment',
      from: '2026-11-22T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      step: '15m',
      points: [
        {
          t: '2026-11-23T12:00:00.000Z',
          sli: 0.9995,
          burnRate: 0.5,
          remaining: 0.44,
        },
      ],
    })),
    listDeployments: jest.fn(async () => ({
      entityRef: journeyResponse.entityRef,
      from: '2026-08-23T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      items: [],
    })),
  } as Partial<SloApi> as SloApi;
}

jest.setTimeout(30_000);

describe('EntityJourneySloCard', () => {
  it('shows each journey with its figures and components, linking to their services', async () => {
    const sloApi = api();
    await renderInTestApp(
      <TestApiProvider apis={[[sloApiRef, sloApi]]}>
        <EntityProvider entity={system}>
          <EntityJourneySloCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Sign in and book an appointment'),
    ).toBeInTheDocument();
    expect(sloApi.getEntitySlos).toHaveBeenCalledWith({
      kind: 'System',
      namespace: 'default',
      name: 'patient-portal',
    });
    // S = 2.9986/3, T = 2.9975/3, 44% left
    expect(screen.getByText('99.953%')).toBeInTheDocument();
    expect(screen.getByText('99.917%')).toBeInTheDocument();
    expect(screen.getByText('44.0%')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    // Only composites are journeys: the component row is not listed twice.
    expect(
      screen.queryByText('Sign in and book an appointment: Sign in'),
    ).not.toBeInTheDocument();

    const table = screen.getByRole('table', {
      name: 'Components of Sign in and book an appointment',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('Sign in')).toBeInTheDocument();
    expect(within(rows[1]).getByText('99.95%')).toBeInTheDocument();
    expect(within(rows[1]).getByText('99.98%')).toBeInTheDocument();
    expect(within(rows[1]).getByText('60.0%')).toBeInTheDocument();
    expect(within(rows[1]).getByText('8.0%')).toBeInTheDocument();
    // 0.08 of 0.56 spent
    expect(
      within(rows[1]).getByText(/14% of what was spent/),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('2')).toBeInTheDocument();
    expect(within(rows[2]).getByText('48.0%')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: 'identity-gateway' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/identity-gateway/slos',
    );
    expect(
      within(rows[2]).getByRole('link', { name: 'appointments-service' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/appointments-service/slos',
    );
  });
});

describe('SloPanel with a composite entry', () => {
  it('shows the components instead of event counts', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[sloApiRef, api()]]}>
        <SloPanel
          entityRef={{
            kind: 'System',
            namespace: 'default',
            name: 'patient-portal',
          }}
          slo={journeyStatus}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('Journey')).toBeInTheDocument();
    expect(screen.getByText('weighted over 2 components')).toBeInTheDocument();
    expect(screen.queryByText(/good of/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: 'Components of Sign in and book an appointment',
      }),
    ).toBeInTheDocument();
  });
});

describe('ErrorBudgetsContent', () => {
  it('marks composite SLOs as journeys', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[sloApiRef, api()]]}>
        <ErrorBudgetsContent />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Sign in and book an appointment'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('journey')).toHaveLength(1);
  });
});

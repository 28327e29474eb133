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
import { screen } from '@testing-library/react';
import { drills, fhirReadiness } from '../__fixtures__/responses';
import { DrReadinessApi, drReadinessApiRef } from '../api/DrReadinessApi';
import { EntityDrReadinessContent } from './EntityDrReadinessContent/EntityDrReadinessContent';

// A file of its own: permission answers are cached per module instance, so a
// denial must not share a cache with the tests that are granted.
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fhir-gateway',
    namespace: 'default',
    annotations: {
      'vitals.dev/dr-tier': 'critical',
      'vitals.dev/primary-region': 'eastus2',
    },
  },
  spec: { type: 'service', owner: 'clinical-data', lifecycle: 'production' },
};

it('hides "Record drill", "Correct" and "Withdraw" from users without dr-readiness.drill.create', async () => {
  const permissionApi = new MockPermissionApi(() => 'DENY' as any);
  const authorize = jest.spyOn(permissionApi, 'authorize');
  const drApi = {
    getEntity: jest.fn(async () => fhirReadiness),
    listDrills: jest.fn(async () => ({ items: drills })),
  } as unknown as DrReadinessApi;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [drReadinessApiRef, drApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityDrReadinessContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  expect(await screen.findByText('If East US 2 goes down')).toBeInTheDocument();
  expect(authorize).toHaveBeenCalledWith(
    expect.objectContaining({
      permission: expect.objectContaining({
        name: 'dr-readiness.drill.create',
      }),
    }),
  );
  expect(screen.queryByRole('button', { name: /Record drill/ })).toBeNull();
  expect(screen.getByText('Drill history (1)')).toBeInTheDocument();
  // Correcting and withdrawing take the same permission as recording.
  expect(
    screen.queryByRole('button', { name: /Correct the drill/ }),
  ).toBeNull();
  expect(
    screen.queryByRole('button', { name: /Withdraw the drill/ }),
  ).toBeNull();
});

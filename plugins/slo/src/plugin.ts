import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SloClient, sloApiRef } from './api/SloApi';
import { rootRouteRef } from './routes';

/** The SLO plugin for apps on the legacy frontend system. */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [
    createApiFactory({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Error budgets page (legacy frontend system). */
export const ErrorBudgetsPage = sloPlugin.provide(
  createRoutableExtension({
    name: 'ErrorBudgetsPage',
    component: () =>
      import('./components/ErrorBudgetsPage/ErrorBudgetsPage').then(
        m => m.ErrorBudgetsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The entity "SLOs" tab content (legacy frontend system); mount it at the `slos` path. */
export const EntitySlosContent = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySlosContent',
    component: {
      lazy: () =>
        import('./components/EntitySlosContent/EntitySlosContent').then(
          m => m.EntitySlosContent,
        ),
    },
  }),
);

/** The SLO summary card for entity overview pages (legacy frontend system). */
export const EntitySloCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/** The journey (composite) SLOs card for System overview pages (legacy frontend system). */
export const EntityJourneySloCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntityJourneySloCard',
    component: {
      lazy: () =>
        import('./components/JourneySlos/EntityJourneySloCard').then(
          m => m.EntityJourneySloCard,
        ),
    },
  }),
);

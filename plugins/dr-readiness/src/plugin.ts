import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DrReadinessClient, drReadinessApiRef } from './api/DrReadinessApi';
import { rootRouteRef } from './routes';

/** The DR-readiness plugin for apps on the legacy frontend system. */
export const drReadinessPlugin = createPlugin({
  id: 'dr-readiness',
  apis: [
    createApiFactory({
      api: drReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DrReadinessClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The DR readiness page (legacy frontend system). */
export const DrReadinessPage = drReadinessPlugin.provide(
  createRoutableExtension({
    name: 'DrReadinessPage',
    component: () =>
      import('./components/DrReadinessPage/DrReadinessPage').then(
        m => m.DrReadinessPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The entity "DR readiness" tab content (legacy frontend system); mount it at the `dr-readiness` path. */
export const EntityDrReadinessContent = drReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityDrReadinessContent',
    component: {
      lazy: () =>
        import(
          './components/EntityDrReadinessContent/EntityDrReadinessContent'
        ).then(m => m.EntityDrReadinessContent),
    },
  }),
);

/** The DR readiness summary card for entity overview pages (legacy frontend system). */
export const EntityDrReadinessCard = drReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityDrReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityDrReadinessCard').then(
          m => m.EntityDrReadinessCard,
        ),
    },
  }),
);

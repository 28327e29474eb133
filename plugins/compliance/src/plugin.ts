import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ComplianceClient, complianceApiRef } from './api/ComplianceApi';
import { rootRouteRef } from './routes';

/** The compliance plugin for apps on the legacy frontend system. */
export const compliancePlugin = createPlugin({
  id: 'compliance',
  apis: [
    createApiFactory({
      api: complianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ComplianceClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Compliance page (legacy frontend system); mount it at `/compliance`. */
export const CompliancePage = compliancePlugin.provide(
  createRoutableExtension({
    name: 'CompliancePage',
    component: () =>
      import('./components/CompliancePage/CompliancePage').then(
        m => m.CompliancePage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The entity "Compliance" tab content (legacy frontend system); mount it at the `compliance` path. */
export const EntityComplianceContent = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceContent',
    component: {
      lazy: () =>
        import(
          './components/EntityComplianceContent/EntityComplianceContent'
        ).then(m => m.EntityComplianceContent),
    },
  }),
);

/** The HIPAA status card for entity overview pages (legacy frontend system). */
export const EntityComplianceCard = compliancePlugin.provide(
  createComponentExtension({
    name: 'EntityComplianceCard',
    component: {
      lazy: () =>
        import('./components/EntityComplianceCard').then(
          m => m.EntityComplianceCard,
        ),
    },
  }),
);

/** The catalog filter by HIPAA status (legacy frontend system): put it in the catalog page's filters. */
export const ComplianceCatalogFilter = compliancePlugin.provide(
  createComponentExtension({
    name: 'ComplianceCatalogFilter',
    component: {
      lazy: () =>
        import('./components/ComplianceCatalogFilter').then(
          m => m.ComplianceCatalogFilter,
        ),
    },
  }),
);

import { createBackend } from '@backstage/backend-defaults';
import { vitalsPermissionPolicyModule } from './modules/permissionPolicy';
import { rootHttpRouterWithoutStacks } from './modules/rootHttpRouter';

const backend = createBackend();

// No stack trace in any error answer, in development too.
backend.add(rootHttpRouterWithoutStacks);

// Serves the built frontend from packages/app.
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest for local use, Microsoft Entra ID in production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-microsoft-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Users and groups from Microsoft Entra ID when catalog.providers.microsoftGraphOrg is configured.
backend.add(import('@backstage/plugin-catalog-backend-module-msgraph'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// publish:github and publish:azure for production templates; the embedded
// default publishes locally.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-azure'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(vitalsPermissionPolicyModule);

backend.add(import('@vitals/plugin-slo-backend'));
backend.add(import('@vitals/plugin-dr-readiness-backend'));
backend.add(import('@vitals/plugin-compliance-backend'));
backend.add(import('@vitals/plugin-scaffolder-backend-module-vitals'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.start();

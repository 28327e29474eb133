import { createRouteRef } from '@backstage/core-plugin-api';

/** The Error budgets page. */
export const rootRouteRef = createRouteRef({ id: 'slo' });

import { createRouteRef } from '@backstage/core-plugin-api';

/** The Compliance page. */
export const rootRouteRef = createRouteRef({ id: 'compliance' });

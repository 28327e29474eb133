import { createRouteRef } from '@backstage/core-plugin-api';

/** The DR readiness page. */
export const rootRouteRef = createRouteRef({ id: 'dr-readiness' });

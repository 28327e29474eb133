import { createPermission } from '@backstage/plugin-permission-common';

/** Recording a DR drill (`POST /api/dr-readiness/entities/.../drills`); audited. */
export const drDrillCreatePermission = createPermission({
  name: 'dr-readiness.drill.create',
  attributes: { action: 'create' },
});

/** Every permission of the DR-readiness plugin. */
export const drReadinessPermissions = [drDrillCreatePermission];

import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Recording or revoking an override of a service's deploy gate
 * (`POST`/`DELETE /api/slo/entities/.../deploy-gate/overrides`): a person
 * decides, on someone else's request, that a release may ship while an error
 * budget is exhausted. Audited.
 */
export const sloDeployGateOverridePermission = createPermission({
  name: 'slo.deploy-gate.override',
  attributes: { action: 'update' },
});

/**
 * Recording a deployment of a service (`POST /api/slo/entities/.../deployments`),
 * which the SLI and burn-rate charts mark. Pipelines hold it through an
 * external-access token restricted to it. Audited.
 */
export const sloDeploymentCreatePermission = createPermission({
  name: 'slo.deployment.create',
  attributes: { action: 'create' },
});

/** Every permission of the SLO plugin. */
export const sloPermissions = [
  sloDeployGateOverridePermission,
  sloDeploymentCreatePermission,
];

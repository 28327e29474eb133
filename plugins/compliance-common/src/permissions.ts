import { createPermission } from '@backstage/plugin-permission-common';

/** Creating or revoking a compliance exemption; granted to compliance officers in config. */
export const complianceExemptionManagePermission = createPermission({
  name: 'compliance.exemption.manage',
  attributes: { action: 'update' },
});

export const compliancePermissions = [complianceExemptionManagePermission];

import { isUpdatePermission } from '@backstage/plugin-permission-common';
import {
  complianceExemptionManagePermission,
  compliancePermissions,
} from './permissions';

describe('permissions', () => {
  it('defines the exemption permission named in the design', () => {
    expect(complianceExemptionManagePermission).toEqual({
      type: 'basic',
      name: 'compliance.exemption.manage',
      attributes: { action: 'update' },
    });
    expect(isUpdatePermission(complianceExemptionManagePermission)).toBe(true);
    expect(compliancePermissions).toEqual([
      complianceExemptionManagePermission,
    ]);
  });
});

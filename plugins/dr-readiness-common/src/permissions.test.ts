import { isCreatePermission } from '@backstage/plugin-permission-common';
import { drDrillCreatePermission, drReadinessPermissions } from './permissions';

describe('permissions', () => {
  it('defines the drill-create permission of the design contract', () => {
    expect(drDrillCreatePermission).toEqual({
      type: 'basic',
      name: 'dr-readiness.drill.create',
      attributes: { action: 'create' },
    });
    expect(isCreatePermission(drDrillCreatePermission)).toBe(true);
  });

  it('lists every permission of the plugin', () => {
    expect(drReadinessPermissions.map(p => p.name)).toEqual([
      'dr-readiness.drill.create',
    ]);
  });
});

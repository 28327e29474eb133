import compliancePlugin from './alpha';
import {
  compliancePlugin as legacyPlugin,
  CompliancePage,
  EntityComplianceCard,
  EntityComplianceContent,
  isComplianceAvailable,
} from '.';

describe('the compliance plugin', () => {
  it.each([
    'api:compliance',
    'page:compliance',
    'entity-content:compliance',
    'entity-card:compliance',
    'entity-icon-link:compliance',
    'catalog-filter:compliance/status',
  ])('provides %s to the new frontend system', id => {
    expect(compliancePlugin.getExtension(id as any)).toBeDefined();
  });

  it('keeps the legacy exports', () => {
    expect(legacyPlugin.getId()).toBe('compliance');
    expect(CompliancePage).toBeDefined();
    expect(EntityComplianceContent).toBeDefined();
    expect(EntityComplianceCard).toBeDefined();
    expect(
      isComplianceAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'x',
          annotations: { 'vitals.dev/data-classification': 'phi' },
        },
      }),
    ).toBe(true);
  });
});

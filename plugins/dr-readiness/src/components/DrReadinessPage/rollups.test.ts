import { overview } from '../../__fixtures__/responses';
import { filterItems, regionsByUse, rollupBy } from './rollups';

describe('rollups', () => {
  const items = overview.items;

  it('filters by owner, system, tier, status, not-required and search, least ready first', () => {
    const names = (filter: Parameters<typeof filterItems>[1]) =>
      filterItems(items, filter).map(i => i.entityRef.split('/')[1]);
    expect(names({})).toEqual([
      'fhir-gateway',
      'patient-messaging',
      'records-service',
      'clinic-finder',
    ]);
    expect(names({ owner: 'group:default/care-experience' })).toEqual([
      'patient-messaging',
      'clinic-finder',
    ]);
    expect(names({ system: 'system:default/clinical-records' })).toEqual([
      'fhir-gateway',
      'records-service',
    ]);
    expect(names({ tier: 'critical', status: 'ready' })).toEqual([
      'records-service',
    ]);
    // Tier none is never counted as not ready, only as not required.
    expect(names({ status: 'not-ready' })).toEqual(['fhir-gateway']);
    expect(names({ status: 'not-required' })).toEqual(['clinic-finder']);
    expect(names({ search: 'MESSAGING' })).toEqual(['patient-messaging']);
  });

  it('counts each team and names its least ready service', () => {
    const [clinical, care] = rollupBy(items, 'owner');
    expect(clinical).toMatchObject({
      key: 'group:default/clinical-data',
      services: 2,
      ready: 1,
      notReady: 1,
      notRequired: 0,
    });
    expect(clinical.worst?.entityRef).toBe('component:default/fhir-gateway');
    expect(care).toMatchObject({
      key: 'group:default/care-experience',
      services: 2,
      atRisk: 1,
      notRequired: 1,
    });
    expect(care.worst?.entityRef).toBe('component:default/patient-messaging');
  });

  it('orders regions by how many services use them', () => {
    expect(regionsByUse(overview.regions, items)).toEqual([
      'centralus',
      'eastus2',
      'eastus',
      'westus3',
    ]);
  });
});

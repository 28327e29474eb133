import { SloOverviewItem } from '@vitals/plugin-slo-common';
import { filterItems, rollupBy } from './rollups';

const item = (
  entityRef: string,
  owner: string,
  system: string | null,
  remaining: number | null,
  policyState: any,
  firing = false,
  stale = false,
): SloOverviewItem => ({
  entityRef,
  owner,
  system,
  slo: 'availability',
  displayName: 'Availability',
  target: 0.999,
  sli: 0.999,
  remaining,
  policyState,
  firing,
  firingSeverity: firing ? 'page' : null,
  stale,
  computedAt: '2026-11-23T12:00:00Z',
  error: null,
});

const items = [
  item('component:default/a', 'care', 'portal', 0.8, 'healthy'),
  item('component:default/b', 'care', 'portal', -0.5, 'freeze'),
  item('component:default/c', 'clinical', 'records', 0.1, 'warning', true),
  item('component:default/d', 'clinical', null, null, null, false, true),
];

describe('rollupBy', () => {
  it('counts states per team and keeps the worst budget, firing teams first', () => {
    const teams = rollupBy(items, 'owner');
    expect(teams.map(t => t.key)).toEqual(['clinical', 'care']);
    expect(teams[1]).toMatchObject({
      slos: 2,
      healthy: 1,
      warning: 0,
      freeze: 1,
      firing: 0,
      notComputed: 0,
    });
    expect(teams[1].worst?.entityRef).toBe('component:default/b');
    expect(teams[0]).toMatchObject({
      slos: 2,
      warning: 1,
      notComputed: 1,
      firing: 1,
      stale: 1,
    });
    expect(teams[0].worst?.entityRef).toBe('component:default/c');
  });

  it('groups SLOs without a system under (none)', () => {
    expect(rollupBy(items, 'system').map(s => s.key)).toEqual([
      'records',
      'portal',
      '(none)',
    ]);
  });
});

describe('filterItems', () => {
  it.each([
    [{ owner: 'care' }, ['a', 'b']],
    [{ system: 'records' }, ['c']],
    [{ state: 'freeze' }, ['b']],
    [{ state: 'none' }, ['d']],
    [{ firing: true }, ['c']],
    [{ search: 'COMPONENT:DEFAULT/D' }, ['d']],
    [{ owner: 'care', state: 'healthy' }, ['a']],
    [{}, ['a', 'b', 'c', 'd']],
  ])('%j keeps %j', (filter, names) => {
    expect(
      filterItems(items, filter).map(i => i.entityRef.split('/')[1]),
    ).toEqual(names);
  });
});

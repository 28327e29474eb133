import { isDrillCounted, latestDrill } from './drills';
import type { DrillRecord } from './types';

function record(id: string, region: string, performedAt: string): DrillRecord {
  return {
    id,
    entityRef: 'component:default/patient-records',
    region,
    performedAt,
    outcome: 'success',
    notes: '',
    recordedBy: 'user:default/ana.lima',
    recordedAt: performedAt,
  };
}

describe('latestDrill', () => {
  const drills = [
    record('a', 'eastus2', '2025-01-10T10:00:00Z'),
    record('b', 'centralus', '2025-05-01T10:00:00Z'),
    record('c', 'East US 2', '2025-03-01T10:00:00+05:00'),
    record('d', 'eastus2', 'not a date'),
  ];

  it.each([
    [undefined, 'b'],
    ['eastus2', 'c'],
    ['Central US', 'b'],
    ['westus', null],
  ])('region %j → %s', (region, id) => {
    expect(latestDrill(drills, region)?.id ?? null).toBe(id);
  });

  it('is null without drills', () => {
    expect(latestDrill([])).toBeNull();
  });

  it('never counts a withdrawn drill, and counts a corrected one', () => {
    const withdrawn = {
      ...record('w', 'eastus2', '2025-06-01T10:00:00Z'),
      state: 'withdrawn' as const,
    };
    const corrected = {
      ...record('k', 'eastus2', '2025-05-20T10:00:00Z'),
      state: 'corrected' as const,
    };
    expect(isDrillCounted(withdrawn)).toBe(false);
    expect(isDrillCounted(corrected)).toBe(true);
    expect(latestDrill([...drills, withdrawn])?.id).toBe('b');
    expect(latestDrill([...drills, withdrawn], 'eastus2')?.id).toBe('c');
    expect(latestDrill([...drills, withdrawn, corrected], 'eastus2')?.id).toBe(
      'k',
    );
    expect(latestDrill([withdrawn])).toBeNull();
  });
});

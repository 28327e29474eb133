import { latestDrill, validateDrillInput } from './drills';
import type { DrillRecord } from './types';

const now = new Date('2025-06-02T12:00:00Z');

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
});

describe('validateDrillInput', () => {
  it('accepts a complete drill and normalises it', () => {
    expect(
      validateDrillInput(
        {
          region: 'East US 2',
          performedAt: '2025-05-30T09:00:00Z',
          outcome: 'partial',
          rtoAchieved: 'pt25m',
          rpoAchieved: 'PT0S',
          notes: 'SQL failover needed a manual step.',
        },
        now,
      ),
    ).toEqual({
      ok: true,
      value: {
        region: 'eastus2',
        performedAt: '2025-05-30T09:00:00Z',
        outcome: 'partial',
        rtoAchieved: 'PT25M',
        rpoAchieved: 'PT0S',
        notes: 'SQL failover needed a manual step.',
      },
    });
  });

  it('accepts the minimal drill', () => {
    expect(
      validateDrillInput(
        {
          region: 'centralus',
          performedAt: '2025-06-02T12:00:00Z',
          outcome: 'failed',
        },
        now,
      ),
    ).toEqual({
      ok: true,
      value: {
        region: 'centralus',
        performedAt: '2025-06-02T12:00:00Z',
        outcome: 'failed',
      },
    });
  });

  it.each([
    [null, 'body', 'body must be a JSON object'],
    [[], 'body', 'body must be a JSON object'],
    [
      { performedAt: '2025-05-30T09:00:00Z', outcome: 'success' },
      'region',
      'region is required: the programmatic name of the region whose loss was rehearsed',
    ],
    [
      {
        region: 'eastus4',
        performedAt: '2025-05-30T09:00:00Z',
        outcome: 'success',
      },
      'region',
      'region "eastus4" is not an Azure region; did you mean eastus, eastus2?',
    ],
    [
      { region: 'eastus2', performedAt: 'yesterday', outcome: 'success' },
      'performedAt',
      'performedAt must be an ISO-8601 timestamp, got "yesterday"',
    ],
    [
      {
        region: 'eastus2',
        performedAt: '2025-06-03T00:00:00Z',
        outcome: 'success',
      },
      'performedAt',
      'performedAt 2025-06-03T00:00:00Z is in the future',
    ],
    [
      { region: 'eastus2', performedAt: '2025-05-30T09:00:00Z', outcome: 'ok' },
      'outcome',
      'outcome must be one of success, partial, failed, got "ok"',
    ],
    [
      {
        region: 'eastus2',
        performedAt: '2025-05-30T09:00:00Z',
        outcome: 'success',
        rtoAchieved: '25 minutes',
      },
      'rtoAchieved',
      'rtoAchieved must be an ISO-8601 duration such as PT12M, got "25 minutes"',
    ],
    [
      {
        region: 'eastus2',
        performedAt: '2025-05-30T09:00:00Z',
        outcome: 'success',
        rpoAchieved: 5,
      },
      'rpoAchieved',
      'rpoAchieved must be an ISO-8601 duration such as PT12M, got 5',
    ],
    [
      {
        region: 'eastus2',
        performedAt: '2025-05-30T09:00:00Z',
        outcome: 'success',
        notes: 'x'.repeat(4001),
      },
      'notes',
      'notes must be text of at most 4000 characters',
    ],
  ])('rejects %j naming %s', (body, field, message) => {
    const result = validateDrillInput(body, now);
    expect(result).toEqual({ ok: false, errors: [{ field, message }] });
  });

  it('reports every bad field', () => {
    const result = validateDrillInput({ region: 'mars', outcome: 'meh' }, now);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(e => e.field)).toEqual([
      'region',
      'performedAt',
      'outcome',
    ]);
  });
});

import { parseSeedDrills } from './seedDrills';

const now = new Date('2026-11-23T12:00:00.000Z');

describe('parseSeedDrills', () => {
  it('turns relative and absolute dates into drills with stable ids', () => {
    const text = `drills:
  - entityRef: records-service
    region: East US 2
    performedAgo: P14D
    outcome: success
    rtoAchieved: pt11m
    recordedBy: hannah.becker
    notes: "  ran the runbook  "
  - entityRef: component:default/audit-trail
    region: eastus2
    performedAt: 2026-10-01T08:00:00Z
    outcome: partial
    recordedBy: user:default/diego.alvarez
`;
    const drills = parseSeedDrills(text, '/x/drills.yaml', now);
    expect(drills).toEqual([
      {
        id: expect.stringMatching(/^seed-[0-9a-f]{24}$/),
        entityRef: 'component:default/records-service',
        region: 'eastus2',
        performedAt: '2026-11-09T12:00:00.000Z',
        outcome: 'success',
        rtoAchieved: 'PT11M',
        notes: 'ran the runbook',
        recordedBy: 'user:default/hannah.becker',
        recordedAt: '2026-11-23T12:00:00.000Z',
      },
      expect.objectContaining({
        entityRef: 'component:default/audit-trail',
        performedAt: '2026-10-01T08:00:00.000Z',
        outcome: 'partial',
        notes: '',
      }),
    ]);
    expect(parseSeedDrills(text, '/y/drills.yaml', new Date())[0].id).toBe(
      drills[0].id,
    );
  });

  it('names the entry and field of every problem', () => {
    const text = `drills:
  - region: eastus9
    performedAgo: soon
    outcome: success
    recordedBy: someone
  - entityRef: a
    region: eastus2
    performedAt: 2099-01-01T00:00:00Z
    outcome: great
`;
    expect(() => parseSeedDrills(text, 'drills.yaml', now)).toThrow(
      /drills\.yaml drills\[0\]\.entityRef must be an entity ref; drills\.yaml drills\[0\]\.performedAgo must be an ISO-8601 duration.*drills\[1\]\.recordedBy must be a user ref.*drills\[1\]: performedAt: performedAt must lie between 2000-01-01 and 2026-11-23, got "2099-01-01T00:00:00Z"; outcome: outcome must be one of success, partial, failed, got "great"/,
    );
    expect(() => parseSeedDrills('items: []', 'drills.yaml', now)).toThrow(
      'drills.yaml must have a top-level "drills" list',
    );
    expect(() => parseSeedDrills('drills: [', 'drills.yaml', now)).toThrow(
      /drills\.yaml is not valid YAML/,
    );
  });
});

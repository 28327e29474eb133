import { mockServices } from '@backstage/backend-test-utils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import type {
  DrillRecord,
  ServiceImpact,
} from '@vitals/plugin-dr-readiness-common';
import { DrStore, EvaluationRecord } from './DrStore';

const databases = createVitalsTestDatabases();

function impact(
  entityRef: string,
  outcome: ServiceImpact['outcome'],
): ServiceImpact {
  return {
    entityRef,
    tier: 'high',
    role: 'primary',
    outcome,
    reason: `${outcome} because`,
    estimatedRecovery: null,
    rto: 'PT1H',
    resources: [],
  };
}

function record(
  name: string,
  overrides: Partial<EvaluationRecord> = {},
): EvaluationRecord {
  const entityRef = `component:default/${name}`;
  return {
    entityRef,
    owner: 'group:default/team-a',
    system: 'system:default/portal',
    tier: 'high',
    status: 'ready',
    score: 100,
    required: true,
    primaryRegion: 'eastus2',
    secondaryRegion: 'centralus',
    pairing: 'paired',
    cells: {
      eastus2: { role: 'primary', status: 'ready' },
      centralus: { role: 'secondary', status: 'ready' },
    },
    lastDrill: { performedAt: '2026-11-01T10:00:00.000Z', outcome: 'success' },
    policyErrors: null,
    evaluation: { entityRef } as any,
    evaluatedAt: 1000,
    inventoryRefreshedAt: 500,
    impacts: [
      { region: 'eastus2', impact: impact(entityRef, 'fails-over') },
      { region: 'centralus', impact: impact(entityRef, 'degrades') },
    ],
    ...overrides,
  };
}

function drill(id: string, entity: string, performedAt: string): DrillRecord {
  return {
    id,
    entityRef: `component:default/${entity}`,
    region: 'eastus2',
    performedAt,
    outcome: 'success',
    rtoAchieved: 'PT12M',
    notes: '',
    recordedBy: 'user:default/hannah.becker',
    recordedAt: performedAt,
  };
}

describe.each(databases.eachSupportedId())('DrStore on %p', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return {
      knex,
      store: await DrStore.create(mockServices.database({ knex })),
    };
  }

  it('migrates up and down cleanly', async () => {
    const { knex } = await createStore();
    // The inventory is the shared inventory service's, not the plugin's.
    expect(await knex.schema.hasTable('dr_inventory')).toBe(false);
    expect(await knex.schema.hasTable('dr_evaluations')).toBe(true);
    await knex.migrate.rollback(
      { directory: DrStore.migrationsDirectory() },
      true,
    );
    for (const table of [
      'dr_inventory',
      'dr_evaluations',
      'dr_region_impacts',
      'dr_drills',
      'dr_meta',
      'dr_drill_revisions',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest({ directory: DrStore.migrationsDirectory() });
    expect(await knex.schema.hasTable('dr_evaluations')).toBe(true);
    expect(await knex.schema.hasTable('dr_drill_revisions')).toBe(true);
  });

  it('adds and removes drill revisions on a store that holds drills', async () => {
    const { knex, store } = await createStore();
    const directory = DrStore.migrationsDirectory();
    await store.insertDrill(drill('d-1', 'a', '2026-11-01T00:00:00.000Z'));
    await store.addDrillRevision({
      drillId: 'd-1',
      seq: 1,
      action: 'withdraw',
      reason: 'recorded twice',
      by: 'user:default/hannah.becker',
      at: '2026-11-02T00:00:00.000Z',
    });
    // Down past the revisions (and the shared-inventory step before them
    // undone): the revisions go, the drills recorded before stay.
    await knex.migrate.down({ directory });
    expect(await knex.schema.hasTable('dr_inventory')).toBe(true);
    await knex.migrate.down({ directory });
    expect(await knex.schema.hasTable('dr_drill_revisions')).toBe(false);
    expect(await knex('dr_drills').pluck('id')).toEqual(['d-1']);
    await knex.migrate.up({ directory });
    expect(await knex.schema.hasTable('dr_drill_revisions')).toBe(true);
    await knex.migrate.up({ directory });
    expect(await knex.schema.hasTable('dr_inventory')).toBe(false);
    expect((await store.getDrill('d-1'))!.state).toBe('recorded');
  });

  it('keeps the drill row and applies corrections and the withdrawal on read', async () => {
    const { knex, store } = await createStore();
    await store.insertDrill(drill('d-1', 'a', '2026-11-01T00:00:00.000Z'));
    await store.insertDrill(drill('d-2', 'a', '2026-11-05T00:00:00.000Z'));
    const original = await knex('dr_drills').where({ id: 'd-1' }).first();
    await store.addDrillRevision({
      drillId: 'd-1',
      seq: 1,
      action: 'correct',
      values: {
        region: 'centralus',
        performedAt: '2026-11-08T00:00:00.000Z',
        outcome: 'partial',
        rpoAchieved: 'PT3M',
        notes: 'the failover needed a manual step',
      },
      reason: 'wrong region and date',
      by: 'user:default/priya.raman',
      at: '2026-11-09T00:00:00.000Z',
    });
    const corrected = await store.getDrill('d-1');
    expect(corrected).toEqual({
      id: 'd-1',
      entityRef: 'component:default/a',
      region: 'centralus',
      performedAt: '2026-11-08T00:00:00.000Z',
      outcome: 'partial',
      rpoAchieved: 'PT3M',
      notes: 'the failover needed a manual step',
      recordedBy: 'user:default/hannah.becker',
      recordedAt: '2026-11-01T00:00:00.000Z',
      state: 'corrected',
      revisions: [
        {
          action: 'correct',
          by: 'user:default/priya.raman',
          at: '2026-11-09T00:00:00.000Z',
          reason: 'wrong region and date',
        },
      ],
      original: {
        region: 'eastus2',
        performedAt: '2026-11-01T00:00:00.000Z',
        outcome: 'success',
        rtoAchieved: 'PT12M',
        notes: '',
      },
    });
    // Newest first by the corrected date.
    expect(
      (await store.listDrills('component:default/a')).map(d => d.id),
    ).toEqual(['d-1', 'd-2']);

    // Two people revising from the same reading: the second one conflicts.
    const withdrawal = {
      drillId: 'd-1',
      seq: 2,
      action: 'withdraw' as const,
      reason: 'not a real drill',
      by: 'user:default/hannah.becker',
      at: '2026-11-10T00:00:00.000Z',
    };
    await store.addDrillRevision(withdrawal);
    await expect(store.addDrillRevision(withdrawal)).rejects.toMatchObject({
      name: 'ConflictError',
    });
    const [d1] = (await store.listDrills()).filter(d => d.id === 'd-1');
    expect(d1).toMatchObject({
      state: 'withdrawn',
      region: 'centralus',
      revisions: [{ action: 'correct' }, { action: 'withdraw' }],
    });
    expect(await knex('dr_drills').where({ id: 'd-1' }).first()).toEqual(
      original,
    );
    expect(await store.getDrill('nope')).toBeUndefined();
  });

  it('replaces evaluations and region impacts atomically, and filters the overview', async () => {
    const { store } = await createStore();
    await store.replaceEvaluations([
      record('a'),
      record('b', {
        owner: 'group:default/team-b',
        status: 'not-ready',
        tier: 'critical',
        impacts: [
          {
            region: 'eastus2',
            impact: impact('component:default/b', 'goes-down'),
          },
        ],
      }),
      record('c', { system: 'system:default/records', status: 'at-risk' }),
    ]);
    expect((await store.overview({})).map(r => r.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    const [b] = await store.overview({ owner: 'group:default/team-b' });
    expect(b).toMatchObject({
      entityRef: 'component:default/b',
      status: 'not-ready',
      tier: 'critical',
      required: true,
      score: 100,
      evaluatedAt: 1000,
      lastDrill: {
        performedAt: '2026-11-01T10:00:00.000Z',
        outcome: 'success',
      },
      cells: { eastus2: { role: 'primary', status: 'ready' } },
    });
    expect(
      (await store.overview({ system: 'system:default/records' })).map(
        r => r.entityRef,
      ),
    ).toEqual(['component:default/c']);
    expect(
      (await store.overview({ tier: 'critical', status: 'not-ready' })).length,
    ).toBe(1);
    expect((await store.overview({ status: 'unknown' })).length).toBe(0);

    const eastus2 = await store.regionImpacts('eastus2');
    expect(
      eastus2.map(i => [i.impact.entityRef, i.impact.outcome, i.owner]),
    ).toEqual(
      expect.arrayContaining([
        ['component:default/a', 'fails-over', 'group:default/team-a'],
        ['component:default/b', 'goes-down', 'group:default/team-b'],
      ]),
    );
    expect(await store.regionImpacts('centralus')).toHaveLength(2);

    await store.replaceEvaluations([record('c')]);
    expect((await store.overview({})).map(r => r.entityRef)).toEqual([
      'component:default/c',
    ]);
    expect(await store.regionImpacts('eastus2')).toHaveLength(1);
  });

  it('saves one entity without touching the others, and keeps policy errors', async () => {
    const { store } = await createStore();
    await store.replaceEvaluations([record('a'), record('b')]);
    await store.saveEvaluation(
      record('a', {
        status: 'unknown',
        score: null,
        evaluation: null,
        cells: {},
        impacts: [],
        policyErrors: [
          {
            annotation: 'vitals.dev/dr-tier',
            value: 'gold',
            reason: 'unknown-tier',
            message: 'vitals.dev/dr-tier must be one of ...',
          },
        ],
        evaluatedAt: 2000,
      }),
    );
    const a = await store.getEvaluation('component:default/a');
    expect(a).toMatchObject({
      status: 'unknown',
      score: null,
      evaluation: null,
      evaluatedAt: 2000,
      policyErrors: [{ annotation: 'vitals.dev/dr-tier', value: 'gold' }],
    });
    expect(await store.getEvaluation('component:default/b')).toMatchObject({
      status: 'ready',
      evaluation: { entityRef: 'component:default/b' },
    });
    expect(
      (await store.regionImpacts('eastus2')).map(i => i.impact.entityRef),
    ).toEqual(['component:default/b']);
    expect(await store.getEvaluation('component:default/z')).toBeUndefined();
  });

  it('reads an evaluation stored before coverage was recorded, and says so', async () => {
    const { store } = await createStore();
    const coverage = { evaluated: 3, notEvaluated: [] };
    await store.replaceEvaluations([
      // What earlier versions stored: no coverage in the evaluation.
      record('old'),
      record('new', {
        evaluation: {
          entityRef: 'component:default/new',
          coverage,
        } as any,
      }),
      record('bad', { evaluation: null, status: 'unknown' }),
    ]);
    expect(await store.getEvaluation('component:default/old')).toMatchObject({
      status: 'ready',
      evaluation: { entityRef: 'component:default/old' },
      coverageMissing: true,
    });
    expect(await store.getEvaluation('component:default/new')).toMatchObject({
      evaluation: { coverage },
      coverageMissing: false,
    });
    expect(await store.getEvaluation('component:default/bad')).toMatchObject({
      evaluation: null,
      coverageMissing: false,
    });
  });

  it('lists drills newest first and seeds only an empty store, once per id', async () => {
    const { store } = await createStore();
    const seeds = [
      drill('seed-1', 'a', '2026-10-01T00:00:00.000Z'),
      drill('seed-2', 'a', '2026-11-01T00:00:00.000Z'),
    ];
    expect(await store.seedDrills(seeds)).toBe(true);
    expect(await store.seedDrills(seeds)).toBe(false);
    await store.insertDrill({
      ...drill('d-3', 'b', '2026-11-10T00:00:00.000Z'),
      rtoAchieved: undefined,
      rpoAchieved: 'PT1M',
      notes: 'ran the runbook',
    });
    expect((await store.listDrills()).map(d => d.id)).toEqual([
      'd-3',
      'seed-2',
      'seed-1',
    ]);
    const [b] = await store.listDrills('component:default/b');
    expect(b).toEqual({
      id: 'd-3',
      entityRef: 'component:default/b',
      region: 'eastus2',
      performedAt: '2026-11-10T00:00:00.000Z',
      outcome: 'success',
      rpoAchieved: 'PT1M',
      notes: 'ran the runbook',
      recordedBy: 'user:default/hannah.becker',
      recordedAt: '2026-11-10T00:00:00.000Z',
      state: 'recorded',
      revisions: [],
    });
  });

  it('keeps bookkeeping values', async () => {
    const { store } = await createStore();
    expect(await store.getMeta('k')).toBeUndefined();
    await store.setMeta('k', 'one');
    await store.setMeta('k', 'two');
    expect(await store.getMeta('k')).toBe('two');
    await store.deleteMeta('k');
    expect(await store.getMeta('k')).toBeUndefined();
  });
});

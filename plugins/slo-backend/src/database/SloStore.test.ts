import { mockServices } from '@backstage/backend-test-utils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { SloDefinition, SloStatus } from '@vitals/plugin-slo-common';
import { SloStore } from './SloStore';

const databases = createVitalsTestDatabases();

const definition: SloDefinition = {
  name: 'availability',
  service: 'api',
  format: 'openslo/v1',
  indicator: {
    kind: 'ratio',
    counter: true,
    good: { query: 'g' },
    total: { query: 't' },
  },
  timeWindow: { durationMs: 30 * 86400000, duration: '30d', rolling: true },
  budgetingMethod: 'Occurrences',
  objectives: [{ key: '0', target: 0.999 }],
  alerting: { page: true, ticket: true },
  labels: {},
  warnings: [],
  source: { file: 'slo.yaml', documentIndex: 0 },
};

const target = (name: string, seriesKey: string, t = 0.999) => ({
  name,
  seriesKey,
  definition,
  objectiveKey: '0',
  dataSource: 'prometheus',
  displayName: name,
  target: t,
});

const status = { name: 'x' } as unknown as SloStatus;

describe.each(databases.eachSupportedId())('SloStore on %p', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return {
      knex,
      store: await SloStore.create(mockServices.database({ knex })),
    };
  }

  it('migrates up and down cleanly', async () => {
    const { knex } = await createStore();
    expect(await knex.schema.hasTable('slo_buckets')).toBe(true);
    await knex.migrate.rollback(
      { directory: SloStore.migrationsDirectory() },
      true,
    );
    for (const table of [
      'slo_entities',
      'slo_targets',
      'slo_series',
      'slo_buckets',
      'slo_daily',
      'slo_meta',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest({ directory: SloStore.migrationsDirectory() });
    expect(await knex.schema.hasTable('slo_targets')).toBe(true);
  });

  it('keeps computed figures when definitions are re-read unchanged, and drops them when the series changes', async () => {
    const { store } = await createStore();
    await store.replaceTargets('component:default/a', 'team-a', 'sys', [
      target('availability', 'k1'),
      target('latency', 'k2'),
    ]);
    await store.saveStatus(
      'component:default/a',
      'availability',
      status,
      {
        sli: 0.9995,
        remaining: 0.5,
        policyState: 'healthy',
        firing: false,
        firingSeverity: null,
      },
      1000,
    );
    await store.saveStatus(
      'component:default/a',
      'latency',
      status,
      {
        sli: 0.99,
        remaining: 0.1,
        policyState: 'warning',
        firing: true,
        firingSeverity: 'page',
      },
      1000,
    );

    await store.replaceTargets('component:default/a', 'team-b', 'sys', [
      target('availability', 'k1', 0.99),
      target('latency', 'k3'),
    ]);
    const [availability, latency] = await store.listTargets(
      'component:default/a',
    );
    expect(availability).toMatchObject({
      name: 'availability',
      owner: 'team-b',
      status,
      computedAt: 1000,
    });
    expect(latency).toMatchObject({
      name: 'latency',
      seriesKey: 'k3',
      status: null,
      computedAt: null,
    });

    await store.replaceTargets('component:default/a', 'team-b', 'sys', [
      target('availability', 'k1'),
    ]);
    expect(
      (await store.listTargets('component:default/a')).map(t => t.name),
    ).toEqual(['availability']);
  });

  it('records failures without losing the last figures', async () => {
    const { store } = await createStore();
    await store.replaceTargets('component:default/a', null, null, [
      target('availability', 'k1'),
    ]);
    await store.saveStatus(
      'component:default/a',
      'availability',
      status,
      {
        sli: 1,
        remaining: 1,
        policyState: 'healthy',
        firing: false,
        firingSeverity: null,
      },
      1000,
    );
    await store.saveFailure(
      'component:default/a',
      'availability',
      'prometheus down',
      2000,
    );
    const [t] = await store.listTargets();
    expect(t).toMatchObject({
      status,
      computedAt: 1000,
      lastAttemptAt: 2000,
      lastError: 'prometheus down',
    });
  });

  it('filters and sorts the overview by remaining budget', async () => {
    const { store } = await createStore();
    await store.replaceTargets('component:default/a', 'team-a', 'portal', [
      target('availability', 'k1'),
    ]);
    await store.replaceTargets('component:default/b', 'team-b', 'records', [
      target('availability', 'k2'),
      target('latency', 'k3'),
    ]);
    const save = (
      ref: string,
      name: string,
      remaining: number,
      policyState: string,
      firing: boolean,
    ) =>
      store.saveStatus(
        ref,
        name,
        status,
        {
          sli: 0.99,
          remaining,
          policyState,
          firing,
          firingSeverity: firing ? 'page' : null,
        },
        1000,
      );
    await save('component:default/a', 'availability', 0.8, 'healthy', false);
    await save('component:default/b', 'availability', -0.5, 'freeze', false);
    await save('component:default/b', 'latency', 0.1, 'warning', true);

    const all = await store.overview({});
    expect(all.map(r => `${r.entity_ref} ${r.name}`)).toEqual([
      'component:default/b availability',
      'component:default/b latency',
      'component:default/a availability',
    ]);
    expect(
      (await store.overview({ owner: 'team-a' })).map(r => r.name),
    ).toEqual(['availability']);
    expect(
      (await store.overview({ state: 'warning' })).map(r => r.name),
    ).toEqual(['latency']);
    expect((await store.overview({ firing: true })).map(r => r.name)).toEqual([
      'latency',
    ]);
    expect(
      (await store.overview({ system: 'records', firing: false })).map(
        r => r.name,
      ),
    ).toEqual(['availability']);
  });

  it('replaces, reads and prunes buckets, and removes orphaned series', async () => {
    const { store } = await createStore();
    await store.replaceTargets('component:default/a', null, null, [
      target('availability', 'k1'),
    ]);
    await store.upsertSeries('k1', {
      stepMs: 300000,
      fineUntil: 1500,
      dailyBackfilled: false,
    });
    const rows = Array.from({ length: 450 }, (_, i) => ({
      start: i * 10,
      good: i,
      total: i + 0.5,
    }));
    await store.replaceBuckets('k1', 0, 4500, rows);
    await store.replaceBuckets('k1', 100, 200, [
      { start: 150, good: 1, total: 2 },
    ]);
    const read = await store.readBuckets('k1', 90, 210);
    expect(read).toEqual([
      { start: 90, good: 9, total: 9.5 },
      { start: 150, good: 1, total: 2 },
      { start: 200, good: 20, total: 20.5 },
    ]);
    await store.pruneSeries('k1', 4000, 0);
    expect((await store.readBuckets('k1', 0, 10000)).length).toBe(50);
    expect(await store.getSeries('k1')).toEqual({
      stepMs: 300000,
      fineUntil: 1500,
      dailyBackfilled: false,
    });

    await store.upsertSeries('orphan', {
      stepMs: 300000,
      fineUntil: null,
      dailyBackfilled: true,
    });
    await store.replaceDaily('orphan', 0, 10, [
      { start: 0, good: 1, total: 1 },
    ]);
    expect(await store.deleteOrphanSeries()).toBe(1);
    expect(await store.getSeries('orphan')).toBeUndefined();
    expect(await store.readDaily('orphan', 0, 10)).toEqual([]);
    expect(await store.getSeries('k1')).toBeDefined();
  });

  it('deletes entities and their targets', async () => {
    const { store } = await createStore();
    await store.upsertEntity({
      entityRef: 'component:default/a',
      owner: null,
      system: null,
      refs: [],
      documentIssues: [],
      readError: null,
      readAt: 1,
    });
    await store.replaceTargets('component:default/a', null, null, [
      target('availability', 'k1'),
    ]);
    await store.deleteEntities(['component:default/a']);
    expect(await store.getEntity('component:default/a')).toBeUndefined();
    expect(await store.listTargets()).toEqual([]);
  });
});

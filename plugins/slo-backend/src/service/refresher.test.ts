import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { DAY, HOUR, MINUTE } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceError,
  SliFetchRequest,
} from '@vitals/plugin-slo-node';
import { SampleDataSource } from '../dataSources/sample';
import { SloStore } from '../database/SloStore';
import { availabilitySlo, serviceComponent } from '../testing/fixtures';
import { SloRefresher } from './refresher';

const databases = createVitalsTestDatabases();
const NOW = Date.UTC(2026, 10, 23, 12, 2);

const availability = (name: string, target = 0.999, ref = 'prometheus') =>
  availabilitySlo({ name, target, dataSource: ref });

const entityIn = (dir: string, name: string, sloRef: string) =>
  serviceComponent({
    name,
    dir,
    annotations: { 'vitals.dev/slo-ref': sloRef },
  });

/** A source with a constant 1000 events per 5 minutes, 0.05% bad, that records what it was asked. */
class CountingSource implements SliDataSource {
  readonly name = 'prometheus';
  readonly type = 'test';
  readonly incremental = true;
  requests: Array<{ from: number; to: number; step: number }> = [];
  failWith?: SliDataSourceError;

  async fetch(request: SliFetchRequest) {
    this.requests.push({
      from: request.from,
      to: request.to,
      step: request.step,
    });
    if (this.failWith) throw this.failWith;
    const t: number[] = [];
    const good: number[] = [];
    const total: number[] = [];
    for (
      let x = request.from + request.step;
      x <= request.to;
      x += request.step
    ) {
      const perStep = (1000 * request.step) / (5 * MINUTE);
      t.push(x);
      total.push(perStep);
      good.push(perStep * 0.9995);
    }
    return {
      points: { kind: 'events' as const, step: request.step, t, good, total },
      queries: 2,
      warnings: [],
    };
  }
}

describe.each(databases.eachSupportedId())('SloRefresher on %p', databaseId => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-refresh-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function setup(
    entities: Entity[],
    source: SliDataSource,
    now = () => NOW,
  ) {
    const knex = await databases.init(databaseId);
    const store = await SloStore.create(mockServices.database({ knex }));
    const refresher = new SloRefresher({
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      logger: mockServices.logger.mock(),
      dataSources: new Map([[source.name, source]]),
      defaultDataSource: source.name,
      now,
    });
    return { store, refresher };
  }

  it('computes, stores and then fetches only what is new', async () => {
    fs.writeFileSync(path.join(dir, 'slo.yaml'), availability('availability'));
    const source = new CountingSource();
    let now = NOW;
    const { store, refresher } = await setup(
      [entityIn(dir, 'api', './slo.yaml')],
      source,
      () => now,
    );

    const first = await refresher.refreshAll();
    expect(first).toMatchObject({
      entities: 1,
      targets: 1,
      computed: 1,
      failed: 0,
    });
    const aligned = Math.floor(NOW / (5 * MINUTE)) * 5 * MINUTE;
    // First refresh: 38 days of 5-minute buckets, then 400 days of daily counts.
    expect(source.requests[0]).toEqual({
      from: aligned - 38 * DAY,
      to: aligned,
      step: 5 * MINUTE,
    });
    expect(source.requests[1]).toEqual({
      from: Math.floor(aligned / DAY) * DAY - 400 * DAY,
      to: Math.floor(aligned / DAY) * DAY,
      step: DAY,
    });

    const [target] = await store.listTargets();
    expect(target.status!.sli.ratio).toBeCloseTo(0.9995, 9);
    expect(target.status!.errorBudget.remaining).toBeCloseTo(0.5, 9);
    expect(target.status!.policyState).toBe('healthy');
    expect(target.status!.burnRates.map(b => b.factor)).toEqual(
      [14.4, 6, 3, 1].map(f => expect.closeTo(f, 9)),
    );
    expect(target.status!.history[0].label).toBe('2026-11');

    now = NOW + HOUR;
    source.requests = [];
    await refresher.refreshAll();
    // Second refresh: only the new hour (plus the two last buckets again); no daily backfill.
    expect(source.requests).toEqual([
      { from: aligned - 10 * MINUTE, to: aligned + HOUR, step: 5 * MINUTE },
    ]);
    const [again] = await store.listTargets();
    expect(again.status!.sli.ratio).toBeCloseTo(0.9995, 9);
    expect(again.computedAt).toBe(NOW + HOUR);
  });

  it('keeps the last good figures when the data source fails, with the error', async () => {
    fs.writeFileSync(path.join(dir, 'slo.yaml'), availability('availability'));
    const source = new CountingSource();
    let now = NOW;
    const { store, refresher } = await setup(
      [entityIn(dir, 'api', './slo.yaml')],
      source,
      () => now,
    );
    await refresher.refreshAll();
    source.failWith = new SliDataSourceError(
      'unavailable',
      'prometheus at http://127.0.0.1:1 could not be reached',
    );
    now = NOW + 10 * MINUTE;
    const stats = await refresher.refreshAll();
    expect(stats).toMatchObject({ computed: 0, failed: 1 });
    const [target] = await store.listTargets();
    expect(target.status!.sli.ratio).toBeCloseTo(0.9995, 9);
    expect(target.computedAt).toBe(NOW);
    expect(target.lastAttemptAt).toBe(NOW + 10 * MINUTE);
    expect(target.lastError).toContain('could not be reached');
  });

  it('keeps good SLOs next to bad documents and reports unknown data sources per SLO', async () => {
    fs.writeFileSync(
      path.join(dir, 'slo.yaml'),
      `${availability('good')}---\n${availability(
        'broken',
        1.5,
      )}---\n${availability('elsewhere', 0.99, 'thanos')}`,
    );
    const { store, refresher } = await setup(
      [entityIn(dir, 'api', './slo.yaml')],
      new CountingSource(),
    );
    await refresher.refreshAll();
    const entity = await store.getEntity('component:default/api');
    expect(entity!.documentIssues).toEqual([
      expect.objectContaining({
        documentIndex: 1,
        path: 'spec.objectives[0].target',
        object: 'SLO broken',
      }),
    ]);
    const targets = await store.listTargets();
    expect(targets.map(t => [t.name, Boolean(t.status), t.lastError])).toEqual([
      [
        'elsewhere',
        false,
        expect.stringContaining(
          'metricSourceRef "thanos" is not a configured data source',
        ),
      ],
      ['good', true, null],
    ]);
  });

  it('refuses SLO files outside the entity directory and keeps definitions when a file disappears', async () => {
    fs.writeFileSync(path.join(dir, 'slo.yaml'), availability('availability'));
    const source = new CountingSource();
    const escaping = entityIn(dir, 'sneaky', '../../etc/passwd');
    const { store, refresher } = await setup(
      [entityIn(dir, 'api', './slo.yaml'), escaping],
      source,
    );
    await refresher.refreshAll();
    const sneaky = await store.getEntity('component:default/sneaky');
    expect(sneaky!.readError).toContain('points outside the directory');

    fs.rmSync(path.join(dir, 'slo.yaml'));
    await refresher.refreshAll();
    const api = await store.getEntity('component:default/api');
    expect(api!.readError).toContain('does not exist');
    expect(
      (await store.listTargets('component:default/api')).map(t => t.name),
    ).toEqual(['availability']);
  });

  it('forgets entities that no longer declare SLOs', async () => {
    fs.writeFileSync(path.join(dir, 'slo.yaml'), availability('availability'));
    const knex = await databases.init(databaseId);
    const store = await SloStore.create(mockServices.database({ knex }));
    const make = (entities: Entity[]) =>
      new SloRefresher({
        store,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
        dataSources: new Map([['prometheus', new CountingSource()]]),
        defaultDataSource: 'prometheus',
        now: () => NOW,
      });
    await make([entityIn(dir, 'api', './slo.yaml')]).refreshAll();
    expect(await store.listEntityRefs()).toEqual(['component:default/api']);
    await make([]).refreshAll();
    expect(await store.listEntityRefs()).toEqual([]);
    expect(await store.listTargets()).toEqual([]);
    expect(
      await store.getSeries(
        (await store.listTargets())[0]?.seriesKey ?? 'none',
      ),
    ).toBeUndefined();
  });

  it('shows healthy, burning and exhausted budgets from the sample source', async () => {
    fs.writeFileSync(path.join(dir, 'slo.yaml'), availability('availability'));
    const sample = new SampleDataSource(
      'prometheus',
      [
        {
          match: ['burning'],
          requestsPerSecond: 30,
          errorRatio: 0.0003,
          latencySeconds: 0.1,
          incidents: [
            { startAgoMs: 50 * MINUTE, durationMs: 3 * HOUR, errorRatio: 0.03 },
          ],
        },
        {
          match: ['exhausted'],
          requestsPerSecond: 12,
          errorRatio: 0.0002,
          latencySeconds: 0.1,
          incidents: [
            { startAgoMs: 6 * DAY, durationMs: 10 * HOUR, errorRatio: 0.08 },
          ],
        },
        {
          match: ['*'],
          requestsPerSecond: 20,
          errorRatio: 0.0002,
          latencySeconds: 0.1,
          incidents: [],
        },
      ],
      () => NOW,
    );
    const { store, refresher } = await setup(
      ['healthy', 'burning', 'exhausted'].map(name =>
        entityIn(dir, name, './slo.yaml'),
      ),
      sample,
    );
    await refresher.refreshAll();
    const rows = await store.overview({});
    const byEntity = Object.fromEntries(
      rows.map(r => [r.entity_ref.split('/')[1], r]),
    );
    expect(byEntity.healthy).toMatchObject({ policy_state: 'healthy' });
    expect(Boolean(byEntity.healthy.firing)).toBe(false);
    expect(byEntity.burning).toMatchObject({
      policy_state: 'healthy',
      firing_severity: 'page',
    });
    expect(Boolean(byEntity.burning.firing)).toBe(true);
    expect(byEntity.exhausted).toMatchObject({ policy_state: 'freeze' });
    expect(Number(byEntity.exhausted.remaining)).toBeLessThan(0);
  }, 60_000);
});

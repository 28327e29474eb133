import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { MINUTE } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceError,
  SliFetchRequest,
} from '@vitals/plugin-slo-node';
import { SloStore } from '../database/SloStore';
import { SloRefresher } from './refresher';

const NOW = Date.UTC(2026, 11, 5, 12, 2);

const step = (key: string, weight: number, target: number) => `
    - displayName: ${key}
      target: ${target}
      compositeWeight: ${weight}
      indicator:
        metadata:
          name: ${key}
          annotations:
            vitals.dev/entity-ref: component:default/${key}-service
        spec:
          ratioMetric:
            counter: true
            good: { metricSource: { spec: { query: good_${key} } } }
            total: { metricSource: { spec: { query: total_${key} } } }`;

const journey = `apiVersion: openslo/v1
kind: SLO
metadata: { name: journey }
spec:
  service: portal
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives:${step('a', 1, 0.9995)}${step('b', 2, 0.999)}
`;

/** 1000 events per 5 minutes; the bad share is set per service, and a service can be made to fail. */
class ScriptedSource implements SliDataSource {
  readonly name = 'prometheus';
  readonly type = 'test';
  readonly incremental = true;
  failing = new Set<string>();
  services: string[] = [];

  constructor(private readonly badShare: Record<string, number>) {}

  async fetch(request: SliFetchRequest) {
    const service = request.context.service;
    this.services.push(service);
    if (this.failing.has(service)) {
      throw new SliDataSourceError('unavailable', `${service} is down`);
    }
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
      good.push(perStep * (1 - this.badShare[service]));
    }
    return {
      points: { kind: 'events' as const, step: request.step, t, good, total },
      queries: 2,
      warnings: [],
    };
  }
}

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'composite SLOs in the refresh on %p',
  databaseId => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-composite-'));
      fs.writeFileSync(path.join(dir, 'journey.yaml'), journey);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const system = (): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'portal',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(
            dir,
            'catalog-info.yaml',
          )}`,
          'vitals.dev/slo-ref': './journey.yaml',
        },
      },
      spec: { owner: 'team-a' },
    });

    it('computes the composite after its components, and marks it failed with one of them', async () => {
      const knex = await databases.init(databaseId);
      const store = await SloStore.create(mockServices.database({ knex }));
      // The README's example: 0.02% and 0.06% bad.
      const source = new ScriptedSource({
        'a-service': 0.0002,
        'b-service': 0.0006,
      });
      let now = NOW;
      const refresher = new SloRefresher({
        store,
        catalog: catalogServiceMock({ entities: [system()] }),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
        logger: mockServices.logger.mock(),
        dataSources: new Map([[source.name, source]]),
        defaultDataSource: source.name,
        now: () => now,
      });

      const stats = await refresher.refreshAll();
      expect(stats).toMatchObject({ entities: 1, targets: 2, computed: 2 });
      // Each component is asked for as the service its indicator names.
      expect([...new Set(source.services)].sort()).toEqual([
        'a-service',
        'b-service',
      ]);
      const byName = async () =>
        new Map((await store.listTargets()).map(t => [t.name, t]));
      let targets = await byName();
      const composite = targets.get('journey')!;
      expect(composite.system).toBe('system:default/portal');
      expect(composite.computedAt).toBe(NOW);
      expect(composite.lastError).toBeNull();
      // S = 2.9986/3, C = 0.56
      expect(composite.status!.sli.ratio).toBeCloseTo(2.9986 / 3, 9);
      expect(composite.status!.errorBudget.remaining).toBeCloseTo(0.44, 9);
      expect(composite.status!.policyState).toBe('healthy');

      source.failing.add('b-service');
      now = NOW + 10 * MINUTE;
      await refresher.refreshAll();
      targets = await byName();
      const failed = targets.get('journey')!;
      expect(failed.lastError).toBe(
        'component journey.b failed: b-service is down',
      );
      expect(failed.lastAttemptAt).toBe(NOW + 10 * MINUTE);
      // As old as its oldest component: b's figures are from the first refresh.
      expect(failed.computedAt).toBe(NOW);
      expect(failed.status!.composite!.components[1].stale).toBe(true);

      // Documents that cannot be read keep every row, the composite included.
      fs.rmSync(path.join(dir, 'journey.yaml'));
      source.failing.clear();
      now = NOW + 20 * MINUTE;
      await refresher.refreshAll();
      targets = await byName();
      expect([...targets.keys()].sort()).toEqual([
        'journey',
        'journey.a',
        'journey.b',
      ]);
      expect(targets.get('journey')!.computedAt).toBe(NOW + 20 * MINUTE);
      expect(targets.get('journey')!.lastError).toBeNull();
    });
  },
);

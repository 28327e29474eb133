import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import {
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewResponse,
} from '@vitals/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from './plugin';
import { availabilitySlo, serviceComponent } from './testing/fixtures';

const slo = (name: string, target: number) =>
  availabilitySlo({ name, target, service: 'svc', displayName: `${name} SLO` });
const component = (
  name: string,
  dir: string,
  annotations: Record<string, string>,
  owner = 'team-a',
) =>
  serviceComponent({
    name,
    dir,
    annotations,
    owner,
    system: owner === 'team-a' ? 'portal' : 'records',
  });

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'the SLO backend on %p',
  databaseId => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-plugin-'));
      fs.writeFileSync(
        path.join(dir, 'api.yaml'),
        `${slo('availability', 0.999)}---\n${slo('broken', 1.5)}`,
      );
      fs.writeFileSync(
        path.join(dir, 'payments.yaml'),
        slo('availability', 0.999),
      );
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function start() {
      const knex = await databases.init(databaseId);
      return startTestBackend({
        features: [
          sloPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          catalogServiceMock.factory({
            entities: [
              component('api', dir, { 'vitals.dev/slo-ref': './api.yaml' }),
              component(
                'payments',
                dir,
                { 'vitals.dev/slo-ref': './payments.yaml' },
                'team-b',
              ),
              component('no-slos', dir, {}),
            ],
          }),
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                slo: {
                  dataSources: [
                    {
                      name: 'prometheus',
                      type: 'sample',
                      scenarios: [
                        { match: 'payments', errorRatio: 0.01 },
                        { match: '*', errorRatio: 0.0001 },
                      ],
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
    }

    async function waitForFigures(server: any) {
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get('/api/slo/entities/default/component/api')
          .set('Authorization', mockCredentials.user.header());
        if (res.status === 200) return res;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the SLO refresh did not finish');
    }

    it('serves the entity contract with document errors next to good SLOs', async () => {
      const { server } = await start();
      const res = await waitForFigures(server);
      const body = res.body as SloEntityResponse;
      expect(body.entityRef).toBe('component:default/api');
      expect(body.slos).toHaveLength(1);
      const [availability] = body.slos;
      expect(availability).toMatchObject({
        name: 'availability',
        displayName: 'availability SLO',
        service: 'svc',
        target: 0.999,
        window: { duration: '30d', rolling: true },
        budgetingMethod: 'Occurrences',
        dataSource: 'prometheus',
        policyState: 'healthy',
        stale: false,
        errors: [],
      });
      expect(availability.sli.ratio).toBeGreaterThan(0.999);
      expect(
        availability.burnRates.map(b => [
          b.longWindow,
          b.shortWindow,
          b.severity,
        ]),
      ).toEqual([
        ['1h', '5m', 'page'],
        ['6h', '30m', 'page'],
        ['1d', '2h', 'ticket'],
        ['3d', '6h', 'ticket'],
      ]);
      expect(body.documentErrors).toEqual([
        expect.objectContaining({
          file: './api.yaml',
          documentIndex: 1,
          path: 'spec.objectives[0].target',
          object: 'SLO broken',
        }),
      ]);
    });

    it('filters the overview and sorts it by remaining budget', async () => {
      const { server } = await start();
      await waitForFigures(server);
      const auth = mockCredentials.user.header();
      const all = (
        await request(server)
          .get('/api/slo/overview')
          .set('Authorization', auth)
      ).body as SloOverviewResponse;
      expect(all.items.map(i => i.entityRef)).toEqual([
        'component:default/payments',
        'component:default/api',
      ]);
      expect(all.items[0]).toMatchObject({
        owner: 'group:default/team-b',
        system: 'system:default/records',
        slo: 'availability',
        policyState: 'freeze',
      });
      expect(all.items[0].remaining).toBeLessThan(0);
      const teamA = (
        await request(server)
          .get('/api/slo/overview?owner=team-a')
          .set('Authorization', auth)
      ).body;
      expect(teamA.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/api',
      ]);
      const frozen = (
        await request(server)
          .get('/api/slo/overview?state=freeze')
          .set('Authorization', auth)
      ).body;
      expect(frozen.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/payments',
      ]);
      const bad = await request(server)
        .get('/api/slo/overview?state=melting')
        .set('Authorization', auth);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('state');
    });

    it('answers unchanged overviews with 304 for their ETag', async () => {
      const { server } = await start();
      await waitForFigures(server);
      const auth = mockCredentials.user.header();
      const first = await request(server)
        .get('/api/slo/overview')
        .set('Authorization', auth);
      expect(first.status).toBe(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/"/);
      const again = await request(server)
        .get('/api/slo/overview')
        .set('Authorization', auth)
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);
      const filtered = await request(server)
        .get('/api/slo/overview?owner=team-b')
        .set('Authorization', auth)
        .set('If-None-Match', etag);
      expect(filtered.status).toBe(200);
      expect(filtered.body.items).toHaveLength(1);
    });

    it('serves chart history and validates its parameters', async () => {
      const { server } = await start();
      await waitForFigures(server);
      const auth = mockCredentials.user.header();
      const to = Date.now();
      const ok = await request(server)
        .get(
          `/api/slo/entities/default/component/api/slos/availability/history?from=${new Date(
            to - 86400000,
          ).toISOString()}&to=${to}&step=1h`,
        )
        .set('Authorization', auth);
      expect(ok.status).toBe(200);
      const body = ok.body as SloHistoryResponse;
      expect(body.step).toBe('1h');
      expect(body.points.length).toBeGreaterThanOrEqual(24);
      expect(
        body.points.every(
          p => p.sli === null || (p.sli > 0.99 && p.remaining <= 1),
        ),
      ).toBe(true);

      const cases: Array<[string, number, string]> = [
        [
          '/slos/availability/history?from=yesterday',
          400,
          'from must be an ISO-8601 date',
        ],
        [
          '/slos/availability/history?step=fast',
          400,
          'step must be a duration',
        ],
        [
          '/slos/availability/history?step=1s',
          400,
          'step must be between 1m and',
        ],
        ['/slos/availability/history?step=1m', 400, 'at most 2000'],
        [
          `/slos/availability/history?from=${to}&to=${to - 1000}`,
          400,
          'from must be before to',
        ],
        ['/slos/latency/history', 404, 'no SLO named "latency"'],
      ];
      for (const [suffix, status, message] of cases) {
        const res = await request(server)
          .get(`/api/slo/entities/default/component/api${suffix}`)
          .set('Authorization', auth);
        expect([suffix, res.status]).toEqual([suffix, status]);
        expect(res.body.error.message).toContain(message);
      }
    });

    it('answers 404 for unknown entities, and says when the annotation is missing', async () => {
      const { server } = await start();
      await waitForFigures(server);
      const auth = mockCredentials.user.header();
      const unknown = await request(server)
        .get('/api/slo/entities/default/component/ghost')
        .set('Authorization', auth);
      expect(unknown.status).toBe(404);
      const plain = await request(server)
        .get('/api/slo/entities/default/component/no-slos')
        .set('Authorization', auth);
      expect(plain.status).toBe(200);
      expect(plain.body).toMatchObject({ slos: [], annotationMissing: true });
      const badName = await request(server)
        .get('/api/slo/entities/default/component/%20drop')
        .set('Authorization', auth);
      expect(badName.status).toBe(400);
    });

    it('requires Backstage credentials on every route', async () => {
      const { server } = await start();
      for (const url of [
        '/api/slo/overview',
        '/api/slo/entities/default/component/api',
        '/api/slo/data-sources',
      ]) {
        const res = await request(server)
          .get(url)
          .set('Authorization', mockCredentials.none.header());
        expect([url, res.status]).toEqual([url, 401]);
      }
      const health = await request(server)
        .get('/api/slo/data-sources')
        .set('Authorization', mockCredentials.user.header());
      expect(health.body.items).toEqual([
        { name: 'prometheus', type: 'sample', healthy: true },
      ]);
    });
  },
);

describe('before the first refresh', () => {
  it('answers 503 with Retry-After for an entity whose SLOs are not computed yet, and computes them at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-plugin-'));
    fs.writeFileSync(path.join(dir, 'api.yaml'), slo('availability', 0.999));
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            component('api', dir, { 'vitals.dev/slo-ref': './api.yaml' }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            vitals: {
              slo: { dataSources: [{ name: 'prometheus', type: 'sample' }] },
            },
          },
        }),
      ],
    });
    const read = () =>
      request(server)
        .get('/api/slo/entities/default/component/api')
        .set('Authorization', mockCredentials.user.header());
    const res = await read();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body.error.message).toBe(
      'The SLOs of component:default/api have not been read yet; a refresh computing them has started',
    );
    // No scheduled refresh runs in this backend: only the one the read asked for.
    let computed = await read();
    for (let i = 0; i < 100 && computed.status !== 200; i++) {
      await new Promise(r => setTimeout(r, 100));
      computed = await read();
    }
    expect(computed.status).toBe(200);
    expect(computed.body.slos.map((s: { name: string }) => s.name)).toEqual([
      'availability',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});

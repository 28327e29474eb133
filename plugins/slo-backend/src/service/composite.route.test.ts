import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import {
  combineCompositeHistory,
  SloDeployGateResponse,
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewResponse,
} from '@vitals/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from '../plugin';

const step = (
  name: string,
  weight: number,
  target: number,
  entity: string,
) => `    - displayName: ${name}
      target: ${target}
      compositeWeight: ${weight}
      indicator:
        metadata:
          name: ${name}-ok
          annotations:
            vitals.dev/entity-ref: component:default/${entity}
        spec:
          ratioMetric:
            counter: true
            good:
              metricSource:
                metricSourceRef: prometheus
                spec:
                  query: http_requests_total{service="${entity}",code!~"5.."}
            total:
              metricSource:
                metricSourceRef: prometheus
                spec:
                  query: http_requests_total{service="${entity}"}`;

const journey = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: book-appointment
  displayName: Sign in and book an appointment
spec:
  service: patient-portal
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
${step('sign-in', 1, 0.9995, 'identity-gateway')}
${step('book', 2, 0.999, 'appointments-service')}
`;

const system = (dir: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'patient-portal',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${path.join(
        dir,
        'catalog-info.yaml',
      )}`,
      'vitals.dev/slo-ref': './journey.yaml',
    },
  },
  spec: { owner: 'care-experience' },
});

const databases = createVitalsTestDatabases();
const PATH = '/api/slo/entities/default/system/patient-portal';

describe.each(databases.eachSupportedId())(
  'composite SLOs of a System on %p',
  databaseId => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-journey-'));
      fs.writeFileSync(path.join(dir, 'journey.yaml'), journey);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sloPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          catalogServiceMock.factory({ entities: [system(dir)] }),
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                slo: {
                  dataSources: [
                    {
                      name: 'prometheus',
                      type: 'sample',
                      // Scripted by the service each component measures.
                      scenarios: [
                        { match: 'identity-gateway', errorRatio: 0.0001 },
                        { match: 'appointments-service', errorRatio: 0.004 },
                        { match: '*', errorRatio: 0 },
                      ],
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get(PATH)
          .set('Authorization', mockCredentials.user.header());
        const body = res.body as SloEntityResponse;
        if (
          res.status === 200 &&
          body.slos.find(s => s.name === 'book-appointment')?.computedAt
        ) {
          return { server, body };
        }
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the SLO refresh did not finish');
    }

    it('serves the System with its composite and the components', async () => {
      const { body } = await start();
      expect(body.entityRef).toBe('system:default/patient-portal');
      expect(body.documentErrors).toEqual([]);
      const byName = new Map(body.slos.map(s => [s.name, s]));
      expect([...byName.keys()].sort()).toEqual([
        'book-appointment',
        'book-appointment.book',
        'book-appointment.sign-in',
      ]);
      const signIn = byName.get('book-appointment.sign-in')!;
      const book = byName.get('book-appointment.book')!;
      const composite = byName.get('book-appointment')!;
      expect(signIn.sli.ratio).toBeGreaterThan(0.999);
      expect(book.sli.ratio).toBeLessThan(0.999);

      // T = (0.9995 + 2·0.999)/3
      expect(composite.target).toBeCloseTo(2.9975 / 3, 12);
      expect(composite).toMatchObject({
        displayName: 'Sign in and book an appointment',
        stale: false,
        errors: [],
        dataSource: 'prometheus',
      });
      const s1 = signIn.sli.ratio!;
      const s2 = book.sli.ratio!;
      // S = (s₁ + 2 s₂)/3; C = (1 − S)/(1 − T)
      const S = (s1 + 2 * s2) / 3;
      const C = (1 - S) / (1 - 2.9975 / 3);
      expect(composite.sli.ratio).toBeCloseTo(S, 12);
      expect(composite.errorBudget.consumed).toBeCloseTo(C, 9);
      expect(composite.errorBudget.remaining).toBeCloseTo(1 - C, 9);
      // The booking step spends four times its budget: the journey is frozen.
      expect(1 - C).toBeLessThanOrEqual(0);
      expect(composite.policyState).toBe('freeze');
      expect(composite.composite!.components).toEqual([
        {
          name: 'book-appointment.sign-in',
          displayName: 'sign-in',
          weight: 1,
          target: 0.9995,
          sli: s1,
          remaining: expect.closeTo(signIn.errorBudget.remaining, 9),
          // w₁ (1 − s₁) / Σ wⱼ bⱼ, Σ wⱼ bⱼ = 0.0005 + 0.002
          contribution: expect.closeTo((1 - s1) / 0.0025, 9),
          policyState: signIn.policyState,
          entityRef: 'component:default/identity-gateway',
          stale: false,
        },
        {
          name: 'book-appointment.book',
          displayName: 'book',
          weight: 2,
          target: 0.999,
          sli: s2,
          remaining: expect.closeTo(book.errorBudget.remaining, 9),
          contribution: expect.closeTo((2 * (1 - s2)) / 0.0025, 9),
          policyState: book.policyState,
          entityRef: 'component:default/appointments-service',
          stale: false,
        },
      ]);
      expect(composite.burnRates.map(b => b.longWindow)).toEqual(
        signIn.burnRates.map(b => b.longWindow),
      );
      // Burn rate Σ wbr / Σ wb over the hour
      expect(composite.burnRates[0].longRate).toBeCloseTo(
        (0.0005 * signIn.burnRates[0].longRate! +
          0.002 * book.burnRates[0].longRate!) /
          0.0025,
        9,
      );
    });

    it('answers the composite history from the components, point by point', async () => {
      const { server } = await start();
      const to = Date.now();
      const from = to - 6 * 3_600_000;
      const query = `?from=${new Date(from).toISOString()}&to=${new Date(
        to,
      ).toISOString()}&step=30m`;
      const get = async (slo: string) => {
        const res = await request(server)
          .get(`${PATH}/slos/${slo}/history${query}`)
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        return res.body as SloHistoryResponse;
      };
      const composite = await get('book-appointment');
      const signIn = await get('book-appointment.sign-in');
      const book = await get('book-appointment.book');
      expect(composite.slo).toBe('book-appointment');
      expect(composite.step).toBe('30m');
      expect(composite.points.length).toBeGreaterThanOrEqual(12);
      const parse = (body: SloHistoryResponse) =>
        body.points.map(p => ({ ...p, t: Date.parse(p.t) }));
      const expected = combineCompositeHistory([
        { name: 'sign-in', weight: 1, target: 0.9995, points: parse(signIn) },
        { name: 'book', weight: 2, target: 0.999, points: parse(book) },
      ]);
      const byT = new Map(expected.map(p => [p.t, p]));
      for (const point of parse(composite)) {
        const want = byT.get(point.t)!;
        expect(want).toBeDefined();
        expect(point.sli).toBeCloseTo(want.sli!, 12);
        expect(point.remaining).toBeCloseTo(want.remaining, 9);
        expect(point.burnRate).toBeCloseTo(want.burnRate!, 9);
      }
    });

    it('lists the composite in the overview under its System, marked', async () => {
      const { server } = await start();
      const res = await request(server)
        .get('/api/slo/overview?system=patient-portal')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const { items } = res.body as SloOverviewResponse;
      const composite = items.find(i => i.slo === 'book-appointment')!;
      expect(composite).toMatchObject({
        entityRef: 'system:default/patient-portal',
        system: 'system:default/patient-portal',
        owner: 'group:default/care-experience',
        composite: true,
        stale: false,
      });
      expect(
        items.find(i => i.slo === 'book-appointment.book')!.composite,
      ).toBeUndefined();
    });

    it('closes the System’s deploy gate while its journey is frozen', async () => {
      const { server, body } = await start();
      const composite = body.slos.find(s => s.name === 'book-appointment')!;
      expect(composite.policyState).toBe('freeze');
      const res = await request(server)
        .get(`${PATH}/deploy-gate`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const gate = res.body as SloDeployGateResponse;
      expect(gate.allow).toBe(false);
      expect(gate.policyState).toBe('freeze');
      expect(gate.reasons.map(r => r.slo)).toContain('book-appointment');
    });
  },
);

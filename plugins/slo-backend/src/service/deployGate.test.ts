import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import type {
  SloDeployGateResponse,
  SloDeploymentsResponse,
} from '@vitals/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import { availabilitySlo, serviceComponent } from '../testing/fixtures';
import { deployGateDecision, MAX_OVERRIDE_MS } from './deployGate';

const LEAD = 'user:default/sre-lead';
const DEVELOPER = 'user:default/dev';
const HOUR = 3_600_000;

const user = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const status = (
  name: string,
  remaining: number,
  policyState: 'healthy' | 'warning' | 'freeze',
  extra: { stale?: boolean; computedAt?: string | null } = {},
) => ({
  name,
  displayName: `${name} SLO`,
  errorBudget: { budget: 0.001, consumed: 1 - remaining, remaining },
  policyState,
  stale: extra.stale ?? false,
  computedAt:
    extra.computedAt === undefined ? '2026-12-05T10:00:00Z' : extra.computedAt,
});

describe('deployGateDecision', () => {
  const ref = 'component:default/appointments';

  it('closes while any SLO is in freeze, naming it and its budget', () => {
    const gate = deployGateDecision(
      ref,
      [
        status('latency', 0.6, 'healthy'),
        status('availability', -0.125, 'freeze', { stale: true }),
        status('errors', 0.1, 'warning'),
      ],
      [],
    );
    expect(gate.allow).toBe(false);
    expect(gate.policyState).toBe('freeze');
    expect(gate.reasons.map(r => [r.slo, r.policyState])).toEqual([
      ['availability', 'freeze'],
      ['errors', 'warning'],
    ]);
    expect(gate.message).toBe(
      'Deploy gate closed: component:default/appointments is in error-budget freeze: availability has -12.5% of its error budget left (stale figures). Only fixes and security changes ship until the budget recovers, or an approver records an override.',
    );
  });

  it('stays open on warnings and names the lowest budget', () => {
    const gate = deployGateDecision(
      ref,
      [status('latency', 0.6, 'healthy'), status('errors', 0.1, 'warning')],
      [],
    );
    expect(gate).toMatchObject({
      allow: true,
      policyState: 'warning',
      override: null,
    });
    expect(gate.message).toContain('(lowest: errors, 10.0%)');
  });

  it('opens for an active override only', () => {
    const override = {
      id: 'o1',
      entityRef: ref,
      requester: DEVELOPER,
      approver: LEAD,
      reason: 'Hotfix for the booking outage',
      createdAt: '2026-12-05T09:00:00Z',
      expiresAt: '2026-12-05T13:00:00Z',
      revokedAt: null,
      revokedBy: null,
      active: true,
    };
    const frozen = [status('availability', -0.2, 'freeze')];
    expect(deployGateDecision(ref, frozen, [override])).toMatchObject({
      allow: true,
      policyState: 'freeze',
      override: { id: 'o1' },
    });
    expect(
      deployGateDecision(ref, frozen, [{ ...override, active: false }]).allow,
    ).toBe(false);
  });

  it('is open when no SLO has figures yet', () => {
    const gate = deployGateDecision(
      ref,
      [status('availability', 1, 'healthy', { computedAt: null })],
      [],
    );
    expect(gate).toMatchObject({ allow: true, reasons: [] });
    expect(gate.message).toContain('have no figures yet');
  });
});

const databases = createVitalsTestDatabases();

describe.each(databases.eachSupportedId())(
  'the deploy gate and deployments on %p',
  databaseId => {
    let dir: string;
    const auditEvents: Array<{
      eventId: string;
      meta?: unknown;
      outcome?: string;
      error?: string;
    }> = [];
    beforeEach(() => {
      auditEvents.length = 0;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-gate-'));
      fs.writeFileSync(
        path.join(dir, 'slo.yaml'),
        availabilitySlo({ name: 'availability', target: 0.999 }),
      );
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function start() {
      const knex = await databases.init(databaseId);
      const auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async ({ eventId, meta }) => {
          const event: (typeof auditEvents)[number] = { eventId, meta };
          auditEvents.push(event);
          return {
            success: jest.fn(async () => {
              event.outcome = 'success';
            }),
            fail: jest.fn(async ({ error }: { error: Error }) => {
              event.outcome = 'fail';
              event.error = error.message;
            }),
          };
        }),
      });
      const permissions = mockServices.permissions.mock({
        authorize: jest.fn(async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              credentials.principal.type === 'service' ||
              (credentials.principal as any).userEntityRef === LEAD
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ) as any,
      });
      const slos = { 'vitals.dev/slo-ref': './slo.yaml' };
      const { server } = await startTestBackend({
        features: [
          sloPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          auditor.factory,
          permissions.factory,
          catalogServiceMock.factory({
            entities: [
              serviceComponent({ name: 'payments', dir, annotations: slos }),
              serviceComponent({ name: 'api', dir, annotations: slos }),
              serviceComponent({ name: 'no-slos', dir }),
              user('sre-lead'),
              user('dev'),
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
      for (let i = 0; i < 100; i++) {
        const res = await request(server)
          .get('/api/slo/entities/default/component/payments')
          .set('Authorization', mockCredentials.user.header());
        if (res.status === 200) return server;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the SLO refresh did not finish');
    }

    const gateOf = async (server: any, name: string) => {
      const res = await request(server)
        .get(`/api/slo/entities/default/component/${name}/deploy-gate`)
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      return res.body as SloDeployGateResponse;
    };

    it('closes the gate of a service in freeze; an override decided by someone else opens it until revoked', async () => {
      const server = await start();
      const closed = await gateOf(server, 'payments');
      expect(closed).toMatchObject({
        entityRef: 'component:default/payments',
        allow: false,
        policyState: 'freeze',
        override: null,
      });
      expect(closed.reasons).toEqual([
        expect.objectContaining({ slo: 'availability', policyState: 'freeze' }),
      ]);
      expect(closed.reasons[0].remaining).toBeLessThan(0);
      expect(closed.message).toMatch(
        /^Deploy gate closed: component:default\/payments is in error-budget freeze: availability has -\d+\.\d% of its error budget left/,
      );
      expect((await gateOf(server, 'api')).allow).toBe(true);

      const overrides =
        '/api/slo/entities/default/component/payments/deploy-gate/overrides';
      const expiresAt = new Date(Date.now() + 4 * HOUR).toISOString();
      const reason = 'Hotfix for the booking outage, reviewed by the SRE lead';

      const self = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.user.header(LEAD))
        .send({ requester: LEAD, reason, expiresAt });
      expect(self.status).toBe(400);
      expect(self.body.error.message).toBe(
        'approver: the approver must be someone other than the requester',
      );

      const notAllowed = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.user.header(DEVELOPER))
        .send({ requester: LEAD, reason, expiresAt });
      expect(notAllowed.status).toBe(403);
      expect(notAllowed.body.error.message).toContain(
        'permission slo.deploy-gate.override',
      );

      const byPipeline = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.service.header())
        .send({ requester: DEVELOPER, reason, expiresAt });
      expect(byPipeline.status).toBe(403);

      const tooLong = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.user.header(LEAD))
        .send({
          requester: DEVELOPER,
          reason,
          expiresAt: new Date(
            Date.now() + MAX_OVERRIDE_MS + HOUR,
          ).toISOString(),
        });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/^expiresAt must lie between/);

      const unknownRequester = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.user.header(LEAD))
        .send({ requester: 'user:default/nobody', reason, expiresAt });
      expect(unknownRequester.status).toBe(400);
      expect(unknownRequester.body.error.message).toBe(
        'requester: user:default/nobody is not a User in the catalog',
      );

      const created = await request(server)
        .post(overrides)
        .set('Authorization', mockCredentials.user.header(LEAD))
        .send({ requester: DEVELOPER, reason, expiresAt });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/payments',
        requester: DEVELOPER,
        approver: LEAD,
        reason,
        expiresAt,
        active: true,
      });

      const open = await gateOf(server, 'payments');
      expect(open).toMatchObject({
        allow: true,
        policyState: 'freeze',
        override: { id: created.body.id, approver: LEAD },
      });
      expect(open.message).toContain('Deploy gate open by override until');

      const revoked = await request(server)
        .delete(`${overrides}/${created.body.id}`)
        .set('Authorization', mockCredentials.user.header(LEAD));
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ active: false, revokedBy: LEAD });
      expect((await gateOf(server, 'payments')).allow).toBe(false);

      const listed = await request(server)
        .get(overrides)
        .set('Authorization', mockCredentials.user.header());
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, active: false }),
      ]);

      const wrongEntity = await request(server)
        .delete(
          `/api/slo/entities/default/component/api/deploy-gate/overrides/${created.body.id}`,
        )
        .set('Authorization', mockCredentials.user.header(LEAD));
      expect(wrongEntity.status).toBe(404);

      expect(auditEvents.map(e => [e.eventId, e.outcome])).toEqual([
        ['deploy-gate-override', 'fail'],
        ['deploy-gate-override', 'fail'],
        ['deploy-gate-override', 'fail'],
        ['deploy-gate-override', 'fail'],
        ['deploy-gate-override', 'fail'],
        ['deploy-gate-override', 'success'],
        ['deploy-gate-override-revoke', 'success'],
        ['deploy-gate-override-revoke', 'fail'],
      ]);
      expect(JSON.stringify(auditEvents)).not.toContain(reason);
    });

    it('answers for entities without SLOs and refuses unknown ones', async () => {
      const server = await start();
      const none = await gateOf(server, 'no-slos');
      expect(none).toMatchObject({ allow: true, policyState: 'healthy' });
      expect(none.message).toBe(
        'Deploy gate open: component:default/no-slos declares no SLOs (annotation vitals.dev/slo-ref).',
      );
      const unknown = await request(server)
        .get('/api/slo/entities/default/component/ghost/deploy-gate')
        .set('Authorization', mockCredentials.service.header());
      expect(unknown.status).toBe(404);
      for (const route of [
        'deploy-gate',
        'deploy-gate/overrides',
        'deployments',
      ]) {
        const anonymous = await request(server)
          .get(`/api/slo/entities/default/component/payments/${route}`)
          .set('Authorization', mockCredentials.none.header());
        expect([route, anonymous.status]).toEqual([route, 401]);
      }
    });

    it('records deployments from pipelines and lists them newest first, refusing bad input', async () => {
      const server = await start();
      const path_ = '/api/slo/entities/default/component/payments/deployments';
      const pipeline = mockCredentials.service.header();
      const twoHoursAgo = new Date(Date.now() - 2 * HOUR).toISOString();
      const first = await request(server)
        .post(path_)
        .set('Authorization', pipeline)
        .send({
          version: '1.4.0',
          environment: 'production-eastus2',
          at: twoHoursAgo,
          url: 'https://github.com/contoso/payments/actions/runs/42',
        });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        entityRef: 'component:default/payments',
        version: '1.4.0',
        environment: 'production-eastus2',
        at: twoHoursAgo,
        recordedBy: expect.stringMatching(/^service:/),
      });
      const second = await request(server)
        .post(path_)
        .set('Authorization', mockCredentials.user.header(LEAD))
        .send({ version: '1.4.1' });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({
        environment: 'production',
        url: null,
        recordedBy: LEAD,
      });

      const bad = async (body: object, message: RegExp) => {
        const res = await request(server)
          .post(path_)
          .set('Authorization', pipeline)
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      };
      await bad({}, /^version is required$/);
      await bad({ version: 'x'.repeat(129) }, /^version must be at most 128/);
      await bad(
        { version: '1', environment: 'prod; drop' },
        /^environment must be a name/,
      );
      await bad(
        { version: '1', url: 'ftp://ci.example.com/run/1' },
        /^url must be/,
      );
      await bad(
        { version: '1', url: 'https://user:secret@ci.example.com/run/1' },
        /^url must not carry a user name or password$/,
      );
      await bad(
        { version: '1', at: '2020-01-01T00:00:00Z' },
        /^at must lie between/,
      );
      const developer = await request(server)
        .post(path_)
        .set('Authorization', mockCredentials.user.header(DEVELOPER))
        .send({ version: '9' });
      expect(developer.status).toBe(403);
      const ghost = await request(server)
        .post('/api/slo/entities/default/component/ghost/deployments')
        .set('Authorization', pipeline)
        .send({ version: '1' });
      expect(ghost.status).toBe(404);

      const listed = await request(server)
        .get(path_)
        .set('Authorization', mockCredentials.user.header());
      const body = listed.body as SloDeploymentsResponse;
      expect(body.items.map(d => d.version)).toEqual(['1.4.1', '1.4.0']);
      const range = await request(server)
        .get(`${path_}?from=2020-01-01&to=2026-01-01`)
        .set('Authorization', mockCredentials.user.header());
      expect(range.status).toBe(400);
      expect(range.body.error.message).toMatch(
        /^from: a range may span at most 400 days/,
      );
      expect(
        auditEvents.filter(e => e.outcome === 'success').map(e => e.eventId),
      ).toEqual(['deployment-create', 'deployment-create']);
    });
  },
);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloClient } from '@vitals/plugin-slo-common';
import { sloPlugin } from '../plugin';
import { availabilitySlo, serviceComponent } from '../testing/fixtures';
import { clientOptionsFor, rejectionOf } from '@vitals/backend-test-utils';

// Every client method against a real backend, on a machine running other suites too.
jest.setTimeout(60_000);

const slo = (name: string, target: number) =>
  availabilitySlo({ name, target, service: 'svc', displayName: `${name} SLO` });
const component = (
  name: string,
  dir: string,
  annotations: Record<string, string>,
  owner: string,
  system: string,
) => serviceComponent({ name, dir, annotations, owner, system });

// The contract cases below are functions of a record typed by the client's
// methods, so that a method without a case does not compile; they run inside
// `it.each`, which this rule cannot see.
/* eslint-disable jest/no-standalone-expect */

/**
 * The client the SLO screens use, called over real HTTP against the real SLO
 * backend: a client whose path, method, query or parsing drifts from its
 * route fails here, not in a user's browser.
 */

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** A client of `backend` as the app builds it: discovery, and a fetch that adds the credentials. */
const clientOf = (backend: Backend, authorization: string) =>
  new SloClient(clientOptionsFor(backend.server, authorization));

const API = { kind: 'Component', namespace: 'default', name: 'api' };
const PAYMENTS = { kind: 'Component', namespace: 'default', name: 'payments' };

/** Whether the first refresh has computed the SLOs of every entity: until then they answer 503. */
async function computed(client: SloClient): Promise<boolean> {
  try {
    await Promise.all([API, PAYMENTS].map(e => client.getEntitySlos(e)));
    return true;
  } catch (error) {
    if ((error as ResponseError).statusCode === 503) return false;
    throw error;
  }
}

async function waitForFirstRefresh(client: SloClient) {
  for (let i = 0; i < 100; i++) {
    if (await computed(client)) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the first SLO refresh did not finish');
}

describe('SloClient against the SLO backend', () => {
  let dir: string;
  let backend: Backend;
  let client: SloClient;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-contract-'));
    fs.writeFileSync(
      path.join(dir, 'api.yaml'),
      `${slo('availability', 0.999)}---\n${slo('broken', 1.5)}`,
    );
    fs.writeFileSync(
      path.join(dir, 'payments.yaml'),
      slo('availability', 0.999),
    );
    backend = await startTestBackend({
      features: [
        sloPlugin,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        catalogServiceMock.factory({
          entities: [
            component(
              'api',
              dir,
              { 'vitals.dev/slo-ref': './api.yaml' },
              'team-a',
              'portal',
            ),
            component(
              'payments',
              dir,
              { 'vitals.dev/slo-ref': './payments.yaml' },
              'team-b',
              'records',
            ),
            component('no-slos', dir, {}, 'team-a', 'portal'),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'dev', namespace: 'default' },
              spec: {},
            },
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
    client = clientOf(backend, mockCredentials.user.header());

    await waitForFirstRefresh(client);
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * One case per public method of the client: the type makes a new method
   * without a case a compile error, the first test a failing one.
   */
  const contract: Record<keyof SloClient, () => Promise<void>> = {
    async getEntitySlos() {
      // The screens pass the kind as the catalog spells it.
      const body = await client.getEntitySlos(API);
      expect(body.entityRef).toBe('component:default/api');
      expect(body.refs).toEqual([expect.stringContaining('api.yaml')]);
      expect(body.slos.map(s => s.name)).toEqual(['availability']);
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
        source: { file: './api.yaml', documentIndex: 0 },
      });
      expect(availability.sli.ratio).toBeGreaterThan(0.999);
      expect(availability.sli.total).toBeGreaterThan(0);
      expect(availability.errorBudget.remaining).toBeGreaterThan(0);
      expect(availability.errorBudget.remaining).toBeLessThanOrEqual(1);
      expect(new Date(availability.computedAt!).getTime()).not.toBeNaN();
      expect(availability.burnRates.map(b => b.longWindow)).toEqual([
        '1h',
        '6h',
        '1d',
        '3d',
      ]);
      expect(availability.burnRates.some(b => b.firing)).toBe(false);
      expect(body.documentErrors).toEqual([
        expect.objectContaining({
          file: './api.yaml',
          documentIndex: 1,
          path: 'spec.objectives[0].target',
        }),
      ]);

      const payments = await client.getEntitySlos(PAYMENTS);
      expect(payments.entityRef).toBe('component:default/payments');
      expect(payments.slos[0].policyState).toBe('freeze');
      expect(payments.slos[0].errorBudget.remaining).toBeLessThan(0);
      expect(payments.documentErrors).toEqual([]);

      const plain = await client.getEntitySlos({ ...API, name: 'no-slos' });
      expect(plain).toMatchObject({ slos: [], annotationMissing: true });

      const unknown = await rejectionOf(
        client.getEntitySlos({ ...API, name: 'ghost' }),
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body.error.name).toBe('NotFoundError');
      expect(unknown.body.error.message).toContain('component:default/ghost');
    },

    async getOverview() {
      const all = await client.getOverview();
      // Sorted by remaining budget: the frozen service first.
      expect(all.items.map(i => [i.entityRef, i.slo])).toEqual([
        ['component:default/payments', 'availability'],
        ['component:default/api', 'availability'],
      ]);
      expect(all.items[0]).toMatchObject({
        owner: 'group:default/team-b',
        system: 'system:default/records',
        displayName: 'availability SLO',
        target: 0.999,
        policyState: 'freeze',
        firing: true,
        stale: false,
        error: null,
      });
      expect(all.items[0].remaining).toBeLessThan(0);
      expect(all.items[1]).toMatchObject({
        owner: 'group:default/team-a',
        system: 'system:default/portal',
        policyState: 'healthy',
        firing: false,
        firingSeverity: null,
      });
      expect(all.items[1].sli).toBeGreaterThan(0.999);
      expect(new Date(all.computedAt!).getTime()).not.toBeNaN();

      const refs = async (filters: Parameters<SloClient['getOverview']>[0]) =>
        (await client.getOverview(filters)).items.map(i => i.entityRef);
      expect(await refs({ owner: 'group:default/team-a' })).toEqual([
        'component:default/api',
      ]);
      expect(await refs({ owner: 'team-b' })).toEqual([
        'component:default/payments',
      ]);
      expect(await refs({ system: 'system:default/portal' })).toEqual([
        'component:default/api',
      ]);
      expect(await refs({ state: 'freeze' })).toEqual([
        'component:default/payments',
      ]);
      expect(await refs({ state: 'healthy' })).toEqual([
        'component:default/api',
      ]);
      expect(await refs({ firing: true })).toEqual([
        'component:default/payments',
      ]);
      expect(await refs({ firing: false })).toEqual(['component:default/api']);
      expect(await refs({ owner: 'team-a', state: 'freeze' })).toEqual([]);

      const bad = await rejectionOf(
        client.getOverview({ state: 'melting' as 'freeze' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
      expect(bad.body.error.message).toContain('state');
    },

    async getHistory() {
      const to = new Date();
      const from = new Date(to.getTime() - 24 * 3600_000);
      const history = await client.getHistory(API, 'availability', {
        from,
        to,
        step: '1h',
      });
      expect(history).toMatchObject({
        entityRef: 'component:default/api',
        slo: 'availability',
        step: '1h',
      });
      expect(Date.parse(history.from)).toBeLessThanOrEqual(from.getTime());
      expect(Date.parse(history.to)).toBeGreaterThanOrEqual(
        to.getTime() - 3600_000,
      );
      expect(history.points.length).toBeGreaterThanOrEqual(24);
      const measured = history.points.filter(p => p.sli !== null);
      expect(measured.length).toBeGreaterThan(0);
      for (const point of history.points) {
        expect(new Date(point.t).getTime()).not.toBeNaN();
        expect(typeof point.remaining).toBe('number');
      }
      expect(measured.every(p => p.sli! > 0.99)).toBe(true);
      expect(measured.every(p => p.burnRate! < 1)).toBe(true);

      const backwards = await rejectionOf(
        client.getHistory(API, 'availability', {
          from: to,
          to: from,
          step: '1h',
        }),
      );
      expect(backwards.statusCode).toBe(400);
      expect(backwards.body.error.message).toContain('from must be before to');

      const badStep = await rejectionOf(
        client.getHistory(API, 'availability', { from, to, step: 'fast' }),
      );
      expect(badStep.statusCode).toBe(400);
      expect(badStep.body.error.message).toContain('step must be a duration');

      const unknownSlo = await rejectionOf(
        client.getHistory(API, 'latency', { from, to, step: '1h' }),
      );
      expect(unknownSlo.statusCode).toBe(404);
      expect(unknownSlo.body.error.message).toContain('no SLO named "latency"');

      const unknownEntity = await rejectionOf(
        client.getHistory({ ...API, name: 'ghost' }, 'availability', {
          from,
          to,
          step: '1h',
        }),
      );
      expect(unknownEntity.statusCode).toBe(404);
    },

    async getDeployGate() {
      const closed = await client.getDeployGate(PAYMENTS);
      expect(closed).toMatchObject({
        entityRef: 'component:default/payments',
        allow: false,
        policyState: 'freeze',
        reasons: [expect.objectContaining({ slo: 'availability' })],
        override: null,
      });
      expect(closed.message).toMatch(/^Deploy gate closed/);
      expect((await client.getDeployGate(API)).allow).toBe(true);
      const unknown = await rejectionOf(
        client.getDeployGate({ ...API, name: 'ghost' }),
      );
      expect(unknown.statusCode).toBe(404);
    },

    async createDeployGateOverride() {
      const expiresAt = new Date(
        Math.floor(Date.now() / 1000) * 1000 + 3600_000,
      );
      const created = await client.createDeployGateOverride(API, {
        requester: 'user:default/dev',
        reason: 'A fix that must ship during the freeze',
        expiresAt,
      });
      expect(created).toMatchObject({
        entityRef: 'component:default/api',
        requester: 'user:default/dev',
        approver: 'user:default/mock',
        expiresAt: expiresAt.toISOString(),
        active: true,
      });
      const self = await rejectionOf(
        client.createDeployGateOverride(API, {
          requester: 'user:default/mock',
          reason: 'A fix that must ship during the freeze',
          expiresAt,
        }),
      );
      expect(self.statusCode).toBe(400);
      expect(self.body.error.message).toContain('approver');
    },

    async listDeployGateOverrides() {
      const expiresAt = new Date(Date.now() + 3600_000);
      const created = await client.createDeployGateOverride(PAYMENTS, {
        requester: 'user:default/dev',
        reason: 'The listing case records its own override',
        expiresAt,
      });
      const { items } = await client.listDeployGateOverrides(PAYMENTS);
      expect(items.map(o => o.id)).toContain(created.id);
      expect(
        items.every(o => o.entityRef === 'component:default/payments'),
      ).toBe(true);
      await client.revokeDeployGateOverride(PAYMENTS, created.id);
    },

    async revokeDeployGateOverride() {
      const created = await client.createDeployGateOverride(PAYMENTS, {
        requester: 'user:default/dev',
        reason: 'Revoked straight away by the same approver',
        expiresAt: new Date(Date.now() + 3600_000),
      });
      expect((await client.getDeployGate(PAYMENTS)).allow).toBe(true);
      const revoked = await client.revokeDeployGateOverride(
        PAYMENTS,
        created.id,
      );
      expect(revoked).toMatchObject({
        id: created.id,
        active: false,
        revokedBy: 'user:default/mock',
      });
      expect((await client.getDeployGate(PAYMENTS)).allow).toBe(false);
      const missing = await rejectionOf(
        client.revokeDeployGateOverride(PAYMENTS, 'not-an-id'),
      );
      expect(missing.statusCode).toBe(404);
    },

    async recordDeployment() {
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      const recorded = await client.recordDeployment(API, {
        version: '2.0.0',
        environment: 'production-westus2',
        url: 'https://dev.azure.com/contoso/api/_build/results?buildId=7',
        at,
      });
      expect(recorded).toMatchObject({
        entityRef: 'component:default/api',
        version: '2.0.0',
        environment: 'production-westus2',
        at: at.toISOString(),
        recordedBy: 'user:default/mock',
      });
      const bad = await rejectionOf(
        client.recordDeployment(API, { version: '' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body.error.message).toBe('version is required');
    },

    async listDeployments() {
      await client.recordDeployment(PAYMENTS, { version: 'list-1' });
      const { items, entityRef } = await client.listDeployments(PAYMENTS);
      expect(entityRef).toBe('component:default/payments');
      expect(items.map(d => d.version)).toContain('list-1');
      const none = await client.listDeployments(PAYMENTS, {
        from: new Date(Date.now() - 10 * 86_400_000),
        to: new Date(Date.now() - 9 * 86_400_000),
      });
      expect(none.items).toEqual([]);
      const backwards = await rejectionOf(
        client.listDeployments(PAYMENTS, {
          from: new Date(),
          to: new Date(Date.now() - 86_400_000),
        }),
      );
      expect(backwards.statusCode).toBe(400);
    },

    async getDataSources() {
      await expect(client.getDataSources()).resolves.toEqual({
        items: [{ name: 'prometheus', type: 'sample', healthy: true }],
      });
    },
  };

  it('has a contract case for every method of the client', () => {
    const methods = Object.getOwnPropertyNames(SloClient.prototype).filter(
      name => name !== 'constructor',
    );
    expect(methods.sort()).toEqual(Object.keys(contract).sort());
  });

  it.each(Object.keys(contract) as Array<keyof SloClient>)(
    '%s answers as the client expects',
    async method => {
      expect.hasAssertions();
      await contract[method]();
    },
  );

  it('sends the credentials of the fetch it is given', async () => {
    const anonymous = clientOf(backend, mockCredentials.none.header());
    // Each call is made only when awaited: a rejection left waiting for its
    // turn would be reported as unhandled.
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['getEntitySlos', () => anonymous.getEntitySlos(API)],
      ['getOverview', () => anonymous.getOverview()],
      [
        'getHistory',
        () =>
          anonymous.getHistory(API, 'availability', {
            from: new Date(Date.now() - 3600_000),
            to: new Date(),
            step: '5m',
          }),
      ],
      ['getDataSources', () => anonymous.getDataSources()],
    ];
    for (const [method, call] of calls) {
      const error = await rejectionOf(call());
      expect([method, error.statusCode]).toEqual([method, 401]);
    }
  });
});

describe('SloClient before the first refresh', () => {
  it('rejects with the 503 and Retry-After the screens show', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-contract-'));
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            component(
              'api',
              dir,
              { 'vitals.dev/slo-ref': './api.yaml' },
              'team-a',
              'portal',
            ),
          ],
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const client = clientOf(backend, mockCredentials.user.header());
      const error = await rejectionOf(client.getEntitySlos(API));
      expect(error.statusCode).toBe(503);
      // The read asks for an early refresh, so the screens retry soon.
      expect(error.response.headers.get('retry-after')).toBe('10');
      expect(error.body.error.name).toBe('ServiceUnavailableError');
      expect(error.body.error.message).toContain('not been read yet');
    } finally {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

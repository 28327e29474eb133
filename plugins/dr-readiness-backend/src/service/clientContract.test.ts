import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DrReadinessClient,
  EntityReadinessBody,
  hasPolicyErrors,
  isAnnotationMissing,
} from '@vitals/plugin-dr-readiness-common';
import { drReadinessPlugin } from '../plugin';
import { clientOptionsFor, rejectionOf } from '@vitals/backend-test-utils';
import {
  annotatedComponent,
  DEMO_DRILLS as DRILLS,
  DEMO_ESTATE as ESTATE,
  DEVELOPER,
  demoComponents,
  SRE_LEAD,
} from '../testing/demoFixtures';

// The contract cases below are functions of a record typed by the client's
// methods, so that a method without a case does not compile; they run inside
// `it.each`, which this rule cannot see.
/* eslint-disable jest/no-standalone-expect */

/**
 * The client the DR-readiness screens use, called over real HTTP against the
 * real DR-readiness backend: a client whose path, method, query, body or
 * parsing drifts from its route fails here, not in a user's browser.
 */

// The backend evaluates the demo estate before the first case runs.
jest.setTimeout(30_000);

/** The demo services, plus one without DR annotations and one with bad ones. */
function catalogEntities(): Entity[] {
  const demo = demoComponents();
  const component = annotatedComponent;
  return [
    ...demo,
    component('docs-site', {}),
    component('misconfigured', {
      'vitals.dev/dr-tier': 'gold',
      'vitals.dev/primary-region': 'eastus2',
    }),
  ];
}

function startBackend(options: { skipRefresh?: boolean } = {}) {
  return startTestBackend({
    features: [
      drReadinessPlugin,
      mockServices.scheduler.factory(
        options.skipRefresh
          ? { skipTaskRunOnStartup: true }
          : { includeInitialDelayedTasksOnStartup: true },
      ),
      catalogServiceMock.factory({ entities: catalogEntities() }),
      // Only the SRE lead may record, correct and withdraw drills.
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as any).userEntityRef === SRE_LEAD
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
      mockServices.auditor.mock().factory,
      mockServices.rootConfig.factory({
        data: {
          vitals: {
            azure: { source: 'snapshot', snapshotPath: ESTATE },
            drReadiness: { seedDrills: DRILLS },
          },
        },
      }),
    ],
  });
}

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** A client of `backend` as the app builds it: discovery, and a fetch that adds the credentials. */
const clientOf = (backend: Backend, authorization: string) =>
  new DrReadinessClient(clientOptionsFor(backend.server, authorization));

const component = (name: string) => ({
  kind: 'Component',
  namespace: 'default',
  name,
});
const RECORDS = component('records-service');
const FHIR = component('fhir-gateway');
const GHOST = component('ghost');

/** The readiness of an entity that has a valid DR policy. */
async function readiness(client: DrReadinessClient, entity = RECORDS) {
  const body = await client.getEntity(entity);
  if (isAnnotationMissing(body) || hasPolicyErrors(body)) {
    throw new Error(`${entity.name} was not evaluated`);
  }
  return body as EntityReadinessBody;
}

/**
 * Waits for the first evaluation by asking the route itself, not the client,
 * so that a broken client method fails its own case rather than every case.
 */
async function waitForFirstRefresh(backend: Backend) {
  const url = `http://localhost:${backend.server.port()}/api/dr-readiness/overview`;
  for (let i = 0; i < 100; i++) {
    const res = await fetch(url, {
      headers: { Authorization: mockCredentials.user.header(DEVELOPER) },
    });
    if (res.status === 200) return;
    if (res.status !== 503) {
      throw new Error(`the overview answered ${res.status} while refreshing`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the first DR-readiness refresh did not finish');
}

const drillCheck = (body: EntityReadinessBody) =>
  body.regions[0].checks.find(c => c.id === 'dr-drill')!.status;

describe('DrReadinessClient against the DR-readiness backend', () => {
  let backend: Backend;
  let client: DrReadinessClient;
  let sreLead: DrReadinessClient;
  let developer: DrReadinessClient;

  beforeAll(async () => {
    backend = await startBackend();
    client = clientOf(backend, mockCredentials.user.header(DEVELOPER));
    developer = client;
    sreLead = clientOf(backend, mockCredentials.user.header(SRE_LEAD));
    await waitForFirstRefresh(backend);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /**
   * One case per public method of the client: the type makes a new method
   * without a case a compile error, the first test a failing one.
   */
  const contract: Record<keyof DrReadinessClient, () => Promise<void>> = {
    async getEntity() {
      // The screens pass the kind as the catalog spells it.
      const records = await readiness(client, RECORDS);
      expect(records).toMatchObject({
        entityRef: 'component:default/records-service',
        policy: { tier: 'critical', rto: 'PT15M', rpo: 'PT5M' },
        primaryRegion: 'eastus2',
        secondaryRegion: 'centralus',
        pairing: 'paired',
        // Every check passes, its logical SQL servers included.
        status: 'ready',
        score: 100,
        stale: false,
        lastDrill: { outcome: 'success', rtoAchieved: 'PT11M' },
        inventory: { source: 'snapshot', origin: 'snapshot file estate.json' },
      });
      expect(records.regions.map(r => [r.region, r.role, r.status])).toEqual([
        ['eastus2', 'primary', 'ready'],
        ['centralus', 'secondary', 'ready'],
      ]);
      expect(records.coverage.evaluated).toBeGreaterThan(0);
      expect(records.coverage.notEvaluated.filter(g => g.blocking)).toEqual([]);

      const fhir = await readiness(client, FHIR);
      expect(fhir.status).toBe('not-ready');
      expect(
        fhir.regions[0].checks.find(c => c.id === 'sql-failover-group'),
      ).toMatchObject({ status: 'fail', blocking: true });

      await expect(client.getEntity(component('docs-site'))).resolves.toEqual({
        entityRef: 'component:default/docs-site',
        annotationMissing: true,
      });
      const misconfigured = await client.getEntity(component('misconfigured'));
      expect(hasPolicyErrors(misconfigured)).toBe(true);
      expect(misconfigured).toMatchObject({
        entityRef: 'component:default/misconfigured',
        policyErrors: [
          expect.objectContaining({
            annotation: 'vitals.dev/dr-tier',
            value: 'gold',
          }),
        ],
      });

      const unknown = await rejectionOf(client.getEntity(GHOST));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body.error).toEqual({
        name: 'NotFoundError',
        message: 'No entity component:default/ghost in the catalog',
      });
    },

    async getCoverage() {
      const coverage = await client.getCoverage();
      expect(coverage.inventory).toMatchObject({ source: 'snapshot' });
      // Every type of the demo estate is judged or inert; inert rows lead,
      // each counting the resources nothing judges.
      expect(coverage.types.filter(t => t.judgement === 'not-judged')).toEqual(
        [],
      );
      expect(coverage.types[0]).toMatchObject({
        judgement: 'inert',
        judged: false,
        checks: [],
        judgedResources: expect.any(Number),
        notJudgedResources: expect.any(Number),
      });
      expect(
        coverage.types.find(
          t => t.type === 'microsoft.storage/storageaccounts',
        ),
      ).toMatchObject({
        judged: true,
        judgement: 'checked',
        checks: expect.arrayContaining(['storage-geo-replication']),
      });
      // Every entity's gaps appear in the estate's blind spots or inert rows.
      const records = await readiness(client, RECORDS);
      const unjudged = new Set(
        coverage.types.filter(t => !t.judged).map(t => t.type),
      );
      for (const gap of records.coverage.notEvaluated) {
        expect(unjudged).toContain(gap.type);
      }
    },

    async getOverview() {
      const all = await client.getOverview();
      expect(all.items.map(i => i.entityRef).sort()).toEqual(
        [
          'appointments-service',
          'audit-trail',
          'billing-service',
          'clinic-finder',
          'fhir-gateway',
          'identity-gateway',
          'imaging-archive',
          'lab-results-service',
          'misconfigured',
          'patient-messaging',
          'patient-portal-web',
          'records-service',
        ].map(name => `component:default/${name}`),
      );
      expect(all.regions).toEqual(expect.arrayContaining(['eastus2']));
      expect(
        all.items.find(
          i => i.entityRef === 'component:default/records-service',
        ),
      ).toMatchObject({
        owner: 'group:default/clinical-data',
        system: 'system:default/clinical-records',
        tier: 'critical',
        status: 'ready',
        primaryRegion: 'eastus2',
        secondaryRegion: 'centralus',
        cells: {
          eastus2: { role: 'primary', status: 'ready' },
          centralus: { role: 'secondary', status: 'ready' },
        },
        policyError: null,
      });
      expect(all.inventory).toMatchObject({ source: 'snapshot', stale: false });

      const refs = async (
        filters: Parameters<DrReadinessClient['getOverview']>[0],
      ) =>
        (await client.getOverview(filters)).items.map(i => i.entityRef).sort();
      expect(
        await refs({ owner: 'clinical-data', status: 'not-ready' }),
      ).toEqual([
        'component:default/fhir-gateway',
        'component:default/lab-results-service',
      ]);
      expect(
        await refs({
          tier: 'critical',
          system: 'system:default/clinical-records',
        }),
      ).toEqual([
        'component:default/fhir-gateway',
        'component:default/records-service',
      ]);
      expect(
        await refs({ owner: 'group:default/platform-reliability' }),
      ).toEqual([
        'component:default/audit-trail',
        'component:default/identity-gateway',
      ]);

      const bad = await rejectionOf(client.getOverview({ status: 'melting' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
      expect(bad.body.error.message).toContain('status must be one of');
    },

    async getRegionImpact() {
      // The user may type the region as Azure displays it.
      const impact = await client.getRegionImpact('EastUS2');
      expect(impact).toMatchObject({
        region: 'eastus2',
        displayName: 'East US 2',
        geography: 'United States',
        pairedRegion: 'centralus',
      });
      const outcome = (name: string) =>
        impact.services.find(s => s.entityRef === `component:default/${name}`)
          ?.outcome;
      expect(outcome('records-service')).toBe('fails-over');
      expect(outcome('patient-portal-web')).toBe('fails-over');
      expect(outcome('fhir-gateway')).toBe('degrades');
      expect(outcome('clinic-finder')).toBe('goes-down');
      expect(outcome('imaging-archive')).toBeUndefined();
      expect(Object.values(impact.totals).reduce((a, b) => a + b, 0)).toBe(
        impact.services.length,
      );

      const bad = await rejectionOf(client.getRegionImpact('eastus3'));
      expect(bad.statusCode).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
      expect(bad.body.error.message).toMatch(
        /Unknown Azure region "eastus3". Did you mean .*eastus2/,
      );
    },

    async getRegions() {
      const { regions } = await client.getRegions();
      expect(regions.find(r => r.name === 'eastus2')).toMatchObject({
        displayName: 'East US 2',
        pairedRegion: 'centralus',
      });
      expect(regions.find(r => r.name === 'westus3')).toMatchObject({
        pairedRegion: 'eastus',
        pairDirection: 'one-way',
      });
    },

    async listDrills() {
      // Newest first, as the drill history shows them.
      const { items } = await client.listDrills(RECORDS);
      expect(
        items.map(d => [d.region, d.outcome, d.rtoAchieved, d.state]),
      ).toEqual([
        ['eastus2', 'success', 'PT11M', 'recorded'],
        ['eastus2', 'partial', 'PT38M', 'recorded'],
      ]);
      expect(items[0]).toMatchObject({
        id: expect.any(String),
        entityRef: 'component:default/records-service',
        recordedBy: SRE_LEAD,
        revisions: [],
      });

      const unknown = await rejectionOf(client.listDrills(GHOST));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No entity component:default/ghost in the catalog',
      );
    },

    async recordDrill() {
      const entity = component('appointments-service');
      expect(drillCheck(await readiness(client, entity))).not.toBe('pass');
      const performedAt = new Date(Date.now() - 3600_000).toISOString();
      const drill = {
        region: 'East US 2',
        performedAt,
        outcome: 'success' as const,
        rtoAchieved: 'pt35m',
        rpoAchieved: 'PT4M',
        notes: 'Failed over fg-appointments with the runbook.',
      };

      const denied = await rejectionOf(developer.recordDrill(entity, drill));
      expect(denied.statusCode).toBe(403);
      expect(denied.body.error).toEqual({
        name: 'NotAllowedError',
        message:
          'Recording a DR drill requires the permission dr-readiness.drill.create',
      });

      const created = await sreLead.recordDrill(entity, drill);
      expect(created).toMatchObject({
        id: expect.any(String),
        entityRef: 'component:default/appointments-service',
        region: 'eastus2',
        performedAt,
        outcome: 'success',
        rtoAchieved: 'PT35M',
        rpoAchieved: 'PT4M',
        notes: 'Failed over fg-appointments with the runbook.',
        recordedBy: SRE_LEAD,
      });
      const after = await readiness(client, entity);
      expect(after.lastDrill?.id).toBe(created.id);
      expect(drillCheck(after)).toBe('pass');
      expect((await client.listDrills(entity)).items.map(d => d.id)).toContain(
        created.id,
      );

      const otherRegion = await rejectionOf(
        sreLead.recordDrill(entity, { ...drill, region: 'westeurope' }),
      );
      expect(otherRegion.statusCode).toBe(400);
      expect(otherRegion.body.error.message).toContain(
        'its regions are eastus2',
      );
      const unknown = await rejectionOf(sreLead.recordDrill(GHOST, drill));
      expect(unknown.statusCode).toBe(404);
    },

    async correctDrill() {
      const entity = component('audit-trail');
      const performedAt = new Date(Date.now() - 7200_000).toISOString();
      const drill = {
        region: 'eastus2',
        performedAt,
        outcome: 'success' as const,
        rtoAchieved: 'PT35M',
      };
      const { id } = await sreLead.recordDrill(entity, drill);
      const correction = {
        ...drill,
        outcome: 'partial' as const,
        rtoAchieved: 'PT50M',
        reason: 'The RTO was read from the wrong dashboard.',
      };

      const denied = await rejectionOf(
        developer.correctDrill(entity, id, correction),
      );
      expect(denied.statusCode).toBe(403);
      expect(denied.body.error.message).toBe(
        'Correcting a DR drill requires the permission dr-readiness.drill.create',
      );

      const corrected = await sreLead.correctDrill(entity, id, correction);
      expect(corrected).toMatchObject({
        id,
        state: 'corrected',
        outcome: 'partial',
        rtoAchieved: 'PT50M',
        original: { outcome: 'success', rtoAchieved: 'PT35M' },
        revisions: [
          {
            action: 'correct',
            by: SRE_LEAD,
            reason: 'The RTO was read from the wrong dashboard.',
          },
        ],
      });
      expect((await readiness(client, entity)).lastDrill).toMatchObject({
        id,
        outcome: 'partial',
        state: 'corrected',
      });

      const noReason = await rejectionOf(
        sreLead.correctDrill(entity, id, { ...correction, reason: '' }),
      );
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body.error.message).toContain('reason');
      const unknown = await rejectionOf(
        sreLead.correctDrill(entity, 'no-such-drill', correction),
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No drill no-such-drill of component:default/audit-trail',
      );
    },

    async withdrawDrill() {
      const entity = component('identity-gateway');
      const before = await readiness(client, entity);
      const { id } = await sreLead.recordDrill(entity, {
        region: 'eastus2',
        performedAt: new Date(Date.now() - 7200_000).toISOString(),
        outcome: 'success',
        rtoAchieved: 'PT10M',
      });

      const denied = await rejectionOf(
        developer.withdrawDrill(entity, id, 'never happened'),
      );
      expect(denied.statusCode).toBe(403);
      expect(denied.body.error.message).toBe(
        'Withdrawing a DR drill requires the permission dr-readiness.drill.create',
      );

      const withdrawn = await sreLead.withdrawDrill(
        entity,
        id,
        'This was a tabletop exercise, not a failover.',
      );
      expect(withdrawn).toMatchObject({
        id,
        state: 'withdrawn',
        revisions: [
          {
            action: 'withdraw',
            by: SRE_LEAD,
            reason: 'This was a tabletop exercise, not a failover.',
          },
        ],
      });
      const after = await readiness(client, entity);
      expect(after.lastDrill?.id ?? null).toBe(before.lastDrill?.id ?? null);
      expect(
        (await client.listDrills(entity)).items.find(d => d.id === id)?.state,
      ).toBe('withdrawn');

      const again = await rejectionOf(
        sreLead.withdrawDrill(entity, id, 'once more'),
      );
      expect(again.statusCode).toBe(409);
      expect(again.body.error).toEqual({
        name: 'ConflictError',
        message: `drill ${id} is already withdrawn`,
      });
    },
  };

  it('has a contract case for every method of the client', () => {
    const methods = Object.getOwnPropertyNames(
      DrReadinessClient.prototype,
    ).filter(name => name !== 'constructor');
    expect(methods.sort()).toEqual(Object.keys(contract).sort());
  });

  it.each(Object.keys(contract) as Array<keyof DrReadinessClient>)(
    '%s answers as the client expects',
    async method => {
      expect.hasAssertions();
      await contract[method]();
    },
  );

  it('sends the credentials of the fetch it is given', async () => {
    const anonymous = clientOf(backend, mockCredentials.none.header());
    const drill = {
      region: 'eastus2',
      performedAt: new Date(Date.now() - 3600_000).toISOString(),
      outcome: 'success' as const,
    };
    const calls: Record<keyof DrReadinessClient, () => Promise<unknown>> = {
      getEntity: () => anonymous.getEntity(RECORDS),
      getOverview: () => anonymous.getOverview(),
      getRegionImpact: () => anonymous.getRegionImpact('eastus2'),
      getRegions: () => anonymous.getRegions(),
      getCoverage: () => anonymous.getCoverage(),
      listDrills: () => anonymous.listDrills(RECORDS),
      recordDrill: () => anonymous.recordDrill(RECORDS, drill),
      correctDrill: () =>
        anonymous.correctDrill(RECORDS, 'd-1', {
          ...drill,
          reason: 'r',
        }),
      withdrawDrill: () => anonymous.withdrawDrill(RECORDS, 'd-1', 'r'),
    };
    for (const [method, call] of Object.entries(calls)) {
      const error = await rejectionOf(call());
      expect([method, error.statusCode]).toEqual([method, 401]);
    }
  });
});

describe('DrReadinessClient before the first refresh', () => {
  it('rejects with the 503 and Retry-After the screens show', async () => {
    const backend = await startBackend({ skipRefresh: true });
    try {
      const client = clientOf(backend, mockCredentials.user.header(DEVELOPER));
      for (const call of [
        () => client.getOverview(),
        () => client.getRegionImpact('eastus2'),
        () => client.getCoverage(),
        () => client.getEntity(RECORDS),
      ]) {
        const error = await rejectionOf(call());
        expect(error.statusCode).toBe(503);
        expect(error.response.headers.get('retry-after')).toBe('300');
        expect(error.body.error.name).toBe('ServiceUnavailableError');
        expect(error.body.error.message).toContain('first refresh');
      }
      await expect(client.getRegions()).resolves.toMatchObject({
        regions: expect.arrayContaining([
          expect.objectContaining({ name: 'eastus2' }),
        ]),
      });
    } finally {
      await backend.stop();
    }
  });
});

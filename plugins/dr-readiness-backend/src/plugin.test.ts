import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createVitalsTestDatabases,
  findLeak,
} from '@vitals/backend-test-utils';
import {
  createAzureInventoryServiceFactory,
  InventoryLoadResult,
  InventorySource,
  SnapshotInventorySource,
} from '@vitals/azure-inventory';
import request from 'supertest';
import { drReadinessInventoryExtensionPoint } from './extensions';
import { drReadinessPlugin } from './plugin';
import type {
  DrCoverageResponse,
  DrOverviewResponse,
  EntityReadinessBody,
  RegionImpactResponse,
} from './service/types';
import {
  annotatedComponent,
  DEMO_DRILLS as DRILLS,
  DEMO_ESTATE as ESTATE,
  DEVELOPER,
  demoComponents,
  SRE_LEAD,
} from './testing/demoFixtures';

const databases = createVitalsTestDatabases();

// Each test starts a backend or a store and evaluates the demo estate.
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
      'vitals.dev/primary-region': 'east-us-3',
      'vitals.dev/rto': '15 minutes',
    }),
  ];
}

interface AuditRecord {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  successMeta?: Record<string, unknown>;
  error?: Error;
}

const estateDirs: string[] = [];
afterAll(() => {
  for (const dir of estateDirs)
    fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The demo estate with a Synapse workspace of imaging-archive: a type no DR
 * check judges, for the coverage gap every judged type of the demo lacks.
 */
function estateWithBlindSpot(): string {
  const estate = JSON.parse(fs.readFileSync(ESTATE, 'utf8'));
  const vault = estate.data.find(
    (r: { name: string }) => r.name === 'rsv-imaging-archive',
  );
  estate.data.push({
    id: vault.id.replace(
      /Microsoft\.RecoveryServices\/vaults\/rsv-imaging-archive$/,
      'Microsoft.Synapse/workspaces/syn-imaging-archive',
    ),
    name: 'syn-imaging-archive',
    type: 'microsoft.synapse/workspaces',
    location: vault.location,
    resourceGroup: vault.resourceGroup,
    subscriptionId: vault.subscriptionId,
    tags: vault.tags,
    properties: { provisioningState: 'Succeeded' },
  });
  estate.totalRecords = estate.count = estate.data.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-dr-estate-'));
  estateDirs.push(dir);
  const file = path.join(dir, 'estate.json');
  fs.writeFileSync(file, JSON.stringify(estate));
  return file;
}

/** A source whose next loads the test decides: the real snapshot, then failures. */
class ScriptedSource implements InventorySource {
  readonly kind = 'snapshot';
  failWith?: Error;
  loads = 0;
  async load(): Promise<InventoryLoadResult> {
    this.loads += 1;
    if (this.failWith) throw this.failWith;
    return new SnapshotInventorySource({ path: ESTATE }).load();
  }
}

async function start(options: {
  knex?: any;
  source?: InventorySource;
  skipRefresh?: boolean;
  config?: Record<string, unknown>;
}) {
  const audit: AuditRecord[] = [];
  let scheduler: SchedulerService | undefined;
  const testModule = createBackendModule({
    pluginId: 'dr-readiness',
    moduleId: 'test-harness',
    register(env) {
      env.registerInit({
        deps: {
          inventory: drReadinessInventoryExtensionPoint,
          pluginScheduler: coreServices.scheduler,
        },
        async init({ inventory, pluginScheduler }) {
          scheduler = pluginScheduler;
          if (options.source) inventory.setInventorySource(options.source);
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      drReadinessPlugin,
      testModule,
      ...(options.knex
        ? [
            mockServices.database.factory({ knex: options.knex }),
            createAzureInventoryServiceFactory({
              database: mockServices.database({ knex: options.knex }),
            }),
          ]
        : []),
      mockServices.scheduler.factory(
        options.skipRefresh
          ? { skipTaskRunOnStartup: true }
          : { includeInitialDelayedTasksOnStartup: true },
      ),
      catalogServiceMock.factory({ entities: catalogEntities() }),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as any).userEntityRef === SRE_LEAD
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
      mockServices.auditor.mock({
        createEvent: async ({ eventId, meta }) => {
          const record: AuditRecord = { eventId, meta: meta as any };
          audit.push(record);
          return {
            success: async (o?: { meta?: any }) => {
              record.outcome = 'success';
              record.successMeta = o?.meta;
            },
            fail: async ({ error }: { error: Error }) => {
              record.outcome = 'fail';
              record.error = error;
            },
          };
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          vitals: {
            // Every triggered refresh reads the source again.
            azure: {
              source: 'snapshot',
              snapshotPath: ESTATE,
              refresh: { interval: { seconds: 0 } },
            },
            drReadiness: { seedDrills: DRILLS },
            ...options.config,
          },
        },
      }),
    ],
  });
  return { server, audit, scheduler: () => scheduler! };
}

const as = (user = DEVELOPER) => mockCredentials.user.header(user);

async function waitForEvaluation(server: any) {
  for (let i = 0; i < 100; i++) {
    const res = await request(server)
      .get('/api/dr-readiness/overview')
      .set('Authorization', as());
    if (res.status === 200) return res.body as DrOverviewResponse;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the DR-readiness refresh did not finish');
}

describe.each(databases.eachSupportedId())(
  'the DR-readiness backend on %p',
  databaseId => {
    let knex: any;
    const startOn = async (
      options: Omit<Parameters<typeof start>[0], 'knex'> = {},
    ) => {
      knex = await databases.init(databaseId);
      return start({ ...options, knex });
    };

    it('serves the entity contract, with checks, evidence, remediation and the seeded drill', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      const res = await request(server)
        .get('/api/dr-readiness/entities/default/component/records-service')
        .set('Authorization', as());
      expect(res.status).toBe(200);
      const body = res.body as EntityReadinessBody;
      expect(body).toMatchObject({
        entityRef: 'component:default/records-service',
        policy: { tier: 'critical', rto: 'PT15M', rpo: 'PT5M' },
        primaryRegion: 'eastus2',
        secondaryRegion: 'centralus',
        pairing: 'paired',
        score: 100,
        // Every check passes, its logical SQL servers included.
        status: 'ready',
        stale: false,
        lastDrill: {
          outcome: 'success',
          rtoAchieved: 'PT11M',
          recordedBy: SRE_LEAD,
        },
        inventory: {
          source: 'snapshot',
          origin: 'snapshot file estate.json',
          stale: false,
          resourceCount: expect.any(Number),
        },
      });
      expect(body.inventory!.ageSeconds).toBeGreaterThanOrEqual(0);
      expect(body.regions.map(r => [r.region, r.role, r.status])).toEqual([
        ['eastus2', 'primary', 'ready'],
        ['centralus', 'secondary', 'ready'],
      ]);
      expect(body.coverage.notEvaluated.filter(g => g.blocking)).toEqual([]);
      const groupCheck = body.regions[0].checks.find(
        c => c.id === 'sql-failover-group',
      )!;
      expect(groupCheck.status).toBe('pass');
      expect(groupCheck.resources).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\/servers\/sql-records-eastus2$/),
        ]),
      );
      const policyCheck = body.regions[0].checks.find(
        c => c.id === 'sql-failover-policy',
      )!;
      expect(policyCheck.status).toBe('pass');
      expect(policyCheck.resources[0]).toMatch(/failoverGroups\/fg-records$/);
      expect(
        Object.values(policyCheck.evidence)[0] as Record<string, unknown>,
      ).toMatchObject({
        'properties.readWriteEndpoint.failoverPolicy': 'Manual',
        drillRtoAchieved: 'PT11M',
      });

      const fhir = (
        await request(server)
          .get('/api/dr-readiness/entities/default/component/fhir-gateway')
          .set('Authorization', as())
      ).body as EntityReadinessBody;
      expect(fhir.status).toBe('not-ready');
      const missing = fhir.regions[0].checks.find(
        c => c.id === 'sql-failover-group',
      )!;
      expect(missing).toMatchObject({ status: 'fail', blocking: true });
      expect(missing.summary).toContain('fhir-terminology');
      expect(missing.remediation).toContain(
        'Add fhir-terminology to failover group fg-fhir-gateway',
      );
    });

    it('serves how the DR checks cover every resource type of the estate, blind spots first', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      const res = await request(server)
        .get('/api/dr-readiness/coverage')
        .set('Authorization', as());
      expect(res.status).toBe(200);
      const body = res.body as DrCoverageResponse;
      expect(body.inventory).toMatchObject({
        source: 'snapshot',
        stale: false,
      });
      const order = ['not-judged', 'inert', 'parent', 'checked'];
      const ranks = body.types.map(t => order.indexOf(t.judgement));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const byType = Object.fromEntries(body.types.map(t => [t.type, t]));
      expect(byType['microsoft.operationalinsights/workspaces']).toEqual({
        type: 'microsoft.operationalinsights/workspaces',
        resources: 2,
        judged: true,
        checks: ['log-workspace-replication'],
        judgement: 'checked',
        judgedResources: 2,
        notJudgedResources: 0,
      });
      expect(byType['microsoft.storage/storageaccounts']).toMatchObject({
        judged: true,
        judgement: 'checked',
        checks: expect.arrayContaining(['storage-geo-replication']),
      });
      expect(byType['microsoft.insights/diagnosticsettings']).toMatchObject({
        judged: true,
        judgement: 'parent',
        checks: [],
      });
      expect(byType['microsoft.network/publicipaddresses']).toMatchObject({
        judged: false,
        judgement: 'inert',
        inertReason: expect.any(String),
      });
      expect(body.types.reduce((sum, t) => sum + t.resources, 0)).toBe(
        body.inventory!.resourceCount,
      );
    });

    it('names what an entity leaves unjudged, and never calls it ready for that', async () => {
      const { server } = await startOn({
        config: {
          azure: { source: 'snapshot', snapshotPath: estateWithBlindSpot() },
        },
      });
      await waitForEvaluation(server);
      const res = await request(server)
        .get('/api/dr-readiness/entities/default/component/imaging-archive')
        .set('Authorization', as());
      const body = res.body as EntityReadinessBody;
      expect(body.status).toBe('unknown');
      const synapse = body.coverage.notEvaluated.find(
        g => g.type === 'microsoft.synapse/workspaces',
      );
      expect(synapse).toMatchObject({
        resourceId: expect.stringMatching(/\/syn-imaging-archive$/),
        blocking: true,
      });
      expect(synapse!.excluded).toBeUndefined();
      expect(body.coverage.evaluated).toBeGreaterThan(0);
      expect(body.reasons[0]).toContain(
        `${synapse!.resourceId} (microsoft.synapse/workspaces)`,
      );
      // Each check keeps the APRL recommendations it mirrors.
      const mirrored = body.regions
        .flatMap(r => r.checks)
        .filter(c => c.mirrors);
      expect(mirrored.length).toBeGreaterThan(0);
      expect(mirrored[0].mirrors!.aprl.length).toBeGreaterThan(0);
      const overview = await waitForEvaluation(server);
      expect(
        overview.items.find(
          i => i.entityRef === 'component:default/imaging-archive',
        )?.status,
      ).toBe('unknown');
    });

    it('lifts the cap for a gap covered by a recorded exclusion, and keeps it listed with the reason', async () => {
      const reason = 'Analytics over the archive; rebuilt from it on failover';
      const { server } = await startOn({
        config: {
          azure: { source: 'snapshot', snapshotPath: estateWithBlindSpot() },
          drReadiness: {
            seedDrills: DRILLS,
            coverageExclusions: [
              { resource: 'microsoft.synapse/workspaces', reason },
            ],
          },
        },
      });
      await waitForEvaluation(server);
      const res = await request(server)
        .get('/api/dr-readiness/entities/default/component/imaging-archive')
        .set('Authorization', as());
      const body = res.body as EntityReadinessBody;
      expect(body.status).toBe('ready');
      expect(
        body.coverage.notEvaluated.find(
          g => g.type === 'microsoft.synapse/workspaces',
        ),
      ).toMatchObject({ blocking: false, excluded: reason });
      expect(body.reasons.join(' ')).not.toContain('No DR check judges');
    });

    it('re-evaluates an evaluation stored before coverage was recorded, instead of serving it as it was', async () => {
      const { server } = await startOn({
        config: {
          azure: { source: 'snapshot', snapshotPath: estateWithBlindSpot() },
        },
      });
      await waitForEvaluation(server);
      const ref = 'component:default/imaging-archive';
      const row = await knex('dr_evaluations')
        .where({ entity_ref: ref })
        .first();
      const { coverage, ...old } = JSON.parse(row.evaluation);
      expect(coverage).toBeDefined();
      await knex('dr_evaluations')
        .where({ entity_ref: ref })
        .update({
          status: 'ready',
          evaluation: JSON.stringify({ ...old, status: 'ready' }),
        });
      const res = await request(server)
        .get('/api/dr-readiness/entities/default/component/imaging-archive')
        .set('Authorization', as());
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('unknown');
      expect(res.body.coverage).toEqual(coverage);
      const stored = await knex('dr_evaluations')
        .where({ entity_ref: ref })
        .first();
      expect(JSON.parse(stored.evaluation).coverage).toEqual(coverage);
    });

    it('answers 404, annotationMissing and policy errors without crashing', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      const get = (name: string) =>
        request(server)
          .get(`/api/dr-readiness/entities/default/component/${name}`)
          .set('Authorization', as());
      expect((await get('ghost')).status).toBe(404);
      const plain = await get('docs-site');
      expect(plain.status).toBe(200);
      expect(plain.body).toEqual({
        entityRef: 'component:default/docs-site',
        annotationMissing: true,
      });
      const bad = await get('misconfigured');
      expect(bad.status).toBe(200);
      expect(bad.body.policyErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            annotation: 'vitals.dev/dr-tier',
            value: 'gold',
            reason: 'unknown-tier',
          }),
          expect.objectContaining({
            annotation: 'vitals.dev/primary-region',
            value: 'east-us-3',
            message: expect.stringMatching(/Did you mean .*eastus2/),
          }),
          expect.objectContaining({
            annotation: 'vitals.dev/rto',
            value: '15 minutes',
            reason: 'malformed-duration',
          }),
        ]),
      );
      expect((await get('%20drop')).status).toBe(400);
    });

    it('serves the services × regions overview with its filters', async () => {
      const { server } = await startOn();
      const all = await waitForEvaluation(server);
      expect(all.regions).toEqual([
        'centralus',
        'eastus',
        'eastus2',
        'northeurope',
        'qatarcentral',
        'westeurope',
        'westus2',
        'westus3',
      ]);
      expect(all.items).toHaveLength(12);
      const messaging = all.items.find(
        i => i.entityRef === 'component:default/patient-messaging',
      );
      expect(messaging).toEqual({
        entityRef: 'component:default/patient-messaging',
        owner: 'group:default/care-experience',
        system: 'system:default/patient-portal',
        tier: 'standard',
        status: 'at-risk',
        score: expect.any(Number),
        required: true,
        primaryRegion: 'westus3',
        secondaryRegion: 'eastus',
        pairing: 'one-way',
        cells: {
          westus3: { role: 'primary', status: 'at-risk' },
          eastus: { role: 'secondary', status: 'ready' },
        },
        lastDrill: { performedAt: expect.any(String), outcome: 'success' },
        policyError: null,
      });
      expect(
        all.items.find(i => i.entityRef === 'component:default/misconfigured'),
      ).toMatchObject({ status: 'unknown', tier: null, cells: {} });
      expect(all.inventory).toMatchObject({ source: 'snapshot', stale: false });

      const query = async (q: string) => {
        const res = await request(server)
          .get(`/api/dr-readiness/overview?${q}`)
          .set('Authorization', as());
        return res;
      };
      const clinical = (await query('owner=clinical-data&status=not-ready'))
        .body as DrOverviewResponse;
      expect(clinical.items.map(i => i.entityRef).sort()).toEqual([
        'component:default/fhir-gateway',
        'component:default/lab-results-service',
      ]);
      const critical = (
        await query('tier=critical&system=system:default/clinical-records')
      ).body as DrOverviewResponse;
      expect(critical.items.map(i => i.entityRef).sort()).toEqual([
        'component:default/fhir-gateway',
        'component:default/records-service',
      ]);
      const bad = await query('status=melting');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('status');
      expect((await query('owner=%3A%3A')).status).toBe(400);

      const first = await query('');
      const again = await request(server)
        .get('/api/dr-readiness/overview')
        .set('Authorization', as())
        .set('If-None-Match', first.headers.etag);
      expect(again.status).toBe(304);
    });

    it('says what losing a region does to every service there', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      const res = await request(server)
        .get('/api/dr-readiness/regions/EastUS2/impact')
        .set('Authorization', as());
      expect(res.status).toBe(200);
      const body = res.body as RegionImpactResponse;
      expect(body).toMatchObject({
        region: 'eastus2',
        displayName: 'East US 2',
        geography: 'United States',
        pairedRegion: 'centralus',
      });
      const outcome = (name: string) =>
        body.services.find(s => s.entityRef === `component:default/${name}`);
      // Its failover group, proven by a drill, brings it back in Central US.
      expect(outcome('records-service')).toMatchObject({
        role: 'primary',
        outcome: 'fails-over',
        owner: 'group:default/clinical-data',
      });
      expect(outcome('patient-portal-web')!.outcome).toBe('fails-over');
      expect(outcome('fhir-gateway')!.outcome).toBe('degrades');
      expect(outcome('clinic-finder')!.outcome).toBe('goes-down');
      expect(outcome('imaging-archive')).toBeUndefined();
      expect(body.services[0].outcome).toBe('goes-down');
      expect(Object.values(body.totals).reduce((a, b) => a + b, 0)).toBe(
        body.services.length,
      );

      const unknown = await request(server)
        .get('/api/dr-readiness/regions/eastus3/impact')
        .set('Authorization', as());
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /Unknown Azure region "eastus3". Did you mean .*eastus2/,
      );

      const regions = await request(server)
        .get('/api/dr-readiness/regions')
        .set('Authorization', as());
      expect(
        regions.body.regions.find((r: any) => r.name === 'westus3'),
      ).toMatchObject({ pairedRegion: 'eastus', pairDirection: 'one-way' });
    });

    it('records a drill for a permitted user, audits it and re-evaluates at once', async () => {
      const { server, audit } = await startOn();
      await waitForEvaluation(server);
      const url =
        '/api/dr-readiness/entities/default/component/appointments-service';
      const before = (await request(server).get(url).set('Authorization', as()))
        .body as EntityReadinessBody;
      expect(before.status).toBe('at-risk');

      const performedAt = new Date(Date.now() - 3600_000).toISOString();
      const created = await request(server)
        .post(`${url}/drills`)
        .set('Authorization', as(SRE_LEAD))
        .send({
          region: 'East US 2',
          performedAt,
          outcome: 'success',
          rtoAchieved: 'pt35m',
          rpoAchieved: 'PT4M',
          notes: 'Failed over fg-appointments with the runbook.',
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/appointments-service',
        region: 'eastus2',
        performedAt,
        outcome: 'success',
        rtoAchieved: 'PT35M',
        recordedBy: SRE_LEAD,
      });
      expect(audit).toEqual([
        expect.objectContaining({
          eventId: 'drill-create',
          meta: { entityRef: 'component:default/appointments-service' },
          outcome: 'success',
          successMeta: expect.objectContaining({
            drillId: created.body.id,
            outcome: 'success',
          }),
        }),
      ]);
      // The audit trail never carries the free-text notes.
      expect(JSON.stringify(audit)).not.toContain('runbook');

      const after = (await request(server).get(url).set('Authorization', as()))
        .body as EntityReadinessBody;
      expect(after.lastDrill!.id).toBe(created.body.id);
      expect(
        after.regions[0].checks.find(c => c.id === 'dr-drill')!.status,
      ).toBe('pass');

      const listed = await request(server)
        .get(`${url}/drills`)
        .set('Authorization', as());
      expect(listed.body.items.map((d: any) => d.id)[0]).toBe(created.body.id);
      expect(listed.body.items).toHaveLength(2);

      const overview = await waitForEvaluation(server);
      expect(
        overview.items.find(
          i => i.entityRef === 'component:default/appointments-service',
        )!.lastDrill,
      ).toEqual({ performedAt, outcome: 'success' });
    });

    it('denies, rejects and audits drills that cannot be recorded', async () => {
      const { server, audit } = await startOn();
      await waitForEvaluation(server);
      const post = (name: string, body: unknown, user = SRE_LEAD) =>
        request(server)
          .post(`/api/dr-readiness/entities/default/component/${name}/drills`)
          .set('Authorization', as(user))
          .send(body as object);
      const valid = {
        region: 'eastus2',
        performedAt: '2026-01-10T10:00:00Z',
        outcome: 'success',
      };

      const denied = await post('records-service', valid, DEVELOPER);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('dr-readiness.drill.create');

      const invalid = await post('records-service', {
        region: 'eastus9',
        performedAt: 'yesterday',
        outcome: 'great',
        rtoAchieved: '12 minutes',
      });
      expect(invalid.status).toBe(400);
      for (const field of ['region', 'performedAt', 'outcome', 'rtoAchieved']) {
        expect(invalid.body.error.message).toContain(`${field}:`);
      }
      const otherRegion = await post('records-service', {
        ...valid,
        region: 'westeurope',
      });
      expect(otherRegion.status).toBe(400);
      expect(otherRegion.body.error.message).toContain(
        'its regions are eastus2 and centralus',
      );
      expect((await post('ghost', valid)).status).toBe(404);
      expect((await post('docs-site', valid)).status).toBe(400);
      const anonymous = await request(server)
        .post(
          '/api/dr-readiness/entities/default/component/records-service/drills',
        )
        .set('Authorization', mockCredentials.none.header())
        .send(valid);
      expect(anonymous.status).toBe(401);

      expect(audit.map(a => [a.outcome, a.error?.name])).toEqual([
        ['fail', 'NotAllowedError'],
        ['fail', 'InputError'],
        ['fail', 'InputError'],
        ['fail', 'NotFoundError'],
        ['fail', 'InputError'],
      ]);
      const drills = await request(server)
        .get(
          '/api/dr-readiness/entities/default/component/records-service/drills',
        )
        .set('Authorization', as());
      expect(drills.body.items).toHaveLength(2);
    });

    it('corrects and withdraws a drill for a permitted user, audited, kept in the history and no longer counted once withdrawn', async () => {
      const { server, audit } = await startOn();
      await waitForEvaluation(server);
      const url =
        '/api/dr-readiness/entities/default/component/appointments-service';
      const readiness = async () =>
        (await request(server).get(url).set('Authorization', as()))
          .body as EntityReadinessBody;
      const drillCheck = (body: EntityReadinessBody) =>
        body.regions[0].checks.find(c => c.id === 'dr-drill')!.status;
      const before = await readiness();
      const beforeDrillId = before.lastDrill?.id ?? null;
      expect(drillCheck(before)).not.toBe('pass');

      const performedAt = new Date(Date.now() - 7200_000).toISOString();
      const created = await request(server)
        .post(`${url}/drills`)
        .set('Authorization', as(SRE_LEAD))
        .send({
          region: 'eastus2',
          performedAt,
          outcome: 'success',
          rtoAchieved: 'PT35M',
          rpoAchieved: 'PT4M',
        });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(drillCheck(await readiness())).toBe('pass');

      // A user without dr-readiness.drill.create may do neither.
      const deniedCorrection = await request(server)
        .put(`${url}/drills/${id}`)
        .set('Authorization', as(DEVELOPER))
        .send({ ...created.body, reason: 'the RTO was misread' });
      expect(deniedCorrection.status).toBe(403);
      expect(deniedCorrection.body.error.message).toContain(
        'dr-readiness.drill.create',
      );
      const deniedWithdrawal = await request(server)
        .post(`${url}/drills/${id}/withdraw`)
        .set('Authorization', as(DEVELOPER))
        .send({ reason: 'never happened' });
      expect(deniedWithdrawal.status).toBe(403);

      const corrected = await request(server)
        .put(`${url}/drills/${id}`)
        .set('Authorization', as(SRE_LEAD))
        .send({
          region: 'eastus2',
          performedAt,
          outcome: 'partial',
          rtoAchieved: 'PT50M',
          rpoAchieved: 'PT4M',
          notes: 'The runbook stalled on an approval.',
          reason: 'The RTO was read from the wrong dashboard.',
        });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({
        id,
        state: 'corrected',
        outcome: 'partial',
        rtoAchieved: 'PT50M',
        recordedBy: SRE_LEAD,
        original: { outcome: 'success', rtoAchieved: 'PT35M' },
        revisions: [
          {
            action: 'correct',
            by: SRE_LEAD,
            reason: 'The RTO was read from the wrong dashboard.',
          },
        ],
      });
      const afterCorrection = await readiness();
      expect(afterCorrection.lastDrill).toMatchObject({
        id,
        outcome: 'partial',
        state: 'corrected',
      });
      expect(drillCheck(afterCorrection)).not.toBe('pass');

      const withdrawn = await request(server)
        .post(`${url}/drills/${id}/withdraw`)
        .set('Authorization', as(SRE_LEAD))
        .send({ reason: 'This was a tabletop exercise, not a failover.' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({
        id,
        state: 'withdrawn',
        revisions: [
          { action: 'correct' },
          {
            action: 'withdraw',
            by: SRE_LEAD,
            reason: 'This was a tabletop exercise, not a failover.',
          },
        ],
      });
      const afterWithdrawal = await readiness();
      expect(afterWithdrawal.lastDrill?.id ?? null).toBe(beforeDrillId);
      expect(drillCheck(afterWithdrawal)).toBe(drillCheck(before));
      const overview = await waitForEvaluation(server);
      expect(
        overview.items.find(
          i => i.entityRef === 'component:default/appointments-service',
        )!.lastDrill?.performedAt,
      ).not.toBe(performedAt);

      // The history still shows it, withdrawn, beside the seeded drill.
      const history = await request(server)
        .get(`${url}/drills`)
        .set('Authorization', as());
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(2);
      expect(history.body.items.find((d: any) => d.id === id)).toMatchObject({
        state: 'withdrawn',
        outcome: 'partial',
      });
      expect(history.body.items.find((d: any) => d.id !== id).state).toBe(
        'recorded',
      );

      // A withdrawn drill is final.
      const correctWithdrawn = await request(server)
        .put(`${url}/drills/${id}`)
        .set('Authorization', as(SRE_LEAD))
        .send({ ...created.body, reason: 'put it back' });
      expect(correctWithdrawn.status).toBe(409);
      const withdrawAgain = await request(server)
        .post(`${url}/drills/${id}/withdraw`)
        .set('Authorization', as(SRE_LEAD))
        .send({ reason: 'once more' });
      expect(withdrawAgain.status).toBe(409);

      // Unknown ids, and another entity's drill, are not found.
      const records = await request(server)
        .get(
          '/api/dr-readiness/entities/default/component/records-service/drills',
        )
        .set('Authorization', as());
      for (const other of ['no-such-drill', records.body.items[0].id]) {
        const res = await request(server)
          .post(`${url}/drills/${other}/withdraw`)
          .set('Authorization', as(SRE_LEAD))
          .send({ reason: 'not ours' });
        expect([other, res.status]).toEqual([other, 404]);
      }

      expect(
        audit
          .filter(a => a.eventId !== 'drill-create')
          .map(a => [a.eventId, a.outcome, a.error?.name ?? null]),
      ).toEqual([
        ['drill-correct', 'fail', 'NotAllowedError'],
        ['drill-withdraw', 'fail', 'NotAllowedError'],
        ['drill-correct', 'success', null],
        ['drill-withdraw', 'success', null],
        ['drill-correct', 'fail', 'ConflictError'],
        ['drill-withdraw', 'fail', 'ConflictError'],
        ['drill-withdraw', 'fail', 'NotFoundError'],
        ['drill-withdraw', 'fail', 'NotFoundError'],
      ]);
      expect(
        audit.find(
          a => a.eventId === 'drill-correct' && a.outcome === 'success',
        ),
      ).toMatchObject({
        meta: {
          entityRef: 'component:default/appointments-service',
          drillId: id,
        },
        successMeta: { drillId: id, revision: 1, outcome: 'partial' },
      });
      expect(
        audit.find(
          a => a.eventId === 'drill-withdraw' && a.outcome === 'success',
        ),
      ).toMatchObject({ successMeta: { drillId: id, revision: 2 } });
      // Reasons and notes are free text: they stay with the drill, not in the audit trail.
      expect(JSON.stringify(audit)).not.toMatch(/tabletop|dashboard|runbook/);
    });

    it('never serves a machine path or an address, also from an inventory stored before origins were named', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      await knex('vitals_inventory_snapshot').update({
        origin: '/home/vitals/examples/azure/estate.json',
      });
      await knex('vitals_inventory_attempt').update({
        attempted_at: Date.now(),
        error:
          "ENOENT: no such file or directory, open '/srv/vitals/azure/estate.json' (via http://127.0.0.1:4010/arm)",
      });
      const entity = await request(server)
        .get('/api/dr-readiness/entities/default/component/records-service')
        .set('Authorization', as());
      const impact = await request(server)
        .get('/api/dr-readiness/regions/eastus2/impact')
        .set('Authorization', as());
      const overview = await request(server)
        .get('/api/dr-readiness/overview?tier=critical')
        .set('Authorization', as());
      for (const res of [entity, impact, overview]) {
        expect(res.status).toBe(200);
        expect(res.body.inventory).toMatchObject({
          origin: 'snapshot file estate.json',
          error: expect.stringContaining("open 'estate.json'"),
          stale: true,
        });
        expect(findLeak(res.text)).toBeUndefined();
        expect(res.text).not.toMatch(/\/home\/|\/srv\/|127\.0\.0\.1/);
      }
    });

    it('answers a database failure with a plain 500 that quotes no SQL', async () => {
      const { server } = await startOn();
      await waitForEvaluation(server);
      await knex.schema.renameTable('dr_drill_revisions', 'dr_revisions_gone');
      try {
        const res = await request(server)
          .get(
            '/api/dr-readiness/entities/default/component/records-service/drills',
          )
          .set('Authorization', as());
        expect(res.status).toBe(500);
        expect(findLeak(res.text)).toBeUndefined();
        expect(res.text).not.toMatch(/dr_drill|select/i);
        expect(res.body.error.message).toBe(
          'The server could not complete the request; the error is in its log.',
        );
      } finally {
        await knex.schema.renameTable(
          'dr_revisions_gone',
          'dr_drill_revisions',
        );
      }
    });

    it('keeps serving the last good inventory, marked stale with its error, when Azure fails', async () => {
      const source = new ScriptedSource();
      const { server, scheduler } = await startOn({ source });
      await waitForEvaluation(server);
      source.failWith = new Error('ResourceGraph answered 503 after retries');
      await scheduler().triggerTask('dr-readiness-refresh');
      expect(source.loads).toBe(2);

      const entity = await request(server)
        .get('/api/dr-readiness/entities/default/component/patient-portal-web')
        .set('Authorization', as());
      expect(entity.status).toBe(200);
      expect(entity.body).toMatchObject({
        status: 'ready',
        stale: true,
        inventory: {
          stale: true,
          error: 'ResourceGraph answered 503 after retries',
        },
      });
      const overview = await waitForEvaluation(server);
      expect(overview.inventory!.error).toContain('ResourceGraph');
      expect(overview.items.length).toBeGreaterThan(0);

      source.failWith = undefined;
      await scheduler().triggerTask('dr-readiness-refresh');
      const recovered = await request(server)
        .get('/api/dr-readiness/entities/default/component/patient-portal-web')
        .set('Authorization', as());
      expect(recovered.body.stale).toBe(false);
      expect(recovered.body.inventory.error).toBeUndefined();
    });
  },
);

describe('before anything is stored', () => {
  it('answers 503 with Retry-After, and why', async () => {
    const source = new ScriptedSource();
    source.failWith = new Error('AuthorizationFailed: no Reader role');
    const { server, scheduler } = await start({ source, skipRefresh: true });
    const urls = [
      '/api/dr-readiness/overview',
      '/api/dr-readiness/regions/eastus2/impact',
      '/api/dr-readiness/coverage',
      '/api/dr-readiness/entities/default/component/records-service',
    ];
    for (const url of urls) {
      const res = await request(server).get(url).set('Authorization', as());
      expect([url, res.status]).toEqual([url, 503]);
      expect(res.headers['retry-after']).toBe('300');
      expect(res.body.error.message).toContain('first refresh');
    }
    await scheduler().triggerTask('dr-readiness-refresh');
    const res = await request(server).get(urls[3]).set('Authorization', as());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'AuthorizationFailed: no Reader role',
    );
  });

  it('requires Backstage credentials on every route', async () => {
    const { server } = await start({ skipRefresh: true });
    for (const url of [
      '/api/dr-readiness/overview',
      '/api/dr-readiness/regions',
      '/api/dr-readiness/regions/eastus2/impact',
      '/api/dr-readiness/coverage',
      '/api/dr-readiness/entities/default/component/records-service',
      '/api/dr-readiness/entities/default/component/records-service/drills',
    ]) {
      const res = await request(server)
        .get(url)
        .set('Authorization', mockCredentials.none.header());
      expect([url, res.status]).toEqual([url, 401]);
    }
  });

  it.each([
    [
      'without a reason',
      [{ resource: 'microsoft.synapse/workspaces' }],
      'vitals.drReadiness.coverageExclusions[0].reason is required',
    ],
    [
      'with a blank reason',
      [{ resource: 'microsoft.synapse/workspaces', reason: ' ' }],
      'vitals.drReadiness.coverageExclusions[0].reason is required',
    ],
    [
      'naming neither a resource id nor a type',
      [
        { resource: 'microsoft.synapse/workspaces', reason: 'analytics' },
        { resource: 'syn-analytics', reason: 'analytics' },
      ],
      'vitals.drReadiness.coverageExclusions[1].resource must be a resource id',
    ],
  ])(
    'refuses to start with a coverage exclusion %s',
    async (_, coverageExclusions, message) => {
      await expect(
        start({
          skipRefresh: true,
          config: {
            azure: { source: 'snapshot', snapshotPath: ESTATE },
            drReadiness: { coverageExclusions },
          },
        }),
      ).rejects.toThrow(message);
    },
  );

  it('takes an ISO-8601 refresh frequency, and without drills no critical service is ready', async () => {
    const { server } = await start({
      config: {
        azure: { source: 'snapshot', snapshotPath: ESTATE },
        drReadiness: { refresh: { frequency: 'PT2M' } },
      },
    });
    await waitForEvaluation(server);
    const res = await request(server)
      .get('/api/dr-readiness/entities/default/component/records-service')
      .set('Authorization', as());
    expect(res.body).toMatchObject({ status: 'not-ready', lastDrill: null });
    const overview = await request(server)
      .get('/api/dr-readiness/overview')
      .set('Authorization', as());
    expect(overview.headers['cache-control']).toBe('private, no-cache');
    const before = await request(server)
      .get('/api/dr-readiness/regions/eastus2/impact')
      .set('Authorization', as());
    expect(before.status).toBe(200);
  });

  it('starts with seeding switched off by an empty seedDrills, as the production config sets it', async () => {
    const { server } = await start({
      config: {
        azure: { source: 'snapshot', snapshotPath: ESTATE },
        drReadiness: { seedDrills: '' },
      },
    });
    await waitForEvaluation(server);
    const res = await request(server)
      .get(
        '/api/dr-readiness/entities/default/component/records-service/drills',
      )
      .set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

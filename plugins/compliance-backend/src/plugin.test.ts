import fs from 'node:fs';
import { createHash } from 'node:crypto';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createVitalsTestDatabases } from '@vitals/backend-test-utils';
import { createAzureInventoryServiceFactory } from '@vitals/azure-inventory';
import {
  canonicalJson,
  EVIDENCE_COLUMNS,
  verifyEvidencePack,
  type ComplianceCoverageResponse,
  type ComplianceExemptionRecord,
  type ComplianceOverviewResponse,
  type EntityComplianceResponse,
  type EvidencePack,
} from '@vitals/plugin-compliance-common';
import express from 'express';
import request from 'supertest';
import { ComplianceStore } from './database/ComplianceStore';
import { compliancePlugin } from './plugin';
import {
  drOverview,
  ftpSite,
  leakyStorage,
  SUBSCRIPTION,
  testEntities,
  testEstate,
  writeSnapshot,
} from './testing/estate';

const databases = createVitalsTestDatabases();

const OFFICER = 'user:default/grace.whitfield';
const ENGINEER = 'user:default/amara.okafor';
const DAY = 86_400_000;

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 4180 parsing, to read the CSV export back as an auditor's tool would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A stand-in for the DR-readiness plugin: its overview route, behind Backstage auth. */
function fakeDrReadinessPlugin(
  answer: () => { status: number; body: unknown },
) {
  return createBackendPlugin({
    pluginId: 'dr-readiness',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = express.Router();
          router.get('/overview', (_req, res) => {
            const { status, body } = answer();
            res.status(status).json(body);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

describe.each(databases.eachSupportedId())(
  'the compliance backend on %p',
  databaseId => {
    let snapshot: { dir: string; file: string };
    let auditEvents: Array<{
      eventId: string;
      meta: any;
      outcome?: 'success' | 'fail';
      error?: string;
    }>;
    beforeEach(() => {
      snapshot = writeSnapshot();
      auditEvents = [];
    });
    afterEach(() => fs.rmSync(snapshot.dir, { recursive: true, force: true }));

    async function start(
      options: {
        dr?: boolean;
        seed?: unknown;
        before?: (store: ComplianceStore) => Promise<void>;
        waitForEvaluation?: boolean;
      } = {},
    ) {
      const knex = await databases.init(databaseId);
      if (options.before) {
        const store = await ComplianceStore.create(
          mockServices.database({ knex }),
        );
        await options.before(store);
      }
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
              (credentials.principal as any).userEntityRef === OFFICER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ) as any,
      });
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          ...(options.dr === false
            ? []
            : [
                fakeDrReadinessPlugin(() => ({
                  status: 200,
                  body: drOverview(),
                })),
              ]),
          mockServices.database.factory({ knex }),
          createAzureInventoryServiceFactory({
            database: mockServices.database({ knex }),
          }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          catalogServiceMock.factory({ entities: testEntities }),
          auditor.factory,
          permissions.factory,
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                // Every evaluation reads the snapshot file again.
                azure: {
                  source: 'snapshot',
                  snapshotPath: snapshot.file,
                  refresh: { interval: { seconds: 0 } },
                },
                compliance: { seed: options.seed ?? {} },
              },
            },
          }),
        ],
      });
      const server = backend.server;
      if (options.waitForEvaluation === false) return { server, knex };
      for (let i = 0; i < 200; i++) {
        const res = await request(server)
          .get('/api/compliance/overview')
          .set('Authorization', mockCredentials.user.header());
        if (res.status === 200) return { server, knex };
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the first compliance evaluation did not finish');
    }

    const get = (server: any, path: string, user = ENGINEER) =>
      request(server)
        .get(`/api/compliance${path}`)
        .set('Authorization', mockCredentials.user.header(user));

    const entity = async (server: any, name: string, query = '') =>
      (await get(server, `/entities/default/component/${name}${query}`))
        .body as EntityComplianceResponse;

    it('judges each service from its Azure resources, catalog entry and DR summary', async () => {
      const { server } = await start();
      const secure = await entity(server, 'secure-api');
      expect(secure).toMatchObject({
        entityRef: 'component:default/secure-api',
        framework: 'hipaa',
        classification: 'phi',
        status: 'compliant',
        score: 100,
        stale: false,
        owner: 'group:default/team-a',
        system: 'system:default/portal',
        emptyState: null,
      });
      expect(secure.dataSources.drReadiness).toMatchObject({
        available: true,
        error: null,
      });
      expect(secure.dataSources.azure).toMatchObject({
        source: 'snapshot',
        origin: 'snapshot file estate.json',
        stale: false,
      });
      const access = secure.controls.find(c => c.id === '164.312(a)(1)')!;
      expect(access).toMatchObject({
        title: 'Access control',
        citation: '45 CFR 164.312(a)(1)',
        severity: 'high',
        status: 'pass',
        exemption: null,
      });
      expect(access.findings[0]).toEqual(
        expect.objectContaining({
          resourceId: expect.stringContaining('/storageAccounts/stsecureapi'),
          message: expect.any(String),
          expected: 'false',
          actual: 'false',
        }),
      );
      // The Azure evidence carries the snapshot's export time as its age.
      expect(access.findings[0].observedAt).toBe(
        secure.dataSources.azure.fetchedAt,
      );

      const leaky = await entity(server, 'leaky-store');
      expect(leaky.status).toBe('non-compliant');
      const publicBlob = leaky.controls
        .find(c => c.id === '164.312(a)(1)')!
        .findings.find(f => f.rule === 'storage.no-public-blob-access')!;
      expect(publicBlob).toMatchObject({
        resourceId: leakyStorage.id,
        status: 'fail',
        property: 'properties.allowBlobPublicAccess',
        expected: 'false',
        actual: 'true',
        mirrors: { definitionId: '4fa4b6c0-31ca-4c0d-b10d-24b96f62a751' },
      });
      expect(
        leaky.controls.find(c => c.id === '164.312(e)(2)(ii)')!.status,
      ).toBe('fail');

      expect((await entity(server, 'no-props')).status).toBe('unknown');
      expect((await entity(server, 'public-site')).status).toBe(
        'not-applicable',
      );
    });

    it('says which annotation and tag are missing, answers 404 for unknown entities and 400 for bad input', async () => {
      const { server } = await start();
      const unclassified = await entity(server, 'unclassified');
      expect(unclassified.status).toBe('unknown');
      expect(unclassified.emptyState).toEqual({
        classificationMissing: true,
        classificationInvalid: null,
        annotation: 'vitals.dev/data-classification',
        noAzureResources: true,
        tag: 'vitals-entity',
        selectorAnnotation: 'vitals.dev/azure-selector',
        selectorErrors: [],
      });
      const missing = await get(server, '/entities/default/component/nope');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('component:default/nope');
      const badAsOf = await get(
        server,
        '/entities/default/component/secure-api?asOf=yesterday',
      );
      expect(badAsOf.status).toBe(400);
      expect(badAsOf.body.error.message).toContain('asOf');
      const badStatus = await get(server, '/overview?status=melting');
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.message).toContain('status');
      const badControl = await get(server, '/overview?control=164.999');
      expect(badControl.status).toBe(400);
      expect(badControl.body.error.message).toContain('control');
      const unauthenticated = await request(server)
        .get('/api/compliance/overview')
        .set('Authorization', mockCredentials.user.invalidHeader());
      expect(unauthenticated.status).toBe(401);
    });

    it('filters the overview and builds the control × team matrix and the unowned list', async () => {
      const { server } = await start();
      const all = (await get(server, '/overview'))
        .body as ComplianceOverviewResponse;
      expect(all.items).toHaveLength(6);
      expect(all.totals).toEqual({
        compliant: 1,
        'non-compliant': 2,
        exempt: 0,
        'not-applicable': 1,
        unknown: 2,
      });
      // The orphan and the shared workspace nobody's selector claims.
      expect(all.unownedResources).toBe(2);
      const failingPhi = (
        await get(server, '/overview?status=non-compliant&classification=phi')
      ).body as ComplianceOverviewResponse;
      expect(failingPhi.items.map(i => i.entityRef)).toEqual([
        'component:default/ftp-app',
        'component:default/leaky-store',
      ]);
      expect(
        failingPhi.items.find(i => i.entityRef.endsWith('leaky-store'))!
          .failingControls,
      ).toEqual(['164.312(a)(1)', '164.312(e)(2)(ii)']);
      const transmission = (
        await get(server, '/overview?control=164.312(e)(1)&owner=team-a')
      ).body as ComplianceOverviewResponse;
      expect(transmission.items.map(i => i.entityRef)).toEqual([
        'component:default/ftp-app',
      ]);
      const teamA = all.matrix.rows.find(
        r => r.owner === 'group:default/team-a',
      )!;
      // public-site is not enforced: its open container (a failing access
      // control) is listed on its row but not counted against the team.
      expect(teamA.services).toBe(2);
      // ftp-app fails transmission security.
      expect(teamA.cells['164.312(e)(1)']).toMatchObject({ fail: 1, pass: 1 });
      expect(teamA.cells['164.312(a)(1)']).toMatchObject({ fail: 0 });
      expect(all.matrix.controls).toHaveLength(15);
      // By default the trend starts at the first stored verdict.
      const trend = await get(server, '/history?points=10');
      expect(trend.body.points).toHaveLength(10);
      expect(trend.body.points[0].counts).toEqual(all.totals);
      expect(trend.body.points.at(-1).counts).toEqual(all.totals);
      const quarter = await get(
        server,
        `/history?points=10&from=${new Date(
          Date.now() - 90 * DAY,
        ).toISOString()}`,
      );
      expect(quarter.body.points[0].counts.compliant).toBe(0);
      expect(quarter.body.points.at(-1).counts).toEqual(all.totals);
      const yesterday = await get(
        server,
        `/overview?asOf=${new Date(Date.now() - DAY).toISOString()}`,
      );
      expect(yesterday.status).toBe(200);
      expect(yesterday.body.items).toEqual([]);
      const unowned = await get(server, '/unowned');
      expect(unowned.body.total).toBe(2);
      expect(unowned.body.items.map((r: any) => r.name).sort()).toEqual([
        'law-central',
        'storphan',
      ]);
    });

    it('lets only permitted users manage exemptions, takes the approver from the identity and audits every attempt', async () => {
      const { server } = await start();
      const expiresAt = new Date(Date.now() + 180 * DAY).toISOString();
      const body = {
        entityRef: 'component:default/ftp-app',
        controlId: '164.312(e)(1)',
        resourceId: ftpSite.id,
        category: 'mitigated',
        reason: 'FTP is blocked at the App Service access restrictions',
        ticketUrl: 'https://tickets.example/SEC-42',
        requester: 'user:default/amara.okafor',
        expiresAt,
      };
      const post = (payload: unknown, user: string) =>
        request(server)
          .post('/api/compliance/exemptions')
          .set('Authorization', mockCredentials.user.header(user))
          .send(payload as object);

      const denied = await post(body, ENGINEER);
      expect(denied.status).toBe(403);
      expect(auditEvents.at(-1)).toMatchObject({
        eventId: 'exemption-create',
        outcome: 'fail',
        meta: { entityRef: 'component:default/ftp-app' },
      });

      const withApprover = await post(
        { ...body, approver: 'user:default/someone' },
        OFFICER,
      );
      expect(withApprover.status).toBe(400);
      expect(withApprover.body.error.message).toMatch(/^approver/);

      const selfApproved = await post(
        { ...body, requester: 'grace.whitfield' },
        OFFICER,
      );
      expect(selfApproved.status).toBe(400);
      expect(selfApproved.body.error.message).toContain(
        'approver: the approver must be someone other than the requester',
      );

      const tooLong = await post(
        {
          ...body,
          expiresAt: new Date(Date.now() + 400 * DAY).toISOString(),
        },
        OFFICER,
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/^expiresAt/);

      const unknownEntity = await post(
        { ...body, entityRef: 'component:default/nope' },
        OFFICER,
      );
      expect(unknownEntity.status).toBe(404);

      const beforeExemption = Date.now();
      await new Promise(r => setTimeout(r, 20));
      const created = await post(body, OFFICER);
      expect(created.status).toBe(201);
      const record = created.body as ComplianceExemptionRecord;
      expect(record).toMatchObject({
        approver: OFFICER,
        requester: 'user:default/amara.okafor',
        state: 'active',
        expiresAt,
      });
      expect(auditEvents.at(-1)).toMatchObject({
        eventId: 'exemption-create',
        outcome: 'success',
      });

      // Re-evaluated at once: the only failure is exempt now.
      const exempt = await entity(server, 'ftp-app');
      expect(exempt.status).toBe('exempt');
      const transmission = exempt.controls.find(c => c.id === '164.312(e)(1)')!;
      expect(transmission.status).toBe('exempt');
      expect(
        transmission.findings.find(f => f.rule === 'appservice.ftps')!
          .exemptionId,
      ).toBe(record.id);

      // The verdict before the exemption is still answerable.
      const before = await entity(
        server,
        'ftp-app',
        `?asOf=${new Date(beforeExemption).toISOString()}`,
      );
      expect(before.status).toBe('non-compliant');
      expect(before.asOf).toBe(new Date(beforeExemption).toISOString());

      const history = (
        await get(server, '/history?entityRef=component:default/ftp-app')
      ).body;
      expect(history.spans.map((s: any) => s.status)).toEqual([
        'non-compliant',
        'exempt',
      ]);
      expect(history.changes[0]).toMatchObject({
        controlId: '164.312(e)(1)',
        from: 'fail',
        to: 'exempt',
      });

      const listed = await get(
        server,
        '/exemptions?entityRef=component:default/ftp-app',
      );
      expect(listed.body.items.map((e: any) => e.state)).toEqual(['active']);

      const revokeDenied = await request(server)
        .delete(`/api/compliance/exemptions/${record.id}`)
        .set('Authorization', mockCredentials.user.header(ENGINEER));
      expect(revokeDenied.status).toBe(403);
      const revoked = await request(server)
        .delete(`/api/compliance/exemptions/${record.id}`)
        .set('Authorization', mockCredentials.user.header(OFFICER));
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        state: 'revoked',
        revokedBy: OFFICER,
      });
      expect(auditEvents.at(-1)).toMatchObject({
        eventId: 'exemption-revoke',
        outcome: 'success',
        meta: { exemptionId: record.id },
      });
      expect((await entity(server, 'ftp-app')).status).toBe('non-compliant');
      const missing = await request(server)
        .delete('/api/compliance/exemptions/no-such-id')
        .set('Authorization', mockCredentials.user.header(OFFICER));
      expect(missing.status).toBe(404);
    });

    it('stops applying an exemption once it expires and reports it as expired', async () => {
      const { server } = await start({
        before: async store => {
          await store.insertExemption({
            id: 'ex-expired',
            entityRef: 'component:default/ftp-app',
            controlId: '164.312(e)(1)',
            resourceId: ftpSite.id,
            category: 'risk-accepted',
            reason: 'Legacy partner upload, retired since',
            alternativeMeasure: null,
            ticketUrl: null,
            requester: 'user:default/amara.okafor',
            approver: OFFICER,
            createdAt: Date.now() - 400 * DAY,
            expiresAt: Date.now() - 35 * DAY,
            revokedAt: null,
            revokedBy: null,
          });
        },
      });
      const ftp = await entity(server, 'ftp-app');
      expect(ftp.status).toBe('non-compliant');
      const control = ftp.controls.find(c => c.id === '164.312(e)(1)')!;
      expect(control.exemptions.map(e => e.state)).toEqual(['expired']);
      const listed = await get(server, '/exemptions');
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: 'ex-expired', state: 'expired' }),
      ]);
    });

    it('loads the seed when the store is empty and records attestations by the signed-in user', async () => {
      const { server } = await start({
        seed: {
          exemptions: [
            {
              entityRef: 'component:default/ftp-app',
              controlId: '164.312(e)(1)',
              resourceId: ftpSite.id,
              category: 'mitigated',
              reason: 'FTP blocked by access restrictions',
              ticketUrl: 'https://tickets.example/SEC-7',
              requester: 'user:default/amara.okafor',
              approver: OFFICER,
              createdDaysAgo: 10,
              expiresInDays: 180,
            },
          ],
        },
      });
      expect((await entity(server, 'ftp-app')).status).toBe('exempt');

      const denied = await request(server)
        .post('/api/compliance/attestations')
        .set('Authorization', mockCredentials.user.header(ENGINEER))
        .send({});
      expect(denied.status).toBe(403);
      const badLink = await request(server)
        .post('/api/compliance/attestations')
        .set('Authorization', mockCredentials.user.header(OFFICER))
        .send({
          entityRef: 'component:default/secure-api',
          controlId: '164.308(a)(7)(ii)(D)',
          link: 'not a url',
          reviewBy: new Date(Date.now() + 90 * DAY).toISOString(),
        });
      expect(badLink.status).toBe(400);
      expect(badLink.body.error.message).toMatch(/^link/);
      const created = await request(server)
        .post('/api/compliance/attestations')
        .set('Authorization', mockCredentials.user.header(OFFICER))
        .send({
          entityRef: 'component:default/secure-api',
          controlId: '164.308(a)(7)(ii)(D)',
          link: 'https://docs.example/dr/tabletop-2026.pdf',
          reviewBy: new Date(Date.now() + 300 * DAY).toISOString(),
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        attestedBy: OFFICER,
        state: 'active',
      });
      expect(auditEvents.at(-1)).toMatchObject({
        eventId: 'attestation-create',
        outcome: 'success',
      });
      const listed = await get(
        server,
        '/attestations?entityRef=component:default/secure-api',
      );
      expect(listed.body.items).toHaveLength(1);
      const testing = (await entity(server, 'secure-api')).controls.find(
        c => c.id === '164.308(a)(7)(ii)(D)',
      )!;
      expect(testing.attestation).toMatchObject({
        attestedBy: OFFICER,
        state: 'active',
      });
    });

    it('exports the evidence as CSV that parses back, and as a JSON pack whose digest verifies', async () => {
      const { server } = await start();
      const csv = await get(server, '/report?format=csv&status=non-compliant');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="hipaa-evidence-\d{4}-\d{2}-\d{2}-\d{6}\.csv"$/,
      );
      const [header, ...rows] = parseCsv(csv.text);
      expect(header).toEqual(EVIDENCE_COLUMNS);
      const col = (name: string) => header.indexOf(name);
      expect(new Set(rows.map(r => r[col('entityRef')]))).toEqual(
        new Set(['component:default/leaky-store', 'component:default/ftp-app']),
      );
      const publicBlob = rows.find(
        r =>
          r[col('resourceId')] === leakyStorage.id &&
          r[col('rule')] === 'storage.no-public-blob-access',
      )!;
      expect(publicBlob[col('property')]).toBe(
        'properties.allowBlobPublicAccess',
      );
      expect(publicBlob[col('expected')]).toBe('false');
      expect(publicBlob[col('actual')]).toBe('true');
      expect(publicBlob[col('findingStatus')]).toBe('fail');
      expect(publicBlob[col('policyDefinitionId')]).toBe(
        '4fa4b6c0-31ca-4c0d-b10d-24b96f62a751',
      );
      expect(publicBlob[col('dataSource')]).toContain('azure snapshot');

      const json = await get(server, '/report?format=json');
      expect(json.status).toBe(200);
      const pack = json.body as EvidencePack;
      expect(pack.content.entities).toHaveLength(6);
      expect(pack.digest.value).toBe(sha256(canonicalJson(pack.content)));
      expect(json.headers['x-evidence-digest']).toBe(
        `sha-256=${pack.digest.value}`,
      );
      expect(verifyEvidencePack(pack, sha256)).toBe(true);
      pack.content.rows[0].actual = 'tampered';
      expect(verifyEvidencePack(pack, sha256)).toBe(false);

      const bad = await get(server, '/report?format=pdf');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('format');
    });

    it('answers 503 with Retry-After, saying why, until an evaluation has succeeded', async () => {
      fs.rmSync(snapshot.file);
      const { server } = await start({ waitForEvaluation: false });
      let overview = await get(server, '/overview');
      for (let i = 0; i < 100 && !/does not exist/.test(overview.text); i++) {
        await new Promise(r => setTimeout(r, 100));
        overview = await get(server, '/overview');
      }
      expect(overview.status).toBe(503);
      expect(overview.headers['retry-after']).toBe('900');
      expect(overview.body.error.message).toContain('estate.json');
      const secure = await get(
        server,
        '/entities/default/component/secure-api',
      );
      expect(secure.status).toBe(503);
      expect(secure.headers['retry-after']).toBe('900');
      const report = await get(server, '/report?format=csv');
      expect(report.status).toBe(503);
      const coverage = await get(server, '/coverage');
      expect(coverage.status).toBe(503);
      expect(coverage.headers['retry-after']).toBe('900');
    });

    it('names what no rule judges, holds the verdict at unknown until an exemption covers it, and serves the estate coverage', async () => {
      const rg = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-secure-api/providers`;
      const synapseId = `${rg}/Microsoft.Synapse/workspaces/syn-secure`;
      const publicIpId = `${rg}/Microsoft.Network/publicIPAddresses/pip-secure`;
      const tags = { 'vitals-entity': 'component:default/secure-api' };
      fs.rmSync(snapshot.dir, { recursive: true, force: true });
      snapshot = writeSnapshot([
        ...testEstate(),
        {
          id: synapseId,
          name: 'syn-secure',
          type: 'Microsoft.Synapse/workspaces',
          location: 'eastus2',
          tags,
          properties: {},
        },
        {
          id: publicIpId,
          name: 'pip-secure',
          type: 'Microsoft.Network/publicIPAddresses',
          location: 'eastus2',
          tags,
          properties: {},
        },
      ]);
      const { server, knex } = await start();

      const secure = await entity(server, 'secure-api');
      expect(secure.status).toBe('unknown');
      expect(secure.statusReason).toContain(
        'syn-secure (microsoft.synapse/workspaces)',
      );
      // Storage, vault, web app and their three diagnostic settings.
      expect(secure.coverageRecorded).toBe(true);
      expect(secure.coverage).toEqual({
        evaluated: 6,
        notEvaluated: [
          {
            resourceId: synapseId,
            type: 'microsoft.synapse/workspaces',
            reason: expect.stringContaining('No HIPAA rule judges'),
            blocking: true,
          },
          {
            resourceId: publicIpId,
            type: 'microsoft.network/publicipaddresses',
            reason: expect.stringMatching(/^Inert: /),
            blocking: false,
          },
        ],
      });
      const overview = (await get(server, '/overview'))
        .body as ComplianceOverviewResponse;
      expect(
        overview.items.find(i => i.entityRef.endsWith('/secure-api'))!.status,
      ).toBe('unknown');

      const coverage = await get(server, '/coverage');
      expect(coverage.status).toBe(200);
      const body = coverage.body as ComplianceCoverageResponse;
      expect(body.types.slice(0, 2).map(t => [t.type, t.judgement])).toEqual([
        ['microsoft.synapse/workspaces', 'not-judged'],
        ['microsoft.network/publicipaddresses', 'inert'],
      ]);
      expect(
        body.types.find(t => t.type === 'microsoft.network/publicipaddresses'),
      ).toEqual({
        type: 'microsoft.network/publicipaddresses',
        resources: 1,
        judged: false,
        checks: [],
        judgement: 'inert',
        judgedResources: 0,
        notJudgedResources: 1,
        inertReason: expect.any(String),
      });
      expect(
        body.types.find(t => t.type === 'microsoft.web/sites'),
      ).toMatchObject({
        resources: 2,
        judged: true,
        judgement: 'checked',
        checks: expect.arrayContaining(['appservice.https-only']),
      });
      // Parameters are ignored, and an unchanged estate is not sent again.
      const withParams = await get(server, '/coverage?asOf=x&types[$gt]=a');
      expect(withParams.status).toBe(200);
      expect(withParams.body).toEqual(body);
      const again = await get(server, '/coverage').set(
        'If-None-Match',
        coverage.headers.etag,
      );
      expect(again.status).toBe(304);

      const exempted = await request(server)
        .post('/api/compliance/exemptions')
        .set('Authorization', mockCredentials.user.header(OFFICER))
        .send({
          entityRef: 'component:default/secure-api',
          controlId: '164.312(a)(1)',
          resourceId: synapseId,
          category: 'risk-accepted',
          reason: 'The workspace holds de-identified extracts only',
          requester: ENGINEER,
          expiresAt: new Date(Date.now() + 90 * DAY).toISOString(),
        });
      expect(exempted.status).toBe(201);
      const lifted = await entity(server, 'secure-api');
      expect(lifted.status).toBe('exempt');
      expect(lifted.coverage.notEvaluated[0]).toMatchObject({
        resourceId: synapseId,
        blocking: true,
        exemptionId: exempted.body.id,
      });

      // A verdict stored before coverage was recorded still reads, flagged.
      const rows = await knex('compliance_entity_verdicts')
        .where({ entity_ref: 'component:default/secure-api' })
        .whereNull('valid_to');
      expect(rows).toHaveLength(1);
      const { coverage: _dropped, ...header } = JSON.parse(rows[0].header);
      await knex('compliance_entity_verdicts')
        .where({ id: rows[0].id })
        .update({ header: JSON.stringify(header) });
      const old = await entity(server, 'secure-api');
      expect(old.status).toBe('exempt');
      expect(old.coverageRecorded).toBe(false);
      expect(old.coverage).toEqual({
        evaluated: 0,
        notEvaluated: [],
        recorded: false,
      });
      // The evidence pack says so too, rather than claim nothing went unjudged.
      const pack = (await get(server, '/report?format=json'))
        .body as EvidencePack;
      expect(
        pack.content.entities.find(e => e.entityRef.endsWith('/secure-api'))!
          .coverage,
      ).toEqual({ evaluated: 0, notEvaluated: [], recorded: false });
      expect(
        pack.content.entities.find(e => e.entityRef.endsWith('/leaky-store'))!
          .coverage,
      ).toEqual({ evaluated: 2, notEvaluated: [] });
    });

    it('reports the DR-based controls as unknown, with the reason, when the DR-readiness plugin is absent', async () => {
      const { server } = await start({ dr: false });
      const secure = await entity(server, 'secure-api');
      expect(secure.status).toBe('unknown');
      expect(secure.dataSources.drReadiness.available).toBe(false);
      expect(secure.dataSources.drReadiness.error).toContain('not installed');
      for (const id of ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(D)']) {
        expect(secure.controls.find(c => c.id === id)!.status).toBe('unknown');
      }
    });
  },
);

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
import {
  clientOptionsFor,
  createVitalsTestDatabases,
  rejectionOf,
} from '@vitals/backend-test-utils';
import {
  canonicalJson,
  ComplianceClient,
  EVIDENCE_COLUMNS,
  verifyEvidencePack,
  type ComplianceExemptionInput,
  type EvidencePack,
} from '@vitals/plugin-compliance-common';
import express from 'express';
import { compliancePlugin } from '../plugin';
import {
  drOverview,
  ftpSite,
  leakyStorage,
  testEntities,
  writeSnapshot,
} from '../testing/estate';

// Every client method against a real backend, on a machine running other suites too.
jest.setTimeout(60_000);

// The contract cases below are functions of a record typed by the client's
// methods, so that a method without a case does not compile; they run inside
// `it.each`, which this rule cannot see.
/* eslint-disable jest/no-standalone-expect */

/**
 * The client the compliance screens use, called over real HTTP against the
 * real compliance backend: a client whose path, method, query, body or
 * parsing drifts from its route fails here, not in a user's browser.
 */

const databases = createVitalsTestDatabases();

const OFFICER = 'user:default/grace.whitfield';
const ENGINEER = 'user:default/amara.okafor';
const DAY = 86_400_000;

const SECURE = { kind: 'Component', namespace: 'default', name: 'secure-api' };
const LEAKY = { kind: 'Component', namespace: 'default', name: 'leaky-store' };
const FTP = { kind: 'Component', namespace: 'default', name: 'ftp-app' };

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The rows of a CSV export whose cells hold no quote, comma or line break. */
const csvRows = (text: string) =>
  text
    .split('\r\n')
    .filter(line => line !== '')
    .map(line =>
      line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(c => c.replace(/"/g, '')),
    );

/** A stand-in for the DR-readiness plugin: its overview route, behind Backstage auth. */
const fakeDrReadinessPlugin = createBackendPlugin({
  pluginId: 'dr-readiness',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.get('/overview', (_req, res) => {
          res.json(drOverview());
        });
        httpRouter.use(router);
      },
    });
  },
});

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** A client of `backend` as the app builds it: discovery, and a fetch that adds the credentials. */
const clientOf = (backend: Backend, authorization: string) =>
  new ComplianceClient(clientOptionsFor(backend.server, authorization));

const exemptionInput = (
  overrides: Partial<ComplianceExemptionInput> = {},
): ComplianceExemptionInput => ({
  entityRef: 'component:default/ftp-app',
  controlId: '164.312(e)(1)',
  resourceId: ftpSite.id,
  category: 'mitigated',
  reason: 'FTP is blocked at the App Service access restrictions',
  ticketUrl: 'https://tickets.example/SEC-42',
  requester: ENGINEER,
  expiresAt: new Date(Date.now() + 180 * DAY).toISOString(),
  ...overrides,
});

const attestationInput = () => ({
  entityRef: 'component:default/secure-api',
  controlId: '164.308(a)(7)(ii)(D)',
  link: 'https://docs.example/dr/tabletop-2026.pdf',
  note: 'Tabletop exercise held with the on-call team',
  reviewBy: new Date(Date.now() + 300 * DAY).toISOString(),
});

const ESTATE_TOTALS = {
  compliant: 1,
  'non-compliant': 2,
  exempt: 0,
  'not-applicable': 1,
  unknown: 2,
};

describe.each(databases.eachSupportedId())(
  'ComplianceClient against the compliance backend on %p',
  databaseId => {
    let snapshot: { dir: string; file: string };
    let backend: Backend;
    /** An engineer, who may read but not manage exemptions. */
    let reader: ComplianceClient;
    /** A compliance officer, who may manage exemptions and attestations. */
    let officer: ComplianceClient;
    const auditEvents: Array<{
      eventId: string;
      meta: any;
      outcome?: 'success' | 'fail';
    }> = [];

    beforeAll(async () => {
      snapshot = writeSnapshot();
      const knex = await databases.init(databaseId);
      const auditor = mockServices.auditor.mock({
        createEvent: jest.fn(async ({ eventId, meta }) => {
          const event: (typeof auditEvents)[number] = { eventId, meta };
          auditEvents.push(event);
          return {
            success: jest.fn(async () => {
              event.outcome = 'success';
            }),
            fail: jest.fn(async () => {
              event.outcome = 'fail';
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
      backend = await startTestBackend({
        features: [
          compliancePlugin,
          fakeDrReadinessPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          catalogServiceMock.factory({ entities: testEntities }),
          auditor.factory,
          permissions.factory,
          mockServices.rootConfig.factory({
            data: {
              vitals: {
                azure: { source: 'snapshot', snapshotPath: snapshot.file },
                compliance: { seed: {} },
              },
            },
          }),
        ],
      });
      reader = clientOf(backend, mockCredentials.user.header(ENGINEER));
      officer = clientOf(backend, mockCredentials.user.header(OFFICER));
      // Waited for without the client, so a broken client method fails its
      // own case rather than the whole file.
      const overview = `http://localhost:${backend.server.port()}/api/compliance/overview`;
      for (let i = 0; i < 200; i++) {
        const res = await fetch(overview, {
          headers: { Authorization: mockCredentials.user.header(ENGINEER) },
        });
        if (res.status === 200) return;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the first compliance evaluation did not finish');
    });

    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(snapshot.dir, { recursive: true, force: true });
    });

    const statusOf = async (entity: typeof FTP) =>
      (await reader.getEntityCompliance(entity)).status;

    /**
     * One case per public method of the client: the type makes a new method
     * without a case a compile error, the first test a failing one. A case
     * that writes undoes its effect on the verdicts, so the cases do not
     * depend on their order.
     */
    const contract: Record<keyof ComplianceClient, () => Promise<void>> = {
      async getEntityCompliance() {
        const secure = await reader.getEntityCompliance(SECURE);
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
          asOf: null,
        });
        expect(secure.dataSources.drReadiness).toMatchObject({
          available: true,
          error: null,
        });
        expect(secure.dataSources.azure).toMatchObject({
          source: 'snapshot',
          stale: false,
        });
        const access = secure.controls.find(c => c.id === '164.312(a)(1)')!;
        expect(access).toMatchObject({
          title: 'Access control',
          citation: '45 CFR 164.312(a)(1)',
          status: 'pass',
          exemption: null,
        });

        const leaky = await reader.getEntityCompliance(LEAKY);
        expect(leaky.status).toBe('non-compliant');
        expect(
          leaky.controls
            .filter(c => c.status === 'fail')
            .map(c => c.id)
            .sort(),
        ).toEqual(['164.312(a)(1)', '164.312(e)(2)(ii)']);
        expect(
          leaky.controls
            .find(c => c.id === '164.312(a)(1)')!
            .findings.find(f => f.rule === 'storage.no-public-blob-access'),
        ).toMatchObject({
          resourceId: leakyStorage.id,
          status: 'fail',
          expected: 'false',
          actual: 'true',
        });

        // The kind as the catalog spells it, and asOf as the time-travel
        // banner sends it.
        const asOf = new Date().toISOString();
        const then = await reader.getEntityCompliance(
          { kind: 'component', namespace: 'DEFAULT', name: 'Secure-Api' },
          { asOf },
        );
        expect(then).toMatchObject({
          entityRef: 'component:default/secure-api',
          status: 'compliant',
          asOf,
        });
        const beforeAnyVerdict = await rejectionOf(
          reader.getEntityCompliance(SECURE, {
            asOf: new Date(Date.now() - DAY).toISOString(),
          }),
        );
        expect(beforeAnyVerdict.statusCode).toBe(404);
        expect(beforeAnyVerdict.body.error.message).toContain(
          'No compliance verdict of component:default/secure-api',
        );

        const unknown = await rejectionOf(
          reader.getEntityCompliance({ ...SECURE, name: 'nope' }),
        );
        expect(unknown.statusCode).toBe(404);
        expect(unknown.body.error.name).toBe('NotFoundError');
        expect(unknown.body.error.message).toContain('component:default/nope');

        const badAsOf = await rejectionOf(
          reader.getEntityCompliance(SECURE, { asOf: 'yesterday' }),
        );
        expect(badAsOf.statusCode).toBe(400);
        expect(badAsOf.body.error.name).toBe('InputError');
        expect(badAsOf.body.error.message).toContain('asOf');
      },

      async getOverview() {
        const all = await reader.getOverview();
        expect(all.items.map(i => i.entityRef).sort()).toEqual([
          'component:default/ftp-app',
          'component:default/leaky-store',
          'component:default/no-props',
          'component:default/public-site',
          'component:default/secure-api',
          'component:default/unclassified',
        ]);
        expect(all.totals).toEqual(ESTATE_TOTALS);
        expect(all.unownedResources).toBe(2);
        expect(all.asOf).toBeNull();
        expect(all.matrix.controls).toHaveLength(15);
        expect(
          all.items.find(i => i.entityRef === 'component:default/leaky-store'),
        ).toMatchObject({
          owner: 'group:default/team-b',
          status: 'non-compliant',
          failingControls: ['164.312(a)(1)', '164.312(e)(2)(ii)'],
        });

        const refs = async (
          filters: Parameters<ComplianceClient['getOverview']>[0],
        ) =>
          (await reader.getOverview(filters)).items
            .map(i => i.entityRef)
            .sort();
        expect(
          await refs({ status: 'non-compliant', classification: 'phi' }),
        ).toEqual([
          'component:default/ftp-app',
          'component:default/leaky-store',
        ]);
        expect(
          await refs({ control: '164.312(e)(1)', owner: 'team-a' }),
        ).toEqual(['component:default/ftp-app']);
        expect(await refs({ owner: 'group:default/team-b' })).toEqual([
          'component:default/leaky-store',
          'component:default/no-props',
          'component:default/unclassified',
        ]);
        expect(await refs({ system: 'system:default/portal' })).toEqual([
          'component:default/ftp-app',
          'component:default/public-site',
          'component:default/secure-api',
        ]);
        expect(await refs({ classification: 'none' })).toEqual([
          'component:default/unclassified',
        ]);
        expect(await refs({ status: 'compliant' })).toEqual([
          'component:default/secure-api',
        ]);
        expect(
          await refs({ owner: 'team-b', status: 'not-applicable' }),
        ).toEqual([]);

        const yesterday = await reader.getOverview({
          asOf: new Date(Date.now() - DAY).toISOString(),
        });
        expect(yesterday.items).toEqual([]);
        expect(yesterday.asOf).not.toBeNull();

        const badStatus = await rejectionOf(
          reader.getOverview({ status: 'melting' as 'compliant' }),
        );
        expect(badStatus.statusCode).toBe(400);
        expect(badStatus.body.error.message).toContain('status');
        const badControl = await rejectionOf(
          reader.getOverview({ control: '164.999' }),
        );
        expect(badControl.statusCode).toBe(400);
        expect(badControl.body.error.message).toContain('control');
        const badAsOf = await rejectionOf(
          reader.getOverview({ asOf: 'last week' }),
        );
        expect(badAsOf.statusCode).toBe(400);
        expect(badAsOf.body.error.message).toContain('asOf');
      },

      async getUnowned() {
        const unowned = await reader.getUnowned();
        expect(unowned.total).toBe(2);
        expect(unowned.items.map(r => r.name).sort()).toEqual([
          'law-central',
          'storphan',
        ]);
        expect(new Date(unowned.evaluatedAt!).getTime()).not.toBeNaN();
      },

      async getCoverage() {
        const coverage = await reader.getCoverage();
        // The shared workspace is judged by the Log Analytics rules, and its
        // tables with it: the estate has no blind spot.
        expect(
          coverage.types.filter(t => t.judgement === 'not-judged'),
        ).toEqual([]);
        const byType = Object.fromEntries(coverage.types.map(t => [t.type, t]));
        expect(
          byType['microsoft.operationalinsights/workspaces'],
        ).toMatchObject({
          resources: 1,
          judged: true,
          judgement: 'checked',
          checks: expect.arrayContaining(['loganalytics.retention']),
        });
        expect(
          byType['microsoft.operationalinsights/workspaces/tables'],
        ).toEqual({
          type: 'microsoft.operationalinsights/workspaces/tables',
          resources: 3,
          judged: true,
          checks: [],
          judgement: 'parent',
          judgedResources: 3,
          notJudgedResources: 0,
        });
        expect(byType['microsoft.storage/storageaccounts']).toMatchObject({
          resources: 5,
          judged: true,
          judgement: 'checked',
          checks: expect.arrayContaining([
            'storage.no-public-blob-access',
            'monitor.resource-logs',
          ]),
        });
        // Diagnostic settings are read with the resources they belong to.
        expect(byType['microsoft.insights/diagnosticsettings']).toMatchObject({
          resources: 7,
          judged: true,
          judgement: 'parent',
          checks: [],
        });
        expect(coverage.types.reduce((sum, t) => sum + t.resources, 0)).toBe(
          19,
        );
      },

      async getEntityHistory() {
        // no-props is never exempted or attested by the other cases.
        const history = await reader.getEntityHistory(
          'component:default/no-props',
        );
        expect(history.entityRef).toBe('component:default/no-props');
        expect(history.spans).toEqual([
          expect.objectContaining({ status: 'unknown', to: null }),
        ]);
        expect(history.changes.length).toBeGreaterThan(0);
        expect(history.changes.every(c => c.from === null)).toBe(true);

        const to = new Date();
        const from = new Date(to.getTime() - DAY);
        const ranged = await reader.getEntityHistory(
          'component:default/no-props',
          { from, to },
        );
        expect(ranged.from).toBe(from.toISOString());
        expect(ranged.to).toBe(to.toISOString());
        expect(ranged.spans.map(s => s.status)).toEqual(['unknown']);

        const unknown = await rejectionOf(
          reader.getEntityHistory('component:default/nope'),
        );
        expect(unknown.statusCode).toBe(404);
        expect(unknown.body.error.message).toContain(
          'No compliance history is stored for component:default/nope',
        );
        const backwards = await rejectionOf(
          reader.getEntityHistory('component:default/no-props', {
            from: to,
            to: from,
          }),
        );
        expect(backwards.statusCode).toBe(400);
        expect(backwards.body.error.message).toMatch(/from|to/);
      },

      async getEstateHistory() {
        const trend = await reader.getEstateHistory({}, { points: 10 });
        expect(trend.points).toHaveLength(10);
        // By default the trend starts at the first stored verdict.
        expect(trend.points[0].counts).toEqual(ESTATE_TOTALS);
        expect(trend.points.at(-1)!.counts).toEqual(ESTATE_TOTALS);

        const teamA = await reader.getEstateHistory(
          { owner: 'team-a' },
          { points: 3 },
        );
        expect(teamA.points).toHaveLength(3);
        expect(teamA.points.at(-1)!.counts).toEqual({
          compliant: 1,
          'non-compliant': 1,
          exempt: 0,
          'not-applicable': 1,
          unknown: 0,
        });

        const to = new Date();
        const from = new Date(to.getTime() - 90 * DAY);
        const quarter = await reader.getEstateHistory(
          { classification: 'phi' },
          { from, to, points: 5 },
        );
        expect(quarter.from).toBe(from.toISOString());
        expect(quarter.to).toBe(to.toISOString());
        expect(quarter.points[0].counts.compliant).toBe(0);
        expect(quarter.points.at(-1)!.counts).toEqual({
          compliant: 1,
          'non-compliant': 2,
          exempt: 0,
          'not-applicable': 0,
          unknown: 1,
        });

        const tooFew = await rejectionOf(
          reader.getEstateHistory({}, { points: 1 }),
        );
        expect(tooFew.statusCode).toBe(400);
        expect(tooFew.body.error.message).toContain('points');
      },

      async downloadReport() {
        const csv = await reader.downloadReport('csv', {
          status: 'non-compliant',
        });
        expect(csv.filename).toMatch(
          /^hipaa-evidence-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/,
        );
        expect(csv.digest).toBeNull();
        const [header, ...rows] = csvRows(await csv.blob.text());
        expect(header).toEqual(EVIDENCE_COLUMNS);
        const col = (name: string) => header.indexOf(name);
        expect(new Set(rows.map(r => r[col('entityRef')]))).toEqual(
          new Set([
            'component:default/leaky-store',
            'component:default/ftp-app',
          ]),
        );
        const publicBlob = rows.find(
          r =>
            r[col('resourceId')] === leakyStorage.id &&
            r[col('rule')] === 'storage.no-public-blob-access',
        )!;
        expect(publicBlob[col('actual')]).toBe('true');
        expect(publicBlob[col('findingStatus')]).toBe('fail');

        const json = await reader.downloadReport('json', { owner: 'team-b' });
        expect(json.filename).toMatch(/^hipaa-evidence-.*\.json$/);
        const pack = JSON.parse(await json.blob.text()) as EvidencePack;
        expect(json.digest).toBe(`sha-256=${pack.digest.value}`);
        expect(pack.digest.value).toBe(sha256(canonicalJson(pack.content)));
        expect(verifyEvidencePack(pack, sha256)).toBe(true);
        expect(
          pack.content.entities.map(e => (e as any).entityRef).sort(),
        ).toEqual([
          'component:default/leaky-store',
          'component:default/no-props',
          'component:default/unclassified',
        ]);

        const badFormat = await rejectionOf(
          reader.downloadReport('pdf' as 'csv'),
        );
        expect(badFormat.statusCode).toBe(400);
        expect(badFormat.body.error.message).toContain('format');
        const badStatus = await rejectionOf(
          reader.downloadReport('csv', { status: 'melting' as 'compliant' }),
        );
        expect(badStatus.statusCode).toBe(400);
        expect(badStatus.body.error.message).toContain('status');
      },

      async listExemptions() {
        const created = await officer.createExemption(
          exemptionInput({
            entityRef: 'component:default/leaky-store',
            controlId: '164.312(a)(1)',
            resourceId: leakyStorage.id,
            category: 'risk-accepted',
            reason: 'Public product images, no PHI in the container',
          }),
        );
        const listed = await reader.listExemptions(
          'component:default/leaky-store',
        );
        expect(listed).toEqual([
          expect.objectContaining({
            id: created.id,
            entityRef: 'component:default/leaky-store',
            controlId: '164.312(a)(1)',
            category: 'risk-accepted',
            requester: ENGINEER,
            approver: OFFICER,
            state: 'active',
          }),
        ]);
        // Another entity's exemptions are not listed.
        expect(
          (await reader.listExemptions('component:default/secure-api')).map(
            e => e.id,
          ),
        ).not.toContain(created.id);

        await officer.revokeExemption(created.id);
        expect(
          (await reader.listExemptions('component:default/leaky-store')).map(
            e => [e.id, e.state],
          ),
        ).toEqual([[created.id, 'revoked']]);

        const badRef = await rejectionOf(reader.listExemptions('a:b:c:d'));
        expect(badRef.statusCode).toBe(400);
        expect(badRef.body.error.message).toContain('entityRef');
      },

      async createExemption() {
        const input = exemptionInput();

        const denied = await rejectionOf(reader.createExemption(input));
        expect(denied.statusCode).toBe(403);
        expect(denied.body.error.name).toBe('NotAllowedError');
        expect(denied.body.error.message).toContain(
          'may not manage compliance exemptions',
        );

        const selfApproved = await rejectionOf(
          officer.createExemption({ ...input, requester: OFFICER }),
        );
        expect(selfApproved.statusCode).toBe(400);
        expect(selfApproved.body.error.message).toBe(
          'approver: the approver must be someone other than the requester',
        );

        const unknownEntity = await rejectionOf(
          officer.createExemption({
            ...input,
            entityRef: 'component:default/nope',
          }),
        );
        expect(unknownEntity.statusCode).toBe(404);
        expect(unknownEntity.body.error.message).toContain(
          'component:default/nope',
        );

        const created = await officer.createExemption(input);
        expect(created).toEqual({
          id: expect.any(String),
          entityRef: input.entityRef,
          controlId: input.controlId,
          resourceId: input.resourceId,
          category: input.category,
          reason: input.reason,
          alternativeMeasure: null,
          ticketUrl: input.ticketUrl,
          requester: ENGINEER,
          approver: OFFICER,
          createdAt: expect.any(String),
          expiresAt: input.expiresAt,
          state: 'active',
          revokedAt: null,
          revokedBy: null,
        });
        expect(auditEvents.at(-1)).toMatchObject({
          eventId: 'exemption-create',
          outcome: 'success',
          meta: { entityRef: input.entityRef },
        });
        try {
          const exempt = await reader.getEntityCompliance(FTP);
          expect(exempt.status).toBe('exempt');
          expect(
            exempt.controls
              .find(c => c.id === '164.312(e)(1)')!
              .findings.find(f => f.rule === 'appservice.ftps')!.exemptionId,
          ).toBe(created.id);
        } finally {
          await officer.revokeExemption(created.id);
        }
      },

      async revokeExemption() {
        const created = await officer.createExemption(exemptionInput());
        expect(await statusOf(FTP)).toBe('exempt');

        const denied = await rejectionOf(reader.revokeExemption(created.id));
        expect(denied.statusCode).toBe(403);
        expect(await statusOf(FTP)).toBe('exempt');

        const revoked = await officer.revokeExemption(created.id);
        expect(revoked).toMatchObject({
          id: created.id,
          state: 'revoked',
          revokedBy: OFFICER,
        });
        expect(new Date(revoked.revokedAt!).getTime()).not.toBeNaN();
        expect(auditEvents.at(-1)).toMatchObject({
          eventId: 'exemption-revoke',
          outcome: 'success',
          meta: { exemptionId: created.id },
        });
        expect(await statusOf(FTP)).toBe('non-compliant');

        const missing = await rejectionOf(
          officer.revokeExemption('no-such-id'),
        );
        expect(missing.statusCode).toBe(404);
        expect(missing.body.error.message).toContain('no-such-id');
      },

      async listAttestations() {
        const created = await officer.createAttestation(attestationInput());
        try {
          const listed = await reader.listAttestations(
            'component:default/secure-api',
          );
          expect(listed.find(a => a.id === created.id)).toMatchObject({
            entityRef: 'component:default/secure-api',
            controlId: '164.308(a)(7)(ii)(D)',
            link: 'https://docs.example/dr/tabletop-2026.pdf',
            attestedBy: OFFICER,
            state: 'active',
          });
          expect(
            (await reader.listAttestations('component:default/ftp-app')).map(
              a => a.id,
            ),
          ).not.toContain(created.id);
        } finally {
          await officer.revokeAttestation(created.id);
        }
        expect(
          (await reader.listAttestations('component:default/secure-api')).find(
            a => a.id === created.id,
          )?.state,
        ).toBe('revoked');
      },

      async createAttestation() {
        const input = attestationInput();
        const denied = await rejectionOf(reader.createAttestation(input));
        expect(denied.statusCode).toBe(403);
        expect(denied.body.error.name).toBe('NotAllowedError');

        const badLink = await rejectionOf(
          officer.createAttestation({ ...input, link: 'not a url' }),
        );
        expect(badLink.statusCode).toBe(400);
        expect(badLink.body.error.message).toMatch(/^link/);

        const created = await officer.createAttestation(input);
        try {
          expect(created).toMatchObject({
            entityRef: input.entityRef,
            controlId: input.controlId,
            link: input.link,
            note: input.note,
            attestedBy: OFFICER,
            reviewBy: input.reviewBy,
            state: 'active',
            revokedAt: null,
          });
          expect(auditEvents.at(-1)).toMatchObject({
            eventId: 'attestation-create',
            outcome: 'success',
          });
          const testing = (
            await reader.getEntityCompliance(SECURE)
          ).controls.find(c => c.id === '164.308(a)(7)(ii)(D)')!;
          expect(testing.attestation).toMatchObject({
            attestedBy: OFFICER,
            state: 'active',
          });
        } finally {
          await officer.revokeAttestation(created.id);
        }
      },

      async revokeAttestation() {
        const created = await officer.createAttestation(attestationInput());
        const denied = await rejectionOf(reader.revokeAttestation(created.id));
        expect(denied.statusCode).toBe(403);

        const revoked = await officer.revokeAttestation(created.id);
        expect(revoked).toMatchObject({
          id: created.id,
          state: 'revoked',
          revokedBy: OFFICER,
        });
        expect(auditEvents.at(-1)).toMatchObject({
          eventId: 'attestation-revoke',
          outcome: 'success',
          meta: { attestationId: created.id },
        });
        const testing = (
          await reader.getEntityCompliance(SECURE)
        ).controls.find(c => c.id === '164.308(a)(7)(ii)(D)')!;
        expect(testing.attestation?.id).not.toBe(created.id);

        const missing = await rejectionOf(
          officer.revokeAttestation('no-such-id'),
        );
        expect(missing.statusCode).toBe(404);
      },
    };

    it('has a contract case for every method of the client', () => {
      const methods = Object.getOwnPropertyNames(
        ComplianceClient.prototype,
      ).filter(name => name !== 'constructor');
      expect(methods.sort()).toEqual(Object.keys(contract).sort());
    });

    it.each(Object.keys(contract) as Array<keyof ComplianceClient>)(
      '%s answers as the client expects',
      async method => {
        expect.hasAssertions();
        await contract[method]();
      },
    );

    it('sends the credentials of the fetch it is given', async () => {
      const anonymous = clientOf(backend, mockCredentials.none.header());
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['getEntityCompliance', () => anonymous.getEntityCompliance(SECURE)],
        ['getOverview', () => anonymous.getOverview()],
        ['getUnowned', () => anonymous.getUnowned()],
        ['getCoverage', () => anonymous.getCoverage()],
        [
          'getEntityHistory',
          () => anonymous.getEntityHistory('component:default/secure-api'),
        ],
        ['getEstateHistory', () => anonymous.getEstateHistory({})],
        ['downloadReport', () => anonymous.downloadReport('csv')],
        [
          'listExemptions',
          () => anonymous.listExemptions('component:default/ftp-app'),
        ],
        ['createExemption', () => anonymous.createExemption(exemptionInput())],
        ['revokeExemption', () => anonymous.revokeExemption('no-such-id')],
        [
          'listAttestations',
          () => anonymous.listAttestations('component:default/secure-api'),
        ],
        [
          'createAttestation',
          () => anonymous.createAttestation(attestationInput()),
        ],
        ['revokeAttestation', () => anonymous.revokeAttestation('no-such-id')],
      ];
      expect(calls.map(([method]) => method).sort()).toEqual(
        Object.keys(contract).sort(),
      );
      for (const [method, call] of calls) {
        const error = await rejectionOf(call());
        expect([method, error.statusCode]).toEqual([method, 401]);
      }
    });
  },
);

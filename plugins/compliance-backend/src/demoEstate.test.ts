import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  complianceJudgedTypes,
  hipaaFramework,
  type ComplianceCoverageResponse,
  type ComplianceOverviewResponse,
  type EntityComplianceResponse,
} from '@vitals/plugin-compliance-common';
// The demo runs both plugins in one backend, as the portal does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import drReadinessPlugin from '@vitals/plugin-dr-readiness-backend';
import request from 'supertest';
import { compliancePlugin } from './plugin';

/**
 * The demo estate the portal starts with (examples/): the Azure snapshot, the
 * catalog, the drills and the compliance seed, evaluated by the real
 * compliance and DR-readiness plugins in one backend, as `yarn start` runs
 * them.
 */
const examples = path.resolve(__dirname, '../../../examples');
const snapshotPath = path.join(examples, 'azure/estate.json');

function readYaml(file: string): any[] {
  const location = { type: 'file', target: file };
  return [...parseEntityYaml(fs.readFileSync(file), location)].flatMap(r =>
    r.type === 'entity' ? [r.entity] : [],
  );
}

const describeIfDemo = fs.existsSync(snapshotPath) ? describe : describe.skip;

describeIfDemo('the demo estate', () => {
  const entities = [
    ...readYaml(path.join(examples, 'components.yaml')),
    ...readYaml(path.join(examples, 'org.yaml')),
    ...readYaml(path.join(examples, 'systems.yaml')),
  ] as Entity[];
  const [{ exemptions }] = readYaml(
    path.join(examples, 'compliance/exemptions.yaml'),
  );
  const [{ attestations }] = readYaml(
    path.join(examples, 'compliance/attestations.yaml'),
  );

  it('shows compliant, non-compliant, exempt, unknown and not-applicable services, for the reasons the story tells', async () => {
    // Tasks run when the test says, in the order a started portal reaches
    // them: the DR plugin's first refresh (3 s after start) before the first
    // evaluation (10 s).
    const scheduler = mockServices.scheduler();
    const schedulerFactory = createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    });
    const { server } = await startTestBackend({
      features: [
        compliancePlugin,
        drReadinessPlugin,
        mockServices.database.factory(),
        schedulerFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            vitals: {
              azure: { source: 'snapshot', snapshotPath },
              drReadiness: {
                seedDrills: path.join(examples, 'azure/drills.yaml'),
              },
              compliance: { seed: { exemptions, attestations } },
            },
          },
        }),
      ],
    });
    const get = (p: string) =>
      request(server)
        .get(`/api/compliance${p}`)
        .set('Authorization', mockCredentials.user.header());
    await scheduler.triggerTask('dr-readiness-refresh');
    await scheduler.triggerTask('compliance-evaluate');
    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    const body = overview.body as ComplianceOverviewResponse;
    const status = Object.fromEntries(
      body.items.map(i => [i.entityRef.split('/')[1], i.status]),
    );
    expect(status).toEqual({
      'appointments-service': 'non-compliant',
      'audit-trail': 'unknown',
      'billing-service': 'not-applicable',
      'clinic-finder': 'not-applicable',
      'fhir-gateway': 'non-compliant',
      'identity-gateway': 'not-applicable',
      'imaging-archive': 'non-compliant',
      'lab-results-service': 'non-compliant',
      'patient-messaging': 'exempt',
      'patient-portal-web': 'compliant',
      // Its backup vault is soft-delete protected, immutable and private, and
      // the DR plugin vouches for its secondary, logical SQL servers included.
      'records-service': 'compliant',
    });
    const failing = Object.fromEntries(
      body.items.map(i => [i.entityRef.split('/')[1], i.failingControls]),
    );
    // Its Traffic Manager profile sends its logs nowhere.
    expect(failing['appointments-service']).toEqual([
      '164.308(a)(1)(ii)(D)',
      '164.312(a)(1)',
      '164.312(b)',
      '164.312(e)(2)(ii)',
      '164.316(b)(2)(i)',
    ]);
    // No WAF security policy filters its Front Door endpoints.
    expect(failing['fhir-gateway']).toEqual([
      '164.308(a)(1)(ii)(D)',
      '164.312(a)(1)',
      '164.312(b)',
      '164.312(c)(1)',
    ]);
    // Its Traffic Manager profile sends its logs nowhere.
    expect(failing['imaging-archive']).toEqual([
      '164.308(a)(1)(ii)(D)',
      '164.312(b)',
      '164.316(b)(2)(i)',
    ]);
    // Lab results has no secondary region, which the DR plugin reports as
    // not ready; most of its evidence is missing besides.
    expect(body.dataSources.drReadiness).toMatchObject({ available: true });
    expect(failing['lab-results-service']).toEqual(['164.308(a)(7)(ii)(B)']);
    const unknown = Object.fromEntries(
      body.items.map(i => [i.entityRef.split('/')[1], i.unknownControls]),
    );
    expect(unknown['lab-results-service']).toContain('164.312(b)');
    // Audit trail fails nothing, but the export carries no TLS or FTPS
    // settings for its Central US app.
    expect(failing['audit-trail']).toEqual([]);
    expect(unknown['audit-trail']).toEqual([
      '164.312(e)(1)',
      '164.312(e)(2)(ii)',
    ]);

    const fhir = (await get('/entities/default/component/fhir-gateway'))
      .body as EntityComplianceResponse;
    const sqlPublic = fhir.controls
      .flatMap(c => c.findings)
      .find(f => f.rule === 'sql.public-network-disabled')!;
    expect(sqlPublic).toMatchObject({ status: 'fail', actual: 'Enabled' });

    const messaging = (
      await get('/entities/default/component/patient-messaging')
    ).body as EntityComplianceResponse;
    const transmission = messaging.controls.find(
      c => c.id === '164.312(e)(1)',
    )!;
    expect(transmission.status).toBe('exempt');
    expect(transmission.exemptions[0]).toMatchObject({
      category: 'mitigated',
      state: 'active',
      requester: 'user:default/amara.okafor',
      approver: 'user:default/grace.whitfield',
    });

    const audit = (await get('/entities/default/component/audit-trail'))
      .body as EntityComplianceResponse;
    expect(audit.status).toBe('unknown');
    expect(audit.controls.find(c => c.id === '164.312(e)(1)')).toMatchObject({
      status: 'unknown',
      summary: expect.stringMatching(
        /^1 of 6 finding\(s\) lack evidence: Resource Manager did not report ftpsState/,
      ),
    });

    const lab = (await get('/entities/default/component/lab-results-service'))
      .body as EntityComplianceResponse;
    const testing = lab.controls.find(c => c.id === '164.308(a)(7)(ii)(D)')!;
    expect(testing.status).toBe('pass');
    expect(testing.attestation).toMatchObject({ state: 'active' });
  });

  it('names every resource no HIPAA rule judges, and holds those services back from passing', async () => {
    const { server } = await startTestBackend({
      features: [
        compliancePlugin,
        mockServices.database.factory(),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            vitals: {
              azure: { source: 'snapshot', snapshotPath },
              compliance: { seed: { exemptions, attestations } },
            },
          },
        }),
      ],
    });
    const get = (p: string) =>
      request(server)
        .get(`/api/compliance${p}`)
        .set('Authorization', mockCredentials.user.header());
    let overview = await get('/overview');
    for (let i = 0; i < 200 && overview.status !== 200; i++) {
      await new Promise(r => setTimeout(r, 100));
      overview = await get('/overview');
    }
    expect(overview.status).toBe(200);
    const judged = complianceJudgedTypes(hipaaFramework);
    const snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8'));
    const coverage = (await get('/coverage'))
      .body as ComplianceCoverageResponse;
    expect(coverage.types.reduce((n, t) => n + t.resources, 0)).toBe(
      snapshot.data.length,
    );
    // Blind spots first.
    const order = coverage.types.map(t => t.judgement);
    const firstJudged = order.findIndex(j => j !== 'not-judged');
    expect(order.slice(firstJudged)).not.toContain('not-judged');
    // The test VM (and its disk) carry no vitals-entity tag: they cap no
    // service, and are listed as unowned; whether a rule judges their type
    // depends only on the rule set.
    const vm = coverage.types.find(
      t => t.type === 'microsoft.compute/virtualmachines',
    )!;
    expect(vm.judged).toBe(judged.has('microsoft.compute/virtualmachines'));

    // Every service's gaps are named, and an open blocking gap never leaves
    // a PHI service compliant, exempt or not applicable.
    const items = (overview.body as ComplianceOverviewResponse).items;
    const problems: string[] = [];
    const results = new Map<string, EntityComplianceResponse>();
    for (const item of items) {
      const [kind, rest] = item.entityRef.split(':');
      const [namespace, name] = rest.split('/');
      const result = (await get(`/entities/${namespace}/${kind}/${name}`))
        .body as EntityComplianceResponse;
      results.set(name, result);
      if (!result.coverageRecorded) problems.push(`${name}: not recorded`);
      const open = result.coverage.notEvaluated.filter(
        g => g.blocking && !g.exemptionId,
      );
      for (const gap of open.filter(g => judged.has(g.type))) {
        problems.push(`${name}: ${gap.type} is judged, yet listed`);
      }
      if (!result.enforced || open.length === 0) continue;
      if (result.status !== 'unknown' && result.status !== 'non-compliant') {
        problems.push(`${name}: ${result.status} with open gaps`);
      }
      const first = `${open[0].resourceId.split('/').pop()} (${open[0].type})`;
      if (!result.statusReason.includes(first)) {
        problems.push(`${name}: the reason does not name ${first}`);
      }
    }
    expect(problems).toEqual([]);
    // The records service's backup vault holds PHI backups: the vault rules
    // judge it, and its backup items and diagnostic settings with it.
    const records = results.get('records-service')!;
    expect(judged.get('microsoft.recoveryservices/vaults')).toEqual([
      'recoveryvault.soft-delete',
      'recoveryvault.immutability',
      'recoveryvault.public-network-disabled',
    ]);
    expect(records.coverage.notEvaluated.filter(g => g.blocking)).toEqual([]);
  });
});

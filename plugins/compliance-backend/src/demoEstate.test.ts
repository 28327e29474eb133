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
import type {
  ComplianceOverviewResponse,
  EntityComplianceResponse,
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
      'records-service': 'compliant',
    });
    const failing = Object.fromEntries(
      body.items.map(i => [i.entityRef.split('/')[1], i.failingControls]),
    );
    expect(failing['appointments-service']).toEqual([
      '164.312(a)(1)',
      '164.312(e)(2)(ii)',
    ]);
    expect(failing['fhir-gateway']).toEqual([
      '164.308(a)(1)(ii)(D)',
      '164.312(a)(1)',
      '164.312(b)',
    ]);
    expect(failing['imaging-archive']).toEqual(['164.316(b)(2)(i)']);
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
        /^1 of 5 finding\(s\) lack evidence: Resource Manager did not report ftpsState/,
      ),
    });

    const lab = (await get('/entities/default/component/lab-results-service'))
      .body as EntityComplianceResponse;
    const testing = lab.controls.find(c => c.id === '164.308(a)(7)(ii)(D)')!;
    expect(testing.status).toBe('pass');
    expect(testing.attestation).toMatchObject({ state: 'active' });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthService,
  BackstageUserInfo,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModelModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import compliancePlugin from '@vitals/plugin-compliance-backend';
import drReadinessPlugin from '@vitals/plugin-dr-readiness-backend';
import sloPlugin from '@vitals/plugin-slo-backend';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { vitalsPermissionPolicyModule } from './permissionPolicy';

// Starts the catalog, the scaffolder and both Vitals plugins on SQLite, and
// waits for the demo catalog.
jest.setTimeout(180_000);

const repoRoot = path.resolve(__dirname, '../../../..');
const appConfig = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);

/** The demo guest, with the groups examples/org.yaml gives it. */
const GUEST = 'user:default/guest';
/** Signed in, but in no group: no grant of vitals.permissions reaches it. */
const OUTSIDER = 'user:default/outsider';
/** Holds every grant of vitals.permissions in app-config.yaml. */
const GRANTED = 'user:default/granted';

/** Every user and group app-config.yaml grants a permission to, by permission. */
const grants: Record<string, string[]> = appConfig.vitals.permissions;

function guestGroups(): string[] {
  const guest = parseAllDocuments(
    fs.readFileSync(path.join(repoRoot, 'examples/org.yaml'), 'utf8'),
  )
    .map(d => d.toJS())
    .find(e => e?.kind === 'User' && e.metadata.name === 'guest');
  return (guest.spec.memberOf as string[]).map(g => `group:default/${g}`);
}

const ownership: Record<string, string[]> = {
  [GUEST]: guestGroups(),
  [GRANTED]: Object.values(grants).flat(),
};

const userInfo = {
  async getUserInfo(credentials: any): Promise<BackstageUserInfo> {
    const ref = credentials.principal.userEntityRef as string;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...(ownership[ref] ?? [])],
    };
  },
};

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock auth service, except that a plugin's request on behalf of a user
 * authenticates as that user with the plugin as actor, as Backstage's own
 * auth does. The permission backend refuses resource permissions without a
 * resourceRef from users without an actor, which is how the catalog asks
 * about entity reads.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    return {
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as AuthService['isPrincipal'],
      getPluginRequestToken: options => inner.getPluginRequestToken(options),
      getLimitedUserToken: credentials =>
        inner.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
      async authenticate(token, options) {
        const credentials = await inner.authenticate(token, options);
        if (token.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
          const { obo, sub } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          if (obo) {
            return mockCredentials.user(obo, {
              actor: { subject: sub ?? 'plugin' },
            }) as any;
          }
        }
        return credentials;
      },
    };
  },
});

/** A template that waits, so a run is still going when it is cancelled. */
const WAIT_TEMPLATE = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: wait-a-while
spec:
  owner: group:default/platform-reliability
  type: service
  steps:
    - id: wait
      name: Wait
      action: debug:wait
      input:
        seconds: 20
`;

const DAY = 24 * 60 * 60 * 1000;

describe('the Vitals permission policy behind the real routes', () => {
  let server: any;
  let stop: () => Promise<void>;
  let workDir: string;
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-policy-routes-'));
    const templateFile = path.join(workDir, 'template.yaml');
    fs.writeFileSync(templateFile, WAIT_TEMPLATE);
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        vitalsPermissionPolicyModule,
        catalogPlugin,
        catalogModelModule,
        scaffolderPlugin,
        drReadinessPlugin,
        compliancePlugin,
        sloPlugin,
        mockServices.userInfo.mock(userInfo).factory,
        authWithActors,
        // Backstage's own HTTP auth, so requests authenticate through the auth service above.
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workDir },
            permission: { enabled: true },
            catalog: {
              rules: appConfig.catalog.rules,
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'examples/all.yaml'),
                },
                { type: 'file', target: templateFile },
              ],
            },
            vitals: {
              // The grants the portal ships with.
              permissions: appConfig.vitals.permissions,
              azure: {
                source: 'snapshot',
                snapshotPath: path.join(repoRoot, 'examples/azure/estate.json'),
                subscriptions: [],
              },
              drReadiness: {
                tiers: appConfig.vitals.drReadiness.tiers,
              },
              compliance: {
                frameworks: ['hipaa'],
                seed: { exemptions: [], attestations: [] },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();

    const deadline = Date.now() + 120_000;
    for (const ref of [
      'component/default/records-service',
      'template/default/wait-a-while',
    ]) {
      for (;;) {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/${ref}`)
          .set('Authorization', as(GUEST));
        if (res.status === 200) break;
        if (Date.now() > deadline) {
          throw new Error(
            `the catalog did not ingest ${ref}: ${res.status} ${JSON.stringify(
              res.body,
            )}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }
  });

  afterAll(async () => {
    await stop?.();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  const exemptionBody = () => ({
    entityRef: 'component:default/patient-messaging',
    controlId: '164.312(e)(1)',
    resourceId:
      '/subscriptions/3f6c2a9e-8b1d-4e7a-9c5f-1d2e3b4a5c6d/resourceGroups/rg-patient-messaging-westus3/providers/Microsoft.Web/sites/app-patient-messaging-westus3',
    category: 'mitigated',
    reason:
      'FTP is blocked by the access restrictions and no deployment uses it',
    ticketUrl: 'https://tickets.vitals-health.example/browse/SEC-1187',
    requester: 'user:default/amara.okafor',
    expiresAt: new Date(Date.now() + 170 * DAY).toISOString(),
  });

  const OVERRIDES =
    '/api/slo/entities/default/component/records-service/deploy-gate/overrides';
  const overrideBody = () => ({
    requester: 'user:default/amara.okafor',
    reason: 'A fix for the records export must ship during the freeze',
    expiresAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
  });

  const drillBody = () => ({
    region: 'eastus2',
    performedAt: new Date(Date.now() - 2 * DAY).toISOString(),
    outcome: 'success',
  });

  const attestationBody = () => ({
    entityRef: 'component:default/lab-results-service',
    controlId: '164.308(a)(7)(ii)(D)',
    link: 'https://docs.example/dr/tabletop.pdf',
    reviewBy: new Date(Date.now() + 300 * DAY).toISOString(),
  });

  /** What the write routes act on, created as the guest before anyone is refused. */
  async function fixtures() {
    const exemption = await request(server)
      .post('/api/compliance/exemptions')
      .set('Authorization', as(GUEST))
      .send(exemptionBody());
    expect(exemption.status).toBe(201);
    const attestation = await request(server)
      .post('/api/compliance/attestations')
      .set('Authorization', as(GUEST))
      .send(attestationBody());
    expect(attestation.status).toBe(201);
    const entity = await request(server)
      .get('/api/catalog/entities/by-name/component/default/clinic-finder')
      .set('Authorization', as(GUEST));
    // Registering a location is what catalog:register does: open to everyone.
    const location = await request(server)
      .post('/api/catalog/locations')
      .set('Authorization', as(OUTSIDER))
      .send({
        type: 'url',
        target:
          'https://github.com/vitals-health/claims-intake/blob/main/catalog-info.yaml',
      });
    expect(location.status).toBe(201);
    // Starting a template run is open to everyone too.
    const task = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as(OUTSIDER))
      .send({ templateRef: 'template:default/wait-a-while', values: {} });
    expect(task.status).toBe(201);
    // A drill to correct and then withdraw.
    const drill = await request(server)
      .post(
        '/api/dr-readiness/entities/default/component/records-service/drills',
      )
      .set('Authorization', as(GUEST))
      .send(drillBody());
    expect(drill.status).toBe(201);
    // A deploy-gate override to revoke.
    const override = await request(server)
      .post(OVERRIDES)
      .set('Authorization', as(GUEST))
      .send(overrideBody());
    expect(override.status).toBe(201);
    return {
      overrideId: override.body.id as string,
      drillId: drill.body.id as string,
      exemptionId: exemption.body.id as string,
      attestationId: attestation.body.id as string,
      entityUid: entity.body.metadata.uid as string,
      locationId: location.body.location.id as string,
      taskId: task.body.id as string,
    };
  }

  type Ids = Awaited<ReturnType<typeof fixtures>>;
  /**
   * Every write route of the portal the policy guards.
   */
  const writeRoutes: Array<{
    what: string;
    permission: string;
    method: 'post' | 'put' | 'delete';
    path: (ids: Ids) => string;
    body?: () => object;
  }> = [
    {
      what: 'record a DR drill',
      permission: 'dr-readiness.drill.create',
      method: 'post',
      path: () =>
        '/api/dr-readiness/entities/default/component/records-service/drills',
      body: drillBody,
    },
    {
      what: 'correct a DR drill',
      permission: 'dr-readiness.drill.create',
      method: 'put',
      path: ids =>
        `/api/dr-readiness/entities/default/component/records-service/drills/${ids.drillId}`,
      body: () => ({
        ...drillBody(),
        outcome: 'partial',
        reason: 'The failover took longer than first written down',
      }),
    },
    {
      what: 'withdraw a DR drill',
      permission: 'dr-readiness.drill.create',
      method: 'post',
      path: ids =>
        `/api/dr-readiness/entities/default/component/records-service/drills/${ids.drillId}/withdraw`,
      body: () => ({ reason: 'Recorded against the wrong service' }),
    },
    {
      what: 'create an exemption',
      permission: 'compliance.exemption.manage',
      method: 'post',
      path: () => '/api/compliance/exemptions',
      body: () => ({
        ...exemptionBody(),
        controlId: '164.312(a)(2)(iv)',
      }),
    },
    {
      what: 'revoke an exemption',
      permission: 'compliance.exemption.manage',
      method: 'delete',
      path: ids => `/api/compliance/exemptions/${ids.exemptionId}`,
    },
    {
      what: 'record an attestation',
      permission: 'compliance.exemption.manage',
      method: 'post',
      path: () => '/api/compliance/attestations',
      body: attestationBody,
    },
    {
      what: 'revoke an attestation',
      permission: 'compliance.exemption.manage',
      method: 'delete',
      path: ids => `/api/compliance/attestations/${ids.attestationId}`,
    },
    {
      what: 'record a deployment',
      permission: 'slo.deployment.create',
      method: 'post',
      path: () =>
        '/api/slo/entities/default/component/records-service/deployments',
      body: () => ({ version: '3.1.0', environment: 'production-eastus2' }),
    },
    {
      what: 'override a deploy gate',
      permission: 'slo.deploy-gate.override',
      method: 'post',
      path: () => OVERRIDES,
      body: overrideBody,
    },
    {
      what: 'revoke a deploy-gate override',
      permission: 'slo.deploy-gate.override',
      method: 'delete',
      path: ids => `${OVERRIDES}/${ids.overrideId}`,
    },
    {
      what: 'refresh a catalog entity',
      permission: 'catalog.entity.refresh',
      method: 'post',
      path: () => '/api/catalog/refresh',
      body: () => ({ entityRef: 'component:default/clinic-finder' }),
    },
    {
      what: 'delete a catalog entity',
      permission: 'catalog.entity.delete',
      method: 'delete',
      path: ids => `/api/catalog/entities/by-uid/${ids.entityUid}`,
    },
    {
      what: 'unregister a catalog location',
      permission: 'catalog.location.delete',
      method: 'delete',
      path: ids => `/api/catalog/locations/${ids.locationId}`,
    },
    {
      what: 'cancel a template run',
      permission: 'scaffolder.task.cancel',
      method: 'post',
      path: ids => `/api/scaffolder/v2/tasks/${ids.taskId}/cancel`,
    },
  ];

  it("refuses every write to a signed-in user outside the granted groups, allows it to a granted one, and gives the guest exactly its groups' grants", async () => {
    const ids = await fixtures();
    const send = (route: (typeof writeRoutes)[number], user: string) => {
      const req = request(server)
        [route.method](route.path(ids))
        .set('Authorization', as(user));
      return route.body ? req.send(route.body()) : req;
    };
    const guestRefs = [GUEST, ...guestGroups()];
    const outcomes: Record<string, [number, number | 'allowed', boolean]> = {};
    const expected: typeof outcomes = {};
    for (const route of writeRoutes) {
      // The guest goes first: a write it may do must not find the fixture
      // already consumed by the granted user.
      const guestMay = (grants[route.permission] ?? []).some(ref =>
        guestRefs.includes(ref),
      );
      const refused = await send(route, OUTSIDER);
      const guest = await send(route, GUEST);
      const allowed = guestMay ? undefined : await send(route, GRANTED);
      outcomes[route.what] = [
        refused.status,
        guest.status < 400 ? 'allowed' : guest.status,
        (allowed ?? guest).status < 400,
      ];
      expected[route.what] = [403, guestMay ? 'allowed' : 403, true];
    }
    // One table, so a failure shows every route at once:
    // [outsider's status, guest's status, granted user allowed].
    expect(outcomes).toEqual(expected);
    // The demo's point: the guest may record drills and manage exemptions,
    // but not delete what the catalog holds.
    expect(outcomes['record a DR drill'][1]).toBe('allowed');
    expect(outcomes['create an exemption'][1]).toBe('allowed');
    expect(outcomes['delete a catalog entity'][1]).toBe(403);
  });

  it('lets a user outside every group read and try templates in the editor', async () => {
    const template = await request(server)
      .get('/api/catalog/entities/by-name/template/default/wait-a-while')
      .set('Authorization', as(OUTSIDER));
    expect(template.status).toBe(200);
    const dryRun = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', as(OUTSIDER))
      .send({
        template: {
          ...template.body,
          spec: {
            ...template.body.spec,
            steps: [
              { id: 'log', action: 'debug:log', input: { message: 'hi' } },
            ],
          },
        },
        values: {},
        directoryContents: [],
      });
    expect(dryRun.status).toBe(200);
    // Reads are open: the compliance overview may still answer 503 while its
    // first evaluation runs, but never 401 or 403.
    for (const [path_, statuses] of [
      ['/api/catalog/entities?filter=kind=component', [200]],
      ['/api/compliance/overview', [200, 503]],
      ['/api/compliance/exemptions', [200]],
    ] as const) {
      const res = await request(server)
        .get(path_)
        .set('Authorization', as(OUTSIDER));
      expect(statuses).toContain(res.status);
    }
  });
});

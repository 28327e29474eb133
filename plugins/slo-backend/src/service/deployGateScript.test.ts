import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import { availabilitySlo, serviceComponent } from '../testing/fixtures';

/**
 * The script the generated pipelines run (templates/hipaa-service/skeleton/
 * ci/deploy-gate.mjs), run by Node against the real SLO backend, as a
 * pipeline step would.
 */
const SCRIPT = path.resolve(
  __dirname,
  '../../../../templates/hipaa-service/skeleton/ci/deploy-gate.mjs',
);

jest.setTimeout(60_000);

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      {
        env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : -1;
        resolve({
          code,
          out: stdout + stderr,
        });
      },
    );
  });
}

/** A static external-access token as the README configures it. */
const STATIC_TOKEN = 'pipeline-token-7f3a9c2e41b8d605';

/**
 * The SLO backend with a service in freeze (payments) and a healthy one
 * (api); with `realAuth`, Backstage's own auth checks a static
 * external-access token restricted to the SLO plugin, else the test
 * backend's mock credentials are accepted.
 */
async function startBackend(dir: string, realAuth: boolean) {
  fs.writeFileSync(
    path.join(dir, 'slo.yaml'),
    availabilitySlo({ name: 'availability', displayName: 'Availability' }),
  );
  const slos = { 'vitals.dev/slo-ref': './slo.yaml' };
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      ...(realAuth ? [authServiceFactory, httpAuthServiceFactory] : []),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      catalogServiceMock.factory({
        entities: [
          serviceComponent({ name: 'payments', dir, annotations: slos }),
          serviceComponent({ name: 'api', dir, annotations: slos }),
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
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: {
                    token: STATIC_TOKEN,
                    subject: 'release-pipelines',
                  },
                  accessRestrictions: [
                    { plugin: 'slo', permission: 'slo.deployment.create' },
                  ],
                },
              ],
            },
          },
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
  const token = realAuth ? STATIC_TOKEN : mockCredentials.service.token();
  for (let i = 0; i < 100; i++) {
    const res = await request(backend.server)
      .get('/api/slo/entities/default/component/payments')
      .set('Authorization', `Bearer ${token}`);
    if (res.status === 200) {
      const base = `http://127.0.0.1:${
        (backend.server.address() as AddressInfo).port
      }`;
      return { backend, base, token };
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the SLO refresh did not finish');
}

describe('the pipelines’ deploy-gate script, with a static external-access token checked by Backstage auth', () => {
  let dir: string;
  let started: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-gate-static-'));
    started = await startBackend(dir, true);
  });
  afterAll(async () => {
    await started?.backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = (name: string, token = STATIC_TOKEN) => ({
    VITALS_URL: started.base,
    VITALS_TOKEN: token,
    VITALS_ENTITY_REF: `component:default/${name}`,
  });

  it('reads the gate and records deployments with the token, which can do nothing else', async () => {
    const closed = await run(['check'], env('payments'));
    expect(closed.code).toBe(1);
    expect(closed.out).toContain('::error::Deploy gate closed');
    expect((await run(['check'], env('api'))).code).toBe(0);

    const recorded = await run(
      ['record', '--version', 'v7', '--environment', 'production-westus3'],
      env('api'),
    );
    expect(recorded.out).toMatch(/^Recorded deployment v7 /m);
    const listed = await request(started.backend.server)
      .get('/api/slo/entities/default/component/api/deployments')
      .set('Authorization', `Bearer ${STATIC_TOKEN}`);
    expect(listed.body.items[0]).toMatchObject({
      version: 'v7',
      recordedBy: 'service:release-pipelines',
    });

    // An override is a person's decision: the pipeline's token cannot make one.
    const override = await request(started.backend.server)
      .post(
        '/api/slo/entities/default/component/payments/deploy-gate/overrides',
      )
      .set('Authorization', `Bearer ${STATIC_TOKEN}`)
      .send({
        requester: 'user:default/dev',
        reason: 'The pipeline tries to open its own gate',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    expect([401, 403]).toContain(override.status);
    expect((await run(['check'], env('payments'))).code).toBe(1);

    const unknown = await run(
      ['check'],
      env('payments', 'some-other-token-123'),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('the portal refused the token (401)');
    expect(unknown.out).not.toContain('some-other-token-123');
  });
});

describe('the pipelines’ deploy-gate script', () => {
  let dir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;
  let token: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-gate-script-'));
    ({ backend, base, token } = await startBackend(dir, false));
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const envFor = (name: string, extra: Record<string, string> = {}) => ({
    VITALS_URL: `${base}/`,
    VITALS_TOKEN: token,
    VITALS_ENTITY_REF: `component:default/${name}`,
    ...extra,
  });

  it('fails a release of a service in freeze, naming the SLO and its budget', async () => {
    const { code, out } = await run(['check'], envFor('payments'));
    expect(code).toBe(1);
    expect(out).toMatch(
      /^ {2}availability \(Availability\): freeze, -\d+\.\d% of its error budget left$/m,
    );
    expect(out).toMatch(
      /^::error::Deploy gate closed: component:default\/payments is in error-budget freeze/m,
    );
    expect(out).not.toContain(token);
  });

  it('lets a healthy service through, and a frozen one while an override is active', async () => {
    const healthy = await run(['check'], envFor('api'));
    expect(healthy.code).toBe(0);
    expect(healthy.out).toContain('Deploy gate open: every SLO');

    const created = await request(backend.server)
      .post(
        '/api/slo/entities/default/component/payments/deploy-gate/overrides',
      )
      .set('Authorization', mockCredentials.user.header())
      .send({
        requester: 'user:default/dev',
        reason: 'Hotfix for the booking outage',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
    expect(created.status).toBe(201);
    const overridden = await run(['check'], envFor('payments'));
    expect(overridden.code).toBe(0);
    expect(overridden.out).toContain(
      'override by user:default/mock for user:default/dev until',
    );
    expect(overridden.out).toMatch(/^::warning::Deploy gate open by override/m);
    await request(backend.server)
      .delete(
        `/api/slo/entities/default/component/payments/deploy-gate/overrides/${created.body.id}`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect((await run(['check'], envFor('payments'))).code).toBe(1);
  });

  it('records a deployment the charts can mark', async () => {
    const { code, out } = await run(
      [
        'record',
        '--environment',
        'production-eastus2',
        '--version',
        '0f3c9a1',
        '--url',
        'https://github.com/contoso/api/actions/runs/1',
      ],
      envFor('api'),
    );
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Recorded deployment 0f3c9a1 of component:default\/api to production-eastus2 at /m,
    );
    const listed = await request(backend.server)
      .get('/api/slo/entities/default/component/api/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(listed.body.items[0]).toMatchObject({
      version: '0f3c9a1',
      environment: 'production-eastus2',
      url: 'https://github.com/contoso/api/actions/runs/1',
      recordedBy: expect.stringMatching(/^service:/),
    });
  });

  it('says what is wrong with the token, the entity or the portal, and never prints the token', async () => {
    const refused = await run(
      ['check'],
      envFor('payments', { VITALS_TOKEN: 'not-a-token' }),
    );
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('the portal refused the token (401)');
    expect(refused.out).not.toContain('not-a-token');

    const ghost = await run(['check'], envFor('ghost'));
    expect(ghost.code).toBe(2);
    expect(ghost.out).toContain(
      'the portal answered 404: No entity component:default/ghost in the catalog',
    );

    // A port nothing listens on: the portal is down.
    const down = {
      VITALS_URL: 'http://127.0.0.1:9',
      VITALS_RETRIES: '0',
    };
    const stopped = await run(['check'], envFor('payments', down));
    expect(stopped.code).toBe(2);
    expect(stopped.out).toMatch(
      /::error::Deploy gate of component:default\/payments could not be checked: the portal did not answer/,
    );
    const allowed = await run(
      ['check'],
      envFor('payments', { ...down, VITALS_GATE_ON_ERROR: 'allow' }),
    );
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain('VITALS_GATE_ON_ERROR=allow');

    const marker = await run(['record', '--version', '1'], envFor('api', down));
    expect(marker.code).toBe(0);
    expect(marker.out).toContain(
      '::warning::Deployment of component:default/api not recorded',
    );

    const unset = await run(['check'], {
      VITALS_URL: base,
      VITALS_ENTITY_REF: 'component:default/api',
    });
    expect(unset.code).toBe(2);
    expect(unset.out).toContain('VITALS_TOKEN is not set');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import request from 'supertest';
import yaml from 'yaml';
import { LocalRepositoryUrlReader } from '../localRepository/LocalRepositoryUrlReader';
import { startScaffolderBackend } from '../__testUtils__/scaffolderBackend';

jest.setTimeout(180_000);

const values = {
  name: 'claims-intake',
  description: 'Receives insurance claims from the patient portal',
  owner: 'group:default/care-experience',
  system: 'system:default/patient-portal',
  dataClassification: 'phi',
  primaryRegion: 'westus3',
  secondaryRegion: 'pair',
  drTier: 'standard',
  availabilityTarget: 99.5,
  latencyThresholdMs: 400,
  latencyTarget: 99,
  runtime: 'node',
  hosting: 'app-service',
  globalRouting: 'front-door',
  pipelineProvider: 'github-actions',
  repoUrl: 'github.com?owner=vitals-health&repo=claims-intake',
};

async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('creating a service from the template for real', () => {
  let env: Awaited<ReturnType<typeof startScaffolderBackend>>;
  const auth = mockCredentials.user.header();

  beforeAll(async () => {
    env = await startScaffolderBackend({ registerTemplate: true });
    await eventually(async () => {
      const res = await request(env.server)
        .get('/api/catalog/entities/by-name/template/default/hipaa-service')
        .set('Authorization', auth);
      return res.status === 200 ? true : undefined;
    }, 'the template in the catalog');
  });

  afterAll(() => env?.stop());

  async function runTask(taskValues: Record<string, unknown>) {
    const created = await request(env.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({
        templateRef: 'template:default/hipaa-service',
        values: taskValues,
      });
    expect(created.status).toBe(201);
    return eventually(async () => {
      const task = await request(env.server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth);
      return ['completed', 'failed'].includes(task.body.status)
        ? task.body
        : undefined;
    }, 'the task to finish');
  }

  it('publishes a git repository locally and registers it in the catalog, SLOs readable', async () => {
    const task = await runTask(values);
    expect(task.status).toBe('completed');

    const repo = path.join(env.publishRoot, 'claims-intake');
    const commits = await git.log({ fs, dir: repo });
    expect(commits[0].commit.message).toBe(
      'Create claims-intake from the hipaa-service template\n',
    );
    expect(
      fs.existsSync(path.join(repo, 'infra/environments/westus3/main.tf')),
    ).toBe(true);

    const entity = await eventually(async () => {
      const res = await request(env.server)
        .get('/api/catalog/entities/by-name/component/default/claims-intake')
        .set('Authorization', auth);
      return res.status === 200 ? res.body : undefined;
    }, 'the new component in the catalog');
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:file://${repo}/catalog-info.yaml`,
      'vitals.dev/slo-ref': './slo.yaml',
      'vitals.dev/dr-tier': 'standard',
      'vitals.dev/primary-region': 'westus3',
      'vitals.dev/secondary-region': 'eastus',
      'vitals.dev/data-classification': 'phi',
    });
    expect(entity.spec).toMatchObject({
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
    });

    // The SLO plugin resolves ./slo.yaml against the entity's location and reads it through
    // the same URL reader.
    const sloUrl = new URL(
      './slo.yaml',
      `file://${repo}/catalog-info.yaml`,
    ).toString();
    const slo = await new LocalRepositoryUrlReader(env.publishRoot).readUrl(
      sloUrl,
    );
    expect(
      yaml
        .parseAllDocuments((await slo.buffer()).toString())
        .map(d => d.toJS().metadata.name),
    ).toEqual(['availability', 'latency']);
  });

  it('refuses a repository on a host the portal does not allow before any run starts, publishing and registering nothing', async () => {
    // The template's repoUrl pattern stops it when the run is requested; the
    // actions check the configured hosts again (their own tests).
    const created = await request(env.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({
        templateRef: 'template:default/hipaa-service',
        values: {
          ...values,
          name: 'evil-intake',
          repoUrl: 'evil.example?owner=a&repo=b',
        },
      });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([
      expect.objectContaining({
        property: 'instance.repoUrl',
        message: expect.stringContaining('does not match pattern'),
      }),
    ]);
    expect(fs.existsSync(path.join(env.publishRoot, 'evil-intake'))).toBe(
      false,
    );
    const entity = await request(env.server)
      .get('/api/catalog/entities/by-name/component/default/evil-intake')
      .set('Authorization', auth);
    expect(entity.status).toBe(404);
  });

  it('refuses a second service under the name the first one now holds in the catalog', async () => {
    const task = await runTask({
      ...values,
      description: 'Something else now',
    });
    expect(task.status).toBe('failed');
    const events = await request(env.server)
      .get(`/api/scaffolder/v2/tasks/${task.id}/events`)
      .set('Authorization', auth);
    const messages = events.body.map((e: any) => e.body.message).join('\n');
    // The name is taken in the catalog now, so validation stops it before anything is written.
    expect(messages).toContain('name "claims-intake" is taken');
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleVitals } from './module';

describe('scaffolderModuleVitals', () => {
  it('adds the Vitals actions, with their schemas and examples, to the scaffolder', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleVitals,
        mockServices.rootConfig.factory({
          data: {
            vitals: {
              scaffolder: {
                terraformModules: {
                  source: 'git::https://example.invalid/m.git',
                  version: 'v1.0.0',
                },
                pipelines: { repo: 'platform/pipelines', ref: 'v1' },
              },
            },
          },
        }),
      ],
    });
    try {
      const res = await request(backend.server)
        .get('/api/scaffolder/v2/actions')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const actions = Object.fromEntries(res.body.map((a: any) => [a.id, a]));
      for (const id of [
        'vitals:hipaa:validate',
        'vitals:azure:region-pair',
        'vitals:terraform:modules',
        'vitals:publish:local',
      ]) {
        expect(actions[id]).toBeDefined();
        expect(actions[id].description).toBeTruthy();
        expect(actions[id].examples.length).toBeGreaterThan(0);
        expect(
          Object.keys(actions[id].schema.output.properties).length,
        ).toBeGreaterThan(0);
      }
      expect(
        actions['vitals:azure:region-pair'].schema.input.properties
          .primaryRegion.description,
      ).toContain('primary region');
    } finally {
      await backend.stop();
    }
  });
});

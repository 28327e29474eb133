import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import vitalsScaffolderFeatures from '../index';
import { TEMPLATE_DIR } from './templateFiles';

export const MODULE_SOURCE =
  'git::https://example.invalid/platform/terraform-modules.git';
export const MODULE_VERSION = 'v1.2.0';
export const PIPELINES_REPO = 'platform/pipelines';
export const PIPELINES_REF = 'v1';
/** The data source and workspace `vitals.scaffolder.telemetry` names for Application Insights. */
export const TELEMETRY_DATA_SOURCE = 'app-insights';
export const TELEMETRY_WORKSPACE =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-platform-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-platform-telemetry';

/** The organisation the template's pickers choose from, and one service that takes a name. */
const CATALOG_FIXTURE = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: care-experience
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: patient-portal
spec:
  owner: care-experience
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: appointments-service
spec:
  type: service
  lifecycle: production
  owner: care-experience
  system: patient-portal
`;

/**
 * The real scaffolder and catalog backends with the Vitals module, as the
 * portal runs them: the template's dry-run goes through the scaffolder's
 * own API, and the validation action asks the real catalog.
 */
export async function startScaffolderBackend(
  options: {
    /** Registers templates/hipaa-service in the catalog, for real (not dry) runs. */
    registerTemplate?: boolean;
  } = {},
) {
  const workDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'vitals-scaffolder-test-'),
  );
  const catalogFile = path.join(workDir, 'org.yaml');
  fs.writeFileSync(catalogFile, CATALOG_FIXTURE);
  const publishRoot = path.join(workDir, 'repos');

  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      // The package as the portal adds it: the actions and the local repository URL reader.
      vitalsScaffolderFeatures,
      mockServices.rootConfig.factory({
        data: {
          backend: { workingDirectory: workDir },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'User',
                  'Location',
                  'Template',
                ],
              },
            ],
            locations: [
              { type: 'file', target: catalogFile },
              ...(options.registerTemplate
                ? [
                    {
                      type: 'file',
                      target: path.join(TEMPLATE_DIR, 'template.yaml'),
                    },
                  ]
                : []),
            ],
          },
          vitals: {
            drReadiness: {
              tiers: {
                critical: { rto: 'PT15M', rpo: 'PT5M' },
                high: { rto: 'PT1H', rpo: 'PT15M' },
                standard: { rto: 'PT4H', rpo: 'PT1H' },
              },
            },
            scaffolder: {
              terraformModules: {
                source: MODULE_SOURCE,
                version: MODULE_VERSION,
              },
              pipelines: {
                provider: 'github-actions',
                repo: PIPELINES_REPO,
                ref: PIPELINES_REF,
              },
              telemetry: {
                applicationInsights: {
                  dataSource: TELEMETRY_DATA_SOURCE,
                  workspaceResourceId: TELEMETRY_WORKSPACE,
                },
              },
              localPublish: { root: publishRoot },
            },
          },
        },
      }),
    ],
  });

  const server = backend.server;
  // The catalog processes its file location in the background.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(server)
      .get(
        '/api/catalog/entities/by-name/component/default/appointments-service',
      )
      .set('Authorization', mockCredentials.user.header());
    if (res.status === 200) break;
    if (Date.now() > deadline) {
      throw new Error(`the catalog did not ingest the fixture: ${res.status}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }

  return {
    backend,
    server,
    workDir,
    publishRoot,
    async stop() {
      await backend.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

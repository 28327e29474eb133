import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import yaml from 'yaml';
import {
  findWorkspaceRoot,
  readAllowedHosts,
  readTelemetryConfig,
  readLocalPublishConfig,
  readVitalsScaffolderConfig,
} from './config';

describe('config', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-config-'));
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ workspaces: ['packages/*'] }),
    );
    fs.mkdirSync(path.join(dir, 'packages/backend'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'packages/backend/package.json'),
      '{"name":"backend"}',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the workspace root above the backend folder', () => {
    expect(findWorkspaceRoot(path.join(dir, 'packages/backend'))).toBe(dir);
  });

  it('puts local repositories in .vitals/repos of the workspace by default', () => {
    expect(
      readLocalPublishConfig(new ConfigReader({}), {
        cwd: path.join(dir, 'packages/backend'),
      }),
    ).toEqual({
      enabled: true,
      root: path.join(dir, '.vitals/repos'),
      displayRoot: '.vitals/repos',
    });
  });

  it('resolves a relative root against the workspace and keeps absolute ones', () => {
    const read = (root: string) =>
      readLocalPublishConfig(
        new ConfigReader({
          vitals: { scaffolder: { localPublish: { root, enabled: false } } },
        }),
        {
          cwd: path.join(dir, 'packages/backend'),
        },
      );
    expect(read('tmp/repos')).toEqual({
      enabled: false,
      root: path.join(dir, 'tmp/repos'),
      displayRoot: 'tmp/repos',
    });
    expect(read('/srv/repos')).toMatchObject({
      root: '/srv/repos',
      // Outputs never carry a machine path: a root outside the checkout is named by its key.
      displayRoot: '<vitals.scaffolder.localPublish.root>',
    });
  });

  it('reads every key, refusing an unknown pipeline provider', () => {
    const settings = readVitalsScaffolderConfig(
      new ConfigReader({
        vitals: {
          drReadiness: { tiers: { high: { rto: 'PT30M' } } },
          scaffolder: {
            terraformModules: { source: 's', version: 'v1.0.0' },
            pipelines: {
              repo: 'platform/pipelines',
              ref: 'v1',
              azureDevOpsEndpoint: 'github-platform',
            },
            terraformState: { storageAccountName: 'sttfstate' },
          },
        },
      }),
      { cwd: dir },
    );
    expect(settings).toMatchObject({
      terraformModules: { source: 's', version: 'v1.0.0' },
      pipelines: {
        provider: 'github-actions',
        repo: 'platform/pipelines',
        ref: 'v1',
        azureDevOpsEndpoint: 'github-platform',
      },
      terraformState: { storageAccountName: 'sttfstate' },
      drTiers: { high: { rto: 'PT30M' } },
    });
    expect(() =>
      readVitalsScaffolderConfig(
        new ConfigReader({
          vitals: {
            scaffolder: {
              pipelines: { provider: 'jenkins', repo: 'r', ref: 'v1' },
            },
          },
        }),
      ),
    ).toThrow(/must be one of github-actions, azure-pipelines, got "jenkins"/);
  });

  describe('telemetry of new services', () => {
    const workspace =
      '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-platform';

    it('defaults each SLI source to the data source of its name, with no workspace', () => {
      expect(readTelemetryConfig(new ConfigReader({}))).toEqual({
        dataSources: {
          'application-insights': 'application-insights',
          prometheus: 'prometheus',
        },
        workspaceResourceId: undefined,
      });
    });

    it('reads the data source names and the workspace', () => {
      expect(
        readTelemetryConfig(
          new ConfigReader({
            vitals: {
              scaffolder: {
                telemetry: {
                  applicationInsights: {
                    dataSource: 'logs',
                    workspaceResourceId: workspace,
                  },
                  prometheus: { dataSource: 'thanos' },
                },
              },
            },
          }),
        ),
      ).toEqual({
        dataSources: { 'application-insights': 'logs', prometheus: 'thanos' },
        workspaceResourceId: workspace,
      });
    });

    it.each([
      [
        {
          applicationInsights: {
            workspaceResourceId: '/subscriptions/x/workspaces/y',
          },
        },
        'vitals.scaffolder.telemetry.applicationInsights.workspaceResourceId must be a Log Analytics workspace resource id',
      ],
      [
        {
          applicationInsights: {
            workspaceResourceId: workspace.replace(
              'Microsoft.OperationalInsights/workspaces',
              'Microsoft.Insights/components',
            ),
          },
        },
        'must be a Log Analytics workspace resource id',
      ],
      [
        { prometheus: { dataSource: 'my source' } },
        'vitals.scaffolder.telemetry.prometheus.dataSource must name a vitals.slo.dataSources entry',
      ],
    ])('refuses %j, naming the key', (telemetry, message) => {
      expect(() =>
        readTelemetryConfig(
          new ConfigReader({ vitals: { scaffolder: { telemetry } } }),
        ),
      ).toThrow(message);
    });
  });

  describe('allowed repository hosts', () => {
    it('reads vitals.scaffolder.allowedHosts, lower-cased', () => {
      expect(
        readAllowedHosts(
          new ConfigReader({
            vitals: {
              scaffolder: {
                allowedHosts: ['GitHub.com', 'ghe.vitals.example'],
              },
            },
            integrations: { github: [{ host: 'other.example' }] },
          }),
        ),
      ).toEqual(['github.com', 'ghe.vitals.example']);
    });

    it('defaults to the hosts of the GitHub and Azure DevOps integrations', () => {
      expect(
        readAllowedHosts(
          new ConfigReader({
            integrations: {
              github: [{ host: 'github.com' }, { host: 'ghe.vitals.example' }],
              azure: [{ host: 'dev.azure.com' }],
              gitlab: [{ host: 'gitlab.com' }],
            },
          }),
        ),
      ).toEqual(['github.com', 'ghe.vitals.example', 'dev.azure.com']);
    });

    it('falls back to github.com and dev.azure.com', () => {
      expect(readAllowedHosts(new ConfigReader({}))).toEqual([
        'github.com',
        'dev.azure.com',
      ]);
    });

    it('refuses a value that is not a host, naming the key', () => {
      expect(() =>
        readAllowedHosts(
          new ConfigReader({
            vitals: { scaffolder: { allowedHosts: ['https://github.com/'] } },
          }),
        ),
      ).toThrow(/vitals\.scaffolder\.allowedHosts\[0\] must be a host name/);
    });

    it('matches the hosts the template offers and app-config.yaml allows', () => {
      const root = path.resolve(__dirname, '../../..');
      const appConfig = yaml.parse(
        fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
      );
      const template = yaml.parse(
        fs.readFileSync(
          path.join(root, 'templates/hipaa-service/template.yaml'),
          'utf8',
        ),
      );
      const picker = template.spec.parameters
        .flatMap((page: any) => Object.values(page.properties ?? {}))
        .find((p: any) => p['ui:field'] === 'RepoUrlPicker');
      expect(readAllowedHosts(new ConfigReader(appConfig)).sort()).toEqual(
        [...picker['ui:options'].allowedHosts].sort(),
      );
      // The parameter's pattern admits exactly the allowed hosts.
      const pattern = new RegExp(picker.pattern);
      for (const host of readAllowedHosts(new ConfigReader(appConfig))) {
        expect(pattern.test(`${host}?owner=o&repo=r`)).toBe(true);
      }
      for (const host of ['evil.example', 'github.com.evil.example']) {
        expect(pattern.test(`${host}?owner=o&repo=r`)).toBe(false);
      }
    });
  });
});

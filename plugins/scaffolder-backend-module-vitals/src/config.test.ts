import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  findWorkspaceRoot,
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
    });
    expect(read('/srv/repos').root).toBe('/srv/repos');
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
});

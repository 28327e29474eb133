import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import { PLAIN_FILES_NOTE } from '../localRepository/localRepository';
import { exampleSteps } from '../__testUtils__/actionExamples';
import {
  createPublishLocalAction,
  PUBLISH_LOCAL_ACTION_ID,
} from './publishLocal';
import { examples } from './publishLocal.examples';

describe('vitals:publish:local', () => {
  let dir: string;
  let root: string;
  let workspace: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitals-publish-local-'));
    root = path.join(dir, 'repos');
    workspace = path.join(dir, 'workspace');
    fs.mkdirSync(path.join(workspace, 'infra'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.writeFileSync(
      path.join(workspace, 'infra', 'main.tf'),
      'module "network" {}\n',
    );
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  let logged: string[];

  async function run(
    input: Record<string, unknown>,
    options: {
      isDryRun?: boolean;
      git?: null;
      enabled?: boolean;
      checkpoint?: any;
      displayRoot?: string;
      allowedHosts?: string[];
    } = {},
  ) {
    const action = createPublishLocalAction({
      localPublish: {
        enabled: options.enabled ?? true,
        root,
        displayRoot: options.displayRoot,
      },
      ...(options.git === null ? { git: null } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    });
    const base = createMockActionContext({
      input: input as any,
      workspacePath: workspace,
    });
    logged = [];
    const record = (message: unknown) => {
      logged.push(String(message));
    };
    const ctx = {
      ...base,
      logger: { ...base.logger, info: record, warn: record, error: record },
      isDryRun: options.isDryRun,
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  const log = (repo: string) => git.log({ fs, dir: repo });

  it('writes the workspace as a git repository and outputs file:// URLs for catalog:register', async () => {
    const outputs = await run({ name: 'claims-intake' });
    const repo = path.join(root, 'claims-intake');
    expect(outputs).toMatchObject({
      localRepository: '<vitals.scaffolder.localPublish.root>/claims-intake',
      remoteUrl: `file://${repo}`,
      repoContentsUrl: `file://${repo}/`,
      catalogInfoUrl: `file://${repo}/catalog-info.yaml`,
      state: 'created',
    });
    expect(fileURLToPath(outputs.catalogInfoUrl)).toBe(
      path.join(repo, 'catalog-info.yaml'),
    );
    expect(fs.readFileSync(path.join(repo, 'infra/main.tf'), 'utf8')).toBe(
      'module "network" {}\n',
    );
    const commits = await log(repo);
    expect(commits).toHaveLength(1);
    expect(commits[0].oid).toBe(outputs.commitHash);
    expect(commits[0].commit.message).toBe(
      'Initial commit from the hipaa-service template\n',
    );
    expect(await git.currentBranch({ fs, dir: repo })).toBe('main');
    expect(await git.listFiles({ fs, dir: repo })).toEqual([
      'catalog-info.yaml',
      'infra/main.tf',
    ]);
    // Nothing half-written is left next to it.
    expect(fs.readdirSync(root)).toEqual(['claims-intake']);
  });

  it('is idempotent: the same files again change nothing', async () => {
    const first = await run({ name: 'claims-intake' });
    const second = await run({ name: 'claims-intake' });
    expect(second).toEqual({ ...first, state: 'unchanged' });
    expect(await log(path.join(root, 'claims-intake'))).toHaveLength(1);
  });

  it('refuses to replace a repository with other content unless asked', async () => {
    await run({ name: 'claims-intake' });
    fs.writeFileSync(
      path.join(workspace, 'infra', 'main.tf'),
      'module "network" { name = "x" }\n',
    );
    const error = await run({ name: 'claims-intake' }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('A repository already exists at');
    expect(error.message).toContain('overwrite: true');
  });

  it('with overwrite, commits the new files on top of the history, deletions included', async () => {
    await run({ name: 'claims-intake' });
    fs.rmSync(path.join(workspace, 'infra'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'slo.yaml'),
      'apiVersion: openslo/v1\n',
    );
    const outputs = await run({
      name: 'claims-intake',
      overwrite: true,
      commitMessage: 'Regenerate',
    });
    const repo = path.join(root, 'claims-intake');
    expect(outputs.state).toBe('replaced');
    const commits = await log(repo);
    expect(commits.map(c => c.commit.message.trim())).toEqual([
      'Regenerate',
      'Initial commit from the hipaa-service template',
    ]);
    expect(await git.listFiles({ fs, dir: repo })).toEqual([
      'catalog-info.yaml',
      'slo.yaml',
    ]);
    expect(fs.existsSync(path.join(repo, 'infra'))).toBe(false);
  });

  it('publishes a subfolder and a custom catalog descriptor path', async () => {
    const outputs = await run({
      name: 'infra-only',
      sourcePath: 'infra',
      catalogInfoPath: '/main.tf',
    });
    expect(
      fs.readdirSync(path.join(root, 'infra-only')).filter(f => f !== '.git'),
    ).toEqual(['main.tf']);
    expect(outputs.catalogInfoUrl).toBe(`file://${root}/infra-only/main.tf`);
  });

  it('writes nothing in a dry run, but outputs the same URLs', async () => {
    const outputs = await run({ name: 'claims-intake' }, { isDryRun: true });
    expect(outputs).toMatchObject({
      catalogInfoUrl: `file://${root}/claims-intake/catalog-info.yaml`,
      commitHash: '',
      state: 'dry-run',
    });
    expect(fs.existsSync(root)).toBe(false);
  });

  it('runs the write inside a checkpoint, so a retried task does not publish twice', async () => {
    const checkpoint = jest.fn(async () => ({
      commitHash: 'abc1234',
      state: 'created',
      versioning: 'git',
    }));
    const outputs = await run({ name: 'claims-intake' }, { checkpoint });
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'publish.local.claims-intake' }),
    );
    expect(outputs).toMatchObject({ commitHash: 'abc1234', state: 'created' });
    expect(fs.existsSync(root)).toBe(false);
  });

  it('writes plain files and instructions when git is not available', async () => {
    const outputs = await run(
      {
        name: 'claims-intake',
        intendedRemoteUrl: 'https://github.com/vitals-health/claims-intake.git',
      },
      { git: null },
    );
    const repo = path.join(root, 'claims-intake');
    expect(outputs).toMatchObject({ state: 'created', commitHash: '' });
    expect(fs.existsSync(path.join(repo, '.git'))).toBe(false);
    const note = fs.readFileSync(path.join(repo, PLAIN_FILES_NOTE), 'utf8');
    expect(note).toContain('git init -b main');
    expect(note).toContain(
      'git remote add origin https://github.com/vitals-health/claims-intake.git',
    );
    // The note is not content: publishing the same files again is still a no-op.
    expect((await run({ name: 'claims-intake' }, { git: null })).state).toBe(
      'unchanged',
    );
  });

  it('names the repository relative to the checkout in outputs and the log, never by machine path', async () => {
    for (const isDryRun of [true, false]) {
      const outputs = await run(
        { name: 'claims-intake' },
        { isDryRun, displayRoot: '.vitals/repos' },
      );
      expect(outputs.localRepository).toBe('.vitals/repos/claims-intake');
      // catalog:register needs the file:// URLs; nothing else carries the path.
      const { remoteUrl, repoContentsUrl, catalogInfoUrl, ...rest } = outputs;
      expect(JSON.stringify(rest)).not.toContain(dir);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toContain(dir);
      expect(logged.join('\n')).toContain('.vitals/repos/claims-intake');
    }
  });

  it('names the repository, not its folder, when it refuses to replace other content', async () => {
    await run({ name: 'claims-intake' });
    fs.writeFileSync(path.join(workspace, 'extra.txt'), 'more\n');
    const error = await run(
      { name: 'claims-intake' },
      { displayRoot: '.vitals/repos' },
    ).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('.vitals/repos/claims-intake');
    expect(error.message).not.toContain(dir);
  });

  describe.each([false, true])('with isDryRun %p', isDryRun => {
    it.each([
      ['repoUrl', { repoUrl: 'evil.example?owner=a&repo=b' }, 'evil.example'],
      [
        'intendedRemoteUrl',
        { intendedRemoteUrl: 'https://evil.example/a/b.git' },
        'evil.example',
      ],
      [
        'intendedRemoteUrl',
        { intendedRemoteUrl: 'git@evil.example:a/b.git' },
        'evil.example',
      ],
    ])(
      'refuses a %s on a host that is not allowed, naming the allowed hosts',
      async (field, input, host) => {
        const error = await run(
          { name: 'claims-intake', ...input },
          { isDryRun },
        ).catch(e => e);
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toBe(
          `${field} host "${host}" is not allowed on this portal; allowed hosts: github.com, dev.azure.com (vitals.scaffolder.allowedHosts)`,
        );
        expect(fs.existsSync(root)).toBe(false);
      },
    );

    it('takes the configured hosts', async () => {
      const input = {
        name: 'claims-intake',
        repoUrl: 'git.vitals.example?owner=a&repo=claims-intake',
        intendedRemoteUrl: 'https://git.vitals.example/a/claims-intake.git',
      };
      await expect(
        run(input, { isDryRun, allowedHosts: ['git.vitals.example'] }),
      ).resolves.toMatchObject({
        state: isDryRun ? 'dry-run' : 'created',
      });
      await expect(run(input, { isDryRun })).rejects.toThrow(
        /repoUrl host "git\.vitals\.example" is not allowed/,
      );
    });
  });

  it('refuses a repoUrl that is no repository location', async () => {
    await expect(
      run({ name: 'claims-intake', repoUrl: 'https://github.com/a/b' }),
    ).rejects.toThrow(
      /repoUrl "https:\/\/github.com\/a\/b" is not a repository location/,
    );
  });

  it('refuses when local publishing is turned off', async () => {
    await expect(
      run({ name: 'claims-intake' }, { enabled: false }),
    ).rejects.toThrow(/Local publishing is turned off on this portal/);
  });

  it.each(['../escape', '.hidden', 'a/b', ''])(
    'refuses the folder name %p',
    async name => {
      await expect(run({ name })).rejects.toBeInstanceOf(InputError);
    },
  );

  it('refuses a catalog descriptor outside the repository', async () => {
    await expect(
      run({ name: 'x', catalogInfoPath: '../catalog-info.yaml' }),
    ).rejects.toThrow(/must be a path inside the repository/);
  });

  it.each(
    exampleSteps(examples, PUBLISH_LOCAL_ACTION_ID).map(s => [
      s.description,
      s.step.input!,
    ]),
  )('example: %s', async (_description, input) => {
    const outputs = await run(input);
    expect(outputs.remoteUrl).toBe(`file://${root}/${input.name}`);
  });
});

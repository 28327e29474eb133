import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleSteps } from '../__testUtils__/actionExamples';
import {
  createTerraformModulesAction,
  TERRAFORM_MODULES_ACTION_ID,
} from './terraformModules';
import { SHARED_TERRAFORM_MODULES } from '../domain/terraformModules';
import { examples } from './terraformModules.examples';

const config = {
  terraformModules: {
    source: 'git::https://example.invalid/platform/terraform-modules.git',
    version: 'v1.0.0',
  },
  pipelines: {
    provider: 'github-actions' as const,
    repo: 'platform/pipelines',
    ref: 'v1',
  },
  terraformState: { storageAccountName: 'stplatformtfstate' },
};

async function run(
  input: Record<string, unknown>,
  options = config,
  isDryRun = false,
) {
  const ctx = { ...createMockActionContext({ input: input as any }), isDryRun };
  await createTerraformModulesAction(options).handler(ctx as any);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

describe('vitals:terraform:modules', () => {
  it.each(
    exampleSteps(examples, TERRAFORM_MODULES_ACTION_ID).map(s => [
      s.description,
      s.step.input ?? {},
    ]),
  )('example: %s', async (_description, input) => {
    const outputs = await run(input);
    for (const module of outputs.modules) {
      expect(outputs.sources[module]).toBe(
        `${config.terraformModules.source}//modules/${module}?ref=v1.0.0`,
      );
    }
  });

  it('outputs the pinned sources, the versions the release needs, state and pipelines', async () => {
    const outputs = await run({});
    expect(outputs).toMatchObject({
      repository: config.terraformModules.source,
      version: 'v1.0.0',
      terraformVersion: '>= 1.6',
      azurermVersion: '~> 4.42',
      state: {
        resourceGroupName: '',
        storageAccountName: 'stplatformtfstate',
        containerName: '',
      },
      pipelines: {
        provider: 'github-actions',
        repo: 'platform/pipelines',
        ref: 'v1',
        azureRef: 'refs/tags/v1',
        azureEndpoint: '',
      },
    });
    expect(outputs.sources.app_service).toBe(
      'git::https://example.invalid/platform/terraform-modules.git//modules/app-service?ref=v1.0.0',
    );
    expect(outputs.modules).toHaveLength(SHARED_TERRAFORM_MODULES.length);
  });

  it('keeps a full Azure Pipelines ref as it is', async () => {
    const outputs = await run(
      {},
      {
        ...config,
        pipelines: { ...config.pipelines, ref: 'refs/heads/release' },
      },
    );
    expect(outputs.pipelines.azureRef).toBe('refs/heads/release');
  });

  it('is the same in a dry run', async () => {
    expect(await run({}, config, true)).toEqual(await run({}));
  });

  it.each([
    [
      { ...config, terraformModules: undefined },
      /vitals.scaffolder.terraformModules is not configured/,
    ],
    [
      { ...config, pipelines: undefined },
      /vitals.scaffolder.pipelines is not configured/,
    ],
    [
      {
        ...config,
        terraformModules: { ...config.terraformModules, version: 'main' },
      },
      /not a release tag/,
    ],
  ])('refuses unusable config (%#)', async (options, message) => {
    const error = await run({}, options as any).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
  });

  it('refuses modules outside the set', async () => {
    await expect(run({ modules: ['network', 'cosmosdb'] })).rejects.toThrow(
      /cosmosdb is not a module of the shared set/,
    );
  });
});

import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PipelinesConfig,
  TerraformModulesConfig,
  TerraformStateConfig,
} from '../config';
import {
  MODULE_SET_REQUIREMENTS,
  ModuleSourceError,
  resolveModuleSources,
} from '../domain/terraformModules';
import { examples } from './terraformModules.examples';

export const TERRAFORM_MODULES_ACTION_ID = 'vitals:terraform:modules';

export interface TerraformModulesActionOptions {
  /** `vitals.scaffolder.terraformModules`. */
  terraformModules?: TerraformModulesConfig;
  /** `vitals.scaffolder.pipelines`. */
  pipelines?: PipelinesConfig;
  /** `vitals.scaffolder.terraformState`. */
  terraformState?: TerraformStateConfig;
}

/**
 * The Azure Pipelines `resources.repositories` entry for the shared
 * templates: a tag is `refs/tags/<ref>` there, GitHub's `@v1` has no such
 * prefix.
 */
function azurePipelinesRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/tags/${ref}`;
}

/**
 * `vitals:terraform:modules`: the platform building blocks a new service
 * is pinned to, from config: each shared Terraform module's source at the
 * configured release tag, the Terraform and azurerm versions that release
 * requires, where state is kept, and the shared pipeline templates.
 */
export function createTerraformModulesAction(
  options: TerraformModulesActionOptions,
) {
  return createTemplateAction({
    id: TERRAFORM_MODULES_ACTION_ID,
    description:
      'Resolves the sources of the shared Terraform modules pinned to the configured release (vitals.scaffolder.terraformModules), with the shared pipeline templates (vitals.scaffolder.pipelines), for use in templates.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        modules: z =>
          z
            .array(z.string(), {
              description:
                'Modules to resolve (default: the whole set), e.g. [network, key-vault].',
            })
            .optional(),
      },
      output: {
        repository: z =>
          z.string({
            description: 'Repository of the module set, as configured.',
          }),
        version: z =>
          z.string({ description: 'Release tag every module is pinned to.' }),
        sources: z =>
          z.record(z.string(), {
            description:
              'Pinned source per module, keyed by module name (key-vault) and by HCL key (key_vault): <repository>//modules/<name>?ref=<version>.',
          }),
        modules: z =>
          z.array(z.string(), { description: 'The resolved module names.' }),
        terraformVersion: z =>
          z.string({
            description: 'required_version the release needs, e.g. >= 1.6.',
          }),
        azurermVersion: z =>
          z.string({
            description:
              'azurerm provider constraint the release needs, e.g. ~> 4.42.',
          }),
        state: z =>
          z.object(
            {
              resourceGroupName: z.string(),
              storageAccountName: z.string(),
              containerName: z.string(),
            },
            {
              description:
                'Terraform state location from vitals.scaffolder.terraformState; empty fields are passed by the pipeline.',
            },
          ),
        pipelines: z =>
          z.object(
            {
              provider: z.string(),
              repo: z.string(),
              ref: z.string(),
              azureRef: z.string(),
              azureEndpoint: z.string(),
            },
            {
              description:
                'Shared pipeline templates: repository, ref (GitHub) and azureRef (Azure Pipelines), the default provider, and the Azure DevOps service connection to GitHub if any.',
            },
          ),
      },
    },
    async handler(ctx) {
      if (!options.terraformModules) {
        throw new InputError(
          'vitals.scaffolder.terraformModules is not configured: set source and version of the shared Terraform modules in app-config.yaml',
        );
      }
      if (!options.pipelines) {
        throw new InputError(
          'vitals.scaffolder.pipelines is not configured: set repo and ref of the shared pipeline templates in app-config.yaml',
        );
      }
      let resolved;
      try {
        resolved = resolveModuleSources({
          repository: options.terraformModules.source,
          version: options.terraformModules.version,
          modules: ctx.input.modules,
        });
      } catch (e) {
        if (e instanceof ModuleSourceError) {
          throw new InputError(e.message);
        }
        throw e;
      }
      ctx.logger.info(
        `Shared modules ${resolved.modules.join(', ')} pinned to ${
          resolved.version
        } of ${resolved.repository}`,
      );
      ctx.output('repository', resolved.repository);
      ctx.output('version', resolved.version);
      ctx.output('sources', resolved.sources);
      ctx.output('modules', resolved.modules);
      ctx.output('terraformVersion', MODULE_SET_REQUIREMENTS.terraform);
      ctx.output('azurermVersion', MODULE_SET_REQUIREMENTS.azurerm);
      ctx.output('state', {
        resourceGroupName: options.terraformState?.resourceGroupName ?? '',
        storageAccountName: options.terraformState?.storageAccountName ?? '',
        containerName: options.terraformState?.containerName ?? '',
      });
      ctx.output('pipelines', {
        provider: options.pipelines.provider,
        repo: options.pipelines.repo,
        ref: options.pipelines.ref,
        azureRef: azurePipelinesRef(options.pipelines.ref),
        azureEndpoint: options.pipelines.azureDevOpsEndpoint ?? '',
      });
    },
  });
}

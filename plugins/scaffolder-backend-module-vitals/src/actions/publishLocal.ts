import { pathToFileURL } from 'node:url';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import { DEFAULT_ALLOWED_HOSTS, LocalPublishConfig } from '../config';
import { hostOfRemote, repositoryHostProblem } from '../domain/repositoryHost';
import { parseRepositoryLocation } from '../domain/serviceRequest';
import {
  GitImplementation,
  locateLocalRepository,
  publishLocalRepository,
} from '../localRepository/localRepository';
import { examples } from './publishLocal.examples';

export const PUBLISH_LOCAL_ACTION_ID = 'vitals:publish:local';

export interface PublishLocalActionOptions {
  localPublish: LocalPublishConfig;
  /** Tests choose the git implementation; null forces plain files. Default: isomorphic-git if installed. */
  git?: GitImplementation | null;
  /**
   * Hosts `repoUrl` and `intendedRemoteUrl` may name
   * (`vitals.scaffolder.allowedHosts`). Default github.com and dev.azure.com.
   */
  allowedHosts?: readonly string[];
}

/**
 * Refuses a repository location on a host the portal does not allow: the
 * form's RepoUrlPicker restricts hosts only in the browser, and the remote
 * is written into the published repository's instructions.
 */
function checkHosts(
  input: { repoUrl?: string; intendedRemoteUrl?: string },
  allowedHosts: readonly string[],
) {
  const problems: string[] = [];
  if (input.repoUrl !== undefined) {
    const location = parseRepositoryLocation(input.repoUrl.trim());
    if (!location) {
      problems.push(
        `repoUrl "${input.repoUrl}" is not a repository location; expected host?owner=<owner>&repo=<repository>`,
      );
    } else {
      const problem = repositoryHostProblem(
        'repoUrl',
        location.host,
        allowedHosts,
      );
      if (problem) problems.push(problem);
    }
  }
  if (input.intendedRemoteUrl) {
    const host = hostOfRemote(input.intendedRemoteUrl.trim());
    if (!host) {
      problems.push(
        `intendedRemoteUrl "${input.intendedRemoteUrl}" is not a git remote URL, e.g. https://github.com/vitals-health/claims-intake.git`,
      );
    } else {
      const problem = repositoryHostProblem(
        'intendedRemoteUrl',
        host,
        allowedHosts,
      );
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) {
    throw new InputError(problems.join('\n'));
  }
}

function catalogInfoPathOf(value: string | undefined): string {
  const trimmed = (value ?? 'catalog-info.yaml').replace(/^\/+/, '');
  if (!trimmed || trimmed.split('/').includes('..')) {
    throw new InputError(
      `catalogInfoPath "${value}" must be a path inside the repository, e.g. catalog-info.yaml`,
    );
  }
  return trimmed;
}

/**
 * `vitals:publish:local`: the embedded default's publisher. Writes the
 * workspace to `<vitals.scaffolder.localPublish.root>/<name>` as a git
 * repository and outputs `file://` URLs that `catalog:register` accepts
 * (the catalog reads them through the local repository URL reader).
 */
export function createPublishLocalAction(options: PublishLocalActionOptions) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Writes the workspace to a local folder as a git repository (the embedded default instead of publish:github) and outputs file:// URLs for catalog:register. Idempotent; refuses to replace other content unless overwrite is set.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string({
            description:
              'Folder name of the repository under the local publish root, usually the service name.',
          }),
        sourcePath: z =>
          z
            .string({
              description:
                'Subfolder of the workspace to publish (default: the whole workspace).',
            })
            .optional(),
        overwrite: z =>
          z
            .boolean({
              description:
                'Replace a repository with other content, committing on top of its history (default false).',
            })
            .optional(),
        defaultBranch: z =>
          z
            .string({
              description: 'Branch of the first commit (default main).',
            })
            .optional(),
        commitMessage: z =>
          z.string({ description: 'Message of the commit.' }).optional(),
        gitAuthorName: z =>
          z
            .string({
              description:
                'Commit author (default: the user running the template).',
            })
            .optional(),
        gitAuthorEmail: z =>
          z.string({ description: 'Commit author e-mail.' }).optional(),
        catalogInfoPath: z =>
          z
            .string({
              description:
                'Path of the catalog descriptor inside the repository (default catalog-info.yaml).',
            })
            .optional(),
        intendedRemoteUrl: z =>
          z
            .string({
              description:
                'Where the repository should eventually be pushed; written into the instructions when git is unavailable. Its host must be one of vitals.scaffolder.allowedHosts.',
            })
            .optional(),
        repoUrl: z =>
          z
            .string({
              description:
                'The RepoUrlPicker value of the form (host?owner=<owner>&repo=<repository>); refused unless its host is one of vitals.scaffolder.allowedHosts, in dry runs too.',
            })
            .optional(),
      },
      output: {
        remoteUrl: z =>
          z.string({ description: 'file:// URL of the repository folder.' }),
        repoContentsUrl: z =>
          z.string({
            description:
              'file:// URL of the repository root, with a trailing slash.',
          }),
        catalogInfoUrl: z =>
          z.string({
            description:
              'file:// URL of the catalog descriptor, for catalog:register.',
          }),
        localRepository: z =>
          z.string({
            description:
              'Where the repository lies without a machine path: relative to the Vitals checkout (e.g. .vitals/repos/claims-intake), or <vitals.scaffolder.localPublish.root>/claims-intake when the root is outside it.',
          }),
        commitHash: z =>
          z.string({
            description:
              'Commit of the published files; empty without git or in a dry run.',
          }),
        state: z =>
          z.string({
            description:
              'created, unchanged (the same files were there), replaced, or dry-run.',
          }),
      },
    },
    async handler(ctx) {
      const { localPublish } = options;
      checkHosts(ctx.input, options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS);
      if (!localPublish.enabled) {
        throw new InputError(
          'Local publishing is turned off on this portal (vitals.scaffolder.localPublish.enabled: false); templates publish to GitHub here.',
        );
      }
      const name = ctx.input.name.trim();
      const catalogInfoPath = catalogInfoPathOf(ctx.input.catalogInfoPath);
      const location = await locateLocalRepository(localPublish.root, name);
      // Outputs and the task log are readable by every user who can read the
      // task, so they name the repository relative to the checkout.
      const shown = `${
        localPublish.displayRoot ?? '<vitals.scaffolder.localPublish.root>'
      }/${name}`;
      const catalogInfoUrl = pathToFileURL(
        `${location.path}/${catalogInfoPath}`,
      ).toString();

      const emit = (commitHash: string, state: string) => {
        ctx.output('remoteUrl', location.remoteUrl);
        ctx.output('repoContentsUrl', location.repoContentsUrl);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('localRepository', shown);
        ctx.output('commitHash', commitHash);
        ctx.output('state', state);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          location.exists
            ? `Dry run: ${shown} exists; a real run publishes only if it holds the same files${
                ctx.input.overwrite
                  ? ' or, with overwrite, commits on top of it'
                  : ''
              }.`
            : `Dry run: would write the repository to ${shown}.`,
        );
        emit('', 'dry-run');
        return;
      }

      const user = ctx.user?.entity;
      const result = await ctx.checkpoint({
        key: `publish.local.${name}`,
        fn: async () => {
          const published = await publishLocalRepository(
            {
              root: localPublish.root,
              name,
              sourceDir: getRepoSourceDirectory(
                ctx.workspacePath,
                ctx.input.sourcePath,
              ),
              overwrite: ctx.input.overwrite ?? false,
              defaultBranch: ctx.input.defaultBranch ?? 'main',
              commitMessage:
                ctx.input.commitMessage ??
                'Initial commit from the hipaa-service template',
              author: {
                name:
                  ctx.input.gitAuthorName ??
                  user?.spec?.profile?.displayName ??
                  user?.metadata.name ??
                  'Vitals scaffolder',
                email:
                  ctx.input.gitAuthorEmail ??
                  user?.spec?.profile?.email ??
                  'scaffolder@vitals.invalid',
              },
              intendedRemote: ctx.input.intendedRemoteUrl,
              displayPath: shown,
            },
            { git: options.git },
          );
          return {
            commitHash: published.commitHash,
            state: published.state,
            versioning: published.versioning,
          };
        },
      });
      ctx.logger.info(
        `${
          result.state === 'unchanged' ? 'Already published' : 'Published'
        } ${shown} (${
          result.versioning === 'git'
            ? `git ${result.commitHash.slice(0, 7)}`
            : 'plain files, no git'
        })`,
      );
      emit(result.commitHash, result.state);
    },
  });
}

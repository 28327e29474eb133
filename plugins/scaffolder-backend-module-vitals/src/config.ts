import fs from 'node:fs';
import path from 'node:path';
import { Config } from '@backstage/config';
import {
  TIERS_CONFIG_KEY,
  TierObjectivesConfig,
} from '@vitals/plugin-dr-readiness-common';
import {
  PipelineProvider,
  PIPELINE_PROVIDERS,
  SliSource,
} from './domain/serviceRequest';

/** `vitals.scaffolder.terraformModules`. */
export interface TerraformModulesConfig {
  source: string;
  version: string;
}

/** `vitals.scaffolder.pipelines`. */
export interface PipelinesConfig {
  provider: PipelineProvider;
  repo: string;
  ref: string;
  azureDevOpsEndpoint?: string;
}

/** `vitals.scaffolder.terraformState`. */
export interface TerraformStateConfig {
  resourceGroupName?: string;
  storageAccountName?: string;
  containerName?: string;
}

/** `vitals.scaffolder.localPublish`, with the root resolved to an absolute path. */
export interface LocalPublishConfig {
  enabled: boolean;
  root: string;
  /**
   * How outputs and messages name the root without a machine path: relative
   * to the Vitals checkout (`.vitals/repos`) when the root lies inside it,
   * else the config key that holds it.
   */
  displayRoot?: string;
}

/** `vitals.scaffolder.telemetry`, with defaults filled in. */
export interface TelemetryConfig {
  /** The `vitals.slo.dataSources` entry each SLI source is read through. */
  dataSources: Record<SliSource, string>;
  /** The Log Analytics workspace new Application Insights components write to. */
  workspaceResourceId?: string;
}

export const DEFAULT_SLI_DATA_SOURCES: Readonly<Record<SliSource, string>> = {
  'application-insights': 'application-insights',
  prometheus: 'prometheus',
};

const LOG_ANALYTICS_WORKSPACE_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourcegroups\/[-\w.()]{1,90}\/providers\/microsoft\.operationalinsights\/workspaces\/[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/i;

/** A name `vitals.slo.dataSources[].name` can have. */
const DATA_SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Reads `vitals.scaffolder.telemetry`; each error names its key. */
export function readTelemetryConfig(config: Config): TelemetryConfig {
  const key = 'vitals.scaffolder.telemetry';
  const telemetry = config.getOptionalConfig(key);
  const dataSource = (section: string, source: SliSource) => {
    const name = telemetry?.getOptionalString(`${section}.dataSource`);
    if (name === undefined) return DEFAULT_SLI_DATA_SOURCES[source];
    if (!DATA_SOURCE_NAME.test(name)) {
      throw new Error(
        `${key}.${section}.dataSource must name a vitals.slo.dataSources entry (letters, digits, '.', '_' and '-'), got ${JSON.stringify(
          name,
        )}`,
      );
    }
    return name;
  };
  const workspace = telemetry?.getOptionalString(
    'applicationInsights.workspaceResourceId',
  );
  if (workspace !== undefined && !LOG_ANALYTICS_WORKSPACE_ID.test(workspace)) {
    throw new Error(
      `${key}.applicationInsights.workspaceResourceId must be a Log Analytics workspace resource id, /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>, got ${JSON.stringify(
        workspace.slice(0, 300),
      )}`,
    );
  }
  return {
    dataSources: {
      'application-insights': dataSource(
        'applicationInsights',
        'application-insights',
      ),
      prometheus: dataSource('prometheus', 'prometheus'),
    },
    workspaceResourceId: workspace,
  };
}

export interface VitalsScaffolderConfig {
  terraformModules?: TerraformModulesConfig;
  pipelines?: PipelinesConfig;
  terraformState: TerraformStateConfig;
  localPublish: LocalPublishConfig;
  allowedHosts: string[];
  drTiers?: TierObjectivesConfig;
  telemetry: TelemetryConfig;
}

export const DEFAULT_LOCAL_PUBLISH_ROOT = '.vitals/repos';

/** Stands for the root in outputs when it lies outside the checkout. */
export const LOCAL_PUBLISH_ROOT_KEY = 'vitals.scaffolder.localPublish.root';

/**
 * Where new repositories may live when neither `vitals.scaffolder.allowedHosts`
 * nor a GitHub or Azure DevOps integration is configured: the two hosts
 * Backstage integrates by default, and the only ones the template publishes to.
 */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  'github.com',
  'dev.azure.com',
];

/**
 * The root of the Vitals checkout: the nearest folder at or above `from`
 * whose package.json declares workspaces. The backend runs in
 * packages/backend, so relative paths in config would otherwise depend on
 * where it was started.
 */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    try {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (parsed && parsed.workspaces) {
        return dir;
      }
    } catch {
      // no package.json here, or not JSON: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return path.resolve(from);
    }
    dir = parent;
  }
}

/** Resolves `vitals.scaffolder.localPublish`; relative roots start at the workspace root. */
export function readLocalPublishConfig(
  config: Config,
  options: { cwd?: string } = {},
): LocalPublishConfig {
  const local = config.getOptionalConfig('vitals.scaffolder.localPublish');
  const root = local?.getOptionalString('root') ?? DEFAULT_LOCAL_PUBLISH_ROOT;
  const workspaceRoot = findWorkspaceRoot(options.cwd);
  const resolved = path.isAbsolute(root)
    ? path.normalize(root)
    : path.resolve(workspaceRoot, root);
  const relative = path.relative(workspaceRoot, resolved);
  const inside =
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return {
    enabled: local?.getOptionalBoolean('enabled') ?? true,
    root: resolved,
    displayRoot: inside
      ? relative.split(path.sep).join('/')
      : `<${LOCAL_PUBLISH_ROOT_KEY}>`,
  };
}

/**
 * The hosts a new service's repository may live on, lower-cased:
 * `vitals.scaffolder.allowedHosts`, else the hosts of the GitHub and Azure
 * DevOps integrations (the template publishes only with publish:github and
 * publish:azure), else github.com and dev.azure.com. The template's
 * RepoUrlPicker restricts hosts only in the browser; the actions check these
 * on the server.
 */
export function readAllowedHosts(config: Config): string[] {
  const configured = config.getOptionalStringArray(
    'vitals.scaffolder.allowedHosts',
  );
  if (configured) {
    const hosts = configured.map(h => h.trim().toLocaleLowerCase('en-US'));
    const blank = hosts.findIndex(h => !h || /[\s/?#@]/.test(h));
    if (blank >= 0) {
      throw new Error(
        `vitals.scaffolder.allowedHosts[${blank}] must be a host name such as github.com (with an optional :port), got "${configured[blank]}"`,
      );
    }
    return [...new Set(hosts)];
  }
  const fromIntegrations = ['github', 'azure'].flatMap(kind =>
    (config.getOptionalConfigArray(`integrations.${kind}`) ?? []).map(
      integration =>
        (
          integration.getOptionalString('host') ??
          (kind === 'github' ? 'github.com' : 'dev.azure.com')
        ).toLocaleLowerCase('en-US'),
    ),
  );
  return fromIntegrations.length > 0
    ? [...new Set(fromIntegrations)]
    : [...DEFAULT_ALLOWED_HOSTS];
}

/** Reads every `vitals.scaffolder.*` key the actions use; missing optional keys stay undefined. */
export function readVitalsScaffolderConfig(
  config: Config,
  options: { cwd?: string } = {},
): VitalsScaffolderConfig {
  const scaffolder = config.getOptionalConfig('vitals.scaffolder');
  const modules = scaffolder?.getOptionalConfig('terraformModules');
  const pipelines = scaffolder?.getOptionalConfig('pipelines');
  const state = scaffolder?.getOptionalConfig('terraformState');

  let pipelinesConfig: PipelinesConfig | undefined;
  if (pipelines) {
    const provider =
      pipelines.getOptionalString('provider') ?? 'github-actions';
    if (!(PIPELINE_PROVIDERS as readonly string[]).includes(provider)) {
      throw new Error(
        `vitals.scaffolder.pipelines.provider must be one of ${PIPELINE_PROVIDERS.join(
          ', ',
        )}, got "${provider}"`,
      );
    }
    pipelinesConfig = {
      provider: provider as PipelineProvider,
      repo: pipelines.getString('repo'),
      ref: pipelines.getString('ref'),
      azureDevOpsEndpoint: pipelines.getOptionalString('azureDevOpsEndpoint'),
    };
  }

  return {
    terraformModules: modules
      ? {
          source: modules.getString('source'),
          version: modules.getString('version'),
        }
      : undefined,
    pipelines: pipelinesConfig,
    terraformState: {
      resourceGroupName: state?.getOptionalString('resourceGroupName'),
      storageAccountName: state?.getOptionalString('storageAccountName'),
      containerName: state?.getOptionalString('containerName'),
    },
    localPublish: readLocalPublishConfig(config, options),
    allowedHosts: readAllowedHosts(config),
    telemetry: readTelemetryConfig(config),
    drTiers: config.getOptional<TierObjectivesConfig>(TIERS_CONFIG_KEY),
  };
}

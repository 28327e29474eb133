/**
 * The modules of the platform's shared Terraform module set
 * (templates/terraform-modules), in the order a two-region service applies
 * them.
 */
export const SHARED_TERRAFORM_MODULES = [
  'log-analytics',
  'diagnostic-settings',
  'application-insights',
  'network',
  'key-vault',
  'storage',
  'sql',
  'sql-failover-automation',
  'app-service',
  'aks',
  'front-door',
  'traffic-manager',
  'recovery-services-vault',
] as const;
export type SharedTerraformModule = (typeof SHARED_TERRAFORM_MODULES)[number];

/**
 * Requirements of the v1 module set (its README): generated roots must not
 * accept anything older, or `terraform init` picks provider versions the
 * modules were never tested with.
 */
export const MODULE_SET_REQUIREMENTS = {
  terraform: '>= 1.6',
  azurerm: '~> 4.42',
} as const;

const RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/** Why a module source or version from config cannot be used. */
export class ModuleSourceError extends Error {
  readonly field: 'source' | 'version' | 'modules';

  constructor(field: 'source' | 'version' | 'modules', message: string) {
    super(message);
    this.name = 'ModuleSourceError';
    this.field = field;
  }
}

/** A module's source as Terraform wants it: `<repository>//modules/<name>?ref=<tag>`. */
export function moduleSource(
  repository: string,
  module: string,
  version: string,
): string {
  return `${repository}//modules/${module}?ref=${version}`;
}

/** Module name → the HCL-friendly key templates use (`key-vault` → `key_vault`). */
export function moduleKey(module: string): string {
  return module.replace(/-/g, '_');
}

export interface ResolvedModuleSources {
  repository: string;
  version: string;
  /** Keyed by module name (`key-vault`) and by HCL key (`key_vault`), the pinned source. */
  sources: Record<string, string>;
  modules: SharedTerraformModule[];
}

/**
 * Pins each requested module of the shared set to the configured release.
 * Refuses branch names and unpinned sources: a plan must not change because
 * somebody pushed to a branch (the module set's README).
 */
export function resolveModuleSources(options: {
  repository: string;
  version: string;
  modules?: readonly string[];
}): ResolvedModuleSources {
  const repository = options.repository.trim();
  const version = options.version.trim();
  if (!repository) {
    throw new ModuleSourceError(
      'source',
      'vitals.scaffolder.terraformModules.source is empty; set it to the repository of the shared modules, e.g. git::https://example.invalid/platform/terraform-modules.git',
    );
  }
  const withoutScheme = repository.replace(
    /^(?:[a-z0-9]+::)?[a-z+]+:\/\//i,
    '',
  );
  if (/\?|\/\//.test(withoutScheme)) {
    throw new ModuleSourceError(
      'source',
      `vitals.scaffolder.terraformModules.source "${repository}" must name the repository only: the //modules/<name> folder and ?ref=<tag> are added per module`,
    );
  }
  if (!RELEASE_TAG.test(version)) {
    throw new ModuleSourceError(
      'version',
      `vitals.scaffolder.terraformModules.version "${version}" is not a release tag; pin a tag such as v1.0.0 (a branch makes plans change under you)`,
    );
  }
  const requested = options.modules?.length
    ? options.modules.map(m => m.trim())
    : [...SHARED_TERRAFORM_MODULES];
  const unknown = requested.filter(
    m => !(SHARED_TERRAFORM_MODULES as readonly string[]).includes(m),
  );
  if (unknown.length > 0) {
    throw new ModuleSourceError(
      'modules',
      `${unknown.join(', ')} ${
        unknown.length === 1 ? 'is not a module' : 'are not modules'
      } of the shared set; the set has ${SHARED_TERRAFORM_MODULES.join(', ')}`,
    );
  }
  const modules = [...new Set(requested)] as SharedTerraformModule[];
  const sources: Record<string, string> = {};
  for (const module of modules) {
    const source = moduleSource(repository, module, version);
    sources[module] = source;
    sources[moduleKey(module)] = source;
  }
  return { repository, version, sources, modules };
}

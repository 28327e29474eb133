import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DATA_CLASSIFICATIONS,
  DR_TIERS,
  DataClassification,
  DrTier,
  RegionPairing,
  SQL_MIN_GRACE_PERIOD_MINUTES,
  TierObjectivesConfig,
  automaticSqlRecoverySeconds,
  isoDurationToSeconds,
  resolveTierObjectives,
} from '@vitals/plugin-dr-readiness-common';
import { errorBudgetMinutes, percentToRatio } from './errorBudget';
import { AzureResourceNames, azureResourceNames } from './naming';
import { RegionChoiceError, resolveRegionPair } from './regionPair';
import { repositoryHostProblem } from './repositoryHost';

export const RUNTIMES = ['node', 'dotnet', 'java', 'python'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const HOSTINGS = ['app-service', 'aks'] as const;
export type Hosting = (typeof HOSTINGS)[number];

export const GLOBAL_ROUTINGS = ['front-door', 'traffic-manager'] as const;
export type GlobalRouting = (typeof GLOBAL_ROUTINGS)[number];

/**
 * Where the generated slo.yaml reads its SLIs: Application Insights (the
 * services send OpenTelemetry to it through the Azure Monitor distro), or a
 * Prometheus that scrapes their /metrics.
 */
export const SLI_SOURCES = ['application-insights', 'prometheus'] as const;
export type SliSource = (typeof SLI_SOURCES)[number];

export const PIPELINE_PROVIDERS = [
  'github-actions',
  'azure-pipelines',
] as const;
export type PipelineProvider = (typeof PIPELINE_PROVIDERS)[number];

/**
 * 3-30 characters, lowercase letters, digits and single hyphens, starting
 * with a letter: a DNS label, a Backstage entity name, and short enough to
 * prefix the Azure resource names (AKS clusters allow 54 characters,
 * `aks-<name>-<longest region>` must fit).
 */
export const SERVICE_NAME_PATTERN = /^[a-z](?!.*--)[a-z0-9-]{1,28}[a-z0-9]$/;

export const AVAILABILITY_RANGE = { min: 90, maxExclusive: 100 } as const;
export const LATENCY_TARGET_RANGE = { min: 50, maxExclusive: 100 } as const;
export const LATENCY_THRESHOLD_RANGE_MS = { min: 1, max: 60_000 } as const;

/**
 * SQL failover groups accept an RPO of at most a day; tier `none` has no
 * objective, so its databases replicate with that ceiling and fail over
 * only by hand.
 */
const UNTIERED_SQL_RPO_MINUTES = 1440;

/**
 * The grace period the shared sql module gives automatic failover (its
 * `local.grace_minutes`): the RPO rounded up to whole hours, never below the
 * hour Azure requires.
 */
export function sqlAutomaticGraceMinutes(sqlRpoMinutes: number): number {
  return Math.max(
    SQL_MIN_GRACE_PERIOD_MINUTES,
    Math.ceil(sqlRpoMinutes / 60) * 60,
  );
}

/**
 * Who fails the databases over, decided by the tier's objectives as the DR
 * check `sql-failover-policy` judges them: Azure (Automatic) only when the
 * databases are writable again within the RTO after the grace period;
 * otherwise the customer (Manual), run by the DR runbook and proven by the
 * drill pipeline. Without an RTO (tier `none`) nobody has promised a
 * recovery, and failover stays a decision taken by hand.
 */
export function sqlFailoverModeFor(
  rtoMinutes: number | null,
  sqlRpoMinutes: number,
): 'Automatic' | 'Manual' {
  if (rtoMinutes === null) return 'Manual';
  return automaticSqlRecoverySeconds(sqlAutomaticGraceMinutes(sqlRpoMinutes)) <=
    rtoMinutes * 60
    ? 'Automatic'
    : 'Manual';
}

/** The form values of the `hipaa-service` template, as the backend receives them. */
export interface HipaaServiceRequest {
  name?: unknown;
  description?: unknown;
  owner?: unknown;
  system?: unknown;
  dataClassification?: unknown;
  primaryRegion?: unknown;
  secondaryRegion?: unknown;
  drTier?: unknown;
  availabilityTarget?: unknown;
  latencyThresholdMs?: unknown;
  latencyTarget?: unknown;
  sliSource?: unknown;
  runtime?: unknown;
  hosting?: unknown;
  globalRouting?: unknown;
  pipelineProvider?: unknown;
  repoUrl?: unknown;
}

/** One refused field and why. */
export interface RequestProblem {
  field: string;
  message: string;
}

/** Where the repository goes: RepoUrlPicker's `host?owner=…&repo=…`. */
export interface RepositoryLocation {
  host: string;
  /** The GitHub owner, or the Azure DevOps organization. */
  owner: string;
  /** The Azure DevOps project; absent for GitHub. */
  project?: string;
  repo: string;
  /** The repository's web page. */
  webUrl: string;
  /** What `git clone` takes. */
  cloneUrl: string;
  /** Prefix of a file's web page on the default branch: `${blobUrl}/slo.yaml`. */
  blobUrl: string;
}

const AZURE_DEVOPS_HOST = 'dev.azure.com';

/** A validated request with everything the template derives from it. */
export interface HipaaServicePlan {
  name: string;
  entityRef: string;
  description: string;
  owner: string;
  system: string;
  dataClassification: DataClassification;
  /** HIPAA controls are enforced for PHI, reported for the other classes. */
  hipaaApplies: boolean;
  primaryRegion: string;
  secondaryRegion: string;
  pairing: RegionPairing;
  geography: string;
  drTier: DrTier;
  /** ISO-8601 durations; null for tier `none`. */
  rto: string | null;
  rpo: string | null;
  rtoMinutes: number | null;
  rpoMinutes: number | null;
  sqlRpoMinutes: number;
  sqlFailoverMode: 'Automatic' | 'Manual';
  availabilityTarget: number;
  availabilityRatio: number;
  errorBudgetMinutes: number;
  latencyThresholdMs: number;
  latencyThresholdSeconds: number;
  latencyTarget: number;
  latencyRatio: number;
  sliSource: SliSource;
  runtime: Runtime;
  hosting: Hosting;
  globalRouting: GlobalRouting;
  pipelineProvider: PipelineProvider;
  repository: RepositoryLocation;
  names: AzureResourceNames;
  warnings: string[];
}

export type HipaaServiceValidation =
  | { ok: true; plan: HipaaServicePlan }
  | { ok: false; problems: RequestProblem[] };

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function oneOf<T extends string>(
  problems: RequestProblem[],
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const wanted = text(value).toLowerCase();
  if (wanted === '' && fallback !== undefined) return fallback;
  if ((allowed as readonly string[]).includes(wanted)) return wanted as T;
  problems.push({
    field,
    message:
      wanted === ''
        ? `${field} is required: one of ${allowed.join(', ')}`
        : `${field} must be one of ${allowed.join(', ')}, got "${text(value)}"`,
  });
  return undefined;
}

function entityRefOf(
  problems: RequestProblem[],
  field: string,
  value: unknown,
  kind: 'group' | 'system',
): string | undefined {
  const raw = text(value);
  if (!raw) {
    problems.push({
      field,
      message: `${field} is required: a ${kind} from the catalog, e.g. ${kind}:default/${
        kind === 'group' ? 'care-experience' : 'patient-portal'
      }`,
    });
    return undefined;
  }
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(raw, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch (e) {
    problems.push({
      field,
      message: `${field} "${raw}" is not an entity reference: ${
        (e as Error).message
      }`,
    });
    return undefined;
  }
  if (ref.kind.toLowerCase() !== kind) {
    problems.push({
      field,
      message:
        kind === 'group'
          ? `${field} must be a group, got ${stringifyEntityRef(
              ref,
            )}: services are owned by teams so ownership survives people leaving`
          : `${field} must be a system, got ${stringifyEntityRef(ref)}`,
    });
    return undefined;
  }
  return stringifyEntityRef(ref);
}

function percentIn(
  problems: RequestProblem[],
  field: string,
  value: unknown,
  range: { min: number; maxExclusive: number },
  example: string,
): number | undefined {
  const percent = numeric(value);
  if (percent === undefined) {
    problems.push({
      field,
      message: `${field} must be a percentage such as ${example}, got "${text(
        value,
      )}"`,
    });
    return undefined;
  }
  if (percent < range.min || percent >= range.maxExclusive) {
    problems.push({
      field,
      message: `${field} must be at least ${range.min} and below ${
        range.maxExclusive
      } percent, got ${percent}${
        percent >= 100
          ? ': 100 % leaves no error budget for any change or failure'
          : ''
      }`,
    });
    return undefined;
  }
  if (Math.round(percent * 1000) / 1000 !== percent) {
    problems.push({
      field,
      message: `${field} allows at most three decimals (e.g. 99.995), got ${percent}`,
    });
    return undefined;
  }
  return percent;
}

/**
 * Parses RepoUrlPicker's value: `github.com?owner=vitals-health&repo=claims-intake`,
 * or for Azure DevOps `dev.azure.com?organization=vitals-health&project=clinical&repo=claims-intake`.
 */
export function parseRepositoryLocation(
  value: string,
): RepositoryLocation | undefined {
  let url: URL;
  try {
    url = new URL(`https://${value}`);
  } catch {
    return undefined;
  }
  const owner =
    url.searchParams.get('owner') ?? url.searchParams.get('organization');
  const repo = url.searchParams.get('repo');
  if (!url.host || !owner || !repo || url.pathname.replace(/\/$/, '') !== '') {
    return undefined;
  }
  if (
    !/^[A-Za-z0-9._-]{1,100}$/.test(repo) ||
    !/^[A-Za-z0-9._-]{1,100}$/.test(owner)
  ) {
    return undefined;
  }
  if (url.host === AZURE_DEVOPS_HOST) {
    const project = url.searchParams.get('project');
    if (!project || !/^[A-Za-z0-9._ -]{1,64}$/.test(project)) {
      return undefined;
    }
    const webUrl = `https://${url.host}/${owner}/${encodeURIComponent(
      project,
    )}/_git/${repo}`;
    return {
      host: url.host,
      owner,
      project,
      repo,
      webUrl,
      cloneUrl: webUrl,
      blobUrl: `${webUrl}?version=GBmain&path=`,
    };
  }
  const webUrl = `https://${url.host}/${owner}/${repo}`;
  return {
    host: url.host,
    owner,
    repo,
    webUrl,
    cloneUrl: `${webUrl}.git`,
    blobUrl: `${webUrl}/blob/main`,
  };
}

/**
 * Checks every value of the form again on the server (the form can be
 * bypassed through the API) and derives what the template needs: region
 * pair, recovery objectives, error budget and resource names. Pure: the
 * catalog checks (is the name free, do owner and system exist) are the
 * caller's.
 */
export function validateHipaaServiceRequest(
  request: HipaaServiceRequest,
  options: {
    tiers?: TierObjectivesConfig;
    /** Hosts the repository may live on; `vitals.scaffolder.allowedHosts`. Unset: any host. */
    allowedHosts?: readonly string[];
  } = {},
): HipaaServiceValidation {
  const problems: RequestProblem[] = [];

  const name = text(request.name);
  if (!SERVICE_NAME_PATTERN.test(name)) {
    problems.push({
      field: 'name',
      message:
        name === ''
          ? 'name is required'
          : `name "${name}" must be 3-30 characters of lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or digit (it becomes a DNS label and the prefix of the Azure resource names)`,
    });
  }

  const description = text(request.description);
  if (description.length > 280) {
    problems.push({
      field: 'description',
      message: `description is ${description.length} characters; keep it to 280 (one or two sentences)`,
    });
  }

  const owner = entityRefOf(problems, 'owner', request.owner, 'group');
  const system = entityRefOf(problems, 'system', request.system, 'system');
  const dataClassification = oneOf(
    problems,
    'dataClassification',
    request.dataClassification,
    DATA_CLASSIFICATIONS,
    'phi',
  );

  let pair: ReturnType<typeof resolveRegionPair> | undefined;
  try {
    pair = resolveRegionPair({
      primaryRegion: text(request.primaryRegion),
      secondaryRegion: text(request.secondaryRegion),
      dataClassification: dataClassification ?? 'phi',
    });
  } catch (e) {
    if (e instanceof RegionChoiceError) {
      problems.push({ field: e.field, message: e.message });
    } else {
      throw e;
    }
  }

  const drTier = oneOf(problems, 'drTier', request.drTier, DR_TIERS);
  let objectives: ReturnType<typeof resolveTierObjectives> | undefined;
  try {
    objectives = resolveTierObjectives(options.tiers);
  } catch (e) {
    problems.push({ field: 'drTier', message: (e as Error).message });
  }

  const availabilityTarget = percentIn(
    problems,
    'availabilityTarget',
    request.availabilityTarget,
    AVAILABILITY_RANGE,
    '99.9',
  );
  const latencyTarget = percentIn(
    problems,
    'latencyTarget',
    request.latencyTarget,
    LATENCY_TARGET_RANGE,
    '99',
  );
  const latencyThresholdMs = numeric(request.latencyThresholdMs);
  if (
    latencyThresholdMs === undefined ||
    !Number.isInteger(latencyThresholdMs) ||
    latencyThresholdMs < LATENCY_THRESHOLD_RANGE_MS.min ||
    latencyThresholdMs > LATENCY_THRESHOLD_RANGE_MS.max
  ) {
    problems.push({
      field: 'latencyThresholdMs',
      message: `latencyThresholdMs must be a whole number of milliseconds above 0 and at most ${
        LATENCY_THRESHOLD_RANGE_MS.max
      }, got "${text(request.latencyThresholdMs)}"`,
    });
  }

  const sliSource = oneOf(
    problems,
    'sliSource',
    request.sliSource,
    SLI_SOURCES,
    'application-insights',
  );
  const runtime = oneOf(problems, 'runtime', request.runtime, RUNTIMES);
  const hosting = oneOf(
    problems,
    'hosting',
    request.hosting,
    HOSTINGS,
    'app-service',
  );
  const globalRouting = oneOf(
    problems,
    'globalRouting',
    request.globalRouting,
    GLOBAL_ROUTINGS,
    'front-door',
  );
  if (hosting === 'app-service' && globalRouting === 'traffic-manager') {
    problems.push({
      field: 'globalRouting',
      message:
        'globalRouting traffic-manager cannot reach an App Service app: the app-service module turns public network access off, so only Front Door Premium reaches it through Private Link. Choose front-door, or aks hosting.',
    });
  }
  const pipelineProvider = oneOf(
    problems,
    'pipelineProvider',
    request.pipelineProvider,
    PIPELINE_PROVIDERS,
  );

  const repoUrl = text(request.repoUrl);
  const repository = repoUrl ? parseRepositoryLocation(repoUrl) : undefined;
  if (!repository) {
    problems.push({
      field: 'repoUrl',
      message: repoUrl
        ? `repoUrl "${repoUrl}" is not a repository location; expected host?owner=<owner>&repo=<repository>, e.g. github.com?owner=vitals-health&repo=${
            name || 'claims-intake'
          }, or dev.azure.com?organization=<organization>&project=<project>&repo=<repository>`
        : 'repoUrl is required: where the repository will live',
    });
  }
  if (repository && options.allowedHosts) {
    const hostProblem = repositoryHostProblem(
      'repoUrl',
      repository.host,
      options.allowedHosts,
    );
    if (hostProblem) {
      problems.push({ field: 'repoUrl', message: hostProblem });
    }
  }

  if (
    problems.length > 0 ||
    !owner ||
    !system ||
    !dataClassification ||
    !pair ||
    !drTier ||
    !objectives ||
    availabilityTarget === undefined ||
    latencyTarget === undefined ||
    latencyThresholdMs === undefined ||
    !sliSource ||
    !runtime ||
    !hosting ||
    !globalRouting ||
    !pipelineProvider ||
    !repository
  ) {
    return { ok: false, problems };
  }

  const rto = drTier === 'none' ? null : objectives[drTier].rto;
  const rpo = drTier === 'none' ? null : objectives[drTier].rpo;
  const minutes = (duration: string | null) =>
    duration === null
      ? null
      : Math.ceil((isoDurationToSeconds(duration) ?? 0) / 60);
  const rpoMinutes = minutes(rpo);
  const rtoMinutes = minutes(rto);
  const sqlRpoMinutes = Math.min(
    rpoMinutes ?? UNTIERED_SQL_RPO_MINUTES,
    UNTIERED_SQL_RPO_MINUTES,
  );

  return {
    ok: true,
    plan: {
      name,
      entityRef: `component:default/${name}`,
      description,
      owner,
      system,
      dataClassification,
      hipaaApplies: dataClassification === 'phi',
      primaryRegion: pair.primary.name,
      secondaryRegion: pair.secondary.name,
      pairing: pair.pairing,
      geography: pair.primary.geography,
      drTier,
      rto,
      rpo,
      rtoMinutes,
      rpoMinutes,
      sqlRpoMinutes,
      sqlFailoverMode: sqlFailoverModeFor(rtoMinutes, sqlRpoMinutes),
      availabilityTarget,
      availabilityRatio: percentToRatio(availabilityTarget),
      errorBudgetMinutes: errorBudgetMinutes(availabilityTarget),
      latencyThresholdMs,
      latencyThresholdSeconds: latencyThresholdMs / 1000,
      latencyTarget,
      latencyRatio: percentToRatio(latencyTarget),
      sliSource,
      runtime,
      hosting,
      globalRouting,
      pipelineProvider,
      repository,
      names: azureResourceNames(name, pair.primary.name, pair.secondary.name),
      warnings: pair.warnings,
    },
  };
}

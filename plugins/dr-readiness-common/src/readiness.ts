import {
  AzureResource,
  JudgedTypes,
  blockingGaps,
  entityCoverage,
  judgedTypesOf,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import {
  CheckInput,
  READINESS_CHECK_CATALOG,
  ReplicationLagObservation,
  observeRpo,
  recoveryComponents,
  runReadinessChecks,
} from './checks';
import { latestDrill } from './drills';
import { formatIsoDuration, isoDurationToSeconds } from './durations';
import type { ReadinessPolicy } from './policy';
import { describePairing, requireRegion } from './regions';
import type {
  CheckStatus,
  CoverageExclusion,
  DrCoverageGap,
  DrEntityCoverage,
  DrillRecord,
  EntityReadiness,
  ImpactOutcome,
  OverviewRow,
  ReadinessCheckResult,
  ReadinessStatus,
  RecoveryComponent,
  RecoveryEstimate,
  RegionImpact,
  RegionReadiness,
  RegionRole,
  ServiceImpact,
} from './types';

/** Everything an evaluation is a function of. */
export interface ReadinessInput {
  entityRef: string;
  policy: ReadinessPolicy;
  /** The entity's resources (see `selectResources`). */
  resources: readonly AzureResource[];
  drills?: readonly DrillRecord[];
  now: Date;
  replicationLag?: readonly ReplicationLagObservation[];
  /** Gaps accepted with a reason (`vitals.drReadiness.coverageExclusions`). */
  coverageExclusions?: readonly CoverageExclusion[];
}

/** The resource types DR judges: the subjects of every readiness check. */
export const DR_JUDGED_TYPES: JudgedTypes = judgedTypesOf(
  READINESS_CHECK_CATALOG,
);

const trimId = (id: string) => id.toLowerCase().replace(/\/+$/, '');

/**
 * The exclusion that covers a gap: one naming its type, its id, or the id of
 * a resource it belongs to (excluding a workspace excludes its pools too).
 */
function exclusionFor(
  gap: DrCoverageGap,
  exclusions: readonly CoverageExclusion[],
): CoverageExclusion | undefined {
  const id = trimId(gap.resourceId);
  return exclusions.find(exclusion => {
    const target = trimId(exclusion.resource.trim());
    return target === gap.type || target === id || id.startsWith(`${target}/`);
  });
}

/**
 * How the DR checks cover an entity's resources (its selection plus their
 * children). An excluded gap stays listed, with the exclusion's reason, and
 * no longer blocks.
 */
export function drCoverage(
  resources: readonly AzureResource[],
  exclusions: readonly CoverageExclusion[] = [],
): DrEntityCoverage {
  const coverage = entityCoverage(resources, DR_JUDGED_TYPES, 'DR check');
  if (exclusions.length === 0 || coverage.notEvaluated.length === 0) {
    // Nothing to exclude: the gaps stay as they are, already in order.
    return coverage;
  }
  const notEvaluated = coverage.notEvaluated.map((gap): DrCoverageGap => {
    const exclusion = exclusionFor(gap, exclusions);
    return exclusion
      ? { ...gap, blocking: false, excluded: exclusion.reason }
      : gap;
  });
  notEvaluated.sort(
    (a, b) =>
      Number(b.blocking) - Number(a.blocking) ||
      a.resourceId.localeCompare(b.resourceId),
  );
  return { evaluated: coverage.evaluated, notEvaluated };
}

const LISTED_GAPS = 10;

/** The unjudged resources that may hold data, by id and type. */
function describeGaps(gaps: readonly DrCoverageGap[]): string {
  const listed = gaps
    .slice(0, LISTED_GAPS)
    .map(g => `${g.resourceId} (${g.type})`)
    .join(', ');
  return gaps.length > LISTED_GAPS
    ? `${listed} and ${gaps.length - LISTED_GAPS} more`
    : listed;
}

function gapPhrase(gaps: readonly DrCoverageGap[]): string {
  return `no DR check judges ${
    gaps.length === 1 ? 'a resource' : `${gaps.length} resources`
  } that may hold or process data: ${describeGaps(gaps)}`;
}

/** Why blocking coverage gaps keep a status from `ready`, naming each resource and type. */
export function coverageGapReason(gaps: readonly DrCoverageGap[]): string {
  const phrase = gapPhrase(gaps);
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(
    1,
  )}. Add a check for the type, or record an exclusion with a reason under vitals.drReadiness.coverageExclusions.`;
}

const CREDIT: Record<CheckStatus, number> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  unknown: 0,
};

/**
 * Readiness score, 0–100: the weighted share of checks that pass (a warning
 * earns half). Unknown earns nothing, so missing evidence never looks ready.
 */
export function readinessScore(
  checks: readonly ReadinessCheckResult[],
): number {
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) {
    return 0;
  }
  const earned = checks.reduce(
    (sum, c) => sum + c.weight * CREDIT[c.status],
    0,
  );
  return Math.round((100 * earned) / total);
}

/**
 * The status of a region's loss: a blocking failure ⇒ `not-ready`; missing
 * evidence on a data-protection or recovery check ⇒ `unknown`; any other
 * failure, warning or unknown ⇒ `at-risk`; otherwise `ready`. No applicable
 * check at all ⇒ `unknown`.
 */
export function regionStatus(
  checks: readonly ReadinessCheckResult[],
): ReadinessStatus {
  if (checks.length === 0) {
    return 'unknown';
  }
  if (checks.some(c => c.status === 'fail' && c.blocking)) {
    return 'not-ready';
  }
  if (checks.some(c => c.status === 'unknown' && c.category !== 'assurance')) {
    return 'unknown';
  }
  if (checks.some(c => c.status !== 'pass')) {
    return 'at-risk';
  }
  return 'ready';
}

const STATUS_SEVERITY: Record<ReadinessStatus, number> = {
  ready: 0,
  'at-risk': 1,
  unknown: 2,
  'not-ready': 3,
};

/** The worst of several statuses: not-ready, then unknown, then at-risk. */
export function worstReadinessStatus(
  statuses: readonly ReadinessStatus[],
): ReadinessStatus {
  if (statuses.length === 0) {
    return 'unknown';
  }
  return statuses.reduce((worst, s) =>
    STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] ? s : worst,
  );
}

function componentSeconds(component: RecoveryComponent): number | undefined {
  return isoDurationToSeconds(component.duration, { allowZero: true });
}

/**
 * The recovery time: components recover in parallel, so the slowest one
 * counts. A measured drill stands in for components that cannot be estimated.
 */
export function estimateRecovery(
  components: RecoveryComponent[],
): RecoveryEstimate {
  const drill = components.find(c => c.component === 'drill');
  const unknown = components.some(c => c.duration === null);
  if (components.length === 0 || (unknown && !drill)) {
    return { duration: null, components };
  }
  const seconds = components
    .map(componentSeconds)
    .filter((s): s is number => s !== undefined);
  return { duration: formatIsoDuration(Math.max(...seconds)), components };
}

function regionLabel(region: string): string {
  try {
    return requireRegion(region).displayName;
  } catch {
    return region;
  }
}

function regionSummary(
  checks: readonly ReadinessCheckResult[],
  status: ReadinessStatus,
): string {
  const summaries = (filter: (c: ReadinessCheckResult) => boolean) =>
    checks.filter(filter).map(c => c.summary);
  switch (status) {
    case 'not-ready':
      return summaries(c => c.status === 'fail' && c.blocking).join(' ');
    case 'unknown':
      return checks.length === 0
        ? 'No readiness check applies to the resources found.'
        : `Evidence is missing: ${summaries(
            c => c.status === 'unknown' && c.category !== 'assurance',
          ).join(' ')}`;
    case 'at-risk':
      return summaries(c => c.status !== 'pass').join(' ');
    default:
      return `All ${checks.length} checks pass.`;
  }
}

function evaluateRegion(
  input: ReadinessInput,
  role: RegionRole,
  region: string,
): RegionReadiness {
  const checkInput: CheckInput = {
    policy: input.policy,
    role,
    resources: input.resources,
    now: input.now,
    lastDrill: latestDrill(input.drills ?? [], region),
    replicationLag: input.replicationLag,
  };
  const checks =
    input.resources.length === 0 ? [] : runReadinessChecks(checkInput);
  const status = regionStatus(checks);
  return {
    region,
    displayName: regionLabel(region),
    role,
    status,
    summary:
      input.resources.length === 0
        ? 'No Azure resources were found for the entity.'
        : regionSummary(checks, status),
    checks,
    estimatedRecovery: estimateRecovery(
      input.resources.length === 0 ? [] : recoveryComponents(checkInput),
    ),
  };
}

function entityReasons(
  regions: RegionReadiness[],
  input: ReadinessInput,
  status: ReadinessStatus,
  gaps: readonly DrCoverageGap[],
): string[] {
  const reasons: string[] = [];
  if (input.policy.tier === 'none') {
    reasons.push(
      'Tier none: nothing is required; the results are informational.',
    );
  }
  if (input.resources.length === 0) {
    reasons.push(
      'No Azure resources were found for the entity: check its vitals.dev/azure-selector annotation or the vitals-entity tag on its resources.',
    );
    return reasons;
  }
  // The checks' lines, worst first: blocking failures, missing evidence on
  // data protection and recovery, then the coverage gaps, other failures,
  // warnings and missing assurance. Sorted into groups in one pass.
  const groups: string[][] = [[], [], [], [], []];
  for (const r of regions) {
    for (const c of r.checks) {
      const group = reasonGroup(c);
      if (group >= 0) {
        groups[group].push(`If ${r.displayName} goes down: ${c.summary}`);
      }
    }
  }
  reasons.push(...groups[0], ...groups[1]);
  if (gaps.length > 0) reasons.push(coverageGapReason(gaps));
  reasons.push(...groups[2], ...groups[3], ...groups[4]);
  if (status === 'ready') {
    const primary = regions.find(r => r.role === 'primary');
    const recovery = primary?.estimatedRecovery.duration;
    reasons.push(
      `Every check passes for the loss of ${regions
        .map(r => r.displayName)
        .join(' and of ')}${
        recovery
          ? `; losing ${primary?.displayName} is recovered in about ${recovery}`
          : ''
      }.`,
    );
  }
  return withoutRepeats(reasons);
}

/** Where a check's line goes among the reasons (see entityReasons); -1 for a pass. */
function reasonGroup(c: ReadinessCheckResult): number {
  switch (c.status) {
    case 'fail':
      return c.blocking ? 0 : 2;
    case 'unknown':
      return c.category === 'assurance' ? 4 : 1;
    case 'warn':
      return 3;
    default:
      return -1;
  }
}

/**
 * The texts in order, each once. Compared pairwise rather than through a
 * Set: the few reasons of an entity are long, freshly joined texts, which
 * differ in length and are told apart without hashing every character.
 */
function withoutRepeats(texts: string[]): string[] {
  const kept: string[] = [];
  for (const text of texts) {
    if (!kept.includes(text)) kept.push(text);
  }
  return kept;
}

/** Evaluates the DR readiness of one entity for the loss of each of its regions. */
export function evaluateReadiness(input: ReadinessInput): EntityReadiness {
  const { policy } = input;
  const primaryRegion = requireRegion(policy.primaryRegion).name;
  const secondaryRegion = policy.secondaryRegion
    ? requireRegion(policy.secondaryRegion).name
    : null;
  const normalized: ReadinessInput = {
    ...input,
    policy: { ...policy, primaryRegion, secondaryRegion },
  };
  const coverage = drCoverage(input.resources, input.coverageExclusions);
  const gaps = blockingGaps(coverage);
  let regions = [evaluateRegion(normalized, 'primary', primaryRegion)];
  if (secondaryRegion) {
    regions.push(evaluateRegion(normalized, 'secondary', secondaryRegion));
  }
  let status =
    input.resources.length === 0
      ? 'unknown'
      : worstReadinessStatus(regions.map(r => r.status));
  if (status === 'ready' && gaps.length > 0) {
    // Passing checks say nothing of whether an unjudged data store survives
    // the loss of a region, so neither the service nor its regions are ready;
    // at-risk and not-ready already say more and stay.
    status = 'unknown';
    regions = regions.map(r => ({
      ...r,
      status: 'unknown',
      summary: `All ${r.checks.length} checks pass, but ${gapPhrase(gaps)}.`,
    }));
  }
  const observedRpo =
    input.resources.length === 0
      ? null
      : observeRpo({
          policy: normalized.policy,
          role: 'primary',
          resources: input.resources,
          now: input.now,
          replicationLag: input.replicationLag,
        });
  return {
    entityRef: input.entityRef,
    policy: { tier: policy.tier, rto: policy.rto, rpo: policy.rpo },
    primaryRegion,
    secondaryRegion,
    pairing: secondaryRegion
      ? describePairing(primaryRegion, secondaryRegion)
      : 'unpaired',
    score: readinessScore(regions.flatMap(r => r.checks)),
    status,
    required: policy.tier !== 'none',
    reasons: entityReasons(regions, normalized, status, gaps),
    regions,
    lastDrill: latestDrill(input.drills ?? []),
    observedRpo,
    coverage,
    evaluatedAt: input.now.toISOString(),
  };
}

/** A row of the entities × regions matrix. */
export function toOverviewRow(
  evaluation: EntityReadiness,
  owner: string | null,
  system: string | null,
): OverviewRow {
  return {
    entityRef: evaluation.entityRef,
    owner,
    system,
    tier: evaluation.policy.tier,
    status: evaluation.status,
    cells: Object.fromEntries(
      evaluation.regions.map(r => [r.region, r.status]),
    ),
  };
}

/** One service for {@link regionImpact}: its evaluation and its resources. */
export interface ServiceEvaluation {
  evaluation: EntityReadiness;
  resources: readonly AzureResource[];
}

function blockingFailures(region: RegionReadiness): ReadinessCheckResult[] {
  return region.checks.filter(c => c.status === 'fail' && c.blocking);
}

function failsOverOrDegrades(
  evaluation: EntityReadiness,
  region: RegionReadiness,
  target: string,
): Pick<ServiceImpact, 'outcome' | 'reason' | 'estimatedRecovery'> {
  const estimate = region.estimatedRecovery.duration;
  const rto = evaluation.policy.rto;
  const estimateSeconds = isoDurationToSeconds(estimate, { allowZero: true });
  const rtoSeconds = isoDurationToSeconds(rto);
  const caveats =
    region.status === 'at-risk' ? ` Caveats: ${region.summary}` : '';
  if (
    estimateSeconds !== undefined &&
    rtoSeconds !== undefined &&
    estimateSeconds > rtoSeconds
  ) {
    return {
      outcome: 'degrades',
      reason: `Recovers in ${regionLabel(
        target,
      )} in about ${estimate}, beyond the RTO of ${rto}.${caveats}`,
      estimatedRecovery: estimate,
    };
  }
  const unestimated = region.estimatedRecovery.components
    .filter(c => c.duration === null)
    .map(c => c.basis);
  return {
    outcome: 'fails-over',
    reason:
      estimate !== null
        ? `Fails over to ${regionLabel(target)} in about ${estimate}${
            rto ? ` (RTO ${rto})` : ''
          }.${caveats}`
        : `Fails over to ${regionLabel(
            target,
          )}; the recovery time cannot be estimated (${
            unestimated.join('; ') || 'no recovery component found'
          }).${caveats}`,
    estimatedRecovery: estimate,
  };
}

function impactOf(
  region: string,
  service: ServiceEvaluation,
): ServiceImpact | undefined {
  const { evaluation } = service;
  const here = service.resources.filter(
    r => normalizeRegion(r.location) === region,
  );
  let role: ServiceImpact['role'];
  if (evaluation.primaryRegion === region) {
    role = 'primary';
  } else if (evaluation.secondaryRegion === region) {
    role = 'secondary';
  } else if (here.length > 0) {
    role = 'other';
  } else {
    return undefined;
  }
  const base = {
    entityRef: evaluation.entityRef,
    tier: evaluation.policy.tier,
    role,
    rto: evaluation.policy.rto,
    resources: here.map(r => r.id),
  };
  const readiness = evaluation.regions.find(r => r.region === region);
  if (role === 'other' || !readiness) {
    return {
      ...base,
      outcome: 'unknown',
      reason: `${here.length} resource${
        here.length === 1 ? ' is' : 's are'
      } in ${regionLabel(region)} (${here
        .map(r => r.name)
        .join(
          ', ',
        )}), outside the declared regions: the DR plan does not cover ${
        here.length === 1 ? 'it' : 'them'
      }.`,
      estimatedRecovery: null,
    };
  }
  if (readiness.status === 'unknown') {
    return {
      ...base,
      outcome: 'unknown',
      reason: readiness.summary,
      estimatedRecovery: null,
    };
  }
  const failures = blockingFailures(readiness);
  const fatal = failures.filter(c => c.impact === 'goes-down');
  if (fatal.length > 0) {
    return {
      ...base,
      outcome: 'goes-down',
      reason: fatal.map(c => c.summary).join(' '),
      estimatedRecovery: null,
    };
  }
  if (role === 'primary') {
    const target = evaluation.secondaryRegion ?? region;
    if (failures.length > 0) {
      return {
        ...base,
        outcome: 'degrades',
        reason: `Comes back in ${regionLabel(
          target,
        )}, but not within its objectives: ${failures
          .map(c => c.summary)
          .join(' ')}`,
        estimatedRecovery: readiness.estimatedRecovery.duration,
      };
    }
    return { ...base, ...failsOverOrDegrades(evaluation, readiness, target) };
  }
  if (failures.length > 0) {
    return {
      ...base,
      outcome: 'degrades',
      reason: `Keeps running in ${regionLabel(
        evaluation.primaryRegion,
      )}, with less protection: ${failures.map(c => c.summary).join(' ')}`,
      estimatedRecovery: readiness.estimatedRecovery.duration,
    };
  }
  const runsHere = readiness.checks.some(
    c => c.id === 'write-region-placement' && c.status === 'warn',
  );
  if (runsHere) {
    return {
      ...base,
      ...failsOverOrDegrades(evaluation, readiness, evaluation.primaryRegion),
    };
  }
  return {
    ...base,
    outcome: 'degrades',
    reason: `Keeps serving from ${regionLabel(
      evaluation.primaryRegion,
    )}, without its standby in ${regionLabel(
      region,
    )} until the region returns.`,
    estimatedRecovery: 'PT0S',
  };
}

const OUTCOME_ORDER: ImpactOutcome[] = [
  'goes-down',
  'unknown',
  'degrades',
  'fails-over',
];

/**
 * What losing a region does to one service; undefined when the service has
 * no presence there (no declared role, no resource located in it). Throws
 * `UnknownRegionError`.
 */
export function serviceImpact(
  region: string,
  service: ServiceEvaluation,
): ServiceImpact | undefined {
  return impactOf(requireRegion(region).name, service);
}

/**
 * What losing a region does to every service with a presence there (a
 * declared role or resources located in it). Throws `UnknownRegionError`.
 */
export function regionImpact(input: {
  region: string;
  services: readonly ServiceEvaluation[];
}): RegionImpact {
  const region = requireRegion(input.region);
  const services = input.services
    .map(s => impactOf(region.name, s))
    .filter((s): s is ServiceImpact => s !== undefined)
    .sort(
      (a, b) =>
        OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) ||
        a.entityRef.localeCompare(b.entityRef),
    );
  const totals: Record<ImpactOutcome, number> = {
    'fails-over': 0,
    degrades: 0,
    'goes-down': 0,
    unknown: 0,
  };
  for (const s of services) {
    totals[s.outcome] += 1;
  }
  return {
    region: region.name,
    displayName: region.displayName,
    geography: region.geography,
    pairedRegion: region.pairedRegion ?? null,
    services,
    totals,
  };
}

import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  entityCoverage,
  isChildOf,
  judgedTypesOf,
  type AzureResource,
  type CoverageGap,
  type EntityCoverage,
  type InventoryIndex,
  type InventoryProvenance,
  type JudgedTypes,
} from '@vitals/azure-inventory-common';
import type { DateTime } from 'luxon';
import { readDataClassification, type DataClassification } from './annotations';
import {
  attestationState,
  type AttestationState,
  type ControlAttestation,
} from './attestations';
import {
  catalogChecks as builtInCatalogChecks,
  type CatalogCheck,
  type CatalogCheckContext,
  type DrReadinessSummary,
} from './catalogChecks';
import {
  exemptionState,
  type ComplianceExemption,
  type ExemptionCategory,
  type ExemptionState,
} from './exemptions';
import type {
  ControlDefinition,
  ControlImplementation,
  ControlSeverity,
  Framework,
  Safeguard,
} from './frameworks/types';
import {
  indexResources,
  normaliseResourceId,
  type ResourceIndex,
} from './resourceIndex';
import { resourceRules as builtInResourceRules } from './rules';
import type {
  CheckStatus,
  PolicyMirror,
  ResourceRule,
  RuleContext,
} from './rules/types';
import {
  indexForSelection,
  parseAzureSelectors,
  type ResourceSelection,
} from './selectors';
import {
  NO_SLOTS,
  planEvaluation,
  type EvaluationPlan,
} from './evaluationPlan';
import { toDateTime, toIsoString, type Instant } from './time';

export type ControlStatus =
  | 'pass'
  | 'fail'
  | 'exempt'
  | 'not-applicable'
  | 'unknown';
export type ComplianceStatus =
  | 'compliant'
  | 'non-compliant'
  | 'exempt'
  | 'not-applicable'
  | 'unknown';
export type FindingSource =
  | 'azure'
  | 'catalog'
  | 'dr-readiness'
  | 'attestation';

/** 6 years: HIPAA's documentation retention (45 CFR 164.316(b)(2)(i)) applied to audit logs. */
export const DEFAULT_MINIMUM_LOG_RETENTION_DAYS = 2190;
/** Long-term retention of SQL backups holding PHI. */
export const DEFAULT_MINIMUM_BACKUP_RETENTION = 'P6Y';

/** One piece of evidence: a rule or check applied to one resource (or to the entity). */
export interface ComplianceFinding {
  /** The resource judged; `null` for catalog checks and attestations. */
  resourceId: string | null;
  resourceType: string | null;
  /** The rule or check id. */
  rule: string;
  source: FindingSource;
  status: CheckStatus;
  message: string;
  property: string;
  expected: string;
  actual: string | null;
  mirrors: PolicyMirror | null;
  remediation: string | null;
  /** A child or related resource holding the evidence (auditing settings, diagnostic setting, workspace table). */
  evidenceResourceId: string | null;
  /** When the underlying data was read (inventory fetch, DR assessment, attestation). */
  observedAt: string | null;
  /** Set when an active resource-level exemption covers this finding. */
  exemptionId: string | null;
  /** True when an active attestation satisfies this otherwise unknown finding. */
  attested: boolean;
}

export interface ExemptionRecord {
  id: string;
  category: ExemptionCategory;
  reason: string;
  alternativeMeasure: string | null;
  ticketUrl: string | null;
  requester: string;
  approver: string;
  createdAt: string;
  expiresAt: string;
  resourceId: string | null;
  state: ExemptionState;
  detail: string | null;
}

export interface AttestationRecord {
  id: string | null;
  link: string;
  attestedBy: string;
  attestedAt: string;
  reviewBy: string;
  state: AttestationState;
}

export interface ControlResult {
  id: string;
  title: string;
  citation: string;
  safeguard: Safeguard;
  severity: ControlSeverity;
  implementation: ControlImplementation;
  status: ControlStatus;
  /** One line on why the control has its status. */
  summary: string;
  findings: ComplianceFinding[];
  /** The active control-level exemption applied, if any. */
  exemption: ExemptionRecord | null;
  /** Every exemption recorded for this control and entity, with its state (expired ones included). */
  exemptions: ExemptionRecord[];
  /** The attestation in force, or the most recent lapsed one. */
  attestation: AttestationRecord | null;
}

/** A resource of the entity no HIPAA rule judges. */
export interface ComplianceCoverageGap extends CoverageGap {
  /**
   * The active resource-level exemption that covers the resource: the gap
   * then no longer holds the verdict at `unknown`.
   */
  exemptionId?: string;
}

/** Which of the entity's resources (its selection and their children) the HIPAA rules judged. */
export interface ComplianceCoverage extends EntityCoverage {
  notEvaluated: ComplianceCoverageGap[];
  /**
   * False on a verdict stored before coverage was recorded with verdicts: the
   * counts are then empty and say nothing about the resources. Absent otherwise.
   */
  recorded?: false;
}

export interface EntityComplianceResult {
  entityRef: string;
  owner: string | null;
  system: string | null;
  framework: string;
  frameworkVersion: string;
  classification: DataClassification | null;
  /** Whether the framework is enforced for this classification (HIPAA: `phi`). */
  enforced: boolean;
  status: ComplianceStatus;
  statusReason: string;
  /** Severity-weighted share of passing controls (high 3, medium 2, low 1), 0–100; exempt and not-applicable controls excluded. */
  score: number | null;
  counts: Record<ControlStatus, number>;
  controls: ControlResult[];
  /**
   * Every resource of the entity is either judged or named here; a blocking
   * gap no exemption covers keeps the status from passing.
   */
  coverage: ComplianceCoverage;
  evaluatedAt: string;
  ruleVersion: string;
  inventory: InventoryProvenance | null;
}

export interface ComplianceEvaluationOptions {
  minimumLogRetentionDays?: number;
  minimumBackupRetention?: string;
  /** Child resource types the inventory collects; see RuleContext.collectedChildTypes. */
  collectedChildTypes?: ReadonlySet<string> | readonly string[];
}

export interface ComplianceEvaluationInput {
  framework: Framework;
  entity: Entity;
  /** The entity's resources, as its selector matched them; their child resources are added from the inventory. */
  resources: readonly AzureResource[];
  /**
   * Clauses of the entity's `vitals.dev/azure-selector` that could not be
   * read: resources they were meant to name may be missing, so the verdict is
   * at best `unknown`.
   */
  invalidSelectors?: readonly string[];
  /** The whole estate indexed once; built from `resources` when absent. */
  inventory?: ResourceIndex;
  provenance?: InventoryProvenance;
  drSummary?: DrReadinessSummary | null;
  /** Exemptions; those of other entities are ignored. */
  exemptions?: readonly ComplianceExemption[];
  attestations?: readonly ControlAttestation[];
  /** Group refs in the catalog (`group:default/payments`). */
  knownGroups?: ReadonlySet<string> | readonly string[];
  options?: ComplianceEvaluationOptions;
  now: Instant;
  /** Identifies the rule set that produced the result, recorded with it. */
  ruleVersion: string;
  rules?: readonly ResourceRule[];
  catalogChecks?: readonly CatalogCheck[];
}

const OVERALL_STATUS: Record<ControlStatus, ComplianceStatus> = {
  fail: 'non-compliant',
  unknown: 'unknown',
  exempt: 'exempt',
  pass: 'compliant',
  'not-applicable': 'not-applicable',
};

const SEVERITY_WEIGHT: Record<ControlSeverity, number> = {
  high: 3,
  medium: 2,
  low: 1,
};

const lower = (s: string) => s.toLowerCase();

/**
 * Most controls of most services carry no exemption: they share one frozen
 * empty list rather than allocate hundreds of thousands of them per estate.
 */
const NO_EXEMPTIONS = Object.freeze([]) as unknown as ExemptionRecord[];
const NO_ATTESTATIONS: readonly AttestationRecord[] = Object.freeze([]);

// Summaries repeat with the finding count; build each text once.
const passSummaries = new Map<number, string>();
function allPass(count: number): string {
  let text = passSummaries.get(count);
  if (!text) {
    text = `All ${count} finding(s) pass.`;
    if (passSummaries.size < 1000) passSummaries.set(count, text);
  }
  return text;
}

const groupSets = new WeakMap<object, ReadonlySet<string>>();
const typeSets = new WeakMap<object, ReadonlySet<string>>();
const judgedTypeMaps = new WeakMap<
  readonly ResourceRule[],
  WeakMap<Framework, JudgedTypes>
>();

/**
 * The resource types the framework's rules judge, with the rule ids. Only
 * rules a control names count: a rule no control uses produces no evidence,
 * so the types it reads would otherwise pass unseen.
 */
export function complianceJudgedTypes(
  framework: Framework,
  rules: readonly ResourceRule[] = builtInResourceRules,
): JudgedTypes {
  let byFramework = judgedTypeMaps.get(rules);
  if (!byFramework) {
    byFramework = new WeakMap();
    judgedTypeMaps.set(rules, byFramework);
  }
  let judged = byFramework.get(framework);
  if (!judged) {
    const used = new Set(framework.controls.flatMap(c => c.checks));
    judged = judgedTypesOf(rules.filter(rule => used.has(rule.id)));
    byFramework.set(framework, judged);
  }
  return judged;
}

/** What a gap's rule-less resource is called in a status reason. */
function gapName(gap: CoverageGap): string {
  const name =
    gap.resourceId.split('/').filter(Boolean).pop() ?? gap.resourceId;
  return `${name} (${gap.type})`;
}

function listGaps(gaps: readonly CoverageGap[]): string {
  const shown = gaps.slice(0, 5).map(gapName).join(', ');
  return gaps.length > 5 ? `${shown} and ${gaps.length - 5} more` : shown;
}

/**
 * Marks the blocking gaps an active resource-level exemption covers (on the
 * resource or on a resource it belongs to), as exemptions cover findings.
 */
function exemptGaps(
  coverage: EntityCoverage,
  exemptions: readonly ComplianceExemption[],
  framework: Framework,
  now: DateTime,
): ComplianceCoverage {
  if (exemptions.length === 0 || coverage.notEvaluated.length === 0) {
    return coverage;
  }
  const active: Array<{ id: string; key: string }> = [];
  for (const exemption of exemptions) {
    if (!exemption.resourceId) continue;
    const control = framework.controls.find(c => c.id === exemption.controlId);
    if (
      !control ||
      exemptionState(exemption, control, now).state !== 'active'
    ) {
      continue;
    }
    active.push({
      id: exemption.id,
      key: normaliseResourceId(exemption.resourceId),
    });
  }
  if (active.length === 0) return coverage;
  return {
    evaluated: coverage.evaluated,
    notEvaluated: coverage.notEvaluated.map(gap => {
      if (!gap.blocking) return gap;
      const key = normaliseResourceId(gap.resourceId);
      const by = active.find(a => a.key === key || isChildOf(key, a.key));
      return by ? { ...gap, exemptionId: by.id } : gap;
    }),
  };
}

function lowerSet(
  cache: WeakMap<object, ReadonlySet<string>>,
  values: ReadonlySet<string> | readonly string[] | undefined,
): ReadonlySet<string> | undefined {
  if (!values) {
    return undefined;
  }
  let set = cache.get(values);
  if (!set) {
    set = new Set([...values].map(lower));
    cache.set(values, set);
  }
  return set;
}

function exemptionRecord(
  exemption: ComplianceExemption,
  control: ControlDefinition,
  now: DateTime,
): ExemptionRecord {
  const { state, detail } = exemptionState(exemption, control, now);
  return {
    id: exemption.id,
    category: exemption.category,
    reason: exemption.reason,
    alternativeMeasure: exemption.alternativeMeasure ?? null,
    ticketUrl: exemption.ticketUrl ?? null,
    requester: exemption.requester,
    approver: exemption.approver,
    createdAt: exemption.createdAt,
    expiresAt: exemption.expiresAt,
    resourceId: exemption.resourceId ?? null,
    state,
    detail: detail ?? null,
  };
}

function attestationRecord(
  a: ControlAttestation,
  now: DateTime,
): AttestationRecord {
  return {
    id: a.id ?? null,
    link: a.link,
    attestedBy: a.attestedBy,
    attestedAt: a.attestedAt,
    reviewBy: a.reviewBy,
    state: attestationState(a, now),
  };
}

const STATUS_RANK: Record<ControlStatus, number> = {
  fail: 4,
  unknown: 3,
  exempt: 2,
  pass: 1,
  'not-applicable': 0,
};
const BY_RANK: Array<ControlStatus | undefined> = [
  undefined,
  'pass',
  'exempt',
  'unknown',
  'fail',
];

function worst(statuses: readonly ControlStatus[]): ControlStatus | undefined {
  let rank = 0;
  for (const s of statuses) {
    if (STATUS_RANK[s] > rank) rank = STATUS_RANK[s];
  }
  return BY_RANK[rank];
}

function effectiveStatus(f: ComplianceFinding): ControlStatus {
  if (f.exemptionId) return 'exempt';
  if (f.attested) return 'pass';
  return f.status;
}

/** Effective statuses of a control's findings, counted in one pass. */
function tally(findings: readonly ComplianceFinding[]) {
  const counts = { fail: 0, unknown: 0, exempt: 0, pass: 0, attested: 0 };
  let rank = 0;
  let firstFailing: ComplianceFinding | undefined;
  let firstUnknown: ComplianceFinding | undefined;
  for (const f of findings) {
    const status = effectiveStatus(f);
    if (status === 'fail') {
      counts.fail++;
      firstFailing ??= f;
    } else if (status === 'unknown') {
      counts.unknown++;
      firstUnknown ??= f;
    } else if (status === 'exempt') counts.exempt++;
    else if (status === 'pass') counts.pass++;
    if (f.attested) counts.attested++;
    if (STATUS_RANK[status] > rank) rank = STATUS_RANK[status];
  }
  return { counts, worst: BY_RANK[rank], firstFailing, firstUnknown };
}

function controlSummary(
  status: ControlStatus,
  findings: readonly ComplianceFinding[],
  control: ControlDefinition,
  { counts, firstFailing, firstUnknown }: ReturnType<typeof tally>,
): string {
  switch (status) {
    case 'not-applicable':
      return 'None of the checked resource types is part of this service.';
    case 'exempt':
      return counts.fail + counts.unknown > 0
        ? 'Failing or unverified evidence is covered by an active exemption.'
        : 'All failing evidence is covered by exemptions.';
    case 'pass':
      if (control.checks.length === 0) return 'Satisfied by attestation.';
      return counts.attested > 0
        ? `All ${findings.length} finding(s) pass (some by attestation).`
        : allPass(findings.length);
    case 'fail':
      return `${counts.fail} of ${findings.length} finding(s) fail${
        firstFailing ? `: ${firstFailing.message}` : ''
      }`;
    default:
      return control.checks.length === 0 && findings.length === 0
        ? 'No automated evidence exists for this control; it needs an attestation.'
        : `${counts.unknown} of ${findings.length} finding(s) lack evidence${
            firstUnknown ? `: ${firstUnknown.message}` : '.'
          }`;
  }
}

/** What the evaluations of every entity of one run share: worked out once per estate. */
interface EvaluationSetup {
  now: DateTime;
  evaluatedAt: string;
  plan: EvaluationPlan;
  judged: JudgedTypes;
  minimumLogRetentionDays: number;
  minimumBackupRetention: string;
  collectedChildTypes: ReadonlySet<string> | undefined;
  knownGroups: ReadonlySet<string> | undefined;
}

function setUp(
  input: Omit<ComplianceEvaluationInput, 'entity' | 'resources'>,
): EvaluationSetup {
  const now = toDateTime(input.now);
  if (!now.isValid) {
    throw new TypeError('now must be a valid instant');
  }
  const rules = input.rules ?? builtInResourceRules;
  return {
    now,
    evaluatedAt: toIsoString(now),
    plan: planEvaluation(
      input.framework,
      rules,
      input.catalogChecks ?? builtInCatalogChecks,
    ),
    judged: complianceJudgedTypes(input.framework, rules),
    minimumLogRetentionDays:
      input.options?.minimumLogRetentionDays ??
      DEFAULT_MINIMUM_LOG_RETENTION_DAYS,
    minimumBackupRetention:
      input.options?.minimumBackupRetention ?? DEFAULT_MINIMUM_BACKUP_RETENTION,
    collectedChildTypes: lowerSet(typeSets, input.options?.collectedChildTypes),
    knownGroups: lowerSet(groupSets, input.knownGroups),
  };
}

/**
 * Evaluates one entity against a framework. Pure: the clock, the inventory,
 * the DR summary, exemptions and attestations are all inputs.
 */
export function evaluateCompliance(
  input: ComplianceEvaluationInput,
): EntityComplianceResult {
  return evaluateWith(input, setUp(input));
}

/** What is particular to one entity of an evaluation. */
type EntityInput = Pick<
  ComplianceEvaluationInput,
  | 'framework'
  | 'entity'
  | 'resources'
  | 'invalidSelectors'
  | 'inventory'
  | 'provenance'
  | 'drSummary'
  | 'exemptions'
  | 'attestations'
  | 'ruleVersion'
>;

/**
 * Evaluates one entity. `inScope`, when given, collects the resources the
 * entity was judged on: its own and their descendants.
 */
function evaluateWith(
  input: EntityInput,
  setup: EvaluationSetup,
  inScope?: Set<AzureResource>,
): EntityComplianceResult {
  const { framework, entity } = input;
  const { now, evaluatedAt, plan } = setup;
  const entityRef = stringifyEntityRef(entity);
  const classification = readDataClassification(entity).value ?? null;
  const inventory = input.inventory ?? indexResources(input.resources);

  // The entity's resources plus their children (databases under a server),
  // deduplicated and grouped by type.
  const scope = new Map<string, AzureResource>();
  for (const resource of input.resources) {
    inScope?.add(resource);
    scope.set(inventory.key(resource.id), resource);
    for (const child of inventory.descendants(resource.id)) {
      inScope?.add(child);
      scope.set(inventory.key(child.id), child);
    }
  }
  const scoped = [...scope.values()];
  const scopeByType = new Map<string, AzureResource[]>();
  // Whether any resource of the scope has a type the rule in each slot
  // judges: most rules judge none, and are passed over without a lookup per
  // type.
  const judges = new Uint8Array(plan.rules.length);
  for (const resource of scoped) {
    const type = lower(resource.type);
    const list = scopeByType.get(type);
    if (list) {
      list.push(resource);
      continue;
    }
    scopeByType.set(type, [resource]);
    for (const slot of plan.slotsByType.get(type) ?? NO_SLOTS) {
      judges[slot] = 1;
    }
  }

  const coverage = entityCoverage(scoped, setup.judged, 'HIPAA rule');

  const ruleContext: RuleContext = {
    inventory,
    minimumLogRetentionDays: setup.minimumLogRetentionDays,
    minimumBackupRetention: setup.minimumBackupRetention,
    collectedChildTypes: setup.collectedChildTypes,
  };
  const catalogContext: CatalogCheckContext = {
    knownGroups: setup.knownGroups,
    drSummary: input.drSummary ?? undefined,
    now,
  };
  const observedAtAzure = input.provenance?.fetchedAt ?? null;

  // A rule or check used by several controls is evaluated once per entity,
  // and its findings are shared by those controls' lists: the result of an
  // estate holds hundreds of thousands of findings, and every copy is garbage
  // to collect. Exemptions and attestations replace a finding in one
  // control's list with a marked copy instead of changing the shared one.
  // By the rule's slot in the plan rather than in a map grown per entity.
  const ruleFindings: Array<ComplianceFinding[] | undefined> = new Array(
    plan.rules.length,
  );
  const findingsOf = (slot: number): ComplianceFinding[] => {
    const cached = ruleFindings[slot];
    if (cached) return cached;
    if (judges[slot] === 0) {
      ruleFindings[slot] = [];
      return ruleFindings[slot]!;
    }
    // What every finding of the rule shares, read once.
    const { rule, types } = plan.rules[slot];
    const ruleId = rule.id;
    const narrowed = Boolean(rule.appliesTo);
    const ruleMirrors = rule.mirrors ?? null;
    const remediation = rule.remediation;
    // Sized up front to the resources of the rule's types: the lists are kept
    // in the results, where an array grown by `push` would hold room for 16.
    let size = 0;
    for (const resourceType of types) {
      size += scopeByType.get(resourceType)?.length ?? 0;
    }
    const found = new Array<ComplianceFinding>(size);
    let count = 0;
    // The scope is grouped by lower-cased type: the resources' own.
    for (const resourceType of types) {
      const resources = scopeByType.get(resourceType);
      if (!resources) continue;
      for (const resource of resources) {
        if (narrowed && !rule.appliesTo!(resource)) {
          continue;
        }
        const outcome = rule.evaluate(resource, ruleContext);
        found[count++] = {
          resourceId: resource.id,
          resourceType,
          rule: ruleId,
          source: 'azure',
          status: outcome.status,
          message: outcome.message,
          property: outcome.property,
          expected: outcome.expected,
          actual: outcome.actual,
          mirrors: outcome.mirrors ?? ruleMirrors,
          remediation,
          evidenceResourceId: outcome.evidenceResourceId ?? null,
          observedAt: observedAtAzure,
          exemptionId: null,
          attested: false,
        };
      }
    }
    // A narrowed rule may judge fewer resources than its types hold.
    found.length = count;
    ruleFindings[slot] = found;
    return found;
  };
  const checkFindings = new Map<string, ComplianceFinding>();
  const findingOf = (check: CatalogCheck) => {
    let finding = checkFindings.get(check.id);
    if (!finding) {
      const outcome = check.evaluate(entity, catalogContext);
      finding = {
        resourceId: null,
        resourceType: null,
        rule: check.id,
        source: check.source,
        status: outcome.status,
        message: outcome.message,
        property: outcome.property,
        expected: outcome.expected,
        actual: outcome.actual,
        mirrors: null,
        remediation: check.remediation,
        evidenceResourceId: null,
        observedAt:
          check.source === 'dr-readiness'
            ? catalogContext.drSummary?.evaluatedAt ?? null
            : evaluatedAt,
        exemptionId: null,
        attested: false,
      };
      checkFindings.set(check.id, finding);
    }
    return finding;
  };

  const entityKey = lower(entityRef);
  const exemptions = (input.exemptions ?? []).filter(
    e => lower(e.entityRef ?? '') === entityKey,
  );
  const attestations = (input.attestations ?? []).filter(
    a => lower(a.entityRef ?? '') === entityKey,
  );
  const covered = exemptGaps(coverage, exemptions, framework, now);

  const controls = plan.controls.map((planned): ControlResult => {
    const { control, checks, only } = planned;
    // A control with one rule shares that rule's list until something (an
    // exemption, an attestation) has to change it.
    let findings: ComplianceFinding[];
    // Set once `findings` is this control's own list, free to change; the
    // shared list is copied first (inline rather than in a closure, which
    // would move both variables into a context allocated per control).
    let ownsFindings = only === undefined;
    let usesResourceRules = only !== undefined;
    let resourceFindings = 0;
    if (only !== undefined) {
      findings = findingsOf(only);
      resourceFindings = findings.length;
    } else {
      // Sized up front, as the rules' lists are: one finding per catalog
      // check or undefined id, and the findings of each rule.
      let size = 0;
      for (const step of checks) {
        size += step.kind === 'rule' ? findingsOf(step.slot).length : 1;
      }
      findings = new Array<ComplianceFinding>(size);
      let n = 0;
      for (const step of checks) {
        if (step.kind === 'rule') {
          usesResourceRules = true;
          const found = findingsOf(step.slot);
          resourceFindings += found.length;
          for (const finding of found) findings[n++] = finding;
          continue;
        }
        if (step.kind === 'catalog') {
          findings[n++] = findingOf(step.check);
          continue;
        }
        findings[n++] = {
          resourceId: null,
          resourceType: null,
          rule: step.id,
          source: 'catalog',
          status: 'unknown',
          message: `The framework names check ${step.id}, which is not defined.`,
          property: '',
          expected: '',
          actual: null,
          mirrors: null,
          remediation: null,
          evidenceResourceId: null,
          observedAt: null,
          exemptionId: null,
          attested: false,
        };
      }
    }
    if (usesResourceRules && resourceFindings === 0 && scope.size === 0) {
      if (!ownsFindings) {
        findings = [...findings];
        ownsFindings = true;
      }
      findings.push({
        resourceId: null,
        resourceType: null,
        rule: 'inventory.resources',
        source: 'azure',
        status: 'unknown',
        message:
          'No Azure resources matched the service (vitals.dev/azure-selector or the vitals-entity tag), so nothing could be checked.',
        property: 'vitals.dev/azure-selector',
        expected: 'at least one matching Azure resource',
        actual: null,
        mirrors: null,
        remediation:
          'Tag the resources vitals-entity=<entity ref> or set vitals.dev/azure-selector on the entity.',
        evidenceResourceId: null,
        observedAt: observedAtAzure,
        exemptionId: null,
        attested: false,
      });
    }

    const records =
      exemptions.length === 0
        ? NO_EXEMPTIONS
        : exemptions
            .filter(e => e.controlId === control.id)
            .map(e => exemptionRecord(e, control, now));
    for (const record of records) {
      if (record.state !== 'active' || !record.resourceId) {
        continue;
      }
      for (let i = 0; i < findings.length; i++) {
        const finding = findings[i];
        if (
          finding.status !== 'pass' &&
          !finding.exemptionId &&
          finding.resourceId &&
          (normaliseResourceId(finding.resourceId) ===
            normaliseResourceId(record.resourceId) ||
            isChildOf(finding.resourceId, record.resourceId))
        ) {
          if (!ownsFindings) {
            findings = [...findings];
            ownsFindings = true;
          }
          findings[i] = { ...finding, exemptionId: record.id };
        }
      }
    }

    const attestationRecords =
      attestations.length === 0
        ? NO_ATTESTATIONS
        : attestations
            .filter(a => a.controlId === control.id)
            .map(a => attestationRecord(a, now))
            .sort((a, b) => (a.attestedAt < b.attestedAt ? 1 : -1));
    const activeAttestation =
      attestationRecords.length === 0
        ? null
        : attestationRecords.find(a => a.state === 'active') ?? null;
    const shownAttestation =
      activeAttestation ??
      (attestationRecords.length === 0
        ? null
        : attestationRecords.find(a => a.state === 'expired') ?? null);
    if (activeAttestation) {
      for (let i = 0; i < findings.length; i++) {
        const finding = findings[i];
        if (finding.status === 'unknown' && !finding.exemptionId) {
          if (!ownsFindings) {
            findings = [...findings];
            ownsFindings = true;
          }
          findings[i] = { ...finding, attested: true };
        }
      }
    }

    // Without findings: a control with no checks needs an attestation; one
    // whose checks found no resource of their types does not apply.
    let withoutFindings: ControlStatus = 'not-applicable';
    if (control.checks.length === 0) {
      withoutFindings = activeAttestation ? 'pass' : 'unknown';
    }
    const counted = tally(findings);
    let status: ControlStatus = counted.worst ?? withoutFindings;

    const controlExemption =
      records.length === 0
        ? null
        : records.find(r => r.state === 'active' && !r.resourceId) ?? null;
    const applied =
      controlExemption && (status === 'fail' || status === 'unknown');
    if (applied) {
      status = 'exempt';
    }
    if (activeAttestation) {
      if (!ownsFindings) {
        findings = [...findings];
        ownsFindings = true;
      }
      findings.push({
        resourceId: null,
        resourceType: null,
        rule: 'attestation',
        source: 'attestation',
        status: 'pass',
        message: `Attested by ${activeAttestation.attestedBy} on ${activeAttestation.attestedAt}; review by ${activeAttestation.reviewBy}.`,
        property: 'attestation.link',
        expected: `evidence reviewed before ${activeAttestation.reviewBy}`,
        actual: activeAttestation.link,
        mirrors: null,
        remediation: null,
        evidenceResourceId: null,
        observedAt: activeAttestation.attestedAt,
        exemptionId: null,
        attested: false,
      });
    }
    return {
      id: control.id,
      title: control.title,
      citation: control.citation,
      safeguard: control.safeguard,
      severity: control.severity,
      implementation: control.implementation,
      status,
      summary: applied
        ? `Exempt (${controlExemption.category}) until ${controlExemption.expiresAt}: ${controlExemption.reason}`
        : controlSummary(status, findings, control, counted),
      findings,
      exemption: applied ? controlExemption : null,
      exemptions: records,
      attestation: shownAttestation,
    };
  });

  const counts: Record<ControlStatus, number> = {
    pass: 0,
    fail: 0,
    exempt: 0,
    'not-applicable': 0,
    unknown: 0,
  };
  let scored = 0;
  let passed = 0;
  for (const c of controls) {
    counts[c.status]++;
    if (c.status === 'pass' || c.status === 'fail' || c.status === 'unknown') {
      scored += SEVERITY_WEIGHT[c.severity];
      if (c.status === 'pass') passed += SEVERITY_WEIGHT[c.severity];
    }
  }
  const score = scored === 0 ? null : Math.round((100 * passed) / scored);

  const enforcedFor = framework.enforcedFor;
  const enforced =
    !enforcedFor ||
    (classification !== null && enforcedFor.includes(classification));
  let status: ComplianceStatus;
  let statusReason: string;
  if (enforcedFor && classification === null) {
    status = 'unknown';
    statusReason = `The service declares no valid data classification (vitals.dev/data-classification), so it is unknown whether ${framework.title} applies; controls are reported as if it did.`;
  } else if (!enforced) {
    status = 'not-applicable';
    statusReason = `${
      framework.title
    } is enforced for services classified ${enforcedFor?.join(
      ', ',
    )}; this service is classified ${classification}, so its controls are reported but not enforced.`;
  } else {
    const overall = worst(controls.map(c => c.status));
    status = OVERALL_STATUS[overall ?? 'not-applicable'];
    statusReason = {
      'non-compliant': `${counts.fail} control(s) fail.`,
      unknown: `No control fails, but ${counts.unknown} ${
        counts.unknown === 1 ? 'lacks' : 'lack'
      } evidence.`,
      exempt: `No control fails; ${counts.exempt} ${
        counts.exempt === 1 ? 'is' : 'are'
      } covered by exemptions.`,
      compliant: 'Every applicable control passes.',
      'not-applicable': 'No control applies to this service.',
    }[status];
  }
  // Nothing passes silently: a resource that may hold PHI and that no rule
  // judges keeps the verdict from passing until an exemption covers it.
  // Services the framework is not enforced for keep their verdict; their
  // coverage is still reported.
  if (enforced || classification === null) {
    const open: ComplianceCoverageGap[] = [];
    const lifted: ComplianceCoverageGap[] = [];
    for (const gap of covered.notEvaluated) {
      if (!gap.blocking) continue;
      if (gap.exemptionId) lifted.push(gap);
      else open.push(gap);
    }
    if (open.length > 0) {
      const named = `${
        open.length
      } resource(s) that may hold or process PHI are judged by no HIPAA rule: ${listGaps(
        open,
      )}.`;
      if (status === 'non-compliant' || status === 'unknown') {
        statusReason = `${statusReason} Also, ${named}`;
      } else {
        status = 'unknown';
        statusReason = `${named} Until a rule judges them or an exemption covers them, the service is at best unknown.`;
      }
    } else if (
      lifted.length > 0 &&
      (status === 'compliant' || status === 'not-applicable')
    ) {
      status = 'exempt';
      statusReason = `No control fails; ${
        lifted.length
      } resource(s) no HIPAA rule judges are covered by exemptions: ${listGaps(
        lifted,
      )}.`;
    }
  }

  // A selector clause that could not be read may hide resources: what was
  // judged cannot stand for the whole service.
  const invalid = input.invalidSelectors ?? [];
  if (invalid.length > 0 && (enforced || classification === null)) {
    const named = `vitals.dev/azure-selector has ${
      invalid.length
    } clause(s) that could not be read (${invalid
      .slice(0, 3)
      .map(term => JSON.stringify(term))
      .join(', ')}${
      invalid.length > 3 ? ` and ${invalid.length - 3} more` : ''
    }), so resources they name may be missing from this evaluation.`;
    if (status === 'non-compliant' || status === 'unknown') {
      statusReason = `${statusReason} Also, ${named}`;
    } else {
      status = 'unknown';
      statusReason = `${named} Until the annotation is fixed, the service is at best unknown.`;
    }
  }

  const owner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : null;
  const system =
    typeof entity.spec?.system === 'string' ? entity.spec.system : null;
  return {
    entityRef,
    owner,
    system,
    framework: framework.id,
    frameworkVersion: framework.version,
    classification,
    enforced,
    status,
    statusReason,
    score,
    counts,
    controls,
    coverage: covered,
    evaluatedAt,
    ruleVersion: input.ruleVersion,
    inventory: input.provenance ?? null,
  };
}

export interface EstateEvaluationInput
  extends Omit<
    ComplianceEvaluationInput,
    'entity' | 'resources' | 'inventory' | 'drSummary'
  > {
  entities: readonly Entity[];
  /** The whole estate. */
  resources: readonly AzureResource[];
  /**
   * The estate indexed once by the inventory (`buildInventoryIndex`), shared
   * with the other evaluations of the same load. Used when it indexes
   * `resources` (the same array); otherwise the estate is indexed here.
   */
  index?: InventoryIndex;
  /** DR summaries by entity ref (lower-case refs). */
  drSummaries?: ReadonlyMap<string, DrReadinessSummary>;
}

export interface EstateEvaluation {
  results: EntityComplianceResult[];
  /** Resources no entity's selector claims. */
  unownedResources: AzureResource[];
  /** Selector clauses that could not be parsed, per entity. */
  selectorErrors: Array<{ entityRef: string; invalid: string[] }>;
}

/**
 * Evaluates many entities over one estate: the inventory, the selector
 * lookup, exemptions and attestations are indexed once, so the cost grows
 * with entities plus resources rather than their product.
 */
export function evaluateEstate(input: EstateEvaluationInput): EstateEvaluation {
  const { index: prebuilt, ...shared } = input;
  const index = prebuilt?.all() === input.resources ? prebuilt : undefined;
  const inventory = index
    ? index.resourceIndex()
    : indexResources(input.resources);
  const parsed = input.entities.map(entity => ({
    entity,
    entityRef: stringifyEntityRef(entity),
    ...parseAzureSelectors(entity),
  }));
  // The inventory's index answers selectors as indexForSelection does unless
  // resources share an id (it keeps the first of them).
  let selection: ResourceSelection;
  if (index?.hasDistinctNormalIds) {
    selection = { select: selectors => index.matchingAny(selectors) };
  } else {
    // Selectors ask for a few tag names (vitals-entity, mostly); index only those.
    const tagNames = new Set<string>();
    let resourceGroups = false;
    for (const { selectors } of parsed) {
      for (const selector of selectors) {
        if (selector.kind === 'tag') tagNames.add(selector.name);
        else resourceGroups = true;
      }
    }
    selection = indexForSelection(input.resources, {
      tagNames,
      resourceGroups,
    });
  }
  const group = <T extends { entityRef: string }>(
    items: readonly T[] | undefined,
  ) => {
    const map = new Map<string, T[]>();
    for (const item of items ?? []) {
      const key = lower(item.entityRef ?? '');
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
    return map;
  };
  const exemptions = group(input.exemptions);
  const attestations = group(input.attestations);
  const knownGroups = lowerSet(groupSets, input.knownGroups);
  // A resource is claimed when some entity's selectors match it, which is
  // exactly what the per-entity selections below return: collect them rather
  // than match every resource against every selector again. Their
  // descendants, collected with them, have a parent and are never reported
  // as unowned either.
  const inScope = new Set<AzureResource>();
  const selectorErrors: EstateEvaluation['selectorErrors'] = [];
  // Worked out with the first entity: an estate without entities needs none.
  let setup: EvaluationSetup | undefined;
  const results = parsed.map(({ entity, entityRef, selectors, invalid }) => {
    if (invalid.length > 0) {
      selectorErrors.push({ entityRef, invalid });
    }
    const resources = selection.select(selectors);
    setup ??= setUp({ ...shared, knownGroups });
    return evaluateWith(
      {
        framework: input.framework,
        entity,
        resources,
        invalidSelectors: invalid,
        inventory,
        provenance: input.provenance,
        drSummary: input.drSummaries?.get(entityRef) ?? null,
        exemptions: exemptions.get(entityRef) ?? [],
        attestations: attestations.get(entityRef) ?? [],
        ruleVersion: input.ruleVersion,
      },
      setup,
      inScope,
    );
  });
  // Only the topmost unclaimed resource is reported; its children go with it
  // (the same rule as findUnownedResources).
  const unownedResources = input.resources.filter(
    resource => !inScope.has(resource) && !inventory.parentOf(resource.id),
  );
  return { results, unownedResources, selectorErrors };
}

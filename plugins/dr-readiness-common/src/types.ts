import type {
  CoverageGap,
  EntityCoverage,
} from '@vitals/azure-inventory-common';
import type { RegionPairing } from './regions';

/** DR tiers, from strictest to none. */
export type DrTier = 'critical' | 'high' | 'standard' | 'none';

/** A tier that carries recovery objectives. */
export type ObjectiveTier = Exclude<DrTier, 'none'>;

/** Data classifications of `vitals.dev/data-classification`. */
export type DataClassification =
  | 'phi'
  | 'pii'
  | 'confidential'
  | 'internal'
  | 'public';

/** Outcome of one readiness check. `unknown` when the evidence is missing: never a pass. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

/** Readiness of a region or an entity. */
export type ReadinessStatus = 'ready' | 'at-risk' | 'not-ready' | 'unknown';

/** The part a region plays in the entity's DR plan. */
export type RegionRole = 'primary' | 'secondary';

/**
 * What a check protects: `data-protection` (a copy of the data survives),
 * `recovery` (the service runs again elsewhere in time), `assurance`
 * (practice and hygiene that make recovery likely).
 */
export type CheckCategory = 'data-protection' | 'recovery' | 'assurance';

/** What a blocking failure means when the region is lost. */
export type FailureImpact = 'goes-down' | 'degrades';

/** One readiness check as the API returns it. */
export interface ReadinessCheckResult {
  /** Stable identifier, e.g. `storage-geo-replication`. */
  id: string;
  title: string;
  category: CheckCategory;
  status: CheckStatus;
  /**
   * True when a `fail` means the service does not come back within its RTO/RPO
   * after losing the region; such a failure makes the region `not-ready`.
   */
  blocking: boolean;
  /**
   * Set on blocking failures: `goes-down` when losing the region leaves the
   * service (or its data) unavailable, `degrades` when it comes back late or
   * with less protection.
   */
  impact?: FailureImpact;
  /** Relative weight in the readiness score. */
  weight: number;
  /** One sentence explaining the status. */
  summary: string;
  /** Resource Manager ids the check looked at. */
  resources: string[];
  /** The exact property values seen, keyed by resource id (and derived values such as ages). */
  evidence: Record<string, unknown>;
  /** What to change; empty when the check passes. */
  remediation: string;
  /**
   * What the check mirrors, as compliance rules name Azure Policy built-ins:
   * Azure Proactive Resiliency Library recommendation ids.
   */
  mirrors?: { aprl: string[] };
}

/** One component of the estimated recovery time of a region loss. */
export interface RecoveryComponent {
  /** What recovers: `traffic-manager`, `front-door`, `sql-failover-group`, `cosmos-db`, `drill`. */
  component: string;
  resourceId?: string;
  /** ISO-8601 duration, or null when it cannot be estimated. */
  duration: string | null;
  /** How the duration was derived. */
  basis: string;
}

/** How long the service takes to serve again after losing a region. */
export interface RecoveryEstimate {
  /** ISO-8601 duration, or null when a needed component cannot be estimated. */
  duration: string | null;
  components: RecoveryComponent[];
}

/** Readiness for the loss of one region. */
export interface RegionReadiness {
  /** Programmatic region name. */
  region: string;
  displayName: string;
  role: RegionRole;
  status: ReadinessStatus;
  /** Why the region has its status. */
  summary: string;
  checks: ReadinessCheckResult[];
  /** Estimated time to serve again if this region is lost (the primary's loss drives the RTO). */
  estimatedRecovery: RecoveryEstimate;
}

/** The replication lag observed right now, the data loss a failover would cause. */
export interface ObservedRpo {
  /** ISO-8601 duration. */
  duration: string;
  seconds: number;
  /** The resource with the largest lag. */
  resourceId: string;
  /** Where the lag was read: `storage-last-sync-time` or the source of a supplied observation. */
  source: string;
  /** Whether the lag fits the declared RPO; null when no RPO is declared. */
  withinObjective: boolean | null;
}

/** A DR drill outcome. */
export type DrillOutcome = 'success' | 'partial' | 'failed';

/**
 * Where a drill stands: as `recorded`, `corrected` (its values are the last
 * correction's), or `withdrawn` (kept in the history, no longer counted for
 * readiness).
 */
export type DrillState = 'recorded' | 'corrected' | 'withdrawn';

/** A correction or withdrawal of a drill: who, when and why. */
export interface DrillRevision {
  action: 'correct' | 'withdraw';
  /** Entity ref of the user who made it. */
  by: string;
  /** ISO-8601 timestamp. */
  at: string;
  reason: string;
}

/** The values of a drill a correction may change. */
export interface DrillValues {
  region: string;
  performedAt: string;
  outcome: DrillOutcome;
  rtoAchieved?: string;
  rpoAchieved?: string;
  notes: string;
}

/** A recorded DR drill. */
export interface DrillRecord {
  id: string;
  entityRef: string;
  /** The region whose loss was rehearsed (programmatic name). */
  region: string;
  /** ISO-8601 timestamp. */
  performedAt: string;
  outcome: DrillOutcome;
  /** ISO-8601 duration measured in the drill. */
  rtoAchieved?: string;
  /** ISO-8601 duration measured in the drill. */
  rpoAchieved?: string;
  notes: string;
  /** Entity ref of the user who recorded it. */
  recordedBy: string;
  /** ISO-8601 timestamp. */
  recordedAt: string;
  /** Served by the API; absent on a drill that was never corrected or withdrawn. */
  state?: DrillState;
  /** Corrections and the withdrawal, oldest first. */
  revisions?: DrillRevision[];
  /** The values as first recorded, when the drill was corrected. */
  original?: DrillValues;
}

/** The body of `POST /api/dr-readiness/entities/:namespace/:kind/:name/drills`. */
export interface DrillInput {
  region: string;
  performedAt: string;
  outcome: DrillOutcome;
  rtoAchieved?: string;
  rpoAchieved?: string;
  notes?: string;
}

/** The body of `PUT .../drills/:id`: the corrected drill and why. */
export interface DrillCorrectionInput extends DrillInput {
  reason: string;
}

/**
 * `vitals.drReadiness.coverageExclusions[]`: a resource no DR check judges
 * that is accepted as it is, and why. `resource` is a resource id (covering
 * its child resources too) or a lower-case resource type.
 */
export interface CoverageExclusion {
  resource: string;
  reason: string;
}

/** A resource of the entity that no DR check judged. */
export interface DrCoverageGap extends CoverageGap {
  /** The reason of the recorded exclusion that covers the gap; such a gap never blocks. */
  excluded?: string;
}

/** How much of an entity's resources the DR checks judged. */
export interface DrEntityCoverage extends EntityCoverage {
  notEvaluated: DrCoverageGap[];
}

/** DR readiness of one entity: `GET /api/dr-readiness/entities/...` without transport fields. */
export interface EntityReadiness {
  entityRef: string;
  policy: { tier: DrTier; rto: string | null; rpo: string | null };
  primaryRegion: string;
  /** Null when the primary is nonpaired and no secondary is declared. */
  secondaryRegion: string | null;
  pairing: RegionPairing;
  /** 0–100, weighted over every check of every region. */
  score: number;
  status: ReadinessStatus;
  /** False for tier `none`: the status is reported, nothing is required. */
  required: boolean;
  /** Why the entity has its status, most important first. */
  reasons: string[];
  regions: RegionReadiness[];
  lastDrill: DrillRecord | null;
  observedRpo: ObservedRpo | null;
  /**
   * The entity's resources as the DR checks saw them: how many were judged,
   * and every one that was not, with why. A gap that may hold data keeps the
   * status from `ready` until an exclusion covers it.
   */
  coverage: DrEntityCoverage;
  /** ISO-8601 timestamp. */
  evaluatedAt: string;
}

/** `GET /api/dr-readiness/entities/:namespace/:kind/:name`. */
export interface EntityReadinessResponse extends EntityReadiness {
  /** True when the Azure inventory behind the evaluation is older than its refresh interval. */
  stale: boolean;
}

/** One row of the entities × regions matrix. */
export interface OverviewRow {
  entityRef: string;
  owner: string | null;
  system: string | null;
  tier: DrTier;
  status: ReadinessStatus;
  /** Status per programmatic region name where the entity has a role. */
  cells: Record<string, ReadinessStatus>;
}

/** `GET /api/dr-readiness/overview`. */
export interface OverviewResponse {
  items: OverviewRow[];
  /** Every region that appears in some row, sorted. */
  regions: string[];
  evaluatedAt: string;
}

/**
 * What losing a region does to a service: `fails-over` within its RTO,
 * `degrades` (survives with reduced capacity or resilience, or recovers
 * beyond its RTO), `goes-down`, or `unknown` when the evidence is missing.
 */
export type ImpactOutcome = 'fails-over' | 'degrades' | 'goes-down' | 'unknown';

/** One service's fate when a region is lost. */
export interface ServiceImpact {
  entityRef: string;
  tier: DrTier;
  /** The region's role for the service; `other` for resources outside its declared regions. */
  role: RegionRole | 'other';
  outcome: ImpactOutcome;
  reason: string;
  /** ISO-8601 duration until the service serves again; null when it cannot be estimated. */
  estimatedRecovery: string | null;
  /** The declared RTO, for comparison. */
  rto: string | null;
  /** Resources of the service located in the region. */
  resources: string[];
}

/** `GET /api/dr-readiness/regions/:region/impact`. */
export interface RegionImpact {
  region: string;
  displayName: string;
  geography: string;
  pairedRegion: string | null;
  services: ServiceImpact[];
  /** Number of services per outcome. */
  totals: Record<ImpactOutcome, number>;
}

import type { EstateCoverage } from '@vitals/azure-inventory-common';
import type { DataClassification } from './annotations';
import type {
  ComplianceStatus,
  ControlStatus,
  EntityComplianceResult,
} from './evaluate';
import type { ExemptionCategory } from './exemptions';
import type { Safeguard } from './frameworks/types';

/**
 * The HTTP contract of the compliance backend (`/api/compliance`), shared by
 * the backend and the frontend.
 */

/** Where the evaluated data came from and how old it is. */
export interface ComplianceDataSources {
  azure: {
    source: 'snapshot' | 'live' | null;
    /** The snapshot file or the Resource Manager endpoint. */
    origin: string | null;
    /** When the data was read from Azure (for a snapshot: its export time). */
    fetchedAt: string | null;
    /** When Vitals last loaded the inventory successfully. */
    refreshedAt: string | null;
    /** Seconds since `refreshedAt`, judged now. */
    ageSeconds: number | null;
    /** True when the last load failed or is overdue: the verdicts use older data. */
    stale: boolean;
    /** Why the last load failed, when it did. */
    error: string | null;
  };
  drReadiness: {
    /** False when the DR-readiness plugin did not answer; its controls are then `unknown`. */
    available: boolean;
    evaluatedAt: string | null;
    error: string | null;
  };
}

/** What the entity lacks for a meaningful evaluation, naming what to add. */
export interface ComplianceEmptyState {
  /** The classification annotation is absent. */
  classificationMissing: boolean;
  /** The annotation's value when it is not one of the known classifications. */
  classificationInvalid: string | null;
  /** `vitals.dev/data-classification`. */
  annotation: string;
  /** No Azure resource matched the entity. */
  noAzureResources: boolean;
  /** `vitals-entity`: the tag the default selector matches. */
  tag: string;
  /** `vitals.dev/azure-selector`. */
  selectorAnnotation: string;
  /** Clauses of `vitals.dev/azure-selector` that could not be parsed. */
  selectorErrors: string[];
}

/** `GET /entities/:namespace/:kind/:name`. */
export interface EntityComplianceResponse extends EntityComplianceResult {
  /**
   * False for a verdict stored before coverage was recorded with verdicts:
   * `coverage` is then `{ evaluated: 0, notEvaluated: [], recorded: false }`
   * and says nothing about the resources; the next evaluation records it.
   */
  coverageRecorded: boolean;
  stale: boolean;
  /** Set when the answer is the stored verdict of a past instant. */
  asOf: string | null;
  dataSources: ComplianceDataSources;
  /** Present when the classification or the Azure resources are missing. */
  emptyState: ComplianceEmptyState | null;
}

/**
 * `GET /coverage`: each resource type of the stored estate and the HIPAA
 * rules that judge it, blind spots first.
 */
export type ComplianceCoverageResponse = EstateCoverage;

/** One row of `GET /overview`. */
export interface ComplianceOverviewItem {
  entityRef: string;
  owner: string | null;
  system: string | null;
  classification: DataClassification | null;
  enforced: boolean;
  status: ComplianceStatus;
  statusReason: string;
  score: number | null;
  counts: Record<ControlStatus, number>;
  /** Control ids by their status. */
  failingControls: string[];
  unknownControls: string[];
  exemptControls: string[];
  /** When this verdict was last confirmed by an evaluation. */
  evaluatedAt: string | null;
}

export interface ControlTeamMatrix {
  controls: Array<{
    id: string;
    title: string;
    citation: string;
    safeguard: Safeguard;
  }>;
  /** One row per owning team (null: services without an owner). */
  rows: Array<{
    owner: string | null;
    services: number;
    cells: Record<string, Record<ControlStatus, number>>;
  }>;
}

/** `GET /overview`. */
export interface ComplianceOverviewResponse {
  items: ComplianceOverviewItem[];
  totals: Record<ComplianceStatus, number>;
  matrix: ControlTeamMatrix;
  /** When the estate was last evaluated (null before the first evaluation). */
  evaluatedAt: string | null;
  stale: boolean;
  asOf: string | null;
  dataSources: ComplianceDataSources;
  /** Azure resources no service claims; listed by `GET /unowned`. */
  unownedResources: number;
}

export interface UnownedResource {
  id: string;
  name: string;
  type: string;
  location: string;
  subscriptionId: string;
  resourceGroup: string;
  tags: Record<string, string>;
}

/** `GET /unowned`. */
export interface UnownedResourcesResponse {
  items: UnownedResource[];
  /** All unowned resources; `items` may be capped. */
  total: number;
  evaluatedAt: string | null;
}

/** A span of time during which an entity's verdict did not change. */
export interface ComplianceStatusSpan {
  from: string;
  /** Null while the verdict still holds. */
  to: string | null;
  status: ComplianceStatus;
  score: number | null;
  counts: Record<ControlStatus, number>;
}

export interface ControlStatusChange {
  at: string;
  controlId: string;
  title: string;
  /** Null when the control first appeared. */
  from: ControlStatus | null;
  to: ControlStatus;
  summary: string;
}

/** `GET /history?entityRef=`. */
export interface EntityComplianceHistoryResponse {
  entityRef: string;
  from: string;
  to: string;
  spans: ComplianceStatusSpan[];
  changes: ControlStatusChange[];
}

/** `GET /history` without `entityRef`: the estate's trend. */
export interface EstateComplianceHistoryResponse {
  from: string;
  to: string;
  points: Array<{
    t: string;
    counts: Record<ComplianceStatus, number>;
    /** Mean score of the services with a score. */
    averageScore: number | null;
  }>;
}

export type StoredExemptionState =
  | 'active'
  | 'expired'
  | 'pending'
  | 'revoked'
  | 'invalid';

/** An exemption as the API returns it. */
export interface ComplianceExemptionRecord {
  id: string;
  entityRef: string;
  controlId: string;
  resourceId: string | null;
  category: ExemptionCategory;
  reason: string;
  alternativeMeasure: string | null;
  ticketUrl: string | null;
  requester: string;
  approver: string;
  createdAt: string;
  expiresAt: string;
  state: StoredExemptionState;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The body of `POST /exemptions`; the approver is the signed-in user. */
export interface ComplianceExemptionInput {
  entityRef: string;
  controlId: string;
  resourceId?: string;
  category: ExemptionCategory;
  reason: string;
  alternativeMeasure?: string;
  ticketUrl?: string;
  requester: string;
  expiresAt: string;
}

export type StoredAttestationState =
  | 'active'
  | 'expired'
  | 'pending'
  | 'revoked'
  | 'invalid';

export interface ComplianceAttestationRecord {
  id: string;
  entityRef: string;
  controlId: string;
  link: string;
  note: string | null;
  attestedBy: string;
  attestedAt: string;
  reviewBy: string;
  state: StoredAttestationState;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The body of `POST /attestations`; the attesting person is the signed-in user. */
export interface ComplianceAttestationInput {
  entityRef: string;
  controlId: string;
  link: string;
  note?: string;
  reviewBy: string;
}

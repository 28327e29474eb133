import { SloDocumentIssue } from './parse';
import { CalendarPeriodResult } from './math/calendar';
import { PolicyState } from './math/policy';
import { BudgetingMethod, ThresholdOperator } from './model';

/** The HTTP shapes of the SLO backend (see DESIGN.md, "HTTP contracts"). */

export interface SloBurnRate {
  longWindow: string;
  shortWindow: string;
  factor: number;
  longRate: number | null;
  shortRate: number | null;
  firing: boolean;
  severity: 'page' | 'ticket';
}

export interface SloStatus {
  name: string;
  displayName: string;
  description?: string;
  service: string;
  /** Objective as a fraction: 0.999 for 99.9%. */
  target: number;
  window: { duration: string; rolling: boolean; start?: string; end?: string };
  budgetingMethod: BudgetingMethod;
  dataSource: string;
  objective: {
    displayName?: string;
    op?: ThresholdOperator;
    value?: number;
    timeSliceTarget?: number;
    timeSliceWindow?: string;
  };
  sli: { good: number; total: number; ratio: number | null };
  errorBudget: { budget: number; consumed: number; remaining: number };
  burnRates: SloBurnRate[];
  exhaustionAt: string | null;
  policyState: PolicyState;
  /** What the error-budget policy asks of the owning team now. */
  policyGuidance: string;
  /** When the figures were computed (from data up to this instant); null before the first refresh. */
  computedAt: string | null;
  /** The figures are older than they should be: the last refresh failed or has not run. */
  stale: boolean;
  /** Age of the figures in seconds, when computed. */
  ageSeconds: number | null;
  /** Share of the window's buckets that have data. */
  coverage: number;
  /** Calendar history: past months and quarters. */
  history: CalendarPeriodResult[];
  /** Why the SLO could not be (re)computed: data source errors, unusable queries. */
  errors: string[];
  warnings: string[];
  source: { file: string; documentIndex: number };
  /** Set on the entry of a composite (journey) SLO: its components and how each weighs in. */
  composite?: SloCompositeStatus;
}

/** One component of a composite SLO, as it stood when the composite was computed. */
export interface SloCompositeComponent {
  /** The component's own SLO row of the same entity: `<slo>.<objective>`. */
  name: string;
  displayName: string;
  weight: number;
  target: number;
  /** null while the component has no data; it is then left out of the composite. */
  sli: number | null;
  /** The component's own budget left (1 − cᵢ); null without data. */
  remaining: number | null;
  /** Its share of the composite's consumption, wᵢ bᵢ cᵢ / Σ wⱼ bⱼ (the shares add up to the composite's consumed); null without data. */
  contribution: number | null;
  policyState: PolicyState | null;
  /** The entity the component measures, when its indicator names one. */
  entityRef?: string;
  stale: boolean;
}

export interface SloCompositeStatus {
  components: SloCompositeComponent[];
}

export interface SloEntityResponse {
  entityRef: string;
  /** The references of `vitals.dev/slo-ref` as resolved. */
  refs: string[];
  slos: SloStatus[];
  /** Problems in the SLO documents (bad documents never hide good ones). */
  documentErrors: SloDocumentIssue[];
  /** Why the documents could not be read, if they could not. */
  readError?: string;
  /** True when the entity has no `vitals.dev/slo-ref` annotation. */
  annotationMissing?: boolean;
}

export interface SloOverviewItem {
  entityRef: string;
  owner: string | null;
  system: string | null;
  slo: string;
  displayName: string;
  target: number;
  sli: number | null;
  remaining: number | null;
  policyState: PolicyState | null;
  firing: boolean;
  firingSeverity: 'page' | 'ticket' | null;
  stale: boolean;
  computedAt: string | null;
  error: string | null;
  /** A composite (journey) SLO's entry. */
  composite?: boolean;
}

export interface SloOverviewResponse {
  items: SloOverviewItem[];
  computedAt: string | null;
}

export interface SloHistoryPointDto {
  t: string;
  sli: number | null;
  burnRate: number | null;
  remaining: number;
}

export interface SloHistoryResponse {
  entityRef: string;
  slo: string;
  from: string;
  to: string;
  step: string;
  /** Burn rate over each step, so it is comparable with the alert factors only for matching windows. */
  points: SloHistoryPointDto[];
}

export interface SloDataSourceStatus {
  name: string;
  type: string;
  healthy: boolean;
  message?: string;
}

/** One SLO that holds the deploy gate shut or warns about it. */
export interface SloDeployGateReason {
  slo: string;
  displayName: string;
  /** Share of the error budget left (negative when overspent). */
  remaining: number;
  policyState: PolicyState;
  /** The figures are older than they should be. */
  stale: boolean;
}

/** A recorded decision to let releases through a closed gate until `expiresAt`. */
export interface SloDeployGateOverride {
  id: string;
  entityRef: string;
  /** Who asked for the override (a catalog User). */
  requester: string;
  /** Who decided it: never the requester. */
  approver: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  /** Neither expired nor revoked. */
  active: boolean;
}

/**
 * `GET /entities/:namespace/:kind/:name/deploy-gate`: `allow` is false while
 * any SLO of the entity is in `freeze` and no override is active.
 */
export interface SloDeployGateResponse {
  entityRef: string;
  allow: boolean;
  /** The worst policy state among the entity's SLOs. */
  policyState: PolicyState;
  /** SLOs in `freeze` or `warning`, the worst first. */
  reasons: SloDeployGateReason[];
  /** The active override, when one lets releases through. */
  override: SloDeployGateOverride | null;
  /** One line a pipeline can print. */
  message: string;
}

export interface SloDeployGateOverridesResponse {
  items: SloDeployGateOverride[];
}

/** A deployment of a service, as a pipeline (or a person) recorded it. */
export interface SloDeployment {
  id: string;
  entityRef: string;
  version: string;
  environment: string;
  at: string;
  url: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface SloDeploymentsResponse {
  entityRef: string;
  from: string;
  to: string;
  items: SloDeployment[];
}

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

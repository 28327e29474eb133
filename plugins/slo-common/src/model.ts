/**
 * The SLO model Vitals computes with. OpenSLO v1 documents, Sloth service
 * specs and Pyrra ServiceLevelObjectives are all converted to it.
 */

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type ThresholdOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** One query against a metrics data source. */
export interface MetricQuery {
  /** The configured data source to run it on (OpenSLO `metricSourceRef`). */
  dataSourceRef?: string;
  /** The data source type the document names (`Prometheus`, `Datadog`, ...). */
  dataSourceType?: string;
  /** PromQL. May contain Sloth's `{{.window}}` placeholder. */
  query: string;
  /**
   * The `metricSource.spec` mapping as written, for sources whose queries
   * are fields rather than one string (`azure-monitor-metrics`: resourceId,
   * metricName, …).
   */
  spec?: Record<string, unknown>;
}

export type Indicator =
  | {
      kind: 'ratio';
      /**
       * true: the queries return cumulative counters; false: they return
       * per-second rates (or ratios) over a window of their own.
       */
      counter: boolean;
      good?: MetricQuery;
      bad?: MetricQuery;
      total: MetricQuery;
    }
  | {
      /** One query returning the ratio directly (OpenSLO `raw`, Sloth `raw`). */
      kind: 'raw-ratio';
      /** Whether the query returns the success ratio or the error ratio. */
      ratioType: 'success' | 'failure';
      query: MetricQuery;
    }
  | {
      /** A value (latency, lag) compared with each objective's `op` and `value`. */
      kind: 'threshold';
      query: MetricQuery;
    };

export interface TimeWindow {
  /** Length in milliseconds (fixed lengths for M, Q and Y when rolling). */
  durationMs: number;
  /** As written: `30d`, `1w`, `1M`. */
  duration: string;
  rolling: boolean;
  /** For calendar windows: where periods start and in which time zone. */
  calendar?: { startTime: string; timeZone: string };
  /** For calendar windows: the period unit and count (`1M` → month × 1). */
  calendarUnit?: { count: number; unit: string };
}

export interface Objective {
  /** Stable key of the objective within its SLO. */
  key: string;
  displayName?: string;
  /** Fraction in (0, 1): 0.999 for 99.9%. */
  target: number;
  op?: ThresholdOperator;
  value?: number;
  /** Timeslices: the share of good events (or the value check) a slice needs to be good. */
  timeSliceTarget?: number;
  /** Timeslices and RatioTimeslices: slice length in milliseconds. */
  timeSliceWindowMs?: number;
  /** The objective's own indicator: each component of a composite SLO has one. */
  indicator?: Indicator;
  /** A composite component's weight (OpenSLO `compositeWeight`, default 1). */
  compositeWeight?: number;
  /**
   * The catalog entity a composite component measures, from the indicator's
   * `vitals.dev/entity-ref` metadata annotation, when it names one.
   */
  entityRef?: string;
}

/** A burn-rate alert window pair, with the factor that fires it. */
export interface BurnRateWindow {
  longWindowMs: number;
  shortWindowMs: number;
  /** Burn rate above which the window fires (both long and short must exceed it). */
  factor: number;
  /** Share of the whole budget spent when the long window burns at `factor`. */
  budgetFraction: number;
  severity: 'page' | 'ticket';
}

export interface AlertingOptions {
  page: boolean;
  ticket: boolean;
}

export type SloSourceFormat =
  | 'openslo/v1'
  | 'openslo/v1alpha'
  | 'sloth/prometheus-v1'
  | 'sloth/kubernetes'
  | 'pyrra';

/** One SLO, normalised. */
export interface SloDefinition {
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  format: SloSourceFormat;
  /** For a composite SLO, its first component's (each component has its own). */
  indicator: Indicator;
  /**
   * An OpenSLO composite: every objective names its own indicator and the SLO
   * as a whole is judged by their weighted combination.
   */
  composite?: boolean;
  timeWindow: TimeWindow;
  budgetingMethod: BudgetingMethod;
  objectives: Objective[];
  alerting: AlertingOptions;
  /** Custom burn-rate windows (Sloth AlertWindows); derived from the window when absent. */
  alertWindows?: BurnRateWindow[];
  labels: Record<string, string>;
  /** Things worth knowing that did not stop the SLO from being evaluated. */
  warnings: string[];
  /** Where it was read from. */
  source: { file: string; documentIndex: number };
}

/**
 * What the portal shows as one SLO row: an SLO with one of its objectives.
 * SLOs with one objective keep their name; others get `<slo>.<objective key>`.
 * The components of a composite SLO are always `<slo>.<objective key>`: the
 * name `<slo>` is the composite's own.
 */
export interface SloTarget {
  name: string;
  definition: SloDefinition;
  objective: Objective;
}

export function sloTargets(definition: SloDefinition): SloTarget[] {
  return definition.objectives.map(objective => ({
    name:
      definition.objectives.length === 1 && !definition.composite
        ? definition.name
        : `${definition.name}.${objective.key}`,
    definition,
    objective,
  }));
}

/** One component of a composite SLO, as the composite weighs it. */
export interface CompositeComponentDefinition {
  /** The component's own SLO row: `<slo>.<objective key>`. */
  name: string;
  objectiveKey: string;
  displayName?: string;
  weight: number;
  target: number;
  entityRef?: string;
}

/** The composite entry of a composite SLO: the row named `<slo>`. */
export interface CompositeSloDefinition {
  name: string;
  definition: SloDefinition;
  components: CompositeComponentDefinition[];
  /** Σ wᵢ tᵢ / Σ wᵢ over every component. */
  target: number;
}

export function compositeOf(
  definition: SloDefinition,
): CompositeSloDefinition | undefined {
  if (!definition.composite) return undefined;
  const components = sloTargets(definition).map(t => ({
    name: t.name,
    objectiveKey: t.objective.key,
    displayName: t.objective.displayName,
    weight: t.objective.compositeWeight ?? 1,
    target: t.objective.target,
    entityRef: t.objective.entityRef,
  }));
  const weights = components.reduce((sum, c) => sum + c.weight, 0);
  return {
    name: definition.name,
    definition,
    components,
    target:
      components.reduce((sum, c) => sum + c.weight * c.target, 0) / weights,
  };
}

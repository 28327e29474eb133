import { createHash } from 'node:crypto';
import {
  compositeOf,
  CompositeSloDefinition,
  DAY,
  Indicator,
  indicatorQueries,
  MINUTE,
  SloDefinition,
  SloTarget,
  sloTargets,
} from '@vitals/plugin-slo-common';

/** Buckets are five minutes unless a slice window needs otherwise. */
export const BUCKET_MS = 5 * MINUTE;
/** Daily buckets are kept this long, for the calendar history. */
export const DAILY_RETENTION_MS = 400 * DAY;

export interface TargetPlan {
  target: SloTarget;
  indicator: Indicator;
  /** Configured data source name, or undefined when it does not resolve. */
  dataSource?: string;
  dataSourceError?: string;
  /** Step of the points asked from the data source. */
  evaluationStepMs: number;
  /** Step of the stored buckets: a multiple of the evaluation step. */
  bucketMs: number;
  /** How long fine buckets are kept: the window (for calendar windows, the period) plus the charts' seven days, plus a day. */
  fineRetentionMs: number;
  seriesKey: string;
}

/**
 * Composite entries are stored as SLO rows like any other (so they are served,
 * listed in the overview and weighed by the deploy gate) under a series key
 * with this prefix; they have no buckets of their own.
 */
export const COMPOSITE_SERIES_PREFIX = 'composite:';
/** The objective key stored for a composite entry: no objective has an empty key. */
export const COMPOSITE_OBJECTIVE_KEY = '';

export function isCompositeSeries(seriesKey: string): boolean {
  return seriesKey.startsWith(COMPOSITE_SERIES_PREFIX);
}

/** The stored row of each composite SLO of an entity. */
export function planComposites(
  entityRef: string,
  definitions: SloDefinition[],
): Array<{ composite: CompositeSloDefinition; seriesKey: string }> {
  return definitions.flatMap(definition => {
    const composite = compositeOf(definition);
    if (!composite) return [];
    const seriesKey = `${COMPOSITE_SERIES_PREFIX}${createHash('sha256')
      .update(
        JSON.stringify({
          entityRef,
          slo: composite.name,
          components: composite.components,
        }),
      )
      .digest('hex')
      .slice(0, 40)}`;
    return [{ composite, seriesKey }];
  });
}

/** The service a component's queries are about, for data sources that script by name. */
export function serviceOf(target: SloTarget): string {
  const ref = target.objective.entityRef;
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : target.definition.service;
}

export function effectiveIndicator(target: SloTarget): Indicator {
  return target.objective.indicator ?? target.definition.indicator;
}

/**
 * Works out, for each objective of an entity's SLOs, which data source
 * answers it, at which step, and the key its stored buckets live under. The
 * key changes when anything that shapes the buckets changes (queries,
 * budgeting method, thresholds), so stale buckets are never reused.
 */
export function planTargets(
  entityRef: string,
  definitions: SloDefinition[],
  dataSources: string[],
  defaultDataSource: string | undefined,
): TargetPlan[] {
  return definitions
    .flatMap(sloTargets)
    .map(target =>
      planTarget(entityRef, target, dataSources, defaultDataSource),
    );
}

export function planTarget(
  entityRef: string,
  target: SloTarget,
  dataSources: string[],
  defaultDataSource: string | undefined,
): TargetPlan {
  const indicator = effectiveIndicator(target);
  const refs = [
    ...new Set(
      indicatorQueries(indicator)
        .map(q => q.dataSourceRef)
        .filter(Boolean),
    ),
  ] as string[];
  let dataSource: string | undefined;
  let dataSourceError: string | undefined;
  if (refs.length > 1) {
    dataSourceError = `the indicator's queries name several data sources (${refs.join(
      ', ',
    )}); one SLO reads one data source`;
  } else if (refs.length === 1) {
    if (dataSources.includes(refs[0])) {
      dataSource = refs[0];
    } else {
      dataSourceError = `metricSourceRef ${JSON.stringify(
        refs[0],
      )} is not a configured data source (configured in vitals.slo.dataSources: ${
        dataSources.join(', ') || 'none'
      })`;
    }
  } else if (defaultDataSource) {
    dataSource = defaultDataSource;
  } else {
    dataSourceError =
      'no data source: set metricSourceRef, or configure vitals.slo.dataSources';
  }
  const { objective, definition } = target;
  const method = definition.budgetingMethod;
  // Occurrences of a threshold metric are its per-minute readings.
  const occurrenceStepMs = indicator.kind === 'threshold' ? MINUTE : BUCKET_MS;
  const evaluationStepMs =
    method === 'Occurrences'
      ? occurrenceStepMs
      : objective.timeSliceWindowMs ?? MINUTE;
  const bucketMs =
    evaluationStepMs * Math.max(1, Math.ceil(BUCKET_MS / evaluationStepMs));
  const windowMs = definition.timeWindow.rolling
    ? definition.timeWindow.durationMs
    : Math.min(definition.timeWindow.durationMs * 1.1, 93 * DAY);
  // Charts show up to seven days of the rolling SLI, each point over a whole window.
  const fineRetentionMs = Math.ceil((windowMs + 8 * DAY) / bucketMs) * bucketMs;
  const seriesKey = createHash('sha256')
    .update(
      JSON.stringify({
        entityRef,
        slo: target.name,
        indicator,
        method,
        op: objective.op,
        value: objective.value,
        sliceTarget:
          method === 'Timeslices'
            ? objective.timeSliceTarget ?? objective.target
            : undefined,
        evaluationStepMs,
        bucketMs,
        dataSource,
      }),
    )
    .digest('hex')
    .slice(0, 40);
  return {
    target,
    indicator,
    dataSource,
    dataSourceError,
    evaluationStepMs,
    bucketMs,
    fineRetentionMs,
    seriesKey,
  };
}

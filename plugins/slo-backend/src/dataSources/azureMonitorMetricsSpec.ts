import { DAY, HOUR, MetricQuery, MINUTE } from '@vitals/plugin-slo-common';
import { parse as parseYaml } from 'yaml';

/**
 * How long Azure Monitor keeps platform metrics. The metrics API refuses a
 * query whose times lie further back ("out of the Max metrics retention
 * period: 93.00:00:00").
 */
export const PLATFORM_METRICS_RETENTION_MS = 93 * DAY;

/**
 * The longest span one metrics call is asked for. Metrics explorer charts at
 * most 30 days at a time and the API serves no more per call at one-minute
 * grain, so longer requests (a first refresh) become several calls.
 */
export const MAX_SPAN_PER_CALL_MS = 30 * DAY;

/** Resources per `metrics:getBatch` call, all of one subscription, region and type (the API's limit). */
export const MAX_RESOURCES_PER_CALL = 50;

export type MetricAggregation =
  | 'Total'
  | 'Count'
  | 'Average'
  | 'Maximum'
  | 'Minimum';

const AGGREGATIONS: Record<string, MetricAggregation> = {
  total: 'Total',
  sum: 'Total',
  count: 'Count',
  average: 'Average',
  avg: 'Average',
  maximum: 'Maximum',
  max: 'Maximum',
  minimum: 'Minimum',
  min: 'Minimum',
};

/** One platform metric of one resource, as an OpenSLO `metricSource.spec` names it. */
export interface AzureMetricSpec {
  resourceId: string;
  subscriptionId: string;
  /** Default: the resource's type, `Microsoft.Web/sites`. */
  metricNamespace: string;
  metricName: string;
  aggregation: MetricAggregation;
  /** A dimension filter in the API's syntax: `HttpStatusGroup eq '5XX'`. */
  filter?: string;
  /** The resource's region, when the data source's config does not fix the endpoint. */
  region?: string;
}

/** The time grains the metrics API aggregates to, coarsest first. */
export const TIME_GRAINS: ReadonlyArray<{ iso: string; ms: number }> = [
  { iso: 'P1D', ms: DAY },
  { iso: 'PT12H', ms: 12 * HOUR },
  { iso: 'PT6H', ms: 6 * HOUR },
  { iso: 'PT1H', ms: HOUR },
  { iso: 'PT30M', ms: 30 * MINUTE },
  { iso: 'PT15M', ms: 15 * MINUTE },
  { iso: 'PT5M', ms: 5 * MINUTE },
  { iso: 'PT1M', ms: MINUTE },
];

/**
 * The coarsest grain that divides `stepMs`, so each point is a whole number
 * of the API's buckets; undefined when the step is not a whole number of
 * minutes (the API's finest grain).
 */
export function chooseTimeGrain(
  stepMs: number,
): { iso: string; ms: number } | undefined {
  return TIME_GRAINS.find(g => stepMs >= g.ms && stepMs % g.ms === 0);
}

/**
 * The part of (from, to] that platform metrics still cover at `now`, on the
 * step grid: points whose interval starts before the retention horizon are
 * left out (no data, not zero). `from` and `to` are multiples of `step`.
 */
export function retainedRange(
  from: number,
  to: number,
  step: number,
  now: number,
  retentionMs = PLATFORM_METRICS_RETENTION_MS,
): { from: number; to: number; horizon: number; clipped: boolean } {
  const horizon = now - retentionMs;
  const firstRetained = Math.ceil(horizon / step) * step;
  const start = Math.min(to, Math.max(from, firstRetained));
  return { from: start, to, horizon, clipped: start > from };
}

/** (from, to] cut into calls of at most `maxSpanMs`, each a whole number of steps. */
export function callWindows(
  from: number,
  to: number,
  step: number,
  maxSpanMs = MAX_SPAN_PER_CALL_MS,
): Array<{ start: number; end: number }> {
  const chunk = Math.max(step, Math.floor(maxSpanMs / step) * step);
  const windows: Array<{ start: number; end: number }> = [];
  for (let start = from; start < to; start += chunk) {
    windows.push({ start, end: Math.min(to, start + chunk) });
  }
  return windows;
}

/** Why a `metricSource.spec` cannot be queried, naming the field. */
export class MetricSpecError extends Error {
  constructor(readonly field: string, message: string) {
    super(`spec.${field} ${message}`);
  }
}

const RESOURCE_ID =
  /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourceGroups\/([^/]+)\/providers\/([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+)((?:\/[A-Za-z][A-Za-z0-9]*\/[^/]+)+)$/i;
const METRIC_NAMESPACE =
  /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+(?:\/[A-Za-z][A-Za-z0-9]*)+$/;
const METRIC_NAME = /^[A-Za-z0-9][A-Za-z0-9 _./-]{0,254}$/;
const REGION = /^[a-z][a-z0-9]{1,39}$/;
// Letters, digits, spaces and the filter grammar's punctuation; no control characters.
const FILTER = /^[\p{L}\p{N} _.,:/*'()=<>!-]{1,1000}$/u;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `metricSource.spec` of a query: the mapping the document model keeps
 * (`spec`), or the same fields written as YAML or JSON in `query`.
 */
function specFields(query: MetricQuery): Record<string, unknown> {
  const kept = (query as MetricQuery & { spec?: unknown }).spec;
  if (isRecord(kept) && Object.keys(kept).length > 0) return kept;
  const text = query.query?.trim() ?? '';
  if (!text) {
    throw new MetricSpecError(
      'resourceId',
      'is required: an azure-monitor-metrics metricSource names resourceId and metricName (and optionally metricNamespace, aggregation, filter, region) in its spec',
    );
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    throw new MetricSpecError(
      'query',
      'must be a mapping of resourceId, metricName and the optional fields (YAML or JSON); azure-monitor-metrics does not read PromQL',
    );
  }
  return parsed;
}

function optionalString(
  fields: Record<string, unknown>,
  field: string,
): string | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new MetricSpecError(field, `must be a string, got ${typeof value}`);
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const quoted = (value: string) =>
  JSON.stringify(value.length > 120 ? `${value.slice(0, 119)}…` : value);

/**
 * Reads and checks one metric's spec. `use` is what the indicator needs:
 * counts of events (Total or Count) or a value to compare (any aggregation).
 */
export function readMetricSpec(
  query: MetricQuery,
  use: 'events' | 'value',
): AzureMetricSpec {
  const fields = specFields(query);
  const resourceId = optionalString(fields, 'resourceId');
  if (!resourceId) {
    throw new MetricSpecError(
      'resourceId',
      'is required: the Azure resource id, such as /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Web/sites/<app>',
    );
  }
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) {
    throw new MetricSpecError(
      'resourceId',
      `must be an Azure resource id such as /subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Web/sites/<app>, got ${quoted(
        resourceId,
      )}`,
    );
  }
  const [, subscriptionId, , provider, path] = match;
  const types = path
    .split('/')
    .filter(Boolean)
    .filter((_, i) => i % 2 === 0);
  const metricNamespace =
    optionalString(fields, 'metricNamespace') ?? [provider, ...types].join('/');
  if (!METRIC_NAMESPACE.test(metricNamespace)) {
    throw new MetricSpecError(
      'metricNamespace',
      `must be a metric namespace such as Microsoft.Web/sites, got ${quoted(
        metricNamespace,
      )}`,
    );
  }
  const metricName = optionalString(fields, 'metricName');
  if (!metricName) {
    throw new MetricSpecError(
      'metricName',
      'is required: the platform metric, such as Requests or Http5xx (Azure Monitor, Supported metrics)',
    );
  }
  if (!METRIC_NAME.test(metricName) || metricName.includes(',')) {
    throw new MetricSpecError(
      'metricName',
      `must be one metric's name, such as Requests, got ${quoted(metricName)}`,
    );
  }
  const aggregationText = optionalString(fields, 'aggregation');
  const defaultAggregation = use === 'events' ? 'Total' : 'Average';
  const aggregation = aggregationText
    ? AGGREGATIONS[aggregationText.toLocaleLowerCase('en-US')]
    : defaultAggregation;
  if (!aggregation) {
    throw new MetricSpecError(
      'aggregation',
      `must be one of Total, Count, Average, Maximum, Minimum, got ${quoted(
        aggregationText!,
      )}`,
    );
  }
  if (use === 'events' && aggregation !== 'Total' && aggregation !== 'Count') {
    throw new MetricSpecError(
      'aggregation',
      `must be Total or Count for a ratioMetric, which counts events; ${aggregation} is for a thresholdMetric`,
    );
  }
  const filter = optionalString(fields, 'filter');
  if (filter !== undefined && !FILTER.test(filter)) {
    throw new MetricSpecError(
      'filter',
      `must be a dimension filter such as HttpStatusGroup eq '5XX' (at most 1,000 characters), got ${quoted(
        filter,
      )}`,
    );
  }
  const region = optionalString(fields, 'region')?.toLocaleLowerCase('en-US');
  if (region !== undefined && !REGION.test(region)) {
    throw new MetricSpecError(
      'region',
      `must be an Azure region name such as westeurope, got ${quoted(region)}`,
    );
  }
  const known = new Set([
    'resourceId',
    'metricNamespace',
    'metricName',
    'aggregation',
    'filter',
    'region',
  ]);
  const unknown = Object.keys(fields).find(k => !known.has(k));
  if (unknown !== undefined) {
    throw new MetricSpecError(
      unknown,
      'is not a field of an azure-monitor-metrics spec (resourceId, metricNamespace, metricName, aggregation, filter, region)',
    );
  }
  return {
    resourceId,
    subscriptionId: subscriptionId.toLocaleLowerCase('en-US'),
    metricNamespace,
    metricName,
    aggregation,
    filter,
    region,
  };
}

/** Whether two metrics can be read in one call: same resource, namespace, aggregation, filter and region. */
export function sameCall(a: AzureMetricSpec, b: AzureMetricSpec): boolean {
  const lower = (s?: string) => s?.toLocaleLowerCase('en-US');
  return (
    lower(a.resourceId) === lower(b.resourceId) &&
    lower(a.metricNamespace) === lower(b.metricNamespace) &&
    a.aggregation === b.aggregation &&
    a.filter === b.filter &&
    a.region === b.region
  );
}

/**
 * How a resource is named in messages: `Microsoft.Web/sites/api in resource
 * group rg-api`. Stored errors cut absolute paths to their last segment, so
 * the id is not quoted whole.
 */
export function describeResource(resourceId: string): string {
  const match =
    /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/(.+)$/i.exec(
      resourceId,
    );
  return match ? `${match[2]} in resource group ${match[1]}` : resourceId;
}

/** How a metric is named in messages: `Http5xx (Total) of Microsoft.Web/sites/api in resource group rg-api`. */
export function describeMetric(
  spec: AzureMetricSpec,
  metricNames: string[] = [spec.metricName],
): string {
  return `${metricNames.join(', ')} (${spec.aggregation}${
    spec.filter ? ` where ${spec.filter}` : ''
  }) of ${describeResource(spec.resourceId)}`;
}

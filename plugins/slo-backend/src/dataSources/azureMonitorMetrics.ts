import { Agent as HttpsAgent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import {
  MetricsClient,
  type MetricsQueryResult,
} from '@azure/monitor-query-metrics';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { MetricQuery, SliPoints } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceError,
  SliDataSourceFactory,
  SliFetchRequest,
  SliFetchResult,
} from '@vitals/plugin-slo-node';
import { publicErrorText } from '@vitals/backend-http';
import {
  AzureCredentialSettings,
  defaultAzureCredential,
  signWithEntra,
  TOKEN_RENEWED_HEADER,
} from './azureCredential';
import {
  AzureMetricSpec,
  callWindows,
  chooseTimeGrain,
  describeMetric,
  describeResource,
  MetricSpecError,
  PLATFORM_METRICS_RETENTION_MS,
  readMetricSpec,
  retainedRange,
  sameCall,
} from './azureMonitorMetricsSpec';
import {
  AZURE_MONITOR_METRICS_SCOPE,
  readAzureMonitorMetricsConfig,
} from './azureMonitorMetricsConfig';
import { EntraTokenAuthorization } from './entraToken';
import { unreachableReason } from './prometheus';

export const AZURE_MONITOR_METRICS_TYPE = 'azure-monitor-metrics';
export {
  AZURE_MONITOR_METRICS_SCOPE,
  readAzureMonitorMetricsConfig,
} from './azureMonitorMetricsConfig';

/** The regional data-plane endpoint of the metrics batch API. */
export const regionalMetricsEndpoint = (region: string) =>
  `https://${region}.metrics.monitor.azure.com`;

const ROLE_HINT = (resourceId: string) =>
  `check that its credential has the Monitoring Reader role on ${describeResource(
    resourceId,
  )} (or on the resource group or subscription)`;

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

export interface AzureMonitorMetricsOptions {
  name: string;
  /** Overrides the regional endpoint for every query (a local fake, a sovereign cloud). */
  endpoint?: string;
  /** The region of the resources, when their specs do not say. */
  region?: string;
  /** Signs in to Entra; `DefaultAzureCredential` when absent. */
  credential?: TokenCredential;
  scope?: string;
  /** PEM certificates to trust for the endpoint, instead of the default store. */
  ca?: string | string[];
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Retries of the SDK's retry policy on 429 (after Retry-After), 5xx and network errors (default 3). */
  retries?: number;
  /** First backoff of the SDK's exponential retry (default 1 s); tests make it short. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Token renewal this long before expiry (default five minutes). */
  renewalMarginMs?: number;
  /** The clock for token expiry and the retention horizon; injected for tests. */
  now?: () => number;
  logger?: LoggerService;
}

/** The sums (or extremes) per point of one metric over a request. */
interface MetricSeries {
  /** Point time → value, for points with data. */
  values: Map<number, number>;
  /** Point time → number of samples behind an Average (to weigh sub-buckets). */
  counts: Map<number, number>;
  series: number;
}

const emptySeries = (): MetricSeries => ({
  values: new Map(),
  counts: new Map(),
  series: 0,
});

/**
 * SLI data source for Azure Monitor platform metrics of a resource (App
 * Service requests and 5xx, Application Gateway, Front Door, API
 * Management…), read through the metrics batch API of `@azure/monitor-query-metrics`.
 */
export class AzureMonitorMetricsDataSource implements SliDataSource {
  readonly type = AZURE_MONITOR_METRICS_TYPE;
  readonly incremental = true;
  readonly name: string;
  private readonly label: string;
  private readonly authorization: EntraTokenAuthorization;
  private readonly clients = new Map<string, MetricsClient>();
  private readonly agent?: HttpsAgent;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AzureMonitorMetricsOptions) {
    this.name = options.name;
    this.label = `Azure Monitor metrics \`${options.name}\``;
    this.authorization = new EntraTokenAuthorization({
      credential: options.credential ?? defaultAzureCredential({}),
      scope: options.scope ?? AZURE_MONITOR_METRICS_SCOPE,
      renewalMarginMs: options.renewalMarginMs,
      now: options.now,
    });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
    if (options.ca) {
      this.agent = new HttpsAgent({ ca: options.ca, keepAlive: true });
    }
  }

  static fromConfig(
    name: string,
    config: Config,
    logger?: LoggerService,
    credentialFor: (
      settings: AzureCredentialSettings,
    ) => TokenCredential = defaultAzureCredential,
  ) {
    const { tenantId, clientId, ...settings } = readAzureMonitorMetricsConfig(
      name,
      config,
    );
    return new AzureMonitorMetricsDataSource({
      name,
      ...settings,
      credential: credentialFor({ tenantId, clientId }),
      logger,
    });
  }

  /** Whether the credential signs in: there is no resource to ask without an SLO. */
  async checkHealth(): Promise<void> {
    try {
      await this.authorization.current();
    } catch (e) {
      throw this.error('unavailable', (e as Error).message);
    }
  }

  async fetch(request: SliFetchRequest): Promise<SliFetchResult> {
    const { indicator, step } = request;
    const grain = chooseTimeGrain(step);
    if (!grain) {
      throw this.error(
        'query',
        `cannot answer a step of ${
          step / 1000
        }s: platform metrics have a one-minute grain at the finest, so the step (the timeSliceWindow) must be a whole number of minutes`,
      );
    }
    const warnings: string[] = [];
    const retained = retainedRange(request.from, request.to, step, this.now());
    if (retained.clipped) {
      warnings.push(
        `Azure Monitor keeps platform metrics for ${
          PLATFORM_METRICS_RETENTION_MS / 86_400_000
        } days: the points before ${new Date(
          retained.from,
        ).toISOString()} are reported as no data, not as zero`,
      );
    }
    const grid: number[] = [];
    for (let t = retained.from + step; t <= retained.to; t += step) {
      grid.push(t);
    }
    const range = { from: retained.from, to: retained.to, step, grain };
    if (grid.length === 0) {
      // The whole window lies beyond retention: nothing to ask for.
      const points: SliPoints =
        indicator.kind === 'threshold'
          ? { kind: 'values', step, t: [], value: [] }
          : { kind: 'events', step, t: [], good: [], total: [] };
      return { points, queries: 0, warnings };
    }

    if (indicator.kind === 'raw-ratio') {
      throw this.error(
        'query',
        'reads counts (ratioMetric good/total or bad/total) and values (thresholdMetric); a raw ratio is not a platform metric',
      );
    }
    if (indicator.kind === 'threshold') {
      const spec = this.spec(indicator.query, 'value', 'thresholdMetric');
      const read = await this.read([spec], range, request.signal);
      const [series] = read.series;
      if (series.series === 0) {
        throw this.error(
          'empty',
          `has no data for ${describeMetric(spec)} in the window`,
        );
      }
      const points: SliPoints = {
        kind: 'values',
        step,
        t: grid,
        value: grid.map(t => series.values.get(t) ?? NaN),
      };
      return { points, queries: read.queries, warnings };
    }

    const totalSpec = this.spec(indicator.total, 'events', 'total');
    const partRole = indicator.good ? 'good' : 'bad';
    const partSpec = this.spec(
      (indicator.good ?? indicator.bad)!,
      'events',
      partRole,
    );
    const read = await this.read([totalSpec, partSpec], range, request.signal);
    const [total, part] = read.series;
    if (total.series === 0) {
      throw this.error(
        'empty',
        `has no data for the total, ${describeMetric(
          totalSpec,
        )}, in the window (check the resource id, metric name and filter)`,
      );
    }
    if (part.series === 0) {
      if (indicator.good) {
        throw this.error(
          'empty',
          `has no data for the good events, ${describeMetric(
            partSpec,
          )}, while the total has (check the metric name and filter)`,
        );
      }
      warnings.push(
        `no series matched the bad events, ${describeMetric(
          partSpec,
        )}; counted as no bad events`,
      );
    }
    const totals = grid.map(t => total.values.get(t) ?? 0);
    const parts = grid.map(t => part.values.get(t) ?? 0);
    return {
      points: {
        kind: 'events',
        step,
        t: grid,
        total: totals,
        good: indicator.good ? parts : totals.map((tot, i) => tot - parts[i]),
      },
      queries: read.queries,
      warnings,
    };
  }

  private spec(
    query: MetricQuery,
    use: 'events' | 'value',
    role: string,
  ): AzureMetricSpec {
    try {
      return readMetricSpec(query, use);
    } catch (e) {
      if (e instanceof MetricSpecError) {
        throw this.error(
          'query',
          `cannot read the ${role} metricSource: ${e.message}`,
        );
      }
      throw e;
    }
  }

  /**
   * Reads each metric over the range, one call per window of at most 30
   * days; metrics that differ only in name share a call.
   */
  private async read(
    specs: AzureMetricSpec[],
    range: {
      from: number;
      to: number;
      step: number;
      grain: { iso: string; ms: number };
    },
    signal?: AbortSignal,
  ): Promise<{ series: MetricSeries[]; queries: number }> {
    const series = specs.map(emptySeries);
    // Groups of spec indexes read together.
    const groups: number[][] = [];
    specs.forEach((spec, i) => {
      const group = groups.find(g => sameCall(specs[g[0]], spec));
      if (group) group.push(i);
      else groups.push([i]);
    });
    let queries = 0;
    for (const { start, end } of callWindows(
      range.from,
      range.to,
      range.step,
    )) {
      for (const group of groups) {
        const lead = specs[group[0]];
        const names = [...new Set(group.map(i => specs[i].metricName))];
        queries += 1;
        const result = await this.query(
          lead,
          names,
          { start, end, grain: range.grain.iso },
          signal,
        );
        for (const i of group) {
          this.accumulate(series[i], specs[i], result, {
            start,
            end,
            step: range.step,
          });
        }
      }
    }
    return { series, queries };
  }

  private async query(
    spec: AzureMetricSpec,
    metricNames: string[],
    window: { start: number; end: number; grain: string },
    signal?: AbortSignal,
  ): Promise<MetricsQueryResult | undefined> {
    const client = this.client(spec);
    const aggregation =
      spec.aggregation === 'Average' ? 'Average,Count' : spec.aggregation;
    try {
      const results = await client.queryResources(
        [spec.resourceId],
        metricNames,
        spec.metricNamespace,
        {
          startTime: new Date(window.start),
          endTime: new Date(window.end),
          interval: window.grain,
          aggregation,
          filter: spec.filter,
          // With a filter the API returns the top 10 series unless asked for more.
          ...(spec.filter ? { top: 1000 } : {}),
          abortSignal: signal,
          requestOptions: { timeout: this.timeoutMs },
        } as Parameters<MetricsClient['queryResources']>[3],
      );
      const lower = spec.resourceId.toLocaleLowerCase('en-US');
      return (
        results.find(r => r.resourceId?.toLocaleLowerCase('en-US') === lower) ??
        results[0]
      );
    } catch (e) {
      if (signal?.aborted) throw e;
      throw this.failure(e, spec, metricNames);
    }
  }

  /** Adds one call's buckets into the points they belong to: bucket [s, s+grain) → the point ending at the next step boundary. */
  private accumulate(
    into: MetricSeries,
    spec: AzureMetricSpec,
    result: MetricsQueryResult | undefined,
    window: { start: number; end: number; step: number },
  ) {
    const suffix = `/metrics/${spec.metricName}`.toLocaleLowerCase('en-US');
    const metric = result?.metrics.find(
      m =>
        m.id?.toLocaleLowerCase('en-US').endsWith(suffix) ||
        m.name?.toLocaleLowerCase('en-US') ===
          spec.metricName.toLocaleLowerCase('en-US'),
    );
    if (!metric) return;
    if (metric.errorCode && metric.errorCode.toLowerCase() !== 'success') {
      throw this.error(
        'query',
        `rejected ${describeMetric(spec)}: ${metric.errorCode}${
          metric.errorMessage ? ` (${metric.errorMessage})` : ''
        }`,
      );
    }
    const key = spec.aggregation.toLocaleLowerCase('en-US') as
      | 'total'
      | 'count'
      | 'average'
      | 'maximum'
      | 'minimum';
    for (const ts of metric.timeseries ?? []) {
      let any = false;
      for (const point of ts.data ?? []) {
        const value = point[key];
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const s = new Date(point.timeStamp).getTime();
        if (!(s >= window.start && s < window.end)) continue;
        any = true;
        const t = Math.floor(s / window.step) * window.step + window.step;
        const previous = into.values.get(t);
        switch (spec.aggregation) {
          case 'Maximum':
            into.values.set(t, Math.max(previous ?? -Infinity, value));
            break;
          case 'Minimum':
            into.values.set(t, Math.min(previous ?? Infinity, value));
            break;
          case 'Average': {
            // Sub-buckets and series are weighed by their sample counts.
            const count = point.count ?? 1;
            const weight = into.counts.get(t) ?? 0;
            into.values.set(
              t,
              ((previous ?? 0) * weight + value * count) / (weight + count),
            );
            into.counts.set(t, weight + count);
            break;
          }
          default:
            into.values.set(t, (previous ?? 0) + value);
        }
      }
      if (any) into.series += 1;
    }
  }

  private endpointFor(spec: AzureMetricSpec): string {
    if (this.options.endpoint) return this.options.endpoint;
    const region = spec.region ?? this.options.region;
    if (!region) {
      throw this.error(
        'query',
        `cannot tell the region of ${describeResource(
          spec.resourceId,
        )}: set spec.region, or region in vitals.slo.dataSources[${this.name}]`,
      );
    }
    return regionalMetricsEndpoint(region);
  }

  private client(spec: AzureMetricSpec): MetricsClient {
    const endpoint = this.endpointFor(spec);
    let client = this.clients.get(endpoint);
    if (client) return client;
    client = new MetricsClient(endpoint, this.authorizationCredential(), {
      agent: this.agent,
      retryOptions: {
        maxRetries: this.options.retries ?? 3,
        retryDelayInMs: this.options.retryDelayMs ?? 1000,
        maxRetryDelayInMs: this.options.maxRetryDelayMs ?? 30_000,
      },
      // The SDK's log policy redacts Authorization; nothing is logged unless AZURE_LOG_LEVEL asks.
    });
    signWithEntra(client.pipeline, this.authorization, {
      onRenew: () =>
        this.options.logger?.info(
          `${this.label} refused its token (401); renewing it and retrying once`,
        ),
    });
    this.clients.set(endpoint, client);
    return client;
  }

  /** A credential the SDK can hold; its bearer policy is replaced, so it is never asked. */
  private authorizationCredential(): TokenCredential {
    return {
      getToken: async () => {
        const header = await this.authorization.current();
        return {
          token: header.replace(/^Bearer /, ''),
          expiresOnTimestamp: this.now() + 60_000,
        };
      },
    };
  }

  /** A failed call as the source's error: auth, throttling, outage or a rejected query. */
  private failure(
    e: unknown,
    spec: AzureMetricSpec,
    metricNames: string[],
  ): SliDataSourceError {
    if (e instanceof SliDataSourceError) return e;
    const rest = e as RestErrorLike;
    const status = rest?.statusCode;
    const message = (rest?.message ?? String(e)).replace(/\s+/g, ' ').trim();
    let failure: SliDataSourceError;
    if (status === 401 || status === 403) {
      const renewed =
        rest.response?.headers?.get(TOKEN_RENEWED_HEADER) === 'true';
      failure = this.error(
        'unavailable',
        `refused the request (${status}${
          renewed ? ', again with a renewed token' : ''
        }); ${ROLE_HINT(spec.resourceId)}`,
      );
    } else if (status === 429 || (status !== undefined && status >= 500)) {
      failure = this.error(
        'unavailable',
        `answered ${status}${
          status === 429 ? ' (throttled)' : ''
        } after retries: ${message.slice(0, 200)}`,
        retryAfterMs(rest.response?.headers?.get('retry-after')),
      );
    } else if (status !== undefined) {
      failure = this.error(
        'query',
        `rejected the query for ${describeMetric(
          spec,
          metricNames,
        )} (${status}${rest.code ? ` ${rest.code}` : ''}): ${message.slice(
          0,
          300,
        )}`,
      );
    } else if (/could not get an Entra token/.test(message)) {
      failure = this.error('unavailable', message);
    } else if ((e as Error)?.name === 'AbortError') {
      failure = this.error(
        'unavailable',
        `did not answer within ${this.timeoutMs / 1000}s`,
      );
    } else {
      failure = this.error(
        'unavailable',
        `could not be reached: ${unreachableReason(e)}`,
      );
    }
    this.options.logger?.warn(`SLO data source ${failure.message}`);
    return failure;
  }

  /** An error naming this source by its configured name, with no address or token in it. */
  private error(
    kind: SliDataSourceError['kind'],
    reason: string,
    retryAfter?: number,
  ): SliDataSourceError {
    return new SliDataSourceError(
      kind,
      publicErrorText(`${this.label} ${reason}`, this.authorization.secrets()),
      retryAfter,
    );
  }
}

function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * The `azure-monitor-metrics` factory. `credentialFor` builds each source's
 * credential from its `tenantId`/`clientId`; tests pass their own.
 */
export function createAzureMonitorMetricsFactory(
  options: {
    credentialFor?: (settings: AzureCredentialSettings) => TokenCredential;
  } = {},
): SliDataSourceFactory {
  return {
    type: AZURE_MONITOR_METRICS_TYPE,
    create: ({ name, config, logger }) =>
      AzureMonitorMetricsDataSource.fromConfig(
        name,
        config,
        logger,
        options.credentialFor,
      ),
  };
}

export const azureMonitorMetricsDataSourceFactory =
  createAzureMonitorMetricsFactory();

import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseDuration, SliPoints } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceError,
  SliDataSourceFactory,
  SliFetchRequest,
  SliFetchResult,
} from '@vitals/plugin-slo-node';
import { loggableUrl, publicErrorText } from '@vitals/backend-http';
import { dataSourceLabel } from '../errorText';
import { buildCountQuery, buildValueQuery } from './promql';

/** Prometheus refuses range queries of more than 11,000 points per series. */
const MAX_POINTS_PER_QUERY = 11_000;

/**
 * How a Prometheus-compatible source obtains its `Authorization` header when
 * it is not a static header (Azure Monitor managed Prometheus: Entra tokens).
 */
export interface PrometheusAuthorization {
  /** The `Authorization` header value for the next request. */
  current(): Promise<string>;
  /**
   * A header to retry with after the server refused `rejected` with 401:
   * a new one, or one a concurrent renewal already obtained.
   */
  renew(rejected: string): Promise<string>;
  /** Values no error text or log line may repeat: the tokens in use. */
  secrets(): string[];
  /** What a refusal (403, or 401 with a renewed header) tells the owner to check. */
  refusalHint: string;
}

export interface PrometheusOptions {
  name: string;
  url: string;
  /** The `type` it is configured as (default `prometheus`); names it in errors. */
  type?: string;
  headers?: Record<string, string>;
  /** Supplies the `Authorization` header per request, overriding `headers`. */
  authorization?: PrometheusAuthorization;
  timeoutMs?: number;
  retries?: number;
  subqueryResolutionMs?: number;
  logger?: LoggerService;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type Matrix = Array<{
  metric: Record<string, string>;
  values: Array<[number, string]>;
}>;

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Why a request did not reach the server, from the socket error's code rather than its text (which quotes the address). */
export function unreachableReason(error: unknown): string {
  const codeOf = (e: unknown) => {
    const code = (e as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  };
  const code =
    codeOf((error as { cause?: unknown } | undefined)?.cause) ?? codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      if (
        code &&
        /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)
      )
        return `the TLS handshake failed (${code})`;
      if (code) return `network error ${code}`;
      // No code (fetch refusing a port, a malformed URL): its own words,
      // which go through publicErrorText like every error of this source.
      return `network error (${String(
        (error as { cause?: { message?: unknown } })?.cause?.message ??
          (error as Error)?.message,
      ).slice(0, 200)})`;
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The options every Prometheus-compatible type reads from its `vitals.slo.dataSources[]` entry. */
export function readPrometheusConfig(
  name: string,
  config: Config,
): Pick<
  PrometheusOptions,
  'url' | 'headers' | 'timeoutMs' | 'retries' | 'subqueryResolutionMs'
> {
  const key = (k: string) => `vitals.slo.dataSources[${name}].${k}`;
  const url = config.getOptionalString('url');
  if (!url?.trim()) {
    throw new Error(`${key('url')} is required`);
  }
  const headersConfig = config.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const header of headersConfig?.keys() ?? []) {
    headers[header] = headersConfig!.getString(header);
  }
  const duration = (k: string) => {
    const text = config.getOptionalString(k);
    if (text === undefined) return undefined;
    const parsed = parseDuration(text);
    if (!parsed) {
      throw new Error(
        `${key(k)} must be a duration such as 30s, got ${JSON.stringify(text)}`,
      );
    }
    return parsed.ms;
  };
  return {
    url,
    headers,
    timeoutMs: duration('timeout'),
    retries: config.getOptionalNumber('retries'),
    subqueryResolutionMs: duration('subqueryResolution'),
  };
}

/**
 * SLI data source for the Prometheus HTTP API, and everything that speaks it:
 * Prometheus, Thanos, Mimir, Cortex, and (with Entra tokens as its
 * `authorization`) Azure Monitor managed Prometheus.
 */
export class PrometheusDataSource implements SliDataSource {
  readonly type: string;
  readonly incremental = true;
  readonly name: string;
  /** How errors name this source: Prometheus `name`, never its URL. */
  private readonly label: string;
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly authorization?: PrometheusAuthorization;
  /** Values no error text may repeat: header values and the URL's password. */
  private readonly secrets: string[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly subqueryResolutionMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PrometheusOptions) {
    this.name = options.name;
    this.type = options.type ?? 'prometheus';
    this.label = dataSourceLabel(this.type, options.name);
    this.authorization = options.authorization;
    const headers = { ...options.headers };
    const secrets = Object.values(headers);
    let url = options.url;
    try {
      // Credentials in the URL become a Basic authorization header, so the
      // URL that requests (and their errors) carry has none.
      const parsed = new URL(options.url);
      if (parsed.username || parsed.password) {
        const user = decodeURIComponent(parsed.username);
        const password = decodeURIComponent(parsed.password);
        secrets.push(parsed.username, parsed.password, user, password);
        const hasAuthorization = Object.keys(headers).some(
          k => k.toLocaleLowerCase('en-US') === 'authorization',
        );
        if (!hasAuthorization) {
          const basic = Buffer.from(`${user}:${password}`).toString('base64');
          headers.Authorization = `Basic ${basic}`;
          secrets.push(basic);
        }
        parsed.username = '';
        parsed.password = '';
        url = parsed.toString();
      }
    } catch {
      // Not a URL: the first request fails and says so.
    }
    this.baseUrl = url.replace(/\/+$/, '');
    this.headers = headers;
    this.secrets = secrets.filter(Boolean);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.subqueryResolutionMs = options.subqueryResolutionMs ?? 60_000;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  static fromConfig(name: string, config: Config, logger?: LoggerService) {
    return new PrometheusDataSource({
      name,
      ...readPrometheusConfig(name, config),
      logger,
    });
  }

  async checkHealth(signal?: AbortSignal): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await this.request(
      '/api/v1/query',
      { query: 'vector(1)', time: String(now) },
      signal,
    );
  }

  /** An instant query: the value of each series at `time`. */
  async instantQuery(query: string, time: number, signal?: AbortSignal) {
    const data = await this.request(
      '/api/v1/query',
      { query, time: String(time / 1000) },
      signal,
    );
    return data.result as Array<{
      metric: Record<string, string>;
      value: [number, string];
    }>;
  }

  /** A range query summed across series: one value per step, keyed by time in ms. */
  async rangeQuery(
    query: string,
    from: number,
    to: number,
    step: number,
    signal?: AbortSignal,
  ): Promise<{ values: Map<number, number>; series: number; queries: number }> {
    const values = new Map<number, number>();
    let series = 0;
    let queries = 0;
    const chunk = step * MAX_POINTS_PER_QUERY;
    // Points at from+step … to; each chunk asks for (start, end] on the step grid.
    for (let start = from; start < to; start += chunk) {
      const end = Math.min(to, start + chunk);
      const data = await this.request(
        '/api/v1/query_range',
        {
          query,
          start: String((start + step) / 1000),
          end: String(end / 1000),
          step: String(step / 1000),
        },
        signal,
      );
      queries += 1;
      if (data.resultType !== 'matrix') {
        throw this.error(
          'query',
          `expected a range vector from ${query}, got ${data.resultType}`,
        );
      }
      const matrix = data.result as Matrix;
      series = Math.max(series, matrix.length);
      for (const s of matrix) {
        for (const [t, v] of s.values) {
          const value = Number(v);
          if (!Number.isFinite(value)) continue;
          const key = Math.round(t * 1000);
          values.set(key, (values.get(key) ?? 0) + value);
        }
      }
    }
    return { values, series, queries };
  }

  async fetch(request: SliFetchRequest): Promise<SliFetchResult> {
    const { indicator, from, to, step, signal } = request;
    const grid: number[] = [];
    for (let t = from + step; t <= to; t += step) grid.push(t);
    const warnings: string[] = [];
    let queries = 0;

    if (indicator.kind === 'threshold' || indicator.kind === 'raw-ratio') {
      const promql = buildValueQuery(indicator.query.query, step);
      const result = await this.rangeQuery(promql, from, to, step, signal);
      queries += result.queries;
      if (result.series === 0) {
        throw this.error(
          'empty',
          `the query returned no series, so there is nothing to judge: ${promql}`,
        );
      }
      const value = grid.map(t => result.values.get(t) ?? NaN);
      if (indicator.kind === 'threshold') {
        return {
          points: { kind: 'values', step, t: grid, value },
          queries,
          warnings,
        };
      }
      const points: SliPoints = {
        kind: 'events',
        step,
        t: grid,
        good: value.map(v => {
          if (!Number.isFinite(v)) return 0;
          return indicator.ratioType === 'success' ? v : 1 - v;
        }),
        total: value.map(v => (Number.isFinite(v) ? 1 : 0)),
      };
      return { points, queries, warnings };
    }

    const count = (query: string) =>
      buildCountQuery(
        query,
        indicator.counter,
        step,
        this.subqueryResolutionMs,
      );
    const totalQuery = count(indicator.total.query);
    const total = await this.rangeQuery(
      totalQuery.promql,
      from,
      to,
      step,
      signal,
    );
    queries += total.queries;
    if (total.series === 0) {
      throw this.error(
        'empty',
        `the total query returned no series (check the metric name and labels): ${totalQuery.promql}`,
      );
    }
    const partQuery = count((indicator.good ?? indicator.bad)!.query);
    const part = await this.rangeQuery(
      partQuery.promql,
      from,
      to,
      step,
      signal,
    );
    queries += part.queries;
    if (part.series === 0) {
      if (indicator.good) {
        throw this.error(
          'empty',
          `the good query returned no series while the total did (check the metric name and labels): ${partQuery.promql}`,
        );
      }
      warnings.push(
        `the bad query returned no series; counted as no bad events: ${partQuery.promql}`,
      );
    }
    const totals = grid.map(
      t => (total.values.get(t) ?? 0) * totalQuery.multiplier,
    );
    const parts = grid.map(
      t => (part.values.get(t) ?? 0) * partQuery.multiplier,
    );
    return {
      points: {
        kind: 'events',
        step,
        t: grid,
        total: totals,
        good: indicator.good ? parts : totals.map((tot, i) => tot - parts[i]),
      },
      queries,
      warnings,
    };
  }

  private async request(
    path: string,
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<any> {
    const url = `${this.baseUrl}${path}`;
    const body = new URLSearchParams({
      ...params,
      timeout: `${Math.max(1, Math.floor(this.timeoutMs / 1000))}s`,
    });
    let lastError: SliDataSourceError | undefined;
    let authorization = await this.authorize(undefined);
    let renewed = false;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0 && lastError) {
        const backoff =
          lastError?.retryAfterMs ??
          Math.min(10_000, 250 * 2 ** (attempt - 1)) *
            (0.75 + Math.random() / 2);
        await this.sleep(Math.min(backoff, 30_000));
      }
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: 'POST',
          headers: {
            ...this.headers,
            ...(authorization !== undefined
              ? { Authorization: authorization }
              : {}),
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body,
          signal: combined,
        });
      } catch (e) {
        if (signal?.aborted) throw e;
        lastError = this.error(
          'unavailable',
          timeout.aborted
            ? `did not answer within ${this.timeoutMs / 1000}s`
            : `could not be reached: ${unreachableReason(e)}`,
        );
        continue;
      }
      if (response.status === 401 && authorization !== undefined && !renewed) {
        // A token the server no longer accepts (expired early, revoked, a
        // clock skew): one renewal and one immediate retry, outside the
        // retries for unavailability.
        await response.body?.cancel().catch(() => {});
        renewed = true;
        this.options.logger?.info(
          `${this.label} refused its token (401); renewing it and retrying once`,
        );
        authorization = await this.authorize(authorization);
        attempt -= 1;
        lastError = undefined;
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel().catch(() => {});
        throw this.error(
          'unavailable',
          `refused the request (${response.status}${
            renewed ? ', again with a renewed token' : ''
          }); ${
            this.authorization?.refusalHint ??
            'check vitals.slo.dataSources headers'
          }`,
        );
      }
      if (response.status === 429 || response.status >= 500) {
        const text = await response.text().catch(() => '');
        lastError = this.error(
          'unavailable',
          `answered ${response.status}${
            response.status === 429 ? ' (throttled)' : ''
          }${text ? `: ${text.slice(0, 200)}` : ''}`,
          retryAfterMs(response.headers.get('retry-after')),
        );
        continue;
      }
      let json: any;
      try {
        json = await response.json();
      } catch {
        throw this.error(
          'unavailable',
          `answered ${response.status} with a body that is not JSON`,
        );
      }
      if (json?.status !== 'success') {
        throw this.error(
          'query',
          `rejected the query (${json?.errorType ?? response.status}): ${
            json?.error ?? 'no error message'
          }; query: ${params.query}`,
        );
      }
      return json.data;
    }
    const failure = lastError ?? this.error('unavailable', 'did not answer');
    this.options.logger?.warn(
      `SLO data source ${failure.message} (${loggableUrl(this.baseUrl)})`,
    );
    throw failure;
  }

  /**
   * The `Authorization` header from the source's authorization, if it has
   * one: the current one, or a renewed one when `rejected` was refused. A
   * failure to obtain it is the source's error, with no retry: credentials
   * that cannot sign in now will not a second later.
   */
  private async authorize(
    rejected: string | undefined,
  ): Promise<string | undefined> {
    if (!this.authorization) return undefined;
    try {
      return rejected === undefined
        ? await this.authorization.current()
        : await this.authorization.renew(rejected);
    } catch (e) {
      const failure = this.error(
        'unavailable',
        e instanceof Error ? e.message : String(e),
      );
      this.options.logger?.warn(`SLO data source ${failure.message}`);
      throw failure;
    }
  }

  /** An error naming this source by its configured name, with no address or secret in it. */
  private error(
    kind: SliDataSourceError['kind'],
    reason: string,
    retryAfter?: number,
  ): SliDataSourceError {
    return new SliDataSourceError(
      kind,
      publicErrorText(`${this.label} ${reason}`, [
        ...this.secrets,
        ...(this.authorization?.secrets() ?? []),
      ]),
      retryAfter,
    );
  }
}

export const prometheusDataSourceFactory: SliDataSourceFactory = {
  type: 'prometheus',
  create: ({ name, config, logger }) =>
    PrometheusDataSource.fromConfig(name, config, logger),
};

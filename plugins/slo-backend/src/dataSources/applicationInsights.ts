import { Agent as HttpsAgent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import {
  LogsQueryClient,
  LogsQueryResultStatus,
  type LogsErrorInfo,
  type LogsTable,
} from '@azure/monitor-query-logs';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SliPoints } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceError,
  SliDataSourceFactory,
  SliFetchRequest,
  SliFetchResult,
} from '@vitals/plugin-slo-node';
import { publicErrorText } from '@vitals/backend-http';
import { BUCKET_MS } from '../service/plan';
import {
  LOG_ANALYTICS_ENDPOINT,
  LOG_ANALYTICS_SCOPE,
  readApplicationInsightsConfig,
} from './applicationInsightsConfig';
import {
  describeCode,
  errorCodes,
  errorMessages,
  isRestError,
  retryAfterOf,
  THROTTLING,
} from './applicationInsightsErrors';
import {
  AzureCredentialSettings,
  defaultAzureCredential,
  discardBody,
  signWithEntra,
} from './azureCredential';
import { EntraTokenAuthorization } from './entraToken';
import {
  BAD_COLUMN,
  BIN_COLUMN,
  BinnedQuery,
  buildBinnedQuery,
  GOOD_COLUMN,
  KqlSpecError,
  TOTAL_COLUMN,
  VALUE_COLUMN,
} from './applicationInsightsKql';

export const APPLICATION_INSIGHTS_TYPE = 'application-insights';
export {
  LOG_ANALYTICS_ENDPOINT,
  LOG_ANALYTICS_SCOPE,
  readApplicationInsightsConfig,
} from './applicationInsightsConfig';

/** What a refusal tells the owner to grant. */
const ROLE_HINT =
  'check that its credential has the Log Analytics Reader (or Monitoring Reader) role on the Log Analytics workspace, or on the Application Insights resource for a resourceId';

type Pipeline = LogsQueryClient['pipeline'];
type PipelinePolicy = Parameters<Pipeline['addPolicy']>[0];

export interface ApplicationInsightsOptions {
  name: string;
  /** The Log Analytics workspace id (a GUID) of workspace-based Application Insights. */
  workspaceId?: string;
  /** Or an Application Insights resource id, queried in its own context (the classic `requests` table). */
  resourceId?: string;
  /** Default https://api.loganalytics.io. */
  endpoint?: string;
  /** Signs in to Entra; `DefaultAzureCredential` when absent. */
  credential?: TokenCredential;
  /** Default https://api.loganalytics.io/.default; sovereign clouds differ. */
  scope?: string;
  /** Extra certificate authorities (PEM) trusted for `endpoint`. */
  ca?: string | string[];
  /** Per request (default 30s); also the server-side wait asked for. */
  timeoutMs?: number;
  /** Retries of 5xx, 408, network errors and throttling (default 3). */
  retries?: number;
  /** First backoff of the SDK's exponential retry (default 1s). */
  retryDelayMs?: number;
  /** Longest backoff of the exponential retry (default 30s). */
  maxRetryDelayMs?: number;
  /**
   * The longest `Retry-After` waited out within a fetch (default 30s); a
   * longer one fails the fetch as unavailable, with the delay as its
   * `retryAfterMs`.
   */
  maxRetryAfterMs?: number;
  /** Token renewal this long before expiry (default five minutes). */
  renewalMarginMs?: number;
  /** The clock token expiry is judged by; injected for tests. */
  now?: () => number;
  logger?: LoggerService;
}

/** A fetch's result, with how far its points are final. */
export interface ApplicationInsightsFetchResult extends SliFetchResult {
  /**
   * Points after this time may be incomplete (a partial result) and are
   * left out; a later fetch must ask for them again.
   */
  completeUntil: number;
}

/** Thrown inside the pipeline when the server asks for a longer wait than a fetch may spend. */
class ThrottledBeyondWait extends Error {
  readonly name = 'ThrottledBeyondWait';
  constructor(readonly status: number, readonly retryAfterMs: number) {
    super(`throttled for ${Math.ceil(retryAfterMs / 1000)}s`);
  }
}

/** The time of a row's bin, in ms. */
function binTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    return new Date(value).getTime();
  }
  return NaN;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

/**
 * SLI data source for Application Insights requests in a Log Analytics
 * workspace (`AppRequests`), or in an Application Insights resource's own
 * context (`requests`), through the Log Analytics query API. One KQL query
 * per fetch, binned by Vitals at the fetch's step over the fetch's range.
 */
export class ApplicationInsightsDataSource implements SliDataSource {
  readonly type = APPLICATION_INSIGHTS_TYPE;
  readonly incremental = true;
  readonly name: string;
  private readonly label: string;
  private readonly client: LogsQueryClient;
  private readonly authorization: EntraTokenAuthorization;
  private readonly timeoutMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly logger?: LoggerService;
  /** Queries that have matched requests before, so a quiet range is no error. */
  private readonly matchedBefore = new Set<string>();

  constructor(private readonly options: ApplicationInsightsOptions) {
    if (!options.workspaceId === !options.resourceId) {
      throw new Error(
        `vitals.slo.dataSources[${options.name}] needs exactly one of workspaceId and resourceId`,
      );
    }
    this.name = options.name;
    this.label = `Application Insights \`${options.name}\``;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.logger = options.logger;
    const credential = options.credential ?? defaultAzureCredential({});
    this.authorization = new EntraTokenAuthorization({
      credential,
      scope: options.scope ?? LOG_ANALYTICS_SCOPE,
      renewalMarginMs: options.renewalMarginMs,
      now: options.now,
    });
    const endpoint = (options.endpoint ?? LOG_ANALYTICS_ENDPOINT).replace(
      /\/+$/,
      '',
    );
    this.client = new LogsQueryClient(credential, {
      // The SDK appends no version when an endpoint is given.
      endpoint: `${endpoint}/v1`,
      agent: options.ca
        ? new HttpsAgent({ ca: options.ca, keepAlive: true })
        : undefined,
      retryOptions: {
        maxRetries: options.retries ?? 3,
        retryDelayInMs: options.retryDelayMs ?? 1_000,
        maxRetryDelayInMs: options.maxRetryDelayMs ?? 30_000,
      },
    });
    this.configurePipeline(this.client.pipeline);
  }

  /**
   * The SDK's pipeline with two changes: requests signed by the source's
   * Entra authorization ({@link signWithEntra}), and a throttling answer
   * whose Retry-After is longer than a fetch may wait ends the fetch at
   * once, where the SDK's throttling retry would sleep through it.
   */
  private configurePipeline(pipeline: Pipeline) {
    signWithEntra(pipeline, this.authorization);
    const maxWait = this.maxRetryAfterMs;
    const bareThrottleWait = 5 * (this.options.retryDelayMs ?? 1_000);
    const throttleCap: PipelinePolicy = {
      name: 'vitalsThrottleCapPolicy',
      async sendRequest(request, next) {
        const response = await next(request);
        if (response.status === 429 || response.status === 503) {
          const wait = retryAfterOf(response.headers);
          if (wait === undefined && response.status === 429) {
            // A 429 without Retry-After (Log Analytics' ThrottledError
            // sometimes has none) is retried after a fixed pause: the
            // SDK's throttling retry only acts on the header.
            response.headers.set('retry-after-ms', String(bareThrottleWait));
          } else if (wait !== undefined && wait > maxWait) {
            discardBody(response);
            throw new ThrottledBeyondWait(response.status, wait);
          }
        }
        return response;
      },
    };
    pipeline.addPolicy(throttleCap, { afterPhase: 'Retry' });
  }

  static fromConfig(
    name: string,
    config: Config,
    logger?: LoggerService,
    credentialFor: (
      settings: AzureCredentialSettings,
    ) => TokenCredential = defaultAzureCredential,
  ) {
    const { tenantId, clientId, ...settings } = readApplicationInsightsConfig(
      name,
      config,
    );
    return new ApplicationInsightsDataSource({
      name,
      ...settings,
      credential: credentialFor({ tenantId, clientId }),
      logger,
    });
  }

  async checkHealth(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    await this.run('print VitalsHealth = 1', now - 60_000, now, signal);
  }

  async fetch(
    request: SliFetchRequest,
  ): Promise<ApplicationInsightsFetchResult> {
    const { indicator, from, to, step, signal } = request;
    let query: BinnedQuery;
    try {
      query = buildBinnedQuery(indicator, step);
    } catch (e) {
      if (e instanceof KqlSpecError) throw this.error('query', e.message);
      throw e;
    }
    const result = await this.run(query.kql, from, to, signal);
    const warnings: string[] = [];
    const rows = this.rowsOf(result.table, query);
    let completeUntil = to;
    if (result.partialError) {
      // Rows come ordered by bin; in a partial answer the last bin that
      // came may be cut short and later ones are missing, so neither is
      // final. The refresher reads the last two buckets again on its next
      // run: a cut within them is completed then; an earlier cut would
      // leave a gap nothing reads again, so the fetch fails instead and
      // the next refresh asks for the whole range again.
      const lastBin = rows.length ? rows[rows.length - 1].bin : from;
      completeUntil = Math.max(from, Math.min(to, lastBin));
      const reRead = 2 * step * Math.max(1, Math.ceil(BUCKET_MS / step));
      const what = `returned a partial result (${result.partialError})`;
      this.logger?.warn(
        `SLO data source ${this.label} ${what}: ${rows.length} bins came for ${
          request.context.entityRef
        } ${request.context.slo}, complete until ${new Date(
          completeUntil,
        ).toISOString()}`,
      );
      if (completeUntil < to - reRead) {
        throw this.error(
          'unavailable',
          `${what}, complete only until ${new Date(
            completeUntil,
          ).toISOString()}; nothing was stored and the next refresh asks again`,
        );
      }
      warnings.push(
        `${this.label} ${what}; figures after ${new Date(
          completeUntil,
        ).toISOString()} are left out until the next refresh reads them again`,
      );
    }
    const kept = rows.filter(r => r.bin + step <= completeUntil);
    if (rows.length === 0 && !result.partialError) {
      if (!this.matchedBefore.has(query.kql)) {
        throw this.error(
          'empty',
          `the query matched no requests between ${new Date(
            from,
          ).toISOString()} and ${new Date(
            to,
          ).toISOString()} (check the table, the workspace and the filter): ${
            query.kql
          }`,
        );
      }
    } else if (rows.length > 0) {
      this.matchedBefore.add(query.kql);
    }
    return {
      points: this.points(query, kept, from, completeUntil, step),
      queries: 1,
      warnings,
      completeUntil,
    };
  }

  private points(
    query: BinnedQuery,
    rows: Row[],
    from: number,
    until: number,
    step: number,
  ): SliPoints {
    const byTime = new Map(rows.map(r => [r.bin + step, r]));
    const t: number[] = [];
    for (let time = from + step; time <= until; time += step) t.push(time);
    if (query.kind === 'values') {
      const value = t.map(time => byTime.get(time)?.value ?? NaN);
      if (!query.ratioType) return { kind: 'values', step, t, value };
      return {
        kind: 'events',
        step,
        t,
        good: value.map(v => {
          if (!Number.isFinite(v)) return 0;
          return query.ratioType === 'success' ? v : 1 - v;
        }),
        total: value.map(v => (Number.isFinite(v) ? 1 : 0)),
      };
    }
    const total = t.map(time => byTime.get(time)?.total ?? 0);
    const counted = t.map(time => byTime.get(time)?.counted ?? 0);
    return {
      kind: 'events',
      step,
      t,
      total,
      good:
        query.counted === 'bad'
          ? total.map((all, i) => all - counted[i])
          : counted,
    };
  }

  private rowsOf(table: LogsTable | undefined, query: BinnedQuery): Row[] {
    if (!table) return [];
    const index = (name: string) =>
      table.columnDescriptors.findIndex(c => c.name === name);
    const bin = index(BIN_COLUMN);
    const value = index(VALUE_COLUMN);
    const total = index(TOTAL_COLUMN);
    const counted = index(query.counted === 'bad' ? BAD_COLUMN : GOOD_COLUMN);
    const expected =
      query.kind === 'values' ? [bin, value] : [bin, total, counted];
    if (table.rows.length > 0 && expected.some(i => i < 0)) {
      throw this.error(
        'query',
        `answered with columns ${table.columnDescriptors
          .map(c => c.name)
          .join(', ')}, not those of the query Vitals sent`,
      );
    }
    const rows: Row[] = [];
    for (const row of table.rows) {
      const time = binTime(row[bin]);
      if (!Number.isFinite(time)) continue;
      rows.push({
        bin: time,
        value: value >= 0 ? numberOf(row[value]) : NaN,
        total: total >= 0 ? numberOf(row[total]) : 0,
        counted: counted >= 0 ? numberOf(row[counted]) : 0,
      });
    }
    return rows.sort((a, b) => a.bin - b.bin);
  }

  /** Runs one query over [from, to); the range is the API's timespan, never query text. */
  private async run(
    kql: string,
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<{ table?: LogsTable; partialError?: string }> {
    const timespan = { startTime: new Date(from), endTime: new Date(to) };
    const options = {
      serverTimeoutInSeconds: Math.max(1, Math.ceil(this.timeoutMs / 1000)),
      requestOptions: { timeout: this.timeoutMs },
    };
    const call = this.options.workspaceId
      ? this.client.queryWorkspace(
          this.options.workspaceId,
          kql,
          timespan,
          options,
        )
      : this.client.queryResource(
          this.options.resourceId!,
          kql,
          timespan,
          options,
        );
    let result;
    try {
      // The SDK (1.0.0) does not pass an operation's abortSignal on, so an
      // abort ends the wait here and the request runs out its timeout.
      result = await (signal ? abortable(call, signal) : call);
    } catch (e) {
      if (signal?.aborted) throw e;
      throw this.failure(e, kql);
    }
    if (result.status === LogsQueryResultStatus.PartialFailure) {
      return {
        table: result.partialTables[0],
        partialError: this.describePartial(result.partialError),
      };
    }
    return { table: result.tables[0] };
  }

  private describePartial(error: LogsErrorInfo): string {
    const codes = [...new Set(errorCodes(error))].filter(
      c => !/^-?\d+$/.test(c),
    );
    return `${codes.join(', ') || 'PartialError'}: ${errorMessages(error)}`;
  }

  /** A failed query as the source's error, in Azure's words where they say what is wrong. */
  private failure(e: unknown, kql: string): SliDataSourceError {
    if (e instanceof ThrottledBeyondWait) {
      const error = this.error(
        'unavailable',
        `is throttled (${e.status}); the service asks to wait ${Math.ceil(
          e.retryAfterMs / 1000,
        )}s, longer than a refresh waits`,
        e.retryAfterMs,
      );
      this.logger?.warn(`SLO data source ${error.message}`);
      return error;
    }
    if (e instanceof Error && e.message.startsWith('could not get an Entra')) {
      return this.error('unavailable', e.message);
    }
    if (!isRestError(e)) {
      if (e instanceof Error && e.name === 'AbortError') {
        return this.error(
          'unavailable',
          `did not answer within ${this.timeoutMs / 1000}s`,
        );
      }
      return this.error(
        'unavailable',
        `failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const status = e.statusCode;
    const body = (e.details as { error?: unknown } | undefined)?.error;
    const codes = errorCodes(body);
    const azure = body ? errorMessages(body) : e.message;
    const codeText = codes.length ? ` ${codes[0]}` : '';
    if (status === undefined) {
      const error = this.error(
        'unavailable',
        `could not be reached: ${describeCode(e.code)}`,
      );
      this.logger?.warn(`SLO data source ${error.message}`);
      return error;
    }
    if (status === 401 || status === 403) {
      return this.error(
        'unavailable',
        `refused the query (${status}${codeText}${
          status === 401 ? ', again with a renewed token' : ''
        }); ${ROLE_HINT}`,
      );
    }
    if (status === 429 || codes.some(c => THROTTLING.test(c))) {
      return this.error(
        'unavailable',
        `is throttled (${status}${codeText}), still after ${
          this.options.retries ?? 3
        } retries: ${azure}`,
        e.response ? retryAfterOf(e.response.headers) : undefined,
      );
    }
    if (status >= 500 || status === 408) {
      const error = this.error(
        'unavailable',
        `answered ${status}${codeText} after the retries: ${azure}`,
        e.response ? retryAfterOf(e.response.headers) : undefined,
      );
      this.logger?.warn(`SLO data source ${error.message}`);
      return error;
    }
    if (status === 404) {
      return this.error(
        'query',
        `answered 404${codeText}: ${azure}; check workspaceId (the workspace’s Workspace ID, a GUID) or resourceId`,
      );
    }
    return this.error(
      'query',
      `rejected the query (${status}${codeText}): ${azure}; query: ${kql}`,
    );
  }

  /** An error naming this source by its configured name, with no address or token in it. */
  private error(
    kind: SliDataSourceError['kind'],
    reason: string,
    retryAfterMs?: number,
  ): SliDataSourceError {
    return new SliDataSourceError(
      kind,
      publicErrorText(`${this.label} ${reason}`, this.authorization.secrets()),
      retryAfterMs,
    );
  }
}

interface Row {
  bin: number;
  value: number;
  total: number;
  counted: number;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The `application-insights` factory. `credentialFor` builds each source's
 * credential from its `tenantId`/`clientId`; tests pass their own.
 */
export function createApplicationInsightsFactory(
  options: {
    credentialFor?: (settings: AzureCredentialSettings) => TokenCredential;
  } = {},
): SliDataSourceFactory {
  return {
    type: APPLICATION_INSIGHTS_TYPE,
    create: ({ name, config, logger }) =>
      ApplicationInsightsDataSource.fromConfig(
        name,
        config,
        logger,
        options.credentialFor,
      ),
  };
}

export const applicationInsightsDataSourceFactory =
  createApplicationInsightsFactory();

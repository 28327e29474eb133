import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import type { FakeEntraCredential } from './fakeEntra';
import {
  compileFakeKql,
  FakeKqlError,
  FakeRequestRecord,
} from './fakeLogAnalyticsKql';

export type { FakeRequestRecord } from './fakeLogAnalyticsKql';
export { nearestRank } from './fakeLogAnalyticsKql';
export {
  demoRequestRecords,
  DEMO_SERVICES,
  type DemoOptions,
} from './fakeLogAnalyticsDemo';

/**
 * A canned misbehaviour for the next query requests, in the shapes of the
 * Log Analytics query API (`POST /v1/workspaces/{id}/query`).
 */
export interface FakeLogAnalyticsFault {
  /** How many requests it answers (default 1). */
  times?: number;
  /** Answer with this status and an Azure error body. */
  status?: number;
  /** The error body's code (defaults by status: ThrottledError, ServiceUnavailableError…). */
  code?: string;
  message?: string;
  /** `Retry-After` header (seconds, as Log Analytics sends it). */
  retryAfter?: string;
  /**
   * Answer 200 with a partial result: the first `keepBins` bins of the
   * answer, the last of them with its counts halved (cut mid-bin), and a
   * `PartialError`.
   */
  partial?: { keepBins: number };
}

/** One request the fake answered. Authorization headers are not recorded. */
export interface FakeLogAnalyticsRequest {
  path: string;
  query?: string;
  timespan?: string;
  /** The timespan's [start, end) in epoch ms, when it had both. */
  range?: [number, number];
  status: number;
  authorized: boolean;
  faulted: boolean;
  /** Rows answered (never their content). */
  rows: number;
}

export interface FakeLogAnalyticsOptions {
  /**
   * The server's certificate and key (PEM), e.g. from
   * `createSelfSignedCertificate('fake-log-analytics')` of
   * `@vitals/azure-inventory/testUtils`; clients trust `cert` as their CA.
   */
  certificate: { cert: string; key: string };
  /** Request records, in any order. */
  records?: FakeRequestRecord[];
  /** The workspace id served (default a fixed GUID). */
  workspaceId?: string;
  /** An Application Insights resource id served in resource context. */
  resourceId?: string;
  /** Accepts only live tokens of this credential; without it, `acceptToken` decides. */
  credential?: FakeEntraCredential;
  /** Which bearer tokens are accepted when no credential is given (default: any). */
  acceptToken?: (token: string) => boolean;
  /** Default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
}

export const FAKE_WORKSPACE_ID = '5b2f2c3e-8a41-4a8e-9d4b-0c6f6d1e7a10';

const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['BadArgumentError', 'The request had some invalid properties'],
  401: ['AuthorizationRequiredError', 'Valid authentication was not provided'],
  403: [
    'InsufficientAccessError',
    'The provided credentials have insufficient access to perform the requested operation',
  ],
  404: ['WorkspaceNotFoundError', 'The workspace could not be found'],
  429: [
    'ThrottledError',
    'Your request was throttled; retry after the time in the Retry-After header',
  ],
  500: ['InternalServerError', 'An unexpected error occurred'],
  502: ['BadGateway', 'The gateway received an invalid response'],
  503: [
    'ServiceUnavailableError',
    'The service is temporarily unavailable; retry later',
  ],
  504: ['GatewayTimeout', 'The gateway did not receive a response in time'],
};

function errorBody(status: number, code?: string, message?: string) {
  const [defaultCode, defaultMessage] = DEFAULT_CODES[status] ?? [
    'InternalServerError',
    'An unexpected error occurred',
  ];
  return {
    error: {
      message: message ?? defaultMessage,
      code: code ?? defaultCode,
      correlationId: randomUUID(),
    },
  };
}

function parseTimespan(timespan: unknown): [number, number] | undefined {
  if (typeof timespan !== 'string') return undefined;
  const [start, end] = timespan.split('/');
  const from = Date.parse(start);
  const to = Date.parse(end ?? '');
  return Number.isFinite(from) && Number.isFinite(to) ? [from, to] : undefined;
}

/** The first index whose record is at or after `t`, in records sorted by time. */
function lowerBound(records: FakeRequestRecord[], t: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].TimeGenerated < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A local HTTPS stand-in for the Log Analytics query API. It holds raw
 * request records and evaluates the narrow KQL the `application-insights`
 * source generates (see fakeLogAnalyticsKql.ts), refusing anything else with
 * Azure's 400 shape. Bearer tokens are checked against a
 * {@link FakeEntraCredential}. Faults (429 with Retry-After, 5xx, partial
 * results, refusals) are queued with {@link inject}; {@link outage} fails
 * every request with 503 until cleared.
 */
export class FakeLogAnalytics {
  readonly requests: FakeLogAnalyticsRequest[] = [];
  /** Every request answers 503 while set. */
  outage = false;
  private records: FakeRequestRecord[] = [];
  private readonly faults: Array<FakeLogAnalyticsFault & { left: number }> = [];

  private constructor(
    private readonly server: https.Server,
    readonly url: string,
    /** PEM of the server's self-signed certificate: trust it as `ca`. */
    readonly ca: string,
    readonly workspaceId: string,
    readonly resourceId: string | undefined,
  ) {}

  static async start(
    options: FakeLogAnalyticsOptions,
  ): Promise<FakeLogAnalytics> {
    const { certificate } = options;
    const started: { fake?: FakeLogAnalytics } = {};
    const server = https.createServer(
      { cert: certificate.cert, key: certificate.key },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', c => chunks.push(c));
        req.on('end', () =>
          started.fake!.answer(
            req,
            Buffer.concat(chunks).toString('utf8'),
            res,
            options,
          ),
        );
      },
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
        resolve(),
      );
    });
    const address = server.address() as AddressInfo;
    const host =
      address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const fake = new FakeLogAnalytics(
      server,
      `https://${host}:${address.port}`,
      certificate.cert,
      options.workspaceId ?? FAKE_WORKSPACE_ID,
      options.resourceId,
    );
    fake.setRecords(options.records ?? []);
    started.fake = fake;
    return fake;
  }

  /** Replaces the records served. */
  setRecords(records: FakeRequestRecord[]) {
    this.records = [...records].sort(
      (a, b) => a.TimeGenerated - b.TimeGenerated,
    );
  }

  /** Adds records, as ingestion would. */
  addRecords(records: FakeRequestRecord[]) {
    this.setRecords([...this.records, ...records]);
  }

  /** Queues a fault for the next `times` query requests. */
  inject(fault: FakeLogAnalyticsFault) {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Query requests that reached evaluation or a fault (not refused for auth). */
  get queries(): FakeLogAnalyticsRequest[] {
    return this.requests.filter(r => r.authorized);
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private answer(
    req: import('node:http').IncomingMessage,
    body: string,
    res: import('node:http').ServerResponse,
    options: FakeLogAnalyticsOptions,
  ) {
    const path = (req.url ?? '/').split('?')[0].replace(/\/{2,}/g, '/');
    const record: FakeLogAnalyticsRequest = {
      path,
      status: 0,
      authorized: false,
      faulted: false,
      rows: 0,
    };
    this.requests.push(record);
    const send = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ) => {
      record.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      });
      res.end(JSON.stringify(payload));
    };

    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const accepted =
      token !== undefined &&
      (options.credential
        ? options.credential.accepts(token)
        : options.acceptToken?.(token) ?? true);
    if (!accepted) {
      send(401, errorBody(401), {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return;
    }
    record.authorized = true;

    const workspace = /^\/v1\/workspaces\/([^/]+)\/query$/i.exec(path)?.[1];
    const resource = /^\/v1(\/subscriptions\/.+)\/query$/i.exec(path)?.[1];
    if (req.method !== 'POST' || (!workspace && !resource)) {
      send(
        404,
        errorBody(
          404,
          'PathNotFoundError',
          'The requested path does not exist',
        ),
      );
      return;
    }
    if (
      (workspace &&
        workspace.toLowerCase() !== this.workspaceId.toLowerCase()) ||
      (resource && resource.toLowerCase() !== this.resourceId?.toLowerCase())
    ) {
      send(
        404,
        errorBody(
          404,
          workspace ? 'WorkspaceNotFoundError' : 'ResourceNotFoundError',
        ),
      );
      return;
    }
    let parsed: { query?: unknown; timespan?: unknown };
    try {
      parsed = JSON.parse(body);
    } catch {
      send(
        400,
        errorBody(
          400,
          'BadArgumentError',
          'The request body is not valid JSON',
        ),
      );
      return;
    }
    record.query = typeof parsed.query === 'string' ? parsed.query : undefined;
    record.timespan =
      typeof parsed.timespan === 'string' ? parsed.timespan : undefined;
    record.range = parseTimespan(parsed.timespan);

    if (this.outage) {
      record.faulted = true;
      send(503, errorBody(503));
      return;
    }
    const fault = this.faults[0];
    if (fault && fault.status !== undefined) {
      if (--fault.left <= 0) this.faults.shift();
      record.faulted = true;
      send(
        fault.status,
        errorBody(fault.status, fault.code, fault.message),
        fault.retryAfter !== undefined
          ? { 'retry-after': fault.retryAfter }
          : {},
      );
      return;
    }
    if (record.query === undefined) {
      send(400, errorBody(400, 'BadArgumentError', 'The query is required'));
      return;
    }
    if (parsed.timespan !== undefined && !record.range) {
      send(
        400,
        errorBody(
          400,
          'BadArgumentError',
          'The timespan is not a start/end interval',
        ),
      );
      return;
    }
    let table;
    try {
      const evaluate = compileFakeKql(record.query);
      const [start, end] = record.range ?? [-Infinity, Infinity];
      const from = Number.isFinite(start) ? lowerBound(this.records, start) : 0;
      const to = Number.isFinite(end)
        ? lowerBound(this.records, end)
        : this.records.length;
      table = evaluate(this.records.slice(from, to), [start, end]);
    } catch (e) {
      if (!(e instanceof FakeKqlError)) throw e;
      send(400, {
        error: {
          message: 'The request had some invalid properties',
          code: 'BadArgumentError',
          correlationId: randomUUID(),
          innererror: {
            code: e.kind,
            message:
              e.kind === 'SyntaxError'
                ? 'A recognition error occurred in the query.'
                : 'A semantic error occurred.',
            innererror: {
              code: e.kind === 'SyntaxError' ? 'SYN0002' : 'SEM0100',
              message: e.message,
              ...(e.position !== undefined
                ? { line: 1, pos: e.position, token: e.token }
                : {}),
            },
          },
        },
      });
      return;
    }
    if (fault?.partial) {
      if (--fault.left <= 0) this.faults.shift();
      record.faulted = true;
      const rows = table.rows.slice(0, fault.partial.keepBins).map(r => [...r]);
      const last = rows[rows.length - 1];
      if (last) {
        for (let i = 1; i < last.length; i++) {
          if (table.columns[i].type === 'long') {
            last[i] = Math.floor(Number(last[i]) / 2);
          }
        }
      }
      record.rows = rows.length;
      send(200, {
        tables: [{ ...table, rows }],
        error: {
          code: 'PartialError',
          message: 'There were some errors when processing your query.',
          details: [
            {
              code: 'EngineError',
              message:
                'Something went wrong processing your query on the server.',
              innererror: {
                code: '-2133196800',
                message:
                  'Query result set has exceeded the internal record count limit (E_QUERY_RESULT_SET_TOO_LARGE)',
              },
            },
          ],
        },
      });
      return;
    }
    record.rows = table.rows.length;
    send(200, { tables: [table] });
  }
}

/** Starts a fake Log Analytics workspace; for scripts and browser test setups. */
export function startFakeLogAnalytics(options: FakeLogAnalyticsOptions) {
  return FakeLogAnalytics.start(options);
}

import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DAY, HOUR, MINUTE } from '@vitals/plugin-slo-common';
import { FakeEntraCredential } from './fakeEntra';

/**
 * The platform metrics the fake knows per resource type, with the localized
 * names Azure answers with (which differ from the names queried: App
 * Service's `Http5xx` answers as "Http Server Errors").
 */
export const FAKE_METRIC_CATALOG: Record<
  string,
  Record<string, { localized: string; unit: string; dimensions: string[] }>
> = {
  'microsoft.web/sites': {
    Requests: {
      localized: 'Requests',
      unit: 'Count',
      dimensions: ['Instance'],
    },
    Http5xx: {
      localized: 'Http Server Errors',
      unit: 'Count',
      dimensions: ['Instance'],
    },
    HttpResponseTime: {
      localized: 'Response Time',
      unit: 'Seconds',
      dimensions: ['Instance'],
    },
  },
  'microsoft.network/applicationgateways': {
    TotalRequests: {
      localized: 'Total Requests',
      unit: 'Count',
      dimensions: ['BackendSettingsPool'],
    },
    FailedRequests: {
      localized: 'Failed Requests',
      unit: 'Count',
      dimensions: ['BackendSettingsPool'],
    },
  },
  'microsoft.cdn/profiles': {
    RequestCount: {
      localized: 'Request Count',
      unit: 'Count',
      dimensions: ['HttpStatus', 'HttpStatusGroup', 'ClientRegion', 'Endpoint'],
    },
  },
  'microsoft.apimanagement/service': {
    Requests: {
      localized: 'Requests',
      unit: 'Count',
      dimensions: [
        'GatewayResponseCodeCategory',
        'GatewayResponseCode',
        'BackendResponseCode',
        'ApiId',
        'Location',
      ],
    },
  },
};

const GRAINS: Record<string, number> = {
  PT1M: MINUTE,
  PT5M: 5 * MINUTE,
  PT15M: 15 * MINUTE,
  PT30M: 30 * MINUTE,
  PT1H: HOUR,
  PT6H: 6 * HOUR,
  PT12H: 12 * HOUR,
  P1D: DAY,
};

/** One raw per-minute sample, as the resource emitted it. */
export interface FakeMetricSample {
  /** Start of the minute, epoch ms. */
  t: number;
  value: number;
  dimensions: Record<string, string>;
}

export interface FakeMetricsRequest {
  path: string;
  params: Record<string, string>;
  resourceIds: string[];
  authorization?: string;
  status: number;
}

export interface FakeMetricsFault {
  status: number;
  /** The Retry-After header, in seconds. */
  retryAfter?: string;
}

interface FakeResource {
  id: string;
  type: string;
  region: string;
  samples: Map<string, FakeMetricSample[]>;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** `A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq '*'`: per dimension, the values kept or `*`. */
function parseFilter(
  filter: string,
): Map<string, Set<string> | '*'> | undefined {
  const clauses = new Map<string, Set<string> | '*'>();
  for (const clause of filter.split(/\s+and\s+/i)) {
    let dimension: string | undefined;
    const values = new Set<string>();
    let wildcard = false;
    for (const term of clause.split(/\s+or\s+/i)) {
      const match = /^\s*([A-Za-z][\w.]*)\s+eq\s+'([^']*)'\s*$/i.exec(term);
      if (!match) return undefined;
      // "or" may not join two different dimensions.
      if (dimension !== undefined && lower(match[1]) !== dimension) {
        return undefined;
      }
      dimension = lower(match[1]);
      if (match[2] === '*') wildcard = true;
      else values.add(lower(match[2]));
    }
    if (dimension === undefined) return undefined;
    clauses.set(dimension, wildcard ? '*' : values);
  }
  return clauses;
}

/**
 * A local HTTPS stand-in for the Azure Monitor metrics batch API
 * (`POST /subscriptions/{id}/metrics:getBatch`, api-version 2024-02-01),
 * shaped on the REST specification's examples. It keeps raw per-minute
 * samples per resource, metric and dimension values, and aggregates them on
 * request by interval, aggregation and dimension filter the way Azure does.
 * It accepts only live tokens of its {@link FakeEntraCredential}, refuses
 * times beyond the 93 days of retention and spans over 30 days, can answer
 * with injected faults or an outage, and records every request.
 */
export class FakeAzureMonitorMetrics {
  readonly requests: FakeMetricsRequest[] = [];
  /** Answered in order, one per request, before anything else. */
  faults: FakeMetricsFault[] = [];
  /** While true every request is answered 503. */
  outage = false;
  /** Resources the credential may not read (403). */
  readonly forbidden = new Set<string>();
  private readonly resources = new Map<string, FakeResource>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The PEM certificate to trust. */
    readonly ca: string,
    private readonly credential: FakeEntraCredential,
    private readonly now: () => number,
  ) {}

  static async start(options: {
    credential: FakeEntraCredential;
    /** The certificate to serve (`createSelfSignedCertificate` of `@vitals/azure-inventory/testUtils`). */
    certificate: { cert: string; key: string };
    /** The clock retention is judged by (default Date.now). */
    now?: () => number;
  }): Promise<FakeAzureMonitorMetrics> {
    const { cert, key } = options.certificate;
    const server = createServer({ cert, key });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeAzureMonitorMetrics(
      server,
      `https://127.0.0.1:${port}`,
      cert,
      options.credential,
      options.now ?? Date.now,
    );
    server.on('request', (req, res) => {
      fake.handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(
          JSON.stringify({
            error: { code: 'FakeFailure', message: String(error) },
          }),
        );
      });
    });
    return fake;
  }

  addResource(id: string, region: string) {
    const match = /\/providers\/([^/]+)\/([^/]+)\//i.exec(id);
    if (!match) throw new Error(`not a resource id: ${id}`);
    this.resources.set(lower(id), {
      id,
      type: lower(`${match[1]}/${match[2]}`),
      region,
      samples: new Map(),
    });
  }

  /** Stores a raw sample for the minute starting at `t`. */
  record(
    resourceId: string,
    metric: string,
    t: number,
    value: number,
    dimensions: Record<string, string> = {},
  ) {
    const resource = this.resources.get(lower(resourceId));
    if (!resource) throw new Error(`unknown resource ${resourceId}`);
    const list = resource.samples.get(lower(metric)) ?? [];
    list.push({ t: Math.floor(t / MINUTE) * MINUTE, value, dimensions });
    resource.samples.set(lower(metric), list);
  }

  /** The raw samples of a metric, for tests to compute expectations from. */
  samples(resourceId: string, metric: string): FakeMetricSample[] {
    return [
      ...(this.resources.get(lower(resourceId))?.samples.get(lower(metric)) ??
        []),
    ];
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const params: Record<string, string> = {};
    url.searchParams.forEach((v, k) => {
      params[lower(k)] = v;
    });
    const entry: FakeMetricsRequest = {
      path: url.pathname.replace(/\/{2,}/g, '/'),
      params,
      resourceIds: [],
      authorization: req.headers.authorization,
      status: 0,
    };
    this.requests.push(entry);
    const answer = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ) => {
      entry.status = status;
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(JSON.stringify(payload));
    };
    const fail = (
      status: number,
      code: string,
      message: string,
      headers?: Record<string, string>,
    ) => answer(status, { error: { code, message } }, headers);

    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.credential.accepts(token)) {
      fail(401, 'InvalidAuthenticationToken', 'The access token is invalid.', {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return;
    }
    if (this.outage) {
      fail(503, 'ServiceUnavailable', 'The service is unavailable.');
      return;
    }
    const fault = this.faults.shift();
    if (fault) {
      fail(
        fault.status,
        fault.status === 429 ? 'TooManyRequests' : 'InternalServerError',
        fault.status === 429
          ? 'The request was throttled.'
          : 'The server failed to answer.',
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }

    const route = /^\/subscriptions\/([^/]+)\/metrics:getBatch$/i.exec(
      entry.path,
    );
    if (req.method !== 'POST' || !route) {
      fail(404, 'NotFound', 'No such route.');
      return;
    }
    if (!params['api-version']) {
      fail(400, 'MissingApiVersionParameter', 'api-version is required.');
      return;
    }
    let resourceIds: string[];
    try {
      resourceIds = JSON.parse(body).resourceids;
    } catch {
      resourceIds = [];
    }
    entry.resourceIds = resourceIds ?? [];
    if (!Array.isArray(resourceIds) || resourceIds.length === 0) {
      fail(400, 'BadRequest', 'resourceids is required.');
      return;
    }
    if (resourceIds.length > 50) {
      fail(400, 'BadRequest', 'At most 50 resource ids per batch.');
      return;
    }
    const grain = GRAINS[params.interval ?? 'PT1M'];
    if (!grain) {
      fail(
        400,
        'BadRequest',
        `Invalid time grain ${params.interval}; supported: ${Object.keys(
          GRAINS,
        ).join(',')}`,
      );
      return;
    }
    const start = Date.parse(params.starttime ?? '');
    const end = Date.parse(params.endtime ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      fail(400, 'BadRequest', 'Detected invalid time interval input.');
      return;
    }
    const horizon = this.now() - 93 * DAY;
    if (start < horizon) {
      fail(
        400,
        'BadRequest',
        `Query startTime: ${new Date(
          start,
        ).toISOString()} is out of the Max metrics retention period: 93.00:00:00`,
      );
      return;
    }
    if (end - start > 30 * DAY) {
      fail(
        400,
        'BadRequest',
        'The requested time range exceeds the maximum allowed of 30 days.',
      );
      return;
    }
    const namespace = lower(params.metricnamespace ?? '');
    const catalog = FAKE_METRIC_CATALOG[namespace];
    const names = (params.metricnames ?? '').split(',').filter(Boolean);
    const unknownMetric = names.find(
      n => !Object.keys(catalog ?? {}).some(k => lower(k) === lower(n)),
    );
    if (!catalog || names.length === 0 || unknownMetric !== undefined) {
      fail(
        400,
        'BadRequest',
        `Failed to find metric configuration for provider: ${namespace}, metric: ${unknownMetric}`,
      );
      return;
    }
    const filter = params.filter ? parseFilter(params.filter) : new Map();
    if (!filter) {
      fail(400, 'BadRequest', `Invalid filter: ${params.filter}`);
      return;
    }
    const aggregations = (params.aggregation ?? 'average')
      .split(',')
      .map(a => lower(a.trim()));
    const top = Number(params.top ?? 10);

    const values = [];
    for (const id of resourceIds) {
      const resource = this.resources.get(lower(id));
      if (
        !resource ||
        !lower(id).startsWith(`/subscriptions/${lower(route[1])}/`)
      ) {
        fail(404, 'ResourceNotFound', `The resource ${id} was not found.`);
        return;
      }
      if (this.forbidden.has(lower(id))) {
        fail(
          403,
          'AuthorizationFailed',
          `The client does not have authorization to perform action 'Microsoft.Insights/metrics/read' over scope '${id}'.`,
        );
        return;
      }
      const metrics = [];
      for (const requested of names) {
        const [name, definition] = Object.entries(catalog).find(
          ([k]) => lower(k) === lower(requested),
        )!;
        for (const dimension of filter.keys()) {
          if (!definition.dimensions.some(d => lower(d) === dimension)) {
            fail(
              400,
              'BadRequest',
              `Metric ${name} has no dimension ${dimension}.`,
            );
            return;
          }
        }
        metrics.push({
          id: `${resource.id}/providers/Microsoft.Insights/metrics/${name}`,
          type: 'Microsoft.Insights/metrics',
          name: { value: name, localizedValue: definition.localized },
          displayDescription: `${definition.localized} of the resource.`,
          unit: definition.unit,
          timeseries: this.timeseries(
            resource.samples.get(lower(name)) ?? [],
            filter,
            {
              start,
              end,
              grain,
              aggregations,
              top,
              fillGapWithZero: definition.unit === 'Count',
            },
          ),
          errorCode: 'Success',
        });
      }
      values.push({
        starttime: new Date(start).toISOString(),
        endtime: new Date(end).toISOString(),
        interval: params.interval ?? 'PT1M',
        value: metrics,
        namespace,
        resourceregion: resource.region,
        resourceid: resource.id,
      });
    }
    answer(200, { values });
  }

  /** Azure's aggregation: buckets of `grain` from the start (rounded down), one series per value of each filtered dimension. */
  private timeseries(
    samples: FakeMetricSample[],
    filter: Map<string, Set<string> | '*'>,
    query: {
      start: number;
      end: number;
      grain: number;
      aggregations: string[];
      top: number;
      fillGapWithZero: boolean;
    },
  ) {
    const first = Math.floor(query.start / query.grain) * query.grain;
    const dimensionOf = (s: FakeMetricSample, dimension: string) =>
      Object.entries(s.dimensions).find(([k]) => lower(k) === dimension)?.[1] ??
      '';
    const series = new Map<
      string,
      { metadata: Array<[string, string]>; samples: FakeMetricSample[] }
    >();
    for (const s of samples) {
      if (s.t < first || s.t >= query.end) continue;
      let kept = true;
      const metadata: Array<[string, string]> = [];
      for (const [dimension, allowed] of filter) {
        const value = dimensionOf(s, dimension);
        if (allowed !== '*' && !allowed.has(lower(value))) kept = false;
        metadata.push([dimension, value]);
      }
      if (!kept) continue;
      const key = JSON.stringify(metadata);
      const entry = series.get(key) ?? { metadata, samples: [] };
      entry.samples.push(s);
      series.set(key, entry);
    }
    // Count metrics (fillGapWithZero in their definitions) answer an
    // unfiltered query with zeros where nothing happened.
    if (series.size === 0 && filter.size === 0 && query.fillGapWithZero) {
      series.set('[]', { metadata: [], samples: [] });
    }
    return [...series.values()].slice(0, query.top).map(entry => {
      const buckets = new Map<number, FakeMetricSample[]>();
      for (const s of entry.samples) {
        const b = first + Math.floor((s.t - first) / query.grain) * query.grain;
        const bucket = buckets.get(b);
        if (bucket) bucket.push(s);
        else buckets.set(b, [s]);
      }
      const data = [];
      for (let b = first; b < query.end; b += query.grain) {
        const inBucket = buckets.get(b) ?? [];
        const point: Record<string, unknown> = {
          timeStamp: new Date(b).toISOString().replace('.000Z', 'Z'),
        };
        if (inBucket.length === 0 && query.fillGapWithZero) {
          for (const aggregation of query.aggregations) {
            if (aggregation === 'total' || aggregation === 'count') {
              point[aggregation] = 0;
            }
          }
        }
        if (inBucket.length > 0) {
          const total = inBucket.reduce((sum, s) => sum + s.value, 0);
          for (const aggregation of query.aggregations) {
            if (aggregation === 'total') point.total = total;
            if (aggregation === 'count') point.count = inBucket.length;
            if (aggregation === 'average') {
              point.average = total / inBucket.length;
            }
            if (aggregation === 'maximum') {
              point.maximum = Math.max(...inBucket.map(s => s.value));
            }
            if (aggregation === 'minimum') {
              point.minimum = Math.min(...inBucket.map(s => s.value));
            }
          }
        }
        data.push(point);
      }
      return {
        metadatavalues: entry.metadata.map(([name, value]) => ({
          name: { value: name, localizedValue: name },
          value,
        })),
        data,
      };
    });
  }
}

import { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent, Server, createServer } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import {
  isGeoRedundantStorageSku,
  normalizeRegion,
  parseResourceId,
} from '@vitals/azure-inventory-common';
import {
  SelfSignedCertificate,
  createSelfSignedCertificate,
} from './selfSignedCertificate';

/** The bearer token {@link FakeResourceManager.credential} hands out and the fake expects. */
export const FAKE_ACCESS_TOKEN = 'fake-arm-access-token';

/** A Resource Manager GET body: `id`, `name`, `type`, `location`, `properties`, ... */
export type FakeResourceBody = Record<string, unknown>;

/**
 * A body served at a path other than its own `id`, for resources whose
 * real responses carry an id that does not match the URL (SQL TDE answers
 * with the database's id).
 */
export interface FakeResourceAt {
  at: string;
  body: FakeResourceBody;
}

export interface FakeProviderResourceType {
  resourceType: string;
  apiVersions: string[];
  locations?: string[];
  [key: string]: unknown;
}

/** A resource provider as `GET /subscriptions/{id}/providers/{namespace}` returns it (without `id`). */
export interface FakeProvider {
  namespace: string;
  resourceTypes: FakeProviderResourceType[];
  [key: string]: unknown;
}

export interface FakeResourceManagerOptions {
  resources?: Array<FakeResourceBody | FakeResourceAt>;
  providers?: FakeProvider[];
  /** Items per page of `resources.list` and child collections (`nextLink` paging); default 100. */
  listPageSize?: number;
  /** Rows per Resource Graph page, capped further by the request's `$top`; default 1000. */
  resourceGraphPageSize?: number;
  /**
   * Milliseconds every answer waits, like a network round trip; default 0.
   * With it, {@link FakeResourceManager.maxInFlight} shows the client's
   * concurrency rather than the fake's own speed.
   */
  latencyMs?: number;
}

/**
 * A canned misbehaviour for matching requests. `path` is compared with the
 * normalised request path (single slashes, no trailing slash),
 * case-insensitively when a string.
 */
export interface FakeFault {
  method?: 'GET' | 'POST';
  path: string | RegExp;
  /**
   * Only requests of this {@link FakeRequest.kind} (exactly when a string):
   * `resource graph: appserviceresources` fails one Resource Graph table
   * while the others answer.
   */
  kind?: string | RegExp;
  /** How many matching requests the fault applies to; every one when absent. */
  times?: number;
  /** Wait this long before answering (then answer normally unless `status` or `malformed`). */
  delayMs?: number;
  status?: number;
  headers?: Record<string, string>;
  /** Response body for `status`: an object is sent as JSON, a string as is. Defaults to an ARM error body. */
  body?: unknown;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
}

/** One request the fake answered. Authorization headers are not recorded. */
export interface FakeRequest {
  method: string;
  /** Normalised path: single slashes, original case. */
  path: string;
  query: Record<string, string>;
  apiVersion?: string;
  /** Parsed JSON body of a POST. */
  body?: unknown;
  status: number;
  /** Whether an injected fault produced the answer. */
  faulted: boolean;
  /**
   * What was asked, for counting requests by kind: `resource graph:
   * resources`, `list resources`, `provider api-versions`, `get
   * microsoft.storage/storageaccounts`, or a child collection as
   * `microsoft.sql/servers/databases → transparentdataencryption`.
   */
  kind: string;
  startedAt: number;
  finishedAt: number;
}

interface StoredResource {
  path: string;
  /** Lower-cased `path`, the store key. */
  key: string;
  body: FakeResourceBody;
  type: string;
  listed: boolean;
}

/**
 * Proxy resources that carry a `location` in their body yet are not
 * returned by `resources.list` or Resource Graph.
 */
const UNLISTED_TYPES = new Set(['microsoft.sql/servers/failovergroups']);

const RESOURCE_GRAPH_API_VERSIONS = new Set([
  '2019-04-01',
  '2020-04-01-preview',
  '2021-03-01',
  '2022-10-01',
  '2024-04-01',
]);

const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

function normalizePath(pathname: string): string {
  return `/${pathname.split('/').filter(Boolean).join('/')}`;
}

function isFakeResourceAt(
  entry: FakeResourceBody | FakeResourceAt,
): entry is FakeResourceAt {
  return typeof entry.at === 'string' && typeof entry.body === 'object';
}

let certificate: SelfSignedCertificate | undefined;

/** One certificate per process: every fake in a test file shares it. */
function testCertificate(): SelfSignedCertificate {
  certificate ??= createSelfSignedCertificate('fake-resource-manager.local');
  return certificate;
}

/**
 * A storage account as Resource Manager returns it: `geoReplicationStats`
 * only with `$expand=geoReplicationStats`, and then only for geo-redundant
 * SKUs (the stored body's own stats, or a live replica synced 90 s ago).
 */
function withGeoReplicationStats(
  body: FakeResourceBody,
  expand: string | undefined,
): FakeResourceBody {
  const properties = (body.properties ?? {}) as Record<string, unknown>;
  const { geoReplicationStats, ...rest } = properties;
  const wanted = (expand ?? '')
    .split(',')
    .some(e => e.trim().toLowerCase() === 'georeplicationstats');
  const sku = (body.sku as { name?: string } | undefined)?.name;
  if (!wanted || !isGeoRedundantStorageSku(sku)) {
    return { ...body, properties: rest };
  }
  return {
    ...body,
    properties: {
      ...rest,
      geoReplicationStats: geoReplicationStats ?? {
        status: 'Live',
        lastSyncTime: new Date(Date.now() - 90_000).toISOString(),
        canFailover: true,
      },
    },
  };
}

function armError(status: number, code: string, message: string) {
  return { status, body: { error: { code, message } } };
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string;
}

/**
 * A local HTTPS fake of Azure Resource Manager and Resource Graph on
 * 127.0.0.1, for tests that drive the real Azure SDK clients:
 * `resources.list` (subscription, resource group, `$filter` by tag or type)
 * with `nextLink` paging and without `properties`, `getById` and child
 * collections with api-version checking against the registered providers,
 * `providers.get`, and Resource Graph queries of the `resources` and
 * `appserviceresources` tables with `$skipToken` paging. Faults are
 * injected per path; every request is logged with its kind.
 *
 * The KQL of a Resource Graph query is not evaluated, except a
 * `| where tags['<name>'] =~ '<value>'` clause; `resources` rows are the
 * listed resources of the requested subscriptions, ordered by id, and
 * `appserviceresources` rows the stored `config/web` of their sites.
 */
export class FakeResourceManager {
  readonly requests: FakeRequest[] = [];
  private readonly store = new Map<string, StoredResource>();
  /** Stored resources by the lower-cased path of their collection (their path minus the name). */
  private readonly collections = new Map<string, Map<string, StoredResource>>();
  private readonly providerMap = new Map<string, FakeProvider>();
  private faults: FakeFault[] = [];
  private inFlight = 0;
  private peakInFlight = 0;
  private readonly listPageSize: number;
  private readonly resourceGraphPageSize: number;
  private readonly latencyMs: number;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The PEM certificate to trust: pass it as `ca` to the client. */
    readonly caPem: string,
    options: FakeResourceManagerOptions,
  ) {
    this.listPageSize = options.listPageSize ?? 100;
    this.resourceGraphPageSize = options.resourceGraphPageSize ?? 1000;
    this.latencyMs = options.latencyMs ?? 0;
    this.addProviders(options.providers ?? []);
    this.addResources(options.resources ?? []);
  }

  static async start(
    options: FakeResourceManagerOptions = {},
  ): Promise<FakeResourceManager> {
    const { cert, key } = testCertificate();
    const server = createServer({ cert, key });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeResourceManager(
      server,
      `https://127.0.0.1:${port}`,
      cert,
      options,
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

  /** A credential that hands out {@link FAKE_ACCESS_TOKEN}. */
  static credential(): TokenCredential {
    return {
      getToken: async () => ({
        token: FAKE_ACCESS_TOKEN,
        expiresOnTimestamp: Date.now() + 60 * 60 * 1000,
      }),
    };
  }

  /** An HTTPS agent that trusts the fake's certificate, for clients that take an agent. */
  httpsAgent(): Agent {
    return new Agent({ ca: this.caPem });
  }

  /** The most requests that were in flight at the same time. */
  get maxInFlight(): number {
    return this.peakInFlight;
  }

  addResources(entries: Array<FakeResourceBody | FakeResourceAt>): void {
    for (const entry of entries) {
      // Copied, so a test that edits a fixture afterwards does not change
      // what the fake serves (and the fake never edits the fixture).
      const { path, body } = isFakeResourceAt(entry)
        ? { path: entry.at, body: structuredClone(entry.body) }
        : { path: String(entry.id), body: structuredClone(entry) };
      const normalized = normalizePath(path);
      const type =
        parseResourceId(normalized)?.type ?? lower(String(body.type));
      const key = lower(normalized);
      this.removeResource(key);
      const stored: StoredResource = {
        path: normalized,
        key,
        body,
        type,
        listed:
          typeof body.location === 'string' &&
          body.location !== '' &&
          !UNLISTED_TYPES.has(type),
      };
      this.store.set(key, stored);
      const collection = key.slice(0, key.lastIndexOf('/'));
      if (!this.collections.has(collection)) {
        this.collections.set(collection, new Map());
      }
      this.collections.get(collection)!.set(key, stored);
    }
  }

  removeResource(id: string): void {
    const key = lower(normalizePath(id));
    this.store.delete(key);
    this.collections.get(key.slice(0, key.lastIndexOf('/')))?.delete(key);
  }

  addProviders(providers: FakeProvider[]): void {
    for (const provider of providers) {
      this.providerMap.set(lower(provider.namespace), provider);
    }
  }

  inject(fault: FakeFault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearRequests(): void {
    this.requests.length = 0;
    this.peakInFlight = 0;
  }

  /** Logged requests by {@link FakeRequest.kind}, most frequent first. */
  requestsByKind(): Array<{ kind: string; count: number }> {
    const counts = new Map<string, number>();
    for (const request of this.requests) {
      counts.set(request.kind, (counts.get(request.kind) ?? 0) + 1);
    }
    return [...counts]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  }

  /** Logged requests whose normalised path matches (a string matches case-insensitively and exactly). */
  requestsTo(path: string | RegExp, method?: string): FakeRequest[] {
    return this.requests.filter(
      r =>
        (!method || r.method === method) &&
        (typeof path === 'string'
          ? lower(r.path) === lower(normalizePath(path))
          : path.test(r.path)),
    );
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private takeFault(
    method: string,
    path: string,
    kind: string,
  ): FakeFault | undefined {
    const fault = this.faults.find(
      f =>
        (!f.method || f.method === method) &&
        (typeof f.path === 'string'
          ? lower(normalizePath(f.path)) === lower(path)
          : f.path.test(path)) &&
        (f.kind === undefined ||
          (typeof f.kind === 'string' ? f.kind === kind : f.kind.test(kind))) &&
        (f.times === undefined || f.times > 0),
    );
    if (fault && fault.times !== undefined) {
      fault.times -= 1;
    }
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const startedAt = Date.now();
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    // Not `new URL(req.url, base)`: getById sends `//subscriptions/...`,
    // which URL would read as a protocol-relative host.
    const raw = req.url ?? '/';
    const queryStart = raw.indexOf('?');
    const path = normalizePath(
      decodeURIComponent(queryStart < 0 ? raw : raw.slice(0, queryStart)),
    );
    const query = Object.fromEntries(
      new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1)),
    );
    const method = req.method ?? 'GET';
    let body: unknown;
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
    }

    let reply: Reply;
    let faulted = false;
    const kind = this.requestKind(method, path, query, body);
    const fault = this.takeFault(method, path, kind);
    const delayMs = this.latencyMs + (fault?.delayMs ?? 0);
    if (delayMs > 0) {
      await new Promise(resolve => setTimeout(resolve, delayMs));
    }
    if (req.headers.authorization !== `Bearer ${FAKE_ACCESS_TOKEN}`) {
      reply = armError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing or invalid.",
      );
    } else if (fault?.malformed) {
      faulted = true;
      reply = {
        status: 200,
        raw: '{"id": "/subscriptions/00000000-0000-0000-0000-0000',
        headers: fault.headers,
      };
    } else if (fault?.status) {
      faulted = true;
      const { body: defaultBody } = armError(
        fault.status,
        fault.status === 429 ? 'TooManyRequests' : 'InternalServerError',
        fault.status === 429
          ? 'The request is being throttled.'
          : 'The server encountered an internal error.',
      );
      reply = {
        status: fault.status,
        headers: fault.headers,
        ...(typeof fault.body === 'string'
          ? { raw: fault.body }
          : { body: fault.body ?? defaultBody }),
      };
    } else {
      reply = this.route(method, path, query, body);
    }

    const payload =
      reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.statusCode = reply.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-ms-request-id', `fake-${this.requests.length}`);
    for (const [name, value] of Object.entries(reply.headers ?? {})) {
      res.setHeader(name, value);
    }
    this.inFlight -= 1;
    this.requests.push({
      method,
      path,
      query,
      apiVersion: query['api-version'],
      body: method === 'POST' ? body : undefined,
      status: reply.status,
      faulted,
      kind,
      startedAt,
      finishedAt: Date.now(),
    });
    res.end(payload);
  }

  private requestKind(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
  ): string {
    const key = lower(path);
    if (
      method === 'POST' &&
      key === '/providers/microsoft.resourcegraph/resources'
    ) {
      const text = (body as { query?: unknown } | undefined)?.query;
      const table = /^\s*([a-z]+)/i.exec(String(text ?? ''))?.[1];
      return `resource graph: ${lower(table ?? '?')}`;
    }
    const segments = key.split('/').filter(Boolean);
    if (
      segments[0] === 'subscriptions' &&
      ((segments.length === 3 && segments[2] === 'resources') ||
        (segments.length === 5 &&
          segments[2] === 'resourcegroups' &&
          segments[4] === 'resources'))
    ) {
      return 'list resources';
    }
    if (
      segments.length === 4 &&
      segments[0] === 'subscriptions' &&
      segments[2] === 'providers'
    ) {
      return 'provider api-versions';
    }
    const stored = this.store.get(key);
    if (stored?.listed) {
      return query.$expand
        ? `get ${stored.type} ($expand=${query.$expand})`
        : `get ${stored.type}`;
    }
    const parent = this.nearestStoredAncestor(path);
    if (parent) {
      return `${parent.type} → ${key.slice(parent.key.length + 1)}`;
    }
    return `list ${parseResourceId(`${path}/x`)?.type ?? key}`;
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
  ): Reply {
    const segments = path.split('/').filter(Boolean);
    const lowerSegments = segments.map(lower);
    const apiVersion = query['api-version'];
    if (!apiVersion) {
      return armError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      );
    }

    if (
      method === 'POST' &&
      lower(path) === '/providers/microsoft.resourcegraph/resources'
    ) {
      return this.resourceGraph(apiVersion, body);
    }
    if (method !== 'GET') {
      return armError(
        405,
        'MethodNotAllowed',
        `${method} is not supported by the fake`,
      );
    }

    if (
      segments.length === 3 &&
      lowerSegments[0] === 'subscriptions' &&
      lowerSegments[2] === 'resources'
    ) {
      return this.list(path, query, r =>
        r.key.startsWith(`/subscriptions/${lowerSegments[1]}/`),
      );
    }
    if (
      segments.length === 5 &&
      lowerSegments[0] === 'subscriptions' &&
      lowerSegments[2] === 'resourcegroups' &&
      lowerSegments[4] === 'resources'
    ) {
      const prefix = `/subscriptions/${lowerSegments[1]}/resourcegroups/${lowerSegments[3]}/`;
      return this.list(path, query, r => r.key.startsWith(prefix));
    }
    if (
      segments.length === 4 &&
      lowerSegments[0] === 'subscriptions' &&
      lowerSegments[2] === 'providers'
    ) {
      const provider = this.providerMap.get(lowerSegments[3]);
      if (!provider) {
        return armError(
          404,
          'InvalidResourceNamespace',
          `The resource namespace '${segments[3]}' is invalid.`,
        );
      }
      return {
        status: 200,
        body: {
          id: `/subscriptions/${segments[1]}/providers/${provider.namespace}`,
          registrationState: 'Registered',
          ...provider,
        },
      };
    }

    const stored = this.store.get(lower(path));
    if (stored) {
      const invalid = this.checkApiVersion(stored.type, apiVersion);
      return (
        invalid ?? {
          status: 200,
          body:
            stored.type === 'microsoft.storage/storageaccounts'
              ? withGeoReplicationStats(stored.body, query.$expand)
              : stored.body,
        }
      );
    }
    return this.collection(path, query, apiVersion);
  }

  private checkApiVersion(type: string, apiVersion: string): Reply | undefined {
    if (!API_VERSION_PATTERN.test(apiVersion)) {
      return armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${apiVersion}' is invalid. The supported versions are '2025-04-01,2024-11-01'.`,
      );
    }
    const [namespace, ...rest] = type.split('/');
    const provider = this.providerMap.get(namespace);
    if (!provider) {
      return undefined;
    }
    const resourceType = rest.join('/');
    const entry = provider.resourceTypes.find(
      t => lower(t.resourceType) === resourceType,
    );
    if (!entry || !entry.apiVersions.includes(apiVersion)) {
      return armError(
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location 'eastus2' and API version '${apiVersion}' for type '${
          entry?.resourceType ?? resourceType
        }'. The supported api-versions are '${(entry?.apiVersions ?? []).join(
          ', ',
        )}'.`,
      );
    }
    return undefined;
  }

  private page<T>(
    items: T[],
    path: string,
    query: Record<string, string>,
    pageSize: number,
  ): { value: T[]; nextLink?: string } {
    const offset = Number(query.$skiptoken ?? '0') || 0;
    const value = items.slice(offset, offset + pageSize);
    if (offset + pageSize >= items.length) {
      return { value };
    }
    const next = new URLSearchParams({
      ...query,
      $skiptoken: String(offset + pageSize),
    });
    return { value, nextLink: `${this.url}${path}?${next.toString()}` };
  }

  private list(
    path: string,
    query: Record<string, string>,
    inScope: (resource: StoredResource) => boolean,
  ): Reply {
    if (!API_VERSION_PATTERN.test(query['api-version'])) {
      return armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${query['api-version']}' is invalid.`,
      );
    }
    const filter = query.$filter;
    let matches: (body: FakeResourceBody, type: string) => boolean = () => true;
    let tagsFiltered = false;
    if (filter) {
      const tag =
        /^tagName eq '((?:[^']|'')*)'(?: and tagValue eq '((?:[^']|'')*)')?$/.exec(
          filter,
        );
      const type = /^resourceType eq '((?:[^']|'')*)'$/.exec(filter);
      if (tag) {
        tagsFiltered = true;
        const name = lower(tag[1].replace(/''/g, "'"));
        const value = tag[2]?.replace(/''/g, "'");
        matches = body => {
          const tags = (body.tags ?? {}) as Record<string, string>;
          const key = Object.keys(tags).find(k => lower(k) === name);
          return (
            key !== undefined && (value === undefined || tags[key] === value)
          );
        };
      } else if (type) {
        const wanted = lower(type[1].replace(/''/g, "'"));
        matches = (_body, resourceType) => resourceType === wanted;
      } else {
        return armError(
          400,
          'InvalidFilterInQueryString',
          `Invalid $filter '${filter}' specified in the query string.`,
        );
      }
    }
    const items = [...this.store.values()]
      .filter(r => r.listed && inScope(r) && matches(r.body, r.type))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(r => {
        const { properties: _properties, tags, ...summary } = r.body;
        // Listing by tag answers without the tags themselves.
        return tagsFiltered
          ? summary
          : { ...summary, ...(tags ? { tags } : {}) };
      });
    return {
      status: 200,
      body: this.page(items, path, query, this.listPageSize),
    };
  }

  private collection(
    path: string,
    query: Record<string, string>,
    apiVersion: string,
  ): Reply {
    const segments = path.split('/').filter(Boolean);
    const isExtension =
      segments.length >= 3 &&
      lower(segments[segments.length - 3]) === 'providers';
    const parentPath = `/${segments.slice(0, isExtension ? -3 : -1).join('/')}`;
    const parent = this.store.get(lower(parentPath));
    const type = parseResourceId(`${path}/x`)?.type;
    const parentOfParent =
      isExtension && !parent
        ? this.nearestStoredAncestor(parentPath)
        : undefined;
    if (
      !type ||
      (!parent && !parentOfParent && !this.isRegionalCollection(segments))
    ) {
      return armError(
        404,
        'ResourceNotFound',
        `The Resource '${path}' was not found.`,
      );
    }
    const invalid = this.checkApiVersion(type, apiVersion);
    if (invalid) {
      return invalid;
    }
    const items = [...(this.collections.get(lower(path))?.values() ?? [])]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(r => r.body);
    return {
      status: 200,
      body: this.page(items, path, query, this.listPageSize),
    };
  }

  /**
   * `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/locations/{region}/{type}`
   * (SQL instance failover groups): answered, possibly empty, for any
   * resource group that holds a stored resource.
   */
  private isRegionalCollection(segments: string[]): boolean {
    const lowered = segments.map(lower);
    if (
      segments.length !== 9 ||
      lowered[0] !== 'subscriptions' ||
      lowered[2] !== 'resourcegroups' ||
      lowered[4] !== 'providers' ||
      lowered[6] !== 'locations'
    ) {
      return false;
    }
    const group = `/${lowered.slice(0, 4).join('/')}/`;
    return [...this.store.keys()].some(key => key.startsWith(group));
  }

  /** Extension collections of sub-resources (`{account}/blobServices/default/providers/...`) whose sub-resource is not stored. */
  private nearestStoredAncestor(path: string): StoredResource | undefined {
    const segments = path.split('/').filter(Boolean);
    for (let end = segments.length - 1; end > 0; end--) {
      const found = this.store.get(
        lower(`/${segments.slice(0, end).join('/')}`),
      );
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  private resourceGraph(apiVersion: string, body: unknown): Reply {
    if (!RESOURCE_GRAPH_API_VERSIONS.has(apiVersion)) {
      return armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${apiVersion}' is invalid for Microsoft.ResourceGraph/resources.`,
      );
    }
    const request = (body ?? {}) as {
      subscriptions?: string[];
      query?: string;
      options?: { $top?: number; $skipToken?: string; $skip?: number };
    };
    const table =
      typeof request.query === 'string'
        ? lower(/^\s*([a-z]+)\b/i.exec(request.query)?.[1] ?? '')
        : '';
    if (table !== 'resources' && table !== 'appserviceresources') {
      return {
        status: 400,
        body: {
          error: {
            code: 'BadRequest',
            message:
              'Please provide below info when asking for support: timestamp, correlationId.',
            details: [
              {
                code: 'InvalidQuery',
                message:
                  'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
              },
            ],
          },
        },
      };
    }
    const subscriptions = new Set((request.subscriptions ?? []).map(lower));
    if (table === 'appserviceresources') {
      return this.resourceGraphPage(
        this.appServiceRows(subscriptions),
        request.options,
      );
    }
    const query = request.query as string;
    const tagClause =
      /\|\s*where\s+tags\['((?:[^'\\]|\\.)*)'\]\s*=~\s*'((?:[^'\\]|\\.)*)'/.exec(
        query,
      );
    const unescape = (value: string) => value.replace(/\\(.)/g, '$1');
    const rows = [...this.store.values()]
      .filter(r => r.listed)
      .map(r => {
        const parsed = parseResourceId(r.path);
        return {
          stored: r,
          subscriptionId: parsed?.subscriptionId ?? '',
          resourceGroup: parsed?.resourceGroup ?? '',
        };
      })
      .filter(r => subscriptions.has(lower(r.subscriptionId)))
      .filter(r => {
        if (!tagClause) {
          return true;
        }
        const tags = (r.stored.body.tags ?? {}) as Record<string, string>;
        const value = tags[unescape(tagClause[1])];
        return (
          value !== undefined && lower(value) === lower(unescape(tagClause[2]))
        );
      })
      .sort((a, b) => (a.stored.key < b.stored.key ? -1 : 1))
      .map(({ stored, subscriptionId, resourceGroup }) => ({
        id: stored.body.id ?? stored.path,
        name: stored.body.name,
        type: stored.type,
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        kind: stored.body.kind ?? '',
        location: normalizeRegion(String(stored.body.location ?? '')),
        // Resource Graph lower-cases the resource group column.
        resourceGroup: lower(resourceGroup),
        subscriptionId,
        managedBy: '',
        sku: stored.body.sku ?? null,
        plan: null,
        // Resource Graph has no geoReplicationStats: only an expanded GET does.
        properties:
          (stored.type === 'microsoft.storage/storageaccounts'
            ? withGeoReplicationStats(stored.body, undefined).properties
            : stored.body.properties) ?? {},
        tags: stored.body.tags ?? null,
        identity: stored.body.identity ?? null,
        zones: stored.body.zones ?? null,
        extendedLocation: null,
      }));

    return this.resourceGraphPage(rows, request.options);
  }

  /**
   * `appserviceresources` rows of type `microsoft.web/sites/config`: each
   * site's web configuration named after the site, with PascalCase property
   * names (`properties.MinTlsVersion`), as Resource Graph serves them.
   */
  private appServiceRows(subscriptions: Set<string>): unknown[] {
    return [...this.store.values()]
      .filter(
        r =>
          r.type === 'microsoft.web/sites/config' &&
          r.key.endsWith('/config/web'),
      )
      .map(r => ({ stored: r, parsed: parseResourceId(r.path) }))
      .filter(({ parsed }) =>
        subscriptions.has(lower(parsed?.subscriptionId ?? '')),
      )
      .sort((a, b) => (a.stored.key < b.stored.key ? -1 : 1))
      .map(({ stored, parsed }) => {
        const site = stored.path.split('/').slice(-3)[0];
        const properties = (stored.body.properties ?? {}) as Record<
          string,
          unknown
        >;
        return {
          id: stored.path,
          name: site,
          type: 'microsoft.web/sites/config',
          kind: stored.body.kind ?? '',
          location: '',
          resourceGroup: lower(parsed?.resourceGroup ?? ''),
          subscriptionId: parsed?.subscriptionId ?? '',
          properties: Object.fromEntries(
            Object.entries(properties).map(([name, value]) => [
              name.charAt(0).toUpperCase() + name.slice(1),
              value,
            ]),
          ),
          tags: null,
        };
      });
  }

  private resourceGraphPage(
    rows: unknown[],
    options: { $top?: number; $skipToken?: string; $skip?: number } = {},
  ): Reply {
    let offset = 0;
    if (options.$skipToken) {
      try {
        offset = JSON.parse(
          Buffer.from(options.$skipToken, 'base64').toString('utf8'),
        ).offset;
      } catch {
        return armError(400, 'BadRequest', 'The $skipToken is invalid.');
      }
    } else if (options.$skip) {
      offset = options.$skip;
    }
    const size = Math.min(options.$top ?? 1000, this.resourceGraphPageSize);
    const data = rows.slice(offset, offset + size);
    const more = offset + size < rows.length;
    return {
      status: 200,
      body: {
        totalRecords: rows.length,
        count: data.length,
        resultTruncated: 'false',
        ...(more
          ? {
              $skipToken: Buffer.from(
                JSON.stringify({ offset: offset + size }),
              ).toString('base64'),
            }
          : {}),
        facets: [],
        data,
      },
    };
  }
}

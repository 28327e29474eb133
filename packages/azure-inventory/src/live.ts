import { Agent as HttpsAgent } from 'node:https';
import type {
  GenericResourceExpanded,
  Provider,
  ResourceManagementClient,
} from '@azure/arm-resources';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AzureClientSettings,
  RequestCounters,
  createResourceGraphClient,
  createResourceManagementClient,
} from './azureClients';
import {
  CHILD_COLLECTIONS,
  ChildCollection,
  ResourceGraphChildTable,
  childCollectionsFor,
} from './childResources';
import { ConcurrencyLimit, createConcurrencyLimit } from './concurrency';
import {
  AzureResource,
  isChildOf,
  isGeoRedundantStorageSku,
  parseResourceId,
} from '@vitals/azure-inventory-common';
import { isResourceRowProblem, normalizeResourceRow } from './resourceRow';
import { DEFAULT_RETRY_SETTINGS, RetrySettings } from './retryPolicy';
import {
  InventoryFetchStats,
  InventoryLoadResult,
  InventorySource,
  ResourceFetchError,
} from './source';

export const DEFAULT_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_CONCURRENCY = 8;

/** Resource Graph accepts at most 1,000 subscriptions and returns at most 1,000 rows per request. */
const RESOURCE_GRAPH_MAX_SUBSCRIPTIONS = 1000;
const RESOURCE_GRAPH_PAGE_SIZE = 1000;

/** Narrows what is listed; everything in the subscriptions when absent. */
export interface LiveInventoryScope {
  /** Only resources carrying this tag (with this value, when given). */
  tag?: { name: string; value?: string };
  /** Only these resource groups. */
  resourceGroups?: Array<{ subscriptionId: string; resourceGroup: string }>;
}

export interface LiveInventorySourceOptions {
  subscriptions: string[];
  /** Defaults to {@link DEFAULT_RESOURCE_MANAGER_ENDPOINT}; sovereign clouds and local test servers differ. */
  resourceManagerEndpoint?: string;
  /** Defaults to `DefaultAzureCredential`. */
  credential?: TokenCredential;
  /** Try Azure Resource Graph first (default true); Resource Manager is the fallback. */
  resourceGraph?: boolean;
  /** Resource Manager requests in flight at once (default 8). */
  concurrency?: number;
  retry?: Partial<RetrySettings>;
  scope?: LiveInventoryScope;
  /**
   * CA certificates (PEM) to trust for the endpoint instead of the default
   * store: a private endpoint behind a corporate CA, or a local test server.
   */
  ca?: string | string[];
  logger?: LoggerService;
  /** The child collections to read; defaults to {@link CHILD_COLLECTIONS}. */
  childCollections?: Readonly<Record<string, readonly ChildCollection[]>>;
}

const lower = (value: string) => value.toLowerCase();

/**
 * The api-version to read a resource type with: the newest stable
 * (`YYYY-MM-DD`) version, or the newest preview when a type has no stable
 * version. Resource providers list versions in no guaranteed order.
 */
export function pickApiVersion(
  apiVersions: readonly string[],
): string | undefined {
  const sorted = [...apiVersions].sort().reverse();
  return sorted.find(v => /^\d{4}-\d{2}-\d{2}$/.test(v)) ?? sorted[0];
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function kqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The `$filter` of `resources.list` for a tag scope. */
export function tagListFilter(tag: { name: string; value?: string }): string {
  const name = `tagName eq ${odataString(tag.name)}`;
  return tag.value === undefined
    ? name
    : `${name} and tagValue eq ${odataString(tag.value)}`;
}

function resourceGroupClause(scope: LiveInventoryScope): string[] {
  if (!scope.resourceGroups || scope.resourceGroups.length === 0) {
    return [];
  }
  const groups = scope.resourceGroups.map(
    g =>
      `(subscriptionId =~ ${kqlString(
        g.subscriptionId,
      )} and resourceGroup =~ ${kqlString(g.resourceGroup)})`,
  );
  return [`| where ${groups.join(' or ')}`];
}

/** The KQL query over the `resources` table that returns full properties. */
export function buildResourceGraphQuery(
  scope: LiveInventoryScope = {},
): string {
  const lines = ['resources', ...resourceGroupClause(scope)];
  if (scope.tag) {
    const tag = `tags[${kqlString(scope.tag.name)}]`;
    lines.push(
      scope.tag.value === undefined
        ? `| where isnotnull(${tag})`
        : `| where ${tag} =~ ${kqlString(scope.tag.value)}`,
    );
  }
  lines.push(
    '| project id, name, type, location, subscriptionId, resourceGroup, kind, sku, zones, tags, identity, properties',
    // Paging with $skipToken needs a stable order.
    '| order by id asc',
  );
  return lines.join('\n');
}

/**
 * The KQL query for the rows of one child type in another Resource Graph
 * table (`appserviceresources`). Their rows carry no tags: a tag scope is
 * applied by keeping the rows of listed parents only.
 */
export function buildResourceGraphChildQuery(
  child: Pick<ResourceGraphChildTable, 'table' | 'type'>,
  scope: LiveInventoryScope = {},
): string {
  return [
    child.table,
    `| where type =~ ${kqlString(child.type)}`,
    ...resourceGroupClause(scope),
    '| project id, name, type, properties',
    '| order by id asc',
  ].join('\n');
}

interface ErrorDetails {
  status?: number;
  code?: string;
  message: string;
}

function describeError(error: unknown): ErrorDetails {
  const e = error as {
    statusCode?: number;
    response?: { status?: number };
    code?: unknown;
    message?: unknown;
  };
  const status = e?.statusCode ?? e?.response?.status;
  const message =
    typeof e?.message === 'string' && e.message !== ''
      ? e.message
      : String(error);
  return {
    status: typeof status === 'number' ? status : undefined,
    code: typeof e?.code === 'string' ? e.code : undefined,
    message: message.length > 500 ? `${message.slice(0, 500)}…` : message,
  };
}

function formatError(details: ErrorDetails): string {
  const prefix = [details.status, details.code].filter(Boolean).join(' ');
  return prefix ? `${prefix}: ${details.message}` : details.message;
}

const STORAGE_ACCOUNT_TYPE = 'microsoft.storage/storageaccounts';

/** getById's path parameter is not encoded and is appended after a slash. */
function relativePath(id: string): string {
  return id.replace(/^\/+/, '').replace(/\/+$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `source` into `target`, a key that differs only in case replacing
 * the target's value under the target's spelling: a site's `siteConfig`
 * holds `minTlsVersion: null`, and readers take an exact match first.
 */
function mergeIgnoringCase(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...target };
  const keys = new Map(Object.keys(merged).map(k => [lower(k), k]));
  for (const [key, value] of Object.entries(source)) {
    const spelling = keys.get(lower(key)) ?? key;
    merged[spelling] = value;
    keys.set(lower(key), spelling);
  }
  return merged;
}

const isGeoRedundantAccount = (resource: AzureResource) =>
  resource.type === STORAGE_ACCOUNT_TYPE &&
  isGeoRedundantStorageSku(resource.sku?.name);

/** One load: its clients, caches, counters and errors. */
class InventoryRun {
  private readonly options: LiveInventorySourceOptions;
  private readonly limit: ConcurrencyLimit;
  private readonly settings: AzureClientSettings;
  private readonly errors: ResourceFetchError[] = [];
  private readonly warnings: string[] = [];
  private readonly clients = new Map<string, ResourceManagementClient>();
  private readonly providers = new Map<string, Promise<Provider>>();
  /** Reads of resource-group scoped collections, by lower-cased path. */
  private readonly sharedReads = new Map<string, Promise<unknown[]>>();
  /**
   * Child items Resource Graph returned, by collection and then by the
   * lower-cased id of their parent.
   */
  private readonly graphChildren = new Map<
    ChildCollection,
    Map<string, Record<string, unknown>[]>
  >();
  /** Storage accounts already read with `$expand=geoReplicationStats`. */
  private readonly expanded = new Set<string>();
  private readonly table: Readonly<Record<string, readonly ChildCollection[]>>;

  constructor(init: {
    options: LiveInventorySourceOptions;
    limit: ConcurrencyLimit;
    settings: AzureClientSettings;
  }) {
    this.options = init.options;
    this.limit = init.limit;
    this.settings = init.settings;
    this.table = init.options.childCollections ?? CHILD_COLLECTIONS;
  }

  async execute(): Promise<InventoryLoadResult> {
    const started = Date.now();
    const logger = this.options.logger;
    let listed: AzureResource[] | undefined;
    let strategy: InventoryFetchStats['strategy'] = 'resource-manager';
    let fallbackReason: string | undefined;

    if (this.options.resourceGraph !== false) {
      try {
        listed = await this.listWithResourceGraph();
        strategy = 'resource-graph';
      } catch (error) {
        fallbackReason = formatError(describeError(error));
        logger?.warn(
          `Azure Resource Graph query failed, reading the estate through Resource Manager instead: ${fallbackReason}`,
        );
      }
    }
    const includeTracked = this.options.scope?.tag !== undefined;
    if (listed) {
      await this.readChildrenFromResourceGraph(listed, { includeTracked });
    } else {
      listed = await this.listWithResourceManager();
    }
    const resources = await this.expandChildren(listed, { includeTracked });
    await this.readGeoReplicationStats(resources);

    const failed = new Set(this.errors.map(e => lower(e.resourceId)));
    const stats: InventoryFetchStats = {
      requests: this.settings.counters.requests,
      retries: this.settings.counters.retries,
      throttled: this.settings.counters.throttled,
      failedResources: failed.size,
      durationMs: Date.now() - started,
      strategy,
      ...(fallbackReason
        ? { resourceGraphFallbackReason: fallbackReason }
        : {}),
    };
    logger?.info(
      `Read ${resources.length} Azure resources via ${strategy} in ${stats.durationMs} ms: ${stats.requests} requests, ${stats.retries} retries, ${stats.throttled} throttled, ${stats.failedResources} failed`,
    );
    return {
      inventory: {
        provenance: {
          source: 'live',
          fetchedAt: new Date(started).toISOString(),
          subscriptions: [...this.options.subscriptions],
          // Named, not addressed: provenance reaches HTTP answers, and the
          // endpoint may be a private or test address.
          origin:
            strategy === 'resource-graph'
              ? 'Azure Resource Graph'
              : 'Azure Resource Manager',
        },
        resources,
      },
      stats,
      errors: this.errors,
      warnings: this.warnings,
    };
  }

  private client(subscriptionId: string): ResourceManagementClient {
    const key =
      lower(subscriptionId) || lower(this.options.subscriptions[0] ?? '');
    let client = this.clients.get(key);
    if (!client) {
      client = createResourceManagementClient(
        subscriptionId || this.options.subscriptions[0],
        this.settings,
      );
      this.clients.set(key, client);
    }
    return client;
  }

  private recordError(
    resourceId: string,
    operation: string,
    error: unknown,
  ): ErrorDetails {
    const details = describeError(error);
    this.errors.push({ resourceId, operation, ...details });
    return details;
  }

  private scopeSubscriptions(): string[] {
    const groups = this.options.scope?.resourceGroups;
    if (groups && groups.length > 0) {
      return [...new Set(groups.map(g => g.subscriptionId))];
    }
    return this.options.subscriptions;
  }

  /** Every row of a Resource Graph query over the scope's subscriptions, following `$skipToken`. */
  private async queryResourceGraph(
    query: string,
    onRows: (rows: unknown[]) => void,
  ): Promise<void> {
    const client = createResourceGraphClient(this.settings);
    const subscriptions = this.scopeSubscriptions();
    for (
      let offset = 0;
      offset < subscriptions.length;
      offset += RESOURCE_GRAPH_MAX_SUBSCRIPTIONS
    ) {
      const chunk = subscriptions.slice(
        offset,
        offset + RESOURCE_GRAPH_MAX_SUBSCRIPTIONS,
      );
      let skipToken: string | undefined;
      do {
        const response = await client.resources({
          subscriptions: chunk,
          query,
          options: {
            top: RESOURCE_GRAPH_PAGE_SIZE,
            skipToken,
            resultFormat: 'objectArray',
          },
        });
        if (!Array.isArray(response.data)) {
          throw new Error(
            'Resource Graph answered without a "data" array of rows',
          );
        }
        onRows(response.data);
        skipToken = response.skipToken || undefined;
        if (!skipToken && String(response.resultTruncated) === 'true') {
          this.warnings.push(
            'Resource Graph truncated the result without a $skipToken; some resources are missing',
          );
        }
      } while (skipToken);
    }
  }

  private async listWithResourceGraph(): Promise<AzureResource[]> {
    const resources: AzureResource[] = [];
    await this.queryResourceGraph(
      buildResourceGraphQuery(this.options.scope),
      rows =>
        rows.forEach((row, index) => {
          const normalized = normalizeResourceRow(row);
          if (isResourceRowProblem(normalized)) {
            this.warnings.push(
              `Resource Graph row ${resources.length + index} ignored: it ${
                normalized.problem
              }`,
            );
          } else {
            resources.push(normalized);
          }
        }),
    );
    return resources;
  }

  /**
   * Child collections that another Resource Graph table holds for every
   * parent (`ChildCollection.resourceGraph`): one paged query each instead
   * of one read per parent. A failed query only costs the per-parent reads.
   */
  private async readChildrenFromResourceGraph(
    listed: AzureResource[],
    options: { includeTracked: boolean },
  ): Promise<void> {
    const parentsByCollection = new Map<ChildCollection, Set<string>>();
    for (const parent of listed) {
      for (const collection of childCollectionsFor(
        parent,
        this.table,
        options,
      )) {
        if (collection.resourceGraph) {
          const parents = parentsByCollection.get(collection) ?? new Set();
          parents.add(lower(parent.id));
          parentsByCollection.set(collection, parents);
        }
      }
    }
    for (const [collection, parents] of parentsByCollection) {
      const source = collection.resourceGraph!;
      const byParent = new Map<string, Record<string, unknown>[]>();
      try {
        await this.queryResourceGraph(
          buildResourceGraphChildQuery(source, this.options.scope),
          rows => {
            for (const row of rows) {
              if (!isRecord(row) || typeof row.id !== 'string') {
                continue;
              }
              const parentId = source.parentId(row.id);
              if (parentId && parents.has(lower(parentId))) {
                const items = byParent.get(lower(parentId)) ?? [];
                items.push(row);
                byParent.set(lower(parentId), items);
              }
            }
          },
        );
      } catch (error) {
        this.warnings.push(
          `Resource Graph could not answer ${source.table} (${
            source.type
          }); reading ${
            collection.path
          } below each parent instead: ${formatError(describeError(error))}`,
        );
        continue;
      }
      this.graphChildren.set(collection, byParent);
    }
  }

  private async listWithResourceManager(): Promise<AzureResource[]> {
    const scope = this.options.scope ?? {};
    const filter = scope.tag ? tagListFilter(scope.tag) : undefined;
    const listings: Array<{
      subscriptionId: string;
      iterate: () => AsyncIterable<GenericResourceExpanded>;
    }> =
      scope.resourceGroups && scope.resourceGroups.length > 0
        ? scope.resourceGroups.map(g => ({
            subscriptionId: g.subscriptionId,
            iterate: () =>
              this.client(g.subscriptionId).resources.listByResourceGroup(
                g.resourceGroup,
                { filter },
              ),
          }))
        : this.options.subscriptions.map(subscriptionId => ({
            subscriptionId,
            iterate: () =>
              this.client(subscriptionId).resources.list({ filter }),
          }));

    const listed = new Map<string, GenericResourceExpanded>();
    await Promise.all(
      listings.map(async listing => {
        try {
          for await (const item of listing.iterate()) {
            if (item.id && !listed.has(lower(item.id))) {
              listed.set(lower(item.id), item);
            }
          }
        } catch (error) {
          // An incomplete listing would make missing resources look absent
          // (a failing DR check); the whole load fails instead.
          throw new Error(
            `Listing resources of subscription ${
              listing.subscriptionId
            } failed: ${formatError(describeError(error))}`,
          );
        }
      }),
    );

    const read = await Promise.all(
      [...listed.values()].map(item => this.limit(() => this.readListed(item))),
    );
    return read.filter((r): r is AzureResource => r !== undefined);
  }

  /**
   * `resources.list` answers from a metadata cache without `properties` (and,
   * filtered by tag, without tags), so every listed resource is read again
   * with its own type's api-version.
   */
  private async readListed(
    item: GenericResourceExpanded,
  ): Promise<AzureResource | undefined> {
    const summary = normalizeResourceRow(item);
    if (isResourceRowProblem(summary)) {
      this.warnings.push(`Listed resource ignored: it ${summary.problem}`);
      return undefined;
    }
    let apiVersion: string;
    try {
      apiVersion = await this.apiVersionFor(summary);
    } catch (error) {
      const details = this.recordError(summary.id, 'get', error);
      return { ...summary, propertiesError: formatError(details) };
    }
    const client = this.client(summary.subscriptionId);
    try {
      const expanded = await this.readExpanded(client, summary, apiVersion);
      const body =
        expanded.body ??
        (await client.resources.getById(relativePath(summary.id), apiVersion));
      const full = normalizeResourceRow(body);
      if (isResourceRowProblem(full)) {
        throw new Error(`the response ${full.problem}`);
      }
      // Recorded only once the plain read succeeded: when both fail, the
      // failed `get` says it all.
      if (expanded.error !== undefined) {
        this.recordError(summary.id, 'geoReplicationStats', expanded.error);
      }
      return full;
    } catch (error) {
      const details = describeError(error);
      if (details.status === 404) {
        // Deleted between listing and reading.
        return undefined;
      }
      this.recordError(summary.id, 'get', error);
      return { ...summary, propertiesError: formatError(details) };
    }
  }

  /**
   * The listing carries the SKU, so a geo-redundant account is read once,
   * with the last sync time the DR checks need. No body when the account is
   * not geo-redundant, or when the expanded read failed (its `error`, 404
   * aside) and a plain read should still fetch its properties.
   */
  private async readExpanded(
    client: ResourceManagementClient,
    summary: AzureResource,
    apiVersion: string,
  ): Promise<{ body?: unknown; error?: unknown }> {
    if (!isGeoRedundantAccount(summary)) {
      return {};
    }
    this.expanded.add(lower(summary.id));
    try {
      return {
        body: await this.getRaw(
          client,
          `${relativePath(summary.id)}?$expand=geoReplicationStats`,
          apiVersion,
        ),
      };
    } catch (error) {
      if (describeError(error).status === 404) {
        throw error;
      }
      return { error };
    }
  }

  private async apiVersionFor(resource: AzureResource): Promise<string> {
    const [namespace, ...typeSegments] = resource.type.split('/');
    const resourceType = typeSegments.join('/');
    let provider = this.providers.get(namespace);
    if (!provider) {
      provider = this.client(resource.subscriptionId).providers.get(namespace);
      this.providers.set(namespace, provider);
    }
    let found: Provider;
    try {
      found = await provider;
    } catch (error) {
      throw new Error(
        `cannot read resource provider ${namespace} for its api-versions: ${formatError(
          describeError(error),
        )}`,
      );
    }
    const entry = found.resourceTypes?.find(
      t => lower(t.resourceType ?? '') === resourceType,
    );
    const version = pickApiVersion(entry?.apiVersions ?? []);
    if (!version) {
      throw new Error(
        `resource provider ${namespace} lists no api-version for ${resourceType}`,
      );
    }
    return version;
  }

  private async expandChildren(
    resources: AzureResource[],
    options: { includeTracked: boolean },
  ): Promise<AzureResource[]> {
    const byId = new Map<string, AzureResource>();
    for (const resource of resources) {
      byId.set(lower(resource.id), resource);
    }
    let frontier = [...byId.values()];
    while (frontier.length > 0) {
      const batches = await Promise.all(
        frontier.flatMap(parent =>
          childCollectionsFor(parent, this.table, options).map(collection =>
            this.limit(() => this.readChildren(parent, collection)),
          ),
        ),
      );
      const next: AzureResource[] = [];
      for (const child of batches.flat()) {
        const key = lower(child.id);
        if (!byId.has(key)) {
          byId.set(key, child);
          next.push(child);
        }
      }
      frontier = next;
    }
    return [...byId.values()];
  }

  /**
   * The last sync time of a geo-redundant storage account (the DR checks'
   * observed RPO) comes only with `$expand=geoReplicationStats`, which
   * neither a plain GET nor Resource Graph sends: one more read per such
   * account. A failure is recorded and leaves the account without it.
   */
  private async readGeoReplicationStats(
    resources: AzureResource[],
  ): Promise<void> {
    const accounts = resources.filter(
      r =>
        isGeoRedundantAccount(r) &&
        !r.propertiesError &&
        !this.expanded.has(lower(r.id)) &&
        !isRecord(r.properties.geoReplicationStats),
    );
    await Promise.all(
      accounts.map(account =>
        this.limit(async () => {
          try {
            const apiVersion = await this.apiVersionFor(account);
            const body = await this.getRaw(
              this.client(account.subscriptionId),
              `${relativePath(account.id)}?$expand=geoReplicationStats`,
              apiVersion,
            );
            const stats =
              isRecord(body) && isRecord(body.properties)
                ? body.properties.geoReplicationStats
                : undefined;
            if (isRecord(stats)) {
              account.properties.geoReplicationStats = stats;
            }
          } catch (error) {
            this.recordError(account.id, 'geoReplicationStats', error);
          }
        }),
      ),
    );
  }

  private async getRaw(
    client: ResourceManagementClient,
    path: string,
    apiVersion: string,
  ): Promise<unknown> {
    let parsed: unknown;
    await client.resources.getById(path, apiVersion, {
      onResponse: raw => {
        parsed = raw.parsedBody;
      },
    });
    return parsed;
  }

  /**
   * The path a collection is read from: below the parent, or for
   * resource-group scoped collections below the parent's resource group.
   */
  private collectionPath(
    parent: AzureResource,
    collection: ChildCollection,
  ): string | undefined {
    if (collection.scope !== 'resourceGroup') {
      return `${relativePath(parent.id)}/${collection.path}`;
    }
    const parsed = parseResourceId(parent.id);
    if (!parsed || !parent.location) {
      return undefined;
    }
    return `subscriptions/${parsed.subscriptionId}/resourceGroups/${
      parsed.resourceGroup
    }/${collection.path.replace('{location}', parent.location)}`;
  }

  /** Every item of a collection, following `nextLink`. */
  private async readItems(
    client: ResourceManagementClient,
    path: string,
    collection: ChildCollection,
  ): Promise<unknown[]> {
    let body = await this.getRaw(client, path, collection.apiVersion);
    if (collection.singleton) {
      return [body];
    }
    const items: unknown[] = [];
    for (;;) {
      if (!isRecord(body) || !Array.isArray(body.value)) {
        throw new Error('the response has no "value" array');
      }
      items.push(...body.value);
      if (typeof body.nextLink !== 'string' || body.nextLink === '') {
        return items;
      }
      const next = new URL(body.nextLink);
      body = await this.getRaw(
        client,
        relativePath(next.pathname) + next.search,
        collection.apiVersion,
      );
    }
  }

  private async readChildren(
    parent: AzureResource,
    collection: ChildCollection,
  ): Promise<AzureResource[]> {
    const client = this.client(parent.subscriptionId);
    const fromGraph = this.graphChildren.get(collection)?.get(lower(parent.id));
    let items: unknown[];
    try {
      if (fromGraph) {
        items = fromGraph.map(row =>
          collection.resourceGraph!.toItem(row, parent),
        );
        return this.addChildren(parent, collection, items);
      }
      const path = this.collectionPath(parent, collection);
      if (!path) {
        throw new Error(
          `cannot place ${collection.path} without the resource's group and region`,
        );
      }
      if (collection.scope === 'resourceGroup') {
        // Two instances in one group and region share the answer.
        const key = lower(path);
        let shared = this.sharedReads.get(key);
        if (!shared) {
          shared = this.readItems(client, path, collection);
          this.sharedReads.set(key, shared);
        }
        items = await shared;
      } else {
        items = await this.readItems(client, path, collection);
      }
    } catch (error) {
      this.recordError(parent.id, collection.path, error);
      return [];
    }
    return this.addChildren(parent, collection, items);
  }

  private addChildren(
    parent: AzureResource,
    collection: ChildCollection,
    items: unknown[],
  ): AzureResource[] {
    const children: AzureResource[] = [];
    for (const item of items) {
      const child = this.toChild(parent, collection, item);
      if (child) {
        children.push(child);
      }
    }
    if (collection.mergeIntoParentProperty && children[0]) {
      const key = collection.mergeIntoParentProperty;
      const current = parent.properties[key];
      parent.properties[key] = mergeIgnoringCase(
        isRecord(current) ? current : {},
        children[0].properties,
      );
    }
    return children;
  }

  private toChild(
    parent: AzureResource,
    collection: ChildCollection,
    item: unknown,
  ): AzureResource | undefined {
    const normalized = normalizeResourceRow(item);
    if (isResourceRowProblem(normalized)) {
      this.recordError(
        parent.id,
        collection.path,
        new Error(`a ${collection.path} item ${normalized.problem}`),
      );
      return undefined;
    }
    const child = { ...normalized };
    // Some api-versions answer with an id that does not lie under the parent
    // (TDE returns the database's id; long-term retention policies a
    // provider-first id). Selectors attach children by id, so rebuild it
    // from the path that was read.
    if (
      collection.scope !== 'resourceGroup' &&
      (collection.rebuildId || !isChildOf(child.id, parent.id))
    ) {
      child.id = collection.singleton
        ? `${parent.id}/${collection.path}`
        : `${parent.id}/${collection.path}/${child.name}`;
      child.type = parseResourceId(child.id)?.type ?? child.type;
    }
    child.subscriptionId ||= parent.subscriptionId;
    child.resourceGroup ||= parent.resourceGroup;
    // Settings without a region of their own (TDE, retention, diagnostic
    // settings) take their parent's, so per-region DR views include them.
    child.location ||= parent.location;
    return child;
  }
}

/** Reads the estate from Azure (`vitals.azure.source: live`). */
export class LiveInventorySource implements InventorySource {
  readonly kind = 'live';
  private readonly options: LiveInventorySourceOptions;
  private readonly endpoint: string;
  private readonly concurrency: number;
  private readonly retry: RetrySettings;
  private readonly httpsAgent?: HttpsAgent;
  private credential?: TokenCredential;

  static fromConfig(
    config: Config,
    options: Pick<
      LiveInventorySourceOptions,
      'credential' | 'logger' | 'ca' | 'scope' | 'childCollections'
    > & { retry?: Partial<RetrySettings> } = {},
  ): LiveInventorySource {
    const maxRetries = config.getOptionalNumber('vitals.azure.maxRetries');
    return new LiveInventorySource({
      ...options,
      subscriptions:
        config.getOptionalStringArray('vitals.azure.subscriptions') ?? [],
      resourceManagerEndpoint: config.getOptionalString(
        'vitals.azure.resourceManagerEndpoint',
      ),
      resourceGraph: config.getOptionalBoolean('vitals.azure.resourceGraph'),
      concurrency: config.getOptionalNumber('vitals.azure.concurrency'),
      retry: {
        ...options.retry,
        ...(maxRetries === undefined ? {} : { maxRetries }),
      },
    });
  }

  constructor(options: LiveInventorySourceOptions) {
    const subscriptions = options.subscriptions.filter(s => s.trim() !== '');
    if (subscriptions.length === 0 && !options.scope?.resourceGroups?.length) {
      throw new InputError(
        'vitals.azure.subscriptions must list at least one subscription id when vitals.azure.source is live',
      );
    }
    const endpoint = (
      options.resourceManagerEndpoint ?? DEFAULT_RESOURCE_MANAGER_ENDPOINT
    ).replace(/\/+$/, '');
    if (!/^https:\/\//i.test(endpoint)) {
      // Bearer tokens are only ever sent over TLS; the SDK refuses plain http.
      throw new InputError(
        `vitals.azure.resourceManagerEndpoint must be an https URL, got "${endpoint}"`,
      );
    }
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new InputError(
        `vitals.azure.concurrency must be a positive integer, got ${concurrency}`,
      );
    }
    const retry = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
    if (!Number.isInteger(retry.maxRetries) || retry.maxRetries < 0) {
      throw new InputError(
        `vitals.azure.maxRetries must be a non-negative integer, got ${retry.maxRetries}`,
      );
    }
    this.options = { ...options, subscriptions };
    this.endpoint = endpoint;
    this.concurrency = concurrency;
    this.retry = retry;
    this.credential = options.credential;
    if (options.ca) {
      this.httpsAgent = new HttpsAgent({ ca: options.ca, keepAlive: true });
    }
  }

  async load(): Promise<InventoryLoadResult> {
    this.credential ??= new DefaultAzureCredential();
    const run = new InventoryRun({
      options: this.options,
      limit: createConcurrencyLimit(this.concurrency),
      settings: {
        endpoint: this.endpoint,
        credential: this.credential,
        httpsAgent: this.httpsAgent,
        retry: this.retry,
        counters: new RequestCounters(),
      },
    });
    return run.execute();
  }
}

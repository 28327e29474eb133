import { AzureResource } from '@vitals/azure-inventory-common';

/** A collection (or singleton) below a resource that listing does not return. */
export interface ChildCollection {
  /**
   * Path below the parent id: `databases`, `config/web`,
   * `providers/Microsoft.Insights/diagnosticSettings`.
   */
  path: string;
  apiVersion: string;
  /** A single object (`config/web`) rather than a `{ value, nextLink }` page. */
  singleton?: boolean;
  /**
   * Tracked resources (SQL databases, Front Door endpoints) that
   * `resources.list` and Resource Graph already return; fetched here only
   * when the listing was filtered by tag, because Azure tags do not inherit
   * and an untagged child of a tagged parent would otherwise be missed.
   */
  tracked?: boolean;
  /**
   * Merge the child's `properties` into this key of the parent's
   * `properties` as well: a site's `siteConfig` as returned by GET site
   * leaves most settings null, `config/web` has the effective values.
   */
  mergeIntoParentProperty?: string;
  /** Parents for which the collection is not read. */
  skip?: (parent: AzureResource) => boolean;
  /**
   * The type its items carry, when the path does not name it: vault-wide
   * lists return items that lie below fabrics and containers.
   */
  itemType?: string;
  /**
   * A Resource Graph table that holds these items for every parent: after a
   * Resource Graph listing, one paged query replaces a read per parent.
   * Parents the table has no row for are read one by one as before.
   */
  resourceGraph?: ResourceGraphChildTable;
  /**
   * Items answer with an id or type whose segment differs from the path
   * read (Event Hubs lists `disasterRecoveryConfigs` as
   * `.../disasterRecoveryConfig/{alias}` of type
   * `Namespaces/DisasterRecoveryConfig`), so rules keyed by the collection's
   * type would miss them: rebuild id and type from the path read.
   */
  rebuildId?: boolean;
  /**
   * `resourceGroup`: `path` lies below the parent's resource group, not
   * below the parent (`providers/Microsoft.Sql/locations/{location}/...`),
   * with `{location}` the parent's region. Items keep their own ids, and one
   * read serves every parent in the same resource group and region.
   */
  scope?: 'resourceGroup';
}

/** How a Resource Graph table answers for a child collection. */
export interface ResourceGraphChildTable {
  table: string;
  /** The lower-cased `type` of the table's rows to read. */
  type: string;
  /** The parent a row belongs to, from its `id`; undefined to ignore the row. */
  parentId: (rowId: string) => string | undefined;
  /** The row as the collection's own GET would answer it. */
  toItem: (
    row: Record<string, unknown>,
    parent: AzureResource,
  ) => Record<string, unknown>;
}

const DIAGNOSTIC_SETTINGS: ChildCollection = {
  path: 'providers/Microsoft.Insights/diagnosticSettings',
  apiVersion: '2021-05-01-preview',
};

/**
 * Diagnostic settings for storage logs live on each service
 * (StorageRead/Write/Delete on `blobServices/default`); the account-level
 * setting carries metrics only.
 */
const BLOB_SERVICE_DIAGNOSTIC_SETTINGS: ChildCollection = {
  path: 'blobServices/default/providers/Microsoft.Insights/diagnosticSettings',
  apiVersion: '2021-05-01-preview',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `master` is a system database: TDE and retention are not configurable on it. */
const isSystemDatabase = (database: AzureResource) =>
  database.name.toLowerCase() === 'master' ||
  (database.kind ?? '').toLowerCase().includes('system');

const skuName = (resource: AzureResource) =>
  (resource.sku?.name ?? '').toLowerCase();

/**
 * Standard_AzureFrontDoor and Premium_AzureFrontDoor. Classic CDN profiles
 * share the type but have neither origin groups, endpoints, routes, custom
 * domains nor security policies at the profile level, and no rule reads
 * their diagnostic settings. An unread SKU counts as Front Door.
 */
const isClassicCdnProfile = (profile: AzureResource) =>
  skuName(profile) !== '' && !skuName(profile).endsWith('_azurefrontdoor');

/** Basic Event Hubs namespaces have no geo-disaster recovery. */
const isBasicTier = (namespace: AzureResource) =>
  skuName(namespace) === 'basic';

/** Service Bus geo-disaster recovery and Redis geo-replication links exist on Premium only. */
const isNotPremium = (resource: AzureResource) =>
  skuName(resource) !== 'premium';

/**
 * Object replication needs a general-purpose v2 or premium block blob
 * account without a hierarchical namespace.
 */
const cannotReplicateObjects = (account: AzureResource) =>
  !['storagev2', 'blockblobstorage'].includes(
    (account.kind ?? '').toLowerCase(),
  ) ||
  account.properties.isHnsEnabled === true ||
  // Premium general-purpose v2 accounts hold page blobs only.
  ((account.kind ?? '').toLowerCase() === 'storagev2' &&
    (account.sku?.tier ?? '').toLowerCase() === 'premium');

/**
 * The rule reads the `azureADOnlyAuthentications` child only when the
 * instance's own `administrators` does not say.
 */
const reportsEntraOnly = (instance: AzureResource) =>
  isRecord(instance.properties.administrators) &&
  instance.properties.administrators.azureADOnlyAuthentication !== undefined &&
  instance.properties.administrators.azureADOnlyAuthentication !== null;

/** `.../sites/{name}/config/web` (or `/config`) → the site's id. */
const siteOfConfig = (rowId: string) =>
  /^(.*\/providers\/microsoft\.web\/sites\/[^/]+)\/config(?:\/web)?\/?$/i.exec(
    rowId,
  )?.[1];

/** `MinTlsVersion` → `minTlsVersion`: the casing of the REST answer. */
function restCasing(properties: unknown): Record<string, unknown> {
  if (!isRecord(properties)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      value,
    ]),
  );
}

/**
 * Resource Graph's `appserviceresources` table holds each site's web
 * configuration (`microsoft.web/sites/config`), named after the site and
 * with PascalCase property names (`properties.MinTlsVersion` in Microsoft's
 * sample queries). Nested values keep Resource Graph's casing; the rules
 * read top-level settings only.
 */
const SITE_CONFIG_IN_RESOURCE_GRAPH: ResourceGraphChildTable = {
  table: 'appserviceresources',
  type: 'microsoft.web/sites/config',
  parentId: siteOfConfig,
  toItem: (row, site) => ({
    id: `${site.id}/config/web`,
    name: 'web',
    type: 'Microsoft.Web/sites/config',
    properties: restCasing(row.properties),
  }),
};

const SQL_API_VERSION = '2023-08-01';
const CDN_API_VERSION = '2024-02-01';
const WEB_API_VERSION = '2023-12-01';
const STORAGE_API_VERSION = '2024-01-01';
const EVENT_HUB_API_VERSION = '2024-01-01';
const SERVICE_BUS_API_VERSION = '2024-01-01';
const REDIS_API_VERSION = '2024-11-01';
const SITE_RECOVERY_API_VERSION = '2025-01-01';
const BACKUP_API_VERSION = '2025-02-01';

/**
 * Child resources the DR-readiness and compliance checks need, by lower-cased
 * parent type. Each fetched child becomes its own `AzureResource` with its
 * real id, so selectors attach it to the parent's entity. A collection is
 * listed only where a rule or check reads its items (diagnostic settings for
 * the types with a resource-logs rule), and skipped where the parent's kind
 * or SKU rules its items out. To cover another resource type, add a row.
 */
export const CHILD_COLLECTIONS: Readonly<
  Record<string, readonly ChildCollection[]>
> = {
  'microsoft.sql/servers': [
    { path: 'databases', apiVersion: SQL_API_VERSION, tracked: true },
    { path: 'failoverGroups', apiVersion: SQL_API_VERSION },
    { path: 'auditingSettings', apiVersion: SQL_API_VERSION },
  ],
  'microsoft.sql/servers/databases': [
    {
      path: 'transparentDataEncryption',
      apiVersion: SQL_API_VERSION,
      skip: isSystemDatabase,
    },
    {
      path: 'backupLongTermRetentionPolicies',
      apiVersion: SQL_API_VERSION,
      skip: isSystemDatabase,
    },
    { ...DIAGNOSTIC_SETTINGS, skip: isSystemDatabase },
  ],
  'microsoft.web/sites': [
    {
      path: 'config/web',
      apiVersion: WEB_API_VERSION,
      singleton: true,
      mergeIntoParentProperty: 'siteConfig',
      resourceGraph: SITE_CONFIG_IN_RESOURCE_GRAPH,
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.cdn/profiles': [
    {
      path: 'afdEndpoints',
      apiVersion: CDN_API_VERSION,
      tracked: true,
      skip: isClassicCdnProfile,
    },
    {
      path: 'originGroups',
      apiVersion: CDN_API_VERSION,
      skip: isClassicCdnProfile,
    },
    {
      path: 'customDomains',
      apiVersion: CDN_API_VERSION,
      skip: isClassicCdnProfile,
    },
    {
      path: 'securityPolicies',
      apiVersion: CDN_API_VERSION,
      skip: isClassicCdnProfile,
    },
    { ...DIAGNOSTIC_SETTINGS, skip: isClassicCdnProfile },
  ],
  'microsoft.cdn/profiles/afdendpoints': [
    { path: 'routes', apiVersion: CDN_API_VERSION },
  ],
  'microsoft.cdn/profiles/origingroups': [
    { path: 'origins', apiVersion: CDN_API_VERSION },
  ],
  'microsoft.sql/managedinstances': [
    { path: 'databases', apiVersion: SQL_API_VERSION, tracked: true },
    { path: 'encryptionProtector', apiVersion: SQL_API_VERSION },
    {
      path: 'azureADOnlyAuthentications',
      apiVersion: SQL_API_VERSION,
      skip: reportsEntraOnly,
    },
    { path: 'vulnerabilityAssessments', apiVersion: SQL_API_VERSION },
    // Instance failover groups are listed per region of a resource group,
    // not below the instance they pair.
    {
      path: 'providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups',
      apiVersion: SQL_API_VERSION,
      scope: 'resourceGroup',
    },
    // Managed instances audit through diagnostic settings
    // (SQLSecurityAuditEvents): there is no auditingSettings resource.
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.sql/managedinstances/databases': [
    { path: 'backupLongTermRetentionPolicies', apiVersion: SQL_API_VERSION },
  ],
  'microsoft.storage/storageaccounts': [
    // Azure Monitor offers metrics only (`Transaction`) at the account
    // level; storage resource logs are configured per service. The
    // account's own diagnostic settings can never be the log destination
    // the resource-logs rule looks for, so they are not read.
    BLOB_SERVICE_DIAGNOSTIC_SETTINGS,
    {
      path: 'objectReplicationPolicies',
      apiVersion: STORAGE_API_VERSION,
      skip: cannotReplicateObjects,
    },
  ],
  'microsoft.eventhub/namespaces': [
    {
      path: 'disasterRecoveryConfigs',
      apiVersion: EVENT_HUB_API_VERSION,
      rebuildId: true,
      skip: isBasicTier,
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.servicebus/namespaces': [
    {
      path: 'disasterRecoveryConfigs',
      apiVersion: SERVICE_BUS_API_VERSION,
      rebuildId: true,
      skip: isNotPremium,
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.keyvault/vaults': [DIAGNOSTIC_SETTINGS],
  'microsoft.documentdb/databaseaccounts': [DIAGNOSTIC_SETTINGS],
  'microsoft.containerservice/managedclusters': [DIAGNOSTIC_SETTINGS],
  'microsoft.network/trafficmanagerprofiles': [DIAGNOSTIC_SETTINGS],
  'microsoft.network/frontdoors': [DIAGNOSTIC_SETTINGS],
  'microsoft.network/applicationgateways': [DIAGNOSTIC_SETTINGS],
  'microsoft.recoveryservices/vaults': [
    // Vault-wide lists: items keep their real ids below the fabric and
    // protection container they belong to, without walking either.
    {
      path: 'backupProtectedItems',
      apiVersion: BACKUP_API_VERSION,
      itemType:
        'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
    },
    {
      path: 'replicationProtectedItems',
      apiVersion: SITE_RECOVERY_API_VERSION,
      itemType:
        'microsoft.recoveryservices/vaults/replicationfabrics/replicationprotectioncontainers/replicationprotecteditems',
    },
  ],
  'microsoft.cache/redis': [
    // Passive geo-replication links exist on Premium caches only.
    {
      path: 'linkedServers',
      apiVersion: REDIS_API_VERSION,
      skip: isNotPremium,
    },
  ],
  'microsoft.apimanagement/service': [DIAGNOSTIC_SETTINGS],
  'microsoft.network/azurefirewalls': [DIAGNOSTIC_SETTINGS],
  'microsoft.devices/iothubs': [DIAGNOSTIC_SETTINGS],
};

/**
 * The type of the items a collection returns, lower-cased as the inventory
 * stores types: `microsoft.sql/servers/databases/transparentdataencryption`,
 * `microsoft.insights/diagnosticsettings` for extension collections.
 */
export function collectionItemType(
  parentType: string,
  collection: ChildCollection,
): string {
  if (collection.itemType) {
    return collection.itemType.toLowerCase();
  }
  const segments = collection.path.split('/');
  const providers = segments.map(s => s.toLowerCase()).lastIndexOf('providers');
  if (providers >= 0) {
    // `providers/{namespace}/{type}[/{name}/{type}...]`, names in between.
    const [namespace, ...rest] = segments.slice(providers + 1);
    const types = rest.filter((_, i) => i % 2 === 0);
    return [namespace, ...types].join('/').toLowerCase();
  }
  // `{type}[/{name}/{type}...]` below the parent; a singleton path ends
  // with its own name (`config/web`).
  const types = segments.filter((_, i) => i % 2 === 0);
  return [parentType, ...types].join('/').toLowerCase();
}

/**
 * Every child type the table collects, for `collectedChildTypes` of the
 * compliance evaluation: a rule finding none of a type outside this set
 * answers `unknown` rather than judging the absence.
 */
export function collectedChildTypes(
  table: Readonly<
    Record<string, readonly ChildCollection[]>
  > = CHILD_COLLECTIONS,
): string[] {
  const types = new Set<string>();
  for (const [parentType, collections] of Object.entries(table)) {
    for (const collection of collections) {
      types.add(collectionItemType(parentType, collection));
    }
  }
  return [...types].sort();
}

/** The collections to read below `parent`. */
export function childCollectionsFor(
  parent: AzureResource,
  table: Readonly<Record<string, readonly ChildCollection[]>>,
  options: { includeTracked: boolean },
): ChildCollection[] {
  return (table[parent.type] ?? []).filter(
    collection =>
      (options.includeTracked || !collection.tracked) &&
      !collection.skip?.(parent),
  );
}

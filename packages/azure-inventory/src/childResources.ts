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

/** `master` is a system database: TDE and retention are not configurable on it. */
const isSystemDatabase = (database: AzureResource) =>
  database.name.toLowerCase() === 'master' ||
  (database.kind ?? '').toLowerCase().includes('system');

const skuName = (resource: AzureResource) =>
  (resource.sku?.name ?? '').toLowerCase();

/** Basic Event Hubs and Service Bus namespaces have neither geo-disaster recovery nor network rules. */
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
  ) || account.properties.isHnsEnabled === true;

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
 * real id, so selectors attach it to the parent's entity. To cover another
 * resource type, add a row.
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
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.cdn/profiles': [
    { path: 'afdEndpoints', apiVersion: CDN_API_VERSION, tracked: true },
    { path: 'originGroups', apiVersion: CDN_API_VERSION },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.cdn/profiles/origingroups': [
    { path: 'origins', apiVersion: CDN_API_VERSION },
  ],
  'microsoft.sql/managedinstances': [
    { path: 'databases', apiVersion: SQL_API_VERSION, tracked: true },
    { path: 'encryptionProtector', apiVersion: SQL_API_VERSION },
    { path: 'administrators', apiVersion: SQL_API_VERSION },
    { path: 'azureADOnlyAuthentications', apiVersion: SQL_API_VERSION },
    { path: 'securityAlertPolicies', apiVersion: SQL_API_VERSION },
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
    { path: 'backupShortTermRetentionPolicies', apiVersion: SQL_API_VERSION },
  ],
  'microsoft.storage/storageaccounts': [
    DIAGNOSTIC_SETTINGS,
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
    {
      path: 'networkRuleSets',
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
    // IP rules from Standard up, virtual network rules on Premium.
    {
      path: 'networkRuleSets',
      apiVersion: SERVICE_BUS_API_VERSION,
      rebuildId: true,
      skip: isBasicTier,
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
    { path: 'backupProtectedItems', apiVersion: BACKUP_API_VERSION },
    {
      path: 'replicationProtectedItems',
      apiVersion: SITE_RECOVERY_API_VERSION,
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.cache/redis': [
    // Passive geo-replication links exist on Premium caches only.
    {
      path: 'linkedServers',
      apiVersion: REDIS_API_VERSION,
      skip: isNotPremium,
    },
    DIAGNOSTIC_SETTINGS,
  ],
  'microsoft.apimanagement/service': [DIAGNOSTIC_SETTINGS],
  'microsoft.network/azurefirewalls': [DIAGNOSTIC_SETTINGS],
  'microsoft.devices/iothubs': [DIAGNOSTIC_SETTINGS],
  'microsoft.dbforpostgresql/flexibleservers': [DIAGNOSTIC_SETTINGS],
};

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

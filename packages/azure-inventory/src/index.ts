export * from '@vitals/azure-inventory-common';
export {
  DEFAULT_SNAPSHOT_PATH,
  SnapshotInventorySource,
  parseResourceGraphExport,
  type ParsedResourceGraphExport,
  type ResourceGraphExportFormat,
  type SnapshotInventorySourceOptions,
} from './snapshot';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_RESOURCE_MANAGER_ENDPOINT,
  LiveInventorySource,
  buildResourceGraphQuery,
  pickApiVersion,
  tagListFilter,
  type LiveInventoryScope,
  type LiveInventorySourceOptions,
} from './live';
export {
  CHILD_COLLECTIONS,
  childCollectionsFor,
  collectedChildTypes,
  collectionItemType,
  type ChildCollection,
  type ResourceGraphChildTable,
} from './childResources';
export {
  DEFAULT_RETRY_SETTINGS,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  type RetryDecisionInput,
  type RetrySettings,
  type ThrottlingHeaders,
} from './retryPolicy';
export {
  AZURE_SELECTOR_ANNOTATION,
  ENTITY_TAG,
  InventoryIndex,
  azureSelectorForEntity,
  buildInventoryIndex,
  parseAzureSelector,
  resourcesForEntity,
  resourcesForSelector,
  type AzureSelector,
  type AzureSelectorTerm,
} from './selectors';
export {
  createInventorySource,
  refreshInventory,
  type InventoryRefresh,
  type InventorySourceOptions,
} from './inventoryService';
export {
  normalizeResourceRow,
  isResourceRowProblem,
  type ResourceRowProblem,
} from './resourceRow';
export type {
  InventoryFetchStats,
  InventoryLoadResult,
  InventorySource,
  ResourceFetchError,
} from './source';
export {
  AzureInventory,
  type AzureInventoryOptions,
  type AzureInventoryRefreshOutcome,
  type AzureInventoryService,
  type AzureInventorySnapshot,
  type AzureInventoryStatus,
} from './AzureInventory';
export {
  AZURE_INVENTORY_DATABASE_ID,
  azureInventoryServiceRef,
  createAzureInventoryServiceFactory,
  readInventoryRefreshSetting,
  type AzureInventoryServiceFactoryOptions,
} from './service';
export {
  INVENTORY_MIGRATIONS_TABLE,
  InventoryStore,
  type RefreshAttempt,
  type StoredSnapshotMeta,
} from './store/InventoryStore';

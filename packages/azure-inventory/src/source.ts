import { Inventory } from '@vitals/azure-inventory-common';

/** Counters of one inventory load, for logs and metrics. */
export interface InventoryFetchStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that were repeats of a failed (429, 408, 5xx, network) request. */
  retries: number;
  /** 429 responses received. */
  throttled: number;
  /** Resources (or child collections) whose read failed after retries. */
  failedResources: number;
  durationMs: number;
  /** How the estate was listed. */
  strategy: 'snapshot' | 'resource-graph' | 'resource-manager';
  /** Why Resource Graph was not used when it was enabled. */
  resourceGraphFallbackReason?: string;
}

/** One read that failed without failing the inventory. */
export interface ResourceFetchError {
  /** The resource, or the parent whose child collection could not be read. */
  resourceId: string;
  /** What was being read: `get`, or the child collection path (`databases`, `config/web`, ...). */
  operation: string;
  /** HTTP status of the last attempt; absent for network errors and malformed bodies. */
  status?: number;
  /** Azure error code (`ResourceNotFound`, `AuthorizationFailed`, ...), when Azure sent one. */
  code?: string;
  message: string;
}

/** The outcome of loading an inventory from a source. */
export interface InventoryLoadResult {
  inventory: Inventory;
  stats: InventoryFetchStats;
  errors: ResourceFetchError[];
  /** Non-fatal observations: a truncated export, rows dropped as duplicates. */
  warnings: string[];
}

/** Where an inventory comes from: a Resource Graph export file, or Azure itself. */
export interface InventorySource {
  readonly kind: 'snapshot' | 'live';
  load(): Promise<InventoryLoadResult>;
}

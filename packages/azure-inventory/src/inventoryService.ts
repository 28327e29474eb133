import type { TokenCredential } from '@azure/identity';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { LiveInventorySource } from './live';
import { SnapshotInventorySource } from './snapshot';
import { InventoryLoadResult, InventorySource } from './source';

/** One completed refresh: the load result and when it finished. */
export interface InventoryRefresh extends InventoryLoadResult {
  refreshedAt: string;
}

export interface InventorySourceOptions {
  /** Where relative snapshot paths are resolved; defaults to the working directory. */
  rootDir?: string;
  /** For `live`; defaults to `DefaultAzureCredential`. */
  credential?: TokenCredential;
  logger?: LoggerService;
  /** For `live`: CA certificates (PEM) for a private or local endpoint. */
  ca?: string | string[];
}

/** The source `vitals.azure.source` names (`snapshot` when absent). */
export function createInventorySource(
  config: Config,
  options: InventorySourceOptions = {},
): InventorySource {
  const source = config.getOptionalString('vitals.azure.source') ?? 'snapshot';
  switch (source) {
    case 'snapshot':
      return SnapshotInventorySource.fromConfig(config, {
        rootDir: options.rootDir,
      });
    case 'live':
      return LiveInventorySource.fromConfig(config, {
        credential: options.credential,
        logger: options.logger,
        ca: options.ca,
      });
    default:
      throw new InputError(
        `vitals.azure.source must be "snapshot" or "live", got "${source}"`,
      );
  }
}

/**
 * Loads the inventory once from `source`. Per-resource read failures are in
 * the result's `errors`; a failure to list the estate at all rejects, so the
 * caller keeps serving its previous inventory (marked stale).
 */
export async function refreshInventory(
  source: InventorySource,
  options: { now?: () => Date; logger?: LoggerService } = {},
): Promise<InventoryRefresh> {
  const now = options.now ?? (() => new Date());
  const result = await source.load();
  for (const warning of result.warnings) {
    options.logger?.warn(warning);
  }
  if (result.errors.length > 0) {
    options.logger?.warn(
      `Azure inventory refreshed with ${result.errors.length} unreadable resources or child collections; first: ${result.errors[0].resourceId} (${result.errors[0].operation}): ${result.errors[0].message}`,
    );
  }
  return { ...result, refreshedAt: now().toISOString() };
}

import type { TokenCredential } from '@azure/identity';
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  DatabaseService,
  RootConfigService,
  ServiceFactory,
  ServiceRef,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { AzureInventory, AzureInventoryService } from './AzureInventory';
import { createInventorySource } from './inventoryService';
import type { InventorySource } from './source';
import { InventoryStore } from './store/InventoryStore';

/** The database the shared inventory is kept in (`backend.database.plugin.<id>` configures it). */
export const AZURE_INVENTORY_DATABASE_ID = 'vitals-azure-inventory';

const DEFAULT_INTERVAL: HumanDuration = { minutes: 5 };
const DEFAULT_TIMEOUT: HumanDuration = { minutes: 9 };

/** `vitals.azure.refresh.<key>` in milliseconds. */
export function readInventoryRefreshSetting(
  config: RootConfigService,
  key: 'interval' | 'timeout',
): number {
  const refresh = config.getOptionalConfig('vitals.azure.refresh');
  const fallback = key === 'interval' ? DEFAULT_INTERVAL : DEFAULT_TIMEOUT;
  if (!refresh?.has(key)) return durationToMilliseconds(fallback);
  const value = refresh.getOptional(key);
  if (typeof value === 'number') {
    throw new Error(
      `vitals.azure.refresh.${key} must be a duration such as { minutes: 5 } or PT5M, not a bare number`,
    );
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(refresh, { key }));
  } catch (error) {
    throw new Error(
      `vitals.azure.refresh.${key} must be a duration such as { minutes: 5 } or PT5M: ${
        (error as Error).message
      }`,
    );
  }
  if (!(ms >= 0) || (key === 'timeout' && ms === 0)) {
    throw new Error(
      `vitals.azure.refresh.${key} must be a positive duration, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return ms;
}

/** How {@link createAzureInventoryServiceFactory} may be varied. */
export interface AzureInventoryServiceFactoryOptions {
  /** Where the estate is read from; defaults to what `vitals.azure` names. */
  source?: InventorySource | ((config: RootConfigService) => InventorySource);
  /** For the default live source: the credential (defaults to `DefaultAzureCredential`). */
  credential?: TokenCredential;
  /** For the default live source: CA certificates (PEM) of a private endpoint. */
  ca?: string | string[];
  /**
   * Where the snapshot is kept; defaults to the `vitals-azure-inventory`
   * database of `backend.database` (an in-memory SQLite one when the backend
   * configures none).
   */
  database?: DatabaseService;
  /** Overrides `vitals.azure.refresh.interval`. */
  minIntervalMs?: number;
  /** How often a replica waiting for another's read looks again. */
  pollIntervalMs?: number;
}

/**
 * The backend's one Azure inventory. DR readiness and compliance depend on
 * it, so the estate is read once per refresh for both, stored once in the
 * database (its last good snapshot, with its age and the latest error), and
 * read by one replica at a time.
 */
export const azureInventoryServiceRef: ServiceRef<
  AzureInventoryService,
  'root',
  'singleton'
> = createServiceRef<AzureInventoryService>({
  id: 'vitals.azure-inventory',
  scope: 'root',
  defaultFactory: async (): Promise<ServiceFactory> =>
    createAzureInventoryServiceFactory(),
});

/**
 * A factory for {@link azureInventoryServiceRef}; install one in the
 * backend (`backend.add(createAzureInventoryServiceFactory({ source }))`) to
 * read the estate from somewhere else, e.g. a CMDB or an export of another
 * format.
 */
export function createAzureInventoryServiceFactory(
  options: AzureInventoryServiceFactoryOptions = {},
): ServiceFactory<AzureInventoryService, 'root', 'singleton'> {
  return createServiceFactory({
    service: azureInventoryServiceRef,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.rootLogger,
      lifecycle: coreServices.rootLifecycle,
    },
    async factory({ config, logger, lifecycle }) {
      const inventoryLogger = logger.child({
        service: 'vitals-azure-inventory',
      });
      const source =
        typeof options.source === 'function'
          ? options.source(config)
          : options.source ??
            createInventorySource(config, {
              rootDir: process.cwd(),
              logger: inventoryLogger,
              credential: options.credential,
              ca: options.ca,
            });
      const databaseConfig = config.has('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          });
      const database =
        options.database ??
        DatabaseManager.fromConfig(databaseConfig).forPlugin(
          AZURE_INVENTORY_DATABASE_ID,
          { logger: inventoryLogger, lifecycle },
        );
      const store = await InventoryStore.create(database);
      return new AzureInventory({
        source,
        store,
        logger: inventoryLogger,
        minIntervalMs:
          options.minIntervalMs ??
          readInventoryRefreshSetting(config, 'interval'),
        timeoutMs: readInventoryRefreshSetting(config, 'timeout'),
        pollIntervalMs: options.pollIntervalMs,
      });
    },
  });
}

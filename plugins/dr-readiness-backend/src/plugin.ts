import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AzureInventory,
  azureInventoryServiceRef,
  InventorySource,
  InventoryStore,
  readInventoryRefreshSetting,
} from '@vitals/azure-inventory';
import {
  drReadinessPermissions,
  TierObjectivesConfig,
  TIERS_CONFIG_KEY,
} from '@vitals/plugin-dr-readiness-common';
import { Duration } from 'luxon';
import { readConfigDuration } from '@vitals/backend-http';
import { DrStore } from './database/DrStore';
import { drReadinessInventoryExtensionPoint } from './extensions';
import { readCoverageExclusions } from './service/coverageExclusions';
import { DrReadinessService } from './service/DrReadinessService';
import { createRouter } from './service/router';
import { readSeedDrills } from './service/seedDrills';

/**
 * The Vitals DR-readiness backend: refreshes the shared Azure inventory on a
 * schedule,
 * evaluates for every entity with DR annotations whether it comes back
 * within its RTO and RPO after losing each of its regions, records DR drills,
 * and serves all of it under /api/dr-readiness.
 */
export const drReadinessPlugin = createBackendPlugin({
  pluginId: 'dr-readiness',
  register(env) {
    let customSource: InventorySource | undefined;
    env.registerExtensionPoint(drReadinessInventoryExtensionPoint, {
      setInventorySource(source) {
        if (customSource) {
          throw new Error(
            'The DR-readiness inventory source was set twice; install one module that sets it',
          );
        }
        customSource = source;
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        sharedInventory: azureInventoryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        sharedInventory,
      }) {
        permissionsRegistry.addPermissions(drReadinessPermissions);
        const drConfig = config.getOptionalConfig('vitals.drReadiness');
        const tiers =
          config.getOptional<TierObjectivesConfig>(TIERS_CONFIG_KEY);
        const coverageExclusions = readCoverageExclusions(drConfig);
        const frequency = readConfigDuration(
          config,
          'vitals.drReadiness.refresh.frequency',
          { minutes: 10 },
        );
        const timeout = readConfigDuration(
          config,
          'vitals.drReadiness.refresh.timeout',
          { minutes: 9 },
        );
        const refreshFrequencyMs =
          Duration.fromObject(frequency).as('milliseconds');

        // A module's own source is read for this plugin alone, kept in the
        // plugin's database; otherwise the backend's shared inventory is.
        const inventory = customSource
          ? new AzureInventory({
              source: customSource,
              store: await InventoryStore.create(database),
              logger,
              minIntervalMs: readInventoryRefreshSetting(config, 'interval'),
              timeoutMs: readInventoryRefreshSetting(config, 'timeout'),
            })
          : sharedInventory;
        if (customSource) {
          logger.info(
            'DR readiness reads the Azure estate from the source a module set, not the shared inventory',
          );
        }
        const store = await DrStore.create(database);
        const service = new DrReadinessService({
          store,
          catalog,
          auth,
          logger,
          inventory,
          tiers,
          coverageExclusions,
          refreshFrequencyMs,
        });

        // An empty value switches seeding off in a later config layer (the
        // production file over the demo defaults); Backstage's getOptionalString
        // refuses empty strings, so the raw value is read.
        const seedValue = drConfig?.getOptional('seedDrills');
        if (
          seedValue !== undefined &&
          seedValue !== '' &&
          typeof seedValue !== 'string'
        ) {
          throw new Error(
            'vitals.drReadiness.seedDrills must be a file path, or empty for none',
          );
        }
        const seedPath = seedValue || undefined;
        if (seedPath) {
          try {
            const drills = await readSeedDrills(
              seedPath,
              process.cwd(),
              new Date(),
            );
            if (await store.seedDrills(drills)) {
              logger.info(
                `Recorded ${drills.length} DR drills from ${seedPath} (the drill store was empty)`,
              );
            }
          } catch (error) {
            logger.error(
              `vitals.drReadiness.seedDrills: ${seedPath} was not seeded: ${
                (error as Error).message
              }`,
            );
          }
        }

        await scheduler.scheduleTask({
          id: 'dr-readiness-refresh',
          frequency,
          timeout,
          initialDelay: { seconds: 3 },
          scope: 'global',
          fn: async () => {
            await service.refresh();
          },
        });

        await scheduler.scheduleTask({
          id: 'dr-readiness-catalog-sync',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 20 },
          scope: 'global',
          fn: async () => {
            await service.syncWithCatalog();
          },
        });

        httpRouter.use(
          await createRouter({
            service,
            store,
            httpAuth,
            permissions,
            auditor,
            catalog,
            logger,
            tiers,
            refreshFrequencyMs,
          }),
        );
      },
    });
  },
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SliDataSource,
  SliDataSourceFactory,
  sloDataSourcesExtensionPoint,
} from '@vitals/plugin-slo-node';
import { Duration } from 'luxon';
import { sloPermissions } from '@vitals/plugin-slo-common';
import { readConfigDuration } from '@vitals/backend-http';
import { applicationInsightsDataSourceFactory } from './dataSources/applicationInsights';
import { azureManagedPrometheusDataSourceFactory } from './dataSources/azureManagedPrometheus';
import { azureMonitorMetricsDataSourceFactory } from './dataSources/azureMonitorMetrics';
import { prometheusDataSourceFactory } from './dataSources/prometheus';
import { sampleDataSourceFactory } from './dataSources/sample';
import { SloStore } from './database/SloStore';
import { SloRefresher } from './service/refresher';
import { createRouter } from './service/router';
import {
  readSeedDeployments,
  seedDeployments,
} from './service/seedDeployments';

/**
 * The Vitals SLO backend: reads OpenSLO documents of catalog entities,
 * computes SLIs, error budgets and burn-rate alerts from SLI data sources on
 * a schedule, stores them, and serves them under /api/slo.
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const factories = new Map<string, SliDataSourceFactory>(
      [
        prometheusDataSourceFactory,
        azureManagedPrometheusDataSourceFactory,
        azureMonitorMetricsDataSourceFactory,
        applicationInsightsDataSourceFactory,
        sampleDataSourceFactory,
      ].map(f => [f.type, f]),
    );
    env.registerExtensionPoint(sloDataSourcesExtensionPoint, {
      addDataSourceFactory(...added) {
        for (const factory of added) factories.set(factory.type, factory);
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
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        urlReader,
        catalog,
        permissions,
        permissionsRegistry,
        auditor,
      }) {
        permissionsRegistry.addPermissions(sloPermissions);
        const sloConfig = config.getOptionalConfig('vitals.slo');
        const dataSources = new Map<string, SliDataSource>();
        const configured =
          sloConfig?.getOptionalConfigArray('dataSources') ?? [];
        for (const [i, entry] of configured.entries()) {
          const name = entry.getString('name');
          const type = entry.getString('type').toLocaleLowerCase('en-US');
          const factory = factories.get(type);
          if (!factory) {
            throw new Error(
              `vitals.slo.dataSources[${i}] (${name}) has type ${JSON.stringify(
                type,
              )}; known types: ${[...factories.keys()].join(', ')}`,
            );
          }
          if (dataSources.has(name)) {
            throw new Error(`vitals.slo.dataSources names ${name} twice`);
          }
          dataSources.set(
            name,
            factory.create({ name, config: entry, logger }),
          );
        }
        if (dataSources.size === 0) {
          dataSources.set(
            'sample',
            sampleDataSourceFactory.create({
              name: 'sample',
              config: new ConfigReader({}),
              logger,
            }),
          );
          logger.info(
            'No vitals.slo.dataSources configured: SLOs are computed from the synthetic sample source',
          );
        }
        const defaultDataSource =
          sloConfig?.getOptionalString('defaultDataSource') ??
          [...dataSources.keys()][0];
        if (!dataSources.has(defaultDataSource)) {
          throw new Error(
            `vitals.slo.defaultDataSource ${defaultDataSource} is not one of vitals.slo.dataSources`,
          );
        }

        const store = await SloStore.create(database);
        await seedDeployments(store.deploys, readSeedDeployments(config), {
          now: Date.now(),
          logger,
        });
        const refresher = new SloRefresher({
          store,
          catalog,
          auth,
          urlReader,
          logger,
          dataSources,
          defaultDataSource,
          concurrency: sloConfig?.getOptionalNumber('concurrency'),
        });
        const frequency = readConfigDuration(
          config,
          'vitals.slo.refresh.frequency',
          { minutes: 5 },
        );
        const timeout = readConfigDuration(
          config,
          'vitals.slo.refresh.timeout',
          { minutes: 4 },
        );
        const taskId = 'slo-refresh';
        let followUps = 0;
        let lastRequested = 0;
        await scheduler.scheduleTask({
          id: taskId,
          frequency,
          timeout,
          initialDelay: { seconds: 5 },
          scope: 'global',
          fn: async signal => {
            const stats = await refresher.refreshAll(
              signal as AbortSignal | undefined,
            );
            // Right after start the catalog may still be ingesting: a first
            // refresh that finds no entity looks again soon rather than a
            // whole interval later.
            if (stats.entities === 0 && followUps < 5) {
              followUps++;
              setTimeout(() => {
                scheduler.triggerTask(taskId).catch(() => {});
              }, 30_000).unref?.();
            }
          },
        });

        httpRouter.use(
          await createRouter({
            store,
            httpAuth,
            catalog,
            permissions,
            auditor,
            logger,
            dataSources,
            defaultDataSource,
            refreshFrequencyMs:
              Duration.fromObject(frequency).as('milliseconds'),
            requestRefresh: () => {
              // At most one early refresh per half minute, whatever the
              // number of readers of new entities.
              if (Date.now() - lastRequested < 30_000) return true;
              lastRequested = Date.now();
              scheduler
                .triggerTask(taskId)
                .catch(error =>
                  logger.warn(`Could not start an SLO refresh: ${error}`),
                );
              return true;
            },
          }),
        );
      },
    });
  },
});

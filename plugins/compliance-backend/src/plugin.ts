import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { HumanDuration } from '@backstage/types';
import { azureInventoryServiceRef } from '@vitals/azure-inventory';
import {
  compliancePermissions,
  hipaaFramework,
  type ComplianceEvaluationOptions,
} from '@vitals/plugin-compliance-common';
import { Duration } from 'luxon';
import { readConfigDuration } from '@vitals/backend-http';
import { ComplianceStore } from './database/ComplianceStore';
import { ComplianceCoverageService } from './service/coverage';
import { DrReadinessClient } from './service/drReadiness';
import { ComplianceEvaluator } from './service/evaluator';
import { ComplianceInventory } from './service/inventory';
import { ComplianceReader } from './service/reader';
import { createRouter } from './service/router';
import { computeRuleVersion } from './service/ruleVersion';
import { loadSeed } from './service/seed';

const toMs = (duration: HumanDuration) =>
  Duration.fromObject(duration).as('milliseconds');

/**
 * The Vitals compliance backend: evaluates the HIPAA Security Rule over the
 * catalog, the backend's shared Azure inventory (the estate DR readiness
 * evaluates, read once for both) and the DR-readiness summaries on a schedule,
 * keeps every verdict for the retention period, manages exemptions and
 * attestations, and exports evidence, under /api/compliance.
 */
export const compliancePlugin = createBackendPlugin({
  pluginId: 'compliance',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
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
        discovery,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        sharedInventory,
      }) {
        const frameworks = config.getOptionalStringArray(
          'vitals.compliance.frameworks',
        ) ?? ['hipaa'];
        const unknown = frameworks.filter(f => f !== 'hipaa');
        if (unknown.length > 0) {
          throw new Error(
            `vitals.compliance.frameworks names ${unknown.join(
              ', ',
            )}; the frameworks built in are: hipaa`,
          );
        }
        const framework = hipaaFramework;
        const ruleVersion = computeRuleVersion(framework);
        permissionsRegistry.addPermissions(compliancePermissions);

        const frequency = readConfigDuration(
          config,
          'vitals.compliance.refresh.frequency',
          { minutes: 15 },
        );
        const timeout = readConfigDuration(
          config,
          'vitals.compliance.refresh.timeout',
          { minutes: 10 },
        );
        const retentionMs = toMs(
          readConfigDuration(config, 'vitals.compliance.retention', {
            years: 6,
          }),
        );
        const refreshFrequencyMs = toMs(frequency);
        const evaluationOptions: ComplianceEvaluationOptions = {
          minimumLogRetentionDays: config.getOptionalNumber(
            'vitals.compliance.minimumLogRetentionDays',
          ),
          minimumBackupRetention: config.getOptionalString(
            'vitals.compliance.minimumBackupRetention',
          ),
        };

        const store = await ComplianceStore.create(database);
        const inventory = new ComplianceInventory({
          inventory: sharedInventory,
          maxAgeMs: 3 * refreshFrequencyMs,
        });
        const evaluator = new ComplianceEvaluator({
          store,
          inventory,
          catalog,
          auth,
          dr: new DrReadinessClient({ discovery, auth, logger }),
          logger,
          framework,
          ruleVersion,
          retentionMs,
          evaluationOptions,
        });
        const reader = new ComplianceReader({
          store,
          inventory,
          framework,
          refreshFrequencyMs,
        });

        await loadSeed({
          seed: config.getOptional('vitals.compliance.seed'),
          store,
          framework,
          logger,
          now: Date.now(),
        });

        const taskId = 'compliance-evaluate';
        let followUps = 0;
        await scheduler.scheduleTask({
          id: taskId,
          frequency,
          timeout,
          initialDelay: { seconds: 10 },
          scope: 'global',
          fn: async () => {
            const summary = await evaluator.evaluateAll('schedule');
            // Right after start the catalog may still be ingesting and the
            // DR plugin's first evaluation may not have finished (or not
            // reached every service); look again soon rather than a whole
            // interval later.
            if (
              (summary.entities === 0 ||
                summary.drError ||
                summary.drMissing > 0) &&
              followUps < 5
            ) {
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
            reader,
            evaluator,
            coverage: new ComplianceCoverageService({ inventory, framework }),
            framework,
            httpAuth,
            permissions,
            auditor,
            catalog,
            logger,
            refreshFrequencyMs,
            retentionMs,
          }),
        );
      },
    });
  },
});

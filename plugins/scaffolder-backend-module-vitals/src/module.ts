import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createHipaaValidateAction } from './actions/hipaaValidate';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegionPairAction } from './actions/regionPair';
import { createTerraformModulesAction } from './actions/terraformModules';
import { CatalogApiEntityLookup } from './catalog/entityLookup';
import { readVitalsScaffolderConfig } from './config';

/**
 * Adds the Vitals actions to the scaffolder: `vitals:hipaa:validate`,
 * `vitals:azure:region-pair`, `vitals:terraform:modules` and
 * `vitals:publish:local`.
 */
export const scaffolderModuleVitals = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'vitals',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, discovery, auth, logger }) {
        const settings = readVitalsScaffolderConfig(config);
        logger.info(
          `hipaa-service repositories may live on ${settings.allowedHosts.join(
            ', ',
          )}`,
        );
        if (!settings.terraformModules || !settings.pipelines) {
          logger.warn(
            'vitals.scaffolder.terraformModules or vitals.scaffolder.pipelines is not configured; the hipaa-service template will fail at "Resolve module versions"',
          );
        }
        scaffolder.addActions(
          createHipaaValidateAction({
            drTiers: settings.drTiers,
            localPublishEnabled: settings.localPublish.enabled,
            allowedHosts: settings.allowedHosts,
            telemetry: settings.telemetry,
            entityLookup: new CatalogApiEntityLookup({ discovery, auth }),
          }),
          createRegionPairAction(),
          createTerraformModulesAction({
            terraformModules: settings.terraformModules,
            pipelines: settings.pipelines,
            terraformState: settings.terraformState,
          }),
          createPublishLocalAction({
            localPublish: settings.localPublish,
            allowedHosts: settings.allowedHosts,
          }),
        );
      },
    });
  },
});

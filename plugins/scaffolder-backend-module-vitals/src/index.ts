/**
 * Vitals scaffolder actions: HIPAA request validation, Azure region pairs,
 * shared Terraform module versions and local publishing.
 *
 * @packageDocumentation
 */

import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { localRepositoryUrlReaderFactory } from './localRepository/urlReaderFactory';
import { scaffolderModuleVitals } from './module';

/**
 * The scaffolder actions and the local repository URL reader, which
 * `catalog:register` needs for what `vitals:publish:local` writes:
 * `backend.add(import('@vitals/plugin-scaffolder-backend-module-vitals'))`.
 */
export default createBackendFeatureLoader({
  *loader() {
    yield scaffolderModuleVitals;
    yield localRepositoryUrlReaderFactory;
  },
});

export { scaffolderModuleVitals, localRepositoryUrlReaderFactory };
export {
  createHipaaValidateAction,
  HIPAA_VALIDATE_ACTION_ID,
  summarizePlan,
} from './actions/hipaaValidate';
export type {
  HipaaValidateActionOptions,
  PublishTarget,
} from './actions/hipaaValidate';
export {
  createRegionPairAction,
  REGION_PAIR_ACTION_ID,
} from './actions/regionPair';
export {
  createTerraformModulesAction,
  TERRAFORM_MODULES_ACTION_ID,
} from './actions/terraformModules';
export type { TerraformModulesActionOptions } from './actions/terraformModules';
export {
  createPublishLocalAction,
  PUBLISH_LOCAL_ACTION_ID,
} from './actions/publishLocal';
export type { PublishLocalActionOptions } from './actions/publishLocal';
export { CatalogApiEntityLookup } from './catalog/entityLookup';
export type { EntityLookup } from './catalog/entityLookup';
export {
  readVitalsScaffolderConfig,
  readLocalPublishConfig,
  DEFAULT_LOCAL_PUBLISH_ROOT,
} from './config';
export type {
  VitalsScaffolderConfig,
  LocalPublishConfig,
  PipelinesConfig,
  TerraformModulesConfig,
  TerraformStateConfig,
} from './config';
export { LocalRepositoryUrlReader } from './localRepository/LocalRepositoryUrlReader';
export type {
  LocalRepositoryReaderFactory,
  TreeResponseFactory,
} from './localRepository/LocalRepositoryUrlReader';
export * from './domain/errorBudget';
export * from './domain/naming';
export * from './domain/regionPair';
export * from './domain/serviceRequest';
export * from './domain/terraformModules';

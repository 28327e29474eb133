/**
 * The Vitals DR-readiness backend plugin.
 *
 * @packageDocumentation
 */
export { drReadinessPlugin as default } from './plugin';
export {
  drReadinessInventoryExtensionPoint,
  type DrReadinessInventoryExtensionPoint,
} from './extensions';
export type {
  DrOverviewItem,
  DrOverviewResponse,
  EntityAnnotationMissingBody,
  EntityPolicyErrorBody,
  EntityReadinessBody,
  InventoryStatus,
  OverviewCell,
  PolicyProblem,
  RegionImpactResponse,
  ServiceImpactItem,
} from './service/types';

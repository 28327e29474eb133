/**
 * The Vitals DR-readiness frontend plugin: the DR readiness page (services ×
 * regions heat map, rollups, region impact), the entity "DR readiness" tab
 * and the summary card. The default export is the plugin for the new frontend
 * system; the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  drReadinessPlugin,
  DrReadinessPage,
  EntityDrReadinessContent,
  EntityDrReadinessCard,
} from './plugin';
export { drReadinessApiRef, DrReadinessClient } from './api/DrReadinessApi';
export type { DrReadinessApi, DrOverviewFilters } from './api/DrReadinessApi';
export type * from './api/types';
export {
  isDrReadinessAvailable,
  ANNOTATION_DR_TIER,
  ANNOTATION_PRIMARY_REGION,
  ANNOTATION_SECONDARY_REGION,
  drDrillCreatePermission,
} from '@vitals/plugin-dr-readiness-common';

/**
 * The Vitals SLO frontend plugin: the Error budgets page, the entity "SLOs"
 * tab and the SLO summary card. The default export is the plugin for the new
 * frontend system; the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  sloPlugin,
  ErrorBudgetsPage,
  EntitySlosContent,
  EntitySloCard,
} from './plugin';
export { sloApiRef, SloClient } from './api/SloApi';
export type { SloApi, SloOverviewFilters } from './api/SloApi';
export { isSloAvailable, ANNOTATION_SLO_REF } from '@vitals/plugin-slo-common';

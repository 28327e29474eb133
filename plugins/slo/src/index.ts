/**
 * The Vitals SLO frontend plugin: the Error budgets page, the entity "SLOs"
 * tab, the SLO summary card and a System's journey SLO card. The default export is the plugin for the new
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
  EntityJourneySloCard,
} from './plugin';
export { sloApiRef, SloClient } from './api/SloApi';
export type { SloApi, SloOverviewFilters } from './api/SloApi';
export {
  isSloAvailable,
  isJourneySloAvailable,
  ANNOTATION_SLO_REF,
} from '@vitals/plugin-slo-common';

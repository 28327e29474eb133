/**
 * Page building blocks shared by the Vitals plugin frontends, so the Error
 * budgets, DR readiness and Compliance pages look and behave alike.
 *
 * @packageDocumentation
 */
export { SummaryTile, type SummaryTileProps } from './SummaryTile';
export { usePageStyles } from './pageStyles';
export { FilterSelect, type FilterSelectProps } from './FilterSelect';
export { distinctSorted, useUrlFilters } from './filters';
export * from './components/Coverage';
export {
  RequesterField,
  errorMessage,
  type RequesterFieldProps,
} from './components/RequesterField';

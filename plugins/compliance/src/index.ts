/**
 * The Vitals compliance frontend plugin: the Compliance page, the entity
 * "Compliance" tab, the HIPAA status card, the status in the About card and
 * the catalog filter by compliance status. The default export is the plugin
 * for the new frontend system; the named exports serve apps on the legacy
 * system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  compliancePlugin,
  CompliancePage,
  EntityComplianceContent,
  EntityComplianceCard,
  ComplianceCatalogFilter,
} from './plugin';
export { complianceApiRef, ComplianceClient } from './api/ComplianceApi';
export type {
  ComplianceApi,
  ComplianceFilters,
  EvidenceDownload,
} from './api/ComplianceApi';
export { EntityComplianceStatusFilter } from './components/ComplianceCatalogFilter';
export {
  isComplianceAvailable,
  COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION,
} from '@vitals/plugin-compliance-common';

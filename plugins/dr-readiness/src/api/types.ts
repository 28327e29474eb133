export type {
  AzureRegion,
  DrCoverageGap,
  DrCoverageResponse,
  DrEntityCoverage,
  DrillCorrectionInput,
  DrillInput,
  DrillRecord,
  DrOverviewItem,
  DrOverviewResponse,
  EntityAnnotationMissingBody,
  EntityPolicyErrorBody,
  EntityReadinessBody,
  EntityResponse,
  InventoryStatus,
  OverviewCell,
  PolicyProblem,
  RegionImpactResponse,
  ServiceImpactItem,
} from '@vitals/plugin-dr-readiness-common';
export {
  hasPolicyErrors,
  isAnnotationMissing,
} from '@vitals/plugin-dr-readiness-common';

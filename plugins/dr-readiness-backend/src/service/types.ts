export type {
  DrCoverageResponse,
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
} from '@vitals/plugin-dr-readiness-common';

import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  DrOverviewFilters,
  DrReadinessClient,
} from '@vitals/plugin-dr-readiness-common';
import type {
  AzureRegion,
  DrCoverageResponse,
  DrillCorrectionInput,
  DrillInput,
  DrillRecord,
  DrOverviewResponse,
  EntityResponse,
  RegionImpactResponse,
} from './types';

export { DrReadinessClient };
export type { DrOverviewFilters };

/** What the DR-readiness screens read from and write to the backend. */
export interface DrReadinessApi {
  getEntity(entity: CompoundEntityRef): Promise<EntityResponse>;
  getOverview(filters?: DrOverviewFilters): Promise<DrOverviewResponse>;
  getRegionImpact(region: string): Promise<RegionImpactResponse>;
  getRegions(): Promise<{ regions: AzureRegion[] }>;
  /** How the DR checks cover every resource type of the estate, blind spots first. */
  getCoverage(): Promise<DrCoverageResponse>;
  listDrills(entity: CompoundEntityRef): Promise<{ items: DrillRecord[] }>;
  recordDrill(
    entity: CompoundEntityRef,
    drill: DrillInput,
  ): Promise<DrillRecord>;
  /** Replaces the values of a drill, keeping what was first recorded and why it changed. */
  correctDrill(
    entity: CompoundEntityRef,
    id: string,
    correction: DrillCorrectionInput,
  ): Promise<DrillRecord>;
  /** Withdraws a drill: it stays in the history and no longer counts for readiness. */
  withdrawDrill(
    entity: CompoundEntityRef,
    id: string,
    reason: string,
  ): Promise<DrillRecord>;
}

export const drReadinessApiRef = createApiRef<DrReadinessApi>({
  id: 'plugin.dr-readiness.api',
});

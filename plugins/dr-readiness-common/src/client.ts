import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  entityPath,
  queryString,
  VitalsApiClient,
  VitalsApiClientOptions,
} from '@vitals/api-client';
import type {
  DrCoverageResponse,
  DrOverviewResponse,
  EntityResponse,
  RegionImpactResponse,
} from './api';
import type { AzureRegion } from './regions';
import type { DrillCorrectionInput, DrillInput, DrillRecord } from './types';

function drillPath(entity: CompoundEntityRef, id: string): string {
  return `${entityPath(entity)}/drills/${encodeURIComponent(id)}`;
}

/** The filters of `GET /overview`; an unset filter keeps every row. */
export interface DrOverviewFilters {
  owner?: string;
  system?: string;
  tier?: string;
  status?: string;
}

/**
 * The DR-readiness backend over HTTP, in the browser (through the app's
 * discovery and authenticated fetch) and in Node.
 */
export class DrReadinessClient extends VitalsApiClient {
  constructor(options: VitalsApiClientOptions) {
    super(options, 'dr-readiness');
  }

  getEntity(entity: CompoundEntityRef): Promise<EntityResponse> {
    return this.get(this.entityPath(entity));
  }

  getOverview(filters: DrOverviewFilters = {}): Promise<DrOverviewResponse> {
    return this.get(
      `/overview${queryString({
        owner: filters.owner,
        system: filters.system,
        tier: filters.tier,
        status: filters.status,
      })}`,
    );
  }

  getRegionImpact(region: string): Promise<RegionImpactResponse> {
    return this.get(`/regions/${encodeURIComponent(region)}/impact`);
  }

  /** How the DR checks cover every resource type of the estate, blind spots first. */
  getCoverage(): Promise<DrCoverageResponse> {
    return this.get('/coverage');
  }

  getRegions(): Promise<{ regions: AzureRegion[] }> {
    return this.get('/regions');
  }

  listDrills(entity: CompoundEntityRef): Promise<{ items: DrillRecord[] }> {
    return this.get(`${this.entityPath(entity)}/drills`);
  }

  recordDrill(
    entity: CompoundEntityRef,
    drill: DrillInput,
  ): Promise<DrillRecord> {
    return this.send('POST', `${this.entityPath(entity)}/drills`, drill);
  }

  /** Replaces the values of a drill, keeping what was first recorded and why it changed. */
  correctDrill(
    entity: CompoundEntityRef,
    id: string,
    correction: DrillCorrectionInput,
  ): Promise<DrillRecord> {
    return this.send('PUT', drillPath(entity, id), correction);
  }

  /** Withdraws a drill: it stays in the history and no longer counts for readiness. */
  withdrawDrill(
    entity: CompoundEntityRef,
    id: string,
    reason: string,
  ): Promise<DrillRecord> {
    return this.send('POST', `${drillPath(entity, id)}/withdraw`, {
      reason,
    });
  }
}

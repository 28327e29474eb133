import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  AzureRegion,
  DrillCorrectionInput,
  DrillInput,
  DrillRecord,
  DrOverviewResponse,
  EntityResponse,
  RegionImpactResponse,
} from './types';

export interface DrOverviewFilters {
  owner?: string;
  system?: string;
  tier?: string;
  status?: string;
}

/** What the DR-readiness screens read from and write to the backend. */
export interface DrReadinessApi {
  getEntity(entity: CompoundEntityRef): Promise<EntityResponse>;
  getOverview(filters?: DrOverviewFilters): Promise<DrOverviewResponse>;
  getRegionImpact(region: string): Promise<RegionImpactResponse>;
  getRegions(): Promise<{ regions: AzureRegion[] }>;
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

/** The DR-readiness API over HTTP, through the app's discovery and authenticated fetch. */
export class DrReadinessClient implements DrReadinessApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('dr-readiness');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private entityPath(entity: CompoundEntityRef) {
    return ['entities', entity.namespace, entity.kind, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
  }

  getEntity(entity: CompoundEntityRef) {
    return this.request<EntityResponse>(`/${this.entityPath(entity)}`);
  }

  getOverview(filters: DrOverviewFilters = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) {
      if (value) params.set(key, value);
    }
    const query = params.toString();
    return this.request<DrOverviewResponse>(
      `/overview${query ? `?${query}` : ''}`,
    );
  }

  getRegionImpact(region: string) {
    return this.request<RegionImpactResponse>(
      `/regions/${encodeURIComponent(region)}/impact`,
    );
  }

  getRegions() {
    return this.request<{ regions: AzureRegion[] }>('/regions');
  }

  listDrills(entity: CompoundEntityRef) {
    return this.request<{ items: DrillRecord[] }>(
      `/${this.entityPath(entity)}/drills`,
    );
  }

  recordDrill(entity: CompoundEntityRef, drill: DrillInput) {
    return this.request<DrillRecord>(`/${this.entityPath(entity)}/drills`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(drill),
    });
  }

  correctDrill(
    entity: CompoundEntityRef,
    id: string,
    correction: DrillCorrectionInput,
  ) {
    return this.request<DrillRecord>(
      `/${this.entityPath(entity)}/drills/${encodeURIComponent(id)}`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(correction),
      },
    );
  }

  withdrawDrill(entity: CompoundEntityRef, id: string, reason: string) {
    return this.request<DrillRecord>(
      `/${this.entityPath(entity)}/drills/${encodeURIComponent(id)}/withdraw`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason }),
      },
    );
  }
}

import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  SloDataSourceStatus,
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewResponse,
} from '@vitals/plugin-slo-common';

export interface SloOverviewFilters {
  owner?: string;
  system?: string;
  state?: 'healthy' | 'warning' | 'freeze';
  firing?: boolean;
}

/** What the SLO screens read from the SLO backend. */
export interface SloApi {
  getEntitySlos(entity: CompoundEntityRef): Promise<SloEntityResponse>;
  getOverview(filters?: SloOverviewFilters): Promise<SloOverviewResponse>;
  getHistory(
    entity: CompoundEntityRef,
    slo: string,
    range: { from: Date; to: Date; step: string },
  ): Promise<SloHistoryResponse>;
  getDataSources(): Promise<{ items: SloDataSourceStatus[] }>;
}

export const sloApiRef = createApiRef<SloApi>({ id: 'plugin.slo.api' });

/** The SLO API over HTTP, through the app's discovery and authenticated fetch. */
export class SloClient implements SloApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('slo');
    const response = await this.options.fetchApi.fetch(`${base}${path}`);
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

  getEntitySlos(entity: CompoundEntityRef) {
    return this.get<SloEntityResponse>(`/${this.entityPath(entity)}`);
  }

  getOverview(filters: SloOverviewFilters = {}) {
    const params = new URLSearchParams();
    if (filters.owner) params.set('owner', filters.owner);
    if (filters.system) params.set('system', filters.system);
    if (filters.state) params.set('state', filters.state);
    if (filters.firing !== undefined)
      params.set('firing', String(filters.firing));
    const query = params.toString();
    return this.get<SloOverviewResponse>(
      `/overview${query ? `?${query}` : ''}`,
    );
  }

  getHistory(
    entity: CompoundEntityRef,
    slo: string,
    range: { from: Date; to: Date; step: string },
  ) {
    const params = new URLSearchParams({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      step: range.step,
    });
    return this.get<SloHistoryResponse>(
      `/${this.entityPath(entity)}/slos/${encodeURIComponent(
        slo,
      )}/history?${params}`,
    );
  }

  getDataSources() {
    return this.get<{ items: SloDataSourceStatus[] }>('/data-sources');
  }
}

import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  queryString,
  VitalsApiClient,
  VitalsApiClientOptions,
} from '@vitals/api-client';
import {
  SloDataSourceStatus,
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewResponse,
} from './api';

/** The filters of `GET /overview`; an unset filter keeps every row. */
export interface SloOverviewFilters {
  owner?: string;
  system?: string;
  state?: 'healthy' | 'warning' | 'freeze';
  firing?: boolean;
}

/**
 * The SLO backend over HTTP, in the browser (through the app's discovery and
 * authenticated fetch) and in Node.
 */
export class SloClient extends VitalsApiClient {
  constructor(options: VitalsApiClientOptions) {
    super(options, 'slo');
  }

  getEntitySlos(entity: CompoundEntityRef): Promise<SloEntityResponse> {
    return this.get(this.entityPath(entity));
  }

  getOverview(filters: SloOverviewFilters = {}): Promise<SloOverviewResponse> {
    return this.get(
      `/overview${queryString({
        owner: filters.owner,
        system: filters.system,
        state: filters.state,
        firing: filters.firing,
      })}`,
    );
  }

  getHistory(
    entity: CompoundEntityRef,
    slo: string,
    range: { from: Date; to: Date; step: string },
  ): Promise<SloHistoryResponse> {
    return this.get(
      `${this.entityPath(entity)}/slos/${encodeURIComponent(
        slo,
      )}/history${queryString({
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        step: range.step,
      })}`,
    );
  }

  getDataSources(): Promise<{ items: SloDataSourceStatus[] }> {
    return this.get('/data-sources');
  }
}

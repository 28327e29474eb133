import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  SloClient,
  SloDataSourceStatus,
  SloEntityResponse,
  SloHistoryResponse,
  SloOverviewFilters,
  SloOverviewResponse,
} from '@vitals/plugin-slo-common';

export { SloClient };
export type { SloOverviewFilters };

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

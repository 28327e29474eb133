import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  SloClient,
  SloDataSourceStatus,
  SloDeployGateOverride,
  SloDeployGateOverridesResponse,
  SloDeployGateResponse,
  SloDeploymentsResponse,
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
  getDeployGate(entity: CompoundEntityRef): Promise<SloDeployGateResponse>;
  listDeployGateOverrides(
    entity: CompoundEntityRef,
  ): Promise<SloDeployGateOverridesResponse>;
  createDeployGateOverride(
    entity: CompoundEntityRef,
    override: { requester: string; reason: string; expiresAt: Date },
  ): Promise<SloDeployGateOverride>;
  revokeDeployGateOverride(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<SloDeployGateOverride>;
  listDeployments(
    entity: CompoundEntityRef,
    range?: { from?: Date; to?: Date },
  ): Promise<SloDeploymentsResponse>;
}

export const sloApiRef = createApiRef<SloApi>({ id: 'plugin.slo.api' });

import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  queryString,
  VitalsApiClient,
  VitalsApiClientOptions,
} from '@vitals/api-client';
import {
  SloDataSourceStatus,
  SloDeployGateOverride,
  SloDeployGateOverridesResponse,
  SloDeployGateResponse,
  SloDeployment,
  SloDeploymentsResponse,
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

  /** Whether the entity may deploy now, and why not. */
  getDeployGate(entity: CompoundEntityRef): Promise<SloDeployGateResponse> {
    return this.get(`${this.entityPath(entity)}/deploy-gate`);
  }

  /** Overrides of the entity's gate: the active ones and those of the last 90 days. */
  listDeployGateOverrides(
    entity: CompoundEntityRef,
  ): Promise<SloDeployGateOverridesResponse> {
    return this.get(`${this.entityPath(entity)}/deploy-gate/overrides`);
  }

  /** Records an approver's decision to let releases through a closed gate. */
  createDeployGateOverride(
    entity: CompoundEntityRef,
    override: { requester: string; reason: string; expiresAt: Date },
  ): Promise<SloDeployGateOverride> {
    return this.send(
      'POST',
      `${this.entityPath(entity)}/deploy-gate/overrides`,
      {
        requester: override.requester,
        reason: override.reason,
        expiresAt: override.expiresAt.toISOString(),
      },
    );
  }

  revokeDeployGateOverride(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<SloDeployGateOverride> {
    return this.send(
      'DELETE',
      `${this.entityPath(entity)}/deploy-gate/overrides/${encodeURIComponent(
        id,
      )}`,
    );
  }

  /** Deployments of the entity in a range (default: the last 30 days), the newest first. */
  listDeployments(
    entity: CompoundEntityRef,
    range: { from?: Date; to?: Date } = {},
  ): Promise<SloDeploymentsResponse> {
    return this.get(
      `${this.entityPath(entity)}/deployments${queryString({
        from: range.from?.toISOString(),
        to: range.to?.toISOString(),
      })}`,
    );
  }

  recordDeployment(
    entity: CompoundEntityRef,
    deployment: {
      version: string;
      environment?: string;
      url?: string;
      at?: Date;
    },
  ): Promise<SloDeployment> {
    return this.send('POST', `${this.entityPath(entity)}/deployments`, {
      ...deployment,
      at: deployment.at?.toISOString(),
    });
  }
}

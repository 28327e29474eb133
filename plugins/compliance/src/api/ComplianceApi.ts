import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ComplianceClient,
  type ComplianceAttestationInput,
  type ComplianceAttestationRecord,
  type ComplianceCoverageResponse,
  type ComplianceExemptionInput,
  type ComplianceExemptionRecord,
  type ComplianceFilters,
  type ComplianceOverviewResponse,
  type EntityComplianceHistoryResponse,
  type EntityComplianceResponse,
  type EstateComplianceHistoryResponse,
  type EvidenceDownload,
  type UnownedResourcesResponse,
} from '@vitals/plugin-compliance-common';

export { ComplianceClient };
export type { ComplianceFilters, EvidenceDownload };

/** What the compliance screens read from, and write to, the compliance backend. */
export interface ComplianceApi {
  getEntityCompliance(
    entity: CompoundEntityRef,
    options?: { asOf?: string },
  ): Promise<EntityComplianceResponse>;
  getOverview(filters?: ComplianceFilters): Promise<ComplianceOverviewResponse>;
  getUnowned(): Promise<UnownedResourcesResponse>;
  /** Each resource type of the estate and whether a HIPAA rule judges it, blind spots first. */
  getCoverage(): Promise<ComplianceCoverageResponse>;
  /** Without `from`: the last 90 days, or since the first verdict. */
  getEntityHistory(
    entityRef: string,
    range?: { from?: Date; to?: Date },
  ): Promise<EntityComplianceHistoryResponse>;
  getEstateHistory(
    filters: ComplianceFilters,
    range?: { from?: Date; to?: Date; points?: number },
  ): Promise<EstateComplianceHistoryResponse>;
  downloadReport(
    format: 'csv' | 'json',
    filters?: ComplianceFilters,
  ): Promise<EvidenceDownload>;
  listExemptions(entityRef: string): Promise<ComplianceExemptionRecord[]>;
  createExemption(
    input: ComplianceExemptionInput,
  ): Promise<ComplianceExemptionRecord>;
  revokeExemption(id: string): Promise<ComplianceExemptionRecord>;
  listAttestations(entityRef: string): Promise<ComplianceAttestationRecord[]>;
  createAttestation(
    input: ComplianceAttestationInput,
  ): Promise<ComplianceAttestationRecord>;
  revokeAttestation(id: string): Promise<ComplianceAttestationRecord>;
}

export const complianceApiRef = createApiRef<ComplianceApi>({
  id: 'plugin.compliance.api',
});

import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  queryString,
  VitalsApiClient,
  VitalsApiClientOptions,
} from '@vitals/api-client';
import type {
  ComplianceAttestationInput,
  ComplianceAttestationRecord,
  ComplianceCoverageResponse,
  ComplianceExemptionInput,
  ComplianceExemptionRecord,
  ComplianceOverviewResponse,
  EntityComplianceHistoryResponse,
  EntityComplianceResponse,
  EstateComplianceHistoryResponse,
  UnownedResourcesResponse,
} from './api';
import type { ComplianceStatus } from './evaluate';

/** The filters of the overview and the report; an unset filter keeps every service. */
export interface ComplianceFilters {
  owner?: string;
  system?: string;
  status?: ComplianceStatus;
  /** Services failing this control. */
  control?: string;
  /** A classification, or `none`. */
  classification?: string;
  /** A past instant (ISO-8601, or a date for the end of that day). */
  asOf?: string;
}

/** A downloaded evidence file, ready to save. */
export interface EvidenceDownload {
  blob: Blob;
  filename: string;
  /** `sha-256=<hex>` for the JSON evidence pack. */
  digest: string | null;
}

const filterParams = (filters: ComplianceFilters = {}) => ({
  owner: filters.owner,
  system: filters.system,
  status: filters.status,
  control: filters.control,
  classification: filters.classification,
  asOf: filters.asOf,
});

/**
 * The compliance backend over HTTP, in the browser (through the app's
 * discovery and authenticated fetch) and in Node.
 */
export class ComplianceClient extends VitalsApiClient {
  /**
   * Kept for the report download, which needs the answer's headers (file
   * name, digest) and its bytes rather than parsed JSON.
   */
  private readonly http: VitalsApiClientOptions;

  constructor(options: VitalsApiClientOptions) {
    super(options, 'compliance');
    this.http = options;
  }

  getEntityCompliance(
    entity: CompoundEntityRef,
    options?: { asOf?: string },
  ): Promise<EntityComplianceResponse> {
    return this.get(
      `${this.entityPath(entity)}${queryString({ asOf: options?.asOf })}`,
    );
  }

  getOverview(
    filters: ComplianceFilters = {},
  ): Promise<ComplianceOverviewResponse> {
    return this.get(`/overview${queryString(filterParams(filters))}`);
  }

  getUnowned(): Promise<UnownedResourcesResponse> {
    return this.get('/unowned');
  }

  /** Each resource type of the estate and whether a HIPAA rule judges it. */
  getCoverage(): Promise<ComplianceCoverageResponse> {
    return this.get('/coverage');
  }

  /** Without `from`: the last 90 days, or since the first verdict. */
  getEntityHistory(
    entityRef: string,
    range: { from?: Date; to?: Date } = {},
  ): Promise<EntityComplianceHistoryResponse> {
    return this.get(
      `/history${queryString({
        entityRef,
        from: range.from?.toISOString(),
        to: range.to?.toISOString(),
      })}`,
    );
  }

  /** The trend takes no status, control or asOf: it is the estate over time. */
  getEstateHistory(
    filters: ComplianceFilters,
    range: { from?: Date; to?: Date; points?: number } = {},
  ): Promise<EstateComplianceHistoryResponse> {
    return this.get(
      `/history${queryString({
        owner: filters.owner,
        system: filters.system,
        classification: filters.classification,
        from: range.from?.toISOString(),
        to: range.to?.toISOString(),
        points: range.points,
      })}`,
    );
  }

  async downloadReport(
    format: 'csv' | 'json',
    filters: ComplianceFilters = {},
  ): Promise<EvidenceDownload> {
    const base = await this.http.discoveryApi.getBaseUrl('compliance');
    const response = await this.http.fetchApi.fetch(
      `${base}/report${queryString({ format, ...filterParams(filters) })}`,
      { method: 'GET' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? `hipaa-evidence.${format}`;
    return {
      blob: await response.blob(),
      filename,
      digest: response.headers.get('x-evidence-digest'),
    };
  }

  async listExemptions(
    entityRef: string,
  ): Promise<ComplianceExemptionRecord[]> {
    const body = await this.get<{ items: ComplianceExemptionRecord[] }>(
      `/exemptions${queryString({ entityRef })}`,
    );
    return body.items;
  }

  createExemption(
    input: ComplianceExemptionInput,
  ): Promise<ComplianceExemptionRecord> {
    return this.send('POST', '/exemptions', input);
  }

  revokeExemption(id: string): Promise<ComplianceExemptionRecord> {
    return this.send('DELETE', `/exemptions/${encodeURIComponent(id)}`);
  }

  async listAttestations(
    entityRef: string,
  ): Promise<ComplianceAttestationRecord[]> {
    const body = await this.get<{ items: ComplianceAttestationRecord[] }>(
      `/attestations${queryString({ entityRef })}`,
    );
    return body.items;
  }

  createAttestation(
    input: ComplianceAttestationInput,
  ): Promise<ComplianceAttestationRecord> {
    return this.send('POST', '/attestations', input);
  }

  revokeAttestation(id: string): Promise<ComplianceAttestationRecord> {
    return this.send('DELETE', `/attestations/${encodeURIComponent(id)}`);
  }
}

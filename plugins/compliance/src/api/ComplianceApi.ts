import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ComplianceAttestationInput,
  ComplianceAttestationRecord,
  ComplianceExemptionInput,
  ComplianceExemptionRecord,
  ComplianceOverviewResponse,
  ComplianceStatus,
  EntityComplianceHistoryResponse,
  EntityComplianceResponse,
  EstateComplianceHistoryResponse,
  UnownedResourcesResponse,
} from '@vitals/plugin-compliance-common';

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

export interface EvidenceDownload {
  blob: Blob;
  filename: string;
  /** `sha-256=<hex>` for the JSON evidence pack. */
  digest: string | null;
}

/** What the compliance screens read from, and write to, the compliance backend. */
export interface ComplianceApi {
  getEntityCompliance(
    entity: CompoundEntityRef,
    options?: { asOf?: string },
  ): Promise<EntityComplianceResponse>;
  getOverview(filters?: ComplianceFilters): Promise<ComplianceOverviewResponse>;
  getUnowned(): Promise<UnownedResourcesResponse>;
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

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const filterParams = (filters: ComplianceFilters = {}) => ({
  owner: filters.owner,
  system: filters.system,
  status: filters.status,
  control: filters.control,
  classification: filters.classification,
  asOf: filters.asOf,
});

/** The compliance API over HTTP, through the app's discovery and authenticated fetch. */
export class ComplianceClient implements ComplianceApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('compliance');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    return (await (await this.request(path)).json()) as T;
  }

  private async send<T>(method: string, path: string, body?: unknown) {
    const response = await this.request(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as T;
  }

  getEntityCompliance(entity: CompoundEntityRef, options?: { asOf?: string }) {
    const path = ['entities', entity.namespace, entity.kind, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    return this.get<EntityComplianceResponse>(
      `/${path}${query({ asOf: options?.asOf })}`,
    );
  }

  getOverview(filters: ComplianceFilters = {}) {
    return this.get<ComplianceOverviewResponse>(
      `/overview${query(filterParams(filters))}`,
    );
  }

  getUnowned() {
    return this.get<UnownedResourcesResponse>('/unowned');
  }

  getEntityHistory(entityRef: string, range: { from?: Date; to?: Date } = {}) {
    return this.get<EntityComplianceHistoryResponse>(
      `/history${query({
        entityRef,
        from: range.from?.toISOString(),
        to: range.to?.toISOString(),
      })}`,
    );
  }

  getEstateHistory(
    filters: ComplianceFilters,
    range: { from?: Date; to?: Date; points?: number } = {},
  ) {
    return this.get<EstateComplianceHistoryResponse>(
      `/history${query({
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
    const response = await this.request(
      `/report${query({ format, ...filterParams(filters) })}`,
    );
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? `hipaa-evidence.${format}`;
    return {
      blob: await response.blob(),
      filename,
      digest: response.headers.get('x-evidence-digest'),
    };
  }

  async listExemptions(entityRef: string) {
    return (
      await this.get<{ items: ComplianceExemptionRecord[] }>(
        `/exemptions${query({ entityRef })}`,
      )
    ).items;
  }

  createExemption(input: ComplianceExemptionInput) {
    return this.send<ComplianceExemptionRecord>('POST', '/exemptions', input);
  }

  revokeExemption(id: string) {
    return this.send<ComplianceExemptionRecord>(
      'DELETE',
      `/exemptions/${encodeURIComponent(id)}`,
    );
  }

  async listAttestations(entityRef: string) {
    return (
      await this.get<{ items: ComplianceAttestationRecord[] }>(
        `/attestations${query({ entityRef })}`,
      )
    ).items;
  }

  createAttestation(input: ComplianceAttestationInput) {
    return this.send<ComplianceAttestationRecord>(
      'POST',
      '/attestations',
      input,
    );
  }

  revokeAttestation(id: string) {
    return this.send<ComplianceAttestationRecord>(
      'DELETE',
      `/attestations/${encodeURIComponent(id)}`,
    );
  }
}

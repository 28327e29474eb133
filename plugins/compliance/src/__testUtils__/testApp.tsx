import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { ComplianceApi, complianceApiRef } from '../api/ComplianceApi';
import {
  coverageResponse,
  exemptions,
  fhirEntity,
  fhirResponse,
  overviewResponse,
} from '../__fixtures__/responses';

/** A compliance API answering with the fixtures; override any method. */
export function api(overrides: Partial<ComplianceApi> = {}): ComplianceApi {
  return {
    getEntityCompliance: jest.fn(async () => fhirResponse),
    getOverview: jest.fn(async () => overviewResponse),
    getUnowned: jest.fn(async () => ({
      items: [
        {
          id: '/subscriptions/s/resourceGroups/rg-lab-test/providers/Microsoft.Compute/virtualMachines/vm-hl7-test',
          name: 'vm-hl7-test',
          type: 'microsoft.compute/virtualmachines',
          location: 'eastus2',
          subscriptionId: 's',
          resourceGroup: 'rg-lab-test',
          tags: { owner: 'tomasz.nowak' },
        },
      ],
      total: 1,
      evaluatedAt: '2026-11-23T12:00:00.000Z',
    })),
    getCoverage: jest.fn(async () => coverageResponse),
    getEntityHistory: jest.fn(async () => ({
      entityRef: 'component:default/fhir-gateway',
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      spans: [
        {
          from: '2026-11-20T00:00:00.000Z',
          to: '2026-11-22T08:00:00.000Z',
          status: 'compliant' as const,
          score: 100,
          counts: fhirResponse.counts,
        },
        {
          from: '2026-11-22T08:00:00.000Z',
          to: null,
          status: 'non-compliant' as const,
          score: 80,
          counts: fhirResponse.counts,
        },
      ],
      changes: [
        {
          at: '2026-11-22T08:00:00.000Z',
          controlId: '164.312(b)',
          title: 'Audit controls',
          from: 'pass' as const,
          to: 'fail' as const,
          summary: 'Server auditing is disabled',
        },
      ],
    })),
    getEstateHistory: jest.fn(async () => ({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
      points: [
        {
          t: '2026-11-20T00:00:00.000Z',
          counts: overviewResponse.totals,
          averageScore: 82,
        },
        {
          t: '2026-11-23T12:00:00.000Z',
          counts: overviewResponse.totals,
          averageScore: 82,
        },
      ],
    })),
    downloadReport: jest.fn(async (format: 'csv' | 'json') => ({
      blob: new Blob(['entityRef\r\n']),
      filename: `hipaa-evidence.${format}`,
      digest: null,
    })),
    listExemptions: jest.fn(async () => exemptions),
    createExemption: jest.fn(async input => ({
      ...exemptions[0],
      ...input,
      id: 'ex-2',
      state: 'active' as const,
      resourceId: input.resourceId ?? null,
      approver: 'user:default/grace.whitfield',
      alternativeMeasure: null,
      ticketUrl: input.ticketUrl ?? null,
      createdAt: '2026-11-23T12:00:00.000Z',
    })),
    revokeExemption: jest.fn(),
    listAttestations: jest.fn(async () => []),
    createAttestation: jest.fn(),
    revokeAttestation: jest.fn(),
    ...overrides,
  };
}

export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** Renders an entity view with the API, a permission answer and a signed-in officer. */
export function renderEntity(
  element: JSX.Element,
  complianceApi: ComplianceApi,
  options: {
    entity?: Entity;
    allowed?: boolean;
    /** More APIs, such as the catalog's. */
    apis?: Array<readonly [ApiRef<any>, any]>;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [complianceApiRef, complianceApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.allowed
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          }),
        ],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/grace.whitfield' }),
        ],
        ...(options.apis ?? []),
      ]}
    >
      <EntityProvider entity={options.entity ?? fhirEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

import type { Entity } from '@backstage/catalog-model';
import {
  evaluateCompliance,
  hipaaFramework,
  type ComplianceCoverageResponse,
  type ComplianceDataSources,
  type ComplianceExemptionRecord,
  type ComplianceOverviewResponse,
  type EntityComplianceResponse,
} from '@vitals/plugin-compliance-common';

type AzureResource = Parameters<
  typeof evaluateCompliance
>[0]['resources'][number];

export const NOW = '2026-11-23T12:00:00.000Z';

const RG =
  '/subscriptions/c4d8e2f1-7a6b-4c3d-9e8f-0a1b2c3d4e5f/resourceGroups/rg-fhir-gateway-eastus2/providers';

export const fhirServer: AzureResource = {
  id: `${RG}/Microsoft.Sql/servers/sql-fhir-gateway-eastus2`,
  name: 'sql-fhir-gateway-eastus2',
  type: 'microsoft.sql/servers',
  location: 'eastus2',
  subscriptionId: 'c4d8e2f1-7a6b-4c3d-9e8f-0a1b2c3d4e5f',
  resourceGroup: 'rg-fhir-gateway-eastus2',
  tags: { 'vitals-entity': 'component:default/fhir-gateway' },
  properties: {
    minimalTlsVersion: '1.2',
    publicNetworkAccess: 'Enabled',
    administrators: { azureADOnlyAuthentication: true },
  },
};

const auditing: AzureResource = {
  ...fhirServer,
  id: `${fhirServer.id}/auditingSettings/default`,
  name: 'default',
  type: 'microsoft.sql/servers/auditingsettings',
  tags: {},
  properties: { state: 'Disabled' },
};

export const fhirEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fhir-gateway',
    namespace: 'default',
    annotations: {
      'vitals.dev/data-classification': 'phi',
      'vitals.dev/dr-tier': 'critical',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/clinical-data',
    system: 'system:default/clinical-records',
  },
};

const dataSources: ComplianceDataSources = {
  azure: {
    source: 'snapshot',
    origin: 'examples/azure/estate.json',
    fetchedAt: '2026-11-23T11:00:00.000Z',
    refreshedAt: '2026-11-23T11:58:00.000Z',
    ageSeconds: 120,
    stale: false,
    error: null,
  },
  drReadiness: {
    available: true,
    evaluatedAt: '2026-11-23T11:57:00.000Z',
    error: null,
  },
};

/** The fhir-gateway verdict, computed by the real rules over two resources. */
export const fhirResponse: EntityComplianceResponse = {
  ...evaluateCompliance({
    framework: hipaaFramework,
    entity: fhirEntity,
    resources: [fhirServer, auditing],
    knownGroups: ['group:default/clinical-data'],
    drSummary: {
      secondaryRegion: 'centralus',
      secondaryStatus: 'ready',
      lastDrill: { performedAt: '2026-10-14T09:00:00Z', outcome: 'success' },
    },
    now: NOW,
    ruleVersion: 'hipaa@1.0.0+test',
  }),
  coverageRecorded: true,
  stale: false,
  asOf: null,
  dataSources,
  emptyState: null,
};

export const fhirSynapse: AzureResource = {
  ...fhirServer,
  id: `${RG}/Microsoft.Synapse/workspaces/syn-fhir-analytics`,
  name: 'syn-fhir-analytics',
  type: 'microsoft.synapse/workspaces',
  properties: {},
};

const fhirPublicIp: AzureResource = {
  ...fhirServer,
  id: `${RG}/Microsoft.Network/publicIPAddresses/pip-fhir-gateway`,
  name: 'pip-fhir-gateway',
  type: 'microsoft.network/publicipaddresses',
  properties: {},
};

/** The fhir-gateway verdict with a Synapse workspace no rule judges and an inert public IP. */
export const fhirWithGapsResponse: EntityComplianceResponse = {
  ...fhirResponse,
  ...evaluateCompliance({
    framework: hipaaFramework,
    entity: fhirEntity,
    resources: [fhirPublicIp, fhirServer, auditing, fhirSynapse],
    knownGroups: ['group:default/clinical-data'],
    now: NOW,
    ruleVersion: 'hipaa@1.0.0+test',
  }),
};

export const coverageResponse: ComplianceCoverageResponse = {
  types: [
    {
      type: 'microsoft.synapse/workspaces',
      resources: 2,
      judged: false,
      checks: [],
      judgement: 'not-judged',
    },
    {
      type: 'microsoft.network/publicipaddresses',
      resources: 3,
      judged: false,
      checks: [],
      judgement: 'inert',
      inertReason: 'an address; the services behind it are judged',
    },
    {
      type: 'microsoft.sql/servers',
      resources: 4,
      judged: true,
      checks: ['sql.auditing', 'sql.minimum-tls'],
      judgement: 'checked',
    },
  ],
};

export const unclassifiedResponse: EntityComplianceResponse = {
  ...evaluateCompliance({
    framework: hipaaFramework,
    entity: {
      ...fhirEntity,
      metadata: { name: 'legacy-fax', namespace: 'default', annotations: {} },
    },
    resources: [],
    now: NOW,
    ruleVersion: 'hipaa@1.0.0+test',
  }),
  coverageRecorded: true,
  stale: true,
  asOf: null,
  dataSources: {
    ...dataSources,
    azure: {
      ...dataSources.azure,
      stale: true,
      ageSeconds: 7200,
      error: 'Azure Resource Graph answered 429',
    },
  },
  emptyState: {
    classificationMissing: true,
    classificationInvalid: null,
    annotation: 'vitals.dev/data-classification',
    noAzureResources: true,
    tag: 'vitals-entity',
    selectorAnnotation: 'vitals.dev/azure-selector',
    selectorErrors: [],
  },
};

export const exemptions: ComplianceExemptionRecord[] = [
  {
    id: 'ex-1',
    entityRef: 'component:default/fhir-gateway',
    controlId: '164.312(a)(1)',
    resourceId: fhirServer.id,
    category: 'risk-accepted',
    reason: 'Partner VPN cut-over in progress',
    alternativeMeasure: null,
    ticketUrl: 'https://tickets.example/SEC-9',
    requester: 'user:default/priya.raman',
    approver: 'user:default/grace.whitfield',
    createdAt: '2025-09-01T00:00:00.000Z',
    expiresAt: '2026-08-31T00:00:00.000Z',
    state: 'expired',
    revokedAt: null,
    revokedBy: null,
  },
];

const counts = (fail: number) => ({
  pass: 15 - fail,
  fail,
  exempt: 0,
  'not-applicable': 0,
  unknown: 0,
});

export const overviewResponse: ComplianceOverviewResponse = {
  items: [
    {
      entityRef: 'component:default/fhir-gateway',
      owner: 'group:default/clinical-data',
      system: 'system:default/clinical-records',
      classification: 'phi',
      enforced: true,
      status: 'non-compliant',
      statusReason: '3 control(s) fail.',
      score: 80,
      counts: counts(3),
      failingControls: ['164.308(a)(1)(ii)(D)', '164.312(a)(1)', '164.312(b)'],
      unknownControls: [],
      exemptControls: [],
      evaluatedAt: NOW,
    },
    {
      entityRef: 'component:default/records-service',
      owner: 'group:default/clinical-data',
      system: 'system:default/clinical-records',
      classification: 'phi',
      enforced: true,
      status: 'compliant',
      statusReason: 'Every applicable control passes.',
      score: 100,
      counts: counts(0),
      failingControls: [],
      unknownControls: [],
      exemptControls: [],
      evaluatedAt: NOW,
    },
    {
      entityRef: 'component:default/clinic-finder',
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      classification: 'public',
      enforced: false,
      status: 'not-applicable',
      statusReason: 'Not enforced.',
      score: 66,
      counts: counts(2),
      failingControls: ['164.312(a)(1)'],
      unknownControls: ['164.308(a)(7)(ii)(D)'],
      exemptControls: [],
      evaluatedAt: NOW,
    },
  ],
  totals: {
    compliant: 1,
    'non-compliant': 1,
    exempt: 0,
    'not-applicable': 1,
    unknown: 0,
  },
  matrix: {
    controls: hipaaFramework.controls.map(c => ({
      id: c.id,
      title: c.title,
      citation: c.citation,
      safeguard: c.safeguard,
    })),
    rows: [
      {
        owner: 'group:default/clinical-data',
        services: 2,
        cells: Object.fromEntries(
          hipaaFramework.controls.map(c => [
            c.id,
            {
              pass: c.id === '164.312(b)' ? 1 : 2,
              fail: c.id === '164.312(b)' ? 1 : 0,
              exempt: 0,
              'not-applicable': 0,
              unknown: 0,
            },
          ]),
        ),
      },
    ],
  },
  evaluatedAt: NOW,
  stale: false,
  asOf: null,
  dataSources,
  unownedResources: 1,
};

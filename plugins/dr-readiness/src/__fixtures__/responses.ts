import type {
  DrillRecord,
  ReadinessCheckResult,
} from '@vitals/plugin-dr-readiness-common';
import type {
  DrCoverageResponse,
  DrOverviewItem,
  DrOverviewResponse,
  EntityPolicyErrorBody,
  EntityReadinessBody,
  InventoryStatus,
  RegionImpactResponse,
} from '../api/types';

const SUB = '/subscriptions/9b2e7d41-5c3a-4f86-b1e9-7a6d5c4b3a21';
const SERVER = `${SUB}/resourceGroups/rg-fhir-gateway-eastus2/providers/Microsoft.Sql/servers/sql-fhir-gateway-eastus2`;
const GROUP = `${SERVER}/failoverGroups/fg-fhir-gateway`;
const TERMINOLOGY = `${SERVER}/databases/fhir-terminology`;
const SYNAPSE = `${SUB}/resourceGroups/rg-fhir-gateway-eastus2/providers/Microsoft.Synapse/workspaces/syn-fhir-analytics`;
const LOGS = `${SUB}/resourceGroups/rg-fhir-gateway-eastus2/providers/Microsoft.OperationalInsights/workspaces/log-fhir-gateway`;
const PARTNER = `${SUB}/resourceGroups/rg-fhir-gateway-centralus/providers/Microsoft.Sql/servers/sql-fhir-gateway-centralus`;

export const inventory: InventoryStatus = {
  source: 'snapshot',
  origin: '/work/examples/azure/estate.json',
  fetchedAt: '2026-11-23T11:00:00.000Z',
  refreshedAt: '2026-11-23T11:55:00.000Z',
  ageSeconds: 300,
  resourceCount: 268,
  stale: false,
};

const failoverGroupCheck: ReadinessCheckResult = {
  id: 'sql-failover-group',
  title: 'SQL databases fail over to Central US',
  category: 'data-protection',
  status: 'fail',
  blocking: true,
  impact: 'degrades',
  weight: 3,
  summary:
    'Database fhir-terminology is in no failover group: it has no copy in Central US and comes back only by a geo-restore from its backups, which takes hours.',
  resources: [TERMINOLOGY, GROUP],
  evidence: {
    [TERMINOLOGY]: {
      'properties.secondaryType': null,
      'properties.zoneRedundant': true,
      failoverGroup: null,
    },
    [GROUP]: {
      'properties.replicationRole': 'Primary',
      'properties.partnerServers': [
        { id: PARTNER, location: 'Central US', replicationRole: 'Secondary' },
      ],
      'properties.databases': [`${SERVER}/databases/fhir-resources`],
    },
  },
  remediation: 'Add fhir-terminology to failover group fg-fhir-gateway.',
  mirrors: { aprl: ['943c168a', 'de266d8a'] },
};

const policyCheck: ReadinessCheckResult = {
  id: 'sql-failover-policy',
  title: 'SQL failover fits the RTO',
  category: 'recovery',
  status: 'fail',
  blocking: true,
  impact: 'degrades',
  weight: 3,
  summary:
    'Automatic failover of fg-fhir-gateway first waits out its grace period: the databases are writable again after about PT1H5M, beyond the RTO of PT15M.',
  resources: [GROUP],
  evidence: {
    [GROUP]: {
      'properties.readWriteEndpoint.failoverPolicy': 'Automatic',
      'properties.readWriteEndpoint.failoverWithDataLossGracePeriodMinutes': 60,
      rto: 'PT15M',
      estimatedRecovery: 'PT1H5M',
    },
  },
  remediation:
    'Automatic failover cannot meet an RTO of PT15M: switch fg-fhir-gateway to customer-managed failover and prove it in a drill.',
};

const secondaryCheck: ReadinessCheckResult = {
  id: 'secondary-region',
  title: 'A secondary region takes over',
  category: 'recovery',
  status: 'pass',
  blocking: false,
  weight: 3,
  summary: "Central US is East US 2's Azure pair.",
  resources: [],
  evidence: {
    policy: {
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      pairedRegion: 'centralus',
    },
  },
  remediation: '',
};

const zoneCheck: ReadinessCheckResult = {
  id: 'zone-redundancy',
  title: 'Zone-redundant in East US 2',
  category: 'assurance',
  status: 'unknown',
  blocking: false,
  weight: 1,
  summary:
    'Whether asp-fhir-gateway-eastus2 is zone-redundant was not reported.',
  resources: [],
  evidence: {},
  remediation: 'Read asp-fhir-gateway-eastus2 with its full properties.',
};

export const drills: DrillRecord[] = [
  {
    id: 'd-2',
    entityRef: 'component:default/fhir-gateway',
    region: 'eastus2',
    performedAt: '2026-10-14T14:00:00.000Z',
    outcome: 'partial',
    rtoAchieved: 'PT3H10M',
    rpoAchieved: 'PT1H',
    notes: 'fhir-terminology came back only by a geo-restore.',
    recordedBy: 'user:default/priya.raman',
    recordedAt: '2026-10-14T18:00:00.000Z',
  },
];

export const fhirReadiness: EntityReadinessBody = {
  entityRef: 'component:default/fhir-gateway',
  policy: { tier: 'critical', rto: 'PT15M', rpo: 'PT5M' },
  primaryRegion: 'eastus2',
  secondaryRegion: 'centralus',
  pairing: 'paired',
  score: 76,
  status: 'not-ready',
  required: true,
  reasons: [
    `If East US 2 goes down: ${failoverGroupCheck.summary}`,
    `If East US 2 goes down: ${policyCheck.summary}`,
  ],
  regions: [
    {
      region: 'eastus2',
      displayName: 'East US 2',
      role: 'primary',
      status: 'not-ready',
      summary: `${failoverGroupCheck.summary} ${policyCheck.summary}`,
      checks: [secondaryCheck, failoverGroupCheck, policyCheck, zoneCheck],
      estimatedRecovery: {
        duration: 'PT1H5M',
        components: [
          {
            component: 'sql-failover-group',
            resourceId: GROUP,
            duration: 'PT1H5M',
            basis: 'outage detection + failoverWithDataLossGracePeriodMinutes',
          },
        ],
      },
    },
    {
      region: 'centralus',
      displayName: 'Central US',
      role: 'secondary',
      status: 'ready',
      summary: 'All 1 checks pass.',
      checks: [
        {
          ...secondaryCheck,
          id: 'write-region-placement',
          title: 'Writes happen in East US 2',
          category: 'assurance',
          summary: 'Databases take writes in East US 2, as declared.',
        },
      ],
      estimatedRecovery: { duration: 'PT1M', components: [] },
    },
  ],
  lastDrill: drills[0],
  observedRpo: {
    duration: 'PT3M',
    seconds: 180,
    resourceId: TERMINOLOGY,
    source: 'sql-dm-geo-replication-link-status',
    withinObjective: true,
  },
  coverage: {
    evaluated: 14,
    notEvaluated: [
      {
        resourceId: SYNAPSE,
        type: 'microsoft.synapse/workspaces',
        reason:
          'No DR check judges microsoft.synapse/workspaces; it may hold or process data, so it needs a review.',
        blocking: true,
      },
      {
        resourceId: LOGS,
        type: 'microsoft.operationalinsights/workspaces',
        reason:
          'No DR check judges microsoft.operationalinsights/workspaces; it may hold or process data, so it needs a review.',
        blocking: false,
        excluded: 'Diagnostics only; the service runs without them',
      },
      {
        resourceId: `${SUB}/resourceGroups/rg-fhir-gateway-eastus2/providers/Microsoft.Network/publicIPAddresses/pip-fhir-gateway`,
        type: 'microsoft.network/publicipaddresses',
        reason: 'Inert: an address; the services behind it are judged.',
        blocking: false,
      },
    ],
  },
  evaluatedAt: '2026-11-23T12:00:00.000Z',
  stale: false,
  inventory,
};

/** `GET /coverage` over a small estate: one blind spot, one inert type, the rest judged. */
export const estateCoverage: DrCoverageResponse = {
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
      type: 'microsoft.insights/diagnosticsettings',
      resources: 40,
      judged: true,
      checks: [],
      judgement: 'parent',
    },
    {
      type: 'microsoft.storage/storageaccounts',
      resources: 11,
      judged: true,
      checks: ['storage-geo-replication', 'zone-redundancy'],
      judgement: 'checked',
    },
  ],
  inventory,
};

export const policyErrorBody: EntityPolicyErrorBody = {
  entityRef: 'component:default/fhir-gateway',
  policyErrors: [
    {
      annotation: 'vitals.dev/dr-tier',
      value: 'gold',
      reason: 'unknown-tier',
      message:
        'vitals.dev/dr-tier must be one of critical, high, standard, none, got "gold"',
    },
  ],
  evaluatedAt: '2026-11-23T12:00:00.000Z',
  stale: false,
  inventory,
};

const item = (
  name: string,
  overrides: Partial<DrOverviewItem>,
): DrOverviewItem => ({
  entityRef: `component:default/${name}`,
  owner: 'group:default/clinical-data',
  system: 'system:default/clinical-records',
  tier: 'critical',
  status: 'ready',
  score: 100,
  required: true,
  primaryRegion: 'eastus2',
  secondaryRegion: 'centralus',
  pairing: 'paired',
  cells: {
    eastus2: { role: 'primary', status: 'ready' },
    centralus: { role: 'secondary', status: 'ready' },
  },
  lastDrill: { performedAt: '2026-11-09T12:00:00.000Z', outcome: 'success' },
  policyError: null,
  ...overrides,
});

export const overview: DrOverviewResponse = {
  regions: ['centralus', 'eastus', 'eastus2', 'westus3'],
  items: [
    item('records-service', {}),
    item('fhir-gateway', {
      status: 'not-ready',
      score: 76,
      cells: {
        eastus2: { role: 'primary', status: 'not-ready' },
        centralus: { role: 'secondary', status: 'ready' },
      },
    }),
    item('patient-messaging', {
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      tier: 'standard',
      status: 'at-risk',
      score: 95,
      primaryRegion: 'westus3',
      secondaryRegion: 'eastus',
      pairing: 'one-way',
      cells: {
        westus3: { role: 'primary', status: 'at-risk' },
        eastus: { role: 'secondary', status: 'ready' },
      },
    }),
    item('clinic-finder', {
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      tier: 'none',
      status: 'not-ready',
      required: false,
      score: 53,
      cells: {
        eastus2: { role: 'primary', status: 'not-ready' },
        centralus: { role: 'secondary', status: 'at-risk' },
      },
      lastDrill: null,
    }),
  ],
  evaluatedAt: '2026-11-23T12:00:00.000Z',
  inventory,
};

export const eastus2Impact: RegionImpactResponse = {
  region: 'eastus2',
  displayName: 'East US 2',
  geography: 'United States',
  pairedRegion: 'centralus',
  services: [
    {
      entityRef: 'component:default/clinic-finder',
      tier: 'none',
      role: 'primary',
      outcome: 'goes-down',
      reason: 'No App Service site of the service runs in Central US.',
      estimatedRecovery: null,
      rto: null,
      resources: [],
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
    },
    {
      entityRef: 'component:default/fhir-gateway',
      tier: 'critical',
      role: 'primary',
      outcome: 'degrades',
      reason:
        'Comes back in Central US, but not within its objectives: the databases are writable again after about PT1H5M.',
      estimatedRecovery: 'PT1H5M',
      rto: 'PT15M',
      resources: [],
      owner: 'group:default/clinical-data',
      system: 'system:default/clinical-records',
    },
    {
      entityRef: 'component:default/records-service',
      tier: 'critical',
      role: 'primary',
      outcome: 'fails-over',
      reason: 'Fails over to Central US in about PT11M (RTO PT15M).',
      estimatedRecovery: 'PT11M',
      rto: 'PT15M',
      resources: [],
      owner: 'group:default/clinical-data',
      system: 'system:default/clinical-records',
    },
  ],
  totals: { 'goes-down': 1, degrades: 1, 'fails-over': 1, unknown: 0 },
  evaluatedAt: '2026-11-23T12:00:00.000Z',
  inventory,
};

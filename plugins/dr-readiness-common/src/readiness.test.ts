import { AzureResource } from '@vitals/azure-inventory-common';
import {
  FIXTURE_NOW,
  arm,
  resourceGroupId,
  withoutProperties,
} from './__fixtures__/arm';
import {
  PATIENT_RECORDS_REF,
  patientRecordsDrills,
  patientRecordsPolicy,
  patientRecordsResources,
} from './__fixtures__/patientRecords';
import {
  BILLING_REF,
  CLAIMS_API_REF,
  LAB_RESULTS_REF,
  SCHEDULING_REF,
  billingPolicy,
  billingResources,
  claimsApiDrills,
  claimsApiPolicy,
  claimsApiResources,
  labResultsPolicy,
  labResultsResources,
  schedulingPolicy,
  schedulingResources,
} from './__fixtures__/services';
import type { ReadinessPolicy } from './policy';
import {
  DR_JUDGED_TYPES,
  ServiceEvaluation,
  drCoverage,
  estimateRecovery,
  evaluateReadiness,
  readinessScore,
  regionImpact,
  regionStatus,
  toOverviewRow,
  worstReadinessStatus,
} from './readiness';
import { UnknownRegionError } from './regions';
import type {
  CoverageExclusion,
  DrillRecord,
  EntityReadiness,
  ReadinessCheckResult,
} from './types';

/**
 * Logical SQL servers hold no data of their own (their databases are
 * judged); while no check names them, the fixtures accept them the way an
 * operator would, so the tests below stay about the checks.
 */
const SQL_SERVERS: CoverageExclusion = {
  resource: 'microsoft.sql/servers',
  reason: 'a logical server; its databases are judged',
};

function evaluate(
  entityRef: string,
  policy: ReadinessPolicy,
  resources: readonly AzureResource[],
  drills: DrillRecord[] = [],
  coverageExclusions: readonly CoverageExclusion[] = [SQL_SERVERS],
) {
  return evaluateReadiness({
    entityRef,
    policy,
    resources,
    drills,
    now: FIXTURE_NOW,
    coverageExclusions,
  });
}

function statuses(evaluation: EntityReadiness, region: string) {
  const readiness = evaluation.regions.find(r => r.region === region);
  return Object.fromEntries(readiness?.checks.map(c => [c.id, c.status]) ?? []);
}

function check(
  status: ReadinessCheckResult['status'],
  overrides: Partial<ReadinessCheckResult> = {},
): ReadinessCheckResult {
  return {
    id: 'c',
    title: 'c',
    category: 'data-protection',
    status,
    blocking: status === 'fail',
    weight: 1,
    summary: `${status} summary`,
    resources: [],
    evidence: {},
    remediation: '',
    ...overrides,
  };
}

describe('regionStatus', () => {
  it.each([
    ['no checks', [], 'unknown'],
    ['all pass', [check('pass'), check('pass')], 'ready'],
    ['a warning', [check('pass'), check('warn')], 'at-risk'],
    ['a blocking failure', [check('pass'), check('fail')], 'not-ready'],
    [
      'a non-blocking failure',
      [check('fail', { blocking: false, category: 'assurance' })],
      'at-risk',
    ],
    ['unknown data protection', [check('pass'), check('unknown')], 'unknown'],
    [
      'unknown recovery',
      [check('unknown', { category: 'recovery' })],
      'unknown',
    ],
    [
      'unknown assurance',
      [check('unknown', { category: 'assurance' })],
      'at-risk',
    ],
    ['unknown beside a warning', [check('warn'), check('unknown')], 'unknown'],
    [
      'a blocking failure beside unknown',
      [check('unknown'), check('fail')],
      'not-ready',
    ],
  ] as const)('%s → %s', (_, checks, expected) => {
    expect(regionStatus(checks)).toBe(expected);
  });
});

describe('worstReadinessStatus', () => {
  it.each([
    [[], 'unknown'],
    [['ready'], 'ready'],
    [['ready', 'at-risk'], 'at-risk'],
    [['at-risk', 'unknown'], 'unknown'],
    [['unknown', 'not-ready', 'ready'], 'not-ready'],
  ] as const)('%j → %s', (values, expected) => {
    expect(worstReadinessStatus(values)).toBe(expected);
  });
});

describe('readinessScore', () => {
  it.each([
    ['nothing to score', [], 0],
    [
      'all pass',
      [check('pass', { weight: 3 }), check('pass', { weight: 1 })],
      100,
    ],
    [
      'a warning earns half',
      [check('pass', { weight: 3 }), check('warn', { weight: 1 })],
      88,
    ],
    [
      'unknown earns nothing',
      [check('pass', { weight: 1 }), check('unknown', { weight: 1 })],
      50,
    ],
    [
      'weights count',
      [check('fail', { weight: 3 }), check('pass', { weight: 1 })],
      25,
    ],
  ] as const)('%s → %d', (_, checks, expected) => {
    expect(readinessScore(checks)).toBe(expected);
  });
});

describe('estimateRecovery', () => {
  it.each([
    ['nothing to recover', [], null],
    [
      'the slowest component',
      [
        { component: 'front-door', duration: 'PT1M', basis: '' },
        { component: 'cosmos-db', duration: 'PT15M', basis: '' },
      ],
      'PT15M',
    ],
    [
      'an unknown component',
      [
        { component: 'front-door', duration: 'PT1M', basis: '' },
        { component: 'sql-failover-group', duration: null, basis: '' },
      ],
      null,
    ],
    [
      'a drill stands in for the unknown',
      [
        { component: 'front-door', duration: 'PT1M', basis: '' },
        { component: 'sql-failover-group', duration: null, basis: '' },
        { component: 'drill', duration: 'PT40M', basis: '' },
      ],
      'PT40M',
    ],
    [
      'instant components',
      [{ component: 'cosmos-db', duration: 'PT0S', basis: '' }],
      'PT0S',
    ],
  ])('%s → %s', (_, components, expected) => {
    expect(estimateRecovery(components).duration).toBe(expected);
  });
});

describe('evaluateReadiness', () => {
  it('finds the critical PHI service in East US 2 → Central US ready', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      patientRecordsResources,
      patientRecordsDrills,
    );
    expect(evaluation).toMatchObject({
      entityRef: PATIENT_RECORDS_REF,
      policy: { tier: 'critical', rto: 'PT15M', rpo: 'PT5M' },
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      pairing: 'paired',
      score: 100,
      status: 'ready',
      required: true,
      evaluatedAt: '2025-06-02T12:00:00.000Z',
      observedRpo: { duration: 'PT1M30S', seconds: 90, withinObjective: true },
    });
    expect(evaluation.lastDrill?.id).toBe('drill-pr-2025-04');
    expect(evaluation.reasons).toEqual([
      'Every check passes for the loss of East US 2 and of Central US; losing East US 2 is recovered in about PT15M.',
    ]);
    expect(
      evaluation.regions.map(r => [
        r.region,
        r.displayName,
        r.role,
        r.status,
        r.estimatedRecovery.duration,
      ]),
    ).toEqual([
      ['eastus2', 'East US 2', 'primary', 'ready', 'PT15M'],
      ['centralus', 'Central US', 'secondary', 'ready', 'PT1M'],
    ]);
    expect(evaluation.regions[0].summary).toBe('All 14 checks pass.');
    expect(statuses(evaluation, 'centralus')).toEqual({
      'cosmos-multi-region': 'pass',
      'compute-in-surviving-region': 'pass',
      'global-routing': 'pass',
      'write-region-placement': 'pass',
    });
  });

  it('finds GRS to the pair not enough for a custom secondary', () => {
    const evaluation = evaluate(
      CLAIMS_API_REF,
      claimsApiPolicy,
      claimsApiResources,
      claimsApiDrills,
    );
    expect(evaluation).toMatchObject({
      pairing: 'custom',
      status: 'not-ready',
      // (25 − 2 − 4.5 primary, 6 secondary) of 31 weighted points.
      score: 79,
      secondaryRegion: 'westus2',
    });
    expect(statuses(evaluation, 'eastus2')).toEqual({
      'secondary-region': 'pass',
      'storage-geo-replication': 'fail',
      'geo-redundant-backups': 'pass',
      'key-vault-recovery': 'pass',
      'key-vault-in-surviving-region': 'fail',
      'observed-rpo': 'pass',
      'compute-in-surviving-region': 'pass',
      'global-routing': 'pass',
      'zone-redundancy': 'warn',
      'data-residency': 'pass',
      'dr-drill': 'warn',
    });
    expect(evaluation.regions.map(r => r.status)).toEqual([
      'not-ready',
      'ready',
    ]);
    expect(evaluation.reasons).toEqual([
      'If East US 2 goes down: stclaimseus2 replicates to centralus, not to the declared secondary West US 2.',
      'If East US 2 goes down: Key vault kv-claims-eus2 is replicated by Azure only to Central US, and no key vault of the service is in West US 2: the service there cannot read its secrets and keys.',
      'If East US 2 goes down: stclaimseus2 (storage account) is not zone-redundant: one zone failure in East US 2 takes it down.',
      'If East US 2 goes down: The last drill was 121 days ago (more than 90).',
    ]);
    expect(evaluation.regions[0].estimatedRecovery.duration).toBe('PT40M');
  });

  it('finds a failover group missing a database and failing over by hand not ready', () => {
    const evaluation = evaluate(BILLING_REF, billingPolicy, billingResources);
    expect(evaluation).toMatchObject({
      pairing: 'paired',
      status: 'not-ready',
      score: 63,
      lastDrill: null,
      observedRpo: null,
    });
    expect(statuses(evaluation, 'eastus')).toEqual({
      'secondary-region': 'pass',
      'sql-failover-group': 'fail',
      'sql-failover-policy': 'fail',
      'geo-redundant-backups': 'fail',
      'compute-in-surviving-region': 'pass',
      'global-routing': 'pass',
      'zone-redundancy': 'warn',
      'data-residency': 'pass',
      'dr-drill': 'fail',
    });
    expect(evaluation.regions[0].summary).toBe(
      'Database invoicesdb is in no failover group: it has no copy in West US. fog-billing fails over only when someone runs the failover (policy Manual), and no successful drill in the last 365 days shows that fits the RTO of PT1H. Backups of invoicesdb are Local-redundant: they are lost with East US.',
    );
    // Blocking failures first, then the non-blocking drill failure, then warnings.
    expect(evaluation.reasons.map(r => r.slice(0, 60))).toEqual([
      'If East US goes down: Database invoicesdb is in no failover ',
      'If East US goes down: fog-billing fails over only when someo',
      'If East US goes down: Backups of invoicesdb are Local-redund',
      'If East US goes down: No DR drill has rehearsed the loss of ',
      'If East US goes down: billingdb (SQL database) is not zone-r',
    ]);
    expect(evaluation.regions[0].estimatedRecovery.duration).toBeNull();
  });

  it('finds the one-way West US 3 pair at risk', () => {
    const evaluation = evaluate(
      SCHEDULING_REF,
      schedulingPolicy,
      schedulingResources,
    );
    expect(evaluation).toMatchObject({
      pairing: 'one-way',
      status: 'at-risk',
      score: 72,
      observedRpo: { duration: 'PT40M', withinObjective: true },
    });
    expect(statuses(evaluation, 'westus3')).toEqual({
      'secondary-region': 'warn',
      'storage-geo-replication': 'pass',
      'observed-rpo': 'pass',
      'compute-in-surviving-region': 'warn',
      'global-routing': 'warn',
      'zone-redundancy': 'pass',
      'data-residency': 'pass',
      'dr-drill': 'warn',
    });
    expect(evaluation.regions.map(r => [r.region, r.status])).toEqual([
      ['westus3', 'at-risk'],
      ['eastus', 'at-risk'],
    ]);
  });

  it('finds the unpaired Qatar Central service without a secondary not ready', () => {
    const evaluation = evaluate(
      LAB_RESULTS_REF,
      labResultsPolicy,
      labResultsResources,
    );
    expect(evaluation).toMatchObject({
      primaryRegion: 'qatarcentral',
      secondaryRegion: null,
      pairing: 'unpaired',
      status: 'not-ready',
      score: 38,
    });
    expect(evaluation.regions).toHaveLength(1);
    expect(statuses(evaluation, 'qatarcentral')).toEqual({
      'secondary-region': 'fail',
      'key-vault-recovery': 'pass',
      'zone-redundancy': 'pass',
      'dr-drill': 'fail',
    });
    expect(evaluation.reasons[0]).toBe(
      'If Qatar Central goes down: Qatar Central has no Azure pair and no secondary region is declared: nothing takes over if it goes down.',
    );
  });

  it('reports unknown, never ready, when resources were read without properties', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      withoutProperties(patientRecordsResources),
      patientRecordsDrills,
    );
    expect(evaluation.status).toBe('unknown');
    expect(evaluation.regions.map(r => r.status)).toEqual([
      'unknown',
      'unknown',
    ]);
    expect(evaluation.regions[0].summary).toMatch(/^Evidence is missing: /);
    expect(evaluation.reasons[0]).toBe(
      'If East US 2 goes down: stpatientrecordseus2 is Standard_RAGZRS but its secondaryLocation was not reported.',
    );
    expect(evaluation.observedRpo).toBeNull();
  });

  it('reports unknown when no resources were found', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      [],
      patientRecordsDrills,
    );
    expect(evaluation).toMatchObject({
      status: 'unknown',
      score: 0,
      observedRpo: null,
    });
    expect(evaluation.lastDrill?.id).toBe('drill-pr-2025-04');
    expect(
      evaluation.regions.map(r => [
        r.region,
        r.status,
        r.checks.length,
        r.summary,
      ]),
    ).toEqual([
      [
        'eastus2',
        'unknown',
        0,
        'No Azure resources were found for the entity.',
      ],
      [
        'centralus',
        'unknown',
        0,
        'No Azure resources were found for the entity.',
      ],
    ]);
    expect(evaluation.reasons).toEqual([
      'No Azure resources were found for the entity: check its vitals.dev/azure-selector annotation or the vitals-entity tag on its resources.',
    ]);
  });

  it('reports tier none without requiring anything', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      { ...patientRecordsPolicy, tier: 'none', rto: null, rpo: null },
      patientRecordsResources,
      patientRecordsDrills,
    );
    expect(evaluation).toMatchObject({
      required: false,
      policy: { tier: 'none', rto: null, rpo: null },
    });
    expect(evaluation.reasons[0]).toBe(
      'Tier none: nothing is required; the results are informational.',
    );
    // Without an RTO, a customer-managed failover cannot be proven to fit it.
    expect(statuses(evaluation, 'eastus2')['sql-failover-policy']).toBe('warn');
    expect(evaluation.status).toBe('at-risk');
  });

  it('uses the drill of each region for its checks', () => {
    const drills: DrillRecord[] = [
      ...patientRecordsDrills,
      {
        ...patientRecordsDrills[1],
        id: 'drill-cus',
        region: 'centralus',
        performedAt: '2025-05-20T10:00:00Z',
        outcome: 'failed',
      },
    ];
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      patientRecordsResources,
      drills,
    );
    expect(evaluation.lastDrill?.id).toBe('drill-cus');
    expect(statuses(evaluation, 'eastus2')['dr-drill']).toBe('pass');
    expect(evaluation.status).toBe('ready');
  });

  it('accepts display names and odd casing in the policy', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      {
        ...patientRecordsPolicy,
        primaryRegion: 'East US 2',
        secondaryRegion: 'CENTRALUS',
      },
      patientRecordsResources,
      patientRecordsDrills,
    );
    expect([
      evaluation.primaryRegion,
      evaluation.secondaryRegion,
      evaluation.status,
    ]).toEqual(['eastus2', 'centralus', 'ready']);
  });

  it('throws for a policy naming an unknown region', () => {
    expect(() =>
      evaluate(
        PATIENT_RECORDS_REF,
        { ...patientRecordsPolicy, primaryRegion: 'eastus4' },
        [],
      ),
    ).toThrow(UnknownRegionError);
  });
});

describe('toOverviewRow', () => {
  it('puts each region status in a cell', () => {
    const evaluation = evaluate(
      CLAIMS_API_REF,
      claimsApiPolicy,
      claimsApiResources,
      claimsApiDrills,
    );
    expect(
      toOverviewRow(
        evaluation,
        'group:default/claims-team',
        'system:default/claims',
      ),
    ).toEqual({
      entityRef: CLAIMS_API_REF,
      owner: 'group:default/claims-team',
      system: 'system:default/claims',
      tier: 'high',
      status: 'not-ready',
      cells: { eastus2: 'not-ready', westus2: 'ready' },
    });
  });
});

describe('regionImpact', () => {
  const services: ServiceEvaluation[] = [
    [
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      patientRecordsResources,
      patientRecordsDrills,
    ],
    [CLAIMS_API_REF, claimsApiPolicy, claimsApiResources, claimsApiDrills],
    [BILLING_REF, billingPolicy, billingResources, []],
    [SCHEDULING_REF, schedulingPolicy, schedulingResources, []],
    [LAB_RESULTS_REF, labResultsPolicy, labResultsResources, []],
  ].map(([ref, policy, resources, drills]) => ({
    evaluation: evaluate(
      ref as string,
      policy as ReadinessPolicy,
      resources as AzureResource[],
      drills as DrillRecord[],
    ),
    resources: resources as AzureResource[],
  }));

  function summary(region: string) {
    return regionImpact({ region, services }).services.map(s => [
      s.entityRef.split('/')[1],
      s.role,
      s.outcome,
      s.estimatedRecovery,
    ]);
  }

  it.each([
    [
      'eastus2',
      [
        ['claims-api', 'primary', 'goes-down', null],
        ['patient-records', 'primary', 'fails-over', 'PT15M'],
      ],
    ],
    [
      'East US 2',
      [
        ['claims-api', 'primary', 'goes-down', null],
        ['patient-records', 'primary', 'fails-over', 'PT15M'],
      ],
    ],
    ['centralus', [['patient-records', 'secondary', 'degrades', 'PT0S']]],
    [
      'eastus',
      [
        ['billing', 'primary', 'goes-down', null],
        ['scheduling', 'secondary', 'degrades', 'PT0S'],
      ],
    ],
    ['westus', [['billing', 'secondary', 'degrades', 'PT0S']]],
    ['westus3', [['scheduling', 'primary', 'fails-over', null]]],
    ['westus2', [['claims-api', 'secondary', 'degrades', 'PT0S']]],
    ['qatarcentral', [['lab-results', 'primary', 'goes-down', null]]],
    ['westeurope', []],
  ])('losing %s', (region, expected) => {
    expect(summary(region)).toEqual(expected);
  });

  it('explains each outcome', () => {
    const eastus2 = regionImpact({ region: 'eastus2', services });
    expect(eastus2).toMatchObject({
      region: 'eastus2',
      displayName: 'East US 2',
      geography: 'United States',
      pairedRegion: 'centralus',
      totals: { 'fails-over': 1, degrades: 0, 'goes-down': 1, unknown: 0 },
    });
    expect(eastus2.services.map(s => s.reason)).toEqual([
      // Without a key vault in West US 2 the service there cannot start.
      'Key vault kv-claims-eus2 is replicated by Azure only to Central US, and no key vault of the service is in West US 2: the service there cannot read its secrets and keys.',
      'Fails over to Central US in about PT15M (RTO PT15M).',
    ]);
    expect(
      regionImpact({ region: 'eastus', services }).services[0].reason,
    ).toBe(
      'Database invoicesdb is in no failover group: it has no copy in West US.',
    );
    expect(
      regionImpact({ region: 'centralus', services }).services[0].reason,
    ).toBe(
      'Keeps serving from East US 2, without its standby in Central US until the region returns.',
    );
    expect(
      regionImpact({ region: 'westus3', services }).services[0].reason,
    ).toMatch(
      /^Fails over to East US; the recovery time cannot be estimated \(no global routing: clients are repointed by hand\)\. Caveats: /,
    );
  });

  it('lists the resources in the lost region', () => {
    const [claims] = regionImpact({ region: 'westus2', services }).services;
    expect(claims.resources.map(id => id.split('/').pop())).toEqual([
      'cae-claims-wus2',
      'ca-claims-wus2',
    ]);
  });

  it('degrades a service whose recovery takes longer than its RTO', () => {
    const slow = evaluate(
      PATIENT_RECORDS_REF,
      { ...patientRecordsPolicy, rto: 'PT12M' },
      patientRecordsResources,
      patientRecordsDrills,
    );
    const [impact] = regionImpact({
      region: 'eastus2',
      services: [{ evaluation: slow, resources: patientRecordsResources }],
    }).services;
    expect(impact).toMatchObject({
      outcome: 'degrades',
      estimatedRecovery: 'PT15M',
      rto: 'PT12M',
    });
    expect(impact.reason).toBe(
      'Recovers in Central US in about PT15M, beyond the RTO of PT12M.',
    );
  });

  it('cannot tell what happens to resources outside the declared regions', () => {
    const stray = arm({
      id: `${resourceGroupId(
        'rg-patient-records-weu',
      )}/providers/Microsoft.Storage/storageAccounts/stpatientexportweu`,
      type: 'Microsoft.Storage/storageAccounts',
      location: 'West Europe',
      sku: { name: 'Standard_LRS' },
    });
    const resources = [...patientRecordsResources, stray];
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      resources,
      patientRecordsDrills,
    );
    const impact = regionImpact({
      region: 'westeurope',
      services: [{ evaluation, resources }],
    });
    expect(impact.services).toEqual([
      {
        entityRef: PATIENT_RECORDS_REF,
        tier: 'critical',
        role: 'other',
        outcome: 'unknown',
        reason:
          '1 resource is in West Europe (stpatientexportweu), outside the declared regions: the DR plan does not cover it.',
        estimatedRecovery: null,
        rto: 'PT15M',
        resources: [stray.id],
      },
    ]);
    expect(impact.totals.unknown).toBe(1);
  });

  it('reports unknown when the evidence is missing', () => {
    const resources = withoutProperties(patientRecordsResources);
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      resources,
      patientRecordsDrills,
    );
    const [impact] = regionImpact({
      region: 'eastus2',
      services: [{ evaluation, resources }],
    }).services;
    expect(impact.outcome).toBe('unknown');
    expect(impact.reason).toMatch(/^Evidence is missing: /);
  });

  it('throws for an unknown region', () => {
    expect(() => regionImpact({ region: 'eastus4', services })).toThrow(
      'Unknown Azure region "eastus4". Did you mean eastus, eastus2?',
    );
  });
});

describe('coverage', () => {
  const eus2 = resourceGroupId('rg-patient-records-eus2');
  const storageId = `${eus2}/providers/Microsoft.Storage/storageAccounts/stpatientrecordseus2`;
  const synapseId = `${eus2}/providers/Microsoft.Synapse/workspaces/syn-patient-analytics`;
  const synapse = arm({
    id: synapseId,
    type: 'Microsoft.Synapse/workspaces',
    location: 'East US 2',
  });
  const synapsePool = arm({
    id: `${synapseId}/sqlPools/pool1`,
    type: 'Microsoft.Synapse/workspaces/sqlPools',
    location: 'East US 2',
  });
  const publicIp = arm({
    id: `${eus2}/providers/Microsoft.Network/publicIPAddresses/pip-patient-records`,
    type: 'Microsoft.Network/publicIPAddresses',
    location: 'East US 2',
  });
  const nsg = arm({
    id: `${eus2}/providers/Microsoft.Network/networkSecurityGroups/nsg-patient-records`,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'East US 2',
  });
  const blobService = arm({
    id: `${storageId}/blobServices/default`,
    type: 'Microsoft.Storage/storageAccounts/blobServices',
    location: 'East US 2',
  });
  const diagnostics = arm({
    id: `${storageId}/providers/Microsoft.Insights/diagnosticSettings/to-law`,
    type: 'Microsoft.Insights/diagnosticSettings',
    location: 'East US 2',
  });
  const judgedBefore = drCoverage(patientRecordsResources, [
    SQL_SERVERS,
  ]).evaluated;

  it('judges the subjects named by the check catalog', () => {
    expect(DR_JUDGED_TYPES.get('microsoft.storage/storageaccounts')).toContain(
      'storage-geo-replication',
    );
    expect(DR_JUDGED_TYPES.has('microsoft.synapse/workspaces')).toBe(false);
  });

  it.each<{
    name: string;
    policy?: Partial<ReadinessPolicy>;
    extra: AzureResource[];
    exclusions?: CoverageExclusion[];
    base?: 'patient-records' | 'billing';
    status: EntityReadiness['status'];
    evaluated: number;
    gaps: Array<[string, boolean, string?]>;
  }>([
    {
      name: 'an unknown type keeps an otherwise ready service unknown',
      extra: [synapse],
      status: 'unknown',
      evaluated: judgedBefore,
      gaps: [['syn-patient-analytics', true]],
    },
    {
      name: 'inert types do not',
      extra: [publicIp, nsg],
      status: 'ready',
      evaluated: judgedBefore,
      gaps: [
        ['nsg-patient-records', false],
        ['pip-patient-records', false],
      ],
    },
    {
      name: 'an exclusion of the type lifts it',
      extra: [synapse],
      exclusions: [
        {
          resource: 'microsoft.synapse/workspaces',
          reason: 'analytics copy, rebuilt from the records database',
        },
      ],
      status: 'ready',
      evaluated: judgedBefore,
      gaps: [
        [
          'syn-patient-analytics',
          false,
          'analytics copy, rebuilt from the records database',
        ],
      ],
    },
    {
      name: 'an exclusion of a resource id lifts it and its children',
      extra: [synapse, synapsePool],
      exclusions: [{ resource: `${synapseId.toUpperCase()}/`, reason: 'PoC' }],
      status: 'ready',
      evaluated: judgedBefore,
      gaps: [
        ['syn-patient-analytics', false, 'PoC'],
        ['pool1', false, 'PoC'],
      ],
    },
    {
      name: 'an exclusion of another resource does not',
      extra: [synapse],
      exclusions: [{ resource: `${synapseId}-old`, reason: 'gone' }],
      status: 'unknown',
      evaluated: judgedBefore,
      gaps: [['syn-patient-analytics', true]],
    },
    {
      name: 'children of judged resources count as evaluated',
      extra: [blobService, diagnostics],
      status: 'ready',
      evaluated: judgedBefore + 2,
      gaps: [],
    },
    {
      name: 'at-risk stays at-risk',
      policy: { tier: 'none', rto: null, rpo: null },
      extra: [synapse],
      status: 'at-risk',
      evaluated: judgedBefore,
      gaps: [['syn-patient-analytics', true]],
    },
    {
      name: 'not-ready stays not-ready',
      base: 'billing',
      extra: [synapse],
      status: 'not-ready',
      evaluated: drCoverage(billingResources, [SQL_SERVERS]).evaluated,
      gaps: [['syn-patient-analytics', true]],
    },
  ])('$name', ({ policy, extra, exclusions = [], base, ...expected }) => {
    const evaluation =
      base === 'billing'
        ? evaluate(
            BILLING_REF,
            billingPolicy,
            [...billingResources, ...extra],
            [],
            [SQL_SERVERS, ...exclusions],
          )
        : evaluate(
            PATIENT_RECORDS_REF,
            { ...patientRecordsPolicy, ...policy },
            [...patientRecordsResources, ...extra],
            patientRecordsDrills,
            [SQL_SERVERS, ...exclusions],
          );
    expect(evaluation.status).toBe(expected.status);
    expect(evaluation.coverage.evaluated).toBe(expected.evaluated);
    // A blocking gap is named, by id and type, in the reasons; none otherwise.
    const gapReason = evaluation.reasons.find(r =>
      r.startsWith('No DR check judges'),
    );
    expect(
      gapReason?.includes(`${synapseId} (microsoft.synapse/workspaces)`) ??
        false,
    ).toBe(expected.gaps.some(([, blocking]) => blocking));
    expect(gapReason === undefined).toBe(
      !expected.gaps.some(([, blocking]) => blocking),
    );
    const gaps = evaluation.coverage.notEvaluated.filter(
      g => g.type !== 'microsoft.sql/servers',
    );
    expect(
      gaps.map(g => [
        g.resourceId.split('/').pop(),
        g.blocking,
        ...(g.excluded ? [g.excluded] : []),
      ]),
    ).toEqual(expected.gaps);
  });

  it('names the unjudged resource and its type in the reasons, the regions and the impact', () => {
    const resources = [...patientRecordsResources, synapse];
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      resources,
      patientRecordsDrills,
    );
    expect(evaluation.reasons).toEqual([
      `No DR check judges a resource that may hold or process data: ${synapseId} (microsoft.synapse/workspaces). Add a check for the type, or record an exclusion with a reason under vitals.drReadiness.coverageExclusions.`,
    ]);
    expect(evaluation.regions.map(r => [r.region, r.status])).toEqual([
      ['eastus2', 'unknown'],
      ['centralus', 'unknown'],
    ]);
    expect(evaluation.regions[0].summary).toBe(
      `All ${evaluation.regions[0].checks.length} checks pass, but no DR check judges a resource that may hold or process data: ${synapseId} (microsoft.synapse/workspaces).`,
    );
    // The score still measures the checks that ran.
    expect(evaluation.score).toBe(100);
    const [impact] = regionImpact({
      region: 'eastus2',
      services: [{ evaluation, resources }],
    }).services;
    expect(impact).toMatchObject({
      outcome: 'unknown',
      estimatedRecovery: null,
    });
    expect(impact.reason).toContain('microsoft.synapse/workspaces');
  });

  it('lists blocking gaps first, and at most ten in a reason', () => {
    const workspaces = Array.from({ length: 12 }, (_, i) =>
      arm({
        id: `${synapseId}${String(i).padStart(2, '0')}`,
        type: 'Microsoft.Synapse/workspaces',
        location: 'East US 2',
      }),
    );
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      [...patientRecordsResources, publicIp, ...workspaces],
      patientRecordsDrills,
    );
    const blocking = evaluation.coverage.notEvaluated.map(g => g.blocking);
    expect(blocking.indexOf(false)).toBeGreaterThan(blocking.lastIndexOf(true));
    expect(evaluation.reasons[0]).toMatch(
      /^No DR check judges 12 resources that may hold or process data: .* and 2 more\. /,
    );
  });

  it('carries what each check mirrors', () => {
    const evaluation = evaluate(
      PATIENT_RECORDS_REF,
      patientRecordsPolicy,
      patientRecordsResources,
      patientRecordsDrills,
    );
    const storage = evaluation.regions[0].checks.find(
      c => c.id === 'storage-geo-replication',
    );
    expect(storage?.mirrors?.aprl.length).toBeGreaterThan(0);
  });
});

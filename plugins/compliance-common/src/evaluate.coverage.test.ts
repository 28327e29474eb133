import type { AzureResource } from '@vitals/azure-inventory-common';
import { knownGroups, service } from './__fixtures__/entities';
import { withProperties } from './__fixtures__/arm';
import {
  claimsAuditingEnabled,
  claimsResources,
  drReady,
  estate,
  NOW,
  provenance,
} from './__fixtures__/estate';
import {
  sqlDatabaseLongTermRetention,
  sqlServerAuditingDisabled,
} from './__fixtures__/azure';
import {
  complianceJudgedTypes,
  evaluateCompliance,
  evaluateEstate,
  type ComplianceEvaluationInput,
  type ComplianceStatus,
} from './evaluate';
import type { ComplianceExemption } from './exemptions';
import { hipaaFramework } from './frameworks/hipaa';
import type { Framework } from './frameworks/types';
import { indexResources } from './resourceIndex';
import type { ResourceRule } from './rules/types';

const RG = '/subscriptions/s1/resourceGroups/rg-phi/providers';

function resource(id: string, type: string): AzureResource {
  return {
    id,
    name: id.split('/').pop()!,
    type,
    location: 'eastus2',
    subscriptionId: 's1',
    resourceGroup: 'rg-phi',
    tags: {},
    properties: {},
  };
}

const storage = resource(
  `${RG}/Microsoft.Storage/storageAccounts/stphi`,
  'microsoft.storage/storageaccounts',
);
const blobService = resource(
  `${storage.id}/blobServices/default`,
  'microsoft.storage/storageaccounts/blobservices',
);
const vault = resource(
  `${RG}/Microsoft.KeyVault/vaults/kv-phi`,
  'microsoft.keyvault/vaults',
);
const synapse = resource(
  `${RG}/Microsoft.Synapse/workspaces/syn-phi`,
  'microsoft.synapse/workspaces',
);
const sqlPool = resource(
  `${synapse.id}/sqlPools/pool1`,
  'microsoft.synapse/workspaces/sqlpools',
);
const publicIp = resource(
  `${RG}/Microsoft.Network/publicIPAddresses/pip-phi`,
  'microsoft.network/publicipaddresses',
);
const nsg = resource(
  `${RG}/Microsoft.Network/networkSecurityGroups/nsg-phi`,
  'microsoft.network/networksecuritygroups',
);

const outcome = (status: 'pass' | 'fail') => ({
  status,
  property: 'properties.flag',
  expected: 'true',
  actual: status === 'pass' ? 'true' : 'false',
  message: status === 'pass' ? 'Flag set.' : 'Flag not set.',
});

const rules: ResourceRule[] = [
  {
    id: 'test.storage',
    title: 'Storage flag',
    resourceTypes: ['microsoft.storage/storageaccounts'],
    mirrors: undefined,
    remediation: 'Set the flag.',
    evaluate: () => outcome('pass'),
  },
  {
    id: 'test.vault',
    title: 'Vault flag',
    resourceTypes: ['microsoft.keyvault/vaults'],
    mirrors: undefined,
    remediation: 'Set the flag.',
    evaluate: () => outcome('fail'),
  },
  {
    // Defined, but no control names it: it judges nothing.
    id: 'test.unused',
    title: 'Unused',
    resourceTypes: ['microsoft.cache/redis'],
    mirrors: undefined,
    remediation: '',
    evaluate: () => outcome('pass'),
  },
];

const framework: Framework = {
  id: 'test',
  title: 'Test framework',
  version: '1',
  enforcedFor: ['phi'],
  controls: [
    {
      id: 'T-1',
      title: 'Storage',
      citation: '§1',
      safeguard: 'technical',
      implementation: 'addressable',
      severity: 'high',
      description: 'Storage is flagged.',
      checks: ['test.storage'],
    },
    {
      id: 'T-2',
      title: 'Vaults',
      citation: '§2',
      safeguard: 'technical',
      implementation: 'required',
      severity: 'medium',
      description: 'Vaults are flagged.',
      checks: ['test.vault'],
    },
  ],
};

const phi = service('phi-api');
const pub = service('public-site', {
  'vitals.dev/data-classification': 'public',
});
const unclassified = service('mystery', {
  'vitals.dev/data-classification': '',
});

function exemption(
  overrides: Partial<ComplianceExemption> = {},
): ComplianceExemption {
  return {
    id: 'ex-synapse',
    entityRef: 'component:default/phi-api',
    controlId: 'T-1',
    resourceId: synapse.id.toUpperCase(),
    category: 'risk-accepted',
    reason: 'The workspace holds de-identified data only; reviewed quarterly.',
    requester: 'user:default/jane.doe',
    approver: 'user:default/compliance.lead',
    createdAt: '2026-06-01T00:00:00Z',
    expiresAt: '2027-05-31T00:00:00Z',
    ...overrides,
  };
}

function evaluate(
  selected: AzureResource[],
  estateResources: AzureResource[] = selected,
  overrides: Partial<ComplianceEvaluationInput> = {},
) {
  return evaluateCompliance({
    framework,
    rules,
    catalogChecks: [],
    entity: phi,
    resources: selected,
    inventory: indexResources(estateResources),
    exemptions: [],
    now: NOW,
    ruleVersion: 'test',
    ...overrides,
  });
}

describe('coverage in evaluateCompliance', () => {
  it.each<{
    name: string;
    selected: AzureResource[];
    estate?: AzureResource[];
    overrides?: Partial<ComplianceEvaluationInput>;
    status: ComplianceStatus;
    evaluated: number;
    gaps: Array<[string, boolean, string | undefined]>;
    reason?: RegExp;
  }>([
    {
      name: 'every resource judged: compliant',
      selected: [storage],
      status: 'compliant',
      evaluated: 1,
      gaps: [],
    },
    {
      name: 'an unknown type keeps a PHI service from compliant',
      selected: [storage, synapse],
      status: 'unknown',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
      reason:
        /^1 resource\(s\) that may hold or process PHI are judged by no HIPAA rule: syn-phi \(microsoft\.synapse\/workspaces\)\. Until/,
    },
    {
      name: 'a PHI service whose only data store is unjudged is not "not applicable"',
      selected: [synapse],
      status: 'unknown',
      evaluated: 0,
      gaps: [[synapse.id, true, undefined]],
      reason: /syn-phi \(microsoft\.synapse\/workspaces\)/,
    },
    {
      name: 'inert types do not cap',
      selected: [storage, publicIp, nsg],
      status: 'compliant',
      evaluated: 1,
      gaps: [
        [nsg.id, false, undefined],
        [publicIp.id, false, undefined],
      ],
      reason: /^Every applicable control passes\.$/,
    },
    {
      name: 'children of judged resources count as evaluated',
      selected: [storage],
      estate: [storage, blobService],
      status: 'compliant',
      evaluated: 2,
      gaps: [],
    },
    {
      name: 'children of an unjudged resource are gaps too',
      selected: [storage, synapse],
      estate: [storage, synapse, sqlPool],
      status: 'unknown',
      evaluated: 1,
      gaps: [
        [synapse.id, true, undefined],
        [sqlPool.id, true, undefined],
      ],
      reason: /2 resource\(s\).*syn-phi .*pool1 /,
    },
    {
      name: 'a rule no control names judges nothing',
      selected: [
        storage,
        resource(`${RG}/Microsoft.Cache/redis/cache`, 'microsoft.cache/redis'),
      ],
      status: 'unknown',
      evaluated: 1,
      gaps: [[`${RG}/Microsoft.Cache/redis/cache`, true, undefined]],
    },
    {
      name: 'non-compliant stays, and names the gap',
      selected: [storage, vault, synapse],
      status: 'non-compliant',
      evaluated: 2,
      gaps: [[synapse.id, true, undefined]],
      reason:
        /^1 control\(s\) fail\. Also, 1 resource\(s\) .*syn-phi \(microsoft\.synapse\/workspaces\)\.$/,
    },
    {
      name: 'an active exemption on the resource lifts the cap',
      selected: [storage, synapse],
      overrides: { exemptions: [exemption()] },
      status: 'exempt',
      evaluated: 1,
      gaps: [[synapse.id, true, 'ex-synapse']],
      reason: /covered by exemptions: syn-phi/,
    },
    {
      name: 'an exemption on a resource covers its children',
      selected: [storage, synapse],
      estate: [storage, synapse, sqlPool],
      overrides: { exemptions: [exemption()] },
      status: 'exempt',
      evaluated: 1,
      gaps: [
        [synapse.id, true, 'ex-synapse'],
        [sqlPool.id, true, 'ex-synapse'],
      ],
    },
    {
      name: 'an expired exemption does not',
      selected: [storage, synapse],
      overrides: {
        exemptions: [
          exemption({
            createdAt: '2025-10-01T00:00:00Z',
            expiresAt: '2026-09-30T00:00:00Z',
          }),
        ],
      },
      status: 'unknown',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
    },
    {
      name: "another entity's exemption does not",
      selected: [storage, synapse],
      overrides: {
        exemptions: [
          exemption({ entityRef: 'component:default/other-service' }),
        ],
      },
      status: 'unknown',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
    },
    {
      name: 'a control-wide exemption does not (it names no resource)',
      selected: [storage, synapse],
      overrides: { exemptions: [exemption({ resourceId: undefined })] },
      status: 'unknown',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
    },
    {
      name: 'a service the framework is not enforced for keeps its verdict, with its coverage',
      selected: [storage, synapse],
      overrides: { entity: pub },
      status: 'not-applicable',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
      reason: /not enforced/,
    },
    {
      name: 'an unclassified service is unknown and names the gap',
      selected: [storage, synapse],
      overrides: { entity: unclassified },
      status: 'unknown',
      evaluated: 1,
      gaps: [[synapse.id, true, undefined]],
      reason: /no valid data classification.* Also, 1 resource\(s\).*syn-phi/,
    },
  ])('$name', c => {
    const result = evaluate(c.selected, c.estate, c.overrides);
    expect(result.status).toBe(c.status);
    expect(result.coverage.evaluated).toBe(c.evaluated);
    expect(
      result.coverage.notEvaluated.map(g => [
        g.resourceId,
        g.blocking,
        g.exemptionId,
      ]),
    ).toEqual(c.gaps);
    expect(result.statusReason).toMatch(c.reason ?? /./);
  });

  it('reports each gap with its type and why it is not judged', () => {
    const { coverage } = evaluate([storage, synapse, publicIp]);
    expect(coverage).toEqual({
      evaluated: 1,
      notEvaluated: [
        {
          resourceId: synapse.id,
          type: 'microsoft.synapse/workspaces',
          reason: expect.stringMatching(
            /^No HIPAA rule judges microsoft\.synapse\/workspaces/,
          ),
          blocking: true,
        },
        {
          resourceId: publicIp.id,
          type: 'microsoft.network/publicipaddresses',
          reason: expect.stringMatching(/^Inert: /),
          blocking: false,
        },
      ],
    });
  });

  it('names five gaps and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      resource(
        `${RG}/Microsoft.Synapse/workspaces/syn-${i}`,
        'microsoft.synapse/workspaces',
      ),
    );
    const result = evaluate([storage, ...many]);
    expect(result.statusReason).toMatch(
      /^7 resource\(s\) .*syn-4 \(microsoft\.synapse\/workspaces\) and 2 more\./,
    );
  });

  it('judges the types of the rules the framework uses, once per rule set', () => {
    const judged = complianceJudgedTypes(framework, rules);
    expect([...judged]).toEqual([
      ['microsoft.storage/storageaccounts', ['test.storage']],
      ['microsoft.keyvault/vaults', ['test.vault']],
    ]);
    expect(complianceJudgedTypes(framework, rules)).toBe(judged);
    expect(complianceJudgedTypes(hipaaFramework)).toBe(
      complianceJudgedTypes(hipaaFramework),
    );
  });

  it('carries coverage through evaluateEstate', () => {
    const { results } = evaluateEstate({
      framework,
      rules,
      catalogChecks: [],
      entities: [phi],
      resources: [
        { ...storage, tags: { 'vitals-entity': 'component:default/phi-api' } },
        { ...synapse, tags: { 'vitals-entity': 'component:default/phi-api' } },
        sqlPool,
      ],
      now: NOW,
      ruleVersion: 'test',
    });
    expect(results[0].status).toBe('unknown');
    expect(results[0].coverage.notEvaluated.map(g => g.resourceId)).toEqual([
      synapse.id,
      sqlPool.id,
    ]);
  });
});

describe('coverage with the built-in HIPAA rules', () => {
  // The claims estate with every finding passing.
  const compliantEstate = [
    ...estate.filter(
      r =>
        r !== sqlServerAuditingDisabled && r !== sqlDatabaseLongTermRetention,
    ),
    claimsAuditingEnabled,
    withProperties(sqlDatabaseLongTermRetention, { yearlyRetention: 'P6Y' }),
  ];
  const claimsSynapse = resource(
    `${
      claimsResources[0].id.split('/providers/')[0]
    }/providers/Microsoft.Synapse/workspaces/claims-analytics`,
    'microsoft.synapse/workspaces',
  );
  const run = (resources: AzureResource[], all: AzureResource[]) =>
    evaluateCompliance({
      framework: hipaaFramework,
      entity: service('claims-api'),
      resources,
      inventory: indexResources(all),
      provenance,
      drSummary: drReady,
      knownGroups,
      now: NOW,
      ruleVersion: '1.0.0',
    });

  it('is compliant when every resource is judged', () => {
    const result = run(claimsResources, compliantEstate);
    expect(result.status).toBe('compliant');
    expect(result.coverage.notEvaluated.filter(g => g.blocking)).toEqual([]);
    expect(result.coverage.evaluated).toBeGreaterThan(claimsResources.length);
  });

  it('is unknown with a Synapse workspace no rule judges', () => {
    const result = run(
      [...claimsResources, claimsSynapse],
      [...compliantEstate, claimsSynapse],
    );
    expect(result.status).toBe('unknown');
    expect(result.statusReason).toContain(
      'claims-analytics (microsoft.synapse/workspaces)',
    );
    // The controls themselves are unchanged: the cap is on the verdict.
    expect(result.counts.fail + result.counts.unknown).toBe(0);
  });
});

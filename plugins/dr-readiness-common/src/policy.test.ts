import { Entity } from '@backstage/catalog-model';
import { arm, resourceGroupId } from './__fixtures__/arm';
import {
  ANNOTATION_AZURE_SELECTOR,
  ANNOTATION_DATA_CLASSIFICATION,
  ANNOTATION_DR_TIER,
  ANNOTATION_PRIMARY_REGION,
  ANNOTATION_RPO,
  ANNOTATION_RTO,
  ANNOTATION_SECONDARY_REGION,
  AzureSelector,
  DEFAULT_TIER_OBJECTIVES,
  DrPolicyValidationError,
  isDrReadinessAvailable,
  matchesSelector,
  parseAzureSelector,
  readDrPolicy,
  resolveTierObjectives,
  selectResources,
} from './policy';

function entity(
  annotations: Record<string, string>,
  name = 'patient-records',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/clinical',
      lifecycle: 'production',
    },
  };
}

function policyOf(
  annotations: Record<string, string>,
  tiers?: Parameters<typeof readDrPolicy>[1],
) {
  const result = readDrPolicy(entity(annotations), tiers);
  if (!result.ok) {
    throw new Error(result.errors.map(e => e.message).join('; '));
  }
  return result.policy;
}

function errorsOf(
  annotations: Record<string, string>,
  tiers?: Parameters<typeof readDrPolicy>[1],
) {
  const result = readDrPolicy(entity(annotations), tiers);
  if (result.ok) {
    throw new Error('expected validation errors');
  }
  return result.errors;
}

describe('annotation constants', () => {
  it('match the design contract', () => {
    expect([
      ANNOTATION_DR_TIER,
      ANNOTATION_RTO,
      ANNOTATION_RPO,
      ANNOTATION_PRIMARY_REGION,
      ANNOTATION_SECONDARY_REGION,
      ANNOTATION_AZURE_SELECTOR,
      ANNOTATION_DATA_CLASSIFICATION,
    ]).toEqual([
      'vitals.dev/dr-tier',
      'vitals.dev/rto',
      'vitals.dev/rpo',
      'vitals.dev/primary-region',
      'vitals.dev/secondary-region',
      'vitals.dev/azure-selector',
      'vitals.dev/data-classification',
    ]);
  });
});

describe('isDrReadinessAvailable', () => {
  it.each([
    [{ [ANNOTATION_DR_TIER]: 'critical' }, true],
    [{ [ANNOTATION_PRIMARY_REGION]: 'eastus2' }, true],
    [
      { [ANNOTATION_DR_TIER]: 'none', [ANNOTATION_PRIMARY_REGION]: 'eastus2' },
      true,
    ],
    [{ [ANNOTATION_RTO]: 'PT1H' }, false],
    [{ [ANNOTATION_DR_TIER]: '  ' }, false],
    [{}, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isDrReadinessAvailable(entity(annotations))).toBe(expected);
  });

  it('is false without annotations at all', () => {
    expect(
      isDrReadinessAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});

describe('readDrPolicy', () => {
  it.each([
    ['critical', 'PT15M', 'PT5M'],
    ['high', 'PT1H', 'PT15M'],
    ['standard', 'PT4H', 'PT1H'],
    ['CRITICAL', 'PT15M', 'PT5M'],
  ])('tier %s → RTO %s, RPO %s', (tier, rto, rpo) => {
    const policy = policyOf({
      [ANNOTATION_DR_TIER]: tier,
      [ANNOTATION_PRIMARY_REGION]: 'eastus2',
    });
    expect(policy.tier).toBe(tier.toLowerCase());
    expect(policy.tierSource).toBe('annotation');
    expect(policy.rto).toBe(rto);
    expect(policy.rpo).toBe(rpo);
  });

  it('reads a complete policy', () => {
    expect(
      policyOf({
        [ANNOTATION_DR_TIER]: 'critical',
        [ANNOTATION_PRIMARY_REGION]: 'East US 2',
        [ANNOTATION_SECONDARY_REGION]: 'centralus',
        [ANNOTATION_DATA_CLASSIFICATION]: 'PHI',
      }),
    ).toEqual({
      entityRef: 'component:default/patient-records',
      tier: 'critical',
      tierSource: 'annotation',
      rto: 'PT15M',
      rpo: 'PT5M',
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      secondarySource: 'annotation',
      pairing: 'paired',
      dataClassification: 'phi',
      selector: {
        clauses: [
          {
            kind: 'tag',
            name: 'vitals-entity',
            value: 'component:default/patient-records',
          },
        ],
        source: 'default',
      },
    });
  });

  it.each([
    ['eastus2', 'centralus', 'pair', 'paired'],
    ['westus3', 'eastus', 'pair', 'one-way'],
    ['brazilsouth', 'southcentralus', 'pair', 'one-way'],
    ['qatarcentral', null, 'none', 'unpaired'],
    ['polandcentral', null, 'none', 'unpaired'],
  ])(
    'defaults the secondary of %s to its pair %s',
    (primary, secondary, source, pairing) => {
      const policy = policyOf({
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: primary,
      });
      expect(policy.secondaryRegion).toBe(secondary);
      expect(policy.secondarySource).toBe(source);
      expect(policy.pairing).toBe(pairing);
    },
  );

  it('keeps a declared custom secondary', () => {
    const policy = policyOf({
      [ANNOTATION_DR_TIER]: 'high',
      [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      [ANNOTATION_SECONDARY_REGION]: 'West US 2',
    });
    expect(policy.secondaryRegion).toBe('westus2');
    expect(policy.pairing).toBe('custom');
  });

  it('applies per-entity overrides over the tier', () => {
    const policy = policyOf({
      [ANNOTATION_DR_TIER]: 'standard',
      [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      [ANNOTATION_RTO]: 'pt30m',
      [ANNOTATION_RPO]: 'PT10M',
    });
    expect([policy.rto, policy.rpo]).toEqual(['PT30M', 'PT10M']);
  });

  it('applies config tier overrides, keeping the unset objective', () => {
    const policy = policyOf(
      {
        [ANNOTATION_DR_TIER]: 'critical',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      },
      { tiers: { critical: { rto: 'PT10M' } } },
    );
    expect([policy.rto, policy.rpo]).toEqual(['PT10M', 'PT5M']);
  });

  it('has no objectives for tier none unless overridden', () => {
    expect(
      policyOf({
        [ANNOTATION_DR_TIER]: 'none',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      }),
    ).toMatchObject({ tier: 'none', rto: null, rpo: null });
    expect(
      policyOf({
        [ANNOTATION_DR_TIER]: 'none',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_RTO]: 'P1D',
      }),
    ).toMatchObject({ tier: 'none', rto: 'P1D', rpo: null });
  });

  it('falls back to the standard tier when only a primary region is declared', () => {
    expect(policyOf({ [ANNOTATION_PRIMARY_REGION]: 'eastus2' })).toMatchObject({
      tier: 'standard',
      tierSource: 'default',
      rto: 'PT4H',
      rpo: 'PT1H',
    });
  });

  it.each([
    [
      {
        [ANNOTATION_DR_TIER]: 'platinum',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      },
      ANNOTATION_DR_TIER,
      'platinum',
      'unknown-tier',
      'vitals.dev/dr-tier must be one of critical, high, standard, none, got "platinum"',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_RTO]: '15m',
      },
      ANNOTATION_RTO,
      '15m',
      'malformed-duration',
      'vitals.dev/rto must be a positive ISO-8601 duration such as PT15M or PT1H, got "15m"',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_RPO]: 'PT0S',
      },
      ANNOTATION_RPO,
      'PT0S',
      'malformed-duration',
      'vitals.dev/rpo must be a positive ISO-8601 duration such as PT15M or PT1H, got "PT0S"',
    ],
    [
      { [ANNOTATION_DR_TIER]: 'high', [ANNOTATION_PRIMARY_REGION]: 'eastus4' },
      ANNOTATION_PRIMARY_REGION,
      'eastus4',
      'unknown-region',
      'vitals.dev/primary-region names an unknown Azure region "eastus4". Did you mean eastus, eastus2?',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_SECONDARY_REGION]: 'atlantis',
      },
      ANNOTATION_SECONDARY_REGION,
      'atlantis',
      'unknown-region',
      'vitals.dev/secondary-region names an unknown Azure region "atlantis". Use a programmatic Azure region name such as eastus2.',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_SECONDARY_REGION]: 'East US 2',
      },
      ANNOTATION_SECONDARY_REGION,
      'East US 2',
      'same-region',
      'vitals.dev/secondary-region "East US 2" is the primary region; a secondary must be another region',
    ],
    [
      { [ANNOTATION_DR_TIER]: 'high' },
      ANNOTATION_PRIMARY_REGION,
      undefined,
      'missing',
      'vitals.dev/primary-region is required to evaluate DR readiness; set it to the programmatic name of the region the service runs in, e.g. eastus2',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_DATA_CLASSIFICATION]: 'secret',
      },
      ANNOTATION_DATA_CLASSIFICATION,
      'secret',
      'unknown-classification',
      'vitals.dev/data-classification must be one of phi, pii, confidential, internal, public, got "secret"',
    ],
    [
      {
        [ANNOTATION_DR_TIER]: 'high',
        [ANNOTATION_PRIMARY_REGION]: 'eastus2',
        [ANNOTATION_AZURE_SELECTOR]: 'label:app=x',
      },
      ANNOTATION_AZURE_SELECTOR,
      'label:app=x',
      'malformed-selector',
      'vitals.dev/azure-selector term "label:app=x" is neither tag:<name>=<value> nor resourceGroup:<subscriptionId>/<name>',
    ],
  ])(
    'rejects %j with a typed error',
    (annotations, field, value, reason, message) => {
      const errors = errorsOf(annotations);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(DrPolicyValidationError);
      expect(errors[0]).toMatchObject({
        name: 'DrPolicyValidationError',
        field,
        value,
        reason,
        message,
      });
    },
  );

  it('reports every bad annotation at once', () => {
    const errors = errorsOf({
      [ANNOTATION_DR_TIER]: 'gold',
      [ANNOTATION_RTO]: 'soon',
      [ANNOTATION_PRIMARY_REGION]: 'mars',
    });
    expect(errors.map(e => e.field)).toEqual([
      ANNOTATION_DR_TIER,
      ANNOTATION_RTO,
      ANNOTATION_PRIMARY_REGION,
    ]);
  });

  it('reports a bad config tier by its config key', () => {
    const errors = errorsOf(
      { [ANNOTATION_DR_TIER]: 'high', [ANNOTATION_PRIMARY_REGION]: 'eastus2' },
      { tiers: { high: { rpo: 'quarter hour' } } },
    );
    expect(errors[0]).toMatchObject({
      field: 'vitals.drReadiness.tiers.high.rpo',
      value: 'quarter hour',
      reason: 'malformed-duration',
    });
  });
});

describe('resolveTierObjectives', () => {
  it('returns the defaults without overrides', () => {
    expect(resolveTierObjectives()).toEqual(DEFAULT_TIER_OBJECTIVES);
  });

  it('merges overrides per objective', () => {
    expect(
      resolveTierObjectives({
        standard: { rto: 'PT8H' },
        High: { rpo: 'pt30m' },
      }),
    ).toEqual({
      critical: { rto: 'PT15M', rpo: 'PT5M' },
      high: { rto: 'PT1H', rpo: 'PT30M' },
      standard: { rto: 'PT8H', rpo: 'PT1H' },
    });
  });

  it.each([
    [
      { gold: { rto: 'PT1H' } },
      'vitals.drReadiness.tiers.gold',
      'unknown-tier',
    ],
    [
      { none: { rto: 'PT1H' } },
      'vitals.drReadiness.tiers.none',
      'unknown-tier',
    ],
    [
      { critical: { rto: '1h' } },
      'vitals.drReadiness.tiers.critical.rto',
      'malformed-duration',
    ],
  ])('rejects %j', (overrides, field, reason) => {
    expect(() => resolveTierObjectives(overrides)).toThrow(
      expect.objectContaining({ field, reason }),
    );
  });
});

// The grammar and matching rules are tested in @vitals/azure-inventory-common;
// these tests cover what DR adds: the policy's clause shape and its error.
describe('parseAzureSelector', () => {
  const ref = 'component:default/patient-records';

  it.each([
    [
      undefined,
      [{ kind: 'tag', name: 'vitals-entity', value: ref }],
      'default',
    ],
    [
      'tag:app=patient-records, resourceGroup:sub/rg',
      [
        { kind: 'tag', name: 'app', value: 'patient-records' },
        { kind: 'resourceGroup', subscriptionId: 'sub', resourceGroup: 'rg' },
      ],
      'annotation',
    ],
  ])('%j', (value, clauses, source) => {
    expect(parseAzureSelector(value, ref)).toEqual({ clauses, source });
  });

  it('rejects a bad clause with a malformed-selector policy error naming every bad clause', () => {
    const value = 'tag:a=b, tag:app, *';
    expect(() => parseAzureSelector(value, ref)).toThrow(
      expect.objectContaining({
        name: 'DrPolicyValidationError',
        field: ANNOTATION_AZURE_SELECTOR,
        value,
        reason: 'malformed-selector',
        message:
          'vitals.dev/azure-selector term "tag:app" must be tag:<name>=<value> with a non-empty name and value; ' +
          'vitals.dev/azure-selector term "*" is neither tag:<name>=<value> nor resourceGroup:<subscriptionId>/<name>',
      }),
    );
  });

  it('makes the whole policy invalid, even when other clauses parse', () => {
    const errors = errorsOf({
      [ANNOTATION_DR_TIER]: 'high',
      [ANNOTATION_PRIMARY_REGION]: 'eastus2',
      [ANNOTATION_AZURE_SELECTOR]: 'tag:app=x, tag:env=',
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      field: ANNOTATION_AZURE_SELECTOR,
      value: 'tag:app=x, tag:env=',
      reason: 'malformed-selector',
    });
  });
});

describe('matchesSelector and selectResources', () => {
  const group = resourceGroupId('rg-patient-records-eus2');
  const server = arm({
    id: `${group}/providers/Microsoft.Sql/servers/sql-patient-records-eus2`,
    type: 'Microsoft.Sql/servers',
    location: 'eastus2',
    tags: { 'Vitals-Entity': 'Component:default/Patient-Records' },
  });
  const failoverGroup = arm({
    id: `${server.id}/failoverGroups/fog-patient-records`,
    type: 'Microsoft.Sql/servers/failoverGroups',
    location: 'eastus2',
  });
  const unrelated = arm({
    id: `${resourceGroupId(
      'rg-billing-eus',
    )}/providers/Microsoft.Web/sites/app-billing-eus`,
    type: 'Microsoft.Web/sites',
    location: 'eastus',
    tags: { 'vitals-entity': 'component:default/billing' },
  });
  const byTag: AzureSelector = parseAzureSelector(
    undefined,
    'component:default/patient-records',
  );
  const byGroup: AzureSelector = parseAzureSelector(
    'resourceGroup:6A1F4C2E-2B4D-4E7A-9C1B-3F2E8D7C5A10/RG-PATIENT-RECORDS-EUS2',
    'component:default/patient-records',
  );

  it('matches when any clause matches', () => {
    const either: AzureSelector = {
      clauses: [...byTag.clauses, ...byGroup.clauses],
      source: 'annotation',
    };
    expect(matchesSelector(server, either)).toBe(true);
    expect(matchesSelector(failoverGroup, either)).toBe(true);
    expect(matchesSelector(unrelated, either)).toBe(false);
    expect(matchesSelector(failoverGroup, byTag)).toBe(false);
  });

  it('adds the untagged children of matched resources', () => {
    expect(
      selectResources([server, failoverGroup, unrelated], byTag).map(
        r => r.name,
      ),
    ).toEqual(['sql-patient-records-eus2', 'fog-patient-records']);
  });
});

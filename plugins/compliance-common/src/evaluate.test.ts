import type { Entity } from '@backstage/catalog-model';
import type { ControlAttestation } from './attestations';
import { knownGroups, service } from './__fixtures__/entities';
import {
  claimsAuditingEnabled,
  claimsResources,
  claimsServer,
  claimsVault,
  drReady,
  estate,
  NOW,
  provenance,
} from './__fixtures__/estate';
import { sqlDatabase, sqlServerAuditingDisabled } from './__fixtures__/azure';
import {
  evaluateCompliance,
  evaluateEstate,
  type ComplianceEvaluationInput,
  type ControlStatus,
} from './evaluate';
import type { ComplianceExemption } from './exemptions';
import { hipaaFramework } from './frameworks/hipaa';
import type { Framework } from './frameworks/types';
import { indexResources } from './resourceIndex';

const inventory = indexResources(estate);
const entity = service('claims-api');

function evaluate(overrides: Partial<ComplianceEvaluationInput> = {}) {
  return evaluateCompliance({
    framework: hipaaFramework,
    entity,
    resources: claimsResources,
    inventory,
    provenance,
    drSummary: drReady,
    exemptions: [],
    attestations: [],
    knownGroups,
    options: { minimumLogRetentionDays: 2190 },
    now: NOW,
    ruleVersion: '1.0.0',
    ...overrides,
  });
}

const statuses = (result: ReturnType<typeof evaluate>) =>
  Object.fromEntries(result.controls.map(c => [c.id, c.status]));

const baseline: Record<string, ControlStatus> = {
  '164.308(a)(1)(ii)(A)': 'pass',
  '164.308(a)(1)(ii)(D)': 'fail',
  '164.308(a)(2)': 'pass',
  '164.308(a)(7)(i)': 'pass',
  '164.308(a)(7)(ii)(A)': 'fail',
  '164.308(a)(7)(ii)(B)': 'pass',
  '164.308(a)(7)(ii)(D)': 'pass',
  '164.312(a)(1)': 'pass',
  '164.312(a)(2)(iv)': 'pass',
  '164.312(b)': 'fail',
  '164.312(c)(1)': 'pass',
  '164.312(d)': 'pass',
  '164.312(e)(1)': 'pass',
  '164.312(e)(2)(ii)': 'pass',
  '164.316(b)(2)(i)': 'pass',
};

const ltrExemption: ComplianceExemption = {
  id: 'ex-ltr',
  entityRef: 'component:default/claims-api',
  controlId: '164.308(a)(7)(ii)(A)',
  resourceId: sqlDatabase.id.toUpperCase(),
  category: 'risk-accepted',
  reason:
    'Claims older than five years are archived to immutable storage by the records team.',
  ticketUrl: 'https://tickets.example.com/GRC-88',
  requester: 'user:default/jane.doe',
  approver: 'user:default/compliance.lead',
  createdAt: '2026-06-01T00:00:00Z',
  expiresAt: '2027-05-31T00:00:00Z',
};

describe('evaluateCompliance', () => {
  it('evaluates a PHI service against every HIPAA control', () => {
    const result = evaluate();
    expect(statuses(result)).toEqual(baseline);
    expect(result).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/claims-api',
        owner: 'group:default/claims-team',
        system: 'system:default/claims',
        framework: 'hipaa',
        classification: 'phi',
        enforced: true,
        status: 'non-compliant',
        statusReason: '3 control(s) fail.',
        evaluatedAt: '2026-11-23T12:00:00.000Z',
        ruleVersion: '1.0.0',
        inventory: provenance,
        counts: {
          pass: 12,
          fail: 3,
          exempt: 0,
          'not-applicable': 0,
          unknown: 0,
        },
      }),
    );
    // Weights high 3, medium 2, low 1: 40 in all, 8 failing (2 + 3 + 3).
    expect(result.score).toBe(80);
  });

  it('explains a failing control with the finding, its evidence and the policy it mirrors', () => {
    const audit = evaluate().controls.find(c => c.id === '164.312(b)')!;
    const failing = audit.findings.filter(f => f.status === 'fail');
    expect(failing).toEqual([
      expect.objectContaining({
        resourceId: claimsServer.id,
        resourceType: 'microsoft.sql/servers',
        rule: 'sql.auditing',
        source: 'azure',
        property: 'auditingSettings/default.properties.state',
        expected: 'Enabled',
        actual: 'Disabled',
        evidenceResourceId: sqlServerAuditingDisabled.id,
        observedAt: '2026-11-23T06:00:00Z',
        mirrors: expect.objectContaining({
          definitionId: 'a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9',
        }),
      }),
    ]);
    // Resource logs pass for the vault, the user database (not master) and the storage account.
    expect(
      audit.findings
        .filter(f => f.rule === 'monitor.resource-logs')
        .map(f => [f.resourceType, f.status]),
    ).toEqual([
      ['microsoft.storage/storageaccounts', 'pass'],
      ['microsoft.sql/servers/databases', 'pass'],
      ['microsoft.keyvault/vaults', 'pass'],
    ]);
    expect(audit.summary).toBe(
      '1 of 4 finding(s) fail: Server auditing is disabled, so database activity is not recorded.',
    );
  });

  it('evaluates child databases of a claimed server although only the server is tagged', () => {
    const backup = evaluate().controls.find(
      c => c.id === '164.308(a)(7)(ii)(A)',
    )!;
    expect(backup.findings.map(f => [f.rule, f.resourceId, f.status])).toEqual([
      ['sql.long-term-backup-retention', sqlDatabase.id, 'fail'],
      ['keyvault.deletion-protection', claimsResources[1].id, 'pass'],
    ]);
  });

  it('applies an active resource exemption to the findings it names, case aside', () => {
    const result = evaluate({ exemptions: [ltrExemption] });
    const backup = result.controls.find(c => c.id === '164.308(a)(7)(ii)(A)')!;
    expect(backup.status).toBe('exempt');
    expect(backup.findings[0].exemptionId).toBe('ex-ltr');
    expect(backup.exemption).toBeNull();
    expect(backup.exemptions).toEqual([
      expect.objectContaining({ id: 'ex-ltr', state: 'active' }),
    ]);
    // Exempt controls leave the score: 32 of 37.
    expect(result.score).toBe(86);
    expect(result.status).toBe('non-compliant');
  });

  it('reports an exempt service when only exemptions stand between it and compliance', () => {
    const result = evaluate({
      inventory: indexResources([
        ...estate.filter(r => r !== sqlServerAuditingDisabled),
        claimsAuditingEnabled,
      ]),
      exemptions: [ltrExemption],
    });
    expect(result.status).toBe('exempt');
    expect(result.counts).toEqual({
      pass: 14,
      fail: 0,
      exempt: 1,
      'not-applicable': 0,
      unknown: 0,
    });
    expect(result.score).toBe(100);
  });

  it.each<[string, string, ControlStatus, string]>([
    ['active', '2027-01-31T00:00:00Z', 'exempt', 'active'],
    ['expired yesterday', '2026-11-22T12:00:00Z', 'fail', 'expired'],
  ])('a control exemption that is %s', (_name, expiresAt, status, state) => {
    const exemption: ComplianceExemption = {
      id: 'ex-audit',
      entityRef: 'Component:Default/Claims-API',
      controlId: '164.312(b)',
      category: 'mitigated',
      reason:
        'Database activity is captured by the application audit trail until SQL auditing lands.',
      requester: 'user:default/jane.doe',
      approver: 'user:default/compliance.lead',
      createdAt: '2026-02-01T00:00:00Z',
      expiresAt,
    };
    const audit = evaluate({ exemptions: [exemption] }).controls.find(
      c => c.id === '164.312(b)',
    )!;
    expect(audit.status).toBe(status);
    expect(audit.exemptions).toEqual([
      expect.objectContaining({ id: 'ex-audit', state }),
    ]);
    expect(audit.exemption?.id ?? null).toBe(
      state === 'active' ? 'ex-audit' : null,
    );
  });

  it('ignores exemptions of other entities and invalid ones', () => {
    const result = evaluate({
      exemptions: [
        {
          ...ltrExemption,
          id: 'other',
          entityRef: 'component:default/billing-api',
        },
        {
          ...ltrExemption,
          id: 'self-approved',
          approver: 'user:default/jane.doe',
        },
      ],
    });
    const backup = result.controls.find(c => c.id === '164.308(a)(7)(ii)(A)')!;
    expect(backup.status).toBe('fail');
    expect(backup.exemptions.map(e => [e.id, e.state])).toEqual([
      ['self-approved', 'invalid'],
    ]);
  });

  describe('attestations', () => {
    const noDrill = { ...drReady, lastDrill: null };
    const attestation: ControlAttestation = {
      id: 'att-1',
      entityRef: 'component:default/claims-api',
      controlId: '164.308(a)(7)(ii)(D)',
      link: 'https://wiki.example.com/dr/claims-tabletop-2026',
      attestedBy: 'user:default/sre.lead',
      attestedAt: '2026-04-15T10:00:00Z',
      reviewBy: '2027-04-15T10:00:00Z',
    };
    const drill = (result: ReturnType<typeof evaluate>) =>
      result.controls.find(c => c.id === '164.308(a)(7)(ii)(D)')!;

    it('leave a drill no API shows as unknown', () => {
      const control = drill(evaluate({ drSummary: noDrill }));
      expect(control.status).toBe('unknown');
      expect(control.attestation).toBeNull();
    });

    it('satisfy it until the review date', () => {
      const control = drill(
        evaluate({ drSummary: noDrill, attestations: [attestation] }),
      );
      expect(control.status).toBe('pass');
      expect(control.findings.map(f => [f.rule, f.status, f.attested])).toEqual(
        [
          ['catalog.dr-drill-recent', 'unknown', true],
          ['attestation', 'pass', false],
        ],
      );
      expect(control.findings[1].actual).toBe(
        'https://wiki.example.com/dr/claims-tabletop-2026',
      );
    });

    it('lapse at the review date, returning the control to unknown', () => {
      const control = drill(
        evaluate({
          drSummary: noDrill,
          attestations: [attestation],
          now: '2027-04-15T10:00:00Z',
        }),
      );
      expect(control.status).toBe('unknown');
      expect(control.attestation).toEqual(
        expect.objectContaining({ id: 'att-1', state: 'expired' }),
      );
      expect(control.findings.some(f => f.attested)).toBe(false);
    });

    it('never override observed failures', () => {
      const failedDrill = {
        ...drReady,
        lastDrill: {
          performedAt: '2026-10-01T00:00:00Z',
          outcome: 'failed' as const,
        },
      };
      expect(
        drill(evaluate({ drSummary: failedDrill, attestations: [attestation] }))
          .status,
      ).toBe('fail');
    });
  });

  it.each<[string, Entity, string, boolean, string]>([
    [
      'internal data',
      service('claims-api', { 'vitals.dev/data-classification': 'internal' }),
      'not-applicable',
      false,
      'HIPAA Security Rule (45 CFR Part 164, Subpart C) is enforced for services classified phi; this service is classified internal, so its controls are reported but not enforced.',
    ],
    [
      'PII',
      service('claims-api', { 'vitals.dev/data-classification': 'PII' }),
      'not-applicable',
      false,
      'HIPAA Security Rule (45 CFR Part 164, Subpart C) is enforced for services classified phi; this service is classified pii, so its controls are reported but not enforced.',
    ],
    [
      'an unknown classification',
      service('claims-api', { 'vitals.dev/data-classification': 'top-secret' }),
      'unknown',
      false,
      'The service declares no valid data classification (vitals.dev/data-classification), so it is unknown whether HIPAA Security Rule (45 CFR Part 164, Subpart C) applies; controls are reported as if it did.',
    ],
  ])(
    'reports but does not enforce HIPAA for %s',
    (_name, other, status, enforced, reason) => {
      const result = evaluate({ entity: other });
      expect(result.status).toBe(status);
      expect(result.enforced).toBe(enforced);
      expect(result.statusReason).toBe(reason);
      const expected = { ...baseline };
      if (status === 'unknown') {
        expected['164.308(a)(1)(ii)(A)'] = 'fail';
      }
      expect(statuses(result)).toEqual(expected);
    },
  );

  it('says so when no resources match the service', () => {
    const result = evaluate({ resources: [] });
    const access = result.controls.find(c => c.id === '164.312(a)(1)')!;
    expect(access.status).toBe('unknown');
    expect(access.findings).toEqual([
      expect.objectContaining({
        rule: 'inventory.resources',
        status: 'unknown',
      }),
    ]);
    expect(result.controls.find(c => c.id === '164.308(a)(2)')!.status).toBe(
      'pass',
    );
    expect(result.status).toBe('unknown');
  });

  it('marks controls whose resource types the service lacks as not applicable', () => {
    const result = evaluate({ resources: [claimsResources[2]] });
    expect(
      result.controls.find(c => c.id === '164.312(a)(2)(iv)')!.status,
    ).toBe('not-applicable');
    expect(result.controls.find(c => c.id === '164.312(e)(1)')!.status).toBe(
      'pass',
    );
  });

  it('rejects an invalid clock', () => {
    expect(() => evaluate({ now: 'yesterday' })).toThrow(
      'now must be a valid instant',
    );
  });
});

describe('a second framework, as data only', () => {
  const baselineFramework: Framework = {
    id: 'internal-baseline',
    title: 'Internal cloud baseline',
    version: '0.1.0',
    controls: [
      {
        id: 'BL-1',
        title: 'Encrypted connections',
        citation: 'Baseline §1',
        safeguard: 'technical',
        implementation: 'required',
        severity: 'high',
        description: 'Data stores refuse TLS older than 1.2.',
        checks: ['storage.minimum-tls', 'sql.minimum-tls'],
      },
      {
        id: 'BL-2',
        title: 'Owned',
        citation: 'Baseline §2',
        safeguard: 'administrative',
        implementation: 'required',
        severity: 'low',
        description: 'Every service has a team.',
        checks: ['catalog.owner-group'],
      },
      {
        id: 'BL-3',
        title: 'Security training',
        citation: 'Baseline §3',
        safeguard: 'administrative',
        implementation: 'addressable',
        severity: 'medium',
        description: 'The team completed security training this year.',
        checks: [],
      },
    ],
  };
  const internal = service('wiki', {
    'vitals.dev/data-classification': 'internal',
  });

  it('runs through the same engine and is enforced for every classification', () => {
    const result = evaluate({ framework: baselineFramework, entity: internal });
    expect(result.framework).toBe('internal-baseline');
    expect(result.enforced).toBe(true);
    expect(statuses(result)).toEqual({
      'BL-1': 'pass',
      'BL-2': 'pass',
      'BL-3': 'unknown',
    });
    expect(result.status).toBe('unknown');
    // high 3 + low 1 pass of 3 + 1 + 2.
    expect(result.score).toBe(67);
  });

  it('closes a control without checks by attestation', () => {
    const training: ControlAttestation = {
      entityRef: 'component:default/wiki',
      controlId: 'BL-3',
      link: 'https://lms.example.com/reports/2026/claims-team',
      attestedBy: 'user:default/team.lead',
      attestedAt: '2026-09-01T00:00:00Z',
      reviewBy: '2027-09-01T00:00:00Z',
    };
    const result = evaluate({
      framework: baselineFramework,
      entity: internal,
      attestations: [training],
    });
    // The baseline judges storage and SQL, not the service's key vault: the
    // vault may hold data, so the verdict stops at unknown and names it.
    expect(result.status).toBe('unknown');
    expect(result.statusReason).toContain('(microsoft.keyvault/vaults)');
    expect(result.score).toBe(100);
    const withoutVault = evaluate({
      framework: baselineFramework,
      entity: internal,
      resources: claimsResources.filter(r => r !== claimsVault),
      attestations: [training],
    });
    expect(withoutVault.status).toBe('compliant');
    expect(withoutVault.score).toBe(100);
    // A selector clause that could not be read may hide resources.
    const misread = evaluate({
      framework: baselineFramework,
      entity: internal,
      resources: claimsResources.filter(r => r !== claimsVault),
      invalidSelectors: ['label:nope', 'rg:', 'x', 'y'],
      attestations: [training],
    });
    expect(misread.status).toBe('unknown');
    expect(misread.score).toBe(100);
    expect(misread.statusReason).toBe(
      'vitals.dev/azure-selector has 4 clause(s) that could not be read ("label:nope", "rg:", "x" and 1 more), so resources they name may be missing from this evaluation. Until the annotation is fixed, the service is at best unknown.',
    );
  });
});

describe('evaluateEstate', () => {
  it("selects each entity's resources by its selector and lists unclaimed resources", () => {
    const tagged = estate.map(r =>
      r.id === claimsServer.id || r.id === claimsResources[1].id
        ? {
            ...r,
            tags: {
              ...r.tags,
              'vitals-entity': 'component:default/claims-api',
            },
          }
        : r,
    );
    const billing = service('billing-api', {
      'vitals.dev/azure-selector': 'tag:key1=value1, label:nope',
    });
    const { results, unownedResources, selectorErrors } = evaluateEstate({
      framework: hipaaFramework,
      entities: [entity, billing],
      resources: tagged,
      provenance,
      drSummaries: new Map([['component:default/claims-api', drReady]]),
      knownGroups: [...knownGroups],
      now: NOW,
      ruleVersion: '1.0.0',
    });
    expect(results.map(r => [r.entityRef, r.status])).toEqual([
      ['component:default/claims-api', 'non-compliant'],
      ['component:default/billing-api', 'unknown'],
    ]);
    // The claims entity sees the server, its database and the vault, not the storage account (tagged key1=value1).
    const claimsFindings = results[0].controls
      .flatMap(c => c.findings.map(f => f.resourceType))
      .filter(Boolean);
    expect(new Set(claimsFindings)).toEqual(
      new Set([
        'microsoft.sql/servers',
        'microsoft.sql/servers/databases',
        'microsoft.keyvault/vaults',
      ]),
    );
    expect(selectorErrors).toEqual([
      { entityRef: 'component:default/billing-api', invalid: ['label:nope'] },
    ]);
    expect(results[1].statusReason).toContain(
      'vitals.dev/azure-selector has 1 clause(s) that could not be read ("label:nope")',
    );
    // The workspace belongs to nobody; everything else is claimed or a child of something claimed.
    expect(unownedResources.map(r => r.name)).toEqual(['AzTest2170']);
  });
});

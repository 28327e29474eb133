import fs from 'node:fs';
import path from 'node:path';
import {
  SQL_MIN_GRACE_PERIOD_MINUTES,
  automaticSqlRecoverySeconds,
  isoDurationToSeconds,
} from '@vitals/plugin-dr-readiness-common';
import { MODULE_SET_DIR } from '../__testUtils__/templateFiles';
import {
  HipaaServiceRequest,
  parseRepositoryLocation,
  SERVICE_NAME_PATTERN,
  sqlAutomaticGraceMinutes,
  validateHipaaServiceRequest,
} from './serviceRequest';

const valid: HipaaServiceRequest = {
  name: 'claims-intake',
  description: 'Receives insurance claims',
  owner: 'group:default/care-experience',
  system: 'patient-portal',
  dataClassification: 'phi',
  primaryRegion: 'eastus2',
  secondaryRegion: 'pair',
  drTier: 'high',
  availabilityTarget: 99.9,
  latencyThresholdMs: 300,
  latencyTarget: 99,
  runtime: 'node',
  hosting: 'app-service',
  globalRouting: 'front-door',
  pipelineProvider: 'github-actions',
  repoUrl: 'github.com?owner=vitals-health&repo=claims-intake',
};

function problemsOf(change: Partial<HipaaServiceRequest>) {
  const result = validateHipaaServiceRequest({ ...valid, ...change });
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validateHipaaServiceRequest', () => {
  it('derives the plan of a valid request', () => {
    const result = validateHipaaServiceRequest(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toMatchObject({
      entityRef: 'component:default/claims-intake',
      owner: 'group:default/care-experience',
      system: 'system:default/patient-portal',
      hipaaApplies: true,
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      pairing: 'paired',
      geography: 'United States',
      drTier: 'high',
      rto: 'PT1H',
      rpo: 'PT15M',
      rtoMinutes: 60,
      rpoMinutes: 15,
      sqlRpoMinutes: 15,
      sqlFailoverMode: 'Manual',
      availabilityRatio: 0.999,
      errorBudgetMinutes: 43.2,
      latencyThresholdSeconds: 0.3,
      latencyRatio: 0.99,
      repository: {
        host: 'github.com',
        owner: 'vitals-health',
        repo: 'claims-intake',
      },
    });
    expect(result.plan.names.keyVault).toMatch(/^kv-claims-intake-/);
  });

  it('uses the configured tier objectives', () => {
    const result = validateHipaaServiceRequest(valid, {
      tiers: { high: { rto: 'PT30M', rpo: 'PT10M' } },
    });
    expect(result.ok && [result.plan.rto, result.plan.rpoMinutes]).toEqual([
      'PT30M',
      10,
    ]);
  });

  it.each([
    ['critical', undefined, 'Manual', 'PT15M'],
    ['high', undefined, 'Manual', 'PT1H'],
    ['standard', undefined, 'Automatic', 'PT4H'],
    // Configured tiers decide, not the tier's name.
    [
      'critical',
      { critical: { rto: 'PT3H', rpo: 'PT5M' } },
      'Automatic',
      'PT3H',
    ],
    ['standard', { standard: { rto: 'PT1H', rpo: 'PT1H' } }, 'Manual', 'PT1H'],
    ['standard', { standard: { rto: 'PT2H', rpo: 'PT2H' } }, 'Manual', 'PT2H'],
  ] as const)(
    'fails tier %s (%j) over %s: automatic failover only when the grace period leaves the databases writable within the RTO',
    (drTier, tiers, mode, rto) => {
      const result = validateHipaaServiceRequest(
        { ...valid, drTier },
        { tiers },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect([result.plan.rto, result.plan.sqlFailoverMode]).toEqual([
        rto,
        mode,
      ]);
      // The DR check's arithmetic: automatic recovery comes after the grace
      // period the sql module derives from the RPO.
      const automatic = automaticSqlRecoverySeconds(
        sqlAutomaticGraceMinutes(result.plan.sqlRpoMinutes),
      );
      expect(automatic <= isoDurationToSeconds(rto)!).toBe(
        mode === 'Automatic',
      );
    },
  );

  it('derives the grace period as the sql module does', () => {
    const hcl = fs.readFileSync(
      path.join(MODULE_SET_DIR, 'modules/sql/main.tf'),
      'utf8',
    );
    expect(hcl).toMatch(
      /grace_minutes\s*=\s*max\(60, ceil\(var\.rpo_minutes \/ 60\) \* 60\)/,
    );
    expect(SQL_MIN_GRACE_PERIOD_MINUTES).toBe(60);
    expect(
      [1, 5, 15, 60, 61, 120, 121, 1440].map(sqlAutomaticGraceMinutes),
    ).toEqual([60, 60, 60, 60, 120, 120, 180, 1440]);
  });

  it('gives tier none no objectives and a manual failover at the one-day ceiling', () => {
    const result = validateHipaaServiceRequest({ ...valid, drTier: 'none' });
    expect(result.ok && result.plan).toMatchObject({
      rto: null,
      rpo: null,
      rtoMinutes: null,
      sqlRpoMinutes: 1440,
      sqlFailoverMode: 'Manual',
    });
  });

  it('accepts numbers sent as strings and defaults the optional choices', () => {
    const result = validateHipaaServiceRequest({
      ...valid,
      availabilityTarget: '99.95',
      latencyThresholdMs: '250',
      latencyTarget: '95',
      dataClassification: undefined,
      hosting: undefined,
      globalRouting: undefined,
      sliSource: undefined,
    });
    expect(result.ok && result.plan).toMatchObject({
      sliSource: 'application-insights',
      availabilityTarget: 99.95,
      errorBudgetMinutes: 21.6,
      latencyThresholdMs: 250,
      dataClassification: 'phi',
      hosting: 'app-service',
      globalRouting: 'front-door',
    });
  });

  it.each<[string, Partial<HipaaServiceRequest>, RegExp]>([
    ['name', { name: 'Claims' }, /lowercase letters/],
    ['name', { name: 'claims--intake' }, /single hyphens/],
    ['name', { name: '1claims' }, /starting with a letter/],
    ['name', { name: 'a'.repeat(31) }, /3-30 characters/],
    ['name', { name: '' }, /name is required/],
    ['description', { description: 'x'.repeat(281) }, /281 characters/],
    ['owner', { owner: 'user:default/alice' }, /must be a group/],
    ['owner', { owner: undefined }, /owner is required/],
    ['system', { system: 'component:default/x' }, /must be a system/],
    ['dataClassification', { dataClassification: 'secret' }, /one of phi, pii/],
    [
      'primaryRegion',
      { primaryRegion: 'eastus3' },
      /not an Azure region. Did you mean/,
    ],
    [
      'secondaryRegion',
      { secondaryRegion: 'northeurope' },
      /PHI must stay in one geography/,
    ],
    ['drTier', { drTier: 'gold' }, /critical, high, standard, none/],
    [
      'sliSource',
      { sliSource: 'datadog' },
      /sliSource must be one of application-insights, prometheus, got "datadog"/,
    ],
    ['availabilityTarget', { availabilityTarget: 100 }, /no error budget/],
    [
      'availabilityTarget',
      { availabilityTarget: 89 },
      /at least 90 and below 100/,
    ],
    [
      'availabilityTarget',
      { availabilityTarget: 'high' },
      /percentage such as 99.9/,
    ],
    [
      'availabilityTarget',
      { availabilityTarget: 99.9999 },
      /at most three decimals/,
    ],
    ['latencyThresholdMs', { latencyThresholdMs: 0 }, /above 0/],
    ['latencyThresholdMs', { latencyThresholdMs: 12.5 }, /whole number/],
    ['latencyThresholdMs', { latencyThresholdMs: 60_001 }, /at most 60000/],
    ['latencyTarget', { latencyTarget: 100 }, /below 100/],
    ['latencyTarget', { latencyTarget: 40 }, /at least 50/],
    ['runtime', { runtime: 'cobol' }, /node, dotnet, java/],
    ['hosting', { hosting: 'vm' }, /app-service, aks/],
    ['globalRouting', { globalRouting: 'traffic-manager' }, /Private Link/],
    [
      'pipelineProvider',
      { pipelineProvider: 'jenkins' },
      /github-actions, azure-pipelines/,
    ],
    [
      'repoUrl',
      { repoUrl: 'github.com/vitals-health/claims' },
      /host\?owner=<owner>&repo=<repository>/,
    ],
    ['repoUrl', { repoUrl: '' }, /repoUrl is required/],
  ])('refuses %s: %j', (field, change, message) => {
    const problems = problemsOf(change);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field,
          message: expect.stringMatching(message),
        }),
      ]),
    );
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      name: 'X',
      drTier: 'gold',
      latencyTarget: 101,
    });
    expect(problems.map(p => p.field).sort()).toEqual([
      'drTier',
      'latencyTarget',
      'name',
    ]);
  });

  it('lets Traffic Manager front AKS', () => {
    expect(
      validateHipaaServiceRequest({
        ...valid,
        hosting: 'aks',
        globalRouting: 'traffic-manager',
      }).ok,
    ).toBe(true);
  });
});

describe('SERVICE_NAME_PATTERN', () => {
  it.each(['abc', 'claims-intake', 'a1-b2', 'a'.repeat(30)])(
    'accepts %p',
    name => {
      expect(SERVICE_NAME_PATTERN.test(name)).toBe(true);
    },
  );
  it.each(['ab', 'a'.repeat(31), '-abc', 'abc-', 'a--b', 'Abc', 'a_b', '1ab'])(
    'refuses %p',
    name => {
      expect(SERVICE_NAME_PATTERN.test(name)).toBe(false);
    },
  );
});

describe('parseRepositoryLocation', () => {
  it('reads RepoUrlPicker values', () => {
    expect(parseRepositoryLocation('github.com?owner=o&repo=r')).toEqual({
      host: 'github.com',
      owner: 'o',
      repo: 'r',
      webUrl: 'https://github.com/o/r',
      cloneUrl: 'https://github.com/o/r.git',
      blobUrl: 'https://github.com/o/r/blob/main',
    });
    expect(
      parseRepositoryLocation(
        'dev.azure.com?organization=org&project=Clinical Data&repo=r',
      ),
    ).toEqual({
      host: 'dev.azure.com',
      owner: 'org',
      project: 'Clinical Data',
      repo: 'r',
      webUrl: 'https://dev.azure.com/org/Clinical%20Data/_git/r',
      cloneUrl: 'https://dev.azure.com/org/Clinical%20Data/_git/r',
      blobUrl:
        'https://dev.azure.com/org/Clinical%20Data/_git/r?version=GBmain&path=',
    });
  });
  it.each([
    'github.com',
    'github.com?owner=o',
    'dev.azure.com?organization=org&repo=r',
    'github.com/o/r?owner=o&repo=r',
    'github.com?owner=o&repo=a b',
  ])('refuses %p', value => {
    expect(parseRepositoryLocation(value)).toBeUndefined();
  });
});

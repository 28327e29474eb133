import { Entity } from '@backstage/catalog-model';
import { countMissingDrSummaries, evaluationOptionsFor } from './evaluator';

function component(name: string, tier?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: tier ? { 'vitals.dev/dr-tier': tier } : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:a' },
  };
}

describe('countMissingDrSummaries', () => {
  const entities = [
    component('Records-Service', 'critical'),
    component('lab-results', 'high'),
    component('brochure'),
  ];
  const summary = {
    secondaryRegion: 'centralus',
    secondaryStatus: 'ready' as const,
    lastDrill: null,
    evaluatedAt: '2026-11-23T12:00:00Z',
  };

  it('counts services with a DR tier the DR plugin has not evaluated yet', () => {
    expect(
      countMissingDrSummaries(entities, {
        available: true,
        evaluatedAt: '2026-11-23T12:00:00Z',
        summaries: new Map([['component:default/records-service', summary]]),
      }),
    ).toBe(1);
  });

  it('counts none once every tiered service has a summary', () => {
    expect(
      countMissingDrSummaries(entities, {
        available: true,
        evaluatedAt: '2026-11-23T12:00:00Z',
        summaries: new Map([
          ['component:default/records-service', summary],
          ['component:default/lab-results', summary],
        ]),
      }),
    ).toBe(0);
  });

  it('counts none when the DR plugin is unavailable (reported separately)', () => {
    expect(
      countMissingDrSummaries(entities, {
        available: false,
        error: 'the DR-readiness plugin has not evaluated any service yet',
      }),
    ).toBe(0);
  });
});

describe('evaluationOptionsFor', () => {
  const options = { minimumLogRetentionDays: 365 };

  it('leaves the options of a snapshot as they are', () => {
    expect(evaluationOptionsFor({ source: 'snapshot' }, options)).toBe(options);
    expect(evaluationOptionsFor({ source: 'snapshot' }, undefined)).toBe(
      undefined,
    );
  });

  it('names the child types a live load reads, keeping the other options', () => {
    const live = evaluationOptionsFor({ source: 'live' }, options)!;
    expect(live.minimumLogRetentionDays).toBe(365);
    const types = [...(live.collectedChildTypes ?? [])];
    expect(types).toEqual(
      expect.arrayContaining([
        'microsoft.insights/diagnosticsettings',
        'microsoft.sql/servers/databases/transparentdataencryption',
        'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems',
        'microsoft.cdn/profiles/afdendpoints/routes',
      ]),
    );
    // What the live table does not read is not claimed.
    expect(types).not.toContain('microsoft.sql/servers/administrators');
    expect(types).not.toContain(
      'microsoft.operationalinsights/workspaces/tables',
    );
    // The same options object for every evaluation, so its sets are built once.
    expect(evaluationOptionsFor({ source: 'live' }, options)).toBe(live);
    expect(evaluationOptionsFor({ source: 'live' }, undefined)).toEqual({
      collectedChildTypes: live.collectedChildTypes,
    });
  });

  it('lets configured child types win', () => {
    const configured = { collectedChildTypes: ['microsoft.web/sites/config'] };
    expect(evaluationOptionsFor({ source: 'live' }, configured)).toBe(
      configured,
    );
  });
});

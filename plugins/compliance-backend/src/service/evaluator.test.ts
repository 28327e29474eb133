import { Entity } from '@backstage/catalog-model';
import { countMissingDrSummaries } from './evaluator';

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

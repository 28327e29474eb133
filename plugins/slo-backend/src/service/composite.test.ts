import {
  compositeOf,
  parseSloDocuments,
  SloStatus,
} from '@vitals/plugin-slo-common';
import { StoredTarget } from '../database/SloStore';
import { computeComposite, withCompositeFreshness } from './composite';

const NOW = Date.UTC(2026, 11, 5, 12);

const step = (key: string, weight: number, target: number) => `
    - displayName: ${key}
      target: ${target}
      compositeWeight: ${weight}
      indicator:
        spec:
          ratioMetric:
            counter: true
            good: { metricSource: { spec: { query: good_${key} } } }
            total: { metricSource: { spec: { query: total_${key} } } }`;

const [definition] = parseSloDocuments([
  {
    file: 'journey.yaml',
    text: `apiVersion: openslo/v1
kind: SLO
metadata: { name: journey }
spec:
  service: portal
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives:${step('a', 1, 0.9995)}${step('b', 2, 0.999)}
`,
  },
]).slos;
const composite = compositeOf(definition)!;

const status = (name: string, sli: number | null, target: number) =>
  ({
    name,
    sli: { good: 0, total: sli === null ? 0 : 1000, ratio: sli },
    errorBudget: {
      budget: 1 - target,
      consumed: sli === null ? 0 : (1 - sli) / (1 - target),
      remaining: sli === null ? 1 : 1 - (1 - sli) / (1 - target),
    },
    policyState: 'healthy',
    window: {
      duration: '30d',
      rolling: true,
      start: new Date(NOW - 30 * 86_400_000).toISOString(),
      end: new Date(NOW).toISOString(),
    },
    burnRates: [],
    coverage: 1,
    history: [],
    dataSource: 'prometheus',
    stale: false,
  } as unknown as SloStatus);

const stored = (
  name: string,
  figures: SloStatus | null,
  extra: Partial<StoredTarget> = {},
): StoredTarget => ({
  entityRef: 'system:default/portal',
  name,
  seriesKey: name,
  definition,
  objectiveKey: name.split('.')[1],
  dataSource: 'prometheus',
  status: figures,
  computedAt: figures ? NOW - 60_000 : null,
  lastAttemptAt: figures ? NOW - 60_000 : null,
  lastError: null,
  owner: null,
  system: null,
  ...extra,
});

describe('computeComposite', () => {
  it('computes the README example from the stored components', () => {
    const outcome = computeComposite(
      composite,
      [
        stored('journey.a', status('journey.a', 0.9998, 0.9995)),
        stored('journey.b', status('journey.b', 0.9994, 0.999)),
      ],
      NOW,
    );
    expect(outcome.failure).toBeUndefined();
    expect(outcome.computedAt).toBe(NOW - 60_000);
    const figures = outcome.status!;
    // S = 2.9986/3, C = 0.56 (README, "Composite (journey) SLOs")
    expect(figures.sli.ratio).toBeCloseTo(2.9986 / 3, 12);
    expect(figures.errorBudget.remaining).toBeCloseTo(0.44, 12);
    expect(figures.policyState).toBe('healthy');
    expect(
      figures.composite!.components.map(c => [c.name, c.contribution]),
    ).toEqual([
      ['journey.a', expect.closeTo(0.08, 12)],
      ['journey.b', expect.closeTo(0.48, 12)],
    ]);
    expect(figures.warnings).toEqual([]);
  });

  it('leaves out a component without data, and says so', () => {
    const figures = computeComposite(
      composite,
      [
        stored('journey.a', status('journey.a', 0.9998, 0.9995)),
        stored('journey.b', status('journey.b', null, 0.999)),
      ],
      NOW,
    ).status!;
    // Only a: C = 0.0002/0.0005 = 0.4
    expect(figures.sli.ratio).toBeCloseTo(0.9998, 12);
    expect(figures.errorBudget.remaining).toBeCloseTo(0.6, 12);
    expect(figures.warnings).toEqual([
      'component journey.b has no data yet; the composite is computed without it',
    ]);
  });

  it('records a failing component as the composite’s failure, older than it', () => {
    const outcome = computeComposite(
      composite,
      [
        stored('journey.a', status('journey.a', 0.9998, 0.9995)),
        stored('journey.b', status('journey.b', 0.9994, 0.999), {
          lastError: 'Prometheus answered 503',
          lastAttemptAt: NOW,
        }),
      ],
      NOW,
    );
    expect(outcome.failure).toBe(
      'component journey.b failed: Prometheus answered 503',
    );
    expect(outcome.computedAt).toBeLessThan(NOW);
    expect(outcome.status!.composite!.components[1].stale).toBe(true);
  });

  it('has no figures while no component has any', () => {
    const outcome = computeComposite(
      composite,
      [stored('journey.a', null), stored('journey.b', null)],
      NOW,
    );
    expect(outcome.status).toBeUndefined();
    expect(outcome.failure).toBe(
      'component journey.a has not been computed yet; component journey.b has not been computed yet',
    );
  });
});

describe('withCompositeFreshness', () => {
  it('marks a composite stale when any component is', () => {
    const figures = computeComposite(
      composite,
      [
        stored('journey.a', status('journey.a', 0.9998, 0.9995)),
        stored('journey.b', status('journey.b', 0.9994, 0.999)),
      ],
      NOW,
    ).status!;
    const served = withCompositeFreshness([
      figures,
      status('journey.a', 0.9998, 0.9995),
      { ...status('journey.b', 0.9994, 0.999), stale: true },
    ]);
    expect(served[0].stale).toBe(true);
    expect(served[0].composite!.components.map(c => c.stale)).toEqual([
      false,
      true,
    ]);
    expect(served.slice(1).map(s => s.stale)).toEqual([false, true]);
  });
});

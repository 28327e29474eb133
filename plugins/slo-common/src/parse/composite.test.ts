import fs from 'node:fs';
import path from 'node:path';
import { compositeOf, sloTargets } from '../model';
import { parseSloDocuments } from '.';

const indicator = (service: string, entity?: string) => `
      indicator:
        metadata:
          name: ${service}-ok${
  entity
    ? `
          annotations:
            vitals.dev/entity-ref: ${entity}`
    : ''
}
        spec:
          ratioMetric:
            counter: true
            good:
              metricSource:
                metricSourceRef: prometheus
                spec:
                  query: http_requests_total{service="${service}",code!~"5.."}
            total:
              metricSource:
                metricSourceRef: prometheus
                spec:
                  query: http_requests_total{service="${service}"}`;

const composite = (objectives: string, extra = '') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: book-appointment
  displayName: Book an appointment
spec:
  service: patient-portal${extra}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
${objectives}
`;

const sli = `---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: booking-ok
  annotations:
    vitals.dev/entity-ref: component:appointments-service
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        spec:
          query: http_requests_total{service="appointments-service",code!~"5.."}
    total:
      metricSource:
        spec:
          query: http_requests_total{service="appointments-service"}
`;

const twoSteps = `    - displayName: Sign in
      target: 0.9995
      compositeWeight: 1${indicator(
        'identity-gateway',
        'component:default/identity-gateway',
      )}
    - displayName: Book
      target: 0.999
      compositeWeight: 2
      indicatorRef: booking-ok`;

const parse = (text: string) =>
  parseSloDocuments([{ file: 'journey.yaml', text }]);

describe('composite SLOs (OpenSLO v1)', () => {
  it('reads each component with its own indicator, weight, target and entity', () => {
    const parsed = parse(composite(twoSteps) + sli);
    expect(parsed.issues).toEqual([]);
    const [slo] = parsed.slos;
    expect(slo.composite).toBe(true);
    expect(slo.objectives).toEqual([
      expect.objectContaining({
        key: 'sign-in',
        target: 0.9995,
        compositeWeight: 1,
        entityRef: 'component:default/identity-gateway',
        indicator: expect.objectContaining({
          kind: 'ratio',
          total: expect.objectContaining({
            query: 'http_requests_total{service="identity-gateway"}',
          }),
        }),
      }),
      expect.objectContaining({
        key: 'book',
        target: 0.999,
        compositeWeight: 2,
        entityRef: 'component:default/appointments-service',
        indicator: expect.objectContaining({
          total: expect.objectContaining({
            query: 'http_requests_total{service="appointments-service"}',
          }),
        }),
      }),
    ]);
    expect(sloTargets(slo).map(t => t.name)).toEqual([
      'book-appointment.sign-in',
      'book-appointment.book',
    ]);
    const entry = compositeOf(slo)!;
    expect(entry.name).toBe('book-appointment');
    expect(entry.components.map(c => [c.name, c.weight])).toEqual([
      ['book-appointment.sign-in', 1],
      ['book-appointment.book', 2],
    ]);
    // (0.9995 + 2·0.999)/3
    expect(entry.target).toBeCloseTo(2.9975 / 3, 12);
  });

  it('weighs components 1 unless told otherwise', () => {
    const parsed = parse(
      composite(`    - target: 0.99${indicator('a')}
    - target: 0.95${indicator('b')}`),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.slos[0].objectives.map(o => o.compositeWeight)).toEqual([
      1, 1,
    ]);
    expect(compositeOf(parsed.slos[0])!.target).toBeCloseTo(0.97, 12);
  });

  it('keeps <slo>.<objective> rows for non-composite SLOs', () => {
    const parsed = parse(`apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: api
${indicator('api').replace(/^ {4}/gm, '')}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: strict
      target: 0.999
    - displayName: lenient
      target: 0.99
`);
    expect(parsed.issues).toEqual([]);
    expect(parsed.slos[0].composite).toBeUndefined();
    expect(compositeOf(parsed.slos[0])).toBeUndefined();
    expect(sloTargets(parsed.slos[0]).map(t => t.name)).toEqual([
      'availability.strict',
      'availability.lenient',
    ]);
  });

  it.each([
    ['0', 'compositeWeight: 0', 'must be a positive number, got 0'],
    ['negative', 'compositeWeight: -2', 'must be a positive number, got -2'],
    [
      'non-numeric',
      'compositeWeight: heavy',
      'must be a positive number, got "heavy"',
    ],
  ])('refuses a weight that is %s, naming the field', (_, line, message) => {
    const parsed = parse(
      composite(`    - target: 0.99
      ${line}${indicator('a')}
    - target: 0.95${indicator('b')}`),
    );
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        object: 'SLO book-appointment',
        path: 'spec.objectives[0].compositeWeight',
        message,
      }),
    ]);
  });

  it('refuses a top-level indicator mixed with per-objective indicators', () => {
    const parsed = parse(
      composite(
        `    - target: 0.99${indicator('a')}
    - target: 0.95`,
        `\n  indicatorRef: booking-ok`,
      ) + sli,
    );
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.objectives[0].indicator',
        message: expect.stringContaining(
          'cannot be combined with spec.indicator',
        ),
      }),
    ]);
  });

  it('refuses a composite component without an indicator', () => {
    const parsed = parse(
      composite(`    - target: 0.99${indicator('a')}
    - target: 0.95`),
    );
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.objectives[1].indicator',
        message: expect.stringContaining(
          'every objective names its own indicator',
        ),
      }),
    ]);
  });

  it('refuses a budgeting method per component', () => {
    const parsed = parse(
      composite(`    - target: 0.99
      budgetingMethod: Timeslices${indicator('a')}
    - target: 0.95${indicator('b')}`),
    );
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        path: 'spec.objectives[0].budgetingMethod',
        message: expect.stringContaining('spec.budgetingMethod, shared'),
      }),
    ]);
  });

  it('allows a composite of one component, with a warning', () => {
    const parsed = parse(composite(`    - target: 0.99${indicator('a')}`));
    expect(parsed.slos).toHaveLength(1);
    expect(sloTargets(parsed.slos[0]).map(t => t.name)).toEqual([
      'book-appointment.0',
    ]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'spec.objectives',
        message: expect.stringContaining('one component'),
      }),
    ]);
  });

  it('ignores a weight on an SLO that is not composite, with a warning', () => {
    const parsed = parse(
      composite(
        `    - target: 0.95
      compositeWeight: 2`,
        `\n  indicatorRef: booking-ok`,
      ) + sli,
    );
    expect(parsed.slos).toHaveLength(1);
    expect(parsed.slos[0].objectives[0].compositeWeight).toBeUndefined();
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'spec.objectives[0].compositeWeight',
      }),
    ]);
  });

  it('shows a component with an unusable entity ref without a link', () => {
    const parsed = parse(
      composite(`    - target: 0.99${indicator('a', 'not a ref')}
    - target: 0.95${indicator('b')}`),
    );
    expect(parsed.slos).toHaveLength(1);
    expect(parsed.slos[0].objectives[0].entityRef).toBeUndefined();
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'spec.objectives[0].indicator.metadata.annotations.vitals.dev/entity-ref',
      }),
    ]);
  });

  it('requires an indicator somewhere', () => {
    const parsed = parse(composite(`    - target: 0.99`));
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.indicator',
      }),
    ]);
  });
});

describe('the demo journey', () => {
  it('parses without issues', () => {
    const file = path.resolve(
      __dirname,
      '../../../../examples/slos/patient-portal.yaml',
    );
    const parsed = parseSloDocuments([
      { file: 'patient-portal.yaml', text: fs.readFileSync(file, 'utf8') },
    ]);
    expect(parsed.issues).toEqual([]);
    const entry = compositeOf(parsed.slos[0])!;
    expect(entry.components).toEqual([
      expect.objectContaining({
        name: 'book-appointment.sign-in',
        weight: 1,
        entityRef: 'component:default/identity-gateway',
      }),
      expect.objectContaining({
        name: 'book-appointment.book',
        weight: 2,
        entityRef: 'component:default/appointments-service',
      }),
    ]);
  });
});

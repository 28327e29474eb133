import { DAY, MINUTE, parseDuration } from '../duration';
import { sloTargets } from '../model';
import { formatIssue, parseSloDocuments } from './index';

const slo = (
  name: string,
  objectives = '    - target: 0.999',
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: appointments
  indicator:
    metadata:
      name: ok
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total{code!~"5.."}
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: http_requests_total
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
${objectives}
`;

const parseOne = (text: string, file = 'slo.yaml') =>
  parseSloDocuments([{ file, text }]);

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * DAY],
    ['4w', 28 * DAY],
    ['1M', 30 * DAY],
    ['1h30m', 90 * MINUTE],
    ['5m', 5 * MINUTE],
    ['500ms', 500],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)?.ms).toBe(ms);
  });

  it.each(['', '30', 'd', '-5m', '0d', '5 m', '5mins', 'P30D', null, 30])(
    'rejects %p',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('parseSloDocuments', () => {
  it('reads a complete OpenSLO v1 SLO', () => {
    const parsed = parseOne(slo('availability'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.slos).toEqual([
      expect.objectContaining({
        name: 'availability',
        service: 'appointments',
        budgetingMethod: 'Occurrences',
        timeWindow: { durationMs: 30 * DAY, duration: '30d', rolling: true },
        objectives: [expect.objectContaining({ target: 0.999 })],
        indicator: {
          kind: 'ratio',
          counter: true,
          good: {
            dataSourceRef: 'prometheus',
            query: 'http_requests_total{code!~"5.."}',
          },
          total: { dataSourceRef: 'prometheus', query: 'http_requests_total' },
          bad: undefined,
        },
        source: { file: 'slo.yaml', documentIndex: 0, line: 1 },
      }),
    ]);
  });

  it.each([
    [
      '    - target: 1.5',
      'spec.objectives[0].target',
      'must be a fraction between 0 and 1, exclusive (0.999 for 99.9%), got 1.5: a target of 150% leaves no error budget',
    ],
    [
      '    - target: 99.9',
      'spec.objectives[0].target',
      'write targetPercent: 99.9',
    ],
    [
      '    - targetPercent: 150',
      'spec.objectives[0].targetPercent',
      'must be a percentage between 0 and 100, exclusive, got 150',
    ],
    ['    - target: 0', 'spec.objectives[0].target', 'got 0'],
    [
      '    - target: "high"',
      'spec.objectives[0].target',
      'must be a number, got "high"',
    ],
    [
      '    - displayName: no target',
      'spec.objectives[0].target',
      'is required',
    ],
    [
      '    - target: 0.99\n      op: under',
      'spec.objectives[0].op',
      'must be one of lt, lte, gt, gte, got "under"',
    ],
  ])('rejects %j with an error at %s', (objectives, path, message) => {
    const parsed = parseOne(slo('availability', objectives));
    expect(parsed.slos).toEqual([]);
    const error = parsed.issues.find(i => i.severity === 'error');
    expect(error).toMatchObject({
      file: 'slo.yaml',
      documentIndex: 0,
      path,
      object: 'SLO availability',
    });
    expect(error!.message).toContain(message);
  });

  it('names the line of malformed YAML and keeps the good documents next to it', () => {
    const text = `${slo(
      'first',
    )}---\nkind: SLO\nmetadata: [unclosed\n---\n${slo('second')}`;
    const parsed = parseOne(text);
    expect(parsed.slos.map(s => s.name)).toEqual(['first', 'second']);
    const error = parsed.issues.find(i => i.severity === 'error')!;
    expect(error.documentIndex).toBe(1);
    expect(error.message).toMatch(/not valid YAML/);
    expect(error.line).toBeGreaterThan(30);
    expect(formatIssue(error)).toMatch(
      /^slo\.yaml#1 \(line \d+\): is not valid YAML/,
    );
  });

  it('reports a document of another kind without stopping', () => {
    const parsed = parseOne(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n---\n${slo(
        'ok',
      )}`,
    );
    expect(parsed.slos.map(s => s.name)).toEqual(['ok']);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        documentIndex: 0,
        path: 'apiVersion',
        message: expect.stringContaining('is not an SLO document'),
      }),
    ]);
  });

  it('resolves an indicatorRef to an SLI in another file of the entity', () => {
    const sli = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: latency
spec:
  thresholdMetric:
    metricSource:
      spec:
        query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))
`;
    const sloText = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: latency
spec:
  service: appointments
  indicatorRef: latency
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - displayName: p99 under 300 ms
      op: lt
      value: 0.3
      target: 0.99
      timeSliceTarget: 1
      timeSliceWindow: 1m
`;
    const parsed = parseSloDocuments([
      { file: 'slo.yaml', text: sloText },
      { file: 'sli.yaml', text: sli },
    ]);
    expect(parsed.issues).toEqual([]);
    expect(parsed.slos[0].indicator.kind).toBe('threshold');
    expect(parsed.slos[0].objectives[0]).toMatchObject({
      key: 'p99-under-300-ms',
      op: 'lt',
      value: 0.3,
      timeSliceWindowMs: MINUTE,
    });
  });

  it('requires a slice window for Timeslices', () => {
    const parsed = parseOne(
      slo('t', '    - target: 0.99').replace('Occurrences', 'Timeslices'),
    );
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        path: 'spec.objectives[0].timeSliceWindow',
        message: 'is required with budgetingMethod Timeslices',
      }),
    );
  });

  it('rejects an unknown budgeting method and a bad window, naming both fields', () => {
    const text = slo('x')
      .replace('Occurrences', 'Sometimes')
      .replace('duration: 30d', 'duration: thirty days');
    const parsed = parseOne(text);
    const paths = parsed.issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'spec.budgetingMethod',
        'spec.timeWindow[0].duration',
      ]),
    );
    expect(parsed.slos).toEqual([]);
  });

  it('requires a calendar for a calendar window', () => {
    const text = slo('x').replace('isRolling: true', 'isRolling: false');
    const parsed = parseOne(text);
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        path: 'spec.timeWindow[0].calendar.startTime',
        message: 'is required',
      }),
    );
  });

  it('rejects good and bad together, and a ratio without total', () => {
    const both = parseOne(
      slo('x').replace(
        'good:',
        'bad:\n          metricSource:\n            spec:\n              query: errors_total\n        good:',
      ),
    );
    expect(both.issues.map(i => i.message)).toContain(
      'must have either good or bad, not both',
    );
    const noTotal = parseOne(
      slo('y').replace(/ {8}total:[\s\S]*?query: http_requests_total\n/, ''),
    );
    expect(noTotal.issues).toContainEqual(
      expect.objectContaining({
        path: 'spec.indicator.spec.ratioMetric.total',
        message: 'is required',
      }),
    );
  });

  it('refuses a duplicate SLO name', () => {
    const parsed = parseOne(`${slo('a')}---\n${slo('a')}`);
    expect(parsed.slos).toHaveLength(1);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        documentIndex: 1,
        message: expect.stringContaining('duplicates'),
      }),
    ]);
  });

  it('names one row per objective when an SLO has several', () => {
    const parsed = parseOne(
      slo(
        'avail',
        '    - displayName: Internal\n      target: 0.999\n    - displayName: SLA\n      target: 0.99',
      ),
    );
    expect(sloTargets(parsed.slos[0]).map(t => t.name)).toEqual([
      'avail.internal',
      'avail.sla',
    ]);
    expect(
      sloTargets(parseOne(slo('single')).slos[0]).map(t => t.name),
    ).toEqual(['single']);
  });

  it('infers counter when it is missing, and says so', () => {
    const parsed = parseOne(slo('x').replace(/ +counter: true\n/, ''));
    expect(parsed.slos[0].indicator).toMatchObject({ counter: true });
    expect(parsed.slos[0].warnings.join()).toContain(
      'counter is not set; assumed true',
    );
  });

  it('never throws on garbage', () => {
    for (const text of [
      '',
      '---',
      '42',
      '- 1\n- 2',
      '{',
      'apiVersion: openslo/v1\nkind: SLO',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec: 7',
    ]) {
      expect(() => parseOne(text)).not.toThrow();
    }
    expect(
      parseOne(
        'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec: 7',
      ).issues,
    ).toContainEqual(
      expect.objectContaining({
        path: 'spec',
        message: 'must be a mapping, got 7',
      }),
    );
  });
});

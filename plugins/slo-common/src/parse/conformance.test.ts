import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { deriveBurnRateWindows } from '../math/burnRate';
import { DAY, HOUR, MINUTE } from '../duration';
import { parseSloDocuments } from './index';

/**
 * The peer test suite: real SLO files written by the OpenSLO, Sloth and Pyrra
 * projects, read in place from ../shared/conformance (see its README for what
 * a conforming parser does with each folder).
 */
const conformanceDir =
  process.env.VITALS_CONFORMANCE_DIR ??
  path.resolve(__dirname, '../../../../../shared/conformance');
const available = fs.existsSync(conformanceDir);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `SLO conformance corpus SKIPPED: ${conformanceDir} does not exist on this machine`,
  );
}
const describeIfAvailable = available ? describe : describe.skip;

function read(relative: string) {
  const file = path.join(conformanceDir, relative);
  return { file: relative, text: fs.readFileSync(file, 'utf8') };
}

function list(folder: string) {
  return fs
    .readdirSync(path.join(conformanceDir, folder))
    .filter(f => /\.ya?ml$/.test(f))
    .map(f => `${folder}/${f}`);
}

describeIfAvailable('conformance: OpenSLO valid documents', () => {
  const files = available ? list('openslo/valid') : [];

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s parses without errors', file => {
    const parsed = parseSloDocuments([read(file)]);
    const errors = parsed.issues.filter(i => i.severity === 'error');
    expect(errors).toEqual([]);
    const declaredSlos = (file.includes('v1alpha') ? [] : [read(file)])
      .flatMap(f => f.text.split('\n'))
      .filter(line => /^\s*-?\s*kind: SLO\s*$/.test(line)).length;
    expect(parsed.slos).toHaveLength(declaredSlos);
    for (const slo of parsed.slos) {
      expect(slo.indicator).toBeDefined();
      expect(slo.objectives.length).toBeGreaterThan(0);
    }
  });

  it('reads every budgeting method of the spec examples', () => {
    const method = (file: string) =>
      parseSloDocuments([read(file)]).slos.map(s => s.budgetingMethod);
    expect(
      method('openslo/valid/spec-budgeting-method-occurences-slo.yaml'),
    ).toEqual(['Occurrences']);
    expect(
      method('openslo/valid/spec-budgeting-method-timeslices-slo.yaml'),
    ).toEqual(['Timeslices']);
    expect(
      method('openslo/valid/spec-budgeting-method-ratio-timeslices.yaml'),
    ).toEqual(['RatioTimeslices']);
  });

  it('resolves indicatorRef to the SLI declared next to it', () => {
    const parsed = parseSloDocuments([
      read('openslo/valid/go-sdk-inline-inputs-v1_slo.yaml'),
    ]);
    const slo2 = parsed.slos.find(s => s.name === 'my-slo-2')!;
    expect(slo2.indicator).toEqual({
      kind: 'threshold',
      query: {
        dataSourceRef: 'my-prometheus',
        dataSourceType: 'Prometheus',
        query: expect.stringContaining('kafka_consumergroup_lag'),
      },
    });
    expect(slo2.timeWindow).toMatchObject({
      rolling: false,
      calendar: {
        startTime: '2022-01-01 12:00:00',
        timeZone: 'America/New_York',
      },
      calendarUnit: { count: 1, unit: 'w' },
    });
    expect(slo2.objectives[0]).toMatchObject({
      op: 'gt',
      value: 1,
      target: 0.995,
      timeSliceTarget: 0.95,
      timeSliceWindowMs: MINUTE,
    });
  });
});

describeIfAvailable('conformance: OpenSLO invalid documents', () => {
  it('reports the unresolved indicatorRef, naming the SLO', () => {
    const parsed = parseSloDocuments([
      read('openslo/invalid/go-sdk-v1_slo_invalid_sli.yaml'),
    ]);
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        object: 'SLO my-slo',
        path: 'spec.indicatorRef',
        message: expect.stringContaining('"no-sli" does not resolve'),
      }),
    );
  });

  it('reports an unresolved alert policy on the SLO and still evaluates it', () => {
    const parsed = parseSloDocuments([
      read('openslo/invalid/go-sdk-v1_slo_invalid_policy.yaml'),
    ]);
    expect(parsed.slos.map(s => s.name)).toEqual(['my-slo']);
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        object: 'SLO my-slo',
        path: 'spec.alertPolicies[0].alertPolicyRef',
        message: expect.stringContaining('"no-policy" does not resolve'),
      }),
    );
    expect(parsed.slos[0].warnings.join('\n')).toContain('no-policy');
  });

  it('reports the unresolved notification target of an inline policy and still evaluates the SLO', () => {
    const parsed = parseSloDocuments([
      read('openslo/invalid/go-sdk-v1_slo_invalid_target.yaml'),
    ]);
    expect(parsed.slos.map(s => s.name)).toEqual(['my-slo']);
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        object: 'SLO my-slo',
        message: expect.stringContaining(
          '"devs-email-notification" does not resolve',
        ),
      }),
    );
  });

  it.each([
    [
      'openslo/invalid/go-sdk-v1_alert_policies_invalid_condition.yaml',
      'cpu-usage-breach',
      'conditionRef',
    ],
    [
      'openslo/invalid/go-sdk-v1_alert_policies_invalid_target.yaml',
      'devs-email-notification',
      'targetRef',
    ],
  ])('reports the unresolved reference in %s', (file, ref, field) => {
    const parsed = parseSloDocuments([read(file)]);
    const issue = parsed.issues.find(i =>
      i.message.includes(`"${ref}" does not resolve`),
    );
    expect(issue).toBeDefined();
    expect(issue!.path).toContain(field);
    expect(issue!.object).toMatch(/^AlertPolicy /);
  });
});

describeIfAvailable('conformance: Sloth', () => {
  it.each([
    ['sloth/getting-started.yml', ['myservice-requests-availability']],
    [
      'sloth/home-wifi.yml',
      [
        'home-wifi-good-wifi-client-satisfaction',
        'home-wifi-risk-wifi-client-satisfaction',
      ],
    ],
    ['sloth/raw-home-wifi.yml', ['home-wifi-wifi-client-satisfaction']],
    ['sloth/no-alerts.yml', ['myapp-http-availability']],
    [
      'sloth/multifile.yml',
      ['myservice-requests-availability', 'myservice2-requests-availability'],
    ],
    [
      'sloth/kubernetes-apiserver.yml',
      ['k8s-apiserver-requests-availability', 'k8s-apiserver-requests-latency'],
    ],
    ['sloth/k8s-getting-started.yml', ['myservice-requests-availability']],
    ['sloth/openslo-getting-started.yml', ['sloth-slo-my-service']],
    [
      'sloth/openslo-kubernetes-apiserver.yml',
      ['requests-availability-openslo', 'requests-latency-openslo'],
    ],
  ])('%s converts to %j', (file, names) => {
    const parsed = parseSloDocuments([read(file)]);
    expect(parsed.issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(parsed.slos.map(s => s.name)).toEqual(names);
    for (const slo of parsed.slos) {
      expect(slo.timeWindow.durationMs).toBe(30 * DAY);
    }
  });

  it('keeps the {{.window}} placeholder of event queries as rates', () => {
    const [slo] = parseSloDocuments([read('sloth/getting-started.yml')]).slos;
    expect(slo.objectives[0].target).toBe(0.999);
    expect(slo.indicator).toEqual({
      kind: 'ratio',
      counter: false,
      bad: {
        query:
          'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
      },
      total: {
        query:
          'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
      },
    });
    expect(slo.labels).toMatchObject({ owner: 'myteam', tier: '2' });
  });

  it('reads raw error-ratio queries', () => {
    const [slo] = parseSloDocuments([read('sloth/raw-home-wifi.yml')]).slos;
    expect(slo.indicator.kind).toBe('raw-ratio');
    expect(slo.indicator).toMatchObject({ ratioType: 'failure' });
    expect((slo.indicator as any).query.query).toContain('{{.window}}');
  });

  it('honours disabled page and ticket alerts', () => {
    const [slo] = parseSloDocuments([read('sloth/no-alerts.yml')]).slos;
    expect(slo.alerting).toEqual({ page: false, ticket: false });
  });

  it('splits the v1alpha objectives, each with its own indicator', () => {
    const parsed = parseSloDocuments([
      read('sloth/openslo-kubernetes-apiserver.yml'),
    ]);
    const latency = parsed.slos.find(
      s => s.name === 'requests-latency-openslo',
    )!;
    expect(latency.objectives.map(o => o.target)).toEqual([0.99, 0.999]);
    expect(
      latency.objectives.map(o => (o.indicator as any).good.query),
    ).toEqual([
      expect.stringContaining('le="0.4"'),
      expect.stringContaining('le="5"'),
    ]);
  });

  it('derives the burn-rate factors and windows of the rules Sloth generates for 30 days', () => {
    const rules = parse(read('sloth/_gen-getting-started.yml').text);
    const alerts = rules.groups
      .flatMap((g: any) => g.rules)
      .filter((r: any) => r.alert);
    const generated = alerts.flatMap((rule: any) =>
      [
        ...(rule.expr as string).matchAll(
          /ratio_rate(\w+)\{[^}]*\} > \(([\d.]+) \*/g,
        ),
      ].map(m => ({
        window: m[1],
        factor: Number(m[2]),
        severity: rule.labels.sloth_severity,
      })),
    );
    const toMs = (w: string) =>
      ((
        {
          '5m': 5 * MINUTE,
          '30m': 30 * MINUTE,
          '1h': HOUR,
          '2h': 2 * HOUR,
          '6h': 6 * HOUR,
          '1d': DAY,
          '3d': 3 * DAY,
        } as Record<string, number>
      )[w]);
    const pairs = [];
    for (let i = 0; i < generated.length; i += 2) {
      pairs.push({
        shortWindowMs: toMs(generated[i].window),
        longWindowMs: toMs(generated[i + 1].window),
        factor: generated[i].factor,
        severity: generated[i].severity,
      });
    }
    const derived = deriveBurnRateWindows(30 * DAY).map(w => ({
      shortWindowMs: w.shortWindowMs,
      longWindowMs: w.longWindowMs,
      factor: Number(w.factor.toFixed(6)),
      severity: w.severity,
    }));
    expect(derived).toEqual(pairs);
  });

  it.each([
    ['sloth/windows-7d.yaml', 7 * DAY, [13.44, 3.5, 1.4, 0.98]],
    ['sloth/windows-custom-30d.yaml', 30 * DAY, [14.4, 4.8, 3, 1]],
  ])('reads the custom alert windows of %s', (file, period, factors) => {
    const parsed = parseSloDocuments([read(file)]);
    expect(parsed.issues).toEqual([]);
    expect(parsed.alertWindows).toHaveLength(1);
    expect(parsed.alertWindows[0].sloPeriodMs).toBe(period);
    expect(
      parsed.alertWindows[0].windows.map(w => Number(w.factor.toFixed(4))),
    ).toEqual(factors);
  });

  it('applies custom windows to SLOs of the same period', () => {
    const parsed = parseSloDocuments([
      read('sloth/getting-started.yml'),
      read('sloth/windows-custom-30d.yaml'),
    ]);
    expect(parsed.slos[0].alertWindows?.map(w => w.longWindowMs)).toEqual([
      30 * MINUTE,
      3 * HOUR,
      12 * HOUR,
      36 * HOUR,
    ]);
  });

  it('skips the generated Prometheus rule file with a warning, not an error', () => {
    const parsed = parseSloDocuments([read('sloth/_gen-getting-started.yml')]);
    expect(parsed.slos).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('Prometheus rule file'),
      }),
    ]);
  });
});

describeIfAvailable('conformance: Pyrra', () => {
  const files = available ? list('pyrra') : [];

  it.each(files)('%s converts', file => {
    const parsed = parseSloDocuments([read(file)]);
    expect(parsed.issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(parsed.slos).toHaveLength(1);
    const [slo] = parsed.slos;
    expect(slo.format).toBe('pyrra');
    expect(slo.indicator.kind).toBe('ratio');
    expect((slo.indicator as any).counter).toBe(true);
  });

  it('reads target percentages and windows', () => {
    const [caddy] = parseSloDocuments([
      read('pyrra/caddy-response-latency.yaml'),
    ]).slos;
    expect(caddy.objectives[0].target).toBe(0.9);
    expect(caddy.timeWindow).toEqual({
      durationMs: 28 * DAY,
      duration: '4w',
      rolling: true,
    });
    expect((caddy.indicator as any).good.query).toContain('le="0.05"');
    const [prom] = parseSloDocuments([read('pyrra/prometheus-http.yaml')]).slos;
    expect(prom.objectives[0].target).toBe(0.99);
    expect(prom.timeWindow.durationMs).toBe(7 * DAY);
    expect((prom.indicator as any).bad.query).toContain('code=~"5.."');
  });
});

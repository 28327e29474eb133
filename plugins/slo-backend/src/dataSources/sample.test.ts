import { ConfigReader } from '@backstage/config';
import { parseSloDocuments } from '@vitals/plugin-slo-common';
import { SampleDataSource } from './sample';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5, 12);

function latencySlo() {
  const parsed = parseSloDocuments([
    {
      file: 'slo.yaml',
      text: `
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  service: api
  indicator:
    metadata: { name: api-latency }
    spec:
      thresholdMetric:
        metricSource:
          metricSourceRef: sample
          spec: { query: latency }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ op: lt, value: 300, target: 0.99, timeSliceWindow: 1m }]
`,
    },
  ]);
  return parsed.slos[0];
}

async function readings(config: object): Promise<number[]> {
  const source = SampleDataSource.fromConfig(
    'sample',
    new ConfigReader(config),
  );
  const slo = latencySlo();
  const { points } = await source.fetch({
    from: NOW - 2 * HOUR,
    to: NOW - HOUR,
    step: 5 * 60_000,
    indicator: slo.indicator,
    objective: slo.objectives[0],
    budgetingMethod: slo.budgetingMethod,
    context: {
      entityRef: 'component:default/api',
      slo: 'latency',
      service: 'api',
    },
  });
  if (points.kind !== 'values') throw new Error('expected values');
  return points.value;
}

describe('the sample source', () => {
  it('reads latency in seconds by default and in milliseconds when asked, the same traffic either way', async () => {
    const scenarios = [{ match: '*', latencySeconds: 0.2 }];
    const seconds = await readings({ scenarios });
    const millis = await readings({ scenarios, latencyUnit: 'ms' });
    expect(seconds).toHaveLength(12);
    for (const v of seconds) {
      expect(v).toBeGreaterThanOrEqual(0.2 * 0.85);
      expect(v).toBeLessThanOrEqual(0.2 * 1.15);
    }
    expect(millis.map(v => Math.round(v * 1e6))).toEqual(
      seconds.map(v => Math.round(v * 1e9)),
    );
  });

  it('refuses a latency unit it does not know, naming the key', () => {
    expect(() =>
      SampleDataSource.fromConfig(
        'demo',
        new ConfigReader({ latencyUnit: 'minutes' }),
      ),
    ).toThrow(
      'vitals.slo.dataSources[demo].latencyUnit must be s or ms, got "minutes"',
    );
  });
});

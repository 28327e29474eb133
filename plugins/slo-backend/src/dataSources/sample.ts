import { Config } from '@backstage/config';
import { parseDuration, SliPoints } from '@vitals/plugin-slo-common';
import {
  SliDataSource,
  SliDataSourceFactory,
  SliFetchRequest,
  SliFetchResult,
  SliQueryContext,
} from '@vitals/plugin-slo-node';

/** A scripted incident, placed relative to the moment of the refresh. */
export interface SampleIncident {
  /** How long before now it started. */
  startAgoMs: number;
  durationMs: number;
  errorRatio?: number;
  /** Multiplies the latency of threshold indicators during the incident. */
  latencyFactor?: number;
}

export interface SampleScenario {
  /** Entity names, entity refs, SLO names or `entity/slo`; `*` matches everything. */
  match: string[];
  requestsPerSecond: number;
  errorRatio: number;
  latencySeconds: number;
  incidents: SampleIncident[];
}

export type SampleLatencyUnit = 's' | 'ms';

const isLatencyUnit = (unit: string): unit is SampleLatencyUnit =>
  unit === 's' || unit === 'ms';

const LATENCY_SCALE: Record<SampleLatencyUnit, number> = { s: 1, ms: 1000 };

const DEFAULT_SCENARIO: SampleScenario = {
  match: ['*'],
  requestsPerSecond: 25,
  errorRatio: 0.0002,
  latencySeconds: 0.15,
  incidents: [],
};

/** A 32-bit hash of a string (xmur3), the seed of a series' noise. */
export function seedOf(key: string): number {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return h >>> 0;
}

/** Deterministic noise in [0, 1) for a seed, a salt and an integer (mulberry32). */
export function noise(seed: number, salt: number, n: number): number {
  let a =
    (seed ^ Math.imul(salt + 1, 0x85ebca6b) ^ Math.imul(n | 0, 0x9e3779b1)) >>>
    0;
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const SUB_STEP = 5 * 60_000;

/**
 * The embedded default SLI source: synthetic traffic with a daily rhythm,
 * deterministic noise and scripted incidents, so the demo shows healthy,
 * burning and exhausted budgets without any metrics system. The same
 * request at the same instant always returns the same points. Incidents are
 * placed relative to `now`, so the whole window is recomputed on every
 * refresh (the source is not incremental).
 */
export class SampleDataSource implements SliDataSource {
  readonly type = 'sample';
  readonly incremental = false;

  constructor(
    readonly name: string,
    private readonly scenarios: SampleScenario[],
    private readonly now: () => number = Date.now,
    /**
     * The unit of threshold readings: `s` for queries written on seconds
     * (Prometheus histograms), `ms` for queries on milliseconds (Application
     * Insights `DurationMs`), so a sample source stands in for either.
     */
    private readonly latencyUnit: SampleLatencyUnit = 's',
  ) {}

  static fromConfig(name: string, config: Config): SampleDataSource {
    const scenarios = (config.getOptionalConfigArray('scenarios') ?? []).map(
      (s, i) => {
        const duration = (c: Config, key: string, where: string) => {
          const text = c.getString(key);
          const parsed = parseDuration(text);
          if (!parsed) {
            throw new Error(
              `vitals.slo.dataSources[${name}].scenarios[${i}]${where}.${key} must be a duration such as 2d or 45m, got ${JSON.stringify(
                text,
              )}`,
            );
          }
          return parsed.ms;
        };
        const match = s.getOptional('match');
        return {
          match: Array.isArray(match)
            ? s.getStringArray('match')
            : [s.getString('match')],
          requestsPerSecond:
            s.getOptionalNumber('requestsPerSecond') ??
            DEFAULT_SCENARIO.requestsPerSecond,
          errorRatio:
            s.getOptionalNumber('errorRatio') ?? DEFAULT_SCENARIO.errorRatio,
          latencySeconds:
            s.getOptionalNumber('latencySeconds') ??
            DEFAULT_SCENARIO.latencySeconds,
          incidents: (s.getOptionalConfigArray('incidents') ?? []).map(
            (inc, j) => ({
              startAgoMs: duration(inc, 'startAgo', `.incidents[${j}]`),
              durationMs: duration(inc, 'duration', `.incidents[${j}]`),
              errorRatio: inc.getOptionalNumber('errorRatio'),
              latencyFactor: inc.getOptionalNumber('latencyFactor'),
            }),
          ),
        };
      },
    );
    const unit = config.getOptionalString('latencyUnit') ?? 's';
    if (!isLatencyUnit(unit)) {
      throw new Error(
        `vitals.slo.dataSources[${name}].latencyUnit must be s or ms, got ${JSON.stringify(
          unit,
        )}`,
      );
    }
    return new SampleDataSource(name, scenarios, Date.now, unit);
  }

  scenarioFor(context: SliQueryContext): SampleScenario {
    const entityName = context.entityRef.split('/').pop() ?? '';
    const keys = [
      context.entityRef,
      entityName,
      context.slo,
      `${entityName}/${context.slo}`,
      context.service,
    ];
    return (
      this.scenarios.find(s => s.match.some(m => keys.includes(m))) ??
      this.scenarios.find(s => s.match.includes('*')) ??
      DEFAULT_SCENARIO
    );
  }

  async checkHealth(): Promise<void> {}

  async fetch(request: SliFetchRequest): Promise<SliFetchResult> {
    const { from, to, step, context, indicator } = request;
    const now = this.now();
    const scenario = this.scenarioFor(context);
    const seed = seedOf(`${context.entityRef}/${context.slo}`);
    const t: number[] = [];
    const good: number[] = [];
    const total: number[] = [];
    const value: number[] = [];
    for (let end = from + step; end <= to; end += step) {
      // Integrate sub-steps so long steps (a day) still see short incidents.
      const subStep = step >= 86_400_000 ? 3_600_000 : Math.min(step, SUB_STEP);
      let events = 0;
      let bad = 0;
      let latency = 0;
      let subs = 0;
      for (let s = end - step; s < end; s += subStep) {
        const mid = s + subStep / 2;
        const n = Math.floor(s / SUB_STEP);
        if (mid > now) continue;
        const hour = (mid / 3_600_000) % 24;
        const rhythm = 1 + 0.35 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
        const rate =
          scenario.requestsPerSecond * rhythm * (0.9 + 0.2 * noise(seed, 0, n));
        const count = Math.round((rate * subStep) / 1000);
        const incident = scenario.incidents.find(
          inc =>
            mid >= now - inc.startAgoMs &&
            mid < now - inc.startAgoMs + inc.durationMs,
        );
        const ratio =
          incident?.errorRatio ??
          scenario.errorRatio * (0.4 + 1.2 * noise(seed, 1, n));
        events += count;
        // Stochastic rounding keeps low error ratios unbiased at low traffic.
        bad += Math.min(count, Math.floor(count * ratio + noise(seed, 2, n)));
        latency +=
          scenario.latencySeconds *
          (0.85 + 0.3 * noise(seed, 3, n)) *
          (incident?.latencyFactor ?? 1);
        subs += 1;
      }
      t.push(end);
      if (indicator.kind === 'threshold') {
        value.push(
          subs > 0 ? (latency / subs) * LATENCY_SCALE[this.latencyUnit] : NaN,
        );
      } else if (indicator.kind === 'raw-ratio') {
        const success = events > 0 ? 1 - bad / events : NaN;
        good.push(Number.isFinite(success) ? success : 0);
        total.push(Number.isFinite(success) ? 1 : 0);
      } else {
        good.push(events - bad);
        total.push(events);
      }
    }
    const points: SliPoints =
      indicator.kind === 'threshold'
        ? { kind: 'values', step, t, value }
        : { kind: 'events', step, t, good, total };
    return { points, queries: 0, warnings: [] };
  }
}

export const sampleDataSourceFactory: SliDataSourceFactory = {
  type: 'sample',
  create: ({ name, config }) => SampleDataSource.fromConfig(name, config),
};

import { parseDuration } from '../duration';
import { Indicator, SloDefinition } from '../model';
import { readPercentTarget } from './common';
import { FieldReader, flattenLabels } from './fields';
import { RawObject } from './rawObjects';

/**
 * Pyrra `pyrra.dev/v1alpha1 ServiceLevelObjective`: `target` is a percentage
 * string, `window` a Prometheus duration, and the indicator's metrics are
 * counters (errors/total for ratio, the `le` bucket/count for latency).
 */
export function readPyrraObjective(
  object: RawObject,
  issues: FieldReader['issues'],
): SloDefinition | undefined {
  const base = new FieldReader(object.location, issues);
  const name = base.string(object.value, 'metadata.name', { required: true });
  if (!name) return undefined;
  const reader = base.named(`SLO ${name}`);
  const before = issues.length;
  const spec = reader.record(object.value, 'spec', { required: true });
  if (!spec) return undefined;
  const target = readPercentTarget(
    reader,
    reader.number(spec, 'target', { base: 'spec', required: true }),
    'spec.target',
  );
  const windowText = reader.string(spec, 'window', {
    base: 'spec',
    required: true,
  });
  const window = parseDuration(windowText);
  if (windowText && !window) {
    reader.error(
      'spec.window',
      `must be a duration such as 4w or 30d, got ${JSON.stringify(windowText)}`,
    );
  }
  const indicatorSpec = reader.record(spec, 'indicator', {
    base: 'spec',
    required: true,
  });
  let indicator: Indicator | undefined;
  if (indicatorSpec?.ratio !== undefined) {
    const errors = reader.string(indicatorSpec, 'ratio.errors.metric', {
      base: 'spec.indicator',
      required: true,
    });
    const total = reader.string(indicatorSpec, 'ratio.total.metric', {
      base: 'spec.indicator',
      required: true,
    });
    if (errors && total) {
      indicator = {
        kind: 'ratio',
        counter: true,
        bad: { query: errors },
        total: { query: total },
      };
    }
  } else if (indicatorSpec?.latency !== undefined) {
    const success = reader.string(indicatorSpec, 'latency.success.metric', {
      base: 'spec.indicator',
      required: true,
    });
    const total = reader.string(indicatorSpec, 'latency.total.metric', {
      base: 'spec.indicator',
      required: true,
    });
    if (success && total) {
      indicator = {
        kind: 'ratio',
        counter: true,
        good: { query: success },
        total: { query: total },
      };
    }
  } else if (
    indicatorSpec?.bool_gauge !== undefined ||
    indicatorSpec?.boolGauge !== undefined
  ) {
    const metric =
      reader.string(indicatorSpec, 'bool_gauge.metric', {
        base: 'spec.indicator',
      }) ??
      reader.string(indicatorSpec, 'boolGauge.metric', {
        base: 'spec.indicator',
      });
    if (metric) {
      indicator = {
        kind: 'raw-ratio',
        ratioType: 'success',
        query: { query: `avg(${metric})` },
      };
    }
  } else if (indicatorSpec) {
    reader.error('spec.indicator', 'needs ratio, latency or bool_gauge');
  }
  const hasErrors = issues.slice(before).some(x => x.severity === 'error');
  if (hasErrors || !indicator || !window || target === undefined) {
    return undefined;
  }
  const metadata = object.value.metadata as Record<string, unknown>;
  return {
    name,
    description:
      reader.string(spec, 'description', { base: 'spec' }) || undefined,
    service:
      (typeof metadata?.namespace === 'string' && metadata.namespace) || name,
    format: 'pyrra',
    indicator,
    timeWindow: { durationMs: window.ms, duration: window.text, rolling: true },
    budgetingMethod: 'Occurrences',
    objectives: [{ key: '0', target }],
    alerting: {
      page: (spec.alerting as any)?.disabled !== true,
      ticket: (spec.alerting as any)?.disabled !== true,
    },
    labels: flattenLabels(metadata?.labels),
    warnings: issues
      .slice(before)
      .filter(x => x.severity === 'warning')
      .map(x => `${x.path}: ${x.message}`),
    source: object.location,
  };
}

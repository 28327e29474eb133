import { INDICATOR_ANNOTATION_ENTITY_REF } from '../annotations';
import { parseDuration } from '../duration';
import {
  BudgetingMethod,
  Indicator,
  MetricQuery,
  Objective,
  SloDefinition,
  TimeWindow,
} from '../model';
import {
  defaultTimeWindow,
  inferCounter,
  looksLikeRate,
  readBudgetingMethod,
  readFractionTarget,
  readOperator,
  readPercentTarget,
  readWindow,
  slugify,
} from './common';
import { FieldReader, flattenLabels, isRecord } from './fields';
import { RawObject } from './rawObjects';

/** Objects of one parse, by kind and name, for resolving references. */
export class OpenSloIndex {
  private readonly byKind = new Map<string, Map<string, RawObject>>();

  add(object: RawObject) {
    const kind = String(object.value.kind);
    const name = (object.value.metadata as any)?.name;
    if (typeof name !== 'string') return;
    let names = this.byKind.get(kind);
    if (!names) {
      names = new Map();
      this.byKind.set(kind, names);
    }
    names.set(name, object);
  }

  get(kind: string, name: string): RawObject | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  names(kind: string): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])];
  }
}

export const OPENSLO_KINDS = [
  'SLO',
  'SLI',
  'DataSource',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
];

function readMetricSource(
  reader: FieldReader,
  raw: unknown,
  path: string,
): MetricQuery | undefined {
  const source = reader.record(raw, 'metricSource', {
    base: path,
    required: true,
  });
  if (!source) return undefined;
  const base = `${path}.metricSource`;
  const dataSourceRef = reader.string(source, 'metricSourceRef', { base });
  const dataSourceType = reader.string(source, 'type', { base });
  const spec = reader.record(source, 'spec', { base });
  const query =
    reader.string(spec, 'query', { base: `${base}.spec` }) ??
    reader.string(spec, 'promql', { base: `${base}.spec` }) ??
    reader.string(spec, 'expr', { base: `${base}.spec` });
  if (query === undefined) {
    if (!dataSourceType || /prometheus/i.test(dataSourceType)) {
      reader.error(`${base}.spec.query`, 'is required (a PromQL query)');
      return undefined;
    }
    // Sources that take fields (azure-monitor-metrics) read them from the
    // spec as written and report their own errors, naming the field.
    return { dataSourceRef, dataSourceType, query: '', spec: { ...spec } };
  }
  return { dataSourceRef, dataSourceType, query: query.trim() };
}

/** Reads an OpenSLO v1 SLI spec (`thresholdMetric` or `ratioMetric`). */
export function readSliSpec(
  reader: FieldReader,
  spec: unknown,
  path: string,
): Indicator | undefined {
  if (!isRecord(spec)) {
    reader.error(path, 'must be a mapping with thresholdMetric or ratioMetric');
    return undefined;
  }
  if (spec.thresholdMetric !== undefined) {
    const query = readMetricSource(
      reader,
      spec.thresholdMetric,
      `${path}.thresholdMetric`,
    );
    return query ? { kind: 'threshold', query } : undefined;
  }
  const ratio = reader.record(spec, 'ratioMetric', { base: path });
  if (!ratio) {
    reader.error(path, 'needs thresholdMetric or ratioMetric');
    return undefined;
  }
  const base = `${path}.ratioMetric`;
  if (ratio.raw !== undefined) {
    const query = readMetricSource(reader, ratio.raw, `${base}.raw`);
    const rawType = reader.string(ratio, 'rawType', { base }) ?? 'success';
    if (rawType !== 'success' && rawType !== 'failure') {
      reader.error(
        `${base}.rawType`,
        `must be success or failure, got ${JSON.stringify(rawType)}`,
      );
      return undefined;
    }
    return query ? { kind: 'raw-ratio', ratioType: rawType, query } : undefined;
  }
  const good =
    ratio.good !== undefined
      ? readMetricSource(reader, ratio.good, `${base}.good`)
      : undefined;
  const bad =
    ratio.bad !== undefined
      ? readMetricSource(reader, ratio.bad, `${base}.bad`)
      : undefined;
  if (ratio.good === undefined && ratio.bad === undefined) {
    reader.error(base, 'needs good or bad (with total), or raw');
    return undefined;
  }
  if (ratio.good !== undefined && ratio.bad !== undefined) {
    reader.error(base, 'must have either good or bad, not both');
    return undefined;
  }
  if (ratio.total === undefined) {
    reader.error(`${base}.total`, 'is required');
    return undefined;
  }
  const total = readMetricSource(reader, ratio.total, `${base}.total`);
  if (!total || (!good && !bad)) return undefined;
  const counter = inferCounter(
    reader,
    reader.boolean(ratio, 'counter', { base }),
    [good, bad, total],
    `${base}.counter`,
  );
  return { kind: 'ratio', counter, good, bad, total };
}

function resolveIndicator(
  reader: FieldReader,
  index: OpenSloIndex,
  holder: Record<string, unknown>,
  path: string,
): Indicator | undefined {
  if (holder.indicator !== undefined && holder.indicatorRef !== undefined) {
    reader.error(path, 'must have either indicator or indicatorRef, not both');
    return undefined;
  }
  if (holder.indicatorRef !== undefined) {
    const ref = reader.string(holder, 'indicatorRef', { base: path });
    if (!ref) return undefined;
    const sli = index.get('SLI', ref);
    if (!sli) {
      const known = index.names('SLI');
      reader.error(
        `${path}.indicatorRef`,
        `SLI ${JSON.stringify(
          ref,
        )} does not resolve: no SLI named ${ref} in the documents${
          known.length ? ` (SLIs found: ${known.join(', ')})` : ''
        }`,
      );
      return undefined;
    }
    return readSliSpec(
      new FieldReader(sli.location, reader.issues, `SLI ${ref}`),
      sli.value.spec,
      'spec',
    );
  }
  const indicator = reader.record(holder, 'indicator', { base: path });
  if (!indicator) return undefined;
  return readSliSpec(reader, indicator.spec, `${path}.indicator.spec`);
}

const ENTITY_REF_PATTERN = /^[a-z][a-z0-9-]*:([^:/\s]+\/)?[^:/\s]+$/i;

/**
 * The entity an objective's indicator measures, from the `vitals.dev/entity-ref`
 * annotation of the inline indicator's or the referenced SLI's metadata.
 */
function indicatorEntityRef(
  reader: FieldReader,
  index: OpenSloIndex,
  holder: Record<string, unknown>,
  path: string,
): string | undefined {
  let metadata: unknown;
  let at: string;
  if (typeof holder.indicatorRef === 'string') {
    metadata = index.get('SLI', holder.indicatorRef)?.value.metadata;
    at = `SLI ${holder.indicatorRef} metadata.annotations`;
  } else {
    metadata = isRecord(holder.indicator)
      ? holder.indicator.metadata
      : undefined;
    at = `${path}.indicator.metadata.annotations`;
  }
  const annotations = isRecord(metadata) ? metadata.annotations : undefined;
  const raw = isRecord(annotations)
    ? annotations[INDICATOR_ANNOTATION_ENTITY_REF]
    : undefined;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !ENTITY_REF_PATTERN.test(raw.trim())) {
    reader.warn(
      `${at}.${INDICATOR_ANNOTATION_ENTITY_REF}`,
      `must be an entity ref such as component:default/identity-gateway, got ${JSON.stringify(
        raw,
      )}; the component is shown without a link`,
    );
    return undefined;
  }
  const ref = raw.trim().toLocaleLowerCase('en-US');
  return ref.split(':')[1].includes('/') ? ref : ref.replace(':', ':default/');
}

function readAlertPolicies(
  reader: FieldReader,
  index: OpenSloIndex,
  spec: Record<string, unknown>,
) {
  const policies = reader.array(spec, 'alertPolicies', { base: 'spec' }) ?? [];
  policies.forEach((entry, i) => {
    const path = `spec.alertPolicies[${i}]`;
    if (!isRecord(entry)) {
      reader.error(
        path,
        'must be a mapping (alertPolicyRef or an AlertPolicy)',
      );
      return;
    }
    if (entry.alertPolicyRef !== undefined) {
      const ref = String(entry.alertPolicyRef);
      const policy = index.get('AlertPolicy', ref);
      if (!policy) {
        reader.warn(
          `${path}.alertPolicyRef`,
          `alert policy ${JSON.stringify(
            ref,
          )} does not resolve: no AlertPolicy named ${ref}; the SLO is evaluated without it`,
        );
        return;
      }
      checkAlertPolicy(
        new FieldReader(policy.location, reader.issues, reader.object),
        index,
        policy.value.spec,
        'spec',
        'warning',
      );
      return;
    }
    checkAlertPolicy(reader, index, entry.spec, `${path}.spec`, 'warning');
  });
}

/** Reports unresolved condition and notification-target references of an alert policy. */
export function checkAlertPolicy(
  reader: FieldReader,
  index: OpenSloIndex,
  spec: unknown,
  path: string,
  severity: 'error' | 'warning',
) {
  const report = severity === 'error' ? reader.error : reader.warn;
  const conditions = reader.array(spec, 'conditions', { base: path }) ?? [];
  conditions.forEach((condition, i) => {
    if (isRecord(condition) && condition.conditionRef !== undefined) {
      const ref = String(condition.conditionRef);
      if (!index.get('AlertCondition', ref)) {
        report.call(
          reader,
          `${path}.conditions[${i}].conditionRef`,
          `alert condition ${JSON.stringify(
            ref,
          )} does not resolve: no AlertCondition named ${ref}`,
        );
      }
    }
  });
  const targets =
    reader.array(spec, 'notificationTargets', { base: path }) ?? [];
  targets.forEach((target, i) => {
    if (isRecord(target) && target.targetRef !== undefined) {
      const ref = String(target.targetRef);
      if (!index.get('AlertNotificationTarget', ref)) {
        report.call(
          reader,
          `${path}.notificationTargets[${i}].targetRef`,
          `notification target ${JSON.stringify(
            ref,
          )} does not resolve: no AlertNotificationTarget named ${ref}`,
        );
      }
    }
  });
}

/** Converts one OpenSLO v1 `SLO` object. */
export function readOpenSloV1(
  object: RawObject,
  index: OpenSloIndex,
  issues: FieldReader['issues'],
): SloDefinition | undefined {
  const raw = object.value;
  const base = new FieldReader(object.location, issues);
  const name = base.string(raw, 'metadata.name', { required: true });
  if (!name) return undefined;
  const reader = base.named(`SLO ${name}`);
  const before = issues.length;
  const spec = reader.record(raw, 'spec', { required: true });
  if (!spec) return undefined;

  const service = reader.string(spec, 'service', { base: 'spec' });
  if (!service) {
    reader.warn('spec.service', `is not set; the SLO is listed under ${name}`);
  }
  const hasTopIndicator =
    spec.indicator !== undefined || spec.indicatorRef !== undefined;
  const indicator = hasTopIndicator
    ? resolveIndicator(reader, index, spec, 'spec')
    : undefined;

  let timeWindow: TimeWindow | undefined;
  const windows = reader.array(spec, 'timeWindow', { base: 'spec' });
  if (!windows || windows.length === 0) {
    reader.warn('spec.timeWindow', 'is not set; assumed 30d rolling');
    timeWindow = defaultTimeWindow();
  } else {
    if (windows.length > 1) {
      reader.warn('spec.timeWindow', 'has several windows; the first is used');
    }
    timeWindow = readWindow(reader, windows[0], 'spec.timeWindow[0]');
  }

  let budgetingMethod: BudgetingMethod | undefined = readBudgetingMethod(
    reader,
    reader.string(spec, 'budgetingMethod', { base: 'spec' }),
    'spec.budgetingMethod',
  );
  if (spec.budgetingMethod === undefined) {
    reader.warn('spec.budgetingMethod', 'is not set; assumed Occurrences');
    budgetingMethod = 'Occurrences';
  }

  const objectives: Objective[] = [];
  const rawObjectives = reader.array(spec, 'objectives', {
    base: 'spec',
    required: true,
  });
  if (rawObjectives && rawObjectives.length === 0) {
    reader.error('spec.objectives', 'must list at least one objective');
  }
  const keys = new Set<string>();
  const hasOwnIndicator = (o: unknown) =>
    isRecord(o) && (o.indicator !== undefined || o.indicatorRef !== undefined);
  // OpenSLO's composite form: no indicator on the SLO, one on each objective.
  const composite =
    !hasTopIndicator &&
    (rawObjectives ?? []).length > 0 &&
    (rawObjectives ?? []).some(hasOwnIndicator);
  if (!hasTopIndicator && !composite) {
    reader.error(
      'spec.indicator',
      'is required (or spec.indicatorRef; or, for a composite SLO, an indicator or indicatorRef on every objective)',
    );
  }
  if (composite && rawObjectives!.length === 1) {
    reader.warn(
      'spec.objectives',
      'a composite SLO with one component judges the journey by that component alone; list every step of the journey as an objective',
    );
  }
  (rawObjectives ?? []).forEach((o, i) => {
    const path = `spec.objectives[${i}]`;
    if (!isRecord(o)) {
      reader.error(path, 'must be a mapping');
      return;
    }
    const displayName = reader.string(o, 'displayName', { base: path });
    let target: number | undefined;
    if (o.target !== undefined) {
      target = readFractionTarget(
        reader,
        reader.number(o, 'target', { base: path }),
        `${path}.target`,
      );
    } else if (o.targetPercent !== undefined) {
      target = readPercentTarget(
        reader,
        reader.number(o, 'targetPercent', { base: path }),
        `${path}.targetPercent`,
      );
    } else {
      reader.error(`${path}.target`, 'is required (or targetPercent)');
    }
    const op = readOperator(
      reader,
      reader.string(o, 'op', { base: path }),
      `${path}.op`,
    );
    const value = reader.number(o, 'value', { base: path });
    const timeSliceTarget = reader.number(o, 'timeSliceTarget', { base: path });
    if (
      timeSliceTarget !== undefined &&
      !(timeSliceTarget > 0 && timeSliceTarget <= 1)
    ) {
      reader.error(
        `${path}.timeSliceTarget`,
        `must be a fraction in (0, 1], got ${timeSliceTarget}`,
      );
    }
    const sliceText = reader.string(o, 'timeSliceWindow', { base: path });
    const slice =
      sliceText !== undefined ? parseDuration(sliceText) : undefined;
    if (sliceText !== undefined && !slice) {
      reader.error(
        `${path}.timeSliceWindow`,
        `must be a duration such as 1m or 5m, got ${JSON.stringify(sliceText)}`,
      );
    }
    if (hasTopIndicator && hasOwnIndicator(o)) {
      reader.error(
        `${path}.${o.indicator !== undefined ? 'indicator' : 'indicatorRef'}`,
        'cannot be combined with spec.indicator: either the SLO has one indicator, or (a composite SLO) every objective has its own and the SLO has none',
      );
    } else if (composite && !hasOwnIndicator(o)) {
      reader.error(
        `${path}.indicator`,
        'is required: in a composite SLO every objective names its own indicator or indicatorRef (the SLO has no spec.indicator)',
      );
    }
    let compositeWeight: number | undefined;
    if (o.compositeWeight !== undefined) {
      const weight = o.compositeWeight;
      if (
        typeof weight !== 'number' ||
        !Number.isFinite(weight) ||
        weight <= 0
      ) {
        reader.error(
          `${path}.compositeWeight`,
          `must be a positive number, got ${JSON.stringify(weight)}`,
        );
      } else if (!composite) {
        reader.warn(
          `${path}.compositeWeight`,
          'is ignored: only the objectives of a composite SLO (each with its own indicator) are weighed',
        );
      } else {
        compositeWeight = weight;
      }
    }
    if (o.budgetingMethod !== undefined) {
      reader.error(
        `${path}.budgetingMethod`,
        'is not an objective field: the budgeting method is spec.budgetingMethod, shared by every objective (and every component of a composite)',
      );
    }
    const ownIndicator =
      !hasTopIndicator && hasOwnIndicator(o)
        ? resolveIndicator(reader, index, o, path)
        : undefined;
    const entityRef =
      ownIndicator && composite
        ? indicatorEntityRef(reader, index, o, path)
        : undefined;
    const effective = ownIndicator ?? indicator;
    if (
      effective?.kind === 'threshold' &&
      (op === undefined || value === undefined)
    ) {
      // The SLO still parses (conforming readers evaluate it); without a
      // threshold its readings cannot be judged, which evaluation reports.
      reader.warn(
        path,
        'a threshold indicator needs op and value on the objective (e.g. op: lt, value: 500); without them no reading can be judged good or bad',
      );
    }
    if (
      budgetingMethod &&
      budgetingMethod !== 'Occurrences' &&
      slice === undefined &&
      sliceText === undefined
    ) {
      reader.error(
        `${path}.timeSliceWindow`,
        `is required with budgetingMethod ${budgetingMethod}`,
      );
    }
    if (target === undefined) return;
    let key = slugify(displayName ?? String(i));
    while (keys.has(key)) key = `${key}-${i}`;
    keys.add(key);
    objectives.push({
      key,
      displayName,
      target,
      op,
      value,
      timeSliceTarget,
      timeSliceWindowMs: slice?.ms,
      indicator: ownIndicator,
      ...(composite
        ? { compositeWeight: compositeWeight ?? 1, entityRef }
        : undefined),
    });
  });

  readAlertPolicies(reader, index, spec);
  const mainIndicator =
    indicator ?? objectives.find(o => o.indicator)?.indicator;

  const hasErrors = issues
    .slice(before)
    .some(issue => issue.severity === 'error');
  if (
    hasErrors ||
    !mainIndicator ||
    !timeWindow ||
    !budgetingMethod ||
    objectives.length !== (rawObjectives?.length ?? -1)
  ) {
    return undefined;
  }
  return {
    name,
    displayName: reader.string(raw, 'metadata.displayName'),
    description: reader.string(spec, 'description', { base: 'spec' }),
    service: service ?? name,
    format: 'openslo/v1',
    indicator: mainIndicator,
    ...(composite ? { composite: true } : undefined),
    timeWindow,
    budgetingMethod,
    objectives,
    alerting: { page: true, ticket: true },
    labels: flattenLabels((raw.metadata as any)?.labels),
    warnings: issues
      .slice(before)
      .filter(issue => issue.severity === 'warning')
      .map(issue => `${issue.path}: ${issue.message}`),
    source: object.location,
  };
}

const V1ALPHA_UNITS: Record<string, string> = {
  second: 's',
  minute: 'm',
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
};

/** Converts an OpenSLO v1alpha `SLO` (as Sloth reads it): each objective carries its own ratioMetrics. */
export function readOpenSloV1Alpha(
  object: RawObject,
  issues: FieldReader['issues'],
): SloDefinition | undefined {
  const raw = object.value;
  const base = new FieldReader(object.location, issues);
  const name = base.string(raw, 'metadata.name', { required: true });
  if (!name) return undefined;
  const reader = base.named(`SLO ${name}`);
  const before = issues.length;
  const spec = reader.record(raw, 'spec', { required: true });
  if (!spec) return undefined;
  const service = reader.string(spec, 'service', { base: 'spec' }) ?? name;

  let timeWindow = defaultTimeWindow();
  const windows = reader.array(spec, 'timeWindows', { base: 'spec' });
  if (windows && windows.length > 0) {
    const count = reader.number(windows[0], 'count', {
      base: 'spec.timeWindows[0]',
      required: true,
    });
    const unitName = reader.string(windows[0], 'unit', {
      base: 'spec.timeWindows[0]',
      required: true,
    });
    const unit = unitName
      ? V1ALPHA_UNITS[unitName.toLocaleLowerCase('en-US')]
      : undefined;
    if (unitName && !unit) {
      reader.error(
        'spec.timeWindows[0].unit',
        `must be one of Second, Minute, Hour, Day, Week, Month, Quarter, Year, got ${JSON.stringify(
          unitName,
        )}`,
      );
    }
    const parsed =
      count !== undefined && unit
        ? parseDuration(`${count}${unit}`)
        : undefined;
    if (parsed) {
      const rolling =
        reader.boolean(windows[0], 'isRolling', {
          base: 'spec.timeWindows[0]',
        }) ?? true;
      timeWindow = { durationMs: parsed.ms, duration: parsed.text, rolling };
      if (!rolling) {
        reader.warn(
          'spec.timeWindows[0].isRolling',
          'calendar windows of v1alpha documents are evaluated as rolling windows',
        );
        timeWindow.rolling = true;
      }
    }
  }

  const budgetingMethod =
    readBudgetingMethod(
      reader,
      reader.string(spec, 'budgetingMethod', { base: 'spec' }),
      'spec.budgetingMethod',
    ) ?? 'Occurrences';

  const objectives: Objective[] = [];
  const rawObjectives =
    reader.array(spec, 'objectives', { base: 'spec', required: true }) ?? [];
  rawObjectives.forEach((o, i) => {
    const path = `spec.objectives[${i}]`;
    const metrics = reader.record(o, 'ratioMetrics', {
      base: path,
      required: true,
    });
    const query = (part: string): MetricQuery | undefined => {
      const q = reader.string(metrics, `${part}.query`, {
        base: `${path}.ratioMetrics`,
        required: part === 'total',
      });
      return q
        ? {
            query: q.trim(),
            dataSourceRef: reader.string(metrics, `${part}.source`, {
              base: `${path}.ratioMetrics`,
            }),
          }
        : undefined;
    };
    const good = query('good');
    const bad = query('bad');
    const total = query('total');
    const target = readFractionTarget(
      reader,
      reader.number(o, 'target', { base: path, required: true }),
      `${path}.target`,
    );
    if (!good && !bad) {
      reader.error(`${path}.ratioMetrics`, 'needs good or bad, and total');
    }
    if (!total || (!good && !bad) || target === undefined) return;
    const counter = ![good, bad, total].some(q => q && looksLikeRate(q.query));
    objectives.push({
      key: String(i),
      displayName: reader.string(o, 'displayName', { base: path }),
      target,
      indicator: { kind: 'ratio', counter, good, bad, total },
    });
  });
  const hasErrors = issues
    .slice(before)
    .some(issue => issue.severity === 'error');
  if (hasErrors || objectives.length === 0) return undefined;
  return {
    name,
    displayName: reader.string(raw, 'metadata.displayName'),
    description: reader.string(spec, 'description', { base: 'spec' }),
    service,
    format: 'openslo/v1alpha',
    indicator: objectives[0].indicator!,
    timeWindow,
    budgetingMethod,
    objectives,
    alerting: { page: true, ticket: true },
    labels: flattenLabels((raw.metadata as any)?.labels),
    warnings: issues
      .slice(before)
      .filter(issue => issue.severity === 'warning')
      .map(issue => `${issue.path}: ${issue.message}`),
    source: object.location,
  };
}

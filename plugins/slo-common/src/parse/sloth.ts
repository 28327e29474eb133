import { parseDuration } from '../duration';
import { BurnRateWindow, Indicator, SloDefinition } from '../model';
import { defaultTimeWindow, readPercentTarget } from './common';
import { FieldReader, flattenLabels, isRecord } from './fields';
import { RawObject } from './rawObjects';

/**
 * Sloth service specs: `version: prometheus/v1` files and the
 * `sloth.slok.dev/v1 PrometheusServiceLevel` Kubernetes resource (the same
 * fields in camelCase). Sloth's SLI queries are rates over `{{.window}}`.
 */
export function readSlothServiceLevel(
  object: RawObject,
  issues: FieldReader['issues'],
  format: 'sloth/prometheus-v1' | 'sloth/kubernetes',
): SloDefinition[] {
  const reader = new FieldReader(object.location, issues);
  const root =
    format === 'sloth/kubernetes'
      ? reader.record(object.value, 'spec', { required: true })
      : object.value;
  if (!root) return [];
  const base = format === 'sloth/kubernetes' ? 'spec' : '';
  const at = (path: string) => (base ? `${base}.${path}` : path);
  const service = reader.string(root, 'service', {
    base,
    required: true,
  });
  if (!service) return [];
  const serviceLabels = flattenLabels(root.labels);
  const slos = reader.array(root, 'slos', { base, required: true }) ?? [];
  const definitions: SloDefinition[] = [];
  slos.forEach((slo, i) => {
    const path = at(`slos[${i}]`);
    const name = reader.string(slo, 'name', { base: path, required: true });
    if (!name) return;
    const sloReader = reader.named(`SLO ${service}-${name}`);
    const before = issues.length;
    const target = readPercentTarget(
      sloReader,
      sloReader.number(slo, 'objective', { base: path, required: true }),
      `${path}.objective`,
    );
    const sli = sloReader.record(slo, 'sli', { base: path, required: true });
    let indicator: Indicator | undefined;
    const events = isRecord(sli?.events) ? sli!.events : undefined;
    const raw = isRecord(sli?.raw) ? sli!.raw : undefined;
    if (events) {
      const errorQuery =
        sloReader.string(events, 'error_query', {
          base: `${path}.sli.events`,
        }) ??
        sloReader.string(events, 'errorQuery', { base: `${path}.sli.events` });
      const totalQuery =
        sloReader.string(events, 'total_query', {
          base: `${path}.sli.events`,
        }) ??
        sloReader.string(events, 'totalQuery', { base: `${path}.sli.events` });
      if (!errorQuery)
        sloReader.error(`${path}.sli.events.error_query`, 'is required');
      if (!totalQuery)
        sloReader.error(`${path}.sli.events.total_query`, 'is required');
      if (errorQuery && totalQuery) {
        indicator = {
          kind: 'ratio',
          counter: false,
          bad: { query: errorQuery.trim() },
          total: { query: totalQuery.trim() },
        };
      }
    } else if (raw) {
      const errorRatio =
        sloReader.string(raw, 'error_ratio_query', {
          base: `${path}.sli.raw`,
        }) ??
        sloReader.string(raw, 'errorRatioQuery', { base: `${path}.sli.raw` });
      if (!errorRatio) {
        sloReader.error(`${path}.sli.raw.error_ratio_query`, 'is required');
      } else {
        indicator = {
          kind: 'raw-ratio',
          ratioType: 'failure',
          query: { query: errorRatio.trim() },
        };
      }
    } else if (sli) {
      sloReader.error(
        `${path}.sli`,
        sli.plugin !== undefined
          ? 'uses a Sloth SLI plugin; plugins run inside Sloth and cannot be read here: write the events or raw queries instead'
          : 'needs events (error_query and total_query) or raw (error_ratio_query)',
      );
    }
    const alerting = isRecord((slo as any).alerting)
      ? (slo as any).alerting
      : {};
    const page = alerting.page_alert ?? alerting.pageAlert;
    const ticket = alerting.ticket_alert ?? alerting.ticketAlert;
    const hasErrors = issues.slice(before).some(x => x.severity === 'error');
    if (hasErrors || !indicator || target === undefined) return;
    definitions.push({
      name: `${service}-${name}`,
      displayName: name,
      description: sloReader.string(slo, 'description', { base: path }),
      service,
      format,
      indicator,
      timeWindow: defaultTimeWindow(),
      budgetingMethod: 'Occurrences',
      objectives: [{ key: '0', target }],
      alerting: {
        page: !(isRecord(page) && page.disable === true),
        ticket: !(isRecord(ticket) && ticket.disable === true),
      },
      labels: { ...serviceLabels, ...flattenLabels((slo as any).labels) },
      warnings: issues
        .slice(before)
        .filter(x => x.severity === 'warning')
        .map(x => `${x.path}: ${x.message}`),
      source: object.location,
    });
  });
  return definitions;
}

/** Custom burn-rate windows for one SLO period (Sloth `AlertWindows`). */
export interface AlertWindowSet {
  sloPeriodMs: number;
  windows: BurnRateWindow[];
}

/**
 * Sloth `AlertWindows`: for SLOs of `sloPeriod`, page and ticket alerts each
 * with a quick and a slow window pair. A window pair burning `errorBudgetPercent`
 * of the budget within its long window fires at factor = percent × period / long.
 */
export function readSlothAlertWindows(
  object: RawObject,
  issues: FieldReader['issues'],
): AlertWindowSet | undefined {
  const reader = new FieldReader(object.location, issues, 'AlertWindows');
  const spec = reader.record(object.value, 'spec', { required: true });
  if (!spec) return undefined;
  const periodText = reader.string(spec, 'sloPeriod', {
    base: 'spec',
    required: true,
  });
  const period = parseDuration(periodText);
  if (periodText && !period) {
    reader.error(
      'spec.sloPeriod',
      `must be a duration such as 30d, got ${JSON.stringify(periodText)}`,
    );
  }
  if (!period) return undefined;
  const windows: BurnRateWindow[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    for (const speed of ['quick', 'slow']) {
      const path = `spec.${severity}.${speed}`;
      const entry = reader.record(spec, `${severity}.${speed}`, {
        base: 'spec',
        required: true,
      });
      if (!entry) continue;
      const percent = reader.number(entry, 'errorBudgetPercent', {
        base: path,
        required: true,
      });
      const shortText = reader.string(entry, 'shortWindow', {
        base: path,
        required: true,
      });
      const longText = reader.string(entry, 'longWindow', {
        base: path,
        required: true,
      });
      const short = parseDuration(shortText);
      const long = parseDuration(longText);
      if (shortText && !short)
        reader.error(
          `${path}.shortWindow`,
          `must be a duration, got ${JSON.stringify(shortText)}`,
        );
      if (longText && !long)
        reader.error(
          `${path}.longWindow`,
          `must be a duration, got ${JSON.stringify(longText)}`,
        );
      if (percent === undefined || !short || !long) continue;
      const budgetFraction = percent / 100;
      windows.push({
        longWindowMs: long.ms,
        shortWindowMs: short.ms,
        budgetFraction,
        factor: (budgetFraction * period.ms) / long.ms,
        severity,
      });
    }
  }
  return windows.length === 4 ? { sloPeriodMs: period.ms, windows } : undefined;
}

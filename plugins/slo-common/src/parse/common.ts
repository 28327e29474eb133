import { parseDuration } from '../duration';
import {
  BudgetingMethod,
  Indicator,
  MetricQuery,
  ThresholdOperator,
  TimeWindow,
} from '../model';
import { FieldReader } from './fields';

/** Sloth and Pyrra default to 30 days when a document does not set a window. */
export const DEFAULT_WINDOW = '30d';

export function defaultTimeWindow(): TimeWindow {
  return {
    durationMs: 30 * 86_400_000,
    duration: DEFAULT_WINDOW,
    rolling: true,
  };
}

/**
 * A target written as a fraction (`0.999`). Anything outside (0, 1) is an
 * error that says what was meant: a 100% target leaves no budget at all.
 */
export function readFractionTarget(
  reader: FieldReader,
  value: number | undefined,
  path: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!(value > 0 && value < 1)) {
    reader.error(
      path,
      `must be a fraction between 0 and 1, exclusive (0.999 for 99.9%), got ${value}${
        value >= 1
          ? `: a target of ${Number(
              (value * 100).toPrecision(6),
            )}% leaves no error budget (100% or more never can)`
          : ''
      }${
        value > 1 && value < 100
          ? `; if ${value}% was meant, write targetPercent: ${value}`
          : ''
      }`,
    );
    return undefined;
  }
  return value;
}

/** A target written as a percentage (`99.9`, `"99"`). */
export function readPercentTarget(
  reader: FieldReader,
  value: number | undefined,
  path: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!(value > 0 && value < 100)) {
    reader.error(
      path,
      `must be a percentage between 0 and 100, exclusive, got ${value}${
        value >= 100 ? ': a target of 100% or more leaves no error budget' : ''
      }`,
    );
    return undefined;
  }
  // Avoid 99.9 / 100 = 0.9990000000000001 leaking into displays.
  return Number((value / 100).toPrecision(12));
}

export function readWindow(
  reader: FieldReader,
  raw: unknown,
  path: string,
): TimeWindow | undefined {
  if (raw === undefined) return undefined;
  const duration = reader.string(raw, 'duration', {
    required: true,
    base: path,
  });
  if (duration === undefined) return undefined;
  const parsed = parseDuration(duration);
  if (!parsed) {
    reader.error(
      `${path}.duration`,
      `must be a duration such as 30d, 4w, 1M or 1h, got ${JSON.stringify(
        duration,
      )}`,
    );
    return undefined;
  }
  const isRolling = reader.boolean(raw, 'isRolling', { base: path });
  const calendar = reader.record(raw, 'calendar', { base: path });
  const rolling = isRolling ?? !calendar;
  if (!rolling) {
    const startTime = reader.string(calendar, 'startTime', {
      base: `${path}.calendar`,
      required: true,
    });
    const timeZone =
      reader.string(calendar, 'timeZone', { base: `${path}.calendar` }) ??
      'UTC';
    if (!startTime) {
      return undefined;
    }
    if (!parsed.unit || parsed.count === undefined) {
      reader.error(
        `${path}.duration`,
        `a calendar window needs a single unit (1M, 1w, 1Q), got ${duration}`,
      );
      return undefined;
    }
    return {
      durationMs: parsed.ms,
      duration,
      rolling: false,
      calendar: { startTime, timeZone },
      calendarUnit: { count: parsed.count, unit: parsed.unit },
    };
  }
  return { durationMs: parsed.ms, duration, rolling: true };
}

const BUDGETING_METHODS: BudgetingMethod[] = [
  'Occurrences',
  'Timeslices',
  'RatioTimeslices',
];

export function readBudgetingMethod(
  reader: FieldReader,
  value: string | undefined,
  path: string,
): BudgetingMethod | undefined {
  if (value === undefined) return undefined;
  const match = BUDGETING_METHODS.find(
    m => m.toLocaleLowerCase('en-US') === value.toLocaleLowerCase('en-US'),
  );
  if (!match) {
    reader.error(
      path,
      `must be one of ${BUDGETING_METHODS.join(', ')}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return match;
}

const OPERATORS: ThresholdOperator[] = ['lt', 'lte', 'gt', 'gte'];

export function readOperator(
  reader: FieldReader,
  value: string | undefined,
  path: string,
): ThresholdOperator | undefined {
  if (value === undefined) return undefined;
  const op = value.toLocaleLowerCase('en-US') as ThresholdOperator;
  if (!OPERATORS.includes(op)) {
    reader.error(
      path,
      `must be one of ${OPERATORS.join(', ')}, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  return op;
}

/** Whether PromQL looks like it already returns a per-second rate. */
export function looksLikeRate(query: string): boolean {
  return /\b(i?rate|deriv)\s*\(|\{\{\s*\.window\s*\}\}/.test(query);
}

/** Guesses `counter` when a document leaves it out, and says so. */
export function inferCounter(
  reader: FieldReader,
  explicit: boolean | undefined,
  queries: Array<MetricQuery | undefined>,
  path: string,
): boolean {
  if (explicit !== undefined) {
    return explicit;
  }
  const rate = queries.some(q => q && looksLikeRate(q.query));
  reader.warn(
    path,
    `counter is not set; assumed ${!rate} because the queries ${
      rate ? 'compute rates' : 'look like counters'
    }`,
  );
  return !rate;
}

export function indicatorQueries(indicator: Indicator): MetricQuery[] {
  switch (indicator.kind) {
    case 'ratio':
      return [indicator.good, indicator.bad, indicator.total].filter(
        (q): q is MetricQuery => Boolean(q),
      );
    case 'raw-ratio':
    case 'threshold':
      return [indicator.query];
    default:
      return [];
  }
}

export function slugify(text: string): string {
  return (
    text
      .toLocaleLowerCase('en-US')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'objective'
  );
}

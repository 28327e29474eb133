import { DateTime } from 'luxon';
import { TimeWindow } from '../model';
import { BucketSeries, WindowSums } from './buckets';
import { errorBudgetOf, sliOf } from './budget';

/** The time range an SLO window covers at `now`. */
export interface WindowRange {
  start: number;
  /** End of the window: now for rolling windows, the period's end for calendar ones. */
  end: number;
  /** Length of the whole window (for calendar windows: the whole period). */
  lengthMs: number;
}

const UNIT_TO_LUXON: Record<string, string> = {
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  y: 'years',
  Y: 'years',
};

function parseStart(startTime: string, zone: string): DateTime {
  const formats = [
    'yyyy-MM-dd HH:mm:ss',
    "yyyy-MM-dd'T'HH:mm:ss",
    'yyyy-MM-dd',
  ];
  for (const format of formats) {
    const dt = DateTime.fromFormat(startTime, format, { zone });
    if (dt.isValid) return dt;
  }
  const iso = DateTime.fromISO(startTime, { zone });
  return iso;
}

/** True when the calendar start time and zone can be used. */
export function isValidCalendar(window: TimeWindow): boolean {
  if (!window.calendar) return false;
  return parseStart(window.calendar.startTime, window.calendar.timeZone)
    .isValid;
}

/**
 * The window at `now`. Rolling: the last `duration`. Calendar: the period
 * containing now, counted from `calendar.startTime` in its time zone, so a
 * `1M` window starting 2022-01-01 in America/New_York is the current month
 * there.
 */
export function windowRangeAt(window: TimeWindow, now: number): WindowRange {
  if (window.rolling || !window.calendar || !window.calendarUnit) {
    return {
      start: now - window.durationMs,
      end: now,
      lengthMs: window.durationMs,
    };
  }
  const { count, unit } = window.calendarUnit;
  const zone = window.calendar.timeZone;
  const origin = parseStart(window.calendar.startTime, zone);
  if (!origin.isValid) {
    return {
      start: now - window.durationMs,
      end: now,
      lengthMs: window.durationMs,
    };
  }
  const luxonUnit = UNIT_TO_LUXON[unit] as any;
  const nowDt = DateTime.fromMillis(now, { zone });
  let k: number;
  if (unit === 'M' || unit === 'Q' || unit === 'y' || unit === 'Y') {
    const months = nowDt.diff(origin, 'months').months;
    const monthsPerUnit: Record<string, number> = { M: 1, Q: 3, y: 12, Y: 12 };
    const perPeriod = count * monthsPerUnit[unit];
    k = Math.floor(months / perPeriod);
  } else {
    k = Math.floor((now - origin.toMillis()) / window.durationMs);
  }
  let start = origin.plus({ [luxonUnit]: count * k });
  // Month arithmetic can land a period late or early (short months, DST); step to the one holding now.
  while (start.toMillis() > now) start = start.minus({ [luxonUnit]: count });
  let end = start.plus({ [luxonUnit]: count });
  while (end.toMillis() <= now) {
    start = end;
    end = start.plus({ [luxonUnit]: count });
  }
  return {
    start: start.toMillis(),
    end: end.toMillis(),
    lengthMs: end.toMillis() - start.toMillis(),
  };
}

/** One past calendar period of an SLO, for the history table. */
export interface CalendarPeriodResult {
  kind: 'month' | 'quarter';
  /** `2026-10` or `2026-Q3`. */
  label: string;
  start: string;
  end: string;
  sli: number | null;
  consumed: number;
  remaining: number;
  met: boolean | null;
  /** Share of the period's days that have data. */
  coverage: number;
  complete: boolean;
}

/**
 * Past months and quarters (UTC) from daily buckets, for rolling SLOs too:
 * "did we meet 99.9% in September?".
 */
export function calendarHistory(
  daily: BucketSeries,
  target: number,
  now: number,
  options: { months: number; quarters: number } = { months: 12, quarters: 4 },
): CalendarPeriodResult[] {
  const sums = new WindowSums(daily);
  const results: CalendarPeriodResult[] = [];
  const nowDt = DateTime.fromMillis(now, { zone: 'utc' });
  const periods: Array<{ kind: 'month' | 'quarter'; start: DateTime }> = [];
  for (let i = 0; i < options.months; i++) {
    periods.push({
      kind: 'month',
      start: nowDt.startOf('month').minus({ months: i }),
    });
  }
  for (let i = 0; i < options.quarters; i++) {
    periods.push({
      kind: 'quarter',
      start: nowDt.startOf('quarter').minus({ quarters: i }),
    });
  }
  for (const { kind, start } of periods) {
    const end = start.plus(kind === 'month' ? { months: 1 } : { quarters: 1 });
    const { good, total, bucketsWithData } = sums.sum(
      start.toMillis(),
      end.toMillis(),
    );
    const days = Math.round(end.diff(start, 'days').days);
    const sli = sliOf(good, total);
    const budget = errorBudgetOf(sli, target);
    results.push({
      kind,
      label:
        kind === 'month'
          ? start.toFormat('yyyy-MM')
          : `${start.year}-Q${start.quarter}`,
      start: start.toISO()!,
      end: end.toISO()!,
      sli: sli.ratio,
      consumed: budget.consumed,
      remaining: budget.remaining,
      met: sli.ratio === null ? null : sli.ratio >= target,
      coverage: days > 0 ? Math.min(1, bucketsWithData / days) : 0,
      complete: end.toMillis() <= now,
    });
  }
  return results;
}

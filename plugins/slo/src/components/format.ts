import { DateTime } from 'luxon';

/**
 * Percentages with enough digits to tell 99.9% from 99.95%: targets and SLIs
 * near 100% keep the digits that matter.
 */
export function formatPercent(
  value: number | null | undefined,
  digits?: number,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '—';
  const percent = value * 100;
  if (digits !== undefined) return `${percent.toFixed(digits)}%`;
  const gap = Math.abs(100 - percent);
  let d = 1;
  if (gap > 0 && gap < 1)
    d = Math.min(4, Math.max(2, Math.ceil(-Math.log10(gap)) + 1));
  return `${Number(percent.toFixed(d))}%`;
}

export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  if (rate >= 100) return `${Math.round(rate)}×`;
  if (rate >= 10) return `${rate.toFixed(1)}×`;
  return `${rate.toFixed(2)}×`;
}

export function formatFactor(factor: number): string {
  return `${Number(factor.toFixed(2))}×`;
}

export function formatRelative(
  iso: string | null | undefined,
  now = Date.now(),
): string {
  if (!iso) return 'never';
  return (
    DateTime.fromISO(iso).toRelative({
      base: DateTime.fromMillis(now),
      style: 'short',
    }) ?? iso
  );
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

const WINDOW_UNITS: Record<string, string> = {
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  y: 'year',
  Y: 'year',
};

/** `30d` rolling → "30 days, rolling"; `1M` calendar → "1 month, calendar". */
export function describeWindow(window: {
  duration: string;
  rolling: boolean;
}): string {
  const match = /^(\d+)([a-zA-Z])$/.exec(window.duration);
  const text = match
    ? `${match[1]} ${WINDOW_UNITS[match[2]] ?? match[2]}${
        match[1] === '1' ? '' : 's'
      }`
    : window.duration;
  return `${text}, ${window.rolling ? 'rolling' : 'calendar'}`;
}

export function humanizeOwner(ref: string | null): string {
  if (!ref) return '—';
  return ref.replace(/^[a-z]+:(default\/)?/, '');
}

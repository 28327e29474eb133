import { formatPromDuration } from '@vitals/plugin-slo-common';

/** Sloth's window placeholder, `{{.window}}`, with any spacing. */
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

export function hasWindowPlaceholder(query: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(query);
}

export function fillWindow(query: string, windowMs: number): string {
  return query.replace(WINDOW_PLACEHOLDER, formatPromDuration(windowMs));
}

/**
 * True for a bare vector selector such as `http_requests_total` or
 * `http_requests_total{code!~"5..",job="api"}`: a metric name and at most one
 * label matcher block, nothing else. Label values may contain any character,
 * so the matcher block is scanned with quoting in mind.
 */
export function isPlainSelector(query: string): boolean {
  const q = query.trim();
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(q);
  let i = name ? name[0].length : 0;
  if (i === q.length) return i > 0;
  if (q[i] !== '{') return false;
  i += 1;
  let quote: string | undefined;
  for (; i < q.length; i++) {
    const c = q[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '}') {
      return i === q.length - 1;
    }
  }
  return false;
}

/** How a series of values turns into a count of events per step. */
export interface CountQuery {
  promql: string;
  /** Multiply each value by this to get events in the step (seconds for per-second rates). */
  multiplier: number;
}

/**
 * The PromQL that yields, at each step t, the number of events in (t − step, t]:
 * - counters written as a plain selector: `sum(increase(<selector>[step]))`;
 * - counters written as any other expression (real OpenSLO files write
 *   `sum(http_requests{...})`): a subquery, `sum(increase((<expr>)[step:res]))`;
 * - rate expressions (`counter: false`): the per-second value × step seconds;
 * - queries carrying Sloth's `{{.window}}` take control themselves: the
 *   placeholder becomes the step, and the value is a rate unless `counter`.
 */
export function buildCountQuery(
  query: string,
  counter: boolean,
  stepMs: number,
  subqueryResolutionMs: number,
): CountQuery {
  const stepSeconds = stepMs / 1000;
  if (hasWindowPlaceholder(query)) {
    return {
      promql: fillWindow(query, stepMs),
      multiplier: counter ? 1 : stepSeconds,
    };
  }
  if (!counter) {
    return { promql: query.trim(), multiplier: stepSeconds };
  }
  const step = formatPromDuration(stepMs);
  if (isPlainSelector(query)) {
    return { promql: `sum(increase(${query.trim()}[${step}]))`, multiplier: 1 };
  }
  const resolution = formatPromDuration(Math.min(subqueryResolutionMs, stepMs));
  return {
    promql: `sum(increase((${query.trim()})[${step}:${resolution}]))`,
    multiplier: 1,
  };
}

/** A ratio or threshold query evaluated as is, `{{.window}}` filled with the step. */
export function buildValueQuery(query: string, stepMs: number): string {
  return fillWindow(query.trim(), stepMs);
}

import { DAY, HOUR, Indicator, MINUTE } from '@vitals/plugin-slo-common';

/**
 * The KQL an `application-insights` SLO is written in, and the one query per
 * fetch Vitals builds from it. The owner writes which requests count (the
 * selection) and what makes one good; Vitals adds the binning, and passes the
 * time range as the query API's `timespan`, so the same text serves every
 * fetch and history never changes meaning.
 */

/** Column names of the generated query's result. */
export const BIN_COLUMN = 'VitalsBin';
export const TOTAL_COLUMN = 'VitalsTotal';
export const GOOD_COLUMN = 'VitalsGood';
export const BAD_COLUMN = 'VitalsBad';
export const VALUE_COLUMN = 'VitalsValue';

/**
 * Tabular operators a selection may not use: they aggregate, cut or reorder
 * rows, so the counts per bin would no longer be counts of requests.
 */
const AGGREGATING_OPERATORS = new Set([
  'summarize',
  'count',
  'make-series',
  'take',
  'limit',
  'top',
  'top-nested',
  'top-hitters',
  'sample',
  'sample-distinct',
  'distinct',
  'reduce',
  'evaluate',
  'facet',
  'fork',
  'render',
  'getschema',
  'as',
]);

/** Why a spec cannot be turned into a query; `field` names the document field. */
export class KqlSpecError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field} ${reason}`);
  }
}

/** What one fetch asks: the text, and how to read its rows. */
export interface BinnedQuery {
  kql: string;
  kind: 'events' | 'values';
  /** For events: whether the counted column is the good or the bad requests. */
  counted?: 'good' | 'bad';
  /** For raw ratios: whether the value is the success or the failure ratio. */
  ratioType?: 'success' | 'failure';
}

interface Segment {
  text: string;
  /** The tabular operator's name, lower-case (`where`, `summarize`); '' for the source. */
  operator: string;
}

/**
 * Splits KQL at `separator` where it stands outside string literals,
 * comments and brackets. Returns undefined when a literal or bracket is
 * left open.
 */
export function splitTopLevel(
  kql: string,
  separator: '|' | ';' | ',',
): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < kql.length) {
    const c = kql[i];
    if (c === '/' && kql[i + 1] === '/') {
      const end = kql.indexOf('\n', i);
      i = end === -1 ? kql.length : end + 1;
      continue;
    }
    if (kql.startsWith('```', i)) {
      const end = kql.indexOf('```', i + 3);
      if (end === -1) return undefined;
      i = end + 3;
      continue;
    }
    if (c === '"' || c === "'") {
      const verbatim = kql[i - 1] === '@';
      let j = i + 1;
      for (;;) {
        if (j >= kql.length) return undefined;
        if (!verbatim && kql[j] === '\\') {
          j += 2;
          continue;
        }
        if (kql[j] === c) {
          if (verbatim && kql[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      i = j + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      depth -= 1;
      if (depth < 0) return undefined;
    } else if (c === separator && depth === 0) {
      parts.push(kql.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  if (depth !== 0) return undefined;
  parts.push(kql.slice(start));
  return parts;
}

/** KQL text without comments, for checks that must not match inside them. */
function withoutComments(kql: string): string {
  return kql.replace(/\/\/[^\n]*/g, ' ');
}

function segmentsOf(statement: string, field: string): Segment[] {
  const pieces = splitTopLevel(statement, '|');
  if (!pieces) {
    throw new KqlSpecError(
      field,
      'has an unterminated string literal or bracket',
    );
  }
  return pieces.map((text, index) => {
    const word = /^\s*([A-Za-z][\w-]*)/.exec(withoutComments(text))?.[1] ?? '';
    return {
      text: text.trim(),
      operator: index === 0 ? '' : word.toLocaleLowerCase('en-US'),
    };
  });
}

/** The query's statements: `let`/`set` statements, then the tabular expression. */
function statementsOf(kql: string, field: string) {
  const statements = splitTopLevel(kql, ';');
  if (!statements) {
    throw new KqlSpecError(
      field,
      'has an unterminated string literal or bracket',
    );
  }
  const nonEmpty = statements.map(s => s.trim()).filter(Boolean);
  if (nonEmpty.length === 0) {
    throw new KqlSpecError(
      field,
      'is empty; write the KQL that selects the SLO’s requests, such as AppRequests | where AppRoleName == "api"',
    );
  }
  return {
    preamble: nonEmpty.slice(0, -1),
    expression: nonEmpty[nonEmpty.length - 1],
  };
}

/** A selection of requests: the query text, and the column binned on. */
export interface RequestSelection {
  /** The owner's KQL, trimmed, statements kept, with no trailing `;`. */
  text: string;
  /** `timestamp` for the classic `requests` table, `TimeGenerated` otherwise. */
  timeColumn: 'TimeGenerated' | 'timestamp';
  /** The table it reads (the first word of its tabular expression). */
  table: string;
  /** Its `let`/`set` statements and tabular operators, as written. */
  parts: string[];
}

function checkSelection(segments: Segment[], field: string) {
  for (const segment of segments.slice(1)) {
    if (AGGREGATING_OPERATORS.has(segment.operator)) {
      throw new KqlSpecError(
        field,
        `must select requests without \`${segment.operator}\`: Vitals adds \`summarize … by bin(TimeGenerated, <step>)\` itself, one query per fetch; remove \`| ${segment.text}\``,
      );
    }
  }
}

function checkNoOwnTimeRange(kql: string, field: string) {
  const found = /\b(ago|now)\s*\(/.exec(withoutComments(kql));
  if (found) {
    throw new KqlSpecError(
      field,
      `must not set its own time range with ${found[1]}(): Vitals passes each fetch’s range as the query API’s timespan, so the same query serves history and refreshes`,
    );
  }
}

function selectionOf(
  preamble: string[],
  segments: Segment[],
): RequestSelection {
  const source = segments[0].text;
  const table = /^\s*([A-Za-z_][\w]*)/.exec(withoutComments(source))?.[1] ?? '';
  const text = [
    ...preamble.map(s => `${s};`),
    segments.map(s => s.text).join('\n| '),
  ].join('\n');
  return {
    text,
    table,
    timeColumn: table === 'requests' ? 'timestamp' : 'TimeGenerated',
    parts: [...preamble, ...segments.map(s => s.text)],
  };
}

/**
 * Reads the KQL that selects an SLO's requests (a ratio's `total`), such as
 * `AppRequests | where AppRoleName == "appointments-service"`.
 */
export function readSelection(kql: string, field: string): RequestSelection {
  const { preamble, expression } = statementsOf(kql, field);
  checkNoOwnTimeRange(kql, field);
  const segments = segmentsOf(expression, field);
  checkSelection(segments, field);
  return selectionOf(preamble, segments);
}

/**
 * Reads a threshold's or raw ratio's query: a selection ending in one
 * `summarize <aggregation>` without `by`, such as
 * `AppRequests | where AppRoleName == "api" | summarize percentile(DurationMs, 95)`.
 */
export function readAggregation(
  kql: string,
  field: string,
): { selection: RequestSelection; aggregation: string } {
  const { preamble, expression } = statementsOf(kql, field);
  checkNoOwnTimeRange(kql, field);
  const segments = segmentsOf(expression, field);
  const last = segments[segments.length - 1];
  const example =
    'such as AppRequests | where AppRoleName == "api" | summarize percentile(DurationMs, 95)';
  if (segments.length < 2 || last.operator !== 'summarize') {
    throw new KqlSpecError(
      field,
      `must end in \`| summarize <aggregation>\` (one value per bin, without by), ${example}`,
    );
  }
  const body = withoutComments(last.text).replace(/^\s*summarize\b/i, '');
  const parts = splitTopLevel(body, ',');
  if (!parts || parts.length !== 1 || /\bby\b/.test(stripStrings(body))) {
    throw new KqlSpecError(
      field,
      `must summarize exactly one aggregation and no \`by\`: Vitals adds \`by bin(TimeGenerated, <step>)\` itself; got \`| ${last.text}\``,
    );
  }
  const named = /^\s*[A-Za-z_]\w*\s*=(?!=)\s*([\s\S]*)$/.exec(body);
  const aggregation = (named ? named[1] : body).trim();
  if (!aggregation) {
    throw new KqlSpecError(field, `has an empty \`summarize\`, ${example}`);
  }
  const selectionSegments = segments.slice(0, -1);
  checkSelection(selectionSegments, field);
  return {
    selection: selectionOf(preamble, selectionSegments),
    aggregation,
  };
}

function stripStrings(kql: string): string {
  return kql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
}

/** For comparing two spellings of one clause: comments and spacing dropped. */
function normalized(kql: string): string {
  return withoutComments(kql).replace(/\s+/g, ' ').trim();
}

/**
 * Reads a ratio's `good` or `bad` query: a predicate over one request
 * (`Success == true`, `DurationMs <= 2000`), or the total's selection
 * followed by `| where <predicate>` clauses, as a complete OpenSLO query
 * would be written. Empty: `defaultPredicate`.
 */
export function readPredicate(
  kql: string,
  selection: RequestSelection,
  field: string,
  defaultPredicate: string | undefined,
): string {
  const text = kql.trim();
  if (!text) {
    if (defaultPredicate) return defaultPredicate;
    throw new KqlSpecError(
      field,
      'is empty; write a predicate over one request, such as Success == false',
    );
  }
  const example = `a predicate over one request, such as ${
    defaultPredicate ?? 'Success == false'
  }, or the total query followed by | where <predicate>`;
  const { preamble, expression } = statementsOf(text, field);
  const segments = segmentsOf(expression, field);
  checkNoOwnTimeRange(text, field);
  if (preamble.length === 0 && segments.length === 1) return text;
  const parts = [...preamble, ...segments.map(s => s.text)];
  const prefix = selection.parts;
  const samePrefix =
    parts.length > prefix.length &&
    prefix.every((part, i) => normalized(part) === normalized(parts[i]));
  if (!samePrefix) {
    throw new KqlSpecError(
      field,
      `must be ${example}; a query of its own (\`${text}\`) would need a second query per fetch`,
    );
  }
  const predicates: string[] = [];
  for (const segment of segments.slice(prefix.length - preamble.length)) {
    if (segment.operator !== 'where') {
      throw new KqlSpecError(
        field,
        `may only add \`| where <predicate>\` to the total query, not \`| ${segment.text}\``,
      );
    }
    predicates.push(segment.text.replace(/^where\b/i, '').trim());
  }
  return predicates.length === 1
    ? predicates[0]
    : predicates.map(p => `(${p})`).join(' and ');
}

/** A KQL timespan literal for `ms`: `5m`, `1d`, `90s`, `250ms`. */
export function kqlTimespan(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY}d`;
  if (ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function binned(
  selection: RequestSelection,
  measures: string,
  stepMs: number,
): string {
  // bin_at anchored at the Unix epoch: bins line up with Vitals' buckets
  // for any step, where bin() counts from year 1.
  return `${
    selection.text
  }\n| summarize ${measures} by ${BIN_COLUMN} = bin_at(${
    selection.timeColumn
  }, ${kqlTimespan(
    stepMs,
  )}, datetime(1970-01-01))\n| order by ${BIN_COLUMN} asc`;
}

/** The column holding how many requests a (sampled) record stands for. */
export function itemCountColumn(selection: RequestSelection): string {
  return selection.table === 'requests' ? 'itemCount' : 'ItemCount';
}

/** The default good predicate for the table a selection reads. */
export function defaultGoodPredicate(selection: RequestSelection): string {
  return selection.table === 'requests' ? 'success == true' : 'Success == true';
}

/**
 * The one query of a fetch for `indicator` at `stepMs`. Throws
 * {@link KqlSpecError} naming the spec field that cannot be used.
 */
export function buildBinnedQuery(
  indicator: Indicator,
  stepMs: number,
): BinnedQuery {
  const spec = 'metricSource.spec.query';
  if (indicator.kind === 'ratio') {
    const selection = readSelection(indicator.total.query, `total.${spec}`);
    const counted = indicator.good ? 'good' : 'bad';
    const predicate = readPredicate(
      (indicator.good ?? indicator.bad)!.query,
      selection,
      `${counted}.${spec}`,
      counted === 'good' ? defaultGoodPredicate(selection) : undefined,
    );
    const column = counted === 'good' ? GOOD_COLUMN : BAD_COLUMN;
    // A sampled record stands for ItemCount requests (1 when not sampled):
    // counting rows would shrink the totals by the sampling ratio.
    const weight = itemCountColumn(selection);
    return {
      kind: 'events',
      counted,
      kql: binned(
        selection,
        `${TOTAL_COLUMN} = sum(${weight}), ${column} = sumif(${weight}, ${predicate})`,
        stepMs,
      ),
    };
  }
  const field =
    indicator.kind === 'threshold' ? `thresholdMetric.${spec}` : `raw.${spec}`;
  const { selection, aggregation } = readAggregation(
    indicator.query.query,
    field,
  );
  return {
    kind: 'values',
    ratioType: indicator.kind === 'raw-ratio' ? indicator.ratioType : undefined,
    kql: binned(selection, `${VALUE_COLUMN} = ${aggregation}`, stepMs),
  };
}

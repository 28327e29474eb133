/**
 * The narrow family of KQL the fake Log Analytics workspace evaluates: the
 * queries the `application-insights` source generates, and nothing more.
 * Anything outside this grammar is refused with the error Azure gives for a
 * query it cannot parse, so no test passes on a guess.
 *
 *   query      := source ( '|' 'where' expr )* '|' summarize [ '|' 'order' 'by' 'VitalsBin' 'asc' ]
 *              |  'print' name '=' integer                        (a health check)
 *   source     := 'AppRequests' | 'requests'
 *   summarize  := 'summarize' measure ( ',' measure )* 'by' name '=' 'bin_at' '(' column ',' timespan ',' 'datetime' '(' '1970-01-01' ')' ')'
 *   measure    := name '=' ( 'count' '(' ')' | 'countif' '(' expr ')'
 *                          | 'sum' '(' column ')' | 'sumif' '(' column ',' expr ')'
 *                          | 'percentile' '(' column ',' number ')'
 *                          | ( 'avg' | 'min' | 'max' ) '(' column ')' )
 *   expr       := conjunction ( 'or' conjunction )*
 *   conjunction:= unary ( 'and' unary )*
 *   unary      := 'not' '(' expr ')' | '(' expr ')' | operand [ op literal ]
 *   operand    := column | 'toint' '(' column ')'
 *   op         := '==' | '!=' | '<' | '<=' | '>' | '>='
 *   literal    := "string" | 'string' | number | 'true' | 'false'
 *   timespan   := integer ( 'd' | 'h' | 'm' | 's' | 'ms' )
 *
 * Column names are those of the table read: `AppRequests` (TimeGenerated,
 * AppRoleName, Name, Success, DurationMs, ResultCode, ItemCount) or the
 * classic `requests` (timestamp, cloud_RoleName, name, success, duration,
 * resultCode, itemCount). `ResultCode` is a string, as in Azure: comparing it
 * with a number needs `toint()`, which yields null (never equal, never
 * ordered) for text that is not an integer. `percentile` is the nearest-rank percentile; Azure estimates
 * it, exactly for the small sets tests use.
 */

/** One request as Application Insights records it (the `AppRequests` shape). */
export interface FakeRequestRecord {
  /** Epoch ms. */
  TimeGenerated: number;
  AppRoleName: string;
  Name: string;
  Success: boolean;
  DurationMs: number;
  ResultCode: string;
  /**
   * How many requests the record stands for: 1 unless the SDK sampled, then
   * the inverse of the sampling ratio. Defaults to 1.
   */
  ItemCount?: number;
}

type Value = string | number | boolean | null;

const TABLES: Record<
  string,
  Record<string, (r: FakeRequestRecord) => Value>
> = {
  AppRequests: {
    TimeGenerated: r => r.TimeGenerated,
    AppRoleName: r => r.AppRoleName,
    Name: r => r.Name,
    Success: r => r.Success,
    DurationMs: r => r.DurationMs,
    ResultCode: r => r.ResultCode,
    ItemCount: r => r.ItemCount ?? 1,
  },
  requests: {
    timestamp: r => r.TimeGenerated,
    cloud_RoleName: r => r.AppRoleName,
    name: r => r.Name,
    success: r => r.Success,
    duration: r => r.DurationMs,
    resultCode: r => r.ResultCode,
    itemCount: r => r.ItemCount ?? 1,
  },
};

const STRING_COLUMNS = new Set([
  'AppRoleName',
  'Name',
  'ResultCode',
  'cloud_RoleName',
  'name',
  'resultCode',
]);

const TIME_COLUMN: Record<string, string> = {
  AppRequests: 'TimeGenerated',
  requests: 'timestamp',
};

/** A query the fake cannot evaluate, in the shape of Azure's 400 answer. */
export class FakeKqlError extends Error {
  constructor(
    readonly kind: 'SyntaxError' | 'SemanticError',
    message: string,
    readonly token?: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

interface Token {
  kind: 'name' | 'number' | 'string' | 'op' | 'timespan';
  text: string;
  value?: number;
  position: number;
}

const UNITS: Record<string, number> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};

function tokenize(kql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < kql.length) {
    const c = kql[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (kql.startsWith('//', i)) {
      const end = kql.indexOf('\n', i);
      i = end === -1 ? kql.length : end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < kql.length && kql[j] !== c) {
        if (kql[j] === '\\') {
          text += kql[j + 1] ?? '';
          j += 2;
        } else {
          text += kql[j];
          j += 1;
        }
      }
      if (j >= kql.length) {
        throw new FakeKqlError('SyntaxError', 'unterminated string', c, i + 1);
      }
      tokens.push({ kind: 'string', text, position: i + 1 });
      i = j + 1;
      continue;
    }
    const date = /^\d{4}-\d{2}-\d{2}/.exec(kql.slice(i));
    if (date) {
      tokens.push({ kind: 'string', text: date[0], position: i + 1 });
      i += date[0].length;
      continue;
    }
    const number = /^(\d+(?:\.\d+)?)(ms|d|h|m|s)?(?![\w.])/.exec(kql.slice(i));
    if (number) {
      const value = Number(number[1]);
      tokens.push(
        number[2]
          ? {
              kind: 'timespan',
              text: number[0],
              value: value * UNITS[number[2]],
              position: i + 1,
            }
          : { kind: 'number', text: number[0], value, position: i + 1 },
      );
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][\w-]*/.exec(kql.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], position: i + 1 });
      i += name[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|<|>|=|\(|\)|,|\|)/.exec(kql.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[0], position: i + 1 });
      i += op[0].length;
      continue;
    }
    throw new FakeKqlError('SyntaxError', 'unexpected character', c, i + 1);
  }
  return tokens;
}

type Predicate = (r: FakeRequestRecord) => boolean;
type Aggregate = (records: FakeRequestRecord[]) => number;

export interface EvaluatedTable {
  name: string;
  columns: Array<{ name: string; type: string }>;
  rows: Value[][];
}

class Parser {
  private i = 0;
  private columns: Record<string, (r: FakeRequestRecord) => Value> = {};

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private fail(): never {
    const token = this.peek();
    throw new FakeKqlError(
      'SyntaxError',
      token
        ? `Query could not be parsed at '${token.text}' on line [1,${token.position}]`
        : 'Query could not be parsed at the end of the query',
      token?.text,
      token?.position,
    );
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token && token.kind !== 'string' && token.text === text) {
      this.i += 1;
      return true;
    }
    return false;
  }

  private expect(text: string) {
    if (!this.accept(text)) this.fail();
  }

  private name(): string {
    const token = this.peek();
    if (token?.kind !== 'name') this.fail();
    this.i += 1;
    return token.text;
  }

  private column(): (r: FakeRequestRecord) => Value {
    const token = this.peek();
    const name = this.name();
    const read = this.columns[name];
    if (!read) {
      throw new FakeKqlError(
        'SemanticError',
        `'where' operator: Failed to resolve column or scalar expression named '${name}'`,
        name,
        token?.position,
      );
    }
    return read;
  }

  private literal(): Value {
    const token = this.peek();
    if (!token) this.fail();
    if (token.kind === 'string') {
      this.i += 1;
      return token.text;
    }
    if (token.kind === 'number') {
      this.i += 1;
      return token.value!;
    }
    if (
      token.kind === 'name' &&
      (token.text === 'true' || token.text === 'false')
    ) {
      this.i += 1;
      return token.text === 'true';
    }
    return this.fail();
  }

  private expr(): Predicate {
    const parts = [this.conjunction()];
    while (this.accept('or')) parts.push(this.conjunction());
    return r => parts.some(p => p(r));
  }

  private conjunction(): Predicate {
    const parts = [this.unary()];
    while (this.accept('and')) parts.push(this.unary());
    return r => parts.every(p => p(r));
  }

  private unary(): Predicate {
    if (this.peek()?.text === 'not' && this.peek(1)?.text === '(') {
      this.i += 2;
      const inner = this.expr();
      this.expect(')');
      return r => !inner(r);
    }
    if (this.accept('(')) {
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    let read: (r: FakeRequestRecord) => Value;
    if (this.peek()?.text === 'toint' && this.peek(1)?.text === '(') {
      this.i += 2;
      const column = this.column();
      this.expect(')');
      read = r => toInt(column(r));
    } else {
      if (this.peek(1)?.text === '(') {
        // Any other function call: outside the grammar.
        this.i += 1;
        this.fail();
      }
      const token = this.peek();
      read = this.column();
      const literal = this.peek(1);
      if (
        STRING_COLUMNS.has(token!.text) &&
        this.peek()?.kind === 'op' &&
        literal?.kind === 'number'
      ) {
        // Kusto refuses to compare a string with a number; so does the fake.
        throw new FakeKqlError(
          'SemanticError',
          `Cannot compare values of types string and ${
            Number.isInteger(literal.value) ? 'long' : 'real'
          }. Try adding explicit casts`,
          token!.text,
          token!.position,
        );
      }
    }
    const op = this.peek();
    if (
      op?.kind === 'op' &&
      ['==', '!=', '<', '<=', '>', '>='].includes(op.text)
    ) {
      this.i += 1;
      const literal = this.literal();
      return r => compare(read(r), op.text, literal);
    }
    return r => read(r) === true;
  }

  private aggregate(): { type: string; fn: Aggregate } {
    const fn = this.name();
    this.expect('(');
    let result: { type: string; fn: Aggregate };
    if (fn === 'count') {
      result = { type: 'long', fn: records => records.length };
    } else if (fn === 'countif') {
      const predicate = this.expr();
      result = {
        type: 'long',
        fn: records => records.filter(predicate).length,
      };
    } else if (fn === 'sum' || fn === 'sumif') {
      const read = this.column();
      let predicate: Predicate = () => true;
      if (fn === 'sumif') {
        this.expect(',');
        predicate = this.expr();
      }
      result = {
        type: 'long',
        fn: records =>
          records
            .filter(predicate)
            .reduce((total, r) => total + Number(read(r)), 0),
      };
    } else if (fn === 'percentile') {
      const read = this.column();
      this.expect(',');
      const p = this.literal();
      if (typeof p !== 'number') this.fail();
      result = {
        type: 'real',
        fn: records =>
          nearestRank(
            records.map(r => Number(read(r))),
            p,
          ),
      };
    } else if (fn === 'avg' || fn === 'min' || fn === 'max') {
      const read = this.column();
      result = {
        type: 'real',
        fn: records => {
          const values = records.map(r => Number(read(r)));
          if (fn === 'avg') {
            return values.reduce((a, b) => a + b, 0) / values.length;
          }
          return values.reduce(
            (a, b) => (fn === 'min' ? Math.min(a, b) : Math.max(a, b)),
            fn === 'min' ? Infinity : -Infinity,
          );
        },
      };
    } else {
      this.i -= 2;
      return this.fail();
    }
    this.expect(')');
    return result;
  }

  parse(): (
    records: FakeRequestRecord[],
    range: [number, number],
  ) => EvaluatedTable {
    if (this.peek()?.text === 'print') {
      this.i += 1;
      const name = this.name();
      this.expect('=');
      const value = this.literal();
      if (typeof value !== 'number' || this.peek()) this.fail();
      return () => ({
        name: 'PrimaryResult',
        columns: [{ name, type: 'long' }],
        rows: [[value]],
      });
    }
    const table = this.name();
    const columns = TABLES[table];
    if (!columns) {
      throw new FakeKqlError(
        'SemanticError',
        `Failed to resolve table or column expression named '${table}'`,
        table,
        1,
      );
    }
    this.columns = columns;
    const time = columns[TIME_COLUMN[table]];
    const filters: Predicate[] = [];
    this.expect('|');
    while (this.accept('where')) {
      filters.push(this.expr());
      this.expect('|');
    }
    this.expect('summarize');
    const measures: Array<{ name: string; type: string; fn: Aggregate }> = [];
    do {
      const name = this.name();
      this.expect('=');
      measures.push({ name, ...this.aggregate() });
    } while (this.accept(','));
    this.expect('by');
    const binName = this.name();
    this.expect('=');
    this.expect('bin_at');
    this.expect('(');
    if (this.name() !== TIME_COLUMN[table]) {
      this.i -= 1;
      this.fail();
    }
    this.expect(',');
    const span = this.peek();
    if (span?.kind !== 'timespan' || !(span.value! > 0)) this.fail();
    this.i += 1;
    this.expect(',');
    this.expect('datetime');
    this.expect('(');
    const anchor = this.peek();
    if (anchor?.kind !== 'string' || anchor.text !== '1970-01-01') this.fail();
    this.i += 1;
    this.expect(')');
    this.expect(')');
    if (this.accept('|')) {
      this.expect('order');
      this.expect('by');
      if (this.name() !== binName) {
        this.i -= 1;
        this.fail();
      }
      this.expect('asc');
    }
    if (this.peek()) this.fail();
    const step = span.value!;
    return (records, [start, end]) => {
      const bins = new Map<number, FakeRequestRecord[]>();
      for (const record of records) {
        const t = Number(time(record));
        if (t < start || t >= end) continue;
        if (!filters.every(f => f(record))) continue;
        const bin = Math.floor(t / step) * step;
        let members = bins.get(bin);
        if (!members) {
          members = [];
          bins.set(bin, members);
        }
        members.push(record);
      }
      return {
        name: 'PrimaryResult',
        columns: [
          { name: binName, type: 'datetime' },
          ...measures.map(m => ({ name: m.name, type: m.type })),
        ],
        rows: [...bins.keys()]
          .sort((a, b) => a - b)
          .map(bin => [
            new Date(bin).toISOString(),
            ...measures.map(m => m.fn(bins.get(bin)!)),
          ]),
      };
    };
  }
}

/** KQL's toint(): the integer a string or number holds, else null. */
function toInt(value: Value): number | null {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}

function compare(left: Value, op: string, right: Value): boolean {
  // null (a failed toint) compares as nothing, as in KQL.
  if (left === null || right === null) return false;
  const l = left;
  switch (op) {
    case '==':
      return l === right;
    case '!=':
      return l !== right;
    case '<':
      return l < right;
    case '<=':
      return l <= right;
    case '>':
      return l > right;
    default:
      return l >= right;
  }
}

/** The nearest-rank percentile; NaN for no values. */
export function nearestRank(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Compiles a query of the grammar above, or throws {@link FakeKqlError}.
 * The result evaluates it over records within [start, end).
 */
export function compileFakeKql(kql: string) {
  return new Parser(tokenize(kql)).parse();
}

import { buildCountQuery, buildValueQuery, isPlainSelector } from './promql';

const M = 60_000;

describe('isPlainSelector', () => {
  it.each([
    ['http_requests_total', true],
    ['http_requests_total{code!~"5.."}', true],
    ['  up{job="api",instance=~".+:9090"}  ', true],
    ['{__name__="x"}', true],
    ['http_requests_total{path="/a{b}"}', true],
    ['http_requests_total{path="quote \\" }"}', true],
    ['sum(http_requests_total)', false],
    ['http_requests_total{code="500"} / 2', false],
    ['rate(x[5m])', false],
    ['x{a="1"}{b="2"}', false],
    ['x{a="unclosed}', false],
    ['', false],
  ])('%s → %s', (query, expected) => {
    expect(isPlainSelector(query)).toBe(expected);
  });
});

describe('buildCountQuery', () => {
  it('wraps a plain counter selector in increase over the step', () => {
    expect(
      buildCountQuery('http_requests_total{code!~"5.."}', true, 5 * M, M),
    ).toEqual({
      promql: 'sum(increase(http_requests_total{code!~"5.."}[5m]))',
      multiplier: 1,
    });
  });

  it('uses a subquery for counter expressions', () => {
    expect(
      buildCountQuery('sum(http_requests{component="web"})', true, 5 * M, M),
    ).toEqual({
      promql: 'sum(increase((sum(http_requests{component="web"}))[5m:1m]))',
      multiplier: 1,
    });
  });

  it('never makes the subquery resolution coarser than the step', () => {
    expect(buildCountQuery('sum(x)', true, 30_000, M).promql).toBe(
      'sum(increase((sum(x))[30s:30s]))',
    );
  });

  it('turns per-second rates into counts per step', () => {
    expect(buildCountQuery('sum(rate(x[5m]))', false, 5 * M, M)).toEqual({
      promql: 'sum(rate(x[5m]))',
      multiplier: 300,
    });
  });

  it('fills the {{.window}} placeholder with the step and keeps the rate semantics', () => {
    expect(
      buildCountQuery(
        'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
        false,
        5 * M,
        M,
      ),
    ).toEqual({
      promql:
        'sum(rate(http_request_duration_seconds_count{job="myservice"}[5m]))',
      multiplier: 300,
    });
    expect(
      buildCountQuery('sum(increase(x[{{ .window }}]))', true, 60 * M, M),
    ).toEqual({
      promql: 'sum(increase(x[1h]))',
      multiplier: 1,
    });
  });

  it('fills placeholders in value queries', () => {
    expect(buildValueQuery('1 - avg_over_time(x[{{.window}}])', M)).toBe(
      '1 - avg_over_time(x[1m])',
    );
  });
});

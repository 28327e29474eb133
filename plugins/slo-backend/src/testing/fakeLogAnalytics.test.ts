import { buildBinnedQuery } from '../dataSources/applicationInsightsKql';
import { demoRequestRecords } from './fakeLogAnalyticsDemo';
import {
  compileFakeKql,
  FakeKqlError,
  FakeRequestRecord,
} from './fakeLogAnalyticsKql';

const MINUTE = 60_000;
const DAY = 86_400_000;

const record = (
  minute: number,
  overrides: Partial<FakeRequestRecord> = {},
): FakeRequestRecord => ({
  TimeGenerated: minute * MINUTE,
  AppRoleName: 'api',
  Name: 'GET /',
  Success: true,
  DurationMs: 100,
  ResultCode: '200',
  ...overrides,
});

describe('the fake Log Analytics KQL', () => {
  it('evaluates the binned query Vitals generates, over [start, end)', () => {
    const { kql } = buildBinnedQuery(
      {
        kind: 'ratio',
        counter: true,
        good: {
          query:
            'Success == true and (DurationMs <= 200 or Name == "GET /health")',
        },
        total: { query: 'AppRequests | where AppRoleName == "api"' },
      },
      5 * MINUTE,
    );
    const records = [
      record(0),
      record(1, { Success: false }),
      record(4, { DurationMs: 900 }),
      record(5, { DurationMs: 900, Name: 'GET /health' }),
      record(6, { AppRoleName: 'other' }),
      record(10),
    ];
    expect(compileFakeKql(kql)(records, [0, 10 * MINUTE])).toEqual({
      name: 'PrimaryResult',
      columns: [
        { name: 'VitalsBin', type: 'datetime' },
        { name: 'VitalsTotal', type: 'long' },
        { name: 'VitalsGood', type: 'long' },
      ],
      rows: [
        ['1970-01-01T00:00:00.000Z', 3, 1],
        ['1970-01-01T00:05:00.000Z', 1, 1],
      ],
    });
  });

  it('counts sampled records by ItemCount, and compares result codes through toint()', () => {
    const { kql } = buildBinnedQuery(
      {
        kind: 'ratio',
        counter: true,
        good: { query: 'toint(ResultCode) < 500' },
        total: { query: 'AppRequests | where AppRoleName == "api"' },
      },
      5 * MINUTE,
    );
    const records = [
      record(0, { ItemCount: 4 }),
      record(1, { ResultCode: '503', Success: false, ItemCount: 4 }),
      // Not a number: toint() gives null, which is neither good nor an error.
      record(2, { ResultCode: 'Canceled', Success: false }),
      record(3, { ResultCode: '404', Success: false }),
    ];
    expect(compileFakeKql(kql)(records, [0, 5 * MINUTE]).rows).toEqual([
      ['1970-01-01T00:00:00.000Z', 10, 5],
    ]);
  });

  it('refuses to compare a string column with a number, as Kusto does', () => {
    expect(() =>
      compileFakeKql(
        'AppRequests | where ResultCode >= 500 | summarize VitalsTotal = count() by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))',
      ),
    ).toThrow(
      expect.objectContaining({
        kind: 'SemanticError',
        message: expect.stringContaining(
          'Cannot compare values of types string and long',
        ),
      }),
    );
  });

  it.each([
    [
      'AppRequests | where tolower(Name) == "get /" | summarize VitalsTotal = count() by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))',
      "'('",
    ],
    [
      'AppRequests | summarize VitalsTotal = count() by bin(TimeGenerated, 5m)',
      "'('",
    ],
    ['AppRequests | take 10', "'take'"],
    [
      'AppRequests | summarize VitalsTotal = dcount(Name) by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))',
      "'dcount'",
    ],
    [
      'AppRequests | summarize VitalsTotal = count() by VitalsBin = bin_at(TimeGenerated, 5m, datetime(2020-01-01))',
      "'2020-01-01'",
    ],
    [
      'AppRequests | where AppRoleName = "api" | summarize VitalsTotal = count() by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))',
      "'='",
    ],
  ])('refuses what it cannot evaluate: %s', (kql, token) => {
    expect(() => compileFakeKql(kql)).toThrow(
      expect.objectContaining({
        kind: 'SyntaxError',
        message: expect.stringContaining(`parsed at ${token}`),
      }),
    );
  });

  it('refuses unknown tables and columns as Azure does', () => {
    expect(() => compileFakeKql('traces | where A == 1')).toThrow(FakeKqlError);
    expect(() =>
      compileFakeKql(
        'AppRequests | where Url == "x" | summarize VitalsTotal = count() by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))',
      ),
    ).toThrow(expect.objectContaining({ kind: 'SemanticError' }));
  });

  it('serves demo data: a few services over 30 days with an incident', () => {
    const now = Date.UTC(2026, 10, 20);
    const records = demoRequestRecords({ now, requestsPerMinute: 1 });
    expect(new Set(records.map(r => r.AppRoleName)).size).toBe(3);
    expect(
      records.reduce((min, r) => Math.min(min, r.TimeGenerated), Infinity),
    ).toBeGreaterThanOrEqual(now - 30 * DAY);
    const { kql } = buildBinnedQuery(
      {
        kind: 'ratio',
        counter: true,
        good: { query: 'Success == true' },
        total: {
          query: 'AppRequests | where AppRoleName == "appointments-service"',
        },
      },
      DAY,
    );
    const days = compileFakeKql(kql)(records, [now - 30 * DAY, now]).rows;
    expect(days).toHaveLength(30);
    const ratios = days.map(([, total, good]) => Number(good) / Number(total));
    expect(Math.min(...ratios)).toBeLessThan(0.99);
    expect(ratios.filter(r => r < 0.99)).toHaveLength(1);
    expect(demoRequestRecords({ now, requestsPerMinute: 1 })).toEqual(records);
  });
});

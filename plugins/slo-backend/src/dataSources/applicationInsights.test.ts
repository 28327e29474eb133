import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { Indicator } from '@vitals/plugin-slo-common';
import {
  ApplicationInsightsDataSource,
  applicationInsightsDataSourceFactory,
  readApplicationInsightsConfig,
} from './applicationInsights';
import {
  buildBinnedQuery,
  KqlSpecError,
  kqlTimespan,
  readPredicate,
  readSelection,
} from './applicationInsightsKql';

const SELECTION = 'AppRequests | where AppRoleName == "appointments-service"';
const WORKSPACE = '5b2f2c3e-8a41-4a8e-9d4b-0c6f6d1e7a10';

const ratio = (good: string, total = SELECTION): Indicator => ({
  kind: 'ratio',
  counter: true,
  good: { query: good },
  total: { query: total },
});

describe('buildBinnedQuery', () => {
  it.each([
    [
      'good/total with a predicate',
      ratio('Success == true'),
      5 * 60_000,
      `${SELECTION}\n| summarize VitalsTotal = sum(ItemCount), VitalsGood = sumif(ItemCount, Success == true) by VitalsBin = bin_at(TimeGenerated, 5m, datetime(1970-01-01))\n| order by VitalsBin asc`,
    ],
    [
      'good written as the total query plus where clauses',
      ratio(
        `${SELECTION}\n| where Success == true\n| where DurationMs <= 2000`,
      ),
      60_000,
      `${SELECTION}\n| summarize VitalsTotal = sum(ItemCount), VitalsGood = sumif(ItemCount, (Success == true) and (DurationMs <= 2000)) by VitalsBin = bin_at(TimeGenerated, 1m, datetime(1970-01-01))\n| order by VitalsBin asc`,
    ],
    [
      'an empty good query: Success == true',
      ratio(''),
      86_400_000,
      `${SELECTION}\n| summarize VitalsTotal = sum(ItemCount), VitalsGood = sumif(ItemCount, Success == true) by VitalsBin = bin_at(TimeGenerated, 1d, datetime(1970-01-01))\n| order by VitalsBin asc`,
    ],
    [
      'the classic requests table bins on timestamp and defaults to success',
      ratio('', 'requests | where cloud_RoleName == "api"'),
      90_000,
      `requests\n| where cloud_RoleName == "api"\n| summarize VitalsTotal = sum(itemCount), VitalsGood = sumif(itemCount, success == true) by VitalsBin = bin_at(timestamp, 90s, datetime(1970-01-01))\n| order by VitalsBin asc`,
    ],
  ])('%s', (_name, indicator, step, expected) => {
    expect(buildBinnedQuery(indicator, step)).toEqual({
      kind: 'events',
      counted: 'good',
      kql: expected.replace(
        SELECTION,
        'AppRequests\n| where AppRoleName == "appointments-service"',
      ),
    });
  });

  it('counts bad requests for bad/total', () => {
    const query = buildBinnedQuery(
      {
        kind: 'ratio',
        counter: true,
        bad: { query: 'toint(ResultCode) >= 500' },
        total: { query: SELECTION },
      },
      300_000,
    );
    expect(query.counted).toBe('bad');
    expect(query.kql).toContain(
      'VitalsBad = sumif(ItemCount, toint(ResultCode) >= 500)',
    );
  });

  it('bins a threshold aggregation, keeping let statements', () => {
    const query = buildBinnedQuery(
      {
        kind: 'threshold',
        query: {
          query:
            'let role = "api";\nAppRequests | where AppRoleName == role | summarize p95 = percentile(DurationMs, 95)',
        },
      },
      60_000,
    );
    expect(query).toEqual({
      kind: 'values',
      ratioType: undefined,
      kql: 'let role = "api";\nAppRequests\n| where AppRoleName == role\n| summarize VitalsValue = percentile(DurationMs, 95) by VitalsBin = bin_at(TimeGenerated, 1m, datetime(1970-01-01))\n| order by VitalsBin asc',
    });
  });

  it.each([
    [
      ratio(
        'Success == true',
        `${SELECTION} | summarize count() by bin(TimeGenerated, 5m)`,
      ),
      'total.metricSource.spec.query must select requests without `summarize`',
    ],
    [
      ratio('Success == true', `${SELECTION} | take 100`),
      'total.metricSource.spec.query must select requests without `take`',
    ],
    [
      ratio('Success == true', `${SELECTION} | where TimeGenerated > ago(1h)`),
      'total.metricSource.spec.query must not set its own time range with ago()',
    ],
    [
      ratio('AppRequests | where Success == true'),
      'good.metricSource.spec.query must be a predicate over one request',
    ],
    [
      ratio(`${SELECTION} | summarize countif(Success)`),
      'good.metricSource.spec.query may only add `| where <predicate>` to the total query, not `| summarize countif(Success)`',
    ],
    [
      ratio('Name == "unterminated'),
      'good.metricSource.spec.query has an unterminated string literal or bracket',
    ],
    [ratio('Success == true', ''), 'total.metricSource.spec.query is empty'],
    [
      { kind: 'threshold', query: { query: SELECTION } } as Indicator,
      'thresholdMetric.metricSource.spec.query must end in `| summarize <aggregation>`',
    ],
    [
      {
        kind: 'threshold',
        query: {
          query: `${SELECTION} | summarize percentile(DurationMs, 95) by bin(TimeGenerated, 1m)`,
        },
      } as Indicator,
      'thresholdMetric.metricSource.spec.query must summarize exactly one aggregation and no `by`',
    ],
    [
      {
        kind: 'raw-ratio',
        ratioType: 'success',
        query: { query: `${SELECTION} | summarize a = count(), b = count()` },
      } as Indicator,
      'raw.metricSource.spec.query must summarize exactly one aggregation',
    ],
  ])('refuses %j naming the field', (indicator, message) => {
    let error: unknown;
    try {
      buildBinnedQuery(indicator, 60_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KqlSpecError);
    expect((error as Error).message).toContain(message);
  });

  it('ignores pipes, semicolons and summarize inside strings and comments', () => {
    const selection = readSelection(
      'AppRequests // no summarize here\n| where Name == "a | summarize; b"',
      'total',
    );
    expect(selection.parts).toEqual([
      'AppRequests // no summarize here',
      'where Name == "a | summarize; b"',
    ]);
    expect(
      readPredicate(
        'AppRequests\n  | where Name == "a | summarize; b"  | where Success',
        selection,
        'good',
        undefined,
      ),
    ).toBe('Success');
  });

  it.each([
    [60_000, '1m'],
    [300_000, '5m'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [45_000, '45s'],
    [1_500, '1500ms'],
  ])('writes %d ms as the KQL timespan %s', (ms, text) => {
    expect(kqlTimespan(ms)).toBe(text);
  });
});

describe('readApplicationInsightsConfig', () => {
  const read = (entry: JsonObject) =>
    readApplicationInsightsConfig('logs', new ConfigReader(entry));

  it('reads a complete entry', () => {
    expect(
      read({
        workspaceId: WORKSPACE,
        endpoint: 'https://api.loganalytics.us',
        scope: 'https://api.loganalytics.us/.default',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '00000000-0000-0000-0000-000000000001',
        timeout: '45s',
        retries: 2,
        maxRetryAfter: '1m',
        ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      }),
    ).toMatchObject({
      workspaceId: WORKSPACE,
      endpoint: 'https://api.loganalytics.us',
      timeoutMs: 45_000,
      retries: 2,
      maxRetryAfterMs: 60_000,
    });
  });

  it.each([
    [{}, 'vitals.slo.dataSources[logs].workspaceId is required'],
    [
      { workspaceId: WORKSPACE, resourceId: '/subscriptions/x' },
      'vitals.slo.dataSources[logs].workspaceId is required',
    ],
    [
      { workspaceId: 'my-workspace' },
      'vitals.slo.dataSources[logs].workspaceId must be the workspace',
    ],
    [
      {
        resourceId:
          '/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/x',
      },
      'vitals.slo.dataSources[logs].resourceId must be an Application Insights resource id',
    ],
    [
      { workspaceId: WORKSPACE, endpoint: 'http://api.loganalytics.io' },
      'vitals.slo.dataSources[logs].endpoint must be an https URL',
    ],
    [
      { workspaceId: WORKSPACE, endpoint: 'https://user:pw@example.com' },
      'vitals.slo.dataSources[logs].endpoint must be an https URL without credentials',
    ],
    [
      { workspaceId: WORKSPACE, scope: 'https://api.loganalytics.io' },
      'vitals.slo.dataSources[logs].scope must be an Entra scope ending in /.default',
    ],
    [
      { workspaceId: WORKSPACE, clientId: 'app' },
      'vitals.slo.dataSources[logs].clientId must be the client (application) id',
    ],
    [
      { workspaceId: WORKSPACE, ca: '/etc/ssl/ca.pem' },
      'vitals.slo.dataSources[logs].ca must be PEM certificates',
    ],
    [
      { workspaceId: WORKSPACE, timeout: 'soon' },
      'vitals.slo.dataSources[logs].timeout must be a duration',
    ],
    [
      { workspaceId: WORKSPACE, retries: -1 },
      'vitals.slo.dataSources[logs].retries must be a whole number',
    ],
  ])('refuses %j', (entry, message) => {
    expect(() => read(entry)).toThrow(message);
  });

  it('creates a source from config through the factory, with the credential of its tenant and client', () => {
    const source = applicationInsightsDataSourceFactory.create({
      name: 'logs',
      config: new ConfigReader({
        type: 'application-insights',
        workspaceId: WORKSPACE,
        tenantId: '00000000-0000-0000-0000-000000000002',
      }),
      logger: { warn() {} } as any,
    });
    expect(source).toBeInstanceOf(ApplicationInsightsDataSource);
    expect(source).toMatchObject({
      name: 'logs',
      type: 'application-insights',
      incremental: true,
    });
  });
});

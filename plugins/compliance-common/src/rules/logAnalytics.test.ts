import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  logAnalyticsWorkspace,
  workspaceTable,
} from '../__fixtures__/families';
import {
  logAnalyticsLocalAuthDisabledRule,
  logAnalyticsPrivateAccessRule,
  logAnalyticsRetentionRule,
} from './logAnalytics';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
  {
    name: 'audit tables kept 7 years',
    rule: logAnalyticsRetentionRule,
    resource: logAnalyticsWorkspace,
    inventory: [
      workspaceTable('AzureDiagnostics', 2557),
      workspaceTable('StorageBlobLogs', 2557),
    ],
    status: 'pass',
    actual: '2557 days (table AzureDiagnostics in central)',
  },
  {
    name: 'one audit table kept 2 years',
    rule: logAnalyticsRetentionRule,
    resource: logAnalyticsWorkspace,
    inventory: [
      workspaceTable('AzureDiagnostics', 2557),
      workspaceTable('AZKVAuditLogs', 730),
    ],
    status: 'fail',
    actual: '730 days (table AZKVAuditLogs in central)',
  },
  {
    name: 'tables that hold no resource logs do not count',
    rule: logAnalyticsRetentionRule,
    resource: logAnalyticsWorkspace,
    inventory: [
      workspaceTable('AzureDiagnostics', 2557),
      workspaceTable('Heartbeat', 30),
    ],
    status: 'pass',
    actual: '2557 days (table AzureDiagnostics in central)',
  },
  {
    name: 'no tables: the workspace default',
    rule: logAnalyticsRetentionRule,
    resource: withProperties(logAnalyticsWorkspace, { retentionInDays: 90 }),
    status: 'fail',
    actual: '90 days (workspace central)',
  },
  {
    name: 'a lower minimum',
    rule: logAnalyticsRetentionRule,
    resource: logAnalyticsWorkspace,
    context: { minimumLogRetentionDays: 365 },
    status: 'pass',
    actual: '730 days (workspace central)',
  },
  {
    name: 'nothing reported',
    rule: logAnalyticsRetentionRule,
    resource: withoutProperties(logAnalyticsWorkspace, 'retentionInDays'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'local auth disabled',
    rule: logAnalyticsLocalAuthDisabledRule,
    resource: logAnalyticsWorkspace,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'local auth allowed',
    rule: logAnalyticsLocalAuthDisabledRule,
    resource: withProperties(logAnalyticsWorkspace, {
      features: { disableLocalAuth: false },
    }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'local auth not reported',
    rule: logAnalyticsLocalAuthDisabledRule,
    resource: withProperties(logAnalyticsWorkspace, { features: {} }),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'both paths private',
    rule: logAnalyticsPrivateAccessRule,
    resource: logAnalyticsWorkspace,
    status: 'pass',
    actual: 'ingestion=Disabled, query=Disabled',
  },
  {
    name: 'public ingestion',
    rule: logAnalyticsPrivateAccessRule,
    resource: withProperties(logAnalyticsWorkspace, {
      publicNetworkAccessForIngestion: 'Enabled',
    }),
    status: 'fail',
    actual: 'ingestion=Enabled, query=Disabled',
  },
  {
    name: 'public queries, ingestion not reported',
    rule: logAnalyticsPrivateAccessRule,
    resource: withoutProperties(
      withProperties(logAnalyticsWorkspace, {
        publicNetworkAccessForQuery: 'Enabled',
      }),
      'publicNetworkAccessForIngestion',
    ),
    status: 'fail',
    actual: 'ingestion=null, query=Enabled',
  },
  {
    name: 'query access not reported',
    rule: logAnalyticsPrivateAccessRule,
    resource: withoutProperties(
      logAnalyticsWorkspace,
      'publicNetworkAccessForQuery',
    ),
    status: 'unknown',
    actual: 'ingestion=Disabled, query=null',
  },
];

describe('Log Analytics workspace rules', () => {
  itJudgesEachCase(cases);

  it('names the table that falls short as evidence', () => {
    const short = workspaceTable('AZKVAuditLogs', 730);
    const outcome = logAnalyticsRetentionRule.evaluate(
      logAnalyticsWorkspace,
      ruleContext([logAnalyticsWorkspace, short]),
    );
    expect(outcome.evidenceResourceId).toBe(short.id);
  });

  it('says which public path is open', () => {
    const outcome = logAnalyticsPrivateAccessRule.evaluate(
      withProperties(logAnalyticsWorkspace, {
        publicNetworkAccessForIngestion: 'Enabled',
        publicNetworkAccessForQuery: 'Enabled',
      }),
      ruleContext([]),
    );
    expect(outcome.message).toBe(
      'The workspace accepts ingestion and queries from public networks.',
    );
  });

  it('mirrors the HITRUST CSF v11.3 built-in for public ingestion and queries', () => {
    expect(logAnalyticsPrivateAccessRule.mirrors).toEqual(
      expect.objectContaining({
        definitionId: '6c53d030-cc64-46f0-906d-2bc061cd1334',
        initiative: 'HITRUST CSF v11.3',
      }),
    );
  });
});

import { fromArm } from '../__fixtures__/arm';
import {
  diagnosticSettingToWorkspace,
  diagnosticSettingWithoutWorkspace,
  keyVault,
  logAnalyticsWorkspace,
  sqlMasterDatabase,
  storageAccountCreated,
  workspaceTable,
} from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import { logRetentionRule, resourceLogsRule } from './monitoring';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const toWorkspace = diagnosticSettingToWorkspace(keyVault.id);
const toWorkspaceDedicated = diagnosticSettingToWorkspace(keyVault.id, {
  name: 'dedicated',
  dedicated: true,
});
const logsOff = diagnosticSettingToWorkspace(keyVault.id, {
  name: 'metrics-only',
  logsEnabled: false,
});
/** Storage logs are configured on the blob service, not the account. */
const blobServiceSetting = diagnosticSettingToWorkspace(
  `${storageAccountCreated.id}/blobServices/default`,
  { name: 'blob-logs' },
);

const cases: RuleCase[] = [
  {
    name: 'getDiagnosticSetting: logs to storage and event hub, empty workspaceId',
    rule: resourceLogsRule,
    resource: keyVault,
    inventory: [diagnosticSettingWithoutWorkspace],
    status: 'fail',
    actual: 'mysetting: logs on → storage account+event hub+partner',
  },
  {
    name: 'all logs to a workspace',
    rule: resourceLogsRule,
    resource: keyVault,
    inventory: [toWorkspace],
    status: 'pass',
    actual:
      '/subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/oiautorest6685/providers/Microsoft.OperationalInsights/workspaces/AzTest2170',
  },
  {
    name: 'metrics only',
    rule: resourceLogsRule,
    resource: keyVault,
    inventory: [logsOff],
    status: 'fail',
    actual: 'metrics-only: no logs → workspace',
  },
  {
    name: 'no diagnostic settings, collected',
    rule: resourceLogsRule,
    resource: keyVault,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'no diagnostic settings on a vault listed without properties',
    rule: resourceLogsRule,
    resource: { ...keyVault, properties: {} },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no diagnostic settings on a vault that could not be read',
    rule: logRetentionRule,
    resource: {
      ...keyVault,
      properties: {},
      propertiesError: 'AuthorizationFailed',
    },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no diagnostic settings, not collected',
    rule: resourceLogsRule,
    resource: keyVault,
    context: {
      collectedChildTypes: new Set(['microsoft.sql/servers/auditingsettings']),
    },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'storage logs on the blob service',
    rule: resourceLogsRule,
    resource: storageAccountCreated,
    inventory: [blobServiceSetting],
    status: 'pass',
    actual:
      '/subscriptions/00000000-0000-0000-0000-000000000005/resourceGroups/oiautorest6685/providers/Microsoft.OperationalInsights/workspaces/AzTest2170',
  },

  // Retention: minimum 2190 days unless configured.
  {
    name: 'workspace keeps 30 days (WorkspacesSubscriptionList)',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [toWorkspace, logAnalyticsWorkspace],
    status: 'fail',
    actual: '30 days (workspace AzTest2170)',
  },
  {
    name: 'AzureDiagnostics table keeps 2557 days',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [
      toWorkspace,
      logAnalyticsWorkspace,
      workspaceTable('AzureDiagnostics', 90, 2557),
    ],
    status: 'pass',
    actual: '2557 days (table AzureDiagnostics in AzTest2170)',
  },
  {
    name: 'resource-specific mode reads AZKVAuditLogs, not AzureDiagnostics',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [
      toWorkspaceDedicated,
      logAnalyticsWorkspace,
      workspaceTable('AzureDiagnostics', 90, 2557),
      workspaceTable('AZKVAuditLogs', 90, 365),
    ],
    status: 'fail',
    actual: '365 days (table AZKVAuditLogs in AzTest2170)',
  },
  {
    name: 'table inheriting the workspace default (-1)',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [
      toWorkspace,
      logAnalyticsWorkspace,
      workspaceTable('AzureDiagnostics', -1, -1),
    ],
    status: 'fail',
    actual: '30 days (table AzureDiagnostics in AzTest2170)',
  },
  {
    name: 'storage: the shortest of its tables governs',
    rule: logRetentionRule,
    resource: storageAccountCreated,
    inventory: [
      blobServiceSetting,
      logAnalyticsWorkspace,
      workspaceTable('StorageBlobLogs', 90, 2190),
      workspaceTable('StorageFileLogs', 90, 400),
    ],
    status: 'fail',
    actual: '400 days (table StorageFileLogs in AzTest2170)',
  },
  {
    name: 'storage: every table long enough',
    rule: logRetentionRule,
    resource: storageAccountCreated,
    inventory: [
      blobServiceSetting,
      logAnalyticsWorkspace,
      workspaceTable('StorageBlobLogs', 90, 2190),
    ],
    status: 'pass',
    actual: '2190 days (table StorageBlobLogs in AzTest2170)',
  },
  {
    name: 'configured minimum of 30 days',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [toWorkspace, logAnalyticsWorkspace],
    context: { minimumLogRetentionDays: 30 },
    status: 'pass',
    actual: '30 days (workspace AzTest2170)',
  },
  {
    name: 'workspace outside the inventory',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [toWorkspace],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'workspace without retentionInDays',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [
      toWorkspace,
      {
        ...logAnalyticsWorkspace,
        properties: { provisioningState: 'Succeeded' },
      },
    ],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no logs reach a workspace',
    rule: logRetentionRule,
    resource: keyVault,
    inventory: [diagnosticSettingWithoutWorkspace, logAnalyticsWorkspace],
    status: 'fail',
    actual: 'no workspace destination',
  },
  {
    name: 'diagnostic settings not collected',
    rule: logRetentionRule,
    resource: keyVault,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('monitoring rules', () => {
  itJudgesEachCase(cases);

  it('passes when any one destination keeps logs long enough', () => {
    const second = fromArm({
      id: `${keyVault.id}/providers/microsoft.insights/diagnosticSettings/archive`,
      name: 'archive',
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: {
        workspaceId:
          '/subscriptions/s/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/archive-law',
        logs: [{ category: 'AuditEvent', enabled: true }],
      },
    });
    const archive = fromArm({
      id: '/subscriptions/s/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/archive-law',
      name: 'archive-law',
      type: 'Microsoft.OperationalInsights/workspaces',
      location: 'eastus',
      properties: { retentionInDays: 730, sku: { name: 'PerGB2018' } },
    });
    const archiveTable = fromArm({
      id: `${archive.id}/tables/AzureDiagnostics`,
      name: 'AzureDiagnostics',
      type: 'Microsoft.OperationalInsights/workspaces/tables',
      properties: { retentionInDays: 730, totalRetentionInDays: 2555 },
    });
    const outcome = logRetentionRule.evaluate(
      keyVault,
      ruleContext([
        keyVault,
        toWorkspace,
        logAnalyticsWorkspace,
        second,
        archive,
        archiveTable,
      ]),
    );
    expect(outcome).toEqual(
      expect.objectContaining({
        status: 'pass',
        actual: '2555 days (table AzureDiagnostics in archive-law)',
        evidenceResourceId: archiveTable.id,
      }),
    );
  });

  it('mirrors the resource-type built-in where the initiative has one', () => {
    const ctx = ruleContext([keyVault, toWorkspace, storageAccountCreated]);
    expect(resourceLogsRule.evaluate(keyVault, ctx).mirrors?.definitionId).toBe(
      'cf820ca0-f99e-4f3e-84fb-66e913812d21',
    );
    expect(
      resourceLogsRule.evaluate(storageAccountCreated, ctx).mirrors,
    ).toBeUndefined();
    expect(resourceLogsRule.mirrors?.definitionId).toBe(
      '7f89b1eb-583c-429a-8828-af049802c1d9',
    );
    expect(logRetentionRule.mirrors).toBeUndefined();
  });

  it('skips the master database', () => {
    expect(resourceLogsRule.appliesTo?.(sqlMasterDatabase)).toBe(false);
    expect(logRetentionRule.appliesTo?.(keyVault)).toBe(true);
  });
});

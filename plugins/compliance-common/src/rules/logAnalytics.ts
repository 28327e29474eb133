import { RESOURCE_LOG_TABLES, retentionIn } from './monitoring';
import type { ResourceRule } from './types';
import { display, judgeFlag, read, sameText } from './values';

export const LOG_ANALYTICS_WORKSPACE =
  'microsoft.operationalinsights/workspaces';

export const logAnalyticsRetentionRule: ResourceRule = {
  id: 'loganalytics.retention',
  title: 'Log Analytics workspaces keep audit logs for the required period',
  resourceTypes: [LOG_ANALYTICS_WORKSPACE],
  // As monitor.log-retention: no built-in in either initiative tests
  // workspace or table retention.
  mirrors: undefined,
  remediation:
    'Keep the tables resource logs land in (AzureDiagnostics and the resource-specific ones) for at least the minimum: set their total retention to a step at or above it, e.g. 2556 days, 7 years (Terraform azurerm_log_analytics_workspace_table total_retention_in_days = 2556); the workspace default (azurerm_log_analytics_workspace retention_in_days) reaches 730 days at most.',
  evaluate: (resource, context) => {
    const minimum = context.minimumLogRetentionDays;
    const property =
      'properties.retentionInDays / tables.properties.totalRetentionInDays';
    const expected = `≥ ${minimum} days`;
    // The shortest of the listed tables audit logs land in governs; without
    // them, the workspace default does.
    const retention = retentionIn(resource, RESOURCE_LOG_TABLES, context);
    if (!retention) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message:
          'Resource Manager reported no retentionInDays for the workspace, and the inventory has none of its audit tables.',
      };
    }
    const passes = retention.days >= minimum;
    return {
      status: passes ? 'pass' : 'fail',
      property,
      expected,
      actual: `${retention.days} days (${retention.source})`,
      message: passes
        ? `Audit logs in the workspace are kept for ${retention.days} days.`
        : `Audit logs in the workspace are kept for ${retention.days} days, short of ${minimum} (HIPAA keeps documentation 6 years).`,
      evidenceResourceId: retention.evidenceResourceId,
    };
  },
};

export const logAnalyticsLocalAuthDisabledRule: ResourceRule = {
  id: 'loganalytics.local-auth-disabled',
  title:
    'Log Analytics workspaces accept Microsoft Entra-authenticated ingestion only',
  resourceTypes: [LOG_ANALYTICS_WORKSPACE],
  // "Log Analytics Workspaces should block non-Azure Active Directory based
  // ingestion." (e15effd4-2278-4c65-a0da-4d6f6d1890e2) is in neither
  // initiative.
  mirrors: undefined,
  remediation:
    'Require Entra authentication for ingestion (Terraform azurerm_log_analytics_workspace local_authentication_enabled = false).',
  evaluate: resource =>
    judgeFlag(resource, 'properties.features.disableLocalAuth', true, {
      pass: 'Only Microsoft Entra identities can write logs into the workspace.',
      fail: 'Anyone holding the workspace key can write entries into the audit trail.',
      unknown: 'Resource Manager omits it while local authentication is on',
    }),
};

export const logAnalyticsPrivateAccessRule: ResourceRule = {
  id: 'loganalytics.private-access',
  title:
    'Log Analytics workspaces block ingestion and queries from public networks',
  resourceTypes: [LOG_ANALYTICS_WORKSPACE],
  mirrors: {
    policyName:
      'Log Analytics workspaces should block log ingestion and querying from public networks',
    definitionId: '6c53d030-cc64-46f0-906d-2bc061cd1334',
    initiative: 'HITRUST CSF v11.3',
    hitrustControls: [
      'HITRUST_CSF_v11.3_01.m',
      'HITRUST_CSF_v11.3_01.n',
      'HITRUST_CSF_v11.3_01.o',
      'HITRUST_CSF_v11.3_09.ab',
      'HITRUST_CSF_v11.3_09.ac',
      'HITRUST_CSF_v11.3_09.w',
    ],
  },
  remediation:
    'Reach the workspace through an Azure Monitor Private Link Scope and close both public paths (Terraform azurerm_log_analytics_workspace internet_ingestion_enabled = false, internet_query_enabled = false).',
  evaluate: resource => {
    const expected =
      'publicNetworkAccessForIngestion and publicNetworkAccessForQuery Disabled';
    const ingestion = read(
      resource,
      'properties.publicNetworkAccessForIngestion',
    );
    const query = read(resource, 'properties.publicNetworkAccessForQuery');
    const actual = `ingestion=${display(ingestion)}, query=${display(query)}`;
    const open = [
      ['properties.publicNetworkAccessForIngestion', ingestion, 'ingestion'],
      ['properties.publicNetworkAccessForQuery', query, 'queries'],
    ] as const;
    const publicPaths = open.filter(
      ([, value]) => typeof value === 'string' && !sameText(value, 'Disabled'),
    );
    if (publicPaths.length > 0) {
      return {
        status: 'fail',
        property: publicPaths[0][0],
        expected,
        actual,
        message: `The workspace accepts ${publicPaths
          .map(([, , what]) => what)
          .join(' and ')} from public networks.`,
      };
    }
    const unreported = open.find(([, value]) => typeof value !== 'string');
    if (unreported) {
      return {
        status: 'unknown',
        property: unreported[0],
        expected,
        actual,
        message: `Resource Manager did not report ${unreported[0].replace(
          /^properties\./,
          '',
        )}.`,
      };
    }
    return {
      status: 'pass',
      property: 'properties.publicNetworkAccessForIngestion',
      expected,
      actual,
      message: 'Logs are written and queried through private links only.',
    };
  },
};

export const logAnalyticsRules: readonly ResourceRule[] = [
  logAnalyticsRetentionRule,
  logAnalyticsLocalAuthDisabledRule,
  logAnalyticsPrivateAccessRule,
];

import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule, RuleOutcome } from './types';
import {
  asBoolean,
  asString,
  childrenOrAbsence,
  display,
  durationDays,
  judgeFlag,
  judgeMinimumTls,
  judgeText,
  longestRetention,
  read,
  readPath,
  sameText,
} from './values';

const MANAGED_INSTANCE = 'microsoft.sql/managedinstances';
const MI_DATABASE = 'microsoft.sql/managedinstances/databases';
export const MI_ENCRYPTION_PROTECTOR =
  'microsoft.sql/managedinstances/encryptionprotector';
export const MI_LONG_TERM_RETENTION =
  'microsoft.sql/managedinstances/databases/backuplongtermretentionpolicies';
export const MI_VULNERABILITY_ASSESSMENTS =
  'microsoft.sql/managedinstances/vulnerabilityassessments';
const MI_AAD_ONLY = 'microsoft.sql/managedinstances/azureadonlyauthentications';
const DIAGNOSTIC_SETTINGS = 'microsoft.insights/diagnosticsettings';

export const sqlMiPublicDataEndpointRule: ResourceRule = {
  id: 'sqlmi.public-data-endpoint-disabled',
  title: 'SQL managed instances keep the public data endpoint off',
  resourceTypes: [MANAGED_INSTANCE],
  // "Azure SQL Managed Instances should disable public network access" is in
  // neither initiative.
  mirrors: undefined,
  remediation:
    'Reach the instance through its VNet or a private endpoint and turn the public data endpoint off (Terraform azurerm_mssql_managed_instance public_data_endpoint_enabled = false).',
  evaluate: resource =>
    judgeFlag(resource, 'properties.publicDataEndpointEnabled', false, {
      pass: 'The instance is reachable from its virtual network only.',
      fail: 'The public data endpoint (port 3342) accepts connections from the internet.',
    }),
};

export const sqlMiEntraOnlyAuthenticationRule: ResourceRule = {
  id: 'sqlmi.entra-only-authentication',
  title: 'SQL managed instances allow Microsoft Entra authentication only',
  resourceTypes: [MANAGED_INSTANCE],
  // "Azure SQL Managed Instance should have Microsoft Entra-only
  // authentication enabled" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Set a Microsoft Entra administrator with Entra-only authentication (Terraform azurerm_mssql_managed_instance azure_active_directory_administrator { azuread_authentication_only_enabled = true }).',
  evaluate: (resource, context) => {
    const property = 'properties.administrators.azureADOnlyAuthentication';
    const onlyChild = context.inventory
      .descendants(resource.id, MI_AAD_ONLY)
      .find(c => read(c, 'properties.azureADOnlyAuthentication') !== undefined);
    if (read(resource, property) === undefined && onlyChild !== undefined) {
      const only =
        asBoolean(read(onlyChild, 'properties.azureADOnlyAuthentication')) ===
        true;
      return {
        status: only ? 'pass' : 'fail',
        property:
          'azureADOnlyAuthentications/Default.properties.azureADOnlyAuthentication',
        expected: 'true',
        actual: display(
          read(onlyChild, 'properties.azureADOnlyAuthentication'),
        ),
        message: only
          ? 'Only Microsoft Entra identities can log in.'
          : 'SQL logins (shared passwords) can still authenticate.',
        evidenceResourceId: onlyChild.id,
      };
    }
    return judgeFlag(resource, property, true, {
      pass: 'Only Microsoft Entra identities can log in.',
      fail: 'SQL logins (shared passwords) can still authenticate.',
      unknown:
        'Azure omits administrators when no Microsoft Entra administrator is set',
    });
  },
};

export const sqlMiCustomerManagedKeyRule: ResourceRule = {
  id: 'sqlmi.customer-managed-key',
  title: 'SQL managed instances encrypt data with a customer-managed key',
  resourceTypes: [MANAGED_INSTANCE],
  mirrors: {
    policyName:
      'SQL managed instances should use customer-managed keys to encrypt data at rest',
    definitionId: 'ac01ad65-10e5-46df-bdd9-6b0cad13e1d2',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-0304.09o3Organizational.1-09.o'],
  },
  remediation:
    'Protect TDE with a Key Vault key (Terraform azurerm_mssql_managed_instance_transparent_data_encryption key_vault_key_id = ...).',
  evaluate: (resource, context) => {
    const property = 'encryptionProtector/current.properties.serverKeyType';
    const children = childrenOrAbsence(
      resource,
      context,
      MI_ENCRYPTION_PROTECTOR,
      property,
      'AzureKeyVault',
      'The instance reports no TDE encryption protector.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const protector = children[0];
    const keyType = read(protector, 'properties.serverKeyType');
    if (typeof keyType !== 'string') {
      return {
        status: 'unknown',
        property,
        expected: 'AzureKeyVault',
        actual: display(keyType),
        message: 'Resource Manager did not report the TDE key type.',
        evidenceResourceId: protector.id,
      };
    }
    const cmk = sameText(keyType, 'AzureKeyVault');
    return {
      status: cmk ? 'pass' : 'fail',
      property,
      expected: 'AzureKeyVault',
      actual: keyType,
      message: cmk
        ? 'TDE is protected by a key the organisation controls in Key Vault.'
        : 'TDE uses a service-managed key: the organisation cannot revoke access to the data.',
      evidenceResourceId: protector.id,
    };
  },
};

export const sqlMiMinimumTlsRule: ResourceRule = {
  id: 'sqlmi.minimum-tls',
  title: 'SQL managed instances require TLS 1.2 or newer',
  resourceTypes: [MANAGED_INSTANCE],
  // "SQL Managed Instance should have the minimal TLS version of 1.2" is in
  // neither initiative.
  mirrors: undefined,
  remediation:
    'Set minimalTlsVersion to 1.2 (Terraform azurerm_mssql_managed_instance minimum_tls_version = "1.2").',
  evaluate: resource =>
    judgeMinimumTls(resource, 'properties.minimalTlsVersion', {
      pass: 'Connections must negotiate TLS 1.2 or newer.',
      fail: 'The instance accepts TLS older than 1.2 (or enforces no minimum).',
    }),
};

export const sqlMiBackupRedundancyRule: ResourceRule = {
  id: 'sqlmi.geo-redundant-backups',
  title: 'SQL managed instance backups are geo-redundant',
  resourceTypes: [MANAGED_INSTANCE],
  // No built-in in either initiative asks for geo-redundant instance backups
  // (the one that exists, "should avoid using GRS backup redundancy", is for
  // data residency and points the other way).
  mirrors: undefined,
  remediation:
    'Store backups geo-redundantly so a regional loss leaves a restorable copy (Terraform azurerm_mssql_managed_instance storage_account_type = "GRS" or "GZRS").',
  evaluate: resource => {
    // The requested value is what new backups use; current lags until the
    // change completes.
    const path =
      read(resource, 'properties.requestedBackupStorageRedundancy') !==
      undefined
        ? 'properties.requestedBackupStorageRedundancy'
        : 'properties.currentBackupStorageRedundancy';
    return judgeText(resource, path, ['Geo', 'GeoZone'], {
      pass: 'Backups are copied to the paired region.',
      fail: 'Backups stay in one region: losing it loses the backups too.',
    });
  },
};

export const sqlMiLongTermBackupRetentionRule: ResourceRule = {
  id: 'sqlmi.long-term-backup-retention',
  title: 'SQL managed instance databases keep long-term backups',
  resourceTypes: [MI_DATABASE],
  // The initiative's long-term retention built-in evaluates
  // Microsoft.Sql/servers/databases only; none covers managed instances.
  mirrors: undefined,
  remediation:
    'Set a long-term retention policy whose longest retention reaches the minimum (Terraform azurerm_mssql_managed_database long_term_retention_policy { yearly_retention = "P6Y", week_of_year = 1 }).',
  evaluate: (resource, context) => {
    const property =
      'backupLongTermRetentionPolicies/default.properties.yearlyRetention';
    const minimum = context.minimumBackupRetention;
    const minimumDays = durationDays(minimum) ?? 0;
    const expected = `longest of weekly/monthly/yearly retention ≥ ${minimum}`;
    const children = childrenOrAbsence(
      resource,
      context,
      MI_LONG_TERM_RETENTION,
      property,
      expected,
      'The database has no long-term backup retention policy.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const policy = children[0];
    const longest = longestRetention(policy);
    const outcome = (
      status: RuleOutcome['status'],
      message: string,
    ): RuleOutcome => ({
      status,
      property: longest
        ? `backupLongTermRetentionPolicies/default.properties.${longest.name}`
        : property,
      expected,
      actual: longest?.reported ?? null,
      message,
      evidenceResourceId: policy.id,
    });
    if (!longest) {
      return outcome(
        'unknown',
        'Resource Manager reported no readable long-term retention.',
      );
    }
    if (longest.days === 0) {
      return outcome(
        'fail',
        'Long-term retention is off (all retentions PT0S).',
      );
    }
    return longest.days >= minimumDays
      ? outcome(
          'pass',
          `Backups are kept for ${Math.floor(longest.days)} days.`,
        )
      : outcome(
          'fail',
          `The longest long-term retention is ${Math.floor(
            longest.days,
          )} days, short of ${minimum}.`,
        );
  },
};

/** Diagnostic settings categories that carry SQL audit records. */
function sendsAuditEvents(setting: AzureResource): boolean {
  const logs = read(setting, 'properties.logs');
  const destination =
    asString(read(setting, 'properties.workspaceId')) ??
    asString(read(setting, 'properties.storageAccountId')) ??
    asString(read(setting, 'properties.eventHubAuthorizationRuleId'));
  return (
    destination !== undefined &&
    Array.isArray(logs) &&
    logs.some(
      entry =>
        asBoolean(readPath(entry, 'enabled')) === true &&
        (sameText(readPath(entry, 'category'), 'SQLSecurityAuditEvents') ||
          sameText(readPath(entry, 'categoryGroup'), 'audit') ||
          sameText(readPath(entry, 'categoryGroup'), 'allLogs')),
    )
  );
}

export const sqlMiAuditingRule: ResourceRule = {
  id: 'sqlmi.auditing',
  title: 'SQL managed instance audit events are exported',
  resourceTypes: [MANAGED_INSTANCE],
  // "Auditing on SQL server should be enabled" evaluates
  // Microsoft.Sql/servers only; managed instances audit through a server
  // audit (T-SQL) whose EXTERNAL_MONITOR target is a diagnostic setting.
  mirrors: undefined,
  remediation:
    'Add a diagnostic setting with the SQLSecurityAuditEvents category to the central workspace and a server audit TO EXTERNAL_MONITOR (Terraform azurerm_monitor_diagnostic_setting with enabled_log { category = "SQLSecurityAuditEvents" }).',
  evaluate: (resource, context) => {
    const property =
      'diagnosticSettings.properties.logs[SQLSecurityAuditEvents]';
    const expected =
      'a diagnostic setting with SQLSecurityAuditEvents (or the audit group) enabled and a destination';
    const children = childrenOrAbsence(
      resource,
      context,
      DIAGNOSTIC_SETTINGS,
      property,
      expected,
      'The instance has no diagnostic settings, so its audit events go nowhere.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const auditing = children.find(sendsAuditEvents);
    return auditing
      ? {
          status: 'pass',
          property,
          expected,
          actual: auditing.name,
          message:
            'Audit events are exported (the server audit inside the instance is not visible to Resource Manager).',
          evidenceResourceId: auditing.id,
        }
      : {
          status: 'fail',
          property,
          expected,
          actual: children.map(c => c.name).join(', '),
          message:
            'No diagnostic setting exports SQLSecurityAuditEvents, so database activity is not reviewable.',
          evidenceResourceId: children[0].id,
        };
  },
};

export const sqlMiVulnerabilityAssessmentRule: ResourceRule = {
  id: 'sqlmi.vulnerability-assessment',
  title: 'SQL managed instances run recurring vulnerability scans',
  resourceTypes: [MANAGED_INSTANCE],
  mirrors: {
    policyName:
      'Vulnerability assessment should be enabled on SQL Managed Instance',
    definitionId: '1b7aa243-30e4-4c9e-bca8-d0d3022b634a',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-0709.10m1Organizational.1-10.m',
      'hipaa-0710.10m2Organizational.1-10.m',
      'hipaa-0719.10m3Organizational.5-10.m',
    ],
  },
  remediation:
    'Enable Defender for SQL vulnerability assessment with recurring scans (Terraform azurerm_mssql_managed_instance_vulnerability_assessment recurring_scans { enabled = true }).',
  evaluate: (resource, context) => {
    const property =
      'vulnerabilityAssessments/default.properties.recurringScans.isEnabled';
    const children = childrenOrAbsence(
      resource,
      context,
      MI_VULNERABILITY_ASSESSMENTS,
      property,
      'true',
      'The instance has no vulnerability assessment settings.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const assessment = children[0];
    const enabled = asBoolean(
      read(assessment, 'properties.recurringScans.isEnabled'),
    );
    if (enabled === undefined) {
      return {
        status: 'unknown',
        property,
        expected: 'true',
        actual: null,
        message: 'Resource Manager did not report recurring scans.',
        evidenceResourceId: assessment.id,
      };
    }
    return {
      status: enabled ? 'pass' : 'fail',
      property,
      expected: 'true',
      actual: String(enabled),
      message: enabled
        ? 'Databases are scanned for vulnerabilities on a schedule.'
        : 'Recurring vulnerability scans are off.',
      evidenceResourceId: assessment.id,
    };
  },
};

export const sqlManagedInstanceRules: readonly ResourceRule[] = [
  sqlMiPublicDataEndpointRule,
  sqlMiEntraOnlyAuthenticationRule,
  sqlMiCustomerManagedKeyRule,
  sqlMiMinimumTlsRule,
  sqlMiBackupRedundancyRule,
  sqlMiLongTermBackupRetentionRule,
  sqlMiAuditingRule,
  sqlMiVulnerabilityAssessmentRule,
];

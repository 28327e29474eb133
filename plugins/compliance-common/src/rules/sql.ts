import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule, RuleOutcome } from './types';
import {
  asBoolean,
  childrenOrAbsence,
  display,
  durationDays,
  judgeProperty,
  read,
  sameText,
  tlsVersion,
} from './values';

const SERVER = 'microsoft.sql/servers';
const DATABASE = 'microsoft.sql/servers/databases';
const AUDITING = 'microsoft.sql/servers/auditingsettings';
const TDE = 'microsoft.sql/servers/databases/transparentdataencryption';
const LTR = 'microsoft.sql/servers/databases/backuplongtermretentionpolicies';
const ADMINISTRATORS = 'microsoft.sql/servers/administrators';
const AAD_ONLY = 'microsoft.sql/servers/azureadonlyauthentications';

/**
 * `master` is the logical server's system database: it holds no application
 * data, cannot have long-term backups, and the built-ins skip it.
 */
export function isUserDatabase(resource: AzureResource): boolean {
  if (resource.name.toLowerCase() === 'master') {
    return false;
  }
  return !(resource.kind ?? '').toLowerCase().includes('system');
}

export const sqlMinimumTlsRule: ResourceRule = {
  id: 'sql.minimum-tls',
  title: 'SQL servers require TLS 1.2 or newer',
  resourceTypes: [SERVER],
  mirrors: {
    policyName: 'Azure SQL Database should be running TLS version 1.2 or newer',
    definitionId: '32e6bbec-16b6-44c2-be37-c5b672d103cf',
    initiative: 'HITRUST CSF v11.3',
  },
  remediation:
    'Set minimalTlsVersion to 1.2 (Terraform azurerm_mssql_server minimum_tls_version = "1.2"; az sql server update --minimal-tls-version 1.2).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.minimalTlsVersion',
      '1.2 or newer',
      value => {
        const v = tlsVersion(value);
        return v === undefined ? undefined : v >= 1.2;
      },
      {
        pass: 'Logins must negotiate TLS 1.2 or newer.',
        fail: 'The server accepts logins over TLS older than 1.2 (or enforces no minimum).',
        unknown:
          'Azure Policy counts an absent minimalTlsVersion as non-compliant',
      },
    ),
};

export const sqlPublicNetworkDisabledRule: ResourceRule = {
  id: 'sql.public-network-disabled',
  title: 'SQL servers disable public network access',
  resourceTypes: [SERVER],
  mirrors: {
    policyName:
      'Public network access on Azure SQL Database should be disabled',
    definitionId: '1b8ca024-1d5c-4dec-8995-b1a932b41780',
    initiative: 'HITRUST CSF v11.3',
  },
  remediation:
    'Connect through private endpoints and set publicNetworkAccess to Disabled (Terraform public_network_access_enabled = false).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.publicNetworkAccess',
      'Disabled',
      value =>
        typeof value === 'string' ? sameText(value, 'Disabled') : undefined,
      {
        pass: 'The server is reachable through private endpoints only.',
        fail: 'The server accepts logins over its public endpoint.',
      },
    ),
};

export const sqlAuditingRule: ResourceRule = {
  id: 'sql.auditing',
  title: 'SQL server auditing is enabled',
  resourceTypes: [SERVER],
  mirrors: {
    policyName: 'Auditing on SQL server should be enabled',
    definitionId: 'a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1211.09aa3System.4-09.aa'],
  },
  remediation:
    'Enable server auditing to a Log Analytics workspace (Terraform azurerm_mssql_server_extended_auditing_policy with log_monitoring_enabled = true).',
  evaluate: (resource, context) => {
    const property = 'auditingSettings/default.properties.state';
    const children = childrenOrAbsence(
      resource,
      context,
      AUDITING,
      property,
      'Enabled',
      'The server has no auditing settings.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const enabled = children.find(c =>
      sameText(read(c, 'properties.state'), 'Enabled'),
    );
    const evidence = enabled ?? children[0];
    const state = read(evidence, 'properties.state');
    if (enabled) {
      return {
        status: 'pass',
        property,
        expected: 'Enabled',
        actual: display(state),
        message: 'Server auditing records database activity.',
        evidenceResourceId: evidence.id,
      };
    }
    return {
      status: state === undefined ? 'unknown' : 'fail',
      property,
      expected: 'Enabled',
      actual: display(state),
      message:
        state === undefined
          ? 'Resource Manager did not report the auditing state.'
          : 'Server auditing is disabled, so database activity is not recorded.',
      evidenceResourceId: evidence.id,
    };
  },
};

export const sqlEntraAuthenticationRule: ResourceRule = {
  id: 'sql.entra-authentication',
  title: 'SQL servers authenticate with Microsoft Entra ID',
  resourceTypes: [SERVER],
  // "An Azure Active Directory administrator should be provisioned for SQL
  // servers" and the Entra-only built-ins are in neither initiative.
  mirrors: undefined,
  remediation:
    'Set a Microsoft Entra administrator and enable Entra-only authentication (Terraform azuread_administrator { azuread_authentication_only = true }).',
  evaluate: (resource, context) => {
    const expected =
      'administrators.azureADOnlyAuthentication true, or administrators.administratorType ActiveDirectory';
    const onlyEntra = asBoolean(
      read(resource, 'properties.administrators.azureADOnlyAuthentication'),
    );
    const adminType = read(
      resource,
      'properties.administrators.administratorType',
    );
    if (onlyEntra === true) {
      return {
        status: 'pass',
        property: 'properties.administrators.azureADOnlyAuthentication',
        expected,
        actual: 'true',
        message: 'Only Microsoft Entra identities can log in.',
      };
    }
    if (sameText(adminType, 'ActiveDirectory')) {
      return {
        status: 'pass',
        property: 'properties.administrators.administratorType',
        expected,
        actual: display(adminType),
        message:
          'A Microsoft Entra administrator is set; SQL logins are still allowed alongside it.',
      };
    }
    const onlyChild = context.inventory
      .descendants(resource.id, AAD_ONLY)
      .find(
        c =>
          asBoolean(read(c, 'properties.azureADOnlyAuthentication')) === true,
      );
    if (onlyChild) {
      return {
        status: 'pass',
        property:
          'azureADOnlyAuthentications/Default.properties.azureADOnlyAuthentication',
        expected,
        actual: 'true',
        message: 'Only Microsoft Entra identities can log in.',
        evidenceResourceId: onlyChild.id,
      };
    }
    const entraAdmin = context.inventory
      .descendants(resource.id, ADMINISTRATORS)
      .find(c =>
        sameText(read(c, 'properties.administratorType'), 'ActiveDirectory'),
      );
    if (entraAdmin) {
      return {
        status: 'pass',
        property: 'administrators/ActiveDirectory.properties.administratorType',
        expected,
        actual: 'ActiveDirectory',
        message:
          'A Microsoft Entra administrator is set; SQL logins are still allowed alongside it.',
        evidenceResourceId: entraAdmin.id,
      };
    }
    if (onlyEntra === false || adminType !== undefined) {
      return {
        status: 'fail',
        property: 'properties.administrators.azureADOnlyAuthentication',
        expected,
        actual: display(onlyEntra ?? adminType),
        message:
          'No Microsoft Entra administrator is set: only SQL logins (shared passwords) can authenticate.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.administrators',
      expected,
      actual: null,
      message:
        'Resource Manager did not report administrators; Azure omits it when no Microsoft Entra administrator is set.',
    };
  },
};

export const sqlTransparentDataEncryptionRule: ResourceRule = {
  id: 'sql.transparent-data-encryption',
  title: 'SQL databases have Transparent Data Encryption on',
  resourceTypes: [DATABASE],
  mirrors: {
    policyName:
      'Transparent Data Encryption on SQL databases should be enabled',
    // Azure's own definition name contains a "k"; it is not a typo here.
    definitionId: '17k78e20-9358-41c9-923c-fb736d382a12',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-0301.09o1Organizational.123-09.o'],
  },
  remediation:
    'Turn TDE back on (az sql db tde set --status Enabled); it is on by default for new databases.',
  appliesTo: isUserDatabase,
  evaluate: (resource, context) => {
    const property = 'transparentDataEncryption/current.properties.state';
    const children = childrenOrAbsence(
      resource,
      context,
      TDE,
      property,
      'Enabled',
      'The database reports no Transparent Data Encryption setting.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const tde = children[0];
    // API versions before 2021-02-01 call the field `status`.
    const state =
      read(tde, 'properties.state') ?? read(tde, 'properties.status');
    if (state === undefined) {
      return {
        status: 'unknown',
        property,
        expected: 'Enabled',
        actual: null,
        message: 'Resource Manager did not report the TDE state.',
        evidenceResourceId: tde.id,
      };
    }
    const on = sameText(state, 'Enabled');
    return {
      status: on ? 'pass' : 'fail',
      property,
      expected: 'Enabled',
      actual: display(state),
      message: on
        ? 'Data, logs and backups are encrypted at rest.'
        : 'The database and its backups are stored unencrypted.',
      evidenceResourceId: tde.id,
    };
  },
};

export const sqlLongTermBackupRetentionRule: ResourceRule = {
  id: 'sql.long-term-backup-retention',
  title: 'SQL databases keep long-term backups for the required period',
  resourceTypes: [DATABASE],
  // The built-in only asks for any long-term retention (not PT0S); this rule
  // also requires the longest retention to reach the configured minimum.
  mirrors: {
    policyName:
      'Long-term geo-redundant backup should be enabled for Azure SQL Databases',
    definitionId: 'd38fc420-0735-4ef3-ac11-c806f651a570',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-1616.09l1Organizational.16-09.l',
      'hipaa-1621.09l2Organizational.1-09.l',
    ],
  },
  remediation:
    'Set a long-term retention policy whose yearly (or monthly/weekly) retention reaches the minimum, e.g. yearlyRetention P6Y with weekOfYear 1 (Terraform long_term_retention_policy { yearly_retention = "P6Y", week_of_year = 1 }).',
  appliesTo: isUserDatabase,
  evaluate: (resource, context) => {
    const property =
      'backupLongTermRetentionPolicies/default.properties.yearlyRetention';
    const minimum = context.minimumBackupRetention;
    const minimumDays = durationDays(minimum) ?? 0;
    const expected = `longest of weekly/monthly/yearly retention ≥ ${minimum}`;
    const children = childrenOrAbsence(
      resource,
      context,
      LTR,
      property,
      expected,
      'The database has no long-term backup retention policy.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const policy = children[0];
    const retentions: Array<[string, unknown]> = [
      ['weeklyRetention', read(policy, 'properties.weeklyRetention')],
      ['monthlyRetention', read(policy, 'properties.monthlyRetention')],
      ['yearlyRetention', read(policy, 'properties.yearlyRetention')],
    ];
    const reported = retentions.filter(([, v]) => v !== undefined);
    const actual =
      reported.map(([k, v]) => `${k}=${display(v)}`).join(', ') || null;
    if (reported.length === 0) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'Resource Manager did not report any long-term retention.',
        evidenceResourceId: policy.id,
      };
    }
    let longest: [string, number] | undefined;
    for (const [name, value] of reported) {
      const days = durationDays(value);
      if (days !== undefined && (!longest || days > longest[1])) {
        longest = [name, days];
      }
    }
    const outcome = (
      status: RuleOutcome['status'],
      message: string,
      prop = property,
    ): RuleOutcome => ({
      status,
      property: prop,
      expected,
      actual,
      message,
      evidenceResourceId: policy.id,
    });
    if (!longest) {
      return outcome(
        'unknown',
        'The retention values are not ISO-8601 durations.',
      );
    }
    const prop = `backupLongTermRetentionPolicies/default.properties.${longest[0]}`;
    if (longest[1] === 0) {
      return outcome(
        'fail',
        'Long-term retention is off (all retentions PT0S).',
        prop,
      );
    }
    return longest[1] >= minimumDays
      ? outcome(
          'pass',
          `Backups are kept for ${Math.floor(longest[1])} days.`,
          prop,
        )
      : outcome(
          'fail',
          `The longest long-term retention is ${Math.floor(
            longest[1],
          )} days, short of ${minimum}.`,
          prop,
        );
  },
};

export const sqlRules: readonly ResourceRule[] = [
  sqlMinimumTlsRule,
  sqlPublicNetworkDisabledRule,
  sqlAuditingRule,
  sqlEntraAuthenticationRule,
  sqlTransparentDataEncryptionRule,
  sqlLongTermBackupRetentionRule,
];

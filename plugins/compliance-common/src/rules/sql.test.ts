import {
  fromArm,
  withoutProperties,
  withProperties,
} from '../__fixtures__/arm';
import {
  sqlDatabase,
  sqlDatabaseLongTermRetention,
  sqlDatabaseTde,
  sqlMasterDatabase,
  sqlServer,
  sqlServerAuditingDisabled,
  sqlServerEntraAdministrator,
} from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  sqlAuditingRule,
  sqlEntraAuthenticationRule,
  sqlLongTermBackupRetentionRule,
  sqlMinimumTlsRule,
  sqlPublicNetworkDisabledRule,
  sqlTransparentDataEncryptionRule,
} from './sql';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

const auditingEnabled = withProperties(sqlServerAuditingDisabled, {
  state: 'Enabled',
  isAzureMonitorTargetEnabled: true,
  retentionDays: 0,
});
const tdeDisabled = withProperties(sqlDatabaseTde, { state: 'Disabled' });
const tdeLegacyStatus = withProperties(
  withoutProperties(sqlDatabaseTde, 'state'),
  { status: 'Enabled' },
);
const ltr = (properties: Record<string, unknown>) =>
  withProperties(sqlDatabaseLongTermRetention, properties);

const cases: Case[] = [
  // Minimal TLS (HITRUST CSF v11.3 built-in)
  {
    name: 'not reported by ServerGet',
    rule: sqlMinimumTlsRule,
    resource: sqlServer,
    status: 'unknown',
    actual: null,
  },
  {
    name: '1.2',
    rule: sqlMinimumTlsRule,
    resource: withProperties(sqlServer, { minimalTlsVersion: '1.2' }),
    status: 'pass',
    actual: '1.2',
  },
  {
    name: '1.3',
    rule: sqlMinimumTlsRule,
    resource: withProperties(sqlServer, { minimalTlsVersion: '1.3' }),
    status: 'pass',
    actual: '1.3',
  },
  {
    name: '1.0',
    rule: sqlMinimumTlsRule,
    resource: withProperties(sqlServer, { minimalTlsVersion: '1.0' }),
    status: 'fail',
    actual: '1.0',
  },
  {
    name: 'None (no minimum)',
    rule: sqlMinimumTlsRule,
    resource: withProperties(sqlServer, { minimalTlsVersion: 'None' }),
    status: 'fail',
    actual: 'None',
  },
  {
    name: 'odd key casing',
    rule: sqlMinimumTlsRule,
    resource: withProperties(sqlServer, { MinimalTLSVersion: '1.2' }),
    status: 'pass',
    actual: '1.2',
  },

  // Public network access
  {
    name: 'enabled in ServerGet',
    rule: sqlPublicNetworkDisabledRule,
    resource: sqlServer,
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'disabled, lower case',
    rule: sqlPublicNetworkDisabledRule,
    resource: withProperties(sqlServer, { publicNetworkAccess: 'disabled' }),
    status: 'pass',
    actual: 'disabled',
  },
  {
    name: 'secured by perimeter is not disabled',
    rule: sqlPublicNetworkDisabledRule,
    resource: withProperties(sqlServer, {
      publicNetworkAccess: 'SecuredByPerimeter',
    }),
    status: 'fail',
    actual: 'SecuredByPerimeter',
  },
  {
    name: 'missing',
    rule: sqlPublicNetworkDisabledRule,
    resource: withoutProperties(sqlServer, 'publicNetworkAccess'),
    status: 'unknown',
    actual: null,
  },

  // Auditing (child auditingSettings)
  {
    name: 'ServerBlobAuditingGet: disabled',
    rule: sqlAuditingRule,
    resource: sqlServer,
    inventory: [sqlServerAuditingDisabled],
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'enabled',
    rule: sqlAuditingRule,
    resource: sqlServer,
    inventory: [auditingEnabled],
    status: 'pass',
    actual: 'Enabled',
  },
  {
    name: 'enabled, lower case',
    rule: sqlAuditingRule,
    resource: sqlServer,
    inventory: [
      withProperties(sqlServerAuditingDisabled, { state: 'enabled' }),
    ],
    status: 'pass',
    actual: 'enabled',
  },
  {
    name: 'no auditing settings, collected',
    rule: sqlAuditingRule,
    resource: sqlServer,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'no auditing settings on a server listed without properties',
    rule: sqlAuditingRule,
    resource: { ...sqlServer, properties: {} },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no auditing settings, not collected',
    rule: sqlAuditingRule,
    resource: sqlServer,
    context: {
      collectedChildTypes: new Set(['microsoft.sql/servers/databases']),
    },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'auditing settings without state',
    rule: sqlAuditingRule,
    resource: sqlServer,
    inventory: [withoutProperties(sqlServerAuditingDisabled, 'state')],
    status: 'unknown',
    actual: null,
  },

  // Entra authentication
  {
    name: 'no administrators reported (ServerGet)',
    rule: sqlEntraAuthenticationRule,
    resource: sqlServer,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'Entra-only',
    rule: sqlEntraAuthenticationRule,
    resource: withProperties(sqlServer, {
      administrators: {
        administratorType: 'ActiveDirectory',
        principalType: 'Group',
        login: 'sql-admins',
        sid: 'c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c',
        tenantId: 'c6b82b90-a647-49cb-8a62-0d2d3cb7ac7c',
        azureADOnlyAuthentication: true,
      },
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'Entra administrator alongside SQL logins',
    rule: sqlEntraAuthenticationRule,
    resource: withProperties(sqlServer, {
      administrators: {
        administratorType: 'ActiveDirectory',
        azureADOnlyAuthentication: false,
      },
    }),
    status: 'pass',
    actual: 'ActiveDirectory',
  },
  {
    name: 'odd casing and string boolean',
    rule: sqlEntraAuthenticationRule,
    resource: withProperties(sqlServer, {
      Administrators: { AzureADOnlyAuthentication: 'true' },
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'administrator child resource (AdministratorGet)',
    rule: sqlEntraAuthenticationRule,
    resource: sqlServer,
    inventory: [sqlServerEntraAdministrator],
    status: 'pass',
    actual: 'ActiveDirectory',
  },
  {
    name: 'Entra-only switched off, no administrator type',
    rule: sqlEntraAuthenticationRule,
    resource: withProperties(sqlServer, {
      administrators: { azureADOnlyAuthentication: false },
    }),
    status: 'fail',
    actual: 'false',
  },

  // TDE (database child)
  {
    name: 'TransparentDataEncryptionGet: enabled',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    inventory: [sqlDatabaseTde],
    status: 'pass',
    actual: 'Enabled',
  },
  {
    name: 'disabled',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    inventory: [tdeDisabled],
    status: 'fail',
    actual: 'Disabled',
  },
  {
    name: 'pre-2021 status field',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    inventory: [tdeLegacyStatus],
    status: 'pass',
    actual: 'Enabled',
  },
  {
    name: 'no TDE child, collected',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'no TDE child, not collected',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'TDE child without state',
    rule: sqlTransparentDataEncryptionRule,
    resource: sqlDatabase,
    inventory: [{ ...sqlDatabaseTde, properties: {} }],
    status: 'unknown',
    actual: null,
  },

  // Long-term retention (database child), minimum P6Y = 2190 days
  {
    name: 'LongTermRetentionPolicyGet: yearly P5Y',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [sqlDatabaseLongTermRetention],
    status: 'fail',
    actual: 'weeklyRetention=P1M, monthlyRetention=P1Y, yearlyRetention=P5Y',
  },
  {
    name: 'yearly P6Y',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [ltr({ yearlyRetention: 'P6Y' })],
    status: 'pass',
    actual: 'weeklyRetention=P1M, monthlyRetention=P1Y, yearlyRetention=P6Y',
  },
  {
    name: 'weekly P313W (2191 days)',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [ltr({ weeklyRetention: 'P313W', yearlyRetention: 'PT0S' })],
    status: 'pass',
    actual: 'weeklyRetention=P313W, monthlyRetention=P1Y, yearlyRetention=PT0S',
  },
  {
    name: 'weekly P312W (2184 days)',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [ltr({ weeklyRetention: 'P312W', yearlyRetention: 'PT0S' })],
    status: 'fail',
    actual: 'weeklyRetention=P312W, monthlyRetention=P1Y, yearlyRetention=PT0S',
  },
  {
    name: 'all PT0S',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [
      ltr({
        weeklyRetention: 'PT0S',
        monthlyRetention: 'PT0S',
        yearlyRetention: 'PT0S',
      }),
    ],
    status: 'fail',
    actual: 'weeklyRetention=PT0S, monthlyRetention=PT0S, yearlyRetention=PT0S',
  },
  {
    name: 'P5Y meets a configured P5Y',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [sqlDatabaseLongTermRetention],
    context: { minimumBackupRetention: 'P5Y' },
    status: 'pass',
    actual: 'weeklyRetention=P1M, monthlyRetention=P1Y, yearlyRetention=P5Y',
  },
  {
    name: 'odd casing',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [
      {
        ...sqlDatabaseLongTermRetention,
        properties: { YearlyRetention: 'P7Y', WeekOfYear: 1 },
      },
    ],
    status: 'pass',
    actual: 'yearlyRetention=P7Y',
  },
  {
    name: 'no policy, not collected',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    context: {
      collectedChildTypes: new Set([
        'microsoft.sql/servers/databases/transparentdataencryption',
      ]),
    },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'policy without retentions',
    rule: sqlLongTermBackupRetentionRule,
    resource: sqlDatabase,
    inventory: [{ ...sqlDatabaseLongTermRetention, properties: {} }],
    status: 'unknown',
    actual: null,
  },
];

describe('SQL rules', () => {
  itJudgesEachCase(cases);

  it('points at the child resource that holds the evidence', () => {
    const outcome = sqlAuditingRule.evaluate(
      sqlServer,
      ruleContext([sqlServer, sqlServerAuditingDisabled]),
    );
    expect(outcome.evidenceResourceId).toBe(
      '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/sqlcrudtest-7398/providers/Microsoft.Sql/servers/sqlcrudtest-4645/auditingSettings/default',
    );
  });

  it('reports the shortfall of long-term retention in days', () => {
    const outcome = sqlLongTermBackupRetentionRule.evaluate(
      sqlDatabase,
      ruleContext([sqlDatabase, sqlDatabaseLongTermRetention]),
    );
    // P5Y = 5 × 365 days.
    expect(outcome.message).toBe(
      'The longest long-term retention is 1825 days, short of P6Y.',
    );
    expect(outcome.property).toBe(
      'backupLongTermRetentionPolicies/default.properties.yearlyRetention',
    );
  });

  it.each([
    [sqlDatabase, true],
    [sqlMasterDatabase, false],
    [
      fromArm({
        id: `${sqlServer.id}/databases/MASTER`,
        name: 'MASTER',
        type: 'Microsoft.Sql/servers/databases',
        properties: {},
      }),
      false,
    ],
    [
      fromArm({
        id: `${sqlServer.id}/databases/sysdb`,
        name: 'sysdb',
        type: 'Microsoft.Sql/servers/databases',
        kind: 'v12.0,System',
        properties: {},
      }),
      false,
    ],
  ])('database rules skip system databases (%#)', (database, applies) => {
    expect(sqlTransparentDataEncryptionRule.appliesTo?.(database)).toBe(
      applies,
    );
    expect(sqlLongTermBackupRetentionRule.appliesTo?.(database)).toBe(applies);
  });

  it("keeps Azure's own TDE definition id, letter k included", () => {
    expect(sqlTransparentDataEncryptionRule.mirrors?.definitionId).toBe(
      '17k78e20-9358-41c9-923c-fb736d382a12',
    );
    expect(sqlMinimumTlsRule.mirrors?.initiative).toBe('HITRUST CSF v11.3');
    expect(sqlPublicNetworkDisabledRule.mirrors?.definitionId).toBe(
      '1b8ca024-1d5c-4dec-8995-b1a932b41780',
    );
    expect(sqlEntraAuthenticationRule.mirrors).toBeUndefined();
  });
});

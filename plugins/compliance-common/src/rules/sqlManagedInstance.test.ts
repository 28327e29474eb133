import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import {
  managedInstance,
  managedInstanceAuditDiagnostics,
  managedInstanceDatabase,
  managedInstanceDatabaseLongTermRetention,
  managedInstanceEncryptionProtector,
  managedInstanceVulnerabilityAssessment,
} from '../__fixtures__/families';
import {
  MI_ENCRYPTION_PROTECTOR,
  sqlMiAuditingRule,
  sqlMiBackupRedundancyRule,
  sqlMiCustomerManagedKeyRule,
  sqlMiEntraOnlyAuthenticationRule,
  sqlMiLongTermBackupRetentionRule,
  sqlMiMinimumTlsRule,
  sqlMiPublicDataEndpointRule,
  sqlMiVulnerabilityAssessmentRule,
} from './sqlManagedInstance';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

type Case = RuleCase;

const mi = managedInstance;
const serviceManagedProtector = withProperties(
  managedInstanceEncryptionProtector,
  {
    serverKeyType: 'ServiceManaged',
    serverKeyName: 'ServiceManaged',
    uri: undefined,
  },
);
const ltr = (p: Record<string, unknown>) =>
  withProperties(managedInstanceDatabaseLongTermRetention, p);

const cases: Case[] = [
  {
    name: 'public endpoint off',
    rule: sqlMiPublicDataEndpointRule,
    resource: mi,
    status: 'pass',
    actual: 'false',
  },
  {
    name: 'public endpoint on',
    rule: sqlMiPublicDataEndpointRule,
    resource: withProperties(mi, { publicDataEndpointEnabled: true }),
    status: 'fail',
    actual: 'true',
  },
  {
    name: 'not reported',
    rule: sqlMiPublicDataEndpointRule,
    resource: withoutProperties(mi, 'publicDataEndpointEnabled'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'Entra only',
    rule: sqlMiEntraOnlyAuthenticationRule,
    resource: mi,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'SQL logins allowed',
    rule: sqlMiEntraOnlyAuthenticationRule,
    resource: withProperties(mi, {
      administrators: {
        administratorType: 'ActiveDirectory',
        azureADOnlyAuthentication: false,
      },
    }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'no administrators reported',
    rule: sqlMiEntraOnlyAuthenticationRule,
    resource: withoutProperties(mi, 'administrators'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'Entra-only child resource',
    rule: sqlMiEntraOnlyAuthenticationRule,
    resource: withoutProperties(mi, 'administrators'),
    inventory: [
      {
        ...managedInstanceEncryptionProtector,
        id: `${mi.id}/azureADOnlyAuthentications/Default`,
        name: 'Default',
        type: 'microsoft.sql/managedinstances/azureadonlyauthentications',
        properties: { azureADOnlyAuthentication: true },
      },
    ],
    status: 'pass',
    actual: 'true',
  },

  {
    name: 'Key Vault protector',
    rule: sqlMiCustomerManagedKeyRule,
    resource: mi,
    inventory: [managedInstanceEncryptionProtector],
    status: 'pass',
    actual: 'AzureKeyVault',
  },
  {
    name: 'service-managed key',
    rule: sqlMiCustomerManagedKeyRule,
    resource: mi,
    inventory: [serviceManagedProtector],
    status: 'fail',
    actual: 'ServiceManaged',
  },
  {
    name: 'protector not collected',
    rule: sqlMiCustomerManagedKeyRule,
    resource: mi,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'protector without key type',
    rule: sqlMiCustomerManagedKeyRule,
    resource: mi,
    inventory: [
      withoutProperties(managedInstanceEncryptionProtector, 'serverKeyType'),
    ],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'protector collected, none',
    rule: sqlMiCustomerManagedKeyRule,
    resource: mi,
    context: { collectedChildTypes: new Set([MI_ENCRYPTION_PROTECTOR]) },
    status: 'fail',
    actual: 'none',
  },

  {
    name: '1.2',
    rule: sqlMiMinimumTlsRule,
    resource: mi,
    status: 'pass',
    actual: '1.2',
  },
  {
    name: 'None',
    rule: sqlMiMinimumTlsRule,
    resource: withProperties(mi, { minimalTlsVersion: 'None' }),
    status: 'fail',
    actual: 'None',
  },
  {
    name: '1.1',
    rule: sqlMiMinimumTlsRule,
    resource: withProperties(mi, { minimalTlsVersion: '1.1' }),
    status: 'fail',
    actual: '1.1',
  },
  {
    name: 'not reported',
    rule: sqlMiMinimumTlsRule,
    resource: withoutProperties(mi, 'minimalTlsVersion'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'Geo',
    rule: sqlMiBackupRedundancyRule,
    resource: mi,
    status: 'pass',
    actual: 'Geo',
  },
  {
    name: 'GeoZone',
    rule: sqlMiBackupRedundancyRule,
    resource: withProperties(mi, {
      requestedBackupStorageRedundancy: 'GeoZone',
    }),
    status: 'pass',
    actual: 'GeoZone',
  },
  {
    name: 'requested Local wins over current Geo',
    rule: sqlMiBackupRedundancyRule,
    resource: withProperties(mi, { requestedBackupStorageRedundancy: 'Local' }),
    status: 'fail',
    actual: 'Local',
  },
  {
    name: 'only current reported',
    rule: sqlMiBackupRedundancyRule,
    resource: withProperties(
      withoutProperties(mi, 'requestedBackupStorageRedundancy'),
      { currentBackupStorageRedundancy: 'Zone' },
    ),
    status: 'fail',
    actual: 'Zone',
  },
  {
    name: 'not reported',
    rule: sqlMiBackupRedundancyRule,
    resource: withoutProperties(
      mi,
      'requestedBackupStorageRedundancy',
      'currentBackupStorageRedundancy',
    ),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'P6Y yearly',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
    inventory: [managedInstanceDatabaseLongTermRetention],
    status: 'pass',
    actual: 'weeklyRetention=P1M, monthlyRetention=P1Y, yearlyRetention=P6Y',
  },
  {
    name: 'P1Y only',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
    inventory: [
      ltr({
        weeklyRetention: 'PT0S',
        monthlyRetention: 'P1Y',
        yearlyRetention: 'PT0S',
      }),
    ],
    status: 'fail',
    actual: 'weeklyRetention=PT0S, monthlyRetention=P1Y, yearlyRetention=PT0S',
  },
  {
    name: 'all PT0S',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
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
    name: 'no policy collected',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'policy type not collected',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'policy without retentions',
    rule: sqlMiLongTermBackupRetentionRule,
    resource: managedInstanceDatabase,
    inventory: [
      withoutProperties(
        managedInstanceDatabaseLongTermRetention,
        'weeklyRetention',
        'monthlyRetention',
        'yearlyRetention',
      ),
    ],
    status: 'unknown',
    actual: null,
  },

  {
    name: 'audit events exported',
    rule: sqlMiAuditingRule,
    resource: mi,
    inventory: [managedInstanceAuditDiagnostics],
    status: 'pass',
    actual: 'audit',
  },
  {
    name: 'audit category off',
    rule: sqlMiAuditingRule,
    resource: mi,
    inventory: [
      withProperties(managedInstanceAuditDiagnostics, {
        logs: [{ category: 'SQLSecurityAuditEvents', enabled: false }],
      }),
    ],
    status: 'fail',
    actual: 'audit',
  },
  {
    name: 'audit category without destination',
    rule: sqlMiAuditingRule,
    resource: mi,
    inventory: [
      withoutProperties(managedInstanceAuditDiagnostics, 'workspaceId'),
    ],
    status: 'fail',
    actual: 'audit',
  },
  {
    name: 'no settings',
    rule: sqlMiAuditingRule,
    resource: mi,
    status: 'fail',
    actual: 'none',
  },
  {
    name: 'settings not collected',
    rule: sqlMiAuditingRule,
    resource: mi,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },

  {
    name: 'recurring scans on',
    rule: sqlMiVulnerabilityAssessmentRule,
    resource: mi,
    inventory: [managedInstanceVulnerabilityAssessment],
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'recurring scans off',
    rule: sqlMiVulnerabilityAssessmentRule,
    resource: mi,
    inventory: [
      withProperties(managedInstanceVulnerabilityAssessment, {
        recurringScans: { isEnabled: false },
      }),
    ],
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'scans not reported',
    rule: sqlMiVulnerabilityAssessmentRule,
    resource: mi,
    inventory: [
      withoutProperties(
        managedInstanceVulnerabilityAssessment,
        'recurringScans',
      ),
    ],
    status: 'unknown',
    actual: null,
  },
  {
    name: 'not collected',
    rule: sqlMiVulnerabilityAssessmentRule,
    resource: mi,
    context: { collectedChildTypes: new Set() },
    status: 'unknown',
    actual: null,
  },
];

describe('SQL managed instance rules', () => {
  itJudgesEachCase(cases);

  it('names the child that holds the evidence', () => {
    const outcome = sqlMiCustomerManagedKeyRule.evaluate(
      mi,
      ruleContext([mi, managedInstanceEncryptionProtector]),
    );
    expect(outcome.evidenceResourceId).toBe(
      managedInstanceEncryptionProtector.id,
    );
  });

  it('reports an unread instance as unknown, not as missing auditing', () => {
    const unread = {
      ...mi,
      properties: {},
      propertiesError: 'AuthorizationFailed',
    };
    expect(
      sqlMiAuditingRule.evaluate(unread, ruleContext([unread])).status,
    ).toBe('unknown');
  });
});

import { checkBackupVault, checkGeoRedundantBackups } from './backup';
import { arm } from '../__fixtures__/arm';
import { RG, input, run } from '../__fixtures__/checkInput';
import { billingPolicy, billingResources } from '../__fixtures__/services';

describe('checkGeoRedundantBackups', () => {
  function server(type: 'PostgreSQL' | 'MySQL', geo: string | undefined) {
    return arm({
      id: `${RG}/providers/Microsoft.DBfor${type}/flexibleServers/${type.toLowerCase()}-1`,
      type: `Microsoft.DBfor${type}/flexibleServers`,
      location: 'eastus2',
      properties: {
        backup:
          geo === undefined
            ? { backupRetentionDays: 7 }
            : { backupRetentionDays: 7, geoRedundantBackup: geo },
      },
    });
  }
  function database(name: string, properties: Record<string, unknown>) {
    return arm({
      id: `${RG}/providers/Microsoft.Sql/servers/sql-1/databases/${name}`,
      type: 'Microsoft.Sql/servers/databases',
      location: 'eastus2',
      properties,
    });
  }
  function cosmos(
    backupPolicy: unknown,
    regions = ['East US 2', 'Central US'],
  ) {
    return arm({
      id: `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-1`,
      type: 'Microsoft.DocumentDB/databaseAccounts',
      location: 'eastus2',
      properties: {
        backupPolicy,
        locations: regions.map((locationName, failoverPriority) => ({
          locationName,
          failoverPriority,
        })),
      },
    });
  }

  it.each([
    [
      'SQL Geo',
      [database('db', { requestedBackupStorageRedundancy: 'Geo' })],
      'pass',
    ],
    [
      'SQL GeoZone',
      [database('db', { requestedBackupStorageRedundancy: 'GeoZone' })],
      'pass',
    ],
    [
      'SQL current only',
      [database('db', { currentBackupStorageRedundancy: 'Geo' })],
      'pass',
    ],
    [
      'SQL Local',
      [database('db', { requestedBackupStorageRedundancy: 'Local' })],
      'fail',
    ],
    [
      'SQL Zone',
      [database('db', { requestedBackupStorageRedundancy: 'Zone' })],
      'fail',
    ],
    ['SQL not reported', [database('db', { status: 'Online' })], 'unknown'],
    [
      'SQL master only',
      [database('master', { requestedBackupStorageRedundancy: 'Local' })],
      'n/a',
    ],
    [
      'SQL geo-secondary only',
      [
        database('db', {
          secondaryType: 'Geo',
          requestedBackupStorageRedundancy: 'Local',
        }),
      ],
      'n/a',
    ],
    ['PostgreSQL Enabled', [server('PostgreSQL', 'Enabled')], 'pass'],
    ['PostgreSQL Disabled', [server('PostgreSQL', 'Disabled')], 'fail'],
    ['MySQL Enabled', [server('MySQL', 'Enabled')], 'pass'],
    ['MySQL not reported', [server('MySQL', undefined)], 'unknown'],
    [
      'Cosmos periodic Geo',
      [
        cosmos({
          type: 'Periodic',
          periodicModeProperties: { backupStorageRedundancy: 'Geo' },
        }),
      ],
      'pass',
    ],
    [
      'Cosmos periodic Local',
      [
        cosmos({
          type: 'Periodic',
          periodicModeProperties: { backupStorageRedundancy: 'Local' },
        }),
      ],
      'fail',
    ],
    [
      'Cosmos continuous, two regions',
      [
        cosmos({
          type: 'Continuous',
          continuousModeProperties: { tier: 'Continuous30Days' },
        }),
      ],
      'pass',
    ],
    [
      'Cosmos continuous, one region',
      [cosmos({ type: 'Continuous' }, ['East US 2'])],
      'fail',
    ],
    ['Cosmos policy not reported', [cosmos(undefined)], 'unknown'],
    [
      'one bad among good',
      [
        database('db', { requestedBackupStorageRedundancy: 'Geo' }),
        server('PostgreSQL', 'Disabled'),
      ],
      'fail',
    ],
  ])('%s → %s', (_, resources, status) => {
    // 'n/a': the check does not apply, so there is no result at all.
    expect(checkGeoRedundantBackups(input(resources))?.status ?? 'n/a').toBe(
      status,
    );
  });

  it('explains that flexible servers choose geo-backup at creation', () => {
    const result = run(
      checkGeoRedundantBackups,
      input([server('PostgreSQL', 'Disabled')]),
    );
    expect(result.summary).toBe(
      'postgresql-1 keeps its backups only in East US 2 (geoRedundantBackup Disabled).',
    );
    expect(result.remediation).toContain(
      'can only be chosen when a flexible server is created',
    );
  });

  it('fails the invoices database of billing', () => {
    const result = run(
      checkGeoRedundantBackups,
      input(billingResources, billingPolicy),
    );
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Backups of invoicesdb are Local-redundant: they are lost with East US.',
    );
  });
});

describe('checkBackupVault', () => {
  function vault(redundancySettings: unknown, location = 'eastus2') {
    return arm({
      id: `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-1`,
      type: 'Microsoft.RecoveryServices/vaults',
      location,
      sku: { name: 'RS0', tier: 'Standard' },
      properties: { provisioningState: 'Succeeded', redundancySettings },
    });
  }

  it.each([
    [
      'GRS with CRR',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
      {},
      'pass',
      'geo-redundant with cross-region restore',
    ],
    [
      'LRS',
      {
        standardTierStorageRedundancy: 'LocallyRedundant',
        crossRegionRestore: 'Disabled',
      },
      {},
      'fail',
      'stores backups LocallyRedundant',
    ],
    [
      'ZRS',
      { standardTierStorageRedundancy: 'ZoneRedundant' },
      {},
      'fail',
      'stores backups ZoneRedundant',
    ],
    [
      'GRS without CRR, critical',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Disabled',
      },
      {},
      'fail',
      'cross-region restore off',
    ],
    [
      'GRS without CRR, standard',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Disabled',
      },
      { tier: 'standard' as const },
      'warn',
      'cross-region restore off',
    ],
    [
      'GRS, CRR not reported',
      { standardTierStorageRedundancy: 'GeoRedundant' },
      {},
      'unknown',
      'cross-region restore was not reported',
    ],
    [
      'custom secondary',
      {
        standardTierStorageRedundancy: 'GeoRedundant',
        crossRegionRestore: 'Enabled',
      },
      { secondaryRegion: 'westus2' },
      'warn',
      'restores into centralus (the Azure pair), not West US 2.',
    ],
    [
      'not read',
      undefined,
      {},
      'unknown',
      'storage redundancy of vault rsv-1 was not reported',
    ],
  ])('%s → %s', (_, settings, policy, status, summary) => {
    const result = run(checkBackupVault, input([vault(settings)], policy));
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
    expect(Object.values(result.evidence)[0]).toMatchObject({
      crossRegionRestoreTarget: 'centralus',
    });
  });

  it('only looks at vaults in the lost region', () => {
    expect(checkBackupVault(input([vault({}, 'centralus')]))).toBeUndefined();
  });
});

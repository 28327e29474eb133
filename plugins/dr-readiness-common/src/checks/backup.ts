import {
  backupRedundancy,
  isGeoRedundantBackupRedundancy,
} from './sqlManagedInstance';
import { type AzureResource } from '@vitals/azure-inventory-common';
import { getRegion } from '../regions';
import { cosmosRegions } from './cosmosDb';
import { writableDatabases } from './sql';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  ofType,
  readString,
  regionOf,
  regionsOf,
  result,
  seen,
  strictTier,
} from './values';

/** Backups of the data stores in the lost region are stored outside it. */
export const geoRedundantBackupsCheck: ReadinessCheckDefinition = {
  id: 'geo-redundant-backups',
  title: 'Backups survive the region',
  category: 'data-protection',
  weight: 2,
  resourceTypes: [
    RESOURCE_TYPES.sqlDatabase,
    RESOURCE_TYPES.sqlManagedInstance,
    RESOURCE_TYPES.postgresFlexible,
    RESOURCE_TYPES.mysqlFlexible,
    RESOURCE_TYPES.cosmosAccount,
  ],
  mirrors: { aprl: ['31f4ac4b', '5c96afc3'] },
  evaluate: input => {
    const { lost } = regionsOf(input);
    if (!lost) {
      return undefined;
    }
    const inLost = (r: AzureResource) => regionOf(r) === lost;
    const assessments: Assessment[] = [];

    for (const db of writableDatabases(input.resources).filter(inLost)) {
      const evidence = seen(db, [
        'properties.requestedBackupStorageRedundancy',
        'properties.currentBackupStorageRedundancy',
      ]);
      const redundancy =
        readString(db, 'properties.requestedBackupStorageRedundancy') ??
        readString(db, 'properties.currentBackupStorageRedundancy');
      if (!redundancy) {
        assessments.push({
          resource: db,
          status: 'unknown',
          evidence,
          finding: `The backup storage redundancy of ${db.name} was not reported.`,
          remediation: `Read ${db.name} with its full properties.`,
        });
      } else if (/^geo(zone)?$/i.test(redundancy)) {
        assessments.push({ resource: db, status: 'pass', evidence });
      } else {
        assessments.push({
          resource: db,
          status: 'fail',
          evidence,
          finding: `Backups of ${
            db.name
          } are ${redundancy}-redundant: they are lost with ${displayName(
            lost,
          )}.`,
          remediation: `Set the backup storage redundancy of ${db.name} to Geo or GeoZone.`,
        });
      }
    }

    for (const instance of ofType(
      input.resources,
      RESOURCE_TYPES.sqlManagedInstance,
    ).filter(inLost)) {
      const evidence = seen(instance, [
        'properties.requestedBackupStorageRedundancy',
        'properties.currentBackupStorageRedundancy',
      ]);
      const redundancy = backupRedundancy(instance);
      if (!redundancy) {
        assessments.push({
          resource: instance,
          status: 'unknown',
          evidence,
          finding: `The backup storage redundancy of managed instance ${instance.name} was not reported.`,
          remediation: `Read ${instance.name} with its full properties.`,
        });
      } else if (isGeoRedundantBackupRedundancy(redundancy)) {
        assessments.push({ resource: instance, status: 'pass', evidence });
      } else {
        assessments.push({
          resource: instance,
          status: 'fail',
          evidence,
          finding: `Backups of managed instance ${
            instance.name
          } are ${redundancy}-redundant: they are lost with ${displayName(
            lost,
          )}.`,
          remediation: `Set the backup storage redundancy of ${instance.name} to Geo or GeoZone (Terraform azurerm_mssql_managed_instance storage_account_type = "GRS" or "GZRS").`,
        });
      }
    }

    const flexibleServers = [
      ...ofType(input.resources, RESOURCE_TYPES.postgresFlexible),
      ...ofType(input.resources, RESOURCE_TYPES.mysqlFlexible),
    ].filter(inLost);
    for (const server of flexibleServers) {
      const evidence = seen(server, ['properties.backup.geoRedundantBackup']);
      const geo = readString(server, 'properties.backup.geoRedundantBackup');
      if (!geo) {
        assessments.push({
          resource: server,
          status: 'unknown',
          evidence,
          finding: `Whether ${server.name} keeps geo-redundant backups was not reported.`,
          remediation: `Read ${server.name} with its full properties.`,
        });
      } else if (equalsIgnoreCase(geo, 'Enabled')) {
        assessments.push({ resource: server, status: 'pass', evidence });
      } else {
        assessments.push({
          resource: server,
          status: 'fail',
          evidence,
          finding: `${server.name} keeps its backups only in ${displayName(
            lost,
          )} (geoRedundantBackup ${geo}).`,
          // Flexible servers choose geo-redundant backup storage at creation only.
          remediation: `Geo-redundant backup can only be chosen when a flexible server is created: restore ${server.name} into a new server with geoRedundantBackup Enabled and switch over.`,
        });
      }
    }

    for (const account of ofType(
      input.resources,
      RESOURCE_TYPES.cosmosAccount,
    ).filter(inLost)) {
      const evidence = seen(account, [
        'properties.backupPolicy.type',
        'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy',
      ]);
      const type = readString(account, 'properties.backupPolicy.type');
      const regions = cosmosRegions(account) ?? [];
      if (equalsIgnoreCase(type, 'Continuous')) {
        // Continuous backups are kept in every region of the account.
        assessments.push(
          regions.some(r => r !== lost)
            ? { resource: account, status: 'pass', evidence }
            : {
                resource: account,
                status: 'fail',
                evidence,
                finding: `${
                  account.name
                } keeps continuous backups only in ${displayName(
                  lost,
                )}, its only region.`,
                remediation: `Add a second region to ${account.name}.`,
              },
        );
        continue;
      }
      const redundancy = readString(
        account,
        'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy',
      );
      if (!type || !redundancy) {
        assessments.push({
          resource: account,
          status: 'unknown',
          evidence,
          finding: `The backup policy of ${account.name} was not reported.`,
          remediation: `Read ${account.name} with its full properties.`,
        });
      } else if (equalsIgnoreCase(redundancy, 'Geo')) {
        assessments.push({ resource: account, status: 'pass', evidence });
      } else {
        assessments.push({
          resource: account,
          status: 'fail',
          evidence,
          finding: `Periodic backups of ${
            account.name
          } are ${redundancy}-redundant: they are lost with ${displayName(
            lost,
          )}.`,
          remediation: `Set backupStorageRedundancy of ${account.name} to Geo, or move it to continuous backup.`,
        });
      }
    }

    if (assessments.length === 0) {
      return undefined;
    }
    return result(
      geoRedundantBackupsCheck,
      assessments,
      `Backups of every database in ${displayName(
        lost,
      )} are stored geo-redundantly.`,
    );
  },
};

/** `geoRedundantBackupsCheck.evaluate`, under the name callers have used. */
export const checkGeoRedundantBackups: ReadinessCheck =
  geoRedundantBackupsCheck.evaluate;

/** Recovery Services vaults in the lost region keep their backups in another region and can restore there. */
export const backupVaultCheck: ReadinessCheckDefinition = {
  id: 'backup-vault',
  title: 'Backup vaults restore in another region',
  category: 'data-protection',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.recoveryServicesVault],
  mirrors: { aprl: ['1549b91f'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const vaults = ofType(
      input.resources,
      RESOURCE_TYPES.recoveryServicesVault,
    ).filter(v => regionOf(v) === lost);
    if (!lost || vaults.length === 0) {
      return undefined;
    }
    const pair = getRegion(lost)?.pairedRegion;
    const assessments = vaults.map((vault): Assessment => {
      const evidence: Record<string, unknown> = {
        ...seen(vault, [
          'properties.redundancySettings.standardTierStorageRedundancy',
          'properties.redundancySettings.crossRegionRestore',
        ]),
        crossRegionRestoreTarget: pair ?? null,
      };
      const redundancy = readString(
        vault,
        'properties.redundancySettings.standardTierStorageRedundancy',
      );
      const crossRegionRestore = readString(
        vault,
        'properties.redundancySettings.crossRegionRestore',
      );
      if (!redundancy) {
        return {
          resource: vault,
          status: 'unknown',
          evidence,
          finding: `The storage redundancy of vault ${vault.name} was not reported.`,
          remediation: `Read ${vault.name} with its full properties.`,
        };
      }
      if (!equalsIgnoreCase(redundancy, 'GeoRedundant')) {
        return {
          resource: vault,
          status: 'fail',
          evidence,
          finding: `Vault ${
            vault.name
          } stores backups ${redundancy}: they are lost with ${displayName(
            lost,
          )}.`,
          // The vault's storage type is fixed once the first item is protected.
          remediation: `Storage redundancy of a vault cannot change after items are protected: create a GeoRedundant vault with cross-region restore and move protection of ${vault.name}'s items to it.`,
        };
      }
      if (!crossRegionRestore) {
        return {
          resource: vault,
          status: 'unknown',
          evidence,
          finding: `Whether vault ${vault.name} allows cross-region restore was not reported.`,
          remediation: `Read ${vault.name} with its full properties.`,
        };
      }
      if (!equalsIgnoreCase(crossRegionRestore, 'Enabled')) {
        return {
          resource: vault,
          status: strictTier(input.policy) ? 'fail' : 'warn',
          evidence,
          finding: `Vault ${vault.name} has cross-region restore off: its geo copies can be restored only after Microsoft declares the outage.`,
          remediation: `Enable cross-region restore on ${vault.name}.`,
        };
      }
      if (surviving && pair && pair !== surviving) {
        return {
          resource: vault,
          status: 'warn',
          evidence,
          finding: `Cross-region restore from ${
            vault.name
          } restores into ${pair} (the Azure pair), not ${displayName(
            surviving,
          )}.`,
          remediation: `Plan restores of ${vault.name}'s items in ${displayName(
            pair,
          )}, or back them up from ${displayName(surviving)} as well.`,
        };
      }
      return { resource: vault, status: 'pass', evidence };
    });
    return result(
      backupVaultCheck,
      assessments,
      `Every Recovery Services vault in ${displayName(
        lost,
      )} is geo-redundant with cross-region restore.`,
    );
  },
};

/** `backupVaultCheck.evaluate`, under the name callers have used. */
export const checkBackupVault: ReadinessCheck = backupVaultCheck.evaluate;

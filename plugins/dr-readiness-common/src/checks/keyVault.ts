import { normalizeRegion } from '@vitals/azure-inventory-common';
import { getRegion } from '../regions';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  field,
  hasProperties,
  ofType,
  read,
  readArray,
  records,
  regionOf,
  regionsOf,
  result,
  seen,
} from './values';

/** Key vaults in the lost region cannot lose their keys to a deletion. */
export const keyVaultRecoveryCheck: ReadinessCheckDefinition = {
  id: 'key-vault-recovery',
  title: 'Key vaults are recoverable',
  category: 'data-protection',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.keyVault],
  mirrors: { aprl: ['1cca00d2', '70fcfe6d'] },
  evaluate: input => {
    const { lost } = regionsOf(input);
    const vaults = ofType(input.resources, RESOURCE_TYPES.keyVault).filter(
      v => regionOf(v) === lost,
    );
    if (!lost || vaults.length === 0) {
      return undefined;
    }
    const assessments = vaults.map((vault): Assessment => {
      const evidence = seen(vault, [
        'properties.enableSoftDelete',
        'properties.enablePurgeProtection',
        'properties.softDeleteRetentionInDays',
      ]);
      if (!hasProperties(vault)) {
        return {
          resource: vault,
          status: 'unknown',
          evidence,
          finding: `The properties of key vault ${vault.name} were not read.`,
          remediation: `Read ${vault.name} with its full properties.`,
        };
      }
      const softDelete = read(vault, 'properties.enableSoftDelete');
      if (softDelete === false) {
        return {
          resource: vault,
          status: 'fail',
          evidence,
          finding: `Key vault ${vault.name} has soft delete off: a deleted vault and its keys are gone at once.`,
          remediation: `Enable soft delete and purge protection on ${vault.name}.`,
        };
      }
      if (softDelete !== true) {
        return {
          resource: vault,
          status: 'unknown',
          evidence,
          finding: `Whether key vault ${vault.name} has soft delete was not reported.`,
          remediation: `Read ${vault.name} with its full properties.`,
        };
      }
      // Resource Manager omits enablePurgeProtection until it is turned on, and
      // it can never be turned off again, so absent means off.
      if (read(vault, 'properties.enablePurgeProtection') !== true) {
        return {
          resource: vault,
          status: 'fail',
          evidence,
          finding: `Key vault ${vault.name} has purge protection off: a deleted vault can be purged before anyone restores it.`,
          remediation: `Enable purge protection on ${vault.name} (az keyvault update --enable-purge-protection true).`,
        };
      }
      return { resource: vault, status: 'pass', evidence };
    });
    return result(
      keyVaultRecoveryCheck,
      assessments,
      `Every key vault in ${displayName(
        lost,
      )} has soft delete and purge protection.`,
    );
  },
};

/** `keyVaultRecoveryCheck.evaluate`, under the name callers have used. */
export const checkKeyVaultRecovery: ReadinessCheck =
  keyVaultRecoveryCheck.evaluate;

/**
 * Key vaults in the lost region have a counterpart in the region that takes
 * over. Microsoft replicates a vault's contents to the Azure pair only (read
 * only during a failover); a custom or unpaired secondary needs a vault of
 * its own.
 */
export const keyVaultInSurvivingRegionCheck: ReadinessCheckDefinition = {
  id: 'key-vault-in-surviving-region',
  title: 'Secrets are available in the secondary region',
  category: 'recovery',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.keyVault, RESOURCE_TYPES.managedHsm],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    if (!surviving) {
      return undefined;
    }
    const vaults = ofType(input.resources, RESOURCE_TYPES.keyVault);
    const here = vaults.filter(v => regionOf(v) === lost);
    const there = vaults.filter(v => regionOf(v) === surviving);
    const pair = getRegion(lost)?.pairedRegion ?? null;
    const assessments: Assessment[] = [];
    // The pair holds Azure's own replica of every vault: nothing to judge.
    if (pair !== surviving) {
      for (const vault of here) {
        const evidence = {
          vaultsIn: { [lost]: here.length, [surviving]: there.length },
          survivingVaults: there.map(v => v.name),
          platformReplicaRegion: pair,
        };
        assessments.push(
          there.length > 0
            ? { resource: vault, status: 'pass', evidence }
            : {
                resource: vault,
                status: 'fail',
                impact: 'goes-down',
                evidence,
                finding: `Key vault ${
                  vault.name
                } is replicated by Azure only to ${displayName(
                  pair ?? 'no region',
                )}, and no key vault of the service is in ${displayName(
                  surviving,
                )}: the service there cannot read its secrets and keys.`,
                remediation: `Deploy a key vault in ${displayName(
                  surviving,
                )} (Terraform azurerm_key_vault per region, purge_protection_enabled = true) holding the same secrets, keys and certificates, and point the service there at it.`,
              },
        );
      }
    }
    // A managed HSM pool is not replicated to the pair: it reaches another
    // region only as an extended region of the pool (`properties.regions`).
    const hsms = ofType(input.resources, RESOURCE_TYPES.managedHsm);
    for (const hsm of hsms.filter(h => regionOf(h) === lost)) {
      const regions = readArray(hsm, 'properties.regions');
      const regionNames = records(regions).map(r =>
        normalizeRegion(field(r, 'name') as string | undefined),
      );
      const evidence = {
        'properties.regions': regions ?? null,
        survivingHsms: hsms
          .filter(h => regionOf(h) === surviving)
          .map(h => h.name),
      };
      if (
        regionNames.includes(surviving) ||
        evidence.survivingHsms.length > 0
      ) {
        assessments.push({ resource: hsm, status: 'pass', evidence });
      } else if (!hasProperties(hsm)) {
        assessments.push({
          resource: hsm,
          status: 'unknown',
          evidence,
          finding: `The regions of managed HSM ${hsm.name} were not read.`,
          remediation: `Read ${hsm.name} with its full properties.`,
        });
      } else {
        assessments.push({
          resource: hsm,
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `Managed HSM ${
            hsm.name
          } has no extended region in ${displayName(
            surviving,
          )}: its keys are unavailable there after losing ${displayName(
            lost,
          )}.`,
          remediation: `Extend ${hsm.name} to ${displayName(
            surviving,
          )} (az keyvault region add --hsm-name ${
            hsm.name
          } --region ${surviving}), or keep a second pool there restored from a full backup with the same security domain.`,
        });
      }
    }
    if (assessments.length === 0) {
      return undefined;
    }
    return result(
      {
        ...keyVaultInSurvivingRegionCheck,
        title: `Secrets are available in ${displayName(surviving)}`,
      },
      assessments,
      `The key vaults and HSMs of ${displayName(
        lost,
      )} have a counterpart in ${displayName(surviving)}.`,
    );
  },
};

/** `keyVaultInSurvivingRegionCheck.evaluate`, as a function. */
export const checkKeyVaultInSurvivingRegion: ReadinessCheck =
  keyVaultInSurvivingRegionCheck.evaluate;

import {
  type AzureResource,
  isChildOf,
  isGeoRedundantStorageSku,
  normalizeRegion,
} from '@vitals/azure-inventory-common';
import { getRegion } from '../regions';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  findById,
  lower,
  ofType,
  read,
  readArray,
  readString,
  records,
  regionsOf,
  result,
  seen,
} from './values';

export function storagePrimaryRegion(account: AzureResource): string {
  return normalizeRegion(
    readString(account, 'properties.primaryLocation') ?? account.location,
  );
}

/** A storage account named by an object-replication policy: a resource id, or a bare name (account names are global). */
function storageAccountRef(
  resources: readonly AzureResource[],
  ref: unknown,
): AzureResource | undefined {
  if (typeof ref !== 'string' || ref === '') {
    return undefined;
  }
  return ref.includes('/')
    ? findById(resources, ref)
    : ofType(resources, RESOURCE_TYPES.storageAccount).find(
        a => lower(a.name) === lower(ref),
      );
}

/**
 * The object-replication policies of an account that copy its blobs to an
 * account in `region`. Resource Manager lists a policy under both accounts;
 * the copy under the source names it as `sourceAccount`.
 */
export function objectReplicationTo(
  account: AzureResource,
  region: string,
  resources: readonly AzureResource[],
): { policy: AzureResource; destination: AzureResource }[] {
  const copies: { policy: AzureResource; destination: AzureResource }[] = [];
  for (const policy of ofType(
    resources,
    RESOURCE_TYPES.storageObjectReplicationPolicy,
  )) {
    if (!isChildOf(policy.id, account.id)) continue;
    const source = storageAccountRef(
      resources,
      read(policy, 'properties.sourceAccount'),
    );
    const destination = storageAccountRef(
      resources,
      read(policy, 'properties.destinationAccount'),
    );
    if (
      source === account &&
      destination &&
      storagePrimaryRegion(destination) === region &&
      (readArray(policy, 'properties.rules') ?? []).length > 0
    ) {
      copies.push({ policy, destination });
    }
  }
  return copies;
}

/**
 * Storage accounts in the lost region geo-replicate to the region that takes
 * over, or, for a secondary that is not the Azure pair (where GRS cannot
 * replicate), copy their blobs there by object replication.
 */
export const storageGeoReplicationCheck: ReadinessCheckDefinition = {
  id: 'storage-geo-replication',
  title: 'Storage replicates to the secondary region',
  category: 'data-protection',
  weight: 3,
  resourceTypes: [RESOURCE_TYPES.storageAccount],
  mirrors: { aprl: ['e6c7e1cc'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const accounts = ofType(
      input.resources,
      RESOURCE_TYPES.storageAccount,
    ).filter(a => storagePrimaryRegion(a) === lost);
    if (!surviving || accounts.length === 0) {
      return undefined;
    }
    const pair = getRegion(lost)?.pairedRegion;
    const assessments = accounts.map((account): Assessment => {
      const copies = objectReplicationTo(account, surviving, input.resources);
      if (copies.length > 0) {
        return {
          resource: account,
          status: 'pass',
          evidence: {
            ...seen(account, ['sku.name', 'properties.secondaryLocation']),
            objectReplication: copies.map(({ policy, destination }) => ({
              policy: policy.id,
              destinationAccount: destination.id,
              containers: records(readArray(policy, 'properties.rules')).map(
                r => field(r, 'sourceContainer') ?? null,
              ),
            })),
          },
        };
      }
      const evidence = seen(account, [
        'sku.name',
        'kind',
        'properties.primaryLocation',
        'properties.secondaryLocation',
        'properties.statusOfSecondary',
        'properties.geoReplicationStats.status',
        'properties.geoReplicationStats.lastSyncTime',
      ]);
      const sku = readString(account, 'sku.name');
      if (!sku) {
        return {
          resource: account,
          status: 'unknown',
          evidence,
          finding: `The SKU of ${account.name} was not read, so its replication is unknown.`,
          remediation: `Read ${account.name} with its full properties (Resource Graph or a GET on the account).`,
        };
      }
      if (!isGeoRedundantStorageSku(sku)) {
        const fix =
          pair === surviving
            ? `Convert ${
                account.name
              } to Standard_GZRS or Standard_RAGZRS (geo-redundant to ${displayName(
                surviving,
              )}).`
            : `Geo-redundant storage would replicate to ${displayName(
                pair ?? '',
              )}, not ${displayName(surviving)}: keep a copy in ${displayName(
                surviving,
              )} with an object-replication policy to a storage account there (Terraform azurerm_storage_object_replication), or an application-level copy (AzCopy, Data Factory).`;
        return {
          resource: account,
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `${
            account.name
          } is ${sku}: every copy stays in ${displayName(lost)}.`,
          remediation: fix,
        };
      }
      const secondaryLocation = readString(
        account,
        'properties.secondaryLocation',
      );
      if (!secondaryLocation) {
        return {
          resource: account,
          status: 'unknown',
          evidence,
          finding: `${account.name} is ${sku} but its secondaryLocation was not reported.`,
          remediation: `Read ${account.name} with its full properties to confirm where it replicates.`,
        };
      }
      if (normalizeRegion(secondaryLocation) !== surviving) {
        return {
          resource: account,
          status: 'fail',
          evidence,
          finding: `${
            account.name
          } replicates to ${secondaryLocation}, not to the declared secondary ${displayName(
            surviving,
          )}.`,
          remediation: `Geo-redundant storage replicates only to the Azure pair (${secondaryLocation}); ${displayName(
            surviving,
          )} gets no copy of ${account.name}. Add another copy in ${displayName(
            surviving,
          )}: an object-replication policy to a storage account there, or an application-level copy (AzCopy, Data Factory).`,
        };
      }
      if (
        equalsIgnoreCase(
          readString(account, 'properties.statusOfSecondary'),
          'unavailable',
        )
      ) {
        return {
          resource: account,
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `The secondary of ${account.name} in ${secondaryLocation} is unavailable.`,
          remediation: `Investigate the secondary endpoint of ${account.name}; until it is available a failover has nothing to promote.`,
        };
      }
      return { resource: account, status: 'pass', evidence };
    });
    return result(
      {
        ...storageGeoReplicationCheck,
        title: `Storage replicates to ${displayName(surviving)}`,
      },
      assessments,
      `Every storage account in ${displayName(
        lost,
      )} geo-replicates to ${displayName(surviving)}.`,
    );
  },
};

/** `storageGeoReplicationCheck.evaluate`, under the name callers have used. */
export const checkStorageReplication: ReadinessCheck =
  storageGeoReplicationCheck.evaluate;

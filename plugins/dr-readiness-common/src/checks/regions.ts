import { type AzureResource } from '@vitals/azure-inventory-common';
import {
  ANNOTATION_PRIMARY_REGION,
  ANNOTATION_SECONDARY_REGION,
} from '../policy';
import { AZURE_REGIONS, describePairing, getRegion } from '../regions';
import { cosmosWriteRegion } from './cosmosDb';
import { failoverGroups } from './sql';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  ofType,
  read,
  result,
} from './values';

/** The primary has a declared or paired secondary, and how they relate. */
export const secondaryRegionCheck: ReadinessCheckDefinition = {
  id: 'secondary-region',
  title: 'A secondary region takes over',
  category: 'recovery',
  weight: 3,
  resourceTypes: [],
  evaluate: input => {
    if (input.role !== 'primary') {
      return undefined;
    }
    const definition = secondaryRegionCheck;
    const { primaryRegion, secondaryRegion } = input.policy;
    const primary = getRegion(primaryRegion);
    const evidence: Record<string, unknown> = {
      primaryRegion,
      secondaryRegion,
      pairedRegion: primary?.pairedRegion ?? null,
    };
    if (!secondaryRegion) {
      const sameGeography = AZURE_REGIONS.filter(
        r => r.geography === primary?.geography && r.name !== primaryRegion,
      ).map(r => r.name);
      const where =
        sameGeography.length > 0
          ? `Regions in the same geography: ${sameGeography.join(', ')}.`
          : `${
              primary?.geography ?? primaryRegion
            } has no other Azure region, so any secondary moves copies of the data out of the geography; confirm residency obligations allow it.`;
      return result(
        definition,
        [
          {
            status: 'fail',
            impact: 'goes-down',
            evidence,
            finding: `${displayName(
              primaryRegion,
            )} has no Azure pair and no secondary region is declared: nothing takes over if it goes down.`,
            remediation: `Set ${ANNOTATION_SECONDARY_REGION} to the region that takes over and deploy the service there. ${where}`,
          },
        ],
        '',
      );
    }
    const pairing = describePairing(primaryRegion, secondaryRegion);
    const secondary = getRegion(secondaryRegion);
    evidence.pairing = pairing;
    evidence.secondaryPairedRegion = secondary?.pairedRegion ?? null;
    if (pairing === 'one-way') {
      return result(
        definition,
        [
          {
            status: 'warn',
            evidence,
            finding: `${displayName(secondaryRegion)} is ${displayName(
              primaryRegion,
            )}'s pair only one way: it is paired with ${displayName(
              secondary?.pairedRegion ?? '',
            )}, so after a failover its geo-replicated data replicates there, not back to ${displayName(
              primaryRegion,
            )}, and the two are not recovered as a pair.`,
            remediation: `Plan the failback explicitly: re-establish replication from ${displayName(
              secondaryRegion,
            )} to ${displayName(
              primaryRegion,
            )} after a failover (new failover group partner, object replication or re-seeding) and rehearse it in a drill.`,
          },
        ],
        '',
      );
    }
    const summaries: Record<typeof pairing, string> = {
      paired: `${displayName(secondaryRegion)} is ${displayName(
        primaryRegion,
      )}'s Azure pair.`,
      custom: `${displayName(
        secondaryRegion,
      )} is a custom secondary: platform-managed replication (GRS storage, geo-redundant backups) targets ${displayName(
        primary?.pairedRegion ?? '',
      )} instead, so each data store must copy to ${displayName(
        secondaryRegion,
      )} itself.`,
      unpaired: `${displayName(primaryRegion)} has no Azure pair; ${displayName(
        secondaryRegion,
      )} is declared as the secondary.`,
    };
    return result(
      definition,
      [{ status: 'pass', evidence }],
      summaries[pairing],
    );
  },
};

/** `secondaryRegionCheck.evaluate`, under the name callers have used. */
export const checkSecondaryRegion: ReadinessCheck =
  secondaryRegionCheck.evaluate;

/** The secondary keeps copies of the data in the same geography as the primary. */
export const dataResidencyCheck: ReadinessCheckDefinition = {
  id: 'data-residency',
  title: 'Copies stay in the geography',
  category: 'assurance',
  weight: 1,
  resourceTypes: [],
  evaluate: input => {
    const { primaryRegion, secondaryRegion, dataClassification } = input.policy;
    if (input.role !== 'primary' || !secondaryRegion) {
      return undefined;
    }
    const primary = getRegion(primaryRegion);
    const secondary = getRegion(secondaryRegion);
    const evidence = {
      primaryGeography: primary?.geography ?? null,
      secondaryGeography: secondary?.geography ?? null,
      dataClassification: dataClassification ?? null,
    };
    const definition = dataResidencyCheck;
    if (primary && secondary && primary.geography === secondary.geography) {
      return result(
        definition,
        [{ status: 'pass', evidence }],
        `Both regions are in ${primary.geography}.`,
      );
    }
    const data = dataClassification
      ? `${dataClassification.toUpperCase()} data`
      : 'data';
    return result(
      definition,
      [
        {
          status: 'warn',
          evidence,
          finding: `Failing over moves copies of ${data} from ${primary?.geography} to ${secondary?.geography}.`,
          remediation: `Confirm that residency obligations (contracts, BAAs, local law) allow ${data} in ${secondary?.geography}, or choose a secondary in ${primary?.geography}.`,
        },
      ],
      '',
    );
  },
};

/** `dataResidencyCheck.evaluate`, under the name callers have used. */
export const checkDataResidency: ReadinessCheck = dataResidencyCheck.evaluate;

/** The writable copies of the data live in the primary (the service has not been left failed over). */
export const writeRegionPlacementCheck: ReadinessCheckDefinition = {
  id: 'write-region-placement',
  title: 'Writes happen in the primary region',
  category: 'assurance',
  weight: 1,
  resourceTypes: [
    RESOURCE_TYPES.sqlFailoverGroup,
    RESOURCE_TYPES.cosmosAccount,
  ],
  evaluate: input => {
    if (input.role !== 'secondary' || !input.policy.secondaryRegion) {
      return undefined;
    }
    const { primaryRegion, secondaryRegion } = input.policy;
    const place = (
      resource: AzureResource,
      what: string,
      region: string | undefined,
      evidence: Record<string, unknown>,
    ): Assessment => {
      if (!region) {
        return {
          resource,
          status: 'unknown',
          evidence,
          finding: `Where ${resource.name} takes writes was not reported.`,
          remediation: `Read ${resource.name} with its full properties.`,
        };
      }
      if (region === primaryRegion) {
        return { resource, status: 'pass', evidence };
      }
      const where =
        region === secondaryRegion
          ? `the DR region ${displayName(region)}`
          : `${displayName(region)}, outside the declared regions`;
      return {
        resource,
        status: 'warn',
        evidence,
        finding: `${what} ${resource.name} takes writes in ${where}.`,
        remediation: `Fail ${resource.name} back to ${displayName(
          primaryRegion,
        )} in a planned failover, or update ${ANNOTATION_PRIMARY_REGION} if the move is permanent.`,
      };
    };
    const assessments: Assessment[] = failoverGroups(input.resources).map(
      placement =>
        place(placement.group, 'Failover group', placement.primaryRegion, {
          primaryServerRegion: placement.primaryRegion || null,
        }),
    );
    for (const account of ofType(
      input.resources,
      RESOURCE_TYPES.cosmosAccount,
    )) {
      if (read(account, 'properties.enableMultipleWriteLocations') !== true) {
        const write = cosmosWriteRegion(account);
        assessments.push(
          place(account, 'Cosmos DB account', write, {
            writeRegion: write ?? null,
          }),
        );
      }
    }
    if (assessments.length === 0) {
      return undefined;
    }
    return result(
      {
        ...writeRegionPlacementCheck,
        title: `Writes happen in ${displayName(primaryRegion)}`,
      },
      assessments,
      `Databases take writes in ${displayName(primaryRegion)}, as declared.`,
    );
  },
};

/** `writeRegionPlacementCheck.evaluate`, under the name callers have used. */
export const checkWriteRegionPlacement: ReadinessCheck =
  writeRegionPlacementCheck.evaluate;

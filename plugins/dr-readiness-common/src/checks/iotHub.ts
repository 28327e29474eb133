import { normalizeRegion } from '@vitals/azure-inventory-common';
import { getRegion } from '../regions';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  ofType,
  read,
  readArray,
  records,
  regionOf,
  regionsOf,
  result,
} from './values';

/**
 * IoT hubs in the lost region come back in the region that takes over. A hub
 * fails over (Microsoft-initiated or manual) only to its Azure pair, which
 * `properties.locations` lists as `secondary`; a custom secondary needs a hub
 * of its own, with devices re-provisioned to it (Device Provisioning Service).
 */
export const iotHubFailoverCheck: ReadinessCheckDefinition = {
  id: 'iot-hub-failover',
  title: 'IoT hubs fail over to the secondary region',
  category: 'recovery',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.iotHub],
  mirrors: { aprl: ['02568a5d'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const hubs = ofType(input.resources, RESOURCE_TYPES.iotHub);
    const here = hubs.filter(h => regionOf(h) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const there = hubs.filter(h => regionOf(h) === surviving);
    const assessments = here.map((hub): Assessment => {
      const locations = records(readArray(hub, 'properties.locations'));
      const failoverRegion = locations
        .filter(l => equalsIgnoreCase(field(l, 'role'), 'secondary'))
        .map(l =>
          normalizeRegion(field(l, 'location') as string | undefined),
        )[0];
      // Hubs in regions without a pair in the geography, or created with data
      // residency, keep their data in the region and do not fail over.
      const residency = read(hub, 'properties.enableDataResidency') === true;
      const evidence = {
        locations: locations.map(l => ({
          location: field(l, 'location') ?? null,
          role: field(l, 'role') ?? null,
        })),
        enableDataResidency:
          read(hub, 'properties.enableDataResidency') ?? null,
        hubsIn: { [lost]: here.length, [surviving]: there.length },
      };
      if (there.length > 0) {
        return { resource: hub, status: 'pass', evidence };
      }
      if (locations.length === 0) {
        return {
          resource: hub,
          status: 'unknown',
          evidence,
          finding: `The failover region of IoT hub ${hub.name} was not read.`,
          remediation: `Read ${hub.name} with its full properties.`,
        };
      }
      if (!residency && failoverRegion === surviving) {
        return { resource: hub, status: 'pass', evidence };
      }
      const pair = getRegion(lost)?.pairedRegion;
      return {
        resource: hub,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: residency
          ? `IoT hub ${hub.name} keeps its data in ${displayName(
              lost,
            )} (data residency) and cannot fail over.`
          : `IoT hub ${hub.name} fails over only to ${displayName(
              failoverRegion ?? pair ?? '',
            )}, not to ${displayName(surviving)}.`,
        remediation: `Deploy an IoT hub in ${displayName(
          surviving,
        )} (Terraform azurerm_iothub) and link both hubs to a Device Provisioning Service (azurerm_iothub_dps linked_hub) so devices re-provision there; copy device identities to it.`,
      };
    });
    return result(
      {
        ...iotHubFailoverCheck,
        title: `IoT hubs fail over to ${displayName(surviving)}`,
      },
      assessments,
      `Every IoT hub in ${displayName(
        lost,
      )} has a hub or failover region in ${displayName(surviving)}.`,
    );
  },
};

/** `iotHubFailoverCheck.evaluate`, as a function. */
export const checkIotHubFailover: ReadinessCheck = iotHubFailoverCheck.evaluate;

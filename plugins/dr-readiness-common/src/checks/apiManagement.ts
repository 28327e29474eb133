import { normalizeRegion } from '@vitals/azure-inventory-common';
import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  equalsIgnoreCase,
  field,
  hasProperties,
  readArray,
  readString,
  ofType,
  records,
  regionOf,
  regionsOf,
  result,
} from './values';

/** The regions with a gateway of an API Management service: its own and each additional location with the gateway enabled. */
function gatewayRegions(service: AzureResource): string[] {
  return [
    regionOf(service),
    ...records(readArray(service, 'properties.additionalLocations'))
      .filter(l => field(l, 'disableGateway') !== true)
      .map(l => normalizeRegion(field(l, 'location') as string | undefined)),
  ];
}

/**
 * API Management services with a gateway in the lost region have one in the
 * region that takes over: an additional location (Premium only) or a service
 * of their own there.
 */
export const apiManagementRegionsCheck: ReadinessCheckDefinition = {
  id: 'api-management-regions',
  title: 'API Management serves in the secondary region',
  category: 'recovery',
  weight: 3,
  resourceTypes: [RESOURCE_TYPES.apiManagement],
  mirrors: { aprl: ['af4f88cb'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const services = ofType(input.resources, RESOURCE_TYPES.apiManagement);
    const here = services.filter(s => gatewayRegions(s).includes(lost));
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const assessments = here.map((service): Assessment => {
      const sku = readString(service, 'sku.name');
      const regions = gatewayRegions(service);
      const evidence = {
        'sku.name': sku ?? null,
        gatewayRegions: regions,
        additionalLocations:
          readArray(service, 'properties.additionalLocations') ?? null,
      };
      if (regions.includes(surviving)) {
        return { resource: service, status: 'pass', evidence };
      }
      const elsewhere = services.find(
        other => other !== service && gatewayRegions(other).includes(surviving),
      );
      if (elsewhere) {
        return {
          resource: service,
          status: 'pass',
          evidence: { ...evidence, survivingService: elsewhere.name },
        };
      }
      if (!hasProperties(service) || !sku) {
        return {
          resource: service,
          status: 'unknown',
          evidence,
          finding: `The SKU and locations of API Management service ${service.name} were not read.`,
          remediation: `Read ${service.name} with its full properties.`,
        };
      }
      const premium = equalsIgnoreCase(sku, 'Premium');
      return {
        resource: service,
        status: 'fail',
        impact: 'goes-down',
        evidence,
        finding: `API Management service ${
          service.name
        } has no gateway in ${displayName(
          surviving,
        )}: its APIs are unreachable after losing ${displayName(lost)}.`,
        remediation: premium
          ? `Add ${displayName(surviving)} as an additional location of ${
              service.name
            } (Terraform azurerm_api_management additional_location { location = "${surviving}" }).`
          : `Only the Premium tier adds gateways in other regions: move ${
              service.name
            } to Premium and add ${displayName(
              surviving,
            )} (Terraform azurerm_api_management sku_name = "Premium_1", additional_location { location = "${surviving}" }), or deploy a second ${sku} service in ${displayName(
              surviving,
            )} from the same APIOps pipeline.`,
      };
    });
    return result(
      {
        ...apiManagementRegionsCheck,
        title: `API Management serves in ${displayName(surviving)}`,
      },
      assessments,
      `Every API Management service with a gateway in ${displayName(
        lost,
      )} has one in ${displayName(surviving)}.`,
    );
  },
};

/** `apiManagementRegionsCheck.evaluate`, as a function. */
export const checkApiManagementRegions: ReadinessCheck =
  apiManagementRegionsCheck.evaluate;

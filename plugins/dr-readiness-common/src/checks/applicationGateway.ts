import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  ofType,
  readString,
  regionOf,
  regionsOf,
  result,
  seen,
} from './values';

/** v1 gateways (Standard, WAF) have no zones and no autoscaling; v1 is retired by Microsoft. */
function isV2(tier: string): boolean {
  return /_v2$/i.test(tier);
}

/**
 * Application gateways are regional: the region that takes over needs its
 * own, behind Traffic Manager or Front Door, or nothing receives the traffic.
 */
export const applicationGatewayCheck: ReadinessCheckDefinition = {
  id: 'application-gateway-in-surviving-region',
  title: 'An application gateway serves in the secondary region',
  category: 'recovery',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.applicationGateway],
  mirrors: { aprl: ['7893f0b3'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const gateways = ofType(input.resources, RESOURCE_TYPES.applicationGateway);
    const here = gateways.filter(g => regionOf(g) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const there = gateways.filter(g => regionOf(g) === surviving);
    const assessments: Assessment[] = here.map(gateway => ({
      resource: gateway,
      ...(there.length > 0
        ? { status: 'pass' as const }
        : {
            status: 'fail' as const,
            impact: 'goes-down' as const,
            finding: `No application gateway of the service runs in ${displayName(
              surviving,
            )}: nothing receives the traffic of ${
              gateway.name
            } after losing ${displayName(lost)}.`,
            remediation: `Deploy an application gateway in ${displayName(
              surviving,
            )} (Terraform azurerm_application_gateway per region, sku tier WAF_v2) with the same listeners and WAF policy, and route to both through Front Door or Traffic Manager.`,
          }),
      evidence: {
        ...seen(gateway, ['properties.sku.tier', 'properties.sku.name']),
        gatewaysIn: { [lost]: here.length, [surviving]: there.length },
      },
    }));
    for (const gateway of [...here, ...there]) {
      const tier = readString(gateway, 'properties.sku.tier');
      const evidence = seen(gateway, ['properties.sku.tier']);
      if (!tier) {
        assessments.push({
          resource: gateway,
          status: 'unknown',
          evidence,
          finding: `The SKU of application gateway ${gateway.name} was not read.`,
          remediation: `Read ${gateway.name} with its full properties.`,
        });
      } else if (!isV2(tier)) {
        assessments.push({
          resource: gateway,
          status: 'warn',
          evidence,
          finding: `Application gateway ${gateway.name} is v1 (${tier}): no zone redundancy, no autoscaling to absorb the other region's traffic, and v1 is retired.`,
          remediation: `Migrate ${gateway.name} to v2 (Terraform azurerm_application_gateway sku { name = "WAF_v2", tier = "WAF_v2" } with autoscale_configuration).`,
        });
      }
    }
    return result(
      {
        ...applicationGatewayCheck,
        title: `An application gateway serves in ${displayName(surviving)}`,
      },
      assessments,
      `${there.length} v2 application gateway${
        there.length === 1 ? '' : 's'
      } of the service run${there.length === 1 ? 's' : ''} in ${displayName(
        surviving,
      )}.`,
    );
  },
};

/** `applicationGatewayCheck.evaluate`, as a function. */
export const checkApplicationGateway: ReadinessCheck =
  applicationGatewayCheck.evaluate;

import {
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

/**
 * In a hub-spoke network the spokes' routes send traffic through the hub's
 * firewall, which is regional: the region that takes over needs its own hub
 * firewall, or its workloads have no egress (and no filtered ingress).
 */
export const firewallCheck: ReadinessCheckDefinition = {
  id: 'firewall-in-surviving-region',
  title: 'A firewall filters traffic in the secondary region',
  category: 'recovery',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.firewall],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const firewalls = ofType(input.resources, RESOURCE_TYPES.firewall);
    const here = firewalls.filter(f => regionOf(f) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const there = firewalls.filter(f => regionOf(f) === surviving);
    return result(
      {
        ...firewallCheck,
        title: `A firewall filters traffic in ${displayName(surviving)}`,
      },
      here.map(firewall => {
        const evidence = {
          ...seen(firewall, ['properties.sku.tier', 'properties.sku.name']),
          firewallsIn: { [lost]: here.length, [surviving]: there.length },
          survivingFirewalls: there.map(f => f.name),
        };
        if (there.length > 0) {
          return { resource: firewall, status: 'pass' as const, evidence };
        }
        const tier = readString(firewall, 'properties.sku.tier');
        return {
          resource: firewall,
          status: 'fail' as const,
          impact: 'goes-down' as const,
          evidence,
          finding: `No Azure Firewall of the service runs in ${displayName(
            surviving,
          )}: spokes there that route through a hub firewall like ${
            firewall.name
          } lose their egress.`,
          remediation: `Deploy a hub firewall in ${displayName(
            surviving,
          )} (Terraform azurerm_firewall${
            tier ? ` sku_tier = "${tier}"` : ''
          } with the same azurerm_firewall_policy as a parent policy) and point the spokes' route tables there.`,
        };
      }),
      `${there.map(f => f.name).join(', ')} filter${
        there.length === 1 ? 's' : ''
      } traffic in ${displayName(surviving)}.`,
    );
  },
};

/** `firewallCheck.evaluate`, as a function. */
export const checkFirewall: ReadinessCheck = firewallCheck.evaluate;

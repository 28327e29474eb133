import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  findById,
  hasProperties,
  ofType,
  readArray,
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

/** Classic rule collections a firewall carries instead of a policy. */
function hasClassicRules(firewall: AzureResource): boolean {
  return [
    'properties.applicationRuleCollections',
    'properties.networkRuleCollections',
    'properties.natRuleCollections',
  ].some(path => (readArray(firewall, path) ?? []).length > 0);
}

/**
 * A firewall policy holds the rules of the firewalls it is associated with,
 * wherever they run. The hub firewall of the region that takes over needs a
 * policy (or rules) of its own; without any it denies all traffic. A policy
 * kept in the lost region keeps applying to firewalls elsewhere but cannot
 * be changed until that region is back.
 */
export const firewallPolicyCheck: ReadinessCheckDefinition = {
  id: 'firewall-policy-in-surviving-region',
  title: 'A firewall policy governs the firewall in the secondary region',
  category: 'recovery',
  weight: 1,
  resourceTypes: [RESOURCE_TYPES.firewallPolicy],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const policies = ofType(input.resources, RESOURCE_TYPES.firewallPolicy);
    const here = policies.filter(p => regionOf(p) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const firewalls = ofType(input.resources, RESOURCE_TYPES.firewall)
      .filter(f => regionOf(f) === surviving)
      .map(firewall => {
        const id = readString(firewall, 'properties.firewallPolicy.id');
        return {
          firewall,
          policyId: id,
          policy: id ? findById(policies, id) : undefined,
        };
      });
    const evidence = {
      survivingFirewalls: firewalls.map(f => ({
        firewall: f.firewall.name,
        firewallPolicy: f.policyId ?? null,
      })),
    };
    const assessments = here.map((policy): Assessment => {
      if (firewalls.length === 0) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `No Azure Firewall of the service runs in ${displayName(
            surviving,
          )} for a policy like ${policy.name} to govern.`,
          remediation: `With the hub firewall in ${displayName(
            surviving,
          )}, give it a policy like ${
            policy.name
          } (Terraform azurerm_firewall firewall_policy_id, or a child azurerm_firewall_policy with base_policy_id = ${
            policy.name
          }).`,
        };
      }
      const unread = firewalls.find(f => !hasProperties(f.firewall));
      if (unread) {
        return {
          resource: policy,
          status: 'unknown',
          evidence,
          finding: `Which policy ${unread.firewall.name} uses was not read.`,
          remediation: `Read ${unread.firewall.name} with its full properties.`,
        };
      }
      const bare = firewalls.find(
        f => !f.policyId && !hasClassicRules(f.firewall),
      );
      if (bare) {
        return {
          resource: policy,
          status: 'fail',
          impact: 'goes-down',
          evidence,
          finding: `${bare.firewall.name} in ${displayName(
            surviving,
          )} has neither a firewall policy nor rules: it denies all traffic, so the spokes that route through it have no egress after losing ${displayName(
            lost,
          )}.`,
          remediation: `Associate ${bare.firewall.name} with a policy like ${policy.name} (Terraform azurerm_firewall firewall_policy_id).`,
        };
      }
      const classic = firewalls.find(f => !f.policyId);
      if (classic) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `${classic.firewall.name} in ${displayName(
            surviving,
          )} uses classic rules, not a policy like ${
            policy.name
          }: two rule sets to keep in step.`,
          remediation: `Migrate the rules of ${classic.firewall.name} to a firewall policy (Terraform azurerm_firewall_policy, then azurerm_firewall firewall_policy_id).`,
        };
      }
      const unknownPolicy = firewalls.find(f => !f.policy);
      if (unknownPolicy) {
        return {
          resource: policy,
          status: 'unknown',
          evidence,
          finding: `The policy ${unknownPolicy.policyId} of ${unknownPolicy.firewall.name} is not in the inventory.`,
          remediation: `Include ${unknownPolicy.policyId} in the service's resources.`,
        };
      }
      const remote = firewalls.find(
        f => f.policy && regionOf(f.policy) === lost,
      );
      if (remote) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `${remote.firewall.name} in ${displayName(
            surviving,
          )} takes its rules from ${remote.policy!.name} in ${displayName(
            lost,
          )}: they keep applying, but cannot be changed while ${displayName(
            lost,
          )} is down.`,
          remediation: `Give ${remote.firewall.name} a policy in ${displayName(
            surviving,
          )} (a child azurerm_firewall_policy with base_policy_id = ${
            remote.policy!.name
          }).`,
        };
      }
      return { resource: policy, status: 'pass', evidence };
    });
    return result(
      {
        ...firewallPolicyCheck,
        title: `A firewall policy governs the firewall in ${displayName(
          surviving,
        )}`,
      },
      assessments,
      `${firewalls
        .map(f => `${f.firewall.name} (${f.policy?.name})`)
        .join(', ')} take${
        firewalls.length === 1 ? 's its' : ' their'
      } rules from a policy in ${displayName(surviving)}.`,
    );
  },
};

/** `firewallPolicyCheck.evaluate`, as a function. */
export const checkFirewallPolicy: ReadinessCheck = firewallPolicyCheck.evaluate;

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
  ofType,
  readArray,
  readString,
  records,
  regionOf,
  regionsOf,
  result,
  sameId,
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

/** The WAF policy a gateway takes its settings from (`firewallPolicy`), or that lists it. */
function wafPolicyOf(
  gateway: AzureResource,
  policies: readonly AzureResource[],
): AzureResource | undefined {
  const id = readString(gateway, 'properties.firewallPolicy.id');
  return policies.find(
    policy =>
      (id !== undefined && sameId(id, policy.id)) ||
      records(readArray(policy, 'properties.applicationGateways')).some(g =>
        sameId(field(g, 'id'), gateway.id),
      ),
  );
}

/**
 * Each application gateway takes its WAF settings from the policy associated
 * with it. The gateway that serves from the region that takes over needs a
 * policy of its own, blocking as the lost region's does, or it passes the
 * traffic of the lost region unfiltered; a policy kept in the lost region
 * cannot be changed until that region is back. Losing the filter does not
 * stop the service, so this check warns and never blocks.
 */
export const wafPolicyCheck: ReadinessCheckDefinition = {
  id: 'waf-policy-in-surviving-region',
  title: 'A WAF policy protects the gateway in the secondary region',
  category: 'recovery',
  weight: 1,
  resourceTypes: [RESOURCE_TYPES.applicationGatewayWafPolicy],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const policies = ofType(
      input.resources,
      RESOURCE_TYPES.applicationGatewayWafPolicy,
    );
    const here = policies.filter(p => regionOf(p) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const gateways = ofType(
      input.resources,
      RESOURCE_TYPES.applicationGateway,
    ).filter(g => regionOf(g) === surviving);
    const protecting = gateways.map(gateway => ({
      gateway,
      policy: wafPolicyOf(gateway, policies),
    }));
    const assessments = here.map((policy): Assessment => {
      const mode = readString(policy, 'properties.policySettings.mode');
      const evidence: Record<string, unknown> = {
        ...seen(policy, [
          'properties.policySettings.state',
          'properties.policySettings.mode',
        ]),
        survivingGateways: protecting.map(({ gateway, policy: p }) => ({
          gateway: gateway.name,
          wafPolicy: p?.name ?? null,
          mode: p
            ? readString(p, 'properties.policySettings.mode') ?? null
            : null,
        })),
      };
      if (!hasProperties(policy)) {
        return {
          resource: policy,
          status: 'unknown',
          evidence,
          finding: `The settings of WAF policy ${policy.name} were not read.`,
          remediation: `Read ${policy.name} with its full properties.`,
        };
      }
      if (protecting.length === 0) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `No application gateway of the service runs in ${displayName(
            surviving,
          )} for a WAF policy like ${policy.name} to protect.`,
          remediation: `With the gateway in ${displayName(
            surviving,
          )}, create a WAF policy there like ${
            policy.name
          } (Terraform azurerm_web_application_firewall_policy) and set it as the gateway's firewall_policy_id.`,
        };
      }
      const unprotected = protecting.filter(p => !p.policy);
      if (unprotected.length > 0) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `${unprotected
            .map(p => p.gateway.name)
            .join(', ')} in ${displayName(surviving)} ${
            unprotected.length === 1 ? 'has' : 'have'
          } no WAF policy: after losing ${displayName(lost)} ${
            unprotected.length === 1 ? 'it serves' : 'they serve'
          } the traffic ${policy.name} filters unfiltered.`,
          remediation: `Create a WAF policy in ${displayName(surviving)} like ${
            policy.name
          } (Terraform azurerm_web_application_firewall_policy) and set it as firewall_policy_id of ${unprotected
            .map(p => p.gateway.name)
            .join(', ')}.`,
        };
      }
      const remote = protecting.find(
        p => p.policy && regionOf(p.policy) === lost,
      );
      if (remote) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `${remote.gateway.name} in ${displayName(
            surviving,
          )} takes its WAF settings from ${
            remote.policy!.name
          } in ${displayName(
            lost,
          )}, which cannot be changed while ${displayName(lost)} is down.`,
          remediation: `Give ${
            remote.gateway.name
          } a WAF policy in ${displayName(
            surviving,
          )} (Terraform azurerm_web_application_firewall_policy).`,
        };
      }
      const weaker = protecting.find(
        p =>
          !equalsIgnoreCase(
            readString(p.policy!, 'properties.policySettings.state'),
            'Enabled',
          ) ||
          (mode !== undefined &&
            !equalsIgnoreCase(
              readString(p.policy!, 'properties.policySettings.mode'),
              mode,
            )),
      );
      if (weaker) {
        return {
          resource: policy,
          status: 'warn',
          evidence,
          finding: `WAF policy ${weaker.policy!.name} of ${
            weaker.gateway.name
          } is ${
            readString(weaker.policy!, 'properties.policySettings.state') ??
            'in an unreported state'
          } in ${
            readString(weaker.policy!, 'properties.policySettings.mode') ??
            'an unreported'
          } mode, while ${policy.name} is ${
            readString(policy, 'properties.policySettings.state') ??
            'unreported'
          } in ${mode ?? 'an unreported'} mode.`,
          remediation: `Run ${weaker.policy!.name} as ${
            policy.name
          } runs (Terraform azurerm_web_application_firewall_policy policy_settings { enabled = true, mode = "${
            mode ?? 'Prevention'
          }" }).`,
        };
      }
      return { resource: policy, status: 'pass', evidence };
    });
    return result(
      {
        ...wafPolicyCheck,
        title: `A WAF policy protects the gateway in ${displayName(surviving)}`,
      },
      assessments,
      `${protecting
        .map(p => `${p.gateway.name} (${p.policy?.name})`)
        .join(', ')} filter${
        protecting.length === 1 ? 's' : ''
      } traffic in ${displayName(surviving)} as ${here
        .map(p => p.name)
        .join(', ')} do${here.length === 1 ? 'es' : ''}.`,
    );
  },
};

/** `wafPolicyCheck.evaluate`, as a function. */
export const checkWafPolicy: ReadinessCheck = wafPolicyCheck.evaluate;

import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  DIAGNOSTIC_SETTINGS_MIRROR,
  resourceLogsRuleFor,
} from './resourceLogs';
import type { ResourceRule, RuleContext, RuleOutcome } from './types';
import {
  asBoolean,
  asString,
  display,
  read,
  readPath,
  sameResourceId,
  sameText,
  tlsVersion,
} from './values';

export const APPLICATION_GATEWAY = 'microsoft.network/applicationgateways';
export const APPLICATION_GATEWAY_WAF_POLICY =
  'microsoft.network/applicationgatewaywebapplicationfirewallpolicies';

/** The WAF settings that govern a gateway: its linked policy, or the legacy in-gateway configuration. */
type WafSource =
  | { kind: 'policy'; policy: AzureResource }
  | { kind: 'legacy'; config: unknown }
  | { kind: 'missing-policy'; policyId: string }
  | { kind: 'none' }
  | { kind: 'unreported' };

function wafSource(resource: AzureResource, context: RuleContext): WafSource {
  if (resource.type === APPLICATION_GATEWAY_WAF_POLICY) {
    return { kind: 'policy', policy: resource };
  }
  const policyId = asString(read(resource, 'properties.firewallPolicy.id'));
  if (policyId) {
    const policy = context.inventory.get(policyId);
    return policy
      ? { kind: 'policy', policy }
      : { kind: 'missing-policy', policyId };
  }
  const config = read(
    resource,
    'properties.webApplicationFirewallConfiguration',
  );
  if (config !== undefined) {
    return { kind: 'legacy', config };
  }
  return read(resource, 'properties.sku') === undefined
    ? { kind: 'unreported' }
    : { kind: 'none' };
}

function wafUnavailable(
  source: WafSource,
  property: string,
  expected: string,
): RuleOutcome | undefined {
  switch (source.kind) {
    case 'missing-policy':
      return {
        status: 'unknown',
        property: 'properties.firewallPolicy.id',
        expected,
        actual: source.policyId,
        message: `The linked WAF policy ${source.policyId} is not in the inventory.`,
      };
    case 'unreported':
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message:
          'Resource Manager reported neither a WAF policy nor a SKU for the gateway.',
      };
    case 'none':
      return {
        status: 'fail',
        property: 'properties.firewallPolicy.id',
        expected,
        actual: 'none',
        message:
          'The gateway has no web application firewall: requests reach the backends unfiltered.',
      };
    default:
      return undefined;
  }
}

export const appGatewayWafEnabledRule: ResourceRule = {
  id: 'appgateway.waf-enabled',
  title: 'Application gateways filter traffic with a web application firewall',
  resourceTypes: [APPLICATION_GATEWAY],
  // "Web Application Firewall (WAF) should be enabled for Application
  // Gateway" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Use the WAF_v2 SKU and attach a WAF policy (Terraform azurerm_application_gateway sku { tier = "WAF_v2" } and firewall_policy_id).',
  evaluate: (resource, context) => {
    const property = 'properties.firewallPolicy.id';
    const expected = 'a linked WAF policy in state Enabled';
    const source = wafSource(resource, context);
    const unavailable = wafUnavailable(source, property, expected);
    if (unavailable) return unavailable;
    if (source.kind === 'policy') {
      const state = read(source.policy, 'properties.policySettings.state');
      if (state === undefined) {
        return {
          status: 'unknown',
          property: 'policySettings.state',
          expected,
          actual: null,
          message: 'Resource Manager did not report the WAF policy state.',
          evidenceResourceId: source.policy.id,
        };
      }
      const on = sameText(state, 'Enabled');
      return {
        status: on ? 'pass' : 'fail',
        property: 'policySettings.state',
        expected,
        actual: display(state),
        message: on
          ? 'A WAF policy inspects requests before they reach the backends.'
          : 'The linked WAF policy is disabled.',
        evidenceResourceId: source.policy.id,
      };
    }
    if (source.kind === 'legacy') {
      const enabled = asBoolean(readPath(source.config, 'enabled'));
      if (enabled === undefined) {
        return {
          status: 'unknown',
          property: 'properties.webApplicationFirewallConfiguration.enabled',
          expected,
          actual: null,
          message: 'Resource Manager did not report whether the WAF is on.',
        };
      }
      return {
        status: enabled ? 'pass' : 'fail',
        property: 'properties.webApplicationFirewallConfiguration.enabled',
        expected,
        actual: String(enabled),
        message: enabled
          ? 'The gateway WAF configuration inspects requests (migrate it to a WAF policy).'
          : 'The gateway WAF is turned off.',
      };
    }
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message: 'Resource Manager did not report the WAF settings.',
    };
  },
};

/**
 * A WAF setting as the gateway applies it: from its linked policy (named as
 * evidence when the judged resource is the gateway) or from the legacy
 * in-gateway configuration.
 */
function wafSetting(
  resource: AzureResource,
  source: WafSource,
  policyPath: string,
  legacyPath: string,
): { value: unknown; property: string; evidence: Partial<RuleOutcome> } {
  if (source.kind === 'policy') {
    return {
      value: read(source.policy, `properties.${policyPath}`),
      property: policyPath,
      evidence:
        source.policy.id === resource.id
          ? {}
          : { evidenceResourceId: source.policy.id },
    };
  }
  return {
    value:
      source.kind === 'legacy'
        ? readPath(source.config, legacyPath)
        : undefined,
    property: `properties.webApplicationFirewallConfiguration.${legacyPath}`,
    evidence: {},
  };
}

export const appGatewayWafPreventionModeRule: ResourceRule = {
  id: 'appgateway.waf-prevention-mode',
  title: 'Application Gateway WAF blocks attacks (Prevention mode)',
  resourceTypes: [APPLICATION_GATEWAY, APPLICATION_GATEWAY_WAF_POLICY],
  // "Web Application Firewall (WAF) should use the specified mode for
  // Application Gateway" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Switch the WAF policy to Prevention once tuned (Terraform azurerm_web_application_firewall_policy policy_settings { mode = "Prevention" }).',
  evaluate: (resource, context) => {
    const expected = 'Prevention';
    const source = wafSource(resource, context);
    const unavailable = wafUnavailable(source, 'policySettings.mode', expected);
    if (unavailable) return unavailable;
    const {
      value: mode,
      property,
      evidence,
    } = wafSetting(resource, source, 'policySettings.mode', 'firewallMode');
    if (typeof mode !== 'string') {
      return {
        status: 'unknown',
        property,
        expected,
        actual: display(mode),
        message: 'Resource Manager did not report the WAF mode.',
        ...evidence,
      };
    }
    const prevention = sameText(mode, 'Prevention');
    return {
      status: prevention ? 'pass' : 'fail',
      property,
      expected,
      actual: mode,
      message: prevention
        ? 'Matching requests are blocked.'
        : 'Detection mode only logs attacks; they still reach the backends.',
      ...evidence,
    };
  },
};

const ACCEPTED_RULE_SETS = ['OWASP', 'Microsoft_DefaultRuleSet'];

export const appGatewayWafManagedRulesRule: ResourceRule = {
  id: 'appgateway.waf-managed-rules',
  title: 'Application Gateway WAF applies the OWASP core rule set',
  resourceTypes: [APPLICATION_GATEWAY, APPLICATION_GATEWAY_WAF_POLICY],
  // No built-in in either initiative tests the managed rule set.
  mirrors: undefined,
  remediation:
    'Add the Microsoft_DefaultRuleSet 2.1 (or OWASP 3.2) managed rule set (Terraform managed_rules { managed_rule_set { type = "Microsoft_DefaultRuleSet", version = "2.1" } }).',
  evaluate: (resource, context) => {
    const expected = ACCEPTED_RULE_SETS.join(' or ');
    const source = wafSource(resource, context);
    const unavailable = wafUnavailable(
      source,
      'managedRules.managedRuleSets',
      expected,
    );
    if (unavailable) return unavailable;
    // A policy lists rule sets; the legacy configuration names one.
    const { value, property, evidence } =
      source.kind === 'policy'
        ? wafSetting(resource, source, 'managedRules.managedRuleSets', '')
        : wafSetting(resource, source, '', 'ruleSetType');
    let types: unknown[] | undefined;
    if (Array.isArray(value)) {
      types = value.map(set => readPath(set, 'ruleSetType'));
    } else if (value !== undefined) {
      types = [value];
    }
    if (types === undefined) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'Resource Manager did not report the managed rule sets.',
        ...evidence,
      };
    }
    const names = types.filter((t): t is string => typeof t === 'string');
    const core = names.some(n => ACCEPTED_RULE_SETS.some(a => sameText(n, a)));
    return {
      status: core ? 'pass' : 'fail',
      property,
      expected,
      actual: names.join(', ') || 'none',
      message: core
        ? 'The core rule set blocks injection and other OWASP top-10 attacks.'
        : 'No core rule set is applied: only custom or bot rules filter requests.',
      ...evidence,
    };
  },
};

export const appGatewayV2SkuRule: ResourceRule = {
  id: 'appgateway.v2-sku',
  title: 'Application gateways run the v2 SKU',
  resourceTypes: [APPLICATION_GATEWAY],
  // No built-in in either initiative; v1 gateways were retired on
  // 28 April 2026 and receive no further security fixes.
  mirrors: undefined,
  remediation:
    'Migrate to Standard_v2 or WAF_v2 (Terraform azurerm_application_gateway sku { name = "WAF_v2", tier = "WAF_v2" }).',
  evaluate: resource => {
    const tier = read(resource, 'properties.sku.tier');
    if (typeof tier !== 'string') {
      return {
        status: 'unknown',
        property: 'properties.sku.tier',
        expected: 'Standard_v2 or WAF_v2',
        actual: display(tier),
        message: 'Resource Manager did not report the gateway SKU.',
      };
    }
    const v2 = /_v2$/i.test(tier.trim()) || sameText(tier, 'Basic');
    return {
      status: v2 ? 'pass' : 'fail',
      property: 'properties.sku.tier',
      expected: 'Standard_v2 or WAF_v2',
      actual: tier,
      message: v2
        ? 'The gateway runs a supported SKU.'
        : 'The v1 SKU is retired: it gets no security fixes and cannot use WAF policies.',
    };
  },
};

/**
 * Minimum protocol of Application Gateway's predefined TLS policies
 * (learn.microsoft.com, "Application Gateway TLS policy overview").
 */
const PREDEFINED_MINIMUM: Record<string, number> = {
  appgwsslpolicy20150501: 1.0,
  appgwsslpolicy20170401: 1.1,
  appgwsslpolicy20170401s: 1.2,
  appgwsslpolicy20220101: 1.2,
  appgwsslpolicy20220101s: 1.2,
};

export const appGatewayMinimumTlsRule: ResourceRule = {
  id: 'appgateway.minimum-tls',
  title: 'Application gateways require TLS 1.2 or newer',
  resourceTypes: [APPLICATION_GATEWAY],
  // No built-in in either initiative tests the gateway TLS policy.
  mirrors: undefined,
  remediation:
    'Use the predefined policy AppGwSslPolicy20220101S (Terraform azurerm_application_gateway ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101S" }).',
  evaluate: resource => {
    const property = 'properties.sslPolicy';
    const expected =
      'minProtocolVersion TLSv1_2 or newer, or a predefined policy that implies it';
    const policy = read(resource, property);
    if (policy === undefined) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message:
          'Resource Manager did not report a TLS policy; the default depends on the API version the gateway was created with (TLS 1.0 before 2023-02-01).',
      };
    }
    const name = asString(readPath(policy, 'policyName'));
    const declared = tlsVersion(readPath(policy, 'minProtocolVersion'));
    const implied =
      name !== undefined ? PREDEFINED_MINIMUM[name.toLowerCase()] : undefined;
    const minimum = declared ?? implied;
    if (minimum === undefined) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: display(policy),
        message: 'The TLS policy names no minimum protocol Vitals recognises.',
      };
    }
    const ok = minimum >= 1.2;
    return {
      status: ok ? 'pass' : 'fail',
      property:
        declared !== undefined
          ? 'properties.sslPolicy.minProtocolVersion'
          : 'properties.sslPolicy.policyName',
      expected,
      actual:
        declared !== undefined
          ? display(readPath(policy, 'minProtocolVersion'))
          : name ?? null,
      message: ok
        ? 'HTTPS listeners refuse TLS older than 1.2.'
        : `HTTPS listeners accept TLS ${minimum.toFixed(1)}.`,
    };
  },
};

/** The named element of one of the gateway's sub-resource arrays (listeners, redirects), by id. */
function element(
  resource: AzureResource,
  collection: string,
  id: unknown,
): unknown {
  const items = read(resource, `properties.${collection}`);
  return Array.isArray(items)
    ? items.find(i => sameResourceId(readPath(i, 'id'), String(id ?? '')))
    : undefined;
}

/**
 * An HTTP listener carries no PHI when every rule on it redirects to an
 * HTTPS listener or an https:// URL.
 */
function redirectsToHttps(resource: AzureResource, listenerId: string) {
  const rules = read(resource, 'properties.requestRoutingRules');
  const onListener = Array.isArray(rules)
    ? rules.filter(r =>
        sameResourceId(readPath(r, 'properties.httpListener.id'), listenerId),
      )
    : [];
  return (
    onListener.length > 0 &&
    onListener.every(r => {
      const redirect = element(
        resource,
        'redirectConfigurations',
        readPath(r, 'properties.redirectConfiguration.id'),
      );
      if (redirect === undefined) return false;
      const url = asString(readPath(redirect, 'properties.targetUrl'));
      if (url) return /^https:\/\//i.test(url);
      const target = element(
        resource,
        'httpListeners',
        readPath(redirect, 'properties.targetListener.id'),
      );
      return sameText(readPath(target, 'properties.protocol'), 'Https');
    })
  );
}

export const appGatewayHttpsOnlyRule: ResourceRule = {
  id: 'appgateway.https-only',
  title: 'Application gateways serve HTTPS only (HTTP only redirects)',
  resourceTypes: [APPLICATION_GATEWAY],
  // No built-in in either initiative tests gateway listeners.
  mirrors: undefined,
  remediation:
    'Terminate TLS on every listener, or route HTTP listeners only to a redirect to the HTTPS listener (Terraform azurerm_application_gateway redirect_configuration { target_listener_name = "https" }).',
  evaluate: resource => {
    const property = 'properties.httpListeners[].properties.protocol';
    const expected = 'Https, or Http that only redirects to HTTPS';
    const listeners = read(resource, 'properties.httpListeners');
    if (!Array.isArray(listeners)) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'Resource Manager did not report the gateway listeners.',
      };
    }
    const plain = listeners.filter(
      l =>
        sameText(readPath(l, 'properties.protocol'), 'Http') &&
        !redirectsToHttps(resource, String(readPath(l, 'id') ?? '')),
    );
    if (plain.length > 0) {
      return {
        status: 'fail',
        property,
        expected,
        actual: `plain HTTP: ${plain
          .map(l => asString(readPath(l, 'name')) ?? '?')
          .join(', ')}`,
        message: 'Some listeners forward plain HTTP requests to the backends.',
      };
    }
    const unread = listeners.filter(
      l => typeof readPath(l, 'properties.protocol') !== 'string',
    );
    return unread.length > 0
      ? {
          status: 'unknown',
          property,
          expected,
          actual: null,
          message: 'Some listeners report no protocol.',
        }
      : {
          status: 'pass',
          property,
          expected,
          actual: 'HTTPS only',
          message:
            'Every listener terminates TLS or redirects to one that does.',
        };
  },
};

export const appGatewayResourceLogsRule = resourceLogsRuleFor({
  id: 'appgateway.resource-logs',
  title: 'Application Gateway access and firewall logs reach a workspace',
  resourceTypes: [APPLICATION_GATEWAY],
  mirrors: DIAGNOSTIC_SETTINGS_MIRROR,
});

export const applicationGatewayRules: readonly ResourceRule[] = [
  appGatewayWafEnabledRule,
  appGatewayWafPreventionModeRule,
  appGatewayWafManagedRulesRule,
  appGatewayV2SkuRule,
  appGatewayMinimumTlsRule,
  appGatewayHttpsOnlyRule,
  appGatewayResourceLogsRule,
];

import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  DIAGNOSTIC_SETTINGS_MIRROR,
  resourceLogsRuleFor,
} from './resourceLogs';
import type { ResourceRule, RuleContext, RuleOutcome } from './types';
import {
  asString,
  childrenOrAbsence,
  childTypeCollected,
  display,
  propertiesUnread,
  read,
  readPath,
  sameText,
  tlsVersion,
  unreadResource,
} from './values';

export const CDN_PROFILE = 'microsoft.cdn/profiles';
/** Front Door (classic), retiring 31 March 2027 but still run by the reference estates. */
export const FRONT_DOOR_CLASSIC = 'microsoft.network/frontdoors';
export const FRONT_DOOR_WAF_POLICY =
  'microsoft.network/frontdoorwebapplicationfirewallpolicies';
export const FRONT_DOOR_SECURITY_POLICY =
  'microsoft.cdn/profiles/securitypolicies';
export const FRONT_DOOR_ENDPOINT = 'microsoft.cdn/profiles/afdendpoints';
export const FRONT_DOOR_ROUTE = 'microsoft.cdn/profiles/afdendpoints/routes';
export const FRONT_DOOR_CUSTOM_DOMAIN = 'microsoft.cdn/profiles/customdomains';

/** Standard_AzureFrontDoor and Premium_AzureFrontDoor; classic CDN profiles share the type. */
function isFrontDoor(resource: AzureResource): boolean {
  if (resource.type !== CDN_PROFILE) {
    return true;
  }
  const sku = resource.sku?.name;
  return typeof sku === 'string' && /AzureFrontDoor$/i.test(sku);
}

function frontendEndpoints(resource: AzureResource): unknown[] | undefined {
  const endpoints = read(resource, 'properties.frontendEndpoints');
  return Array.isArray(endpoints) ? endpoints : undefined;
}

const endpointName = (e: unknown) =>
  asString(readPath(e, 'name')) ??
  asString(readPath(e, 'properties.hostName')) ??
  '?';

export const frontDoorWafPreventionModeRule: ResourceRule = {
  id: 'frontdoor.waf-prevention-mode',
  title: 'Front Door WAF policies are enabled in Prevention mode',
  resourceTypes: [FRONT_DOOR_WAF_POLICY],
  // "Azure Web Application Firewall should be enabled for Azure Front Door
  // entry-points" and the mode built-in are in neither initiative.
  mirrors: undefined,
  remediation:
    'Enable the policy in Prevention mode (Terraform azurerm_cdn_frontdoor_firewall_policy enabled = true, mode = "Prevention").',
  evaluate: resource => {
    const expected = 'enabledState Enabled and mode Prevention';
    const state = read(resource, 'properties.policySettings.enabledState');
    const mode = read(resource, 'properties.policySettings.mode');
    if (typeof state === 'string' && !sameText(state, 'Enabled')) {
      return {
        status: 'fail',
        property: 'properties.policySettings.enabledState',
        expected,
        actual: state,
        message: 'The WAF policy is disabled: requests pass unfiltered.',
      };
    }
    if (typeof mode !== 'string' || typeof state !== 'string') {
      return {
        status: 'unknown',
        property: 'properties.policySettings.mode',
        expected,
        actual: display(mode ?? state),
        message: 'Resource Manager did not report the policy state and mode.',
      };
    }
    const prevention = sameText(mode, 'Prevention');
    return {
      status: prevention ? 'pass' : 'fail',
      property: 'properties.policySettings.mode',
      expected,
      actual: mode,
      message: prevention
        ? 'Matching requests are blocked at the edge.'
        : 'Detection mode only logs attacks; they still reach the origins.',
    };
  },
};

export const frontDoorWafAttachedRule: ResourceRule = {
  id: 'frontdoor.waf-attached',
  title: 'Front Door endpoints are protected by a WAF policy',
  resourceTypes: [CDN_PROFILE, FRONT_DOOR_CLASSIC],
  // In neither initiative (see frontdoor.waf-prevention-mode).
  mirrors: undefined,
  remediation:
    'Associate a WAF policy with every domain through a security policy (Terraform azurerm_cdn_frontdoor_security_policy with firewall { cdn_frontdoor_firewall_policy_id = ... }).',
  appliesTo: isFrontDoor,
  evaluate: (resource, context) => {
    const expected = 'a WebApplicationFirewall security policy';
    if (resource.type === FRONT_DOOR_CLASSIC) {
      const endpoints = frontendEndpoints(resource);
      const property =
        'properties.frontendEndpoints[].properties.webApplicationFirewallPolicyLink.id';
      if (!endpoints) {
        return {
          status: 'unknown',
          property,
          expected,
          actual: null,
          message: 'Resource Manager did not report the frontend endpoints.',
        };
      }
      const unprotected = endpoints.filter(
        e =>
          !asString(
            readPath(e, 'properties.webApplicationFirewallPolicyLink.id'),
          ),
      );
      return {
        status: unprotected.length === 0 ? 'pass' : 'fail',
        property,
        expected: 'a WAF policy link on every frontend endpoint',
        actual:
          unprotected.length === 0
            ? 'all linked'
            : `unprotected: ${unprotected.map(endpointName).join(', ')}`,
        message:
          unprotected.length === 0
            ? 'Every frontend endpoint is filtered by a WAF policy.'
            : 'Some frontend endpoints forward requests without a WAF.',
      };
    }
    const property = 'securityPolicies.properties.parameters.type';
    const children = childrenOrAbsence(
      resource,
      context,
      FRONT_DOOR_SECURITY_POLICY,
      property,
      expected,
      'The profile has no security policy: no WAF filters its endpoints.',
    );
    if (!Array.isArray(children)) {
      return children;
    }
    const waf = children.find(c =>
      sameText(read(c, 'properties.parameters.type'), 'WebApplicationFirewall'),
    );
    return waf
      ? {
          status: 'pass',
          property,
          expected,
          actual: 'WebApplicationFirewall',
          message: 'A WAF policy is associated with the profile’s domains.',
          evidenceResourceId: waf.id,
        }
      : {
          status: 'fail',
          property,
          expected,
          actual: children
            .map(c => display(read(c, 'properties.parameters.type')) ?? '?')
            .join(', '),
          message: 'None of the profile’s security policies is a WAF.',
          evidenceResourceId: children[0].id,
        };
  },
};

/** A route is HTTPS-only when it does not accept HTTP, or accepts it only to redirect. */
function routeAllowsPlainHttp(route: AzureResource): boolean | undefined {
  const protocols = read(route, 'properties.supportedProtocols');
  if (!Array.isArray(protocols)) {
    return undefined;
  }
  if (!protocols.some(p => sameText(p, 'Http'))) {
    return false;
  }
  const redirect = read(route, 'properties.httpsRedirect');
  return redirect === undefined ? undefined : !sameText(redirect, 'Enabled');
}

function classicRuleAllowsPlainHttp(rule: unknown): boolean | undefined {
  const protocols = readPath(rule, 'properties.acceptedProtocols');
  if (!Array.isArray(protocols)) {
    return undefined;
  }
  if (!protocols.some(p => sameText(p, 'Http'))) {
    return false;
  }
  // A rule that accepts HTTP only to redirect it to HTTPS carries no data.
  const config = readPath(rule, 'properties.routeConfiguration');
  // `@odata.type` holds a dot, so it cannot be read as a dotted path.
  const odataType =
    config !== null && typeof config === 'object'
      ? asString(
          Object.entries(config as Record<string, unknown>).find(
            ([k]) => k.toLowerCase() === '@odata.type',
          )?.[1],
        ) ?? ''
      : '';
  return !(
    /RedirectConfiguration$/i.test(odataType) &&
    sameText(readPath(config, 'redirectProtocol'), 'HttpsOnly')
  );
}

export const frontDoorHttpsOnlyRule: ResourceRule = {
  id: 'frontdoor.https-only',
  title: 'Front Door routes serve HTTPS only',
  resourceTypes: [CDN_PROFILE, FRONT_DOOR_CLASSIC],
  // No built-in in either initiative tests Front Door protocols.
  mirrors: undefined,
  remediation:
    'Accept HTTPS only, or redirect HTTP to HTTPS, on every route (Terraform azurerm_cdn_frontdoor_route supported_protocols = ["Https"] or https_redirect_enabled = true).',
  appliesTo: isFrontDoor,
  evaluate: (resource, context) =>
    resource.type === FRONT_DOOR_CLASSIC
      ? classicHttpsOnly(resource)
      : profileHttpsOnly(resource, context),
};

function classicHttpsOnly(resource: AzureResource): RuleOutcome {
  const property = 'properties.routingRules[].properties.acceptedProtocols';
  const expected = 'Https only, or HTTP redirected to HTTPS';
  const rules = read(resource, 'properties.routingRules');
  if (!Array.isArray(rules)) {
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message: 'Resource Manager did not report the routing rules.',
    };
  }
  const verdicts = rules.map(r => [r, classicRuleAllowsPlainHttp(r)] as const);
  const plain = verdicts.filter(([, v]) => v === true).map(([r]) => r);
  if (plain.length > 0) {
    return {
      status: 'fail',
      property,
      expected,
      actual: `plain HTTP: ${plain.map(endpointName).join(', ')}`,
      message: 'Some routing rules forward plain HTTP requests to the origins.',
    };
  }
  return verdicts.some(([, v]) => v === undefined)
    ? {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'Some routing rules report no accepted protocols.',
      }
    : {
        status: 'pass',
        property,
        expected,
        actual: 'HTTPS only',
        message: 'Every routing rule serves HTTPS or redirects to it.',
      };
}

function profileHttpsOnly(
  resource: AzureResource,
  context: RuleContext,
): RuleOutcome {
  const property = 'routes.properties.supportedProtocols';
  const expected = 'Https only, or httpsRedirect Enabled';
  const routes = context.inventory.descendants(resource.id, FRONT_DOOR_ROUTE);
  if (routes.length === 0) {
    if (!childTypeCollected(context, FRONT_DOOR_ROUTE)) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: `The inventory does not collect ${FRONT_DOOR_ROUTE}; no evidence either way.`,
      };
    }
    if (propertiesUnread(resource)) {
      return unreadResource(resource, property, expected, 'routes');
    }
    // Endpoints without a single route in the inventory more likely mean the
    // routes were not read than that the endpoints serve nothing.
    const endpoints = context.inventory.descendants(
      resource.id,
      FRONT_DOOR_ENDPOINT,
    );
    if (endpoints.length > 0) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: `The inventory has ${endpoints.length} endpoint(s) of this profile but none of their routes.`,
      };
    }
    return {
      status: 'pass',
      property,
      expected,
      actual: 'no routes',
      message: 'The profile has no routes, so it serves no traffic.',
    };
  }
  const plain = routes.filter(r => routeAllowsPlainHttp(r) === true);
  if (plain.length > 0) {
    return {
      status: 'fail',
      property,
      expected,
      actual: `plain HTTP: ${plain.map(r => r.name).join(', ')}`,
      message: 'Some routes forward plain HTTP requests to the origins.',
      evidenceResourceId: plain[0].id,
    };
  }
  const unread = routes.filter(r => routeAllowsPlainHttp(r) === undefined);
  return unread.length > 0
    ? {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: `Routes ${unread
          .map(r => r.name)
          .join(', ')} report no protocols or redirect setting.`,
        evidenceResourceId: unread[0].id,
      }
    : {
        status: 'pass',
        property,
        expected,
        actual: 'HTTPS only',
        message: 'Every route serves HTTPS or redirects to it.',
      };
}

export const frontDoorMinimumTlsRule: ResourceRule = {
  id: 'frontdoor.minimum-tls',
  title: 'Front Door custom domains require TLS 1.2 or newer',
  resourceTypes: [CDN_PROFILE, FRONT_DOOR_CLASSIC],
  // No built-in in either initiative tests Front Door TLS.
  mirrors: undefined,
  remediation:
    'Set the minimum TLS version of every custom domain to 1.2 (Terraform azurerm_cdn_frontdoor_custom_domain tls { minimum_tls_version = "TLS12" }).',
  appliesTo: isFrontDoor,
  evaluate: (resource, context) => {
    const expected = 'TLS12 or newer on every custom domain';
    // The default *.azurefd.net host only negotiates TLS 1.2+, so only custom
    // domains can weaken it.
    const domains: Array<{ name: string; version: unknown; id?: string }> = [];
    let property: string;
    if (resource.type === FRONT_DOOR_CLASSIC) {
      property =
        'properties.frontendEndpoints[].properties.customHttpsConfiguration.minimumTlsVersion';
      const endpoints = frontendEndpoints(resource);
      if (!endpoints) {
        return {
          status: 'unknown',
          property,
          expected,
          actual: null,
          message: 'Resource Manager did not report the frontend endpoints.',
        };
      }
      for (const e of endpoints) {
        const https = readPath(e, 'properties.customHttpsConfiguration');
        if (https !== undefined) {
          domains.push({
            name: endpointName(e),
            version: readPath(https, 'minimumTlsVersion'),
          });
        }
      }
    } else {
      property = 'customDomains.properties.tlsSettings.minimumTlsVersion';
      const children = context.inventory.descendants(
        resource.id,
        FRONT_DOOR_CUSTOM_DOMAIN,
      );
      if (
        children.length === 0 &&
        !childTypeCollected(context, FRONT_DOOR_CUSTOM_DOMAIN)
      ) {
        return {
          status: 'unknown',
          property,
          expected,
          actual: null,
          message: `The inventory does not collect ${FRONT_DOOR_CUSTOM_DOMAIN}; no evidence either way.`,
        };
      }
      if (children.length === 0 && propertiesUnread(resource)) {
        return unreadResource(resource, property, expected, 'custom domains');
      }
      // A route naming a custom domain the inventory lacks means the domains
      // were not all read.
      const missing = context.inventory
        .descendants(resource.id, FRONT_DOOR_ROUTE)
        .flatMap(r => {
          const refs = read(r, 'properties.customDomains');
          return Array.isArray(refs) ? refs : [];
        })
        .map(ref => asString(readPath(ref, 'id')))
        .filter(
          (id): id is string =>
            id !== undefined && context.inventory.get(id) === undefined,
        );
      if (missing.length > 0) {
        return {
          status: 'unknown',
          property,
          expected,
          actual: null,
          message: `Routes serve custom domains the inventory does not hold: ${missing.join(
            ', ',
          )}.`,
        };
      }
      for (const c of children) {
        domains.push({
          name: c.name,
          version: read(c, 'properties.tlsSettings.minimumTlsVersion'),
          id: c.id,
        });
      }
    }
    const weak = domains.filter(d => {
      const v = tlsVersion(d.version);
      return v !== undefined && v < 1.2;
    });
    if (weak.length > 0) {
      return {
        status: 'fail',
        property,
        expected,
        actual: weak.map(d => `${d.name}=${display(d.version)}`).join(', '),
        message: 'Some custom domains accept TLS older than 1.2.',
        ...(weak[0].id ? { evidenceResourceId: weak[0].id } : {}),
      };
    }
    const unread = domains.filter(d => tlsVersion(d.version) === undefined);
    if (unread.length > 0) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: `Custom domains ${unread
          .map(d => d.name)
          .join(', ')} report no minimum TLS version.`,
      };
    }
    return {
      status: 'pass',
      property,
      expected,
      actual:
        domains.length === 0
          ? 'no custom domains'
          : domains.map(d => `${d.name}=${display(d.version)}`).join(', '),
      message:
        domains.length === 0
          ? 'Only the Front Door host name is served, which requires TLS 1.2.'
          : 'Every custom domain requires TLS 1.2 or newer.',
    };
  },
};

export const frontDoorResourceLogsRule = resourceLogsRuleFor({
  id: 'frontdoor.resource-logs',
  title: 'Front Door access and WAF logs reach a workspace',
  resourceTypes: [CDN_PROFILE, FRONT_DOOR_CLASSIC],
  mirrors: DIAGNOSTIC_SETTINGS_MIRROR,
  appliesTo: isFrontDoor,
});

export const frontDoorRules: readonly ResourceRule[] = [
  frontDoorWafPreventionModeRule,
  frontDoorWafAttachedRule,
  frontDoorHttpsOnlyRule,
  frontDoorMinimumTlsRule,
  frontDoorResourceLogsRule,
];

import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  DIAGNOSTIC_SETTINGS_MIRROR,
  resourceLogsRuleFor,
} from './resourceLogs';
import type { ResourceRule, RuleOutcome } from './types';
import { asBoolean, display, read, sameText } from './values';

export const API_MANAGEMENT = 'microsoft.apimanagement/service';

const SECURITY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';

/** Client-side (gateway) and backend-side legacy protocol switches. */
export const LEGACY_PROTOCOL_SETTINGS = [
  `${SECURITY}.Protocols.Tls10`,
  `${SECURITY}.Protocols.Tls11`,
  `${SECURITY}.Protocols.Ssl30`,
  `${SECURITY}.Backend.Protocols.Tls10`,
  `${SECURITY}.Backend.Protocols.Tls11`,
  `${SECURITY}.Backend.Protocols.Ssl30`,
] as const;

/** 3DES (SWEET32); the CBC suites stay on by default and are not judged here. */
export const WEAK_CIPHER_SETTINGS = [
  `${SECURITY}.Ciphers.TripleDes168`,
] as const;

/**
 * Judges `customProperties` switches that must all be off. Keys are matched
 * case-insensitively; an absent key takes the service default, which for
 * services created before April 2018 (and the classic tiers) is on.
 */
function judgeSwitchesOff(
  resource: AzureResource,
  keys: readonly string[],
  messages: { pass: string; fail: string },
): RuleOutcome {
  const property = 'properties.customProperties';
  const expected = `${keys
    .map(k => k.replace(`${SECURITY}.`, ''))
    .join(', ')} = False`;
  const custom = read(resource, property);
  if (custom === undefined || typeof custom !== 'object') {
    return {
      status: 'unknown',
      property,
      expected,
      actual: null,
      message: 'Resource Manager did not report customProperties.',
    };
  }
  const entries = Object.entries(custom as Record<string, unknown>);
  const valueOf = (key: string) => entries.find(([k]) => sameText(k, key))?.[1];
  const on = keys.filter(k => asBoolean(valueOf(k)) === true);
  if (on.length > 0) {
    return {
      status: 'fail',
      property: `${property}["${on[0]}"]`,
      expected,
      actual: on
        .map(k => `${k.replace(`${SECURITY}.`, '')}=${display(valueOf(k))}`)
        .join(', '),
      message: messages.fail,
    };
  }
  const unset = keys.filter(k => asBoolean(valueOf(k)) === undefined);
  if (unset.length > 0) {
    return {
      status: 'unknown',
      property: `${property}["${unset[0]}"]`,
      expected,
      actual: null,
      message: `customProperties does not set ${unset
        .map(k => k.replace(`${SECURITY}.`, ''))
        .join(', ')}; the default depends on the tier and creation date.`,
    };
  }
  return {
    status: 'pass',
    property,
    expected,
    actual: 'all False',
    message: messages.pass,
  };
}

export const apimLegacyTlsDisabledRule: ResourceRule = {
  id: 'apim.legacy-tls-disabled',
  title: 'API Management refuses SSL 3.0, TLS 1.0 and TLS 1.1',
  resourceTypes: [API_MANAGEMENT],
  // "API Management should disable ... TLS 1.0/1.1" built-ins are in
  // neither initiative.
  mirrors: undefined,
  remediation:
    'Turn the legacy protocols off on both sides (Terraform azurerm_api_management security { enable_frontend_tls10 = false, enable_frontend_tls11 = false, enable_backend_tls10 = false, enable_backend_tls11 = false, enable_frontend_ssl30 = false, enable_backend_ssl30 = false }).',
  evaluate: resource =>
    judgeSwitchesOff(resource, LEGACY_PROTOCOL_SETTINGS, {
      pass: 'Clients and backends must negotiate TLS 1.2 or newer.',
      fail: 'The gateway still negotiates SSL 3.0 / TLS 1.0 / TLS 1.1 on the client or backend side.',
    }),
};

export const apimWeakCiphersDisabledRule: ResourceRule = {
  id: 'apim.weak-ciphers-disabled',
  title: 'API Management refuses the 3DES cipher',
  resourceTypes: [API_MANAGEMENT],
  // In neither initiative.
  mirrors: undefined,
  remediation:
    'Turn 3DES off (Terraform azurerm_api_management security { triple_des_ciphers_enabled = false }).',
  evaluate: resource =>
    judgeSwitchesOff(resource, WEAK_CIPHER_SETTINGS, {
      pass: 'The gateway does not offer 3DES (SWEET32).',
      fail: 'The gateway offers TLS_RSA_WITH_3DES_EDE_CBC_SHA, which SWEET32 breaks.',
    }),
};

export const apimPrivateAccessRule: ResourceRule = {
  id: 'apim.private-access',
  title: 'API Management gateways are reachable privately only',
  resourceTypes: [API_MANAGEMENT],
  // "API Management services should use a virtual network" and "should
  // disable public network access" are in neither initiative.
  mirrors: undefined,
  remediation:
    'Deploy in Internal VNet mode, or disable public network access and use a private endpoint (Terraform azurerm_api_management virtual_network_type = "Internal" or public_network_access_enabled = false).',
  evaluate: resource => {
    const expected =
      'virtualNetworkType Internal, or publicNetworkAccess Disabled';
    const vnet = read(resource, 'properties.virtualNetworkType');
    const access = read(resource, 'properties.publicNetworkAccess');
    if (sameText(vnet, 'Internal')) {
      return {
        status: 'pass',
        property: 'properties.virtualNetworkType',
        expected,
        actual: display(vnet),
        message:
          'The gateway has a private address in the virtual network only.',
      };
    }
    if (sameText(access, 'Disabled')) {
      return {
        status: 'pass',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(access),
        message: 'The gateway is reachable through private endpoints only.',
      };
    }
    if (typeof vnet === 'string' && typeof access === 'string') {
      return {
        status: 'fail',
        property: 'properties.virtualNetworkType',
        expected,
        actual: `virtualNetworkType=${vnet}, publicNetworkAccess=${access}`,
        message: 'The gateway answers on a public address.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.virtualNetworkType',
      expected,
      actual: display(vnet ?? access),
      message:
        'Resource Manager did not report both virtualNetworkType and publicNetworkAccess.',
    };
  },
};

export const apimResourceLogsRule = resourceLogsRuleFor({
  id: 'apim.resource-logs',
  title: 'API Management gateway logs reach a workspace',
  resourceTypes: [API_MANAGEMENT],
  mirrors: DIAGNOSTIC_SETTINGS_MIRROR,
});

export const apiManagementRules: readonly ResourceRule[] = [
  apimLegacyTlsDisabledRule,
  apimWeakCiphersDisabledRule,
  apimPrivateAccessRule,
  apimResourceLogsRule,
];

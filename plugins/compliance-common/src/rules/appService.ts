import type { AzureResource } from '@vitals/azure-inventory-common';
import type {
  PolicyMirror,
  ResourceRule,
  RuleContext,
  RuleOutcome,
} from './types';
import { asBoolean, display, read, tlsVersion } from './values';

const SITE = 'microsoft.web/sites';
const SITE_CONFIG = 'microsoft.web/sites/config';

const TRANSMISSION_GROUPS = [
  'hipaa-0809.01n2Organizational.1234-01.n',
  'hipaa-0810.01n2Organizational.5-01.n',
  'hipaa-0811.01n2Organizational.6-01.n',
];

/** Function apps are `Microsoft.Web/sites` whose kind contains `functionapp`; Azure Policy has separate built-ins for them. */
export function isFunctionApp(resource: AzureResource): boolean {
  return (resource.kind ?? '').toLowerCase().includes('functionapp');
}

/**
 * The site's `siteConfig` in a GET of the site often carries nulls; the
 * authoritative values live in the `config/web` child resource, which is what
 * the built-ins evaluate. Prefer the child when the inventory has it.
 */
function siteConfigValue(
  resource: AzureResource,
  context: RuleContext,
  field: string,
): { value: unknown; property: string; evidenceResourceId?: string } {
  const web = context.inventory
    .descendants(resource.id, SITE_CONFIG)
    .find(c => c.id.toLowerCase().endsWith('/config/web'));
  const fromChild = web ? read(web, `properties.${field}`) : undefined;
  if (web && fromChild !== undefined) {
    return {
      value: fromChild,
      property: `config/web.properties.${field}`,
      evidenceResourceId: web.id,
    };
  }
  return {
    value: read(resource, `properties.siteConfig.${field}`),
    property: `properties.siteConfig.${field}`,
  };
}

export const appServiceHttpsOnlyRule: ResourceRule = {
  id: 'appservice.https-only',
  title: 'App Service apps are reachable over HTTPS only',
  resourceTypes: [SITE],
  mirrors: {
    policyName: 'App Service apps should only be accessible over HTTPS',
    definitionId: 'a4af4a39-4135-47fb-b175-47fbdf85311d',
    initiative: 'HIPAA HITRUST',
    hitrustControls: TRANSMISSION_GROUPS,
  },
  remediation:
    'Set httpsOnly to true (Terraform https_only = true; az webapp update --https-only true).',
  evaluate: resource => {
    const mirrors: PolicyMirror | undefined = isFunctionApp(resource)
      ? {
          policyName: 'Function apps should only be accessible over HTTPS',
          definitionId: '6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab',
          initiative: 'HIPAA HITRUST',
          hitrustControls: TRANSMISSION_GROUPS,
        }
      : undefined;
    const value = read(resource, 'properties.httpsOnly');
    const https = asBoolean(value);
    const base = {
      property: 'properties.httpsOnly',
      expected: 'true',
      ...(mirrors ? { mirrors } : {}),
    };
    if (https === undefined) {
      return {
        ...base,
        status: 'unknown',
        actual: display(value),
        message: 'Resource Manager did not report httpsOnly.',
      };
    }
    return {
      ...base,
      status: https ? 'pass' : 'fail',
      actual: String(https),
      message: https
        ? 'Plain-HTTP requests are redirected to HTTPS.'
        : 'The app answers plain-HTTP requests.',
    };
  },
};

export const appServiceMinimumTlsRule: ResourceRule = {
  id: 'appservice.minimum-tls',
  title: 'App Service apps require TLS 1.2 or newer',
  resourceTypes: [SITE],
  mirrors: {
    policyName: 'App Service apps should use the latest TLS version',
    definitionId: 'f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b',
    initiative: 'HIPAA HITRUST',
    hitrustControls: TRANSMISSION_GROUPS,
  },
  remediation:
    'Set siteConfig.minTlsVersion to 1.2 (Terraform site_config { minimum_tls_version = "1.2" }).',
  evaluate: (resource, context) => {
    const { value, property, evidenceResourceId } = siteConfigValue(
      resource,
      context,
      'minTlsVersion',
    );
    const mirrors: PolicyMirror | undefined = isFunctionApp(resource)
      ? {
          policyName: 'Function apps should use the latest TLS version',
          definitionId: 'f9d614c5-c173-4d56-95a7-b4437057d193',
          initiative: 'HIPAA HITRUST',
          hitrustControls: TRANSMISSION_GROUPS,
        }
      : undefined;
    const base: Omit<RuleOutcome, 'status' | 'actual' | 'message'> = {
      property,
      expected: '1.2 or newer',
      ...(evidenceResourceId ? { evidenceResourceId } : {}),
      ...(mirrors ? { mirrors } : {}),
    };
    const version = tlsVersion(value);
    if (version === undefined) {
      return {
        ...base,
        status: 'unknown',
        actual: display(value),
        message:
          value === undefined
            ? 'Resource Manager did not report minTlsVersion (the site GET often leaves siteConfig empty; read config/web).'
            : `Unrecognised minTlsVersion ${display(value)}.`,
      };
    }
    return {
      ...base,
      status: version >= 1.2 ? 'pass' : 'fail',
      actual: display(value),
      message:
        version >= 1.2
          ? 'Clients must negotiate TLS 1.2 or newer.'
          : 'Clients may connect with TLS older than 1.2.',
    };
  },
};

export const appServiceFtpsRule: ResourceRule = {
  id: 'appservice.ftps',
  title: 'App Service apps do not accept plain FTP',
  resourceTypes: [SITE],
  // "App Service apps should require FTPS only" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Set siteConfig.ftpsState to Disabled, or FtpsOnly if deployments need FTP (Terraform site_config { ftps_state = "Disabled" }).',
  evaluate: (resource, context) => {
    const { value, property, evidenceResourceId } = siteConfigValue(
      resource,
      context,
      'ftpsState',
    );
    const base = {
      property,
      expected: 'Disabled or FtpsOnly',
      ...(evidenceResourceId ? { evidenceResourceId } : {}),
    };
    if (typeof value !== 'string') {
      return {
        ...base,
        status: 'unknown',
        actual: display(value),
        message: 'Resource Manager did not report ftpsState.',
      };
    }
    const state = value.toLowerCase();
    if (state === 'disabled' || state === 'ftpsonly') {
      return {
        ...base,
        status: 'pass',
        actual: value,
        message:
          'Credentials and files never cross the network in clear text over FTP.',
      };
    }
    if (state === 'allallowed') {
      return {
        ...base,
        status: 'fail',
        actual: value,
        message:
          'Plain FTP is allowed: deployment credentials and files travel unencrypted.',
      };
    }
    return {
      ...base,
      status: 'unknown',
      actual: value,
      message: `Unrecognised ftpsState ${value}.`,
    };
  },
};

export const appServiceManagedIdentityRule: ResourceRule = {
  id: 'appservice.managed-identity',
  title: 'App Service apps use a managed identity',
  resourceTypes: [SITE],
  // "App Service apps should use managed identity" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Assign a system- or user-assigned managed identity and use it instead of connection-string secrets (Terraform identity { type = "SystemAssigned" }).',
  evaluate: resource => {
    const value = read(resource, 'identity.type');
    const base = {
      property: 'identity.type',
      expected: 'SystemAssigned and/or UserAssigned',
    };
    if (typeof value !== 'string') {
      return {
        ...base,
        status: 'unknown',
        actual: display(value),
        message:
          'Resource Manager did not report an identity; Azure omits it when none is assigned.',
      };
    }
    const type = value.toLowerCase();
    const assigned =
      type.includes('systemassigned') || type.includes('userassigned');
    if (!assigned && type !== 'none') {
      return {
        ...base,
        status: 'unknown',
        actual: value,
        message: `Unrecognised identity type ${value}.`,
      };
    }
    return {
      ...base,
      status: assigned ? 'pass' : 'fail',
      actual: value,
      message: assigned
        ? 'The app authenticates to other Azure services with a Microsoft Entra identity.'
        : 'The app has no managed identity, so it must hold secrets to reach data stores.',
    };
  },
};

export const appServiceRules: readonly ResourceRule[] = [
  appServiceHttpsOnlyRule,
  appServiceMinimumTlsRule,
  appServiceFtpsRule,
  appServiceManagedIdentityRule,
];

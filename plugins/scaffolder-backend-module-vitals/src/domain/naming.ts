import { createHash } from 'node:crypto';

/**
 * Names of the Azure resources of one service. Derived, never asked for, so
 * every service follows the same convention and the environments can find
 * each other's resources by name (no cross-state outputs). Globally unique
 * names (Key Vault, storage, Traffic Manager DNS) carry a short hash of the
 * service name because the service name alone is likely taken somewhere in
 * Azure.
 */
export interface AzureResourceNames {
  resourceGroups: { primary: string; secondary: string; global: string };
  logAnalyticsWorkspace: string;
  /** One Application Insights component per region (`appi-<service>-<region>`). */
  applicationInsights: { primary: string; secondary: string };
  virtualNetworks: { primary: string; secondary: string };
  addressSpaces: {
    primary: RegionalAddressPlan;
    secondary: RegionalAddressPlan;
  };
  keyVault: string;
  storageAccount: string;
  sqlServers: { primary: string; secondary: string };
  sqlFailoverGroup: string;
  sqlDatabase: string;
  workloadIdentities: { primary: string; secondary: string };
  webApps: { primary: string; secondary: string };
  aksClusters: { primary: string; secondary: string };
  frontDoor: string;
  trafficManager: string;
  trafficManagerDnsLabel: string;
}

/** Address ranges of one regional network. */
export interface RegionalAddressPlan {
  addressSpace: string;
  /** App Service VNet integration subnet, or AKS node subnet. */
  workloadSubnet: string;
  privateEndpointSubnet: string;
}

/** Four hex characters of SHA-256: stable, and enough to keep global names apart. */
export function nameHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 4);
}

function trimHyphens(value: string): string {
  return value.replace(/-+$/, '').replace(/^-+/, '');
}

/**
 * Address plans that differ per service and per region, so two services
 * (or the two regions of one) can be peered without renumbering: the
 * second octet comes from the service name, primary even, secondary odd,
 * within 10.16.0.0–10.239.255.255. Replace them with ranges from the
 * organisation's IP address management before the first apply.
 */
export function addressPlans(service: string): {
  primary: RegionalAddressPlan;
  secondary: RegionalAddressPlan;
} {
  const slot = parseInt(nameHash(`${service}/network`), 16) % 112;
  const plan = (octet: number): RegionalAddressPlan => ({
    addressSpace: `10.${octet}.0.0/16`,
    workloadSubnet: `10.${octet}.0.0/22`,
    privateEndpointSubnet: `10.${octet}.8.0/24`,
  });
  return { primary: plan(16 + slot * 2), secondary: plan(17 + slot * 2) };
}

export function azureResourceNames(
  service: string,
  primaryRegion: string,
  secondaryRegion: string,
): AzureResourceNames {
  const hash = nameHash(service);
  const alphanumeric = service.replace(/[^a-z0-9]/g, '');
  // Key Vault: 3-24 characters, no consecutive hyphens.
  const keyVault = `kv-${trimHyphens(service.slice(0, 14)).replace(
    /--+/g,
    '-',
  )}-${hash}`;
  // Storage: 3-24 lowercase letters and digits.
  const storageAccount = `st${alphanumeric.slice(0, 18)}${hash}`;
  const regional = (prefix: string) => ({
    primary: `${prefix}-${service}-${primaryRegion}`,
    secondary: `${prefix}-${service}-${secondaryRegion}`,
  });
  return {
    resourceGroups: { ...regional('rg'), global: `rg-${service}-global` },
    logAnalyticsWorkspace: `log-${service}`,
    applicationInsights: regional('appi'),
    virtualNetworks: regional('vnet'),
    addressSpaces: addressPlans(service),
    keyVault,
    storageAccount,
    sqlServers: regional('sql'),
    sqlFailoverGroup: `sql-${service}-${hash}`,
    sqlDatabase: service,
    workloadIdentities: regional('id'),
    webApps: regional('app'),
    aksClusters: regional('aks'),
    frontDoor: `afd-${service}`,
    trafficManager: `tm-${service}`,
    trafficManagerDnsLabel: `${service}-${hash}`,
  };
}

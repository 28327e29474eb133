import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';

/**
 * A small estate in Resource Manager's JSON shapes, built so each compliance
 * status appears once:
 * - secure-api (phi): every control passes with the DR summary → compliant;
 * - leaky-store (phi): a storage account open to anonymous reads over TLS 1.0 → non-compliant;
 * - ftp-app (phi): a web app that allows plain FTP → non-compliant, exempt once exempted;
 * - no-props (phi): a storage account Resource Manager could not read → unknown;
 * - public-site (public): failing storage, HIPAA not enforced → not-applicable;
 * - unclassified: no classification and no resources → unknown, with an empty state;
 * plus a storage account nobody claims.
 */

export const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
const RG = (name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/${name}`;
export const WORKSPACE_ID = `${RG(
  'rg-shared',
)}/providers/Microsoft.OperationalInsights/workspaces/law-central`;

type Body = Record<string, any>;

const tag = (name: string) => ({
  'vitals-entity': `component:default/${name}`,
});

function diagnostics(parentId: string): Body {
  return {
    id: `${parentId}/providers/microsoft.insights/diagnosticSettings/to-law`,
    name: 'to-law',
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      workspaceId: WORKSPACE_ID,
      logAnalyticsDestinationType: null,
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    },
  };
}

function table(name: string, totalRetentionInDays: number): Body {
  return {
    id: `${WORKSPACE_ID}/tables/${name}`,
    name,
    type: 'Microsoft.OperationalInsights/workspaces/tables',
    properties: {
      retentionInDays: 90,
      totalRetentionInDays,
      plan: 'Analytics',
    },
  };
}

export function storageAccount(
  entity: string,
  name: string,
  overrides: Body = {},
): Body {
  return {
    id: `${RG(
      `rg-${entity}`,
    )}/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'eastus2',
    kind: 'StorageV2',
    sku: { name: 'Standard_GZRS', tier: 'Standard' },
    tags: tag(entity),
    properties: {
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      publicNetworkAccess: 'Enabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' },
      ...overrides,
    },
  };
}

function keyVault(entity: string, name: string): Body {
  return {
    id: `${RG(`rg-${entity}`)}/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    type: 'Microsoft.KeyVault/vaults',
    location: 'eastus2',
    tags: tag(entity),
    properties: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      publicNetworkAccess: 'Disabled',
    },
  };
}

export function webApp(
  entity: string,
  name: string,
  siteConfig: Body = {},
): Body {
  return {
    id: `${RG(`rg-${entity}`)}/providers/Microsoft.Web/sites/${name}`,
    name,
    type: 'Microsoft.Web/sites',
    location: 'eastus2',
    kind: 'app,linux',
    tags: tag(entity),
    identity: {
      type: 'SystemAssigned',
      principalId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    },
    properties: {
      httpsOnly: true,
      siteConfig: {
        minTlsVersion: '1.2',
        ftpsState: 'Disabled',
        ...siteConfig,
      },
    },
  };
}

export const secureStorage = storageAccount('secure-api', 'stsecureapi');
export const secureVault = keyVault('secure-api', 'kv-secure-api');
export const secureSite = webApp('secure-api', 'app-secure-api');
export const leakyStorage = storageAccount('leaky-store', 'stleaky', {
  allowBlobPublicAccess: true,
  minimumTlsVersion: 'TLS1_0',
});
export const ftpSite = webApp('ftp-app', 'app-ftp', {
  ftpsState: 'AllAllowed',
});
export const unreadableStorage: Body = {
  ...storageAccount('no-props', 'stnoprops'),
  properties: {},
  propertiesError: 'AuthorizationFailed: the client cannot read the account',
};
export const publicStorage = storageAccount('public-site', 'stpublic', {
  allowBlobPublicAccess: true,
});
export const orphanStorage: Body = {
  ...storageAccount('nobody', 'storphan'),
  tags: { environment: 'sandbox' },
};

/** The estate as a Resource Graph export would list it (a bare array of rows). */
export function testEstate(): Body[] {
  const workspace: Body = {
    id: WORKSPACE_ID,
    name: 'law-central',
    type: 'Microsoft.OperationalInsights/workspaces',
    location: 'eastus2',
    tags: {},
    properties: { retentionInDays: 730, sku: { name: 'PerGB2018' } },
  };
  const monitored = [
    secureStorage,
    secureVault,
    secureSite,
    leakyStorage,
    ftpSite,
    unreadableStorage,
    publicStorage,
  ];
  return [
    workspace,
    table('AzureDiagnostics', 2557),
    table('StorageBlobLogs', 2557),
    table('AppServiceHTTPLogs', 2557),
    ...monitored,
    ...monitored.map(r => diagnostics(r.id)),
    orphanStorage,
  ];
}

/** Writes the estate to a snapshot file in a fresh temporary directory. */
export function writeSnapshot(resources: Body[] = testEstate()): {
  dir: string;
  file: string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-estate-'));
  const file = path.join(dir, 'estate.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      totalRecords: resources.length,
      count: resources.length,
      data: resources,
      exportedAt: new Date(Date.now() - 3600_000).toISOString(),
    }),
  );
  return { dir, file };
}

export function component(
  name: string,
  annotations: Record<string, string>,
  owner: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      system: owner === 'team-a' ? 'portal' : 'records',
    },
  };
}

const phi = {
  'vitals.dev/data-classification': 'phi',
  'vitals.dev/dr-tier': 'high',
  'vitals.dev/primary-region': 'eastus2',
};

export const testEntities: Entity[] = [
  component('secure-api', phi, 'team-a'),
  component('leaky-store', phi, 'team-b'),
  component('ftp-app', phi, 'team-a'),
  component('no-props', phi, 'team-b'),
  component(
    'public-site',
    { ...phi, 'vitals.dev/data-classification': 'public' },
    'team-a',
  ),
  component('unclassified', { 'vitals.dev/dr-tier': 'standard' }, 'team-b'),
  ...['team-a', 'team-b', 'compliance-officers'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
    }),
  ),
  // The people who request and approve exemptions.
  ...['amara.okafor', 'grace.whitfield', 'priya.raman'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: { memberOf: [] },
    }),
  ),
];

/** A DR-readiness overview as the DR plugin serves it: every PHI service ready, drilled last month. */
export function drOverview(now = Date.now()) {
  const drill = {
    performedAt: new Date(now - 30 * 86_400_000).toISOString(),
    outcome: 'success',
  };
  return {
    regions: ['centralus', 'eastus2'],
    evaluatedAt: new Date(now - 60_000).toISOString(),
    items: ['secure-api', 'leaky-store', 'ftp-app', 'no-props'].map(name => ({
      entityRef: `component:default/${name}`,
      owner: 'group:default/team-a',
      system: 'system:default/portal',
      tier: 'high',
      status: 'ready',
      score: 100,
      primaryRegion: 'eastus2',
      secondaryRegion: 'centralus',
      pairing: 'paired',
      cells: {
        eastus2: { role: 'primary', status: 'ready' },
        centralus: { role: 'secondary', status: 'ready' },
      },
      lastDrill: drill,
    })),
  };
}

import {
  aksCluster,
  diagnosticSettingToWorkspace,
  keyVault,
  logAnalyticsWorkspace,
  sqlDatabase,
  sqlDatabaseTde,
  sqlServer,
  sqlServerAuditingDisabled,
} from './__fixtures__/azure';
import { fromArm } from './__fixtures__/arm';
import { indexResources, normaliseResourceId } from './resourceIndex';

const blobSetting = diagnosticSettingToWorkspace(
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sto1/blobServices/default',
);
const storage = fromArm({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sto1',
  name: 'sto1',
  type: 'Microsoft.Storage/storageAccounts',
  location: 'eastus2',
  properties: { supportsHttpsTrafficOnly: true },
});
const resourceGroup = fromArm({
  id: '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/sqlcrudtest-7398',
  name: 'sqlcrudtest-7398',
  type: 'Microsoft.Resources/resourceGroups',
  location: 'japaneast',
  properties: { provisioningState: 'Succeeded' },
});

const index = indexResources([
  resourceGroup,
  sqlServer,
  sqlServerAuditingDisabled,
  sqlDatabase,
  sqlDatabaseTde,
  keyVault,
  logAnalyticsWorkspace,
  aksCluster,
  storage,
  blobSetting,
]);

describe('indexResources', () => {
  it.each([
    [sqlServer.id.toUpperCase(), sqlServer.id],
    [
      `${logAnalyticsWorkspace.id
        .replace('resourcegroups', 'resourceGroups')
        .replace(
          'microsoft.operationalinsights',
          'Microsoft.OperationalInsights',
        )}/`,
      logAnalyticsWorkspace.id,
    ],
    [
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/RG1/providers/Microsoft.ContainerService/managedClusters/clustername1',
      aksCluster.id,
    ],
  ])('finds %s case-insensitively', (query, id) => {
    expect(index.get(query)?.id).toBe(id);
  });

  it.each<[string, string | undefined, string[]]>([
    [
      sqlServer.id,
      undefined,
      [sqlServerAuditingDisabled.id, sqlDatabase.id, sqlDatabaseTde.id],
    ],
    [sqlServer.id, 'microsoft.sql/servers/databases', [sqlDatabase.id]],
    [
      sqlServer.id,
      'Microsoft.Sql/servers/databases/transparentDataEncryption',
      [sqlDatabaseTde.id],
    ],
    [sqlDatabase.id.toLowerCase(), undefined, [sqlDatabaseTde.id]],
    [storage.id, 'microsoft.insights/diagnosticsettings', [blobSetting.id]],
    [keyVault.id, undefined, []],
  ])('descendants of %s (%s)', (id, type, expected) => {
    expect(index.descendants(id, type).map(r => r.id)).toEqual(expected);
  });

  it('does not treat a resource group as the parent of its resources', () => {
    expect(index.descendants(resourceGroup.id)).toEqual([]);
    expect(index.parentOf(sqlServer.id)).toBeUndefined();
  });

  it.each([
    [sqlDatabaseTde.id, sqlDatabase.id],
    [sqlDatabase.id, sqlServer.id],
    [blobSetting.id, storage.id],
  ])('the nearest ancestor of %s', (id, parent) => {
    expect(index.parentOf(id)?.id).toBe(parent);
  });

  it('normalises ids for comparison', () => {
    expect(normaliseResourceId('/Subscriptions/A//resourceGroups/B/')).toBe(
      '/subscriptions/a/resourcegroups/b',
    );
    expect(index.size).toBe(10);
  });
});

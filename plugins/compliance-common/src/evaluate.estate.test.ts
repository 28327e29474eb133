import type { AzureResource } from '@vitals/azure-inventory-common';
import { rehome, withProperties } from './__fixtures__/arm';
import {
  diagnosticSettingToWorkspace,
  keyVault,
  logAnalyticsWorkspace,
  sqlDatabase,
  sqlDatabaseLongTermRetention,
  sqlDatabaseTde,
  sqlServer,
  sqlServerAuditingDisabled,
  storageAccountCreated,
  workspaceTable,
} from './__fixtures__/azure';
import { knownGroups, service } from './__fixtures__/entities';
import { evaluateEstate } from './evaluate';
import { hipaaFramework } from './frameworks/hipaa';

const SERVICES = 500;
const RESOURCES_PER_SERVICE = 10;

/** 500 services with 10 resources each (three tagged parents, their children and settings): 5,000 resources. */
function syntheticEstate(): AzureResource[] {
  const resources: AzureResource[] = [
    logAnalyticsWorkspace,
    workspaceTable('AzureDiagnostics', 90, 2557),
  ];
  for (let i = 0; i < SERVICES; i++) {
    const rg = `/subscriptions/sub-${
      i % 50
    }/resourceGroups/rg-svc-${i}/providers`;
    const tags = { 'vitals-entity': `component:default/svc-${i}` };
    const server = rehome(
      { ...sqlServer, name: `sql-${i}`, tags },
      `${rg}/Microsoft.Sql/servers/sql-${i}`,
    );
    const database = rehome(
      { ...sqlDatabase, name: 'db' },
      `${server.id}/databases/db`,
    );
    const vault = rehome(
      withProperties(
        { ...keyVault, name: `kv-${i}`, tags },
        { enablePurgeProtection: i % 2 === 0 },
      ),
      `${rg}/Microsoft.KeyVault/vaults/kv-${i}`,
    );
    const storage = rehome(
      { ...storageAccountCreated, name: `st${i}`, tags },
      `${rg}/Microsoft.Storage/storageAccounts/st${i}`,
    );
    resources.push(
      server,
      rehome(
        sqlServerAuditingDisabled,
        `${server.id}/auditingSettings/default`,
      ),
      database,
      rehome(
        sqlDatabaseTde,
        `${database.id}/transparentDataEncryption/current`,
      ),
      rehome(
        sqlDatabaseLongTermRetention,
        `${database.id}/backupLongTermRetentionPolicies/default`,
      ),
      diagnosticSettingToWorkspace(database.id),
      vault,
      diagnosticSettingToWorkspace(vault.id),
      storage,
    );
  }
  while (resources.length < SERVICES * RESOURCES_PER_SERVICE) {
    const n = resources.length;
    resources.push(
      rehome(
        { ...storageAccountCreated, name: `orphan${n}`, tags: {} },
        `/subscriptions/sub-x/resourceGroups/rg-orphans/providers/Microsoft.Storage/storageAccounts/orphan${n}`,
      ),
    );
  }
  return resources;
}

describe('evaluating an estate at scale', () => {
  it('evaluates every service of an estate in one pass, and finds the resources no service claims', () => {
    const resources = syntheticEstate();
    expect(resources).toHaveLength(SERVICES * RESOURCES_PER_SERVICE);
    const entities = Array.from({ length: SERVICES }, (_, i) =>
      service(`svc-${i}`),
    );
    const { results, unownedResources } = evaluateEstate({
      framework: hipaaFramework,
      entities,
      resources,
      knownGroups,
      now: '2026-11-23T12:00:00Z',
      ruleVersion: '1.0.0',
    });
    expect(results).toHaveLength(SERVICES);
    // Each service: its server, database and TDE/LTR/auditing children, vault and storage account.
    expect(
      results[0].controls.find(c => c.id === '164.312(a)(1)')!.findings,
    ).toHaveLength(4);
    expect(results.filter(r => r.status === 'non-compliant')).toHaveLength(
      SERVICES,
    );
    // The shared workspace and the untagged storage accounts.
    expect(unownedResources).toHaveLength(
      SERVICES * RESOURCES_PER_SERVICE - 2 - 9 * SERVICES + 1,
    );
  });
});

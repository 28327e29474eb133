import { checkKeyVaultInSurvivingRegion } from './keyVault';
import { checkStorageReplication } from './storage';
import { input, run, storage } from '../__fixtures__/checkInput';
import { claimsApiPolicy, claimsApiResources } from '../__fixtures__/services';
import { withoutProperties } from '../__fixtures__/arm';
import {
  keyVault,
  managedHsm,
  objectReplicationPolicy,
} from '../__fixtures__/families';

// claims-api: East US 2 with the custom secondary West US 2; GRS replicates
// to Central US, the Azure pair, and cannot pass.
const source = claimsApiResources.find(r => r.name === 'stclaimseus2')!;
const westCopy = storage('stclaimswus2', 'Standard_ZRS', {}, 'westus2');
const centralCopy = storage('stclaimscus', 'Standard_ZRS', {}, 'centralus');

describe('a custom secondary', () => {
  it.each([
    {
      name: 'object replication to an account in the secondary',
      extra: [westCopy, objectReplicationPolicy(source, westCopy)],
      status: 'pass',
    },
    {
      name: 'object replication to an account elsewhere',
      extra: [centralCopy, objectReplicationPolicy(source, centralCopy)],
      status: 'fail',
    },
    {
      name: 'an object-replication policy without rules',
      extra: [westCopy, objectReplicationPolicy(source, westCopy, [])],
      status: 'fail',
    },
    {
      name: 'the destination copy of a policy (listed under the destination)',
      extra: [
        westCopy,
        {
          ...objectReplicationPolicy(source, westCopy),
          id: `${westCopy.id}/objectReplicationPolicies/2a20bb73-5717-4635-985a-5d4cf777438f`,
        },
      ],
      status: 'fail',
    },
  ])('storage: $name: $status', ({ extra, status }) => {
    const result = run(
      checkStorageReplication,
      input([...claimsApiResources, ...extra], claimsApiPolicy),
    );
    expect(result.status).toBe(status);
    expect(result.evidence[source.id]).toBeDefined();
  });

  it('shows the object-replication copy as evidence', () => {
    const result = run(
      checkStorageReplication,
      input(
        [
          ...claimsApiResources,
          westCopy,
          objectReplicationPolicy(source, westCopy),
        ],
        claimsApiPolicy,
      ),
    );
    expect(result.evidence[source.id]).toMatchObject({
      objectReplication: [
        { destinationAccount: westCopy.id, containers: ['claim-documents'] },
      ],
    });
  });

  it('names the Terraform resource for a local account', () => {
    const result = run(
      checkStorageReplication,
      input([storage('st1', 'Standard_LRS', {})], {
        secondaryRegion: 'westus2',
      }),
    );
    expect(result.remediation).toContain('azurerm_storage_object_replication');
  });

  it.each([
    {
      name: 'a key vault in the secondary',
      resources: [
        keyVault('kv-claims-eus2', 'eastus2'),
        keyVault('kv-claims-wus2', 'westus2'),
      ],
      secondaryRegion: 'westus2',
      status: 'pass',
    },
    {
      name: 'a key vault in the primary only',
      resources: [keyVault('kv-claims-eus2', 'eastus2')],
      secondaryRegion: 'westus2',
      status: 'fail',
    },
  ])('key vaults: $name: $status', ({ resources, secondaryRegion, status }) => {
    const result = run(
      checkKeyVaultInSurvivingRegion,
      input(resources, { secondaryRegion }),
    );
    expect(result.status).toBe(status);
    expect(result.impact).toBe(status === 'fail' ? 'goes-down' : undefined);
    expect(result.remediation.includes('azurerm_key_vault')).toBe(
      status === 'fail',
    );
  });

  it('leaves key vaults to Azure when the secondary is the pair', () => {
    expect(
      checkKeyVaultInSurvivingRegion(
        input([keyVault('kv-records-eus2', 'eastus2')], {
          secondaryRegion: 'centralus',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('managed HSMs in key-vault-in-surviving-region', () => {
  const pool = (regions?: Record<string, unknown>[]) =>
    managedHsm('hsm-records-eus2', 'eastus2', regions);
  it.each([
    {
      name: 'an extended region in the secondary',
      resources: [
        pool([
          { name: 'eastus2', isPrimary: true, provisioningState: 'Succeeded' },
          { name: 'westus2', isPrimary: false, provisioningState: 'Succeeded' },
        ]),
      ],
      status: 'pass',
    },
    {
      name: 'a single-region pool',
      resources: [
        pool([
          { name: 'eastus2', isPrimary: true, provisioningState: 'Succeeded' },
        ]),
      ],
      status: 'fail',
    },
    {
      name: 'a pool read without properties',
      resources: withoutProperties([pool()]),
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status }) => {
    const result = run(
      checkKeyVaultInSurvivingRegion,
      input(resources, { secondaryRegion: 'westus2' }),
    );
    expect(result.status).toBe(status);
    expect(result.remediation.includes('az keyvault region add')).toBe(
      status === 'fail',
    );
  });

  it('judges a pool even when the secondary is the pair', () => {
    const result = run(
      checkKeyVaultInSurvivingRegion,
      input([pool(), keyVault('kv-records-eus2', 'eastus2')]),
    );
    expect(result.status).toBe('fail');
    expect(result.resources).toEqual([pool().id]);
  });
});

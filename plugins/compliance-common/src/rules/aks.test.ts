import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { aksCluster } from '../__fixtures__/azure';
import {
  aksEntraIntegrationRule,
  aksPrivateClusterRule,
  aksRbacRule,
} from './aks';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
  {
    name: 'ManagedClustersGet: RBAC off',
    rule: aksRbacRule,
    resource: aksCluster,
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'RBAC on',
    rule: aksRbacRule,
    resource: withProperties(aksCluster, { enableRBAC: true }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'odd casing',
    rule: aksRbacRule,
    resource: withProperties(withoutProperties(aksCluster, 'enableRBAC'), {
      EnableRbac: true,
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'not reported',
    rule: aksRbacRule,
    resource: withoutProperties(aksCluster, 'enableRBAC'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'ManagedClustersGet: no aadProfile',
    rule: aksEntraIntegrationRule,
    resource: aksCluster,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'AKS-managed Entra',
    rule: aksEntraIntegrationRule,
    resource: withProperties(aksCluster, {
      aadProfile: {
        managed: true,
        enableAzureRBAC: true,
        adminGroupObjectIDs: ['f7f2c3a0-1b2c-4d5e-8f90-123456789abc'],
        tenantID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      },
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'legacy Entra server application',
    rule: aksEntraIntegrationRule,
    resource: withProperties(aksCluster, {
      aadProfile: {
        clientAppID: 'clientappid',
        serverAppID: 'serverappid',
        tenantID: 'tenantid',
      },
    }),
    status: 'pass',
    actual: 'serverappid',
  },
  {
    name: 'profile present but unconfigured',
    rule: aksEntraIntegrationRule,
    resource: withProperties(aksCluster, { aadProfile: { managed: false } }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'odd casing',
    rule: aksEntraIntegrationRule,
    resource: withProperties(aksCluster, { AADProfile: { Managed: 'true' } }),
    status: 'pass',
    actual: 'true',
  },

  {
    name: 'ManagedClustersGet: not reported',
    rule: aksPrivateClusterRule,
    resource: aksCluster,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'private',
    rule: aksPrivateClusterRule,
    resource: withProperties(aksCluster, {
      apiServerAccessProfile: {
        enablePrivateCluster: true,
        privateDNSZone: 'system',
      },
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'public with authorised ranges',
    rule: aksPrivateClusterRule,
    resource: withProperties(aksCluster, {
      apiServerAccessProfile: {
        enablePrivateCluster: false,
        authorizedIPRanges: ['73.140.245.0/24'],
      },
    }),
    status: 'fail',
    actual: 'false',
  },
];

describe('AKS rules', () => {
  itJudgesEachCase(cases);

  it('evaluates the example despite its mixed-case type', () => {
    expect(aksCluster.type).toBe('microsoft.containerservice/managedclusters');
    expect(aksRbacRule.resourceTypes).toContain(aksCluster.type);
    expect(aksRbacRule.mirrors?.definitionId).toBe(
      'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
    );
  });
});

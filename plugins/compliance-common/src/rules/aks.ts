import type { ResourceRule } from './types';
import { asBoolean, asString, display, judgeProperty, read } from './values';

const CLUSTER = 'microsoft.containerservice/managedclusters';

export const aksRbacRule: ResourceRule = {
  id: 'aks.rbac',
  title: 'AKS clusters use Kubernetes RBAC',
  resourceTypes: [CLUSTER],
  mirrors: {
    policyName:
      'Role-Based Access Control (RBAC) should be used on Kubernetes Services',
    definitionId: 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-1149.01c2System.9-01.c',
      'hipaa-1153.01c3System.35-01.c',
      'hipaa-1229.09c1Organizational.1-09.c',
    ],
  },
  remediation:
    'Kubernetes RBAC can only be set at creation: recreate the cluster with enableRBAC true (Terraform role_based_access_control_enabled = true).',
  evaluate: resource =>
    judgeProperty(resource, 'properties.enableRBAC', 'true', asBoolean, {
      pass: 'Access to the Kubernetes API is governed by roles.',
      fail: 'Every authenticated user of the Kubernetes API has full access.',
    }),
};

export const aksEntraIntegrationRule: ResourceRule = {
  id: 'aks.entra-integration',
  title: 'AKS clusters authenticate users with Microsoft Entra ID',
  resourceTypes: [CLUSTER],
  // No built-in in either initiative checks aadProfile.
  mirrors: undefined,
  remediation:
    'Enable AKS-managed Microsoft Entra integration (az aks update --enable-aad --aad-admin-group-object-ids <group>; Terraform azure_active_directory_role_based_access_control { azure_rbac_enabled = true }).',
  evaluate: resource => {
    const expected =
      'aadProfile.managed true (or a legacy Entra server application)';
    const profile = read(resource, 'properties.aadProfile');
    if (profile === undefined || typeof profile !== 'object') {
      return {
        status: 'unknown',
        property: 'properties.aadProfile',
        expected,
        actual: display(profile),
        message:
          'Resource Manager did not report aadProfile; Azure omits it on clusters without Entra integration.',
      };
    }
    const managed = asBoolean(read(resource, 'properties.aadProfile.managed'));
    const legacyServerApp = asString(
      read(resource, 'properties.aadProfile.serverAppID'),
    );
    const integrated = managed === true || legacyServerApp !== undefined;
    const legacyOnly = managed !== true && legacyServerApp !== undefined;
    return {
      status: integrated ? 'pass' : 'fail',
      property: legacyOnly
        ? 'properties.aadProfile.serverAppID'
        : 'properties.aadProfile.managed',
      expected,
      actual: legacyOnly
        ? legacyServerApp
        : display(read(resource, 'properties.aadProfile.managed') ?? false),
      message: integrated
        ? 'Cluster users sign in with Microsoft Entra identities.'
        : 'The Entra profile is present but not configured; users authenticate with cluster certificates.',
    };
  },
};

export const aksPrivateClusterRule: ResourceRule = {
  id: 'aks.private-cluster',
  title: 'AKS API servers are private',
  resourceTypes: [CLUSTER],
  // "Azure Kubernetes Service Private Clusters should be enabled" is in
  // neither initiative.
  mirrors: undefined,
  remediation:
    'Create the cluster with a private API server (apiServerAccessProfile.enablePrivateCluster true; Terraform private_cluster_enabled = true).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.apiServerAccessProfile.enablePrivateCluster',
      'true',
      asBoolean,
      {
        pass: 'The Kubernetes API is reachable only from the virtual network.',
        fail: 'The Kubernetes API server has a public endpoint.',
        unknown: 'Azure omits apiServerAccessProfile on public clusters',
      },
    ),
};

export const aksRules: readonly ResourceRule[] = [
  aksRbacRule,
  aksEntraIntegrationRule,
  aksPrivateClusterRule,
];

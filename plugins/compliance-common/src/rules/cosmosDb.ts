import type { ResourceRule } from './types';
import { asBoolean, judgeProperty, sameText } from './values';

const ACCOUNT = 'microsoft.documentdb/databaseaccounts';

export const cosmosDbLocalAuthDisabledRule: ResourceRule = {
  id: 'cosmosdb.local-auth-disabled',
  title: 'Cosmos DB accounts refuse account-key authentication',
  resourceTypes: [ACCOUNT],
  // "Cosmos DB database accounts should have local authentication methods
  // disabled" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Grant data-plane roles to Entra identities, then set disableLocalAuth to true (Terraform local_authentication_disabled = true).',
  evaluate: resource =>
    judgeProperty(resource, 'properties.disableLocalAuth', 'true', asBoolean, {
      pass: 'Only Microsoft Entra identities can read or write data.',
      fail: 'Account keys (shared secrets) grant full data access.',
    }),
};

export const cosmosDbPrivateAccessRule: ResourceRule = {
  id: 'cosmosdb.private-access',
  title: 'Cosmos DB accounts disable public network access',
  resourceTypes: [ACCOUNT],
  // "Azure Cosmos DB should disable public network access" is in neither
  // initiative; the initiative's service-endpoint built-in tests subnets.
  mirrors: undefined,
  remediation:
    'Use private endpoints and set publicNetworkAccess to Disabled (Terraform public_network_access_enabled = false).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.publicNetworkAccess',
      'Disabled',
      value =>
        typeof value === 'string' ? sameText(value, 'Disabled') : undefined,
      {
        pass: 'The account is reachable through private endpoints only.',
        fail: 'The account accepts requests over its public endpoint.',
      },
    ),
};

export const cosmosDbRules: readonly ResourceRule[] = [
  cosmosDbLocalAuthDisabledRule,
  cosmosDbPrivateAccessRule,
];

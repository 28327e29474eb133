import type { AzureResource } from '@vitals/azure-inventory-common';
import { withProperties } from '../__fixtures__/arm';
import { cosmosDbAccount } from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  cosmosDbLocalAuthDisabledRule,
  cosmosDbPrivateAccessRule,
} from './cosmosDb';
import type { ResourceRule } from './types';

const cases: Array<{
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}> = [
  {
    name: 'CosmosDBDatabaseAccountGet: not reported',
    rule: cosmosDbLocalAuthDisabledRule,
    resource: cosmosDbAccount,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'disabled',
    rule: cosmosDbLocalAuthDisabledRule,
    resource: withProperties(cosmosDbAccount, { disableLocalAuth: true }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'keys allowed',
    rule: cosmosDbLocalAuthDisabledRule,
    resource: withProperties(cosmosDbAccount, { disableLocalAuth: false }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'odd casing',
    rule: cosmosDbLocalAuthDisabledRule,
    resource: withProperties(cosmosDbAccount, { DisableLocalAuth: 'True' }),
    status: 'pass',
    actual: 'True',
  },

  {
    name: 'CosmosDBDatabaseAccountGet: not reported',
    rule: cosmosDbPrivateAccessRule,
    resource: cosmosDbAccount,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'disabled',
    rule: cosmosDbPrivateAccessRule,
    resource: withProperties(cosmosDbAccount, {
      publicNetworkAccess: 'Disabled',
    }),
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'enabled despite a private endpoint',
    rule: cosmosDbPrivateAccessRule,
    resource: withProperties(cosmosDbAccount, {
      publicNetworkAccess: 'Enabled',
    }),
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'upper case',
    rule: cosmosDbPrivateAccessRule,
    resource: withProperties(cosmosDbAccount, {
      PUBLICNETWORKACCESS: 'DISABLED',
    }),
    status: 'pass',
    actual: 'DISABLED',
  },
  {
    name: 'not a string',
    rule: cosmosDbPrivateAccessRule,
    resource: withProperties(cosmosDbAccount, { publicNetworkAccess: false }),
    status: 'unknown',
    actual: 'false',
  },
];

describe('Cosmos DB rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, status, actual }) => {
      const outcome = rule.evaluate(resource, ruleContext([resource]));
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
    },
  );
});

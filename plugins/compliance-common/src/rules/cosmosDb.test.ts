import { withProperties } from '../__fixtures__/arm';
import { cosmosDbAccount } from '../__fixtures__/azure';
import {
  cosmosDbLocalAuthDisabledRule,
  cosmosDbPrivateAccessRule,
} from './cosmosDb';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
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
  itJudgesEachCase(cases);
});

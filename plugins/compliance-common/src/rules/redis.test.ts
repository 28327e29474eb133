import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { redisCache } from '../__fixtures__/families';
import {
  redisMinimumTlsRule,
  redisNonTlsPortDisabledRule,
  redisPrivateAccessRule,
} from './redis';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const cases: RuleCase[] = [
  {
    name: 'non-TLS port closed',
    rule: redisNonTlsPortDisabledRule,
    resource: redisCache,
    status: 'pass',
    actual: 'false',
  },
  {
    name: 'non-TLS port open',
    rule: redisNonTlsPortDisabledRule,
    resource: withProperties(redisCache, { enableNonSslPort: true }),
    status: 'fail',
    actual: 'true',
  },
  {
    name: 'not reported',
    rule: redisNonTlsPortDisabledRule,
    resource: withoutProperties(redisCache, 'enableNonSslPort'),
    status: 'unknown',
    actual: null,
  },
  {
    name: '1.2',
    rule: redisMinimumTlsRule,
    resource: redisCache,
    status: 'pass',
    actual: '1.2',
  },
  {
    name: '1.0',
    rule: redisMinimumTlsRule,
    resource: withProperties(redisCache, { minimumTlsVersion: '1.0' }),
    status: 'fail',
    actual: '1.0',
  },
  {
    name: 'not reported',
    rule: redisMinimumTlsRule,
    resource: withoutProperties(redisCache, 'minimumTlsVersion'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'Disabled',
    rule: redisPrivateAccessRule,
    resource: redisCache,
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'VNet-injected',
    rule: redisPrivateAccessRule,
    resource: withProperties(redisCache, {
      publicNetworkAccess: 'Enabled',
      subnetId:
        '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/redis',
    }),
    status: 'pass',
    actual:
      '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/redis',
  },
  {
    name: 'Enabled',
    rule: redisPrivateAccessRule,
    resource: withProperties(redisCache, { publicNetworkAccess: 'Enabled' }),
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'not reported',
    rule: redisPrivateAccessRule,
    resource: withoutProperties(redisCache, 'publicNetworkAccess'),
    status: 'unknown',
    actual: null,
  },
];

describe('Azure Cache for Redis rules', () => {
  itJudgesEachCase(cases);

  it('mirrors the initiative’s Redis secure-connections built-in', () => {
    expect(redisNonTlsPortDisabledRule.mirrors).toEqual(
      expect.objectContaining({
        definitionId: '22bee202-a82f-4305-9a2a-6d7f44d4dedb',
        initiative: 'HIPAA HITRUST',
      }),
    );
  });
});

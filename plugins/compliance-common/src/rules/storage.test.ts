import type { AzureResource } from '@vitals/azure-inventory-common';
import { withoutProperties, withProperties } from '../__fixtures__/arm';
import {
  storageAccountCreated,
  storageAccountGetProperties,
  storageAccountPrivate,
} from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  storageMinimumTlsRule,
  storageNetworkRestrictedRule,
  storageNoPublicBlobAccessRule,
  storageSecureTransferRule,
} from './storage';
import type { ResourceRule } from './types';

interface Case {
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}

const empty = { ...storageAccountCreated, properties: {} };

const cases: Case[] = [
  // Secure transfer
  {
    name: 'example with HTTP allowed',
    rule: storageSecureTransferRule,
    resource: storageAccountGetProperties,
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'created account',
    rule: storageSecureTransferRule,
    resource: storageAccountCreated,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'odd key casing and a string boolean',
    rule: storageSecureTransferRule,
    resource: withProperties(
      withoutProperties(storageAccountCreated, 'supportsHttpsTrafficOnly'),
      { SupportsHTTPSTrafficOnly: 'True' },
    ),
    status: 'pass',
    actual: 'True',
  },
  {
    name: 'property missing',
    rule: storageSecureTransferRule,
    resource: withoutProperties(
      storageAccountCreated,
      'supportsHttpsTrafficOnly',
    ),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'no properties read',
    rule: storageSecureTransferRule,
    resource: empty,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'null value',
    rule: storageSecureTransferRule,
    resource: withProperties(storageAccountCreated, {
      supportsHttpsTrafficOnly: null,
    }),
    status: 'unknown',
    actual: null,
  },

  // Minimum TLS
  {
    name: 'TLS1_2',
    rule: storageMinimumTlsRule,
    resource: storageAccountCreated,
    status: 'pass',
    actual: 'TLS1_2',
  },
  {
    name: 'TLS1_3',
    rule: storageMinimumTlsRule,
    resource: withProperties(storageAccountCreated, {
      minimumTlsVersion: 'TLS1_3',
    }),
    status: 'pass',
    actual: 'TLS1_3',
  },
  {
    name: 'TLS1_0',
    rule: storageMinimumTlsRule,
    resource: withProperties(storageAccountCreated, {
      minimumTlsVersion: 'TLS1_0',
    }),
    status: 'fail',
    actual: 'TLS1_0',
  },
  {
    name: 'TLS1_1 in lower case',
    rule: storageMinimumTlsRule,
    resource: withProperties(storageAccountCreated, {
      minimumTlsVersion: 'tls1_1',
    }),
    status: 'fail',
    actual: 'tls1_1',
  },
  {
    name: 'not reported by the example',
    rule: storageMinimumTlsRule,
    resource: storageAccountGetProperties,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'unrecognised value',
    rule: storageMinimumTlsRule,
    resource: withProperties(storageAccountCreated, {
      minimumTlsVersion: 'modern',
    }),
    status: 'unknown',
    actual: 'modern',
  },

  // Anonymous blob access
  {
    name: 'disallowed',
    rule: storageNoPublicBlobAccessRule,
    resource: storageAccountCreated,
    status: 'pass',
    actual: 'false',
  },
  {
    name: 'allowed',
    rule: storageNoPublicBlobAccessRule,
    resource: withProperties(storageAccountCreated, {
      allowBlobPublicAccess: true,
    }),
    status: 'fail',
    actual: 'true',
  },
  {
    name: 'string "False" with odd key casing',
    rule: storageNoPublicBlobAccessRule,
    resource: withProperties(
      withoutProperties(storageAccountCreated, 'allowBlobPublicAccess'),
      { AllowBlobPublicAccess: 'False' },
    ),
    status: 'pass',
    actual: 'False',
  },
  {
    name: 'not reported by the example',
    rule: storageNoPublicBlobAccessRule,
    resource: storageAccountGetProperties,
    status: 'unknown',
    actual: null,
  },

  // Network
  {
    name: 'firewall allows all (example)',
    rule: storageNetworkRestrictedRule,
    resource: storageAccountGetProperties,
    status: 'fail',
    actual: 'Allow',
  },
  {
    name: 'public network access disabled',
    rule: storageNetworkRestrictedRule,
    resource: storageAccountPrivate,
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'default action deny in lower case',
    rule: storageNetworkRestrictedRule,
    resource: withProperties(storageAccountCreated, {
      networkAcls: {
        bypass: 'AzureServices',
        defaultAction: 'deny',
        ipRules: [],
        virtualNetworkRules: [],
      },
    }),
    status: 'pass',
    actual: 'deny',
  },
  {
    name: 'neither property reported',
    rule: storageNetworkRestrictedRule,
    resource: storageAccountCreated,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'unrecognised default action',
    rule: storageNetworkRestrictedRule,
    resource: withProperties(storageAccountCreated, {
      networkAcls: { defaultAction: 'Maybe' },
    }),
    status: 'unknown',
    actual: 'Maybe',
  },
];

describe('storage rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, status, actual }) => {
      const outcome = rule.evaluate(resource, ruleContext([resource]));
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
      expect(outcome.message).not.toBe('');
    },
  );

  it('notes approved private endpoints that do not close the public endpoint', () => {
    const resource = withProperties(storageAccountGetProperties, {
      privateEndpointConnections: [
        {
          id: `${storageAccountGetProperties.id}/privateEndpointConnections/pe1`,
          name: 'pe1',
          type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
          properties: {
            privateEndpoint: {
              id: '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/privateEndpoints/pe1',
            },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionRequired: 'None',
            },
            provisioningState: 'Succeeded',
          },
        },
        {
          id: `${storageAccountGetProperties.id}/privateEndpointConnections/pe2`,
          properties: {
            privateLinkServiceConnectionState: { status: 'Pending' },
          },
        },
      ],
    });
    const outcome = storageNetworkRestrictedRule.evaluate(
      resource,
      ruleContext([resource]),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe(
      'The account accepts connections from any network even though it has 1 approved private endpoint(s).',
    );
  });

  it('mirrors the initiative built-ins by definition id', () => {
    expect(storageSecureTransferRule.mirrors).toEqual(
      expect.objectContaining({
        definitionId: '404c3081-a854-4457-ae30-26a93ef643f9',
        initiative: 'HIPAA HITRUST',
      }),
    );
    expect(storageNoPublicBlobAccessRule.mirrors).toEqual(
      expect.objectContaining({
        definitionId: '4fa4b6c0-31ca-4c0d-b10d-24b96f62a751',
        initiative: 'HITRUST CSF v11.3',
      }),
    );
    expect(storageNetworkRestrictedRule.mirrors?.definitionId).toBe(
      '34c877ad-507e-4c82-993e-3452a6e0ad3c',
    );
    expect(storageMinimumTlsRule.mirrors).toBeUndefined();
  });
});

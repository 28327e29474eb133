import type { ResourceRule } from './types';
import {
  asString,
  display,
  judgeFlag,
  judgeMinimumTls,
  read,
  sameText,
} from './values';

export const REDIS = 'microsoft.cache/redis';

export const redisNonTlsPortDisabledRule: ResourceRule = {
  id: 'redis.non-tls-port-disabled',
  title: 'Azure Cache for Redis keeps the non-TLS port closed',
  resourceTypes: [REDIS],
  mirrors: {
    policyName:
      'Only secure connections to your Azure Cache for Redis should be enabled',
    definitionId: '22bee202-a82f-4305-9a2a-6d7f44d4dedb',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-0809.01n2Organizational.1234-01.n',
      'hipaa-0810.01n2Organizational.5-01.n',
      'hipaa-0811.01n2Organizational.6-01.n',
    ],
  },
  remediation:
    'Close port 6379 (Terraform azurerm_redis_cache non_ssl_port_enabled = false).',
  evaluate: resource =>
    judgeFlag(resource, 'properties.enableNonSslPort', false, {
      pass: 'Clients connect over TLS (port 6380) only.',
      fail: 'Port 6379 accepts unencrypted connections.',
    }),
};

export const redisMinimumTlsRule: ResourceRule = {
  id: 'redis.minimum-tls',
  title: 'Azure Cache for Redis requires TLS 1.2 or newer',
  resourceTypes: [REDIS],
  // No minimum-TLS built-in for Redis is in either initiative.
  mirrors: undefined,
  remediation:
    'Set minimumTlsVersion to 1.2 (Terraform azurerm_redis_cache minimum_tls_version = "1.2").',
  evaluate: resource =>
    judgeMinimumTls(resource, 'properties.minimumTlsVersion', {
      pass: 'Clients must negotiate TLS 1.2 or newer.',
      fail: 'The cache accepts TLS older than 1.2.',
    }),
};

export const redisPrivateAccessRule: ResourceRule = {
  id: 'redis.private-access',
  title: 'Azure Cache for Redis is reachable privately only',
  resourceTypes: [REDIS],
  // "Azure Cache for Redis should disable public network access" is in
  // neither initiative.
  mirrors: undefined,
  remediation:
    'Use a private endpoint and disable public network access (Terraform azurerm_redis_cache public_network_access_enabled = false).',
  evaluate: resource => {
    const expected = 'publicNetworkAccess Disabled, or injected into a subnet';
    // Premium caches injected into a VNet (subnetId) have no public
    // endpoint, whatever publicNetworkAccess says.
    const subnet = asString(read(resource, 'properties.subnetId'));
    if (subnet) {
      return {
        status: 'pass',
        property: 'properties.subnetId',
        expected,
        actual: subnet,
        message: 'The cache lives in a virtual network subnet.',
      };
    }
    const access = read(resource, 'properties.publicNetworkAccess');
    if (typeof access !== 'string') {
      return {
        status: 'unknown',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(access),
        message: 'Resource Manager did not report publicNetworkAccess.',
      };
    }
    const closed = sameText(access, 'Disabled');
    return {
      status: closed ? 'pass' : 'fail',
      property: 'properties.publicNetworkAccess',
      expected,
      actual: access,
      message: closed
        ? 'The cache is reachable through private endpoints only.'
        : 'The cache accepts connections from public networks (access keys are the only barrier).',
    };
  },
};

export const redisRules: readonly ResourceRule[] = [
  redisNonTlsPortDisabledRule,
  redisMinimumTlsRule,
  redisPrivateAccessRule,
];

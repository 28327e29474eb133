import type { AzureResource } from '@vitals/azure-inventory-common';
import type { ResourceRule } from './types';
import {
  asBoolean,
  display,
  judgeProperty,
  read,
  readPath,
  sameText,
  tlsVersion,
} from './values';

const STORAGE = 'microsoft.storage/storageaccounts';

export const storageSecureTransferRule: ResourceRule = {
  id: 'storage.secure-transfer',
  title: 'Storage accounts accept only HTTPS',
  resourceTypes: [STORAGE],
  mirrors: {
    policyName: 'Secure transfer to storage accounts should be enabled',
    definitionId: '404c3081-a854-4457-ae30-26a93ef643f9',
    initiative: 'HIPAA HITRUST',
    hitrustControls: [
      'hipaa-0809.01n2Organizational.1234-01.n',
      'hipaa-0810.01n2Organizational.5-01.n',
      'hipaa-0811.01n2Organizational.6-01.n',
    ],
  },
  remediation:
    'Set supportsHttpsTrafficOnly to true (Terraform azurerm_storage_account https_traffic_only_enabled = true; az storage account update --https-only true).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.supportsHttpsTrafficOnly',
      'true',
      asBoolean,
      {
        pass: 'The account refuses plain-HTTP requests.',
        fail: 'The account accepts plain-HTTP requests, so ePHI can travel unencrypted.',
      },
    ),
};

export const storageMinimumTlsRule: ResourceRule = {
  id: 'storage.minimum-tls',
  title: 'Storage accounts require TLS 1.2 or newer',
  resourceTypes: [STORAGE],
  // "Storage accounts should have the specified minimum TLS version" is in
  // neither the HIPAA HITRUST nor the HITRUST CSF v11.3 initiative.
  mirrors: undefined,
  remediation:
    'Set minimumTlsVersion to TLS1_2 (Terraform min_tls_version = "TLS1_2"; az storage account update --min-tls-version TLS1_2).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.minimumTlsVersion',
      'TLS1_2 or newer',
      value => {
        const v = tlsVersion(value);
        return v === undefined ? undefined : v >= 1.2;
      },
      {
        pass: 'Clients must negotiate TLS 1.2 or newer.',
        fail: 'Clients may connect with TLS older than 1.2.',
        unknown:
          'without it the service default applies, which for older accounts is TLS 1.0',
      },
    ),
};

export const storageNoPublicBlobAccessRule: ResourceRule = {
  id: 'storage.no-public-blob-access',
  title: 'Storage accounts disallow anonymous blob access',
  resourceTypes: [STORAGE],
  mirrors: {
    policyName: 'Storage account public access should be disallowed',
    definitionId: '4fa4b6c0-31ca-4c0d-b10d-24b96f62a751',
    initiative: 'HITRUST CSF v11.3',
  },
  remediation:
    'Set allowBlobPublicAccess to false (Terraform allow_nested_items_to_be_public = false; az storage account update --allow-blob-public-access false).',
  evaluate: resource =>
    judgeProperty(
      resource,
      'properties.allowBlobPublicAccess',
      'false',
      value => {
        const v = asBoolean(value);
        return v === undefined ? undefined : !v;
      },
      {
        pass: 'No container can be made anonymously readable.',
        fail: 'Containers can be opened to anonymous reads.',
        unknown:
          'Azure Policy counts an absent allowBlobPublicAccess as non-compliant',
      },
    ),
};

function approvedPrivateEndpoints(resource: AzureResource): number {
  const connections = read(resource, 'properties.privateEndpointConnections');
  if (!Array.isArray(connections)) {
    return 0;
  }
  return connections.filter(c =>
    sameText(
      readPath(c, 'properties.privateLinkServiceConnectionState.status'),
      'Approved',
    ),
  ).length;
}

export const storageNetworkRestrictedRule: ResourceRule = {
  id: 'storage.network-restricted',
  title: 'Storage accounts deny public network access by default',
  resourceTypes: [STORAGE],
  // The built-in checks networkAcls.defaultAction only; an account with public
  // network access disabled (private endpoints only) is at least as closed, so
  // it passes here too.
  mirrors: {
    policyName: 'Storage accounts should restrict network access',
    definitionId: '34c877ad-507e-4c82-993e-3452a6e0ad3c',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-0866.09m3Organizational.1516-09.m'],
  },
  remediation:
    'Set networkAcls.defaultAction to Deny and allow only the subnets or private endpoints that need access, or set publicNetworkAccess to Disabled.',
  evaluate: resource => {
    const publicAccess = read(resource, 'properties.publicNetworkAccess');
    const defaultAction = read(
      resource,
      'properties.networkAcls.defaultAction',
    );
    const endpoints = approvedPrivateEndpoints(resource);
    const expected =
      'networkAcls.defaultAction Deny, or publicNetworkAccess Disabled';
    if (sameText(publicAccess, 'Disabled')) {
      return {
        status: 'pass',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(publicAccess),
        message: `Public network access is disabled; ${endpoints} approved private endpoint(s).`,
      };
    }
    if (defaultAction === undefined) {
      return {
        status: 'unknown',
        property: 'properties.networkAcls.defaultAction',
        expected,
        actual: null,
        message: 'Resource Manager did not report networkAcls.defaultAction.',
      };
    }
    const denied = sameText(defaultAction, 'Deny');
    if (!denied && !sameText(defaultAction, 'Allow')) {
      return {
        status: 'unknown',
        property: 'properties.networkAcls.defaultAction',
        expected,
        actual: display(defaultAction),
        message: `Unrecognised networkAcls.defaultAction ${display(
          defaultAction,
        )}.`,
      };
    }
    return {
      status: denied ? 'pass' : 'fail',
      property: 'properties.networkAcls.defaultAction',
      expected,
      actual: display(defaultAction),
      message: denied
        ? 'The firewall denies networks that are not explicitly allowed.'
        : `The account accepts connections from any network${
            endpoints > 0
              ? ` even though it has ${endpoints} approved private endpoint(s)`
              : ''
          }.`,
    };
  },
};

export const storageRules: readonly ResourceRule[] = [
  storageSecureTransferRule,
  storageMinimumTlsRule,
  storageNoPublicBlobAccessRule,
  storageNetworkRestrictedRule,
];

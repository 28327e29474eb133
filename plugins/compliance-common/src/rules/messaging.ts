import type { AzureResource } from '@vitals/azure-inventory-common';
import { resourceLogsRuleFor } from './resourceLogs';
import type { PolicyMirror, ResourceRule } from './types';
import { judgeFlag, judgeMinimumTls, judgeText } from './values';

export const EVENT_HUB_NAMESPACE = 'microsoft.eventhub/namespaces';
export const SERVICE_BUS_NAMESPACE = 'microsoft.servicebus/namespaces';

interface NamespaceFamily {
  prefix: 'eventhub' | 'servicebus';
  label: string;
  type: string;
  terraform: string;
}

const EVENT_HUBS: NamespaceFamily = {
  prefix: 'eventhub',
  label: 'Event Hubs namespaces',
  type: EVENT_HUB_NAMESPACE,
  terraform: 'azurerm_eventhub_namespace',
};
const SERVICE_BUS: NamespaceFamily = {
  prefix: 'servicebus',
  label: 'Service Bus namespaces',
  type: SERVICE_BUS_NAMESPACE,
  terraform: 'azurerm_servicebus_namespace',
};

function localAuthDisabled(f: NamespaceFamily): ResourceRule {
  return {
    id: `${f.prefix}.local-auth-disabled`,
    title: `${f.label} accept Microsoft Entra ID only (no SAS keys)`,
    resourceTypes: [f.type],
    // The local-authentication built-ins are in neither initiative.
    mirrors: undefined,
    remediation: `Disable SAS-key authentication and grant data roles through Entra ID (Terraform ${f.terraform} local_auth_enabled = false).`,
    evaluate: resource =>
      judgeFlag(resource, 'properties.disableLocalAuth', true, {
        pass: 'Only Microsoft Entra identities can send or receive.',
        fail: 'Shared access keys can send and receive messages: anyone holding one is anonymous.',
      }),
  };
}

function minimumTls(f: NamespaceFamily): ResourceRule {
  return {
    id: `${f.prefix}.minimum-tls`,
    title: `${f.label} require TLS 1.2 or newer`,
    resourceTypes: [f.type],
    // The minimum-TLS built-ins are in neither initiative.
    mirrors: undefined,
    remediation: `Set minimumTlsVersion to 1.2 (Terraform ${f.terraform} minimum_tls_version = "1.2").`,
    evaluate: resource =>
      judgeMinimumTls(resource, 'properties.minimumTlsVersion', {
        pass: 'Clients must negotiate TLS 1.2 or newer.',
        fail: 'The namespace accepts TLS older than 1.2.',
      }),
  };
}

function privateAccess(
  f: NamespaceFamily,
  mirrors: PolicyMirror | undefined,
): ResourceRule {
  return {
    id: `${f.prefix}.private-access`,
    title: `${f.label} disable public network access`,
    resourceTypes: [f.type],
    mirrors,
    remediation: `Use private endpoints and disable public network access (Terraform ${f.terraform} public_network_access_enabled = false).`,
    evaluate: (resource: AzureResource) =>
      // SecuredByPerimeter: a network security perimeter decides access,
      // which denies public traffic unless a perimeter rule allows it.
      judgeText(
        resource,
        'properties.publicNetworkAccess',
        ['Disabled', 'SecuredByPerimeter'],
        {
          pass: 'The namespace is reachable through private endpoints only.',
          fail: 'The namespace accepts connections from public networks.',
        },
      ),
  };
}

export const eventHubLocalAuthDisabledRule = localAuthDisabled(EVENT_HUBS);
export const eventHubMinimumTlsRule = minimumTls(EVENT_HUBS);
// The built-in audits for a virtual network rule; private endpoints with
// public access disabled close the namespace at least as tightly.
export const eventHubPrivateAccessRule = privateAccess(EVENT_HUBS, {
  policyName: 'Event Hub should use a virtual network service endpoint',
  definitionId: 'd63edb4a-c612-454d-b47d-191a724fcbf0',
  initiative: 'HIPAA HITRUST',
  hitrustControls: [
    'hipaa-0805.01m1Organizational.12-01.m',
    'hipaa-0806.01m2Organizational.12356-01.m',
    'hipaa-0863.09m2Organizational.910-09.m',
  ],
});
export const eventHubResourceLogsRule = resourceLogsRuleFor({
  id: 'eventhub.resource-logs',
  title: 'Event Hubs resource logs reach a workspace',
  resourceTypes: [EVENT_HUB_NAMESPACE],
  mirrors: {
    policyName: 'Resource logs in Event Hub should be enabled',
    definitionId: '83a214f7-d01a-484b-91a9-ed54470c9a6a',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1207.09aa2System.4-09.aa'],
  },
});

export const serviceBusLocalAuthDisabledRule = localAuthDisabled(SERVICE_BUS);
export const serviceBusMinimumTlsRule = minimumTls(SERVICE_BUS);
// No Service Bus network built-in is in either initiative.
export const serviceBusPrivateAccessRule = privateAccess(
  SERVICE_BUS,
  undefined,
);
export const serviceBusResourceLogsRule = resourceLogsRuleFor({
  id: 'servicebus.resource-logs',
  title: 'Service Bus resource logs reach a workspace',
  resourceTypes: [SERVICE_BUS_NAMESPACE],
  mirrors: {
    policyName: 'Resource logs in Service Bus should be enabled',
    definitionId: 'f8d36e2f-389b-4ee4-898d-21aeb69a0f45',
    initiative: 'HIPAA HITRUST',
    hitrustControls: ['hipaa-1208.09aa3System.1-09.aa'],
  },
});

export const messagingRules: readonly ResourceRule[] = [
  eventHubLocalAuthDisabledRule,
  eventHubMinimumTlsRule,
  eventHubPrivateAccessRule,
  eventHubResourceLogsRule,
  serviceBusLocalAuthDisabledRule,
  serviceBusMinimumTlsRule,
  serviceBusPrivateAccessRule,
  serviceBusResourceLogsRule,
];

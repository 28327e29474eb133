import type { ResourceRule } from './types';
import {
  asBoolean,
  asString,
  display,
  propertiesUnread,
  read,
  readPath,
  sameText,
  unreadResource,
} from './values';

export const CONTAINER_APP = 'microsoft.app/containerapps';
export const CONTAINER_APP_ENVIRONMENT = 'microsoft.app/managedenvironments';
export const CONTAINER_GROUP = 'microsoft.containerinstance/containergroups';

export const containerAppIngressTlsRule: ResourceRule = {
  id: 'containerapp.ingress-tls',
  title: 'Container Apps ingress refuses plain HTTP',
  resourceTypes: [CONTAINER_APP],
  // No Container Apps built-in is in either initiative.
  mirrors: undefined,
  remediation:
    'Keep allowInsecure off so HTTP is redirected to HTTPS (Terraform azurerm_container_app ingress { allow_insecure_connections = false }).',
  evaluate: resource => {
    const property = 'properties.configuration.ingress.allowInsecure';
    const expected = 'false (or no ingress)';
    const configuration = read(resource, 'properties.configuration');
    if (configuration === undefined) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: null,
        message: 'Resource Manager did not report the app configuration.',
      };
    }
    const ingress = readPath(configuration, 'ingress');
    if (ingress === undefined) {
      return {
        status: 'pass',
        property: 'properties.configuration.ingress',
        expected,
        actual: 'none',
        message: 'The app has no ingress; nothing reaches it over the network.',
      };
    }
    const value = readPath(ingress, 'allowInsecure');
    const insecure = asBoolean(value);
    if (insecure === undefined) {
      return {
        status: 'unknown',
        property,
        expected,
        actual: display(value),
        message: 'Resource Manager did not report allowInsecure.',
      };
    }
    return {
      status: insecure ? 'fail' : 'pass',
      property,
      expected,
      actual: String(insecure),
      message: insecure
        ? 'The app serves plain HTTP alongside HTTPS.'
        : 'HTTP requests are redirected to HTTPS.',
    };
  },
};

export const containerAppEnvironmentPrivateRule: ResourceRule = {
  id: 'containerapp.environment-private',
  title: 'Container Apps environments are internal to a virtual network',
  resourceTypes: [CONTAINER_APP_ENVIRONMENT],
  // In neither initiative. An external environment gives every app with
  // external ingress a public address; PHI workloads front it with a WAF.
  mirrors: undefined,
  remediation:
    'Create the environment in a subnet with an internal load balancer (Terraform azurerm_container_app_environment internal_load_balancer_enabled = true), or disable public network access.',
  evaluate: resource => {
    const expected =
      'vnetConfiguration.internal true, or publicNetworkAccess Disabled';
    const internal = read(resource, 'properties.vnetConfiguration.internal');
    const access = read(resource, 'properties.publicNetworkAccess');
    if (asBoolean(internal) === true) {
      return {
        status: 'pass',
        property: 'properties.vnetConfiguration.internal',
        expected,
        actual: display(internal),
        message: 'Apps get private addresses in the environment subnet only.',
      };
    }
    if (sameText(access, 'Disabled')) {
      return {
        status: 'pass',
        property: 'properties.publicNetworkAccess',
        expected,
        actual: display(access),
        message: 'The environment is reachable through private endpoints only.',
      };
    }
    if (asBoolean(internal) === false || sameText(access, 'Enabled')) {
      return {
        status: 'fail',
        property: 'properties.vnetConfiguration.internal',
        expected,
        actual: display(internal ?? access),
        message: 'Apps with external ingress are reachable from the internet.',
      };
    }
    return {
      status: 'unknown',
      property: 'properties.vnetConfiguration.internal',
      expected,
      actual: null,
      message:
        'Resource Manager reported neither vnetConfiguration.internal nor publicNetworkAccess.',
    };
  },
};

export const containerInstancePrivateRule: ResourceRule = {
  id: 'containerinstance.private-network',
  title: 'Container instances have no public IP address',
  resourceTypes: [CONTAINER_GROUP],
  // In neither initiative. Container groups terminate no TLS themselves: a
  // public IP exposes whatever the container listens on, usually plain HTTP.
  mirrors: undefined,
  remediation:
    'Deploy the group into a subnet with a private IP (Terraform azurerm_container_group ip_address_type = "Private", subnet_ids = [...]).',
  evaluate: resource => {
    const property = 'properties.ipAddress.type';
    const expected = 'Private (subnetIds set), or no IP address';
    const subnets = read(resource, 'properties.subnetIds');
    const ipType = read(resource, property);
    if (sameText(ipType, 'Private')) {
      return {
        status: 'pass',
        property,
        expected,
        actual: display(ipType),
        message: 'The group is reachable from its virtual network only.',
      };
    }
    if (sameText(ipType, 'Public')) {
      return {
        status: 'fail',
        property,
        expected,
        actual: display(ipType),
        message: 'The group listens on a public IP address.',
      };
    }
    if (propertiesUnread(resource)) {
      return unreadResource(resource, property, expected, 'ipAddress');
    }
    if (
      ipType === undefined &&
      read(resource, 'properties.containers') !== undefined
    ) {
      return {
        status: 'pass',
        property,
        expected,
        actual:
          Array.isArray(subnets) && subnets.length > 0
            ? 'subnet, no IP'
            : 'none',
        message: 'The group exposes no IP address.',
      };
    }
    return {
      status: 'unknown',
      property,
      expected,
      actual: display(ipType ?? asString(subnets)),
      message:
        'Resource Manager did not report the group’s IP address settings.',
    };
  },
};

export const containerRules: readonly ResourceRule[] = [
  containerAppIngressTlsRule,
  containerAppEnvironmentPrivateRule,
  containerInstancePrivateRule,
];

import { withoutProperties, withProperties } from '../__fixtures__/arm';
import {
  containerApp,
  containerAppEnvironment,
  containerGroup,
} from '../__fixtures__/families';
import {
  containerAppEnvironmentPrivateRule,
  containerAppIngressTlsRule,
  containerInstancePrivateRule,
} from './containers';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const configuration = containerApp.properties.configuration as Record<
  string,
  any
>;
const ingress = (changes: Record<string, unknown>) =>
  withProperties(containerApp, {
    configuration: {
      ...configuration,
      ingress: { ...configuration.ingress, ...changes },
    },
  });

const cases: RuleCase[] = [
  {
    name: 'HTTPS only',
    rule: containerAppIngressTlsRule,
    resource: containerApp,
    status: 'pass',
    actual: 'false',
  },
  {
    name: 'allowInsecure',
    rule: containerAppIngressTlsRule,
    resource: ingress({ allowInsecure: true }),
    status: 'fail',
    actual: 'true',
  },
  {
    name: 'no ingress',
    rule: containerAppIngressTlsRule,
    resource: withProperties(containerApp, {
      configuration: { activeRevisionsMode: 'Single', ingress: null },
    }),
    status: 'pass',
    actual: 'none',
  },
  {
    name: 'allowInsecure not reported',
    rule: containerAppIngressTlsRule,
    resource: ingress({ allowInsecure: undefined }),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'configuration not reported',
    rule: containerAppIngressTlsRule,
    resource: withoutProperties(containerApp, 'configuration'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'internal',
    rule: containerAppEnvironmentPrivateRule,
    resource: containerAppEnvironment,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'public access disabled',
    rule: containerAppEnvironmentPrivateRule,
    resource: withProperties(
      withoutProperties(containerAppEnvironment, 'vnetConfiguration'),
      { publicNetworkAccess: 'Disabled' },
    ),
    status: 'pass',
    actual: 'Disabled',
  },
  {
    name: 'external VNet environment',
    rule: containerAppEnvironmentPrivateRule,
    resource: withProperties(containerAppEnvironment, {
      vnetConfiguration: { internal: false },
    }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'no VNet, public',
    rule: containerAppEnvironmentPrivateRule,
    resource: withProperties(
      withoutProperties(containerAppEnvironment, 'vnetConfiguration'),
      { publicNetworkAccess: 'Enabled' },
    ),
    status: 'fail',
    actual: 'Enabled',
  },
  {
    name: 'not reported',
    rule: containerAppEnvironmentPrivateRule,
    resource: withoutProperties(containerAppEnvironment, 'vnetConfiguration'),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'private IP',
    rule: containerInstancePrivateRule,
    resource: containerGroup,
    status: 'pass',
    actual: 'Private',
  },
  {
    name: 'public IP',
    rule: containerInstancePrivateRule,
    resource: withProperties(withoutProperties(containerGroup, 'subnetIds'), {
      ipAddress: {
        type: 'Public',
        ip: '20.1.2.3',
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    }),
    status: 'fail',
    actual: 'Public',
  },
  {
    name: 'no IP address',
    rule: containerInstancePrivateRule,
    resource: withoutProperties(containerGroup, 'ipAddress', 'subnetIds'),
    status: 'pass',
    actual: 'none',
  },
  {
    name: 'properties not read',
    rule: containerInstancePrivateRule,
    resource: { ...containerGroup, properties: {} },
    status: 'unknown',
    actual: null,
  },
  {
    name: 'IP type not reported',
    rule: containerInstancePrivateRule,
    resource: withoutProperties(containerGroup, 'ipAddress', 'containers'),
    status: 'unknown',
    actual: null,
  },
];

describe('Container Apps and Container Instances rules', () => {
  itJudgesEachCase(cases);
});

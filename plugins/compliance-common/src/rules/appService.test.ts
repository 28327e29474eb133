import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  fromArm,
  withoutProperties,
  withProperties,
} from '../__fixtures__/arm';
import { webApp } from '../__fixtures__/azure';
import { ruleContext } from '../__fixtures__/context';
import {
  appServiceFtpsRule,
  appServiceHttpsOnlyRule,
  appServiceManagedIdentityRule,
  appServiceMinimumTlsRule,
} from './appService';
import type { ResourceRule } from './types';

const siteConfig = (overrides: Record<string, unknown>) =>
  withProperties(webApp, {
    siteConfig: { ...(webApp.properties.siteConfig as object), ...overrides },
  });

/** web GetSiteConfig response shape: the effective settings as the child `config/web`. */
const configWeb = (properties: Record<string, unknown>) =>
  fromArm({
    id: `${webApp.id}/config/web`,
    name: 'sitef6141',
    type: 'Microsoft.Web/sites/config',
    location: 'East US',
    properties,
  });

const functionApp = { ...webApp, kind: 'functionapp,linux' };

/** Where each rule reads from when the inventory has no config/web child. */
const DEFAULT_PROPERTY: Record<string, string> = {
  'appservice.https-only': 'properties.httpsOnly',
  'appservice.minimum-tls': 'properties.siteConfig.minTlsVersion',
  'appservice.ftps': 'properties.siteConfig.ftpsState',
  'appservice.managed-identity': 'identity.type',
};

const cases: Array<{
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  inventory?: AzureResource[];
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
  property?: string;
}> = [
  {
    name: 'GetWebApp: httpsOnly false',
    rule: appServiceHttpsOnlyRule,
    resource: webApp,
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'httpsOnly true',
    rule: appServiceHttpsOnlyRule,
    resource: withProperties(webApp, { httpsOnly: true }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'HttpsOnly as a string',
    rule: appServiceHttpsOnlyRule,
    resource: withProperties(withoutProperties(webApp, 'httpsOnly'), {
      HttpsOnly: 'TRUE',
    }),
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'not reported',
    rule: appServiceHttpsOnlyRule,
    resource: withProperties(webApp, { httpsOnly: null }),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'GetWebApp: 1.2',
    rule: appServiceMinimumTlsRule,
    resource: webApp,
    status: 'pass',
    actual: '1.2',
    property: 'properties.siteConfig.minTlsVersion',
  },
  {
    name: '1.0',
    rule: appServiceMinimumTlsRule,
    resource: siteConfig({ minTlsVersion: '1.0' }),
    status: 'fail',
    actual: '1.0',
  },
  {
    name: '1.3',
    rule: appServiceMinimumTlsRule,
    resource: siteConfig({ minTlsVersion: '1.3' }),
    status: 'pass',
    actual: '1.3',
  },
  {
    name: 'site GET leaves it null, config/web has it',
    rule: appServiceMinimumTlsRule,
    resource: siteConfig({ minTlsVersion: null }),
    inventory: [configWeb({ minTlsVersion: '1.2', ftpsState: 'FtpsOnly' })],
    status: 'pass',
    actual: '1.2',
    property: 'config/web.properties.minTlsVersion',
  },
  {
    name: 'config/web wins over a stale siteConfig',
    rule: appServiceMinimumTlsRule,
    resource: webApp,
    inventory: [configWeb({ minTlsVersion: '1.1' })],
    status: 'fail',
    actual: '1.1',
    property: 'config/web.properties.minTlsVersion',
  },
  {
    name: 'null everywhere',
    rule: appServiceMinimumTlsRule,
    resource: siteConfig({ minTlsVersion: null }),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'GetWebApp: AllAllowed',
    rule: appServiceFtpsRule,
    resource: webApp,
    status: 'fail',
    actual: 'AllAllowed',
  },
  {
    name: 'FtpsOnly',
    rule: appServiceFtpsRule,
    resource: siteConfig({ ftpsState: 'FtpsOnly' }),
    status: 'pass',
    actual: 'FtpsOnly',
  },
  {
    name: 'disabled in lower case',
    rule: appServiceFtpsRule,
    resource: siteConfig({ ftpsState: 'disabled' }),
    status: 'pass',
    actual: 'disabled',
  },
  {
    name: 'from config/web',
    rule: appServiceFtpsRule,
    resource: siteConfig({ ftpsState: null }),
    inventory: [configWeb({ ftpsState: 'Disabled' })],
    status: 'pass',
    actual: 'Disabled',
    property: 'config/web.properties.ftpsState',
  },
  {
    name: 'not reported',
    rule: appServiceFtpsRule,
    resource: siteConfig({ ftpsState: undefined }),
    status: 'unknown',
    actual: null,
  },

  {
    name: 'GetWebApp: no identity',
    rule: appServiceManagedIdentityRule,
    resource: webApp,
    status: 'unknown',
    actual: null,
  },
  {
    name: 'system-assigned',
    rule: appServiceManagedIdentityRule,
    resource: {
      ...webApp,
      identity: {
        type: 'SystemAssigned',
        principalId: '2c5a8cd9-0a4c-4b14-b9c4-0d6c0a4c0b31',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      },
    },
    status: 'pass',
    actual: 'SystemAssigned',
  },
  {
    name: 'both, with a space',
    rule: appServiceManagedIdentityRule,
    resource: { ...webApp, identity: { type: 'SystemAssigned, UserAssigned' } },
    status: 'pass',
    actual: 'SystemAssigned, UserAssigned',
  },
  {
    name: 'None',
    rule: appServiceManagedIdentityRule,
    resource: { ...webApp, identity: { type: 'None' } },
    status: 'fail',
    actual: 'None',
  },
];

describe('App Service rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, inventory = [], status, actual, property }) => {
      const outcome = rule.evaluate(
        resource,
        ruleContext([resource, ...inventory]),
      );
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
      expect(outcome.property).toBe(property ?? DEFAULT_PROPERTY[rule.id]);
    },
  );

  it.each([
    [appServiceHttpsOnlyRule, webApp, undefined],
    [
      appServiceHttpsOnlyRule,
      functionApp,
      '6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab',
    ],
    [appServiceMinimumTlsRule, webApp, undefined],
    [
      appServiceMinimumTlsRule,
      functionApp,
      'f9d614c5-c173-4d56-95a7-b4437057d193',
    ],
  ] as const)(
    '%s picks the function-app built-in by kind (%#)',
    (rule, resource, definitionId) => {
      const outcome = rule.evaluate(resource, ruleContext([resource]));
      expect(outcome.mirrors?.definitionId).toBe(definitionId);
    },
  );

  it('defaults to the App Service built-ins', () => {
    expect(appServiceHttpsOnlyRule.mirrors?.definitionId).toBe(
      'a4af4a39-4135-47fb-b175-47fbdf85311d',
    );
    expect(appServiceMinimumTlsRule.mirrors?.definitionId).toBe(
      'f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b',
    );
  });
});

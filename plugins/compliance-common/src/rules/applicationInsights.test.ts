import type { AzureResource } from '@vitals/azure-inventory-common';
import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { ruleContext } from '../__fixtures__/context';
import { applicationInsights } from '../__fixtures__/families';
import {
  appInsightsLocalAuthDisabledRule,
  appInsightsWorkspaceBasedRule,
} from './applicationInsights';
import type { ResourceRule } from './types';

const ai = applicationInsights;
const classic = withProperties(withoutProperties(ai, 'WorkspaceResourceId'), {
  IngestionMode: 'ApplicationInsights',
});

const cases: Array<{
  name: string;
  rule: ResourceRule;
  resource: AzureResource;
  status: 'pass' | 'fail' | 'unknown';
  actual: string | null;
}> = [
  {
    name: 'workspace-based',
    rule: appInsightsWorkspaceBasedRule,
    resource: ai,
    status: 'pass',
    actual: ai.properties.WorkspaceResourceId as string,
  },
  {
    name: 'workspace id in other casing',
    rule: appInsightsWorkspaceBasedRule,
    resource: withProperties(withoutProperties(ai, 'WorkspaceResourceId'), {
      workspaceResourceId: 'ws',
    }),
    status: 'pass',
    actual: 'ws',
  },
  {
    name: 'classic',
    rule: appInsightsWorkspaceBasedRule,
    resource: classic,
    status: 'fail',
    actual: 'ApplicationInsights',
  },
  {
    name: 'not reported',
    rule: appInsightsWorkspaceBasedRule,
    resource: withoutProperties(ai, 'WorkspaceResourceId', 'IngestionMode'),
    status: 'unknown',
    actual: null,
  },
  {
    name: 'Entra only',
    rule: appInsightsLocalAuthDisabledRule,
    resource: ai,
    status: 'pass',
    actual: 'true',
  },
  {
    name: 'instrumentation key accepted',
    rule: appInsightsLocalAuthDisabledRule,
    resource: withProperties(ai, { DisableLocalAuth: false }),
    status: 'fail',
    actual: 'false',
  },
  {
    name: 'not reported',
    rule: appInsightsLocalAuthDisabledRule,
    resource: withoutProperties(ai, 'DisableLocalAuth'),
    status: 'unknown',
    actual: null,
  },
];

describe('Application Insights rules', () => {
  it.each(cases)(
    '$rule.id: $name → $status',
    ({ rule, resource, status, actual }) => {
      const outcome = rule.evaluate(resource, ruleContext([resource]));
      expect(outcome.status).toBe(status);
      expect(outcome.actual).toBe(actual);
    },
  );
});

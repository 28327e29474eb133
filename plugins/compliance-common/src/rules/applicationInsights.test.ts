import { withoutProperties, withProperties } from '../__fixtures__/arm';
import { applicationInsights } from '../__fixtures__/families';
import {
  appInsightsLocalAuthDisabledRule,
  appInsightsWorkspaceBasedRule,
} from './applicationInsights';
import { itJudgesEachCase, type RuleCase } from '../__fixtures__/ruleCases';

const ai = applicationInsights;
const classic = withProperties(withoutProperties(ai, 'WorkspaceResourceId'), {
  IngestionMode: 'ApplicationInsights',
});

const cases: RuleCase[] = [
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
  itJudgesEachCase(cases);
});

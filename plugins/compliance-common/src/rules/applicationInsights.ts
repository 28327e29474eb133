import type { ResourceRule } from './types';
import { asString, display, judgeFlag, read, sameText } from './values';

export const APPLICATION_INSIGHTS = 'microsoft.insights/components';

export const appInsightsWorkspaceBasedRule: ResourceRule = {
  id: 'appinsights.workspace-based',
  title: 'Application Insights stores telemetry in a Log Analytics workspace',
  resourceTypes: [APPLICATION_INSIGHTS],
  // "Azure Monitor Logs for Application Insights should be linked to a Log
  // Analytics workspace" is in neither initiative. Classic resources keep
  // telemetry for at most 730 days outside the workspace's access control.
  mirrors: undefined,
  remediation:
    'Make the component workspace-based (Terraform azurerm_application_insights workspace_id = ...).',
  evaluate: resource => {
    const property = 'properties.WorkspaceResourceId';
    const expected = 'a Log Analytics workspace id';
    const workspace = asString(read(resource, property));
    if (workspace) {
      return {
        status: 'pass',
        property,
        expected,
        actual: workspace,
        message:
          'Telemetry lands in a workspace with its retention and access control.',
      };
    }
    const mode = read(resource, 'properties.IngestionMode');
    if (
      sameText(mode, 'ApplicationInsights') ||
      sameText(mode, 'ApplicationInsightsWithDiagnosticSettings')
    ) {
      return {
        status: 'fail',
        property: 'properties.IngestionMode',
        expected,
        actual: display(mode),
        message:
          'The component is classic: telemetry is kept outside any workspace.',
      };
    }
    return {
      status: 'unknown',
      property,
      expected,
      actual: display(mode),
      message:
        'Resource Manager reported neither a workspace nor a classic ingestion mode.',
    };
  },
};

export const appInsightsLocalAuthDisabledRule: ResourceRule = {
  id: 'appinsights.local-auth-disabled',
  title:
    'Application Insights accepts Microsoft Entra-authenticated telemetry only',
  resourceTypes: [APPLICATION_INSIGHTS],
  // "Application Insights components should block non-Azure Active
  // Directory based ingestion" is in neither initiative.
  mirrors: undefined,
  remediation:
    'Require Entra authentication for ingestion (Terraform azurerm_application_insights local_authentication_disabled = true).',
  evaluate: resource =>
    judgeFlag(resource, 'properties.DisableLocalAuth', true, {
      pass: 'Only Microsoft Entra identities can send telemetry.',
      fail: 'Anyone with the instrumentation key can write telemetry into the audit trail.',
    }),
};

export const applicationInsightsRules: readonly ResourceRule[] = [
  appInsightsWorkspaceBasedRule,
  appInsightsLocalAuthDisabledRule,
];

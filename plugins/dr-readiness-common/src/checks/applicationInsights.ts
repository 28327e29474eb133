import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  displayName,
  hasProperties,
  ofType,
  readString,
  regionOf,
  regionsOf,
  result,
  seen,
} from './values';

/** Workspace-based components keep telemetry in a Log Analytics workspace; classic ones in the component itself. */
function workspaceBased(component: AzureResource): boolean {
  return readString(component, 'properties.WorkspaceResourceId') !== undefined;
}

/**
 * Application Insights components are regional: telemetry is ingested in the
 * component's region. When that region is lost, what runs in the region that
 * takes over needs a workspace-based component there (its own, or one shared
 * by both regions), or it is flown blind until one is created and its
 * connection string deployed. History stays in the workspace the component
 * writes to, which log-workspace-replication judges. Losing telemetry does
 * not stop the service, so this check warns and never blocks.
 */
export const applicationInsightsCheck: ReadinessCheckDefinition = {
  id: 'application-insights-in-surviving-region',
  title: 'Telemetry is collected in the secondary region',
  category: 'assurance',
  weight: 1,
  resourceTypes: [RESOURCE_TYPES.applicationInsights],
  mirrors: { aprl: ['dac421ec'] },
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const components = ofType(
      input.resources,
      RESOURCE_TYPES.applicationInsights,
    );
    const here = components.filter(c => regionOf(c) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const there = components.filter(c => regionOf(c) === surviving);
    const ready = there.filter(c => hasProperties(c) && workspaceBased(c));
    const assessments: Assessment[] = here.map(component => {
      const evidence = {
        ...seen(component, [
          'properties.WorkspaceResourceId',
          'properties.IngestionMode',
        ]),
        componentsIn: { [lost]: here.length, [surviving]: there.length },
        survivingComponents: there.map(c => c.name),
      };
      if (ready.length > 0) {
        return { resource: component, status: 'pass', evidence };
      }
      if (there.length > 0 && there.some(c => !hasProperties(c))) {
        return {
          resource: component,
          status: 'unknown',
          evidence,
          finding: `Whether the components in ${displayName(
            surviving,
          )} are workspace-based was not read.`,
          remediation: `Read ${there
            .map(c => c.name)
            .join(', ')} with their full properties.`,
        };
      }
      if (there.length > 0) {
        return {
          resource: component,
          status: 'warn',
          evidence,
          finding: `The Application Insights components in ${displayName(
            surviving,
          )} (${there
            .map(c => c.name)
            .join(
              ', ',
            )}) are classic: their telemetry stays in the component, outside any workspace.`,
          remediation: `Make ${there
            .map(c => c.name)
            .join(
              ', ',
            )} workspace-based (Terraform azurerm_application_insights workspace_id = ...).`,
        };
      }
      return {
        resource: component,
        status: 'warn',
        evidence,
        finding: `No Application Insights component of the service is in ${displayName(
          surviving,
        )}: after losing ${displayName(
          lost,
        )}, what runs there sends telemetry to ${
          component.name
        }, which is down with it.`,
        remediation: `Create a workspace-based component in ${displayName(
          surviving,
        )} (Terraform azurerm_application_insights with workspace_id) and give the instances there its connection string.`,
      };
    });
    for (const component of [...here, ...there]) {
      if (!hasProperties(component) || workspaceBased(component)) continue;
      assessments.push({
        resource: component,
        status: 'warn',
        evidence: seen(component, ['properties.IngestionMode']),
        finding: `${component.name} is a classic component: its telemetry cannot be kept in a replicated workspace.`,
        remediation: `Migrate ${component.name} to a workspace-based component (Terraform azurerm_application_insights workspace_id = ...).`,
      });
    }
    return result(
      {
        ...applicationInsightsCheck,
        title: `Telemetry is collected in ${displayName(surviving)}`,
      },
      assessments,
      `${ready.map(c => c.name).join(', ')} collect${
        ready.length === 1 ? 's' : ''
      } telemetry in ${displayName(surviving)}.`,
    );
  },
};

/** `applicationInsightsCheck.evaluate`, as a function. */
export const checkApplicationInsights: ReadinessCheck =
  applicationInsightsCheck.evaluate;

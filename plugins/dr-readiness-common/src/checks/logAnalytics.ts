import { normalizeRegion } from '@vitals/azure-inventory-common';
import {
  type Assessment,
  RESOURCE_TYPES,
  type ReadinessCheck,
  type ReadinessCheckDefinition,
  asBoolean,
  displayName,
  equalsIgnoreCase,
  hasProperties,
  ofType,
  read,
  readString,
  regionOf,
  regionsOf,
  result,
  seen,
} from './values';

/**
 * Log Analytics workspaces in the lost region hold the service's audit logs
 * and telemetry. Workspace replication (`properties.replication`) keeps a
 * copy of what is ingested in a second region and can switch the workspace
 * there; it passes when that region is the one that takes over. Without it,
 * a workspace of the service in that region collects what happens after the
 * failover, but what was logged before stays in the lost region (a warning);
 * with neither, the service's logs are lost with the region.
 */
export const logWorkspaceReplicationCheck: ReadinessCheckDefinition = {
  id: 'log-workspace-replication',
  title: 'Log Analytics workspaces replicate to the secondary region',
  category: 'data-protection',
  weight: 2,
  resourceTypes: [RESOURCE_TYPES.logAnalyticsWorkspace],
  evaluate: input => {
    const { lost, surviving } = regionsOf(input);
    const workspaces = ofType(
      input.resources,
      RESOURCE_TYPES.logAnalyticsWorkspace,
    );
    const here = workspaces.filter(w => regionOf(w) === lost);
    if (!surviving || here.length === 0) {
      return undefined;
    }
    const there = workspaces.filter(w => regionOf(w) === surviving);
    const assessments = here.map((workspace): Assessment => {
      const evidence: Record<string, unknown> = {
        ...seen(workspace, [
          'properties.replication.enabled',
          'properties.replication.location',
          'properties.replication.provisioningState',
        ]),
        workspacesIn: { [lost]: here.length, [surviving]: there.length },
      };
      if (!hasProperties(workspace)) {
        return {
          resource: workspace,
          status: 'unknown',
          evidence,
          finding: `Whether workspace ${workspace.name} replicates was not read.`,
          remediation: `Read ${workspace.name} with its full properties.`,
        };
      }
      const enabled =
        asBoolean(read(workspace, 'properties.replication.enabled')) === true;
      const target = normalizeRegion(
        readString(workspace, 'properties.replication.location'),
      );
      const state = readString(
        workspace,
        'properties.replication.provisioningState',
      );
      const enable = `Enable workspace replication of ${
        workspace.name
      } to ${displayName(
        surviving,
      )} (properties.replication { enabled: true, location: "${surviving}" } with api-version 2025-02-01; azurerm has no argument for it, so azapi_update_resource).`;
      if (enabled && target === surviving) {
        if (state && !equalsIgnoreCase(state, 'Succeeded')) {
          return {
            resource: workspace,
            status: 'warn',
            evidence,
            finding: `Replication of ${workspace.name} to ${displayName(
              surviving,
            )} is ${state}, not yet in place.`,
            remediation: `Wait for the replication of ${workspace.name} to succeed, or enable it again.`,
          };
        }
        return { resource: workspace, status: 'pass', evidence };
      }
      if (enabled && target) {
        return {
          resource: workspace,
          status: 'warn',
          evidence,
          finding: `Workspace ${workspace.name} replicates to ${displayName(
            target,
          )}, not ${displayName(
            surviving,
          )}: its logs survive, but the service in ${displayName(
            surviving,
          )} writes to and reads from another region after the switch.`,
          remediation: enable,
        };
      }
      if (there.length > 0) {
        return {
          resource: workspace,
          status: 'warn',
          evidence: {
            ...evidence,
            survivingWorkspaces: there.map(w => w.name),
          },
          finding: `${there.map(w => w.name).join(', ')} collect${
            there.length === 1 ? 's' : ''
          } logs in ${displayName(surviving)}, but ${
            workspace.name
          } does not replicate: what it logged before losing ${displayName(
            lost,
          )} is unavailable until the region is back.`,
          remediation: enable,
        };
      }
      return {
        resource: workspace,
        status: 'fail',
        evidence,
        finding: `Workspace ${
          workspace.name
        } does not replicate and the service has no workspace in ${displayName(
          surviving,
        )}: its audit logs are lost with ${displayName(lost)}.`,
        remediation: enable,
      };
    });
    return result(
      {
        ...logWorkspaceReplicationCheck,
        title: `Log Analytics workspaces replicate to ${displayName(
          surviving,
        )}`,
      },
      assessments,
      `Every Log Analytics workspace in ${displayName(
        lost,
      )} replicates to ${displayName(surviving)}.`,
    );
  },
};

/** `logWorkspaceReplicationCheck.evaluate`, as a function. */
export const checkLogWorkspaceReplication: ReadinessCheck =
  logWorkspaceReplicationCheck.evaluate;

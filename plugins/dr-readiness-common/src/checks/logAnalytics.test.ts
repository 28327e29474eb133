import { checkLogWorkspaceReplication } from './logAnalytics';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { logAnalyticsWorkspace } from '../__fixtures__/families';

describe('checkLogWorkspaceReplication', () => {
  it.each([
    {
      name: 'replicated to the secondary',
      resources: [logAnalyticsWorkspace('log-audit', 'eastus2', 'centralus')],
      status: 'pass',
      summary:
        'Every Log Analytics workspace in East US 2 replicates to Central US.',
    },
    {
      name: 'replication still being enabled',
      resources: [
        logAnalyticsWorkspace(
          'log-audit',
          'eastus2',
          'centralus',
          'EnableRequested',
        ),
      ],
      status: 'warn',
      summary:
        'Replication of log-audit to Central US is EnableRequested, not yet in place.',
    },
    {
      name: 'replicated to another region',
      resources: [logAnalyticsWorkspace('log-audit', 'eastus2', 'westus2')],
      status: 'warn',
      summary:
        'Workspace log-audit replicates to West US 2, not Central US: its logs survive, but the service in Central US writes to and reads from another region after the switch.',
    },
    {
      name: 'not replicated, a workspace in the secondary',
      resources: [
        logAnalyticsWorkspace('log-audit', 'eastus2'),
        logAnalyticsWorkspace('log-audit-cus', 'centralus'),
      ],
      status: 'warn',
      summary:
        'log-audit-cus collects logs in Central US, but log-audit does not replicate: what it logged before losing East US 2 is unavailable until the region is back.',
    },
    {
      name: 'not replicated, no workspace in the secondary',
      resources: [logAnalyticsWorkspace('log-audit', 'eastus2')],
      status: 'fail',
      summary:
        'Workspace log-audit does not replicate and the service has no workspace in Central US: its audit logs are lost with East US 2.',
    },
    {
      name: 'read without properties',
      resources: withoutProperties([
        logAnalyticsWorkspace('log-audit', 'eastus2', 'centralus'),
      ]),
      status: 'unknown',
      summary: 'Whether workspace log-audit replicates was not read.',
    },
  ])('$name: $status', ({ resources, status, summary }) => {
    const result = run(checkLogWorkspaceReplication, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.title).toBe(
      'Log Analytics workspaces replicate to Central US',
    );
    expect(result.blocking).toBe(status === 'fail');
    expect(result.impact).toBe(status === 'fail' ? 'degrades' : undefined);
  });

  it('says how to turn replication on', () => {
    const result = run(
      checkLogWorkspaceReplication,
      input([logAnalyticsWorkspace('log-audit', 'eastus2')]),
    );
    expect(result.remediation).toBe(
      'Enable workspace replication of log-audit to Central US (properties.replication { enabled: true, location: "centralus" } with api-version 2025-02-01; azurerm has no argument for it, so azapi_update_resource).',
    );
  });

  it('does not apply without a workspace in the lost region', () => {
    expect(
      checkLogWorkspaceReplication(
        input([logAnalyticsWorkspace('log-audit-cus', 'centralus')]),
      ),
    ).toBeUndefined();
  });
});

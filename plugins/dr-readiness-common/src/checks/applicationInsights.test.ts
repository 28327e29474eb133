import { checkApplicationInsights } from './applicationInsights';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { applicationInsights } from '../__fixtures__/families';

const eus2 = applicationInsights('appi-portal-eus2', 'eastus2');
const cus = applicationInsights('appi-portal-cus', 'centralus');

describe('checkApplicationInsights', () => {
  it.each([
    {
      name: 'a workspace-based component in each region',
      resources: [eus2, cus],
      status: 'pass',
      summary: 'appi-portal-cus collects telemetry in Central US.',
    },
    {
      name: 'a component in the primary only',
      resources: [eus2],
      status: 'warn',
      summary:
        'No Application Insights component of the service is in Central US: after losing East US 2, what runs there sends telemetry to appi-portal-eus2, which is down with it.',
    },
    {
      name: 'a classic component in the secondary',
      resources: [
        eus2,
        applicationInsights('appi-portal-cus', 'centralus', true),
      ],
      status: 'warn',
      summary:
        'The Application Insights components in Central US (appi-portal-cus) are classic: their telemetry stays in the component, outside any workspace. appi-portal-cus is a classic component: its telemetry cannot be kept in a replicated workspace.',
    },
    {
      name: 'a classic component in the primary',
      resources: [
        applicationInsights('appi-portal-eus2', 'eastus2', true),
        cus,
      ],
      status: 'warn',
      summary:
        'appi-portal-eus2 is a classic component: its telemetry cannot be kept in a replicated workspace.',
    },
    {
      name: 'a secondary component read without properties',
      resources: [eus2, ...withoutProperties([cus])],
      status: 'unknown',
      summary:
        'Whether the components in Central US are workspace-based was not read.',
    },
  ])('$name: $status', ({ resources, status, summary }) => {
    const result = run(checkApplicationInsights, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.title).toBe('Telemetry is collected in Central US');
    expect(result.category).toBe('assurance');
    expect(result.blocking).toBe(false);
    expect(result.mirrors).toEqual({ aprl: ['dac421ec'] });
  });

  it('names the Terraform resource to create', () => {
    const result = run(checkApplicationInsights, input([eus2]));
    expect(result.remediation).toBe(
      'Create a workspace-based component in Central US (Terraform azurerm_application_insights with workspace_id) and give the instances there its connection string.',
    );
  });

  it('does not apply without a component in the lost region', () => {
    expect(checkApplicationInsights(input([cus]))).toBeUndefined();
    expect(
      checkApplicationInsights(input([eus2], {}, { role: 'secondary' })),
    ).toBeUndefined();
  });
});

import { checkApplicationGateway } from './applicationGateway';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { applicationGateway } from '../__fixtures__/families';

const eus2 = applicationGateway('agw-portal-eus2', 'eastus2');
const cus = applicationGateway('agw-portal-cus', 'centralus');

describe('checkApplicationGateway', () => {
  it.each([
    {
      name: 'v2 gateways in both regions',
      resources: [eus2, cus],
      status: 'pass',
    },
    {
      name: 'no gateway in the secondary',
      resources: [eus2],
      status: 'fail',
      summary:
        'No application gateway of the service runs in Central US: nothing receives the traffic of agw-portal-eus2 after losing East US 2.',
    },
    {
      name: 'a v1 gateway in the secondary',
      resources: [
        eus2,
        applicationGateway('agw-portal-cus', 'centralus', 'WAF_Medium', null),
      ],
      status: 'warn',
    },
    {
      name: 'a secondary gateway read without properties',
      resources: [eus2, ...withoutProperties([cus])],
      status: 'unknown',
    },
  ])('$name: $status', ({ resources, status, summary }) => {
    const result = run(checkApplicationGateway, input(resources));
    expect(result.status).toBe(status);
    expect(result.mirrors).toEqual({ aprl: ['7893f0b3'] });
    expect(result.summary).toContain(summary ?? '');
    expect(result.impact).toBe(status === 'fail' ? 'goes-down' : undefined);
    expect(result.remediation.includes('azurerm_application_gateway')).toBe(
      status === 'fail' || status === 'warn',
    );
    expect(result.remediation.includes('WAF_v2')).toBe(
      status === 'fail' || status === 'warn',
    );
  });

  it('does not apply without a gateway in the lost region', () => {
    expect(checkApplicationGateway(input([cus]))).toBeUndefined();
  });

  it.each([
    { zones: ['1', '2', '3'], status: 'pass' },
    { zones: null, status: 'warn' },
  ])('zones $zones: $status', ({ zones, status }) => {
    const result = run(
      checkZoneRedundancy,
      input([
        applicationGateway('agw-portal-eus2', 'eastus2', 'WAF_v2', zones),
      ]),
    );
    expect(result.status).toBe(status);
  });

  it('cannot judge the zones of a gateway read without properties', () => {
    const result = run(checkZoneRedundancy, input(withoutProperties([eus2])));
    expect(result.status).toBe('unknown');
  });
});

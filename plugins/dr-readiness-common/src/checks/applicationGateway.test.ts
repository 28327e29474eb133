import { checkApplicationGateway, checkWafPolicy } from './applicationGateway';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { applicationGateway, wafPolicy } from '../__fixtures__/families';

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

describe('checkWafPolicy', () => {
  const policyEus2 = wafPolicy('wafp-portal-eus2', 'eastus2', [eus2]);
  const policyCus = wafPolicy('wafp-portal-cus', 'centralus', [cus]);

  it.each([
    {
      name: 'a policy per gateway, both blocking',
      resources: [eus2, cus, policyEus2, policyCus],
      status: 'pass',
      summary:
        'agw-portal-cus (wafp-portal-cus) filters traffic in Central US as wafp-portal-eus2 does.',
    },
    {
      name: 'the secondary policy only detects',
      resources: [
        eus2,
        cus,
        policyEus2,
        wafPolicy('wafp-portal-cus', 'centralus', [cus], 'Detection'),
      ],
      status: 'warn',
      summary:
        'WAF policy wafp-portal-cus of agw-portal-cus is Enabled in Detection mode, while wafp-portal-eus2 is Enabled in Prevention mode.',
    },
    {
      name: 'the secondary gateway has no policy',
      resources: [eus2, cus, policyEus2],
      status: 'warn',
      summary:
        'agw-portal-cus in Central US has no WAF policy: after losing East US 2 it serves the traffic wafp-portal-eus2 filters unfiltered.',
    },
    {
      name: 'the secondary gateway uses the primary policy',
      resources: [
        eus2,
        cus,
        wafPolicy('wafp-portal-eus2', 'eastus2', [eus2, cus]),
      ],
      status: 'warn',
      summary:
        'agw-portal-cus in Central US takes its WAF settings from wafp-portal-eus2 in East US 2, which cannot be changed while East US 2 is down.',
    },
    {
      name: 'no gateway in the secondary',
      resources: [eus2, policyEus2],
      status: 'warn',
      summary:
        'No application gateway of the service runs in Central US for a WAF policy like wafp-portal-eus2 to protect.',
    },
    {
      name: 'the primary policy read without properties',
      resources: [eus2, cus, ...withoutProperties([policyEus2]), policyCus],
      status: 'unknown',
      summary: 'The settings of WAF policy wafp-portal-eus2 were not read.',
    },
  ])('$name: $status', ({ resources, status, summary }) => {
    const result = run(checkWafPolicy, input(resources));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.title).toBe(
      'A WAF policy protects the gateway in Central US',
    );
    expect(result.blocking).toBe(false);
    expect(result.mirrors).toBeUndefined();
  });

  it('finds the policy through the gateway as well', () => {
    const linked = {
      ...cus,
      properties: { ...cus.properties, firewallPolicy: { id: policyCus.id } },
    };
    const unlisted = {
      ...policyCus,
      properties: { ...policyCus.properties, applicationGateways: [] },
    };
    const result = run(
      checkWafPolicy,
      input([eus2, linked, policyEus2, unlisted]),
    );
    expect(result.status).toBe('pass');
  });

  it('names the Terraform argument that attaches a policy', () => {
    const result = run(checkWafPolicy, input([eus2, cus, policyEus2]));
    expect(result.remediation).toBe(
      'Create a WAF policy in Central US like wafp-portal-eus2 (Terraform azurerm_web_application_firewall_policy) and set it as firewall_policy_id of agw-portal-cus.',
    );
  });

  it('does not apply without a WAF policy in the lost region', () => {
    expect(checkWafPolicy(input([eus2, cus, policyCus]))).toBeUndefined();
  });
});

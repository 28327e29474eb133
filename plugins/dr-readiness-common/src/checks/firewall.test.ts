import { checkFirewall, checkFirewallPolicy } from './firewall';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { firewall, firewallPolicy } from '../__fixtures__/families';

const hubEus2 = firewall('afw-hub-eus2', 'eastus2');
const hubWus2 = firewall('afw-hub-wus2', 'westus2');

describe('checkFirewall', () => {
  it.each([
    {
      name: 'a hub firewall in the custom secondary',
      resources: [hubEus2, hubWus2],
      status: 'pass',
    },
    {
      name: 'a hub firewall in the primary only',
      resources: [hubEus2],
      status: 'fail',
    },
  ])('$name: $status', ({ resources, status }) => {
    const result = run(
      checkFirewall,
      input(resources, { secondaryRegion: 'westus2' }),
    );
    expect(result.status).toBe(status);
    expect(result.title).toBe('A firewall filters traffic in West US 2');
    expect(result.impact).toBe(status === 'fail' ? 'goes-down' : undefined);
    expect(
      result.remediation.includes('azurerm_firewall sku_tier = "Premium"'),
    ).toBe(status === 'fail');
  });

  it('does not apply without a firewall in the lost region', () => {
    expect(
      checkFirewall(input([hubWus2], { secondaryRegion: 'westus2' })),
    ).toBeUndefined();
  });

  it.each([
    { zones: ['1', '2', '3'], status: 'pass', read: true },
    { zones: ['1'], status: 'warn', read: true },
    { zones: null, status: 'warn', read: true },
    { zones: null, status: 'unknown', read: false },
  ])(
    'zones $zones (properties read: $read): $status',
    ({ zones, status, read }) => {
      const resource = firewall('afw-hub-eus2', 'eastus2', zones);
      const result = run(
        checkZoneRedundancy,
        input(read ? [resource] : withoutProperties([resource])),
      );
      expect(result.status).toBe(status);
      expect(result.mirrors?.aprl).toContain('c72b7fee');
    },
  );
});

describe('checkFirewallPolicy', () => {
  const policyEus2 = firewallPolicy('afwp-hub-eus2', 'eastus2');
  const policyWus2 = firewallPolicy('afwp-hub-wus2', 'westus2');
  const usingPolicy = (
    hub: typeof hubEus2,
    policy: typeof policyEus2 | undefined,
    extra: Record<string, unknown> = {},
  ) => {
    const { firewallPolicy: _, ...properties } = hub.properties;
    return {
      ...hub,
      properties: {
        ...properties,
        ...(policy ? { firewallPolicy: { id: policy.id } } : {}),
        ...extra,
      },
    };
  };
  const secondary = { secondaryRegion: 'westus2' };

  it.each([
    {
      name: 'a policy in each region',
      resources: [
        usingPolicy(hubEus2, policyEus2),
        usingPolicy(hubWus2, policyWus2),
        policyEus2,
        policyWus2,
      ],
      status: 'pass',
      summary:
        'afw-hub-wus2 (afwp-hub-wus2) takes its rules from a policy in West US 2.',
    },
    {
      name: 'the secondary firewall uses the primary policy',
      resources: [
        usingPolicy(hubEus2, policyEus2),
        usingPolicy(hubWus2, policyEus2),
        policyEus2,
      ],
      status: 'warn',
      summary:
        'afw-hub-wus2 in West US 2 takes its rules from afwp-hub-eus2 in East US 2: they keep applying, but cannot be changed while East US 2 is down.',
    },
    {
      name: 'the secondary firewall has classic rules',
      resources: [
        usingPolicy(hubEus2, policyEus2),
        usingPolicy(hubWus2, undefined, {
          networkRuleCollections: [
            { name: 'spoke-egress', properties: { priority: 100 } },
          ],
        }),
        policyEus2,
      ],
      status: 'warn',
      summary:
        'afw-hub-wus2 in West US 2 uses classic rules, not a policy like afwp-hub-eus2: two rule sets to keep in step.',
    },
    {
      name: 'no firewall in the secondary',
      resources: [usingPolicy(hubEus2, policyEus2), policyEus2],
      status: 'warn',
      summary:
        'No Azure Firewall of the service runs in West US 2 for a policy like afwp-hub-eus2 to govern.',
    },
    {
      name: 'the secondary policy is not in the inventory',
      resources: [
        usingPolicy(hubEus2, policyEus2),
        usingPolicy(hubWus2, policyWus2),
        policyEus2,
      ],
      status: 'unknown',
      summary: `The policy ${policyWus2.id} of afw-hub-wus2 is not in the inventory.`,
    },
  ])('$name: $status', ({ resources, status, summary }) => {
    const result = run(checkFirewallPolicy, input(resources, secondary));
    expect(result.status).toBe(status);
    expect(result.summary).toBe(summary);
    expect(result.title).toBe(
      'A firewall policy governs the firewall in West US 2',
    );
    expect(result.blocking).toBe(false);
  });

  it('fails when the secondary firewall has neither policy nor rules: it denies everything', () => {
    const result = run(
      checkFirewallPolicy,
      input(
        [
          usingPolicy(hubEus2, policyEus2),
          usingPolicy(hubWus2, undefined),
          policyEus2,
        ],
        secondary,
      ),
    );
    expect(result).toMatchObject({
      status: 'fail',
      blocking: true,
      impact: 'goes-down',
    });
    expect(result.remediation).toBe(
      'Associate afw-hub-wus2 with a policy like afwp-hub-eus2 (Terraform azurerm_firewall firewall_policy_id).',
    );
  });

  it('does not apply without a policy in the lost region', () => {
    expect(
      checkFirewallPolicy(
        input([usingPolicy(hubWus2, policyWus2), policyWus2], secondary),
      ),
    ).toBeUndefined();
  });
});

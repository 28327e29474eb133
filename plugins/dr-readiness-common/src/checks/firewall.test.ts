import { checkFirewall } from './firewall';
import { checkZoneRedundancy } from './zones';
import { withoutProperties } from '../__fixtures__/arm';
import { input, run } from '../__fixtures__/checkInput';
import { firewall } from '../__fixtures__/families';

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

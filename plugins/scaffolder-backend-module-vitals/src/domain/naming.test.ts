import { AZURE_REGIONS } from '@vitals/plugin-dr-readiness-common';
import { addressPlans, azureResourceNames, nameHash } from './naming';

const longestRegion = [...AZURE_REGIONS]
  .map(r => r.name)
  .sort((a, b) => b.length - a.length)[0];

describe('azureResourceNames', () => {
  const names = azureResourceNames('claims-intake', 'eastus2', 'centralus');

  it('derives every name from the service and its regions', () => {
    expect(names.resourceGroups).toEqual({
      primary: 'rg-claims-intake-eastus2',
      secondary: 'rg-claims-intake-centralus',
      global: 'rg-claims-intake-global',
    });
    expect(names.webApps.secondary).toBe('app-claims-intake-centralus');
    expect(names.sqlServers.primary).toBe('sql-claims-intake-eastus2');
    expect(names.sqlDatabase).toBe('claims-intake');
    expect(names.logAnalyticsWorkspace).toBe('log-claims-intake');
    expect(names.applicationInsights).toEqual({
      primary: 'appi-claims-intake-eastus2',
      secondary: 'appi-claims-intake-centralus',
    });
  });

  it('gives globally unique resources a stable hash of the service name', () => {
    const hash = nameHash('claims-intake');
    expect(hash).toMatch(/^[0-9a-f]{4}$/);
    expect(names.keyVault).toBe(`kv-claims-intake-${hash}`);
    expect(names.storageAccount).toBe(`stclaimsintake${hash}`);
    expect(names.sqlFailoverGroup).toBe(`sql-claims-intake-${hash}`);
    expect(
      azureResourceNames('claims-intake', 'westus3', 'eastus').keyVault,
    ).toBe(names.keyVault);
    expect(
      azureResourceNames('claims-intakes', 'eastus2', 'centralus').keyVault,
    ).not.toBe(names.keyVault);
  });

  it.each([
    'abc',
    'claims-intake',
    'a-very-long-service-name-of-30',
    'a2345678901234-abcdefghijklmno',
  ])('keeps %p within the Azure limits, with the longest region', service => {
    const n = azureResourceNames(service, longestRegion, longestRegion);
    // Key Vault: 3-24 characters, letters, digits, single hyphens, starting with a letter.
    expect(n.keyVault).toMatch(/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/);
    expect(n.keyVault).not.toContain('--');
    // Storage: 3-24 lowercase letters and digits.
    expect(n.storageAccount).toMatch(/^[a-z0-9]{3,24}$/);
    // AKS cluster names allow 54 characters, web apps 60, SQL servers 63.
    expect(n.aksClusters.primary.length).toBeLessThanOrEqual(54);
    expect(n.webApps.primary.length).toBeLessThanOrEqual(60);
    expect(n.sqlServers.primary.length).toBeLessThanOrEqual(63);
    expect(n.sqlFailoverGroup).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(n.trafficManagerDnsLabel).toMatch(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    );
  });
});

describe('addressPlans', () => {
  it('gives the two regions different, non-overlapping /16s inside 10.16-10.239', () => {
    for (const service of [
      'claims-intake',
      'lab-orders',
      'x1y',
      'doha-scheduling',
    ]) {
      const { primary, secondary } = addressPlans(service);
      const octet = (cidr: string) => Number(cidr.split('.')[1]);
      expect(octet(secondary.addressSpace)).toBe(
        octet(primary.addressSpace) + 1,
      );
      expect(octet(primary.addressSpace) % 2).toBe(0);
      expect(octet(primary.addressSpace)).toBeGreaterThanOrEqual(16);
      expect(octet(secondary.addressSpace)).toBeLessThanOrEqual(239);
      expect(
        primary.workloadSubnet.startsWith(
          `10.${octet(primary.addressSpace)}.0.0`,
        ),
      ).toBe(true);
      expect(primary.privateEndpointSubnet).toBe(
        `10.${octet(primary.addressSpace)}.8.0/24`,
      );
    }
  });
});

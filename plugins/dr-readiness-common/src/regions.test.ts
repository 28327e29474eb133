import {
  AZURE_REGIONS,
  UnknownRegionError,
  describePairing,
  getPairedRegion,
  getRegion,
  isSameGeography,
  requireRegion,
  suggestRegions,
} from './regions';

describe('AZURE_REGIONS', () => {
  it('lists each programmatic name once, in order', () => {
    const names = AZURE_REGIONS.map(r => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    // 56 regions of the Microsoft Learn list, plus the access-restricted
    // Sweden South, Jio India Central and Jio India West.
    expect(names).toHaveLength(59);
  });

  it('uses programmatic names that are the normalised display names', () => {
    for (const region of AZURE_REGIONS) {
      expect(region.displayName.toLowerCase().replace(/[^a-z0-9]/g, '')).toBe(
        region.name,
      );
    }
  });

  it('names only listed regions as pairs', () => {
    const names = new Set(AZURE_REGIONS.map(r => r.name));
    const dangling = AZURE_REGIONS.filter(
      r => r.pairedRegion !== undefined && !names.has(r.pairedRegion),
    );
    expect(dangling).toEqual([]);
  });

  it.each([
    [
      'eastus2',
      'East US 2',
      'United States',
      'centralus',
      'two-way',
      true,
      false,
    ],
    [
      'centralus',
      'Central US',
      'United States',
      'eastus2',
      'two-way',
      true,
      false,
    ],
    ['eastus', 'East US', 'United States', 'westus', 'two-way', true, false],
    ['westus', 'West US', 'United States', 'eastus', 'two-way', false, false],
    ['westus3', 'West US 3', 'United States', 'eastus', 'one-way', true, false],
    [
      'westus2',
      'West US 2',
      'United States',
      'westcentralus',
      'two-way',
      true,
      false,
    ],
    [
      'northcentralus',
      'North Central US',
      'United States',
      'southcentralus',
      'two-way',
      false,
      false,
    ],
    [
      'brazilsouth',
      'Brazil South',
      'Brazil',
      'southcentralus',
      'one-way',
      true,
      false,
    ],
    [
      'brazilsoutheast',
      'Brazil Southeast',
      'Brazil',
      'brazilsouth',
      'one-way',
      false,
      true,
    ],
    ['westindia', 'West India', 'India', 'southindia', 'one-way', false, false],
    [
      'southindia',
      'South India',
      'India',
      'centralindia',
      'two-way',
      false,
      false,
    ],
    ['uksouth', 'UK South', 'United Kingdom', 'ukwest', 'two-way', true, false],
    [
      'northeurope',
      'North Europe',
      'Europe',
      'westeurope',
      'two-way',
      true,
      false,
    ],
    [
      'swedencentral',
      'Sweden Central',
      'Sweden',
      'swedensouth',
      'two-way',
      true,
      false,
    ],
    ['uaenorth', 'UAE North', 'UAE', 'uaecentral', 'two-way', true, false],
    [
      'koreacentral',
      'Korea Central',
      'Korea',
      'koreasouth',
      'two-way',
      true,
      false,
    ],
    [
      'eastasia',
      'East Asia',
      'Asia Pacific',
      'southeastasia',
      'two-way',
      true,
      false,
    ],
    [
      'australiacentral2',
      'Australia Central 2',
      'Australia',
      'australiacentral',
      'two-way',
      false,
      true,
    ],
  ])(
    '%s: %s in %s, paired with %s (%s)',
    (name, display, geography, pair, direction, zones, restricted) => {
      expect(getRegion(name)).toEqual({
        name,
        displayName: display,
        geography,
        physicalLocation: expect.any(String),
        pairedRegion: pair,
        pairDirection: direction,
        availabilityZones: zones,
        accessRestricted: restricted,
      });
    },
  );

  it.each([
    ['qatarcentral', 'Qatar'],
    ['polandcentral', 'Poland'],
    ['israelcentral', 'Israel'],
    ['italynorth', 'Italy'],
    ['spaincentral', 'Spain'],
    ['mexicocentral', 'Mexico'],
    ['newzealandnorth', 'New Zealand'],
    ['austriaeast', 'Austria'],
    ['belgiumcentral', 'Belgium'],
    ['chilecentral', 'Chile'],
    ['denmarkeast', 'Denmark'],
    ['indonesiacentral', 'Indonesia'],
    ['malaysiawest', 'Malaysia'],
  ])('%s is a nonpaired region in %s', (name, geography) => {
    const region = getRegion(name);
    expect(region?.geography).toBe(geography);
    expect(region?.pairedRegion).toBeUndefined();
    expect(region?.pairDirection).toBe('none');
    expect(region?.availabilityZones).toBe(true);
  });

  it('has exactly the documented one-way pairs', () => {
    expect(
      AZURE_REGIONS.filter(r => r.pairDirection === 'one-way').map(r => r.name),
    ).toEqual(['brazilsouth', 'brazilsoutheast', 'westindia', 'westus3']);
  });
});

describe('getRegion', () => {
  it.each([
    ['eastus2', 'eastus2'],
    ['EastUS2', 'eastus2'],
    ['East US 2', 'eastus2'],
    ['east us2', 'eastus2'],
    ['  West US 3 ', 'westus3'],
    ['UAE North', 'uaenorth'],
    ['Germany West Central', 'germanywestcentral'],
  ])('%j → %s', (input, expected) => {
    expect(getRegion(input)?.name).toBe(expected);
  });

  it.each([[''], ['eastus4'], ['mars'], [undefined], [null]])(
    '%j → undefined',
    input => {
      expect(getRegion(input)).toBeUndefined();
    },
  );
});

describe('getPairedRegion', () => {
  it.each([
    ['eastus2', 'centralus'],
    ['Central US', 'eastus2'],
    ['westus3', 'eastus'],
    ['brazilsouth', 'southcentralus'],
    ['westindia', 'southindia'],
    ['qatarcentral', undefined],
    ['italynorth', undefined],
  ])('%s → %s', (name, pair) => {
    expect(getPairedRegion(name)?.name).toBe(pair);
  });

  it('throws for an unknown region', () => {
    expect(() => getPairedRegion('eastus4')).toThrow(UnknownRegionError);
  });
});

describe('describePairing', () => {
  it.each([
    ['eastus2', 'centralus', 'paired'],
    ['centralus', 'East US 2', 'paired'],
    ['eastus', 'westus', 'paired'],
    ['westus3', 'eastus', 'one-way'],
    ['brazilsouth', 'southcentralus', 'one-way'],
    ['brazilsoutheast', 'brazilsouth', 'one-way'],
    ['westindia', 'southindia', 'one-way'],
    // West US 3 points at East US, but East US's pair is West US.
    ['eastus', 'westus3', 'custom'],
    ['eastus2', 'westus2', 'custom'],
    ['southcentralus', 'brazilsouth', 'custom'],
    ['qatarcentral', 'uaenorth', 'unpaired'],
    ['polandcentral', 'germanywestcentral', 'unpaired'],
  ])('%s → %s is %s', (primary, secondary, pairing) => {
    expect(describePairing(primary, secondary)).toBe(pairing);
  });

  it('throws naming the unknown region', () => {
    expect(() => describePairing('eastus2', 'centralus2')).toThrow(
      'Unknown Azure region "centralus2". Did you mean centralus',
    );
  });
});

describe('isSameGeography', () => {
  it.each([
    ['eastus2', 'westus2', true],
    ['northeurope', 'westeurope', true],
    ['brazilsouth', 'southcentralus', false],
    ['uksouth', 'westeurope', false],
    ['qatarcentral', 'uaenorth', false],
    ['Central India', 'southindia', true],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(isSameGeography(a, b)).toBe(expected);
  });

  it('throws for an unknown region', () => {
    expect(() => isSameGeography('eastus2', 'moon')).toThrow(
      UnknownRegionError,
    );
  });
});

describe('UnknownRegionError', () => {
  it.each([
    ['eastus4', ['eastus', 'eastus2']],
    ['westeuorpe', ['westeurope']],
    ['centrlus', ['centralus']],
    ['uk south west', ['uksouth']],
  ])('suggests close matches for %s', (input, suggestions) => {
    const error = (() => {
      try {
        requireRegion(input);
      } catch (e) {
        return e as UnknownRegionError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(UnknownRegionError);
    expect(error.name).toBe('UnknownRegionError');
    expect(error.region).toBe(input);
    expect(error.suggestions).toEqual(expect.arrayContaining(suggestions));
    expect(error.message).toContain(`"${input}"`);
    expect(error.message).toContain(suggestions[0]);
  });

  it('points at the programmatic names when nothing is close', () => {
    const error = new UnknownRegionError('atlantis-deep');
    expect(error.suggestions).toEqual([]);
    expect(error.message).toBe(
      'Unknown Azure region "atlantis-deep". Use a programmatic region name such as eastus2 (az account list-locations).',
    );
  });

  it('limits and orders suggestions by distance', () => {
    expect(suggestRegions('eastus3')).toEqual(['eastus', 'eastus2', 'westus3']);
    expect(suggestRegions('eastus3', 1)).toEqual(['eastus']);
    expect(suggestRegions('')).toEqual([]);
  });
});

import { AZURE_REGIONS } from '@vitals/plugin-dr-readiness-common';
import {
  RegionChoiceError,
  regionsInGeography,
  resolveRegionPair,
} from './regionPair';

function refusal(request: Parameters<typeof resolveRegionPair>[0]) {
  try {
    resolveRegionPair(request);
  } catch (e) {
    expect(e).toBeInstanceOf(RegionChoiceError);
    return e as RegionChoiceError;
  }
  throw new Error('expected a refusal');
}

describe('resolveRegionPair', () => {
  it.each([
    ['eastus2', undefined, 'centralus', 'paired', 'pair'],
    ['eastus2', '', 'centralus', 'paired', 'pair'],
    ['East US 2', 'pair', 'centralus', 'paired', 'pair'],
    ['westus3', 'pair', 'eastus', 'one-way', 'pair'],
    ['eastus2', 'westus2', 'westus2', 'custom', 'requested'],
    ['eastus2', 'centralus', 'centralus', 'paired', 'requested'],
  ])(
    '%s with secondary %p resolves %s (%s)',
    (primary, secondary, expected, pairing, source) => {
      const result = resolveRegionPair({
        primaryRegion: primary,
        secondaryRegion: secondary,
        dataClassification: 'phi',
      });
      expect(result.secondary.name).toBe(expected);
      expect(result.pairing).toBe(pairing);
      expect(result.source).toBe(source);
      expect(result.sameGeography).toBe(true);
    },
  );

  it('warns about one-way pairs, which Azure does not recover together', () => {
    const { warnings } = resolveRegionPair({ primaryRegion: 'westus3' });
    expect(warnings.join()).toContain('one-way pair');
    expect(warnings.join()).toContain('eastus is itself paired with westus');
  });

  it('warns that a custom secondary gets no platform replication', () => {
    const { warnings } = resolveRegionPair({
      primaryRegion: 'eastus2',
      secondaryRegion: 'westus2',
    });
    expect(warnings.join()).toContain(
      'westus2 is not the Azure pair of eastus2',
    );
  });

  it('warns before an access-restricted secondary', () => {
    const { warnings } = resolveRegionPair({
      primaryRegion: 'switzerlandnorth',
    });
    expect(warnings.join()).toContain('access-restricted');
  });

  it('follows a pair into another geography for data that is not PHI', () => {
    const result = resolveRegionPair({
      primaryRegion: 'brazilsouth',
      dataClassification: 'public',
    });
    expect([result.secondary.name, result.pairing]).toEqual([
      'southcentralus',
      'one-way',
    ]);
  });

  it('lets non-PHI data leave the geography, with a warning', () => {
    const result = resolveRegionPair({
      primaryRegion: 'qatarcentral',
      secondaryRegion: 'uaenorth',
      dataClassification: 'internal',
    });
    expect(result.pairing).toBe('unpaired');
    expect(result.sameGeography).toBe(false);
    expect(result.warnings.join()).toContain('not for PHI');
  });

  it('refuses a PHI secondary in another geography and suggests the pair', () => {
    const e = refusal({
      primaryRegion: 'eastus2',
      secondaryRegion: 'westeurope',
      dataClassification: 'phi',
    });
    expect(e.field).toBe('secondaryRegion');
    expect(e.message).toContain(
      'is in the Europe geography, but primaryRegion eastus2 (East US 2) is in United States',
    );
    expect(e.message).toContain('Choose centralus, the Azure pair');
  });

  it('refuses the pair itself when it lies in another geography (Brazil South → South Central US)', () => {
    const e = refusal({
      primaryRegion: 'brazilsouth',
      dataClassification: 'phi',
    });
    expect(e.message).toContain(
      'southcentralus (South Central US) is in the United States geography',
    );
    expect(e.message).toContain('Choose brazilsoutheast (Brazil)');
  });

  it('treats a missing classification as PHI', () => {
    expect(
      refusal({ primaryRegion: 'uksouth', secondaryRegion: 'francecentral' })
        .field,
    ).toBe('secondaryRegion');
  });

  it('refuses PHI in a nonpaired region whose geography has no second region', () => {
    const e = refusal({
      primaryRegion: 'qatarcentral',
      dataClassification: 'phi',
    });
    expect(e.message).toContain('Qatar has no other Azure region');
  });

  it('asks for an explicit secondary for a nonpaired primary', () => {
    const e = refusal({
      primaryRegion: 'italynorth',
      dataClassification: 'internal',
    });
    expect(e.field).toBe('secondaryRegion');
    expect(e.message).toContain('nonpaired region');
  });

  it('refuses the primary as its own secondary', () => {
    expect(
      refusal({ primaryRegion: 'eastus2', secondaryRegion: 'eastus2' }).message,
    ).toContain('is the primary region');
  });

  it('refuses unknown regions, suggesting close names', () => {
    const primary = refusal({ primaryRegion: 'eastus3' });
    expect(primary.field).toBe('primaryRegion');
    expect(primary.message).toMatch(/Did you mean .*eastus/);
    const secondary = refusal({
      primaryRegion: 'eastus2',
      secondaryRegion: 'centrlus',
    });
    expect(secondary.field).toBe('secondaryRegion');
    expect(secondary.message).toContain('centralus');
    expect(refusal({ primaryRegion: '' }).message).toContain(
      'primaryRegion is required',
    );
  });

  it('resolves every paired region of the table to a region of its own geography', () => {
    for (const region of AZURE_REGIONS.filter(
      r => r.pairedRegion && r.geography !== 'Brazil',
    )) {
      const result = resolveRegionPair({
        primaryRegion: region.name,
        dataClassification: 'phi',
      });
      expect(result.secondary.name).toBe(region.pairedRegion);
    }
  });
});

describe('regionsInGeography', () => {
  it('lists open regions before access-restricted ones', () => {
    expect(regionsInGeography('Switzerland').map(r => r.name)).toEqual([
      'switzerlandnorth',
      'switzerlandwest',
    ]);
    expect(regionsInGeography('Qatar', 'qatarcentral')).toEqual([]);
  });
});

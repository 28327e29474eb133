import { normalizeRegion } from '@vitals/azure-inventory-common';

/**
 * How a region relates to its Azure pair:
 * - `two-way`: the pair's pair is this region (East US 2 ⇄ Central US);
 * - `one-way`: this region names a pair that is paired elsewhere (West US 3 → East US, East US ⇄ West US);
 * - `none`: a nonpaired region, which relies on availability zones instead.
 */
export type RegionPairDirection = 'two-way' | 'one-way' | 'none';

/** One public-cloud Azure region. */
export interface AzureRegion {
  /** Programmatic name, as in `location`: `eastus2`. */
  name: string;
  /** Display name: `East US 2`. */
  displayName: string;
  /** Azure geography, the data-residency boundary: `United States`. */
  geography: string;
  /** Where the datacenters are: `Virginia`. */
  physicalLocation: string;
  /** Programmatic name of the paired region, if the region has one. */
  pairedRegion?: string;
  pairDirection: RegionPairDirection;
  /** Whether the region offers availability zones. */
  availabilityZones: boolean;
  /** Access is restricted to in-country disaster recovery (Australia Central 2, France South...). */
  accessRestricted: boolean;
}

/**
 * How a declared secondary relates to the primary:
 * - `paired`: each is the other's Azure pair;
 * - `one-way`: the secondary is the primary's pair, but the secondary is paired elsewhere;
 * - `unpaired`: the primary has no Azure pair;
 * - `custom`: the secondary is not the primary's pair.
 */
export type RegionPairing = 'paired' | 'one-way' | 'unpaired' | 'custom';

type RegionRow = [
  name: string,
  displayName: string,
  geography: string,
  physicalLocation: string,
  pairedRegion: string | null,
  availabilityZones: boolean,
  accessRestricted: boolean,
];

// Source: Microsoft Learn, "Azure regions list" and "Azure region pairs and
// nonpaired regions" (reliability docs, 2025). Asymmetric pairs there:
// Brazil South → South Central US, West India → South India, West US 3 → East US;
// Brazil Southeast → Brazil South follows from the table. Sweden South and the
// Jio India regions are access-restricted regions listed by `az account list-locations`.
// prettier-ignore
const REGION_ROWS: readonly RegionRow[] = [
  ['australiacentral', 'Australia Central', 'Australia', 'Canberra', 'australiacentral2', false, false],
  ['australiacentral2', 'Australia Central 2', 'Australia', 'Canberra', 'australiacentral', false, true],
  ['australiaeast', 'Australia East', 'Australia', 'New South Wales', 'australiasoutheast', true, false],
  ['australiasoutheast', 'Australia Southeast', 'Australia', 'Victoria', 'australiaeast', false, false],
  ['austriaeast', 'Austria East', 'Austria', 'Vienna', null, true, false],
  ['belgiumcentral', 'Belgium Central', 'Belgium', 'Brussels', null, true, false],
  ['brazilsouth', 'Brazil South', 'Brazil', 'Sao Paulo State', 'southcentralus', true, false],
  ['brazilsoutheast', 'Brazil Southeast', 'Brazil', 'Rio', 'brazilsouth', false, true],
  ['canadacentral', 'Canada Central', 'Canada', 'Toronto', 'canadaeast', true, false],
  ['canadaeast', 'Canada East', 'Canada', 'Quebec', 'canadacentral', false, false],
  ['centralindia', 'Central India', 'India', 'Pune', 'southindia', true, false],
  ['centralus', 'Central US', 'United States', 'Iowa', 'eastus2', true, false],
  ['chilecentral', 'Chile Central', 'Chile', 'Santiago', null, true, false],
  ['denmarkeast', 'Denmark East', 'Denmark', 'Copenhagen', null, true, false],
  ['eastasia', 'East Asia', 'Asia Pacific', 'Hong Kong SAR', 'southeastasia', true, false],
  ['eastus', 'East US', 'United States', 'Virginia', 'westus', true, false],
  ['eastus2', 'East US 2', 'United States', 'Virginia', 'centralus', true, false],
  ['francecentral', 'France Central', 'France', 'Paris', 'francesouth', true, false],
  ['francesouth', 'France South', 'France', 'Marseille', 'francecentral', false, true],
  ['germanynorth', 'Germany North', 'Germany', 'Berlin', 'germanywestcentral', false, true],
  ['germanywestcentral', 'Germany West Central', 'Germany', 'Frankfurt', 'germanynorth', true, false],
  ['indonesiacentral', 'Indonesia Central', 'Indonesia', 'Jakarta', null, true, false],
  ['israelcentral', 'Israel Central', 'Israel', 'Israel', null, true, false],
  ['italynorth', 'Italy North', 'Italy', 'Milan', null, true, false],
  ['japaneast', 'Japan East', 'Japan', 'Tokyo, Saitama', 'japanwest', true, false],
  ['japanwest', 'Japan West', 'Japan', 'Osaka', 'japaneast', true, false],
  ['jioindiacentral', 'Jio India Central', 'India', 'Nagpur', 'jioindiawest', false, true],
  ['jioindiawest', 'Jio India West', 'India', 'Jamnagar', 'jioindiacentral', false, true],
  ['koreacentral', 'Korea Central', 'Korea', 'Seoul', 'koreasouth', true, false],
  ['koreasouth', 'Korea South', 'Korea', 'Busan', 'koreacentral', false, false],
  ['malaysiawest', 'Malaysia West', 'Malaysia', 'Kuala Lumpur', null, true, false],
  ['mexicocentral', 'Mexico Central', 'Mexico', 'Querétaro State', null, true, false],
  ['newzealandnorth', 'New Zealand North', 'New Zealand', 'Auckland', null, true, false],
  ['northcentralus', 'North Central US', 'United States', 'Illinois', 'southcentralus', false, false],
  ['northeurope', 'North Europe', 'Europe', 'Ireland', 'westeurope', true, false],
  ['norwayeast', 'Norway East', 'Norway', 'Norway', 'norwaywest', true, false],
  ['norwaywest', 'Norway West', 'Norway', 'Norway', 'norwayeast', false, true],
  ['polandcentral', 'Poland Central', 'Poland', 'Warsaw', null, true, false],
  ['qatarcentral', 'Qatar Central', 'Qatar', 'Doha', null, true, false],
  ['southafricanorth', 'South Africa North', 'South Africa', 'Johannesburg', 'southafricawest', true, false],
  ['southafricawest', 'South Africa West', 'South Africa', 'Cape Town', 'southafricanorth', false, true],
  ['southcentralus', 'South Central US', 'United States', 'Texas', 'northcentralus', true, false],
  ['southeastasia', 'Southeast Asia', 'Asia Pacific', 'Singapore', 'eastasia', true, false],
  ['southindia', 'South India', 'India', 'Chennai', 'centralindia', false, false],
  ['spaincentral', 'Spain Central', 'Spain', 'Madrid', null, true, false],
  ['swedencentral', 'Sweden Central', 'Sweden', 'Gävle', 'swedensouth', true, false],
  ['swedensouth', 'Sweden South', 'Sweden', 'Staffanstorp', 'swedencentral', false, true],
  ['switzerlandnorth', 'Switzerland North', 'Switzerland', 'Zurich', 'switzerlandwest', true, false],
  ['switzerlandwest', 'Switzerland West', 'Switzerland', 'Geneva', 'switzerlandnorth', false, true],
  ['uaecentral', 'UAE Central', 'UAE', 'Abu Dhabi', 'uaenorth', false, true],
  ['uaenorth', 'UAE North', 'UAE', 'Dubai', 'uaecentral', true, false],
  ['uksouth', 'UK South', 'United Kingdom', 'London', 'ukwest', true, false],
  ['ukwest', 'UK West', 'United Kingdom', 'Cardiff', 'uksouth', false, false],
  ['westcentralus', 'West Central US', 'United States', 'Wyoming', 'westus2', false, false],
  ['westeurope', 'West Europe', 'Europe', 'Netherlands', 'northeurope', true, false],
  ['westindia', 'West India', 'India', 'Mumbai', 'southindia', false, false],
  ['westus', 'West US', 'United States', 'California', 'eastus', false, false],
  ['westus2', 'West US 2', 'United States', 'Washington', 'westcentralus', true, false],
  ['westus3', 'West US 3', 'United States', 'Phoenix', 'eastus', true, false],
];

function pairDirectionOf(row: RegionRow): RegionPairDirection {
  const [name, , , , pair] = row;
  if (!pair) {
    return 'none';
  }
  const partner = REGION_ROWS.find(r => r[0] === pair);
  return partner?.[4] === name ? 'two-way' : 'one-way';
}

/** Every public-cloud Azure region, sorted by programmatic name. */
export const AZURE_REGIONS: readonly AzureRegion[] = REGION_ROWS.map(row => {
  const [name, displayName, geography, physicalLocation, pair] = row;
  const region: AzureRegion = {
    name,
    displayName,
    geography,
    physicalLocation,
    pairDirection: pairDirectionOf(row),
    availabilityZones: row[5],
    accessRestricted: row[6],
  };
  if (pair) {
    region.pairedRegion = pair;
  }
  return Object.freeze(region);
});

const REGIONS_BY_NAME = new Map(AZURE_REGIONS.map(r => [r.name, r]));

/** A region name that is not an Azure public-cloud region. */
export class UnknownRegionError extends Error {
  readonly region: string;
  /** Close matches, programmatic names. */
  readonly suggestions: string[];

  constructor(region: string) {
    const suggestions = suggestRegions(region);
    const hint =
      suggestions.length > 0
        ? `Did you mean ${suggestions.join(', ')}?`
        : 'Use a programmatic region name such as eastus2 (az account list-locations).';
    super(`Unknown Azure region "${region}". ${hint}`);
    this.name = 'UnknownRegionError';
    this.region = region;
    this.suggestions = suggestions;
  }
}

/** The region named by a programmatic or display name in any casing (`East US 2`, `EASTUS2`). */
export function getRegion(
  name: string | undefined | null,
): AzureRegion | undefined {
  // Checks look regions up by the same few names constantly; the exact
  // programmatic name needs no normalising.
  return (
    (name ? REGIONS_BY_NAME.get(name) : undefined) ??
    REGIONS_BY_NAME.get(normalizeRegion(name))
  );
}

/** Like {@link getRegion}, but throws {@link UnknownRegionError} for names that are not regions. */
export function requireRegion(name: string): AzureRegion {
  const region = getRegion(name);
  if (!region) {
    throw new UnknownRegionError(name);
  }
  return region;
}

/** The Azure pair of a region, or undefined for nonpaired regions. Throws for unknown regions. */
export function getPairedRegion(name: string): AzureRegion | undefined {
  const region = requireRegion(name);
  return region.pairedRegion
    ? REGIONS_BY_NAME.get(region.pairedRegion)
    : undefined;
}

/** How a declared secondary relates to the primary. Throws for unknown regions. */
export function describePairing(
  primary: string,
  secondary: string,
): RegionPairing {
  const p = requireRegion(primary);
  const s = requireRegion(secondary);
  if (p.pairedRegion === s.name) {
    return s.pairedRegion === p.name ? 'paired' : 'one-way';
  }
  if (!p.pairedRegion) {
    return 'unpaired';
  }
  return 'custom';
}

/** Whether two regions are in the same Azure geography (data residency). Throws for unknown regions. */
export function isSameGeography(a: string, b: string): boolean {
  return requireRegion(a).geography === requireRegion(b).geography;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Programmatic names close to a mistyped region: within an edit distance of a
 * third of the name (at least 2), or containing / contained in it, best first.
 */
export function suggestRegions(name: string, limit = 3): string[] {
  const wanted = normalizeRegion(name);
  if (!wanted) {
    return [];
  }
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  return AZURE_REGIONS.map(r => {
    const distance = editDistance(wanted, r.name);
    const related =
      wanted.length >= 4 &&
      (r.name.includes(wanted) || wanted.includes(r.name));
    return { name: r.name, distance, related };
  })
    .filter(c => c.distance <= tolerance || c.related)
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map(c => c.name);
}

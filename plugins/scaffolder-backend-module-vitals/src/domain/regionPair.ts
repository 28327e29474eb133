import {
  AZURE_REGIONS,
  AzureRegion,
  RegionPairing,
  describePairing,
  getPairedRegion,
  getRegion,
  suggestRegions,
} from '@vitals/plugin-dr-readiness-common';

/** The value of `secondaryRegion` that asks for the primary's Azure pair. */
export const PAIRED_REGION = 'pair';

/** A request field the region resolution refused, with the reason in words. */
export class RegionChoiceError extends Error {
  readonly field: 'primaryRegion' | 'secondaryRegion';

  constructor(field: 'primaryRegion' | 'secondaryRegion', message: string) {
    super(message);
    this.name = 'RegionChoiceError';
    this.field = field;
  }
}

/** The secondary region a service fails over to, and how it relates to the primary. */
export interface RegionPairResolution {
  primary: AzureRegion;
  secondary: AzureRegion;
  pairing: RegionPairing;
  /** `pair` when the secondary is the primary's Azure pair by default, `requested` when named. */
  source: 'pair' | 'requested';
  sameGeography: boolean;
  /** What the owner should know but that does not block the request. */
  warnings: string[];
}

export interface RegionPairRequest {
  primaryRegion: string;
  /** Empty, undefined or `pair` for the Azure pair. */
  secondaryRegion?: string;
  /** PHI (the default) keeps both regions in one geography. */
  dataClassification?: string;
}

function label(region: AzureRegion): string {
  return `${region.name} (${region.displayName})`;
}

function unknownRegion(
  field: 'primaryRegion' | 'secondaryRegion',
  value: string,
): RegionChoiceError {
  const suggestions = suggestRegions(value);
  const hint =
    suggestions.length > 0
      ? `Did you mean ${suggestions.join(', ')}?`
      : 'Use a programmatic Azure region name such as eastus2 (az account list-locations -o table).';
  return new RegionChoiceError(
    field,
    `${field} "${value}" is not an Azure region. ${hint}`,
  );
}

/** Regions of a geography other than `except`, paired ones first: candidates for a secondary. */
export function regionsInGeography(
  geography: string,
  except?: string,
): AzureRegion[] {
  return AZURE_REGIONS.filter(
    r => r.geography === geography && r.name !== except,
  ).sort(
    (a, b) =>
      Number(a.accessRestricted) - Number(b.accessRestricted) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * Resolves the secondary region of a service: the primary's Azure pair
 * unless another region is named. For PHI both regions must be in one
 * Azure geography: a failover must not move electronic protected health
 * information to another country's jurisdiction (data residency commitments
 * of the BAA and state law), so a secondary elsewhere is refused.
 * Throws {@link RegionChoiceError} naming the field.
 */
export function resolveRegionPair(
  request: RegionPairRequest,
): RegionPairResolution {
  const primaryValue = (request.primaryRegion ?? '').trim();
  if (!primaryValue) {
    throw new RegionChoiceError(
      'primaryRegion',
      'primaryRegion is required: the programmatic name of the Azure region the service runs in, e.g. eastus2',
    );
  }
  const primary = getRegion(primaryValue);
  if (!primary) {
    throw unknownRegion('primaryRegion', primaryValue);
  }
  // Unclassified data is treated as PHI: the residency rule errs on the safe side.
  const isPhi = (request.dataClassification || 'phi').toLowerCase() === 'phi';
  const requested = (request.secondaryRegion ?? '').trim();
  const warnings: string[] = [];

  let secondary: AzureRegion | undefined;
  let source: RegionPairResolution['source'];
  if (requested === '' || requested.toLowerCase() === PAIRED_REGION) {
    source = 'pair';
    secondary = getPairedRegion(primary.name);
    if (!secondary) {
      const sameGeography = regionsInGeography(primary.geography, primary.name);
      if (isPhi && sameGeography.length === 0) {
        throw new RegionChoiceError(
          'secondaryRegion',
          `${label(primary)} has no Azure pair and ${
            primary.geography
          } has no other Azure region, so PHI cannot be replicated to a second region inside its geography. ` +
            'Choose a primary region that has a pair (the DR tiers need a second region).',
        );
      }
      const examples = sameGeography
        .slice(0, 3)
        .map(r => r.name)
        .join(', ');
      throw new RegionChoiceError(
        'secondaryRegion',
        `${label(
          primary,
        )} is a nonpaired region (it relies on availability zones), so secondaryRegion must name the region to fail over to${
          examples ? `, e.g. ${examples}` : ''
        }.`,
      );
    }
  } else {
    source = 'requested';
    secondary = getRegion(requested);
    if (!secondary) {
      throw unknownRegion('secondaryRegion', requested);
    }
  }

  if (secondary.name === primary.name) {
    throw new RegionChoiceError(
      'secondaryRegion',
      `secondaryRegion ${label(
        secondary,
      )} is the primary region; a secondary must be another region to survive the loss of the primary.`,
    );
  }

  const sameGeography = secondary.geography === primary.geography;
  if (isPhi && !sameGeography) {
    const options = regionsInGeography(primary.geography, primary.name);
    const pairInGeography = options.find(r => r.name === primary.pairedRegion);
    const first = pairInGeography ?? options[0];
    const suggestion = first
      ? ` Choose ${first.name}${
          pairInGeography ? ', the Azure pair' : ` (${primary.geography})`
        }`
      : '';
    const more = options
      .filter(r => r.name !== first?.name)
      .slice(0, 3)
      .map(r => r.name);
    const alternatives = more.length > 0 ? ` (or ${more.join(', ')})` : '';
    throw new RegionChoiceError(
      'secondaryRegion',
      `secondaryRegion ${label(secondary)} is in the ${
        secondary.geography
      } geography, but primaryRegion ${label(primary)} is in ${
        primary.geography
      }. PHI must stay in one geography: a failover would otherwise move protected health information out of the jurisdiction the business associate agreement and data-residency commitments cover.${
        suggestion ? `${suggestion}${alternatives}.` : ''
      }`,
    );
  }

  const pairing = describePairing(primary.name, secondary.name);
  if (secondary.accessRestricted) {
    warnings.push(
      `${label(
        secondary,
      )} is an access-restricted region: request access for the subscription (Azure support request, "Region access") before the first apply.`,
    );
  }
  if (pairing === 'one-way') {
    const back = secondary.pairedRegion
      ? getRegion(secondary.pairedRegion)
      : undefined;
    warnings.push(
      `${label(primary)} → ${label(secondary)} is a one-way pair: ${
        secondary.name
      } is itself paired with ${
        back?.name ?? 'another region'
      }, so Azure does not prioritise the recovery of ${
        primary.name
      } in a geography-wide outage; plan failback explicitly.`,
    );
  }
  if (pairing === 'custom' || pairing === 'unpaired') {
    const storage =
      pairing === 'unpaired'
        ? `; geo-redundant storage replicates to the pair, so check that ${primary.name} offers it (the storage module requires it) before the first apply`
        : '';
    warnings.push(
      `${secondary.name} is not the Azure pair of ${primary.name}: services that replicate to the pair by themselves (geo-redundant storage, Key Vault, backups) do not replicate to ${secondary.name}${storage}.`,
    );
  }
  if (!sameGeography) {
    warnings.push(
      `${secondary.name} is in ${secondary.geography}, ${primary.name} in ${
        primary.geography
      }: allowed for ${
        request.dataClassification || 'this'
      } data, not for PHI.`,
    );
  }
  return { primary, secondary, pairing, source, sameGeography, warnings };
}

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AZURE_SELECTOR_ANNOTATION,
  AzureResource,
  AzureSelectorFailure,
  AzureSelectorTerm,
  VITALS_ENTITY_TAG,
  isChildOf,
  matchesAzureSelector,
  resolveAzureSelector,
} from '@vitals/azure-inventory-common';
import { isoDurationToSeconds } from './durations';
import {
  RegionPairing,
  describePairing,
  getPairedRegion,
  getRegion,
  suggestRegions,
} from './regions';
import type { DataClassification, DrTier, ObjectiveTier } from './types';

export const ANNOTATION_DR_TIER = 'vitals.dev/dr-tier';
export const ANNOTATION_RTO = 'vitals.dev/rto';
export const ANNOTATION_RPO = 'vitals.dev/rpo';
export const ANNOTATION_PRIMARY_REGION = 'vitals.dev/primary-region';
export const ANNOTATION_SECONDARY_REGION = 'vitals.dev/secondary-region';
export const ANNOTATION_DATA_CLASSIFICATION = 'vitals.dev/data-classification';

// The selector annotation and the entity tag have one home,
// @vitals/azure-inventory-common; the DR names stay for existing imports.
export {
  AZURE_SELECTOR_ANNOTATION as ANNOTATION_AZURE_SELECTOR,
  VITALS_ENTITY_TAG as DEFAULT_ENTITY_TAG,
};

/** The config key of the tier overrides. */
export const TIERS_CONFIG_KEY = 'vitals.drReadiness.tiers';

export const DR_TIERS: readonly DrTier[] = [
  'critical',
  'high',
  'standard',
  'none',
];

export const DATA_CLASSIFICATIONS: readonly DataClassification[] = [
  'phi',
  'pii',
  'confidential',
  'internal',
  'public',
];

/** Recovery objectives, ISO-8601 durations. */
export interface TierObjectives {
  rto: string;
  rpo: string;
}

/** The shape of `vitals.drReadiness.tiers` in config; every field optional. */
export type TierObjectivesConfig = Partial<
  Record<string, { rto?: string; rpo?: string } | undefined>
>;

export const DEFAULT_TIER_OBJECTIVES: Readonly<
  Record<ObjectiveTier, TierObjectives>
> = Object.freeze({
  critical: { rto: 'PT15M', rpo: 'PT5M' },
  high: { rto: 'PT1H', rpo: 'PT15M' },
  standard: { rto: 'PT4H', rpo: 'PT1H' },
});

/** Why a DR annotation or config value was rejected. */
export type DrPolicyErrorReason =
  | 'missing'
  | 'unknown-tier'
  | 'malformed-duration'
  | 'unknown-region'
  | 'same-region'
  | 'unknown-classification'
  | 'malformed-selector';

/**
 * A DR annotation or config value that cannot be used. The message names the
 * annotation (or config key) and the bad value, ready for a 400 response or an
 * empty state.
 */
export class DrPolicyValidationError extends Error {
  /** The annotation or config key, e.g. `vitals.dev/rto`. */
  readonly field: string;
  readonly value: string | undefined;
  readonly reason: DrPolicyErrorReason;

  constructor(
    field: string,
    value: string | undefined,
    reason: DrPolicyErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'DrPolicyValidationError';
    this.field = field;
    this.value = value;
    this.reason = reason;
  }
}

/** One clause of `vitals.dev/azure-selector`. */
export type AzureSelectorClause = AzureSelectorTerm;

/** Which Azure resources belong to an entity; a resource matches when any clause matches. */
export interface AzureSelector {
  clauses: AzureSelectorClause[];
  /** `default` when the annotation is absent and the entity-ref tag is used. */
  source: 'annotation' | 'default';
}

/** The DR policy of an entity, read from its annotations. */
export interface DrPolicy {
  entityRef: string;
  tier: DrTier;
  /** `default` when only a primary region is annotated and the tier falls back to `standard`. */
  tierSource: 'annotation' | 'default';
  /** ISO-8601 duration; null for tier `none` without an override. */
  rto: string | null;
  rpo: string | null;
  primaryRegion: string;
  /** Null when the primary is nonpaired and no secondary is annotated. */
  secondaryRegion: string | null;
  secondarySource: 'annotation' | 'pair' | 'none';
  pairing: RegionPairing;
  dataClassification: DataClassification | null;
  selector: AzureSelector;
}

/** The policy fields the readiness checks need. */
export type ReadinessPolicy = Pick<
  DrPolicy,
  'tier' | 'rto' | 'rpo' | 'primaryRegion' | 'secondaryRegion'
> &
  Partial<Pick<DrPolicy, 'dataClassification'>>;

export type DrPolicyResult =
  | { ok: true; policy: DrPolicy }
  | { ok: false; errors: DrPolicyValidationError[] };

function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** True when the entity declares a DR tier or a primary region. */
export function isDrReadinessAvailable(entity: Entity): boolean {
  return (
    annotation(entity, ANNOTATION_DR_TIER) !== undefined ||
    annotation(entity, ANNOTATION_PRIMARY_REGION) !== undefined
  );
}

function durationError(field: string, value: string): DrPolicyValidationError {
  return new DrPolicyValidationError(
    field,
    value,
    'malformed-duration',
    `${field} must be a positive ISO-8601 duration such as PT15M or PT1H, got "${value}"`,
  );
}

/**
 * The tier objectives after applying `vitals.drReadiness.tiers` overrides.
 * Throws {@link DrPolicyValidationError} naming the config key of a bad entry.
 */
export function resolveTierObjectives(
  overrides?: TierObjectivesConfig,
): Record<ObjectiveTier, TierObjectives> {
  const resolved: Record<ObjectiveTier, TierObjectives> = {
    critical: { ...DEFAULT_TIER_OBJECTIVES.critical },
    high: { ...DEFAULT_TIER_OBJECTIVES.high },
    standard: { ...DEFAULT_TIER_OBJECTIVES.standard },
  };
  for (const [key, entry] of Object.entries(overrides ?? {})) {
    const tier = key.toLocaleLowerCase('en-US');
    if (tier !== 'critical' && tier !== 'high' && tier !== 'standard') {
      throw new DrPolicyValidationError(
        `${TIERS_CONFIG_KEY}.${key}`,
        key,
        'unknown-tier',
        `${TIERS_CONFIG_KEY}.${key} is not a tier with objectives; use critical, high or standard`,
      );
    }
    for (const objective of ['rto', 'rpo'] as const) {
      const value = entry?.[objective];
      if (value === undefined) {
        continue;
      }
      const field = `${TIERS_CONFIG_KEY}.${key}.${objective}`;
      if (isoDurationToSeconds(value) === undefined) {
        throw durationError(field, String(value));
      }
      resolved[tier][objective] = value.trim().toUpperCase();
    }
  }
  return resolved;
}

function regionError(field: string, value: string): DrPolicyValidationError {
  const suggestions = suggestRegions(value);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.join(', ')}?`
      : ' Use a programmatic Azure region name such as eastus2.';
  return new DrPolicyValidationError(
    field,
    value,
    'unknown-region',
    `${field} names an unknown Azure region "${value}".${hint}`,
  );
}

function selectorError(
  value: string,
  failure: AzureSelectorFailure,
): DrPolicyValidationError {
  return new DrPolicyValidationError(
    AZURE_SELECTOR_ANNOTATION,
    value,
    'malformed-selector',
    failure.errors.map(error => error.message).join('; '),
  );
}

/**
 * Reads `vitals.dev/azure-selector` with the one parser in
 * `@vitals/azure-inventory-common`; absent or blank ⇒ the resources tagged
 * `vitals-entity=<entity ref>`. Throws {@link DrPolicyValidationError}
 * (`malformed-selector`) naming every bad clause.
 */
export function parseAzureSelector(
  value: string | undefined,
  entityRef: string,
): AzureSelector {
  const result = resolveAzureSelector(value, entityRef);
  if (!result.ok) {
    throw selectorError(value ?? '', result);
  }
  return { clauses: result.selector.terms, source: result.selector.source };
}

/** Whether a resource matches the selector (see `matchesAzureSelector`). */
export function matchesSelector(
  resource: AzureResource,
  selector: AzureSelector,
): boolean {
  return matchesAzureSelector(resource, selector.clauses);
}

/**
 * The resources of an entity: those matching the selector plus their child
 * resources (failover groups, Front Door origin groups and origins), which
 * Resource Manager returns without the parent's tags.
 */
export function selectResources(
  resources: readonly AzureResource[],
  selector: AzureSelector,
): AzureResource[] {
  const matched = resources.filter(r => matchesSelector(r, selector));
  return resources.filter(
    r =>
      matched.includes(r) || matched.some(parent => isChildOf(r.id, parent.id)),
  );
}

/**
 * Reads an entity's DR policy. Never throws for bad annotations: every
 * problem comes back as a {@link DrPolicyValidationError} naming the
 * annotation and the bad value.
 */
export function readDrPolicy(
  entity: Entity,
  options: { tiers?: TierObjectivesConfig } = {},
): DrPolicyResult {
  const errors: DrPolicyValidationError[] = [];
  const entityRef = stringifyEntityRef(entity);

  let objectives: Record<ObjectiveTier, TierObjectives> = {
    critical: DEFAULT_TIER_OBJECTIVES.critical,
    high: DEFAULT_TIER_OBJECTIVES.high,
    standard: DEFAULT_TIER_OBJECTIVES.standard,
  };
  try {
    objectives = resolveTierObjectives(options.tiers);
  } catch (e) {
    errors.push(e as DrPolicyValidationError);
  }

  const tierValue = annotation(entity, ANNOTATION_DR_TIER);
  let tier: DrTier = 'standard';
  if (tierValue !== undefined) {
    const wanted = tierValue.toLocaleLowerCase('en-US');
    if ((DR_TIERS as readonly string[]).includes(wanted)) {
      tier = wanted as DrTier;
    } else {
      errors.push(
        new DrPolicyValidationError(
          ANNOTATION_DR_TIER,
          tierValue,
          'unknown-tier',
          `${ANNOTATION_DR_TIER} must be one of ${DR_TIERS.join(
            ', ',
          )}, got "${tierValue}"`,
        ),
      );
    }
  }

  const objective = (key: typeof ANNOTATION_RTO | typeof ANNOTATION_RPO) => {
    const value = annotation(entity, key);
    if (value !== undefined) {
      if (isoDurationToSeconds(value) === undefined) {
        errors.push(durationError(key, value));
        return null;
      }
      return value.toUpperCase();
    }
    if (tier === 'none') {
      return null;
    }
    return key === ANNOTATION_RTO ? objectives[tier].rto : objectives[tier].rpo;
  };
  const rto = objective(ANNOTATION_RTO);
  const rpo = objective(ANNOTATION_RPO);

  const primaryValue = annotation(entity, ANNOTATION_PRIMARY_REGION);
  const primary = getRegion(primaryValue);
  if (primaryValue === undefined) {
    errors.push(
      new DrPolicyValidationError(
        ANNOTATION_PRIMARY_REGION,
        undefined,
        'missing',
        `${ANNOTATION_PRIMARY_REGION} is required to evaluate DR readiness; set it to the programmatic name of the region the service runs in, e.g. eastus2`,
      ),
    );
  } else if (!primary) {
    errors.push(regionError(ANNOTATION_PRIMARY_REGION, primaryValue));
  }

  const secondaryValue = annotation(entity, ANNOTATION_SECONDARY_REGION);
  const secondary = getRegion(secondaryValue);
  if (secondaryValue !== undefined && !secondary) {
    errors.push(regionError(ANNOTATION_SECONDARY_REGION, secondaryValue));
  } else if (secondary && primary && secondary.name === primary.name) {
    errors.push(
      new DrPolicyValidationError(
        ANNOTATION_SECONDARY_REGION,
        secondaryValue,
        'same-region',
        `${ANNOTATION_SECONDARY_REGION} "${secondaryValue}" is the primary region; a secondary must be another region`,
      ),
    );
  }

  const classificationValue = annotation(
    entity,
    ANNOTATION_DATA_CLASSIFICATION,
  );
  let dataClassification: DataClassification | null = null;
  if (classificationValue !== undefined) {
    const wanted = classificationValue.toLocaleLowerCase('en-US');
    if ((DATA_CLASSIFICATIONS as readonly string[]).includes(wanted)) {
      dataClassification = wanted as DataClassification;
    } else {
      errors.push(
        new DrPolicyValidationError(
          ANNOTATION_DATA_CLASSIFICATION,
          classificationValue,
          'unknown-classification',
          `${ANNOTATION_DATA_CLASSIFICATION} must be one of ${DATA_CLASSIFICATIONS.join(
            ', ',
          )}, got "${classificationValue}"`,
        ),
      );
    }
  }

  // Any bad clause makes the whole policy invalid: DR readiness judged on
  // part of a service's resources would read better than it is.
  const selectorValue = annotation(entity, AZURE_SELECTOR_ANNOTATION);
  const selectorResult = resolveAzureSelector(selectorValue, entityRef);
  let selector: AzureSelector | undefined;
  if (selectorResult.ok) {
    selector = {
      clauses: selectorResult.selector.terms,
      source: selectorResult.selector.source,
    };
  } else {
    errors.push(selectorError(selectorValue ?? '', selectorResult));
  }

  if (errors.length > 0 || !primary || !selector) {
    return { ok: false, errors };
  }

  const pair = getPairedRegion(primary.name);
  const secondaryRegion = secondary?.name ?? pair?.name ?? null;
  let secondarySource: DrPolicy['secondarySource'] = 'none';
  if (secondary) {
    secondarySource = 'annotation';
  } else if (pair) {
    secondarySource = 'pair';
  }
  return {
    ok: true,
    policy: {
      entityRef,
      tier,
      tierSource: tierValue === undefined ? 'default' : 'annotation',
      rto,
      rpo,
      primaryRegion: primary.name,
      secondaryRegion,
      secondarySource,
      pairing: secondaryRegion
        ? describePairing(primary.name, secondaryRegion)
        : 'unpaired',
      dataClassification,
      selector,
    },
  };
}

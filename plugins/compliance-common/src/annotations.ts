import type { Entity } from '@backstage/catalog-model';

/** The class of data a service handles; HIPAA applies to `phi`. */
export const COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION =
  'vitals.dev/data-classification';
/** The disaster-recovery tier of a service (`critical`, `high`, `standard`, `none`). */
export const COMPLIANCE_DR_TIER_ANNOTATION = 'vitals.dev/dr-tier';
// The selector annotation and the entity tag have one home,
// @vitals/azure-inventory-common; the compliance names stay for existing imports.
export {
  AZURE_SELECTOR_ANNOTATION as COMPLIANCE_AZURE_SELECTOR_ANNOTATION,
  VITALS_ENTITY_TAG,
} from '@vitals/azure-inventory-common';

export const DATA_CLASSIFICATIONS = [
  'phi',
  'pii',
  'confidential',
  'internal',
  'public',
] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export const DR_TIERS = ['critical', 'high', 'standard', 'none'] as const;
export type DrTier = (typeof DR_TIERS)[number];

export function isDataClassification(
  value: unknown,
): value is DataClassification {
  return (
    typeof value === 'string' &&
    (DATA_CLASSIFICATIONS as readonly string[]).includes(value)
  );
}

export function isDrTier(value: unknown): value is DrTier {
  return (
    typeof value === 'string' && (DR_TIERS as readonly string[]).includes(value)
  );
}

/** The declared classification as written, and its parsed value when it is one of the five. */
export interface DeclaredClassification {
  raw: string | undefined;
  value: DataClassification | undefined;
}

export function readDataClassification(entity: Entity): DeclaredClassification {
  const raw =
    entity.metadata.annotations?.[
      COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION
    ]?.trim();
  const normalised = raw?.toLowerCase();
  return {
    raw: raw || undefined,
    value: isDataClassification(normalised) ? normalised : undefined,
  };
}

/**
 * The compliance view has something to say once a service declares what data
 * it handles; without the annotation the empty state asks for it.
 */
export function isComplianceAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[COMPLIANCE_DATA_CLASSIFICATION_ANNOTATION],
  );
}

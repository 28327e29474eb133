import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AZURE_SELECTOR_ANNOTATION,
  AzureResource,
  AzureSelector,
  AzureSelectorFailure,
  AzureSelectorTerm,
  buildInventoryIndex,
  InventoryIndex,
  parseAzureSelectorTerms,
  resolveAzureSelector,
  resourcesForSelector,
  VITALS_ENTITY_TAG,
} from '@vitals/azure-inventory-common';

// The selector's grammar, constants and matching live in
// @vitals/azure-inventory-common; these names stay for the backends that
// import them from here.
export { AZURE_SELECTOR_ANNOTATION, VITALS_ENTITY_TAG as ENTITY_TAG };
export type { AzureSelector, AzureSelectorTerm };

function selectorInputError(failure: AzureSelectorFailure): InputError {
  return new InputError(failure.errors.map(e => e.message).join('; '));
}

/**
 * Parses a `vitals.dev/azure-selector` value. Throws an {@link InputError}
 * naming every bad term.
 */
export function parseAzureSelector(value: string): AzureSelectorTerm[] {
  const result = parseAzureSelectorTerms(value);
  if (!result.ok) {
    throw selectorInputError(result);
  }
  return result.terms;
}

/**
 * The entity's selector: its annotation, or the `vitals-entity=<entity ref>`
 * tag. Throws an {@link InputError} naming every bad term.
 */
export function azureSelectorForEntity(entity: Entity): AzureSelector {
  const result = resolveAzureSelector(
    entity.metadata.annotations?.[AZURE_SELECTOR_ANNOTATION],
    stringifyEntityRef(entity),
  );
  if (!result.ok) {
    throw selectorInputError(result);
  }
  return result.selector;
}

// The index over an inventory lives in @vitals/azure-inventory-common, shared
// with compliance; these names stay for the backends that import them from here.
export { InventoryIndex, buildInventoryIndex, resourcesForSelector };

/** The Azure resources that belong to `entity`, per its `vitals.dev/azure-selector`. */
export function resourcesForEntity(
  index: InventoryIndex,
  entity: Entity,
): AzureResource[] {
  return resourcesForSelector(index, azureSelectorForEntity(entity).terms);
}

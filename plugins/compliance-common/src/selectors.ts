import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  AZURE_SELECTOR_ANNOTATION,
  matchesAzureSelectorTerm,
  normalizeSelectorText,
  resolveAzureSelector,
  resourceGroupMatchKeyOf,
  resourceMatchKeys,
  tagMatchKey,
  termMatchKey,
  type AzureResource,
  type AzureSelectorTerm,
} from '@vitals/azure-inventory-common';
import { indexResources, type ResourceIndex } from './resourceIndex';

/** One clause of `vitals.dev/azure-selector`. */
export type AzureResourceSelector = AzureSelectorTerm;

export interface ParsedAzureSelectors {
  selectors: AzureResourceSelector[];
  /** Clauses that could not be parsed, verbatim. */
  invalid: string[];
}

/**
 * An entity's `vitals.dev/azure-selector`, read by the one parser in
 * `@vitals/azure-inventory-common`. Compliance still selects with the clauses
 * that parse and reports the others, so one typo does not hide a service's
 * other resources from its controls.
 */
export function parseAzureSelectors(entity: Entity): ParsedAzureSelectors {
  const result = resolveAzureSelector(
    entity.metadata.annotations?.[AZURE_SELECTOR_ANNOTATION],
    stringifyEntityRef(entity),
  );
  return result.ok
    ? { selectors: result.selector.terms, invalid: [] }
    : {
        selectors: result.validTerms,
        invalid: result.errors.map(error => error.term),
      };
}

/** Whether one clause selects the resource (see `matchesAzureSelectorTerm`). */
export function resourceMatchesSelector(
  resource: AzureResource,
  selector: AzureResourceSelector,
): boolean {
  return matchesAzureSelectorTerm(resource, selector);
}

/** Resources looked up by tag pair and by resource group, built once per inventory. */
export interface ResourceSelection {
  select(selectors: readonly AzureResourceSelector[]): readonly AzureResource[];
}

export function indexForSelection(
  resources: readonly AzureResource[],
  options: {
    /**
     * The only tag names selectors will ask for (any case); other tags are
     * not indexed. All tags when absent.
     */
    tagNames?: Iterable<string>;
    /** False when no selector names a resource group: they are not indexed then. */
    resourceGroups?: boolean;
  } = {},
): ResourceSelection {
  const byKey = new Map<string, AzureResource[]>();
  const wantedNames = options.tagNames
    ? new Set([...options.tagNames].map(normalizeSelectorText))
    : undefined;
  const push = (
    map: Map<string, AzureResource[]>,
    key: string,
    r: AzureResource,
  ) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const resource of resources) {
    const tags = resource.tags;
    if (tags) {
      for (const name in tags) {
        if (!Object.prototype.hasOwnProperty.call(tags, name)) continue;
        const value = tags[name];
        if (typeof value !== 'string') continue;
        if (wantedNames && !wantedNames.has(normalizeSelectorText(name))) {
          continue;
        }
        push(byKey, tagMatchKey(name, value), resource);
      }
    }
    if (options.resourceGroups !== false) {
      push(byKey, resourceGroupMatchKeyOf(resource), resource);
    }
  }
  return {
    select(selectors) {
      const seen = new Set<AzureResource>();
      for (const selector of selectors) {
        for (const r of byKey.get(termMatchKey(selector)) ?? []) seen.add(r);
      }
      return [...seen];
    },
  };
}

/**
 * Azure resources no entity claims: neither the resource nor any ancestor in
 * the inventory matches a selector. Only the topmost unclaimed resource is
 * reported; its children go with it.
 */
export function findUnownedResources(
  resources: readonly AzureResource[],
  selectors: readonly AzureResourceSelector[],
  inventory: ResourceIndex = indexResources(resources),
): AzureResource[] {
  const wanted = new Set(selectors.map(termMatchKey));
  const claimedDirectly = (r: AzureResource) =>
    resourceMatchKeys(r).some(key => wanted.has(key));
  const unowned: AzureResource[] = [];
  for (const resource of resources) {
    if (claimedDirectly(resource)) {
      continue;
    }
    if (inventory.parentOf(resource.id)) {
      // Covered by (or reported with) its ancestor.
      continue;
    }
    unowned.push(resource);
  }
  return unowned;
}

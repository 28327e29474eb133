import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AZURE_SELECTOR_ANNOTATION,
  AzureResource,
  AzureSelector,
  AzureSelectorFailure,
  AzureSelectorTerm,
  Inventory,
  parseAzureSelectorTerms,
  resolveAzureSelector,
  resourceMatchKeys,
  resourceGroupMatchKey,
  tagMatchKey,
  termMatchKey,
  VITALS_ENTITY_TAG,
} from '@vitals/azure-inventory-common';

// The selector's grammar, constants and matching live in
// @vitals/azure-inventory-common; these names stay for the backends that
// import them from here.
export { AZURE_SELECTOR_ANNOTATION, VITALS_ENTITY_TAG as ENTITY_TAG };
export type { AzureSelector, AzureSelectorTerm };

const lower = (value: string) => value.toLowerCase();

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

/**
 * Lookup structures over an inventory, built once and shared by every entity
 * evaluation: by id, by selector term (tag or resource group, keyed the way
 * the selector matcher compares them), and descendants by parent id. Ids are
 * compared case-insensitively: Azure returns them in mixed case.
 */
export class InventoryIndex {
  /** Lower-cased ids, sorted, so a parent's descendants form one contiguous range. */
  private readonly sortedIds: string[];
  private readonly byLowerId = new Map<string, AzureResource>();
  private readonly byMatchKey = new Map<string, AzureResource[]>();

  constructor(resources: readonly AzureResource[]) {
    for (const resource of resources) {
      const id = lower(resource.id);
      if (this.byLowerId.has(id)) {
        continue;
      }
      this.byLowerId.set(id, resource);
      for (const key of resourceMatchKeys(resource)) {
        push(this.byMatchKey, key, resource);
      }
    }
    this.sortedIds = [...this.byLowerId.keys()].sort();
  }

  get size(): number {
    return this.byLowerId.size;
  }

  get(id: string): AzureResource | undefined {
    return this.byLowerId.get(lower(id).replace(/\/+$/, ''));
  }

  withTag(name: string, value: string): readonly AzureResource[] {
    return this.byMatchKey.get(tagMatchKey(name, value)) ?? [];
  }

  inResourceGroup(
    subscriptionId: string,
    resourceGroup: string,
  ): readonly AzureResource[] {
    return (
      this.byMatchKey.get(
        resourceGroupMatchKey(subscriptionId, resourceGroup),
      ) ?? []
    );
  }

  /** The resources one selector term picks, without their descendants. */
  matching(term: AzureSelectorTerm): readonly AzureResource[] {
    return this.byMatchKey.get(termMatchKey(term)) ?? [];
  }

  /**
   * Every resource whose id lies under `parentId`: databases and failover
   * groups of a SQL server, a database's TDE and retention policies,
   * diagnostic settings (`{id}/providers/Microsoft.Insights/...`).
   */
  descendantsOf(parentId: string): AzureResource[] {
    const prefix = `${lower(parentId).replace(/\/+$/, '')}/`;
    const result: AzureResource[] = [];
    for (
      let i = lowerBound(this.sortedIds, prefix);
      i < this.sortedIds.length && this.sortedIds[i].startsWith(prefix);
      i++
    ) {
      result.push(this.byLowerId.get(this.sortedIds[i])!);
    }
    return result;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function compareIds(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function lowerBound(sorted: string[], target: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < target) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

export function buildInventoryIndex(
  inventory: Inventory | readonly AzureResource[],
): InventoryIndex {
  return new InventoryIndex(
    'resources' in inventory ? inventory.resources : inventory,
  );
}

/**
 * The resources a selector picks, plus the descendants of each picked
 * resource even when they are untagged (Azure does not inherit tags, and the
 * DR and compliance checks need a server's databases and every resource's
 * diagnostic settings). Sorted by id, without duplicates.
 */
export function resourcesForSelector(
  index: InventoryIndex,
  terms: readonly AzureSelectorTerm[],
): AzureResource[] {
  const picked = new Map<string, AzureResource>();
  const add = (resource: AzureResource) => {
    const id = lower(resource.id);
    if (picked.has(id)) {
      return;
    }
    picked.set(id, resource);
    for (const descendant of index.descendantsOf(resource.id)) {
      picked.set(lower(descendant.id), descendant);
    }
  };
  for (const term of terms) {
    index.matching(term).forEach(add);
  }
  return [...picked.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([, resource]) => resource);
}

/** The Azure resources that belong to `entity`, per its `vitals.dev/azure-selector`. */
export function resourcesForEntity(
  index: InventoryIndex,
  entity: Entity,
): AzureResource[] {
  return resourcesForSelector(index, azureSelectorForEntity(entity).terms);
}

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AzureResource, Inventory } from '@vitals/azure-inventory-common';

/** Which Azure resources belong to an entity (see the design's annotation table). */
export const AZURE_SELECTOR_ANNOTATION = 'vitals.dev/azure-selector';

/** The tag the template's Terraform stamps on every resource: `vitals-entity=<entity ref>`. */
export const ENTITY_TAG = 'vitals-entity';

export type AzureSelectorTerm =
  | { kind: 'tag'; name: string; value: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string };

export interface AzureSelector {
  terms: AzureSelectorTerm[];
  /** `default` when the entity has no annotation and the `vitals-entity` tag is used. */
  source: 'annotation' | 'default';
}

const lower = (value: string) => value.toLowerCase();

/**
 * Parses `tag:<name>=<value>` and `resourceGroup:<subscriptionId>/<name>`
 * terms, comma-separated. Throws an {@link InputError} naming the bad term.
 */
export function parseAzureSelector(value: string): AzureSelectorTerm[] {
  const terms: AzureSelectorTerm[] = [];
  for (const raw of value.split(',')) {
    const term = raw.trim();
    if (term === '') {
      continue;
    }
    const colon = term.indexOf(':');
    const prefix = colon < 0 ? '' : lower(term.slice(0, colon).trim());
    const body = colon < 0 ? '' : term.slice(colon + 1).trim();
    if (prefix === 'tag') {
      const equals = body.indexOf('=');
      const name = equals < 0 ? '' : body.slice(0, equals).trim();
      if (equals < 0 || name === '') {
        throw new InputError(
          `Invalid ${AZURE_SELECTOR_ANNOTATION} term "${term}": expected tag:<name>=<value>`,
        );
      }
      terms.push({ kind: 'tag', name, value: body.slice(equals + 1).trim() });
    } else if (prefix === 'resourcegroup') {
      const slash = body.indexOf('/');
      const subscriptionId = slash < 0 ? '' : body.slice(0, slash).trim();
      const resourceGroup = slash < 0 ? '' : body.slice(slash + 1).trim();
      if (
        subscriptionId === '' ||
        resourceGroup === '' ||
        resourceGroup.includes('/')
      ) {
        throw new InputError(
          `Invalid ${AZURE_SELECTOR_ANNOTATION} term "${term}": expected resourceGroup:<subscriptionId>/<name>`,
        );
      }
      terms.push({ kind: 'resourceGroup', subscriptionId, resourceGroup });
    } else {
      throw new InputError(
        `Invalid ${AZURE_SELECTOR_ANNOTATION} term "${term}": expected tag:<name>=<value> or resourceGroup:<subscriptionId>/<name>`,
      );
    }
  }
  return terms;
}

/** The entity's selector: its annotation, or the `vitals-entity=<entity ref>` tag. */
export function azureSelectorForEntity(entity: Entity): AzureSelector {
  const annotation = entity.metadata.annotations?.[AZURE_SELECTOR_ANNOTATION];
  if (annotation !== undefined && annotation.trim() !== '') {
    return { terms: parseAzureSelector(annotation), source: 'annotation' };
  }
  return {
    terms: [
      { kind: 'tag', name: ENTITY_TAG, value: stringifyEntityRef(entity) },
    ],
    source: 'default',
  };
}

/**
 * Lookup structures over an inventory, built once and shared by every entity
 * evaluation: by id, by tag, by resource group, and descendants by parent id.
 * Ids, tag names and tag values are compared case-insensitively (entity refs
 * are case-insensitive, and Azure ids come back in mixed case).
 */
export class InventoryIndex {
  /** Lower-cased ids, sorted, so a parent's descendants form one contiguous range. */
  private readonly sortedIds: string[];
  private readonly byLowerId = new Map<string, AzureResource>();
  private readonly byTag = new Map<string, AzureResource[]>();
  private readonly byGroup = new Map<string, AzureResource[]>();

  constructor(resources: readonly AzureResource[]) {
    for (const resource of resources) {
      const id = lower(resource.id);
      if (this.byLowerId.has(id)) {
        continue;
      }
      this.byLowerId.set(id, resource);
      for (const [name, value] of Object.entries(resource.tags)) {
        push(this.byTag, tagKey(name, value), resource);
      }
      push(
        this.byGroup,
        groupKey(resource.subscriptionId, resource.resourceGroup),
        resource,
      );
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
    return this.byTag.get(tagKey(name, value)) ?? [];
  }

  inResourceGroup(
    subscriptionId: string,
    resourceGroup: string,
  ): readonly AzureResource[] {
    return this.byGroup.get(groupKey(subscriptionId, resourceGroup)) ?? [];
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

function tagKey(name: string, value: string): string {
  return `${lower(name)}\u0000${lower(value)}`;
}

function groupKey(subscriptionId: string, resourceGroup: string): string {
  return `${lower(subscriptionId)}/${lower(resourceGroup)}`;
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
    const matches =
      term.kind === 'tag'
        ? index.withTag(term.name, term.value)
        : index.inResourceGroup(term.subscriptionId, term.resourceGroup);
    matches.forEach(add);
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

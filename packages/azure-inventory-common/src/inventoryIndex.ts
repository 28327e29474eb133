import {
  isUnderId,
  lowersTo,
  type AzureResource,
  type Inventory,
} from './model';
import {
  NO_RESOURCES,
  ancestorEnds,
  indexResources,
  isAncestorEnd,
  isNormalisedResourceId,
  lowerBound,
  normaliseResourceId,
  type ResourceIndex,
} from './resourceIndex';
import {
  resourceGroupMatchKey,
  resourceMatchKeys,
  tagMatchKey,
  termMatchKey,
  type AzureSelectorTerm,
} from './selectors';

const lower = (value: string) => value.toLowerCase();
const trimId = (id: string) => lower(id).replace(/\/+$/, '');

/** A resource's descendants, and those of each type asked for. */
interface DescendantLists {
  all: readonly AzureResource[];
  types: readonly string[] | undefined;
  ofType: ReadonlyArray<readonly AzureResource[]> | undefined;
}

/** Shared by every resource without descendants; never filtered by type. */
const NO_DESCENDANTS: DescendantLists = Object.freeze({
  all: NO_RESOURCES,
  types: undefined,
  ofType: undefined,
});

/**
 * Lookup structures over an inventory, built once and shared by every entity
 * evaluation (DR readiness and compliance alike): by id, by selector term
 * (tag or resource group, keyed the way the selector matcher compares them),
 * and descendants by parent id. Ids are compared case-insensitively: Azure
 * returns them in mixed case. Of resources sharing an id, the first one given
 * is indexed.
 */
export class InventoryIndex {
  /** Lower-cased ids, sorted, so a parent's descendants form one contiguous range. */
  private readonly sortedIds: string[];
  /** The resource at each position of `sortedIds`. */
  private readonly sorted: AzureResource[];
  /** Where each resource of `sorted` was in the resources given. */
  private readonly given: number[];
  /** Lower-cased id → position in `sortedIds`. */
  private readonly positions = new Map<string, number>();
  /**
   * The very id strings of the inventory → position: rules look resources up
   * by those strings (whose hashes V8 keeps), which spares lower-casing them
   * again and a second lookup by the lower-cased id.
   */
  private readonly positionById = new Map<string, number>();
  /** Selector key → positions of the resources it matches, in the order given. */
  private readonly byMatchKey = new Map<string, number[]>();
  private readonly matched = new Map<string, readonly AzureResource[]>();
  private readonly resources: readonly AzureResource[];
  /**
   * True when no two resources share an id and every id is in normalised
   * form (`/a/b`, no empty segment): the index then answers exactly as
   * {@link indexResources} over the same resources does.
   */
  readonly hasDistinctNormalIds: boolean;
  private view: ResourceIndex | undefined;

  constructor(resources: readonly AzureResource[]) {
    this.resources = resources;
    const firstOf = new Map<string, number>();
    const lowerIds: string[] = [];
    let distinctNormal = true;
    for (let i = 0; i < resources.length; i++) {
      const id = lower(resources[i].id);
      if (firstOf.has(id)) {
        distinctNormal = false;
        continue;
      }
      if (distinctNormal && !isNormalisedResourceId(id)) {
        distinctNormal = false;
      }
      firstOf.set(id, i);
      lowerIds.push(id);
    }
    this.hasDistinctNormalIds = distinctNormal;
    this.sortedIds = lowerIds.sort();
    const count = this.sortedIds.length;
    this.sorted = new Array(count);
    this.given = new Array(count);
    const positionOfGiven = new Int32Array(resources.length).fill(-1);
    for (let p = 0; p < count; p++) {
      const id = this.sortedIds[p];
      const at = firstOf.get(id)!;
      this.sorted[p] = resources[at];
      this.given[p] = at;
      this.positions.set(id, p);
      this.positionById.set(resources[at].id, p);
      positionOfGiven[at] = p;
    }
    // In the order given, so that each term's resources keep that order.
    for (let i = 0; i < resources.length; i++) {
      const p = positionOfGiven[i];
      if (p < 0) continue;
      for (const key of resourceMatchKeys(resources[i])) {
        const list = this.byMatchKey.get(key);
        if (list) list.push(p);
        else this.byMatchKey.set(key, [p]);
      }
    }
  }

  get size(): number {
    return this.sortedIds.length;
  }

  /** Every resource, as given (duplicates included). */
  all(): readonly AzureResource[] {
    return this.resources;
  }

  get(id: string): AzureResource | undefined {
    const p = this.positions.get(trimId(id));
    return p === undefined ? undefined : this.sorted[p];
  }

  private byKey(key: string): readonly AzureResource[] {
    let list = this.matched.get(key);
    if (!list) {
      const positions = this.byMatchKey.get(key);
      if (!positions) return NO_RESOURCES;
      list = positions.map(p => this.sorted[p]);
      this.matched.set(key, list);
    }
    return list;
  }

  withTag(name: string, value: string): readonly AzureResource[] {
    return this.byKey(tagMatchKey(name, value));
  }

  inResourceGroup(
    subscriptionId: string,
    resourceGroup: string,
  ): readonly AzureResource[] {
    return this.byKey(resourceGroupMatchKey(subscriptionId, resourceGroup));
  }

  /** The resources one selector term picks, without their descendants. */
  matching(term: AzureSelectorTerm): readonly AzureResource[] {
    return this.byKey(termMatchKey(term));
  }

  /**
   * The resources any of the terms picks, without their descendants: each
   * term's in the order given, each resource once.
   */
  matchingAny(terms: readonly AzureSelectorTerm[]): readonly AzureResource[] {
    if (terms.length === 1) {
      return this.matching(terms[0]);
    }
    const seen = new Set<AzureResource>();
    for (const term of terms) {
      for (const resource of this.matching(term)) seen.add(resource);
    }
    return [...seen];
  }

  /**
   * The first position of the ids under `parent` (lower-cased, without a
   * trailing slash), which form one contiguous range; every id before `from`
   * sorts before that range.
   */
  private firstUnder(parent: string, from: number): number {
    const next = this.sortedIds[from];
    if (next === undefined || isUnderId(next, parent)) return from;
    const prefix = `${parent}/`;
    return next > prefix ? from : lowerBound(this.sortedIds, prefix, from);
  }

  /**
   * Every resource whose id lies under `parentId`: databases and failover
   * groups of a SQL server, a database's TDE and retention policies,
   * diagnostic settings (`{id}/providers/Microsoft.Insights/...`).
   */
  descendantsOf(parentId: string): AzureResource[] {
    const parent = trimId(parentId);
    const result: AzureResource[] = [];
    for (
      let i = this.firstUnder(parent, 0);
      i < this.sortedIds.length && isUnderId(this.sortedIds[i], parent);
      i++
    ) {
      result.push(this.sorted[i]);
    }
    return result;
  }

  /**
   * The resources the terms pick plus the descendants of each, sorted by
   * lower-cased id, without duplicates (see {@link resourcesForSelector}).
   */
  select(terms: readonly AzureSelectorTerm[]): AzureResource[] {
    const picked: number[] = [];
    for (const term of terms) {
      const positions = this.byMatchKey.get(termMatchKey(term));
      if (!positions) continue;
      for (const p of positions) {
        picked.push(p);
        const id = this.sortedIds[p];
        // An id without a trailing slash sorts right before its descendants.
        const trailing = id.charCodeAt(id.length - 1) === 47;
        const parent = trailing ? id.replace(/\/+$/, '') : id;
        for (
          let i = this.firstUnder(parent, trailing ? 0 : p + 1);
          i < this.sortedIds.length && isUnderId(this.sortedIds[i], parent);
          i++
        ) {
          picked.push(i);
        }
      }
    }
    // Usually in order already: one resource and the range under it.
    if (!ascending(picked)) picked.sort((a, b) => a - b);
    const result: AzureResource[] = [];
    let last = -1;
    for (const p of picked) {
      if (p !== last) result.push(this.sorted[p]);
      last = p;
    }
    return result;
  }

  /**
   * The index as a {@link ResourceIndex}, answering exactly as
   * `indexResources` over the same resources: shared by every caller, built
   * on first use.
   */
  resourceIndex(): ResourceIndex {
    this.view ??= this.hasDistinctNormalIds
      ? this.createView()
      : indexResources(this.resources);
    return this.view;
  }

  private createView(): ResourceIndex {
    const { positions, positionById, sorted, sortedIds, given, resources } =
      this;
    // The rules of one resource ask about the same id several times in a row.
    let lastId = '';
    let lastPosition: number | undefined;
    const positionOf = (id: string): number | undefined => {
      if (id !== lastId) {
        lastPosition =
          positionById.get(id) ?? positions.get(normaliseResourceId(id));
        lastId = id;
      }
      return lastPosition;
    };
    const keyOf = (id: string): string => {
      const p = positionOf(id);
      return p === undefined ? normaliseResourceId(id) : sortedIds[p];
    };
    // Descendants at resource boundaries (a name after `/providers/...`), in
    // the order given, as `indexResources` lists them; by position, with the
    // lists of one type that rules ask for again and again.
    const cache = new Array<DescendantLists | undefined>(sortedIds.length);
    const descendantsAt = (p: number): DescendantLists => {
      let lists = cache[p];
      if (lists) return lists;
      const key = sortedIds[p];
      let found: number[] | undefined;
      for (
        let i = this.firstUnder(key, p + 1);
        i < sortedIds.length && isUnderId(sortedIds[i], key);
        i++
      ) {
        if (isAncestorEnd(sortedIds[i], key.length)) {
          (found ??= []).push(i);
        }
      }
      if (!found) {
        cache[p] = NO_DESCENDANTS;
        return NO_DESCENDANTS;
      }
      if (!inGivenOrder(found, given)) {
        found.sort((a, b) => given[a] - given[b]);
      }
      lists = {
        all: found.map(i => sorted[i]),
        types: undefined,
        ofType: undefined,
      };
      cache[p] = lists;
      return lists;
    };
    return {
      size: sortedIds.length,
      get: id => {
        const p = positionOf(id);
        return p === undefined ? undefined : sorted[p];
      },
      descendants(id, type) {
        const p = positionOf(id);
        if (p === undefined) return NO_RESOURCES;
        const lists = descendantsAt(p);
        if (lists.all.length === 0 || !type) return lists.all;
        const known = lists.types?.indexOf(type) ?? -1;
        if (known >= 0) return lists.ofType![known];
        const ofType = ofTypeIn(lists.all, lower(type));
        // Kept while the index lives: arrays of their exact length, where
        // `push` and `filter` leave room for more.
        lists.types = lists.types ? lists.types.concat(type) : [type];
        lists.ofType = lists.ofType ? lists.ofType.concat([ofType]) : [ofType];
        return ofType;
      },
      parentOf(id) {
        const key = keyOf(id);
        for (const end of ancestorEnds(key)) {
          const p = positions.get(key.slice(0, end));
          if (p !== undefined) return sorted[p];
        }
        return undefined;
      },
      all: () => resources,
      key: keyOf,
    };
  }
}

/** The resources of a (lower-case) type, in an array of their exact number. */
function ofTypeIn(
  resources: readonly AzureResource[],
  wanted: string,
): readonly AzureResource[] {
  let count = 0;
  for (const r of resources) {
    if (lowersTo(r.type, wanted)) count++;
  }
  if (count === 0) return NO_RESOURCES;
  const found = new Array<AzureResource>(count);
  let n = 0;
  for (const r of resources) {
    if (lowersTo(r.type, wanted)) found[n++] = r;
  }
  return found;
}

/** Whether the positions are in the order their resources were given. */
function inGivenOrder(
  positions: readonly number[],
  given: readonly number[],
): boolean {
  for (let i = 1; i < positions.length; i++) {
    if (given[positions[i]] < given[positions[i - 1]]) return false;
  }
  return true;
}

function ascending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1]) return false;
  }
  return true;
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
  return index.select(terms);
}

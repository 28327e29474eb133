import { lowersTo, type AzureResource } from './model';

/**
 * Resource ids, types and tags compare case-insensitively. `toLowerCase` is
 * what `toLocaleLowerCase('en-US')` does (English has no language-specific
 * case mappings) at a fraction of the cost, which matters in loops over tens
 * of thousands of resources.
 */
const lower = (s: string) => s.toLowerCase();

/**
 * An Azure estate indexed once by lower-cased id and by ancestor, so that
 * child lookups (auditing settings, diagnostic settings, TDE) cost a map read
 * instead of a scan: evaluating thousands of services over a snapshot of tens
 * of thousands of resources stays linear.
 */
export interface ResourceIndex {
  readonly size: number;
  /** The resource with this id (case-insensitive). */
  get(id: string): AzureResource | undefined;
  /** Resources whose id lies under this id, optionally of one (lower-case) type. */
  descendants(id: string, type?: string): readonly AzureResource[];
  /** The nearest ancestor present in the index, if any. */
  parentOf(id: string): AzureResource | undefined;
  /** Every resource, in the order given. */
  all(): readonly AzureResource[];
  /** The normalised form of an id (lower-case, single slashes); remembered for the indexed resources' ids. */
  key(id: string): string;
}

/** Shared by every lookup that finds nothing. */
export const NO_RESOURCES: readonly AzureResource[] = Object.freeze([]);

/** Whether a lower-cased id is already in the form {@link normaliseResourceId} gives. */
export function isNormalisedResourceId(lowered: string): boolean {
  return (
    lowered.charCodeAt(0) === 47 &&
    lowered.charCodeAt(lowered.length - 1) !== 47 &&
    !lowered.includes('//')
  );
}

/** `/a/b`, lower-cased, without empty segments: the form ids are compared in. */
export function normaliseResourceId(id: string): string {
  const lowered = lower(id);
  // Nearly every id is already well formed; only the odd one needs rebuilding.
  if (isNormalisedResourceId(lowered)) {
    return lowered;
  }
  return `/${lowered.split('/').filter(Boolean).join('/')}`;
}

/**
 * Where the prefixes of a normalised id that can name a resource end, longest
 * first, excluding the id itself. After `/providers/<namespace>` an id
 * alternates type and name segments, and an extension resource starts over
 * with another `/providers/<namespace>`; only prefixes ending on a name can
 * be resources. The slashes are scanned rather than the id split: this runs
 * for every resource of the estate.
 */
export function ancestorEnds(key: string): number[] {
  const ends: number[] = [];
  let at = key.indexOf('/providers/');
  if (at < 0) {
    return ends;
  }
  // at: the slash before `providers`; skip it and the namespace.
  at = key.indexOf('/', at + 1);
  at = at < 0 ? -1 : key.indexOf('/', at + 1);
  while (at >= 0) {
    const typeEnd = key.indexOf('/', at + 1);
    if (typeEnd < 0) break;
    if (key.startsWith('providers/', at + 1)) {
      // An extension resource: `/providers/<namespace>` again.
      at = key.indexOf('/', typeEnd + 1);
      continue;
    }
    const nameEnd = key.indexOf('/', typeEnd + 1);
    if (nameEnd < 0) break;
    ends.push(nameEnd);
    at = nameEnd;
  }
  return ends.reverse();
}

/**
 * Whether `end` is one of {@link ancestorEnds} of `key`: the same scan,
 * stopped once past `end`, without collecting the ends. Asked for every
 * resource under another when descendants are listed.
 */
export function isAncestorEnd(key: string, end: number): boolean {
  let at = key.indexOf('/providers/');
  if (at < 0) {
    return false;
  }
  at = key.indexOf('/', at + 1);
  at = at < 0 ? -1 : key.indexOf('/', at + 1);
  while (at >= 0 && at < end) {
    const typeEnd = key.indexOf('/', at + 1);
    if (typeEnd < 0) return false;
    if (key.startsWith('providers/', at + 1)) {
      at = key.indexOf('/', typeEnd + 1);
      continue;
    }
    const nameEnd = key.indexOf('/', typeEnd + 1);
    if (nameEnd < 0) return false;
    if (nameEnd === end) return true;
    at = nameEnd;
  }
  return false;
}

/** Lists of one type, filtered once per list and type. */
function ofTypeCached(
  cache: Map<string, Map<string, readonly AzureResource[]>>,
  key: string,
  list: readonly AzureResource[],
  type: string,
): readonly AzureResource[] {
  let typed = cache.get(key);
  if (!typed) {
    typed = new Map();
    cache.set(key, typed);
  }
  let ofType = typed.get(type);
  if (!ofType) {
    const wanted = lower(type);
    ofType = list.filter(r => lowersTo(r.type, wanted));
    typed.set(type, ofType);
  }
  return ofType;
}

export function indexResources(
  resources: readonly AzureResource[],
): ResourceIndex {
  const byId = new Map<string, AzureResource>();
  const keys: string[] = new Array(resources.length);
  // Rules look resources up by the very id strings of the inventory; a map
  // from those strings (whose hashes V8 keeps) spares lower-casing them again.
  const keyById = new Map<string, string>();
  // Backwards, so that of resources sharing an id the first one given wins.
  for (let i = resources.length - 1; i >= 0; i--) {
    const key = normaliseResourceId(resources[i].id);
    keys[i] = key;
    keyById.set(resources[i].id, key);
    byId.set(key, resources[i]);
  }
  // The rules of one resource ask about the same id several times in a row.
  let lastId = '';
  let lastKey = '';
  const keyOf = (id: string) => {
    if (id !== lastId) {
      lastKey = keyById.get(id) ?? normaliseResourceId(id);
      lastId = id;
    }
    return lastKey;
  };
  const descendantsById = new Map<string, AzureResource[]>();
  for (let r = 0; r < resources.length; r++) {
    const key = keys[r];
    for (const end of ancestorEnds(key)) {
      const prefix = key.slice(0, end);
      if (byId.get(prefix) !== undefined) {
        const list = descendantsById.get(prefix);
        if (list) list.push(resources[r]);
        else descendantsById.set(prefix, [resources[r]]);
      }
    }
  }
  // Only unclaimed resources are asked for their parent: find it on demand.
  const parentOf = (id: string): AzureResource | undefined => {
    const key = keyOf(id);
    for (const end of ancestorEnds(key)) {
      const parent = byId.get(key.slice(0, end));
      if (parent) return parent;
    }
    return undefined;
  };
  // Descendants of one type are asked for again and again (every rule of a
  // server reads its auditing settings); filter each list once.
  const byType = new Map<string, Map<string, readonly AzureResource[]>>();
  return {
    size: byId.size,
    get: id => byId.get(keyOf(id)),
    descendants(id, type) {
      const key = keyOf(id);
      const list = descendantsById.get(key);
      if (!list) {
        return NO_RESOURCES;
      }
      return type ? ofTypeCached(byType, key, list, type) : list;
    },
    parentOf,
    all: () => resources,
    key: keyOf,
  };
}

/** The first position in `sorted`, from `from` on, whose string is not below `target`. */
export function lowerBound(
  sorted: readonly string[],
  target: string,
  from = 0,
): number {
  let low = from;
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

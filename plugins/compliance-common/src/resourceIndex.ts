import type { AzureResource } from '@vitals/azure-inventory-common';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

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
}

const EMPTY: readonly AzureResource[] = [];

/**
 * Lower-cased prefixes of an id that name resources (a provider namespace,
 * a type and a name at least), shortest first, excluding the id itself.
 */
function ancestorIds(id: string): string[] {
  const segments = id.split('/').filter(Boolean).map(lower);
  const firstProviders = segments.indexOf('providers');
  if (firstProviders < 0) {
    return [];
  }
  const result: string[] = [];
  let prefix = '';
  for (let i = 0; i < segments.length - 1; i++) {
    prefix += `/${segments[i]}`;
    if (i >= firstProviders + 3) {
      result.push(prefix);
    }
  }
  return result;
}

export function normaliseResourceId(id: string): string {
  return `/${id.split('/').filter(Boolean).map(lower).join('/')}`;
}

export function indexResources(
  resources: readonly AzureResource[],
): ResourceIndex {
  const byId = new Map<string, AzureResource>();
  for (const resource of resources) {
    const key = normaliseResourceId(resource.id);
    if (!byId.has(key)) {
      byId.set(key, resource);
    }
  }
  const descendantsById = new Map<string, AzureResource[]>();
  const parentById = new Map<string, AzureResource>();
  for (const resource of resources) {
    const ancestors = ancestorIds(resource.id);
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const ancestor = byId.get(ancestors[i]);
      if (!ancestor) {
        continue;
      }
      const key = ancestors[i];
      let list = descendantsById.get(key);
      if (!list) {
        list = [];
        descendantsById.set(key, list);
      }
      list.push(resource);
      const own = normaliseResourceId(resource.id);
      if (!parentById.has(own)) {
        parentById.set(own, ancestor);
      }
    }
  }
  return {
    size: byId.size,
    get: id => byId.get(normaliseResourceId(id)),
    descendants(id, type) {
      const list = descendantsById.get(normaliseResourceId(id)) ?? EMPTY;
      if (!type) {
        return list;
      }
      const wanted = lower(type);
      return list.filter(r => lower(r.type) === wanted);
    },
    parentOf: id => parentById.get(normaliseResourceId(id)),
    all: () => resources,
  };
}

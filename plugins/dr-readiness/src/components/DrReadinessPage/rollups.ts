import type { ReadinessStatus } from '@vitals/plugin-dr-readiness-common';
import type { DrOverviewItem } from '../../api/types';

export interface DrFilter {
  owner?: string;
  system?: string;
  tier?: string;
  /** A readiness status, or `not-required` for tier none. */
  status?: string;
  search?: string;
}

const SEVERITY: Record<ReadinessStatus, number> = {
  'not-ready': 0,
  unknown: 1,
  'at-risk': 2,
  ready: 3,
};

/** Worst first: not ready, unknown, at risk, ready; services that are not required last. */
export function compareReadiness(a: DrOverviewItem, b: DrOverviewItem) {
  return (
    Number(!a.required) - Number(!b.required) ||
    SEVERITY[a.status] - SEVERITY[b.status] ||
    (a.score ?? -1) - (b.score ?? -1) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

export function filterItems(
  items: DrOverviewItem[],
  filter: DrFilter,
): DrOverviewItem[] {
  const search = filter.search?.trim().toLocaleLowerCase('en-US');
  return items
    .filter(
      i =>
        (!filter.owner || i.owner === filter.owner) &&
        (!filter.system || i.system === filter.system) &&
        (!filter.tier || i.tier === filter.tier) &&
        (!filter.status ||
          (filter.status === 'not-required'
            ? !i.required
            : i.required && i.status === filter.status)) &&
        (!search || i.entityRef.toLocaleLowerCase('en-US').includes(search)),
    )
    .sort(compareReadiness);
}

export interface DrRollup {
  key: string;
  services: number;
  ready: number;
  atRisk: number;
  notReady: number;
  unknown: number;
  notRequired: number;
  /** The least ready required service. */
  worst?: DrOverviewItem;
}

/** Counts per team or system, worst group first. */
export function rollupBy(
  items: DrOverviewItem[],
  field: 'owner' | 'system',
): DrRollup[] {
  const groups = new Map<string, DrRollup>();
  for (const item of items) {
    const key = item[field] ?? '(none)';
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        services: 0,
        ready: 0,
        atRisk: 0,
        notReady: 0,
        unknown: 0,
        notRequired: 0,
      };
      groups.set(key, group);
    }
    group.services += 1;
    if (!item.required) {
      group.notRequired += 1;
      continue;
    }
    if (item.status === 'ready') group.ready += 1;
    if (item.status === 'at-risk') group.atRisk += 1;
    if (item.status === 'not-ready') group.notReady += 1;
    if (item.status === 'unknown') group.unknown += 1;
    if (!group.worst || compareReadiness(item, group.worst) < 0) {
      group.worst = item;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.notReady - a.notReady ||
      b.unknown - a.unknown ||
      b.atRisk - a.atRisk ||
      a.key.localeCompare(b.key),
  );
}

/** Regions ordered by how many services use them, then by name. */
export function regionsByUse(
  regions: string[],
  items: DrOverviewItem[],
): string[] {
  const uses = new Map<string, number>();
  for (const item of items) {
    for (const region of Object.keys(item.cells)) {
      uses.set(region, (uses.get(region) ?? 0) + 1);
    }
  }
  return [...regions].sort(
    (a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || a.localeCompare(b),
  );
}

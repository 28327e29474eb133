import { SloOverviewItem } from '@vitals/plugin-slo-common';

export interface Rollup {
  key: string;
  slos: number;
  healthy: number;
  warning: number;
  freeze: number;
  notComputed: number;
  firing: number;
  stale: number;
  worst: SloOverviewItem | null;
}

/** Groups SLO rows by owner or system: counts by policy state and the worst remaining budget. */
export function rollupBy(
  items: SloOverviewItem[],
  field: 'owner' | 'system',
): Rollup[] {
  const groups = new Map<string, Rollup>();
  for (const item of items) {
    const key = item[field] ?? '(none)';
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        slos: 0,
        healthy: 0,
        warning: 0,
        freeze: 0,
        notComputed: 0,
        firing: 0,
        stale: 0,
        worst: null,
      };
      groups.set(key, group);
    }
    group.slos += 1;
    if (item.policyState) group[item.policyState] += 1;
    else group.notComputed += 1;
    if (item.firing) group.firing += 1;
    if (item.stale) group.stale += 1;
    if (
      item.remaining !== null &&
      (group.worst === null ||
        group.worst.remaining === null ||
        item.remaining < group.worst.remaining)
    ) {
      group.worst = item;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.firing - a.firing ||
      (a.worst?.remaining ?? Infinity) - (b.worst?.remaining ?? Infinity) ||
      a.key.localeCompare(b.key),
  );
}

export interface OverviewFilter {
  owner?: string;
  system?: string;
  state?: string;
  firing?: boolean;
  search?: string;
}

export function filterItems(
  items: SloOverviewItem[],
  filter: OverviewFilter,
): SloOverviewItem[] {
  const search = filter.search?.trim().toLocaleLowerCase('en-US');
  return items.filter(
    item =>
      (!filter.owner || item.owner === filter.owner) &&
      (!filter.system || item.system === filter.system) &&
      (!filter.state ||
        (filter.state === 'none'
          ? item.policyState === null
          : item.policyState === filter.state)) &&
      (!filter.firing || item.firing) &&
      (!search ||
        `${item.entityRef} ${item.slo} ${item.displayName}`
          .toLocaleLowerCase('en-US')
          .includes(search)),
  );
}

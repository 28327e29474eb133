import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { AzureResource } from '@vitals/azure-inventory-common';
import {
  COMPLIANCE_AZURE_SELECTOR_ANNOTATION,
  VITALS_ENTITY_TAG,
} from './annotations';
import { indexResources, type ResourceIndex } from './resourceIndex';

const lower = (s: string) => s.trim().toLowerCase();

/** One clause of `vitals.dev/azure-selector`. */
export type AzureResourceSelector =
  | { kind: 'tag'; name: string; value: string }
  | { kind: 'resourceGroup'; subscriptionId: string; resourceGroup: string };

export interface ParsedAzureSelectors {
  selectors: AzureResourceSelector[];
  /** Clauses that could not be parsed, verbatim. */
  invalid: string[];
}

/**
 * Parses an entity's `vitals.dev/azure-selector` (comma-separated
 * `tag:<name>=<value>` and `resourceGroup:<subscriptionId>/<name>` clauses).
 * Without the annotation the entity claims resources tagged
 * `vitals-entity=<entity ref>`, which the service template's Terraform stamps.
 */
export function parseAzureSelectors(entity: Entity): ParsedAzureSelectors {
  const annotation =
    entity.metadata.annotations?.[COMPLIANCE_AZURE_SELECTOR_ANNOTATION]?.trim();
  if (!annotation) {
    return {
      selectors: [
        {
          kind: 'tag',
          name: VITALS_ENTITY_TAG,
          value: stringifyEntityRef(entity),
        },
      ],
      invalid: [],
    };
  }
  const selectors: AzureResourceSelector[] = [];
  const invalid: string[] = [];
  for (const clause of annotation
    .split(',')
    .map(c => c.trim())
    .filter(Boolean)) {
    const colon = clause.indexOf(':');
    const kind = colon < 0 ? '' : lower(clause.slice(0, colon));
    const rest = colon < 0 ? '' : clause.slice(colon + 1).trim();
    if (kind === 'tag') {
      const eq = rest.indexOf('=');
      const name = eq < 0 ? '' : rest.slice(0, eq).trim();
      const value = eq < 0 ? '' : rest.slice(eq + 1).trim();
      if (name && value) {
        selectors.push({ kind: 'tag', name, value });
        continue;
      }
    } else if (kind === 'resourcegroup') {
      const [subscriptionId, resourceGroup, ...extra] = rest
        .split('/')
        .map(s => s.trim());
      if (subscriptionId && resourceGroup && extra.length === 0) {
        selectors.push({
          kind: 'resourceGroup',
          subscriptionId,
          resourceGroup,
        });
        continue;
      }
    }
    invalid.push(clause);
  }
  return { selectors, invalid };
}

const tagKey = (name: string, value: string) =>
  `${lower(name)}\u0000${lower(value)}`;
const groupKey = (subscriptionId: string, resourceGroup: string) =>
  `${lower(subscriptionId)}/${lower(resourceGroup)}`;

/**
 * Tag names in Azure are case-insensitive; values are compared
 * case-insensitively too because entity refs are.
 */
export function resourceMatchesSelector(
  resource: AzureResource,
  selector: AzureResourceSelector,
): boolean {
  if (selector.kind === 'resourceGroup') {
    return (
      groupKey(resource.subscriptionId, resource.resourceGroup) ===
      groupKey(selector.subscriptionId, selector.resourceGroup)
    );
  }
  const wanted = tagKey(selector.name, selector.value);
  return Object.entries(resource.tags ?? {}).some(
    ([name, value]) =>
      typeof value === 'string' && tagKey(name, value) === wanted,
  );
}

/** Resources looked up by tag pair and by resource group, built once per inventory. */
export interface ResourceSelection {
  select(selectors: readonly AzureResourceSelector[]): AzureResource[];
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
  const byTag = new Map<string, AzureResource[]>();
  const byGroup = new Map<string, AzureResource[]>();
  const wantedNames = options.tagNames
    ? new Set([...options.tagNames].map(lower))
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
        const lowered = lower(name);
        if (wantedNames && !wantedNames.has(lowered)) continue;
        push(byTag, `${lowered}\u0000${lower(value)}`, resource);
      }
    }
    if (options.resourceGroups !== false) {
      push(
        byGroup,
        groupKey(resource.subscriptionId, resource.resourceGroup),
        resource,
      );
    }
  }
  return {
    select(selectors) {
      const seen = new Set<AzureResource>();
      for (const selector of selectors) {
        const list =
          selector.kind === 'tag'
            ? byTag.get(tagKey(selector.name, selector.value))
            : byGroup.get(
                groupKey(selector.subscriptionId, selector.resourceGroup),
              );
        for (const r of list ?? []) seen.add(r);
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
  const tags = new Set<string>();
  const groups = new Set<string>();
  for (const s of selectors) {
    if (s.kind === 'tag') tags.add(tagKey(s.name, s.value));
    else groups.add(groupKey(s.subscriptionId, s.resourceGroup));
  }
  const claimedDirectly = (r: AzureResource) =>
    groups.has(groupKey(r.subscriptionId, r.resourceGroup)) ||
    Object.entries(r.tags ?? {}).some(
      ([name, value]) =>
        typeof value === 'string' && tags.has(tagKey(name, value)),
    );
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

import {
  AzureResource,
  normalizeRegion,
  parseResourceId,
} from '@vitals/azure-inventory-common';

/** Why one row of an export or a Resource Manager response cannot become an {@link AzureResource}. */
export interface ResourceRowProblem {
  problem: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : typeof value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function normalizeTags(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  const tags: Record<string, string> = {};
  for (const [name, tagValue] of Object.entries(value)) {
    // Tag values are strings in Resource Manager; exports written by hand or
    // by other tools sometimes carry numbers or booleans.
    tags[name] =
      tagValue === null || tagValue === undefined ? '' : String(tagValue);
  }
  return tags;
}

/**
 * Turns one Resource Graph row or Resource Manager GET body into the
 * normalised model: type lower-cased, location as a programmatic region name,
 * tags defaulting to `{}`, subscription and resource group taken from the id
 * when the row does not carry them (Resource Manager bodies never do).
 */
export function normalizeResourceRow(
  row: unknown,
): AzureResource | ResourceRowProblem {
  if (!isRecord(row)) {
    return { problem: `is ${describeType(row)}, not an object` };
  }
  const id = row.id;
  if (typeof id !== 'string' || id.trim() === '') {
    return {
      problem:
        id === undefined ? 'has no "id"' : `has an empty or non-string "id"`,
    };
  }
  const parsed = parseResourceId(id);
  const type = optionalString(row.type) ?? parsed?.type;
  if (!type) {
    return {
      problem: `has no "type" and its id "${id}" is not a resource id`,
    };
  }
  const resource: AzureResource = {
    id,
    name: optionalString(row.name) ?? parsed?.name ?? id.split('/').pop()!,
    type: type.toLowerCase(),
    location: normalizeRegion(optionalString(row.location)),
    subscriptionId:
      optionalString(row.subscriptionId) ?? parsed?.subscriptionId ?? '',
    resourceGroup:
      optionalString(row.resourceGroup) ?? parsed?.resourceGroup ?? '',
    tags: normalizeTags(row.tags),
    properties: isRecord(row.properties) ? row.properties : {},
  };
  const kind = optionalString(row.kind);
  if (kind) {
    resource.kind = kind;
  }
  if (isRecord(row.sku)) {
    resource.sku = row.sku as AzureResource['sku'];
  }
  if (Array.isArray(row.zones)) {
    resource.zones = row.zones.map(String);
  }
  if (isRecord(row.identity)) {
    resource.identity = row.identity as AzureResource['identity'];
  }
  return resource;
}

export function isResourceRowProblem(
  value: AzureResource | ResourceRowProblem,
): value is ResourceRowProblem {
  return 'problem' in value;
}

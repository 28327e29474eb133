import {
  AzureResource,
  normalizeRegion,
  parseResourceId,
} from '@vitals/azure-inventory-common';

/** The evaluation time of every fixture. */
export const FIXTURE_NOW = new Date('2025-06-02T12:00:00Z');

export const SUBSCRIPTION = '6a1f4c2e-2b4d-4e7a-9c1b-3f2e8d7c5a10';

/** A Resource Manager response body, as the REST API returns it. */
export interface ArmBody {
  id: string;
  type: string;
  location: string;
  kind?: string;
  sku?: AzureResource['sku'];
  zones?: string[];
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
}

/**
 * Normalises a Resource Manager body the way the inventory does: ids parsed,
 * type lower-cased, location programmatic; properties untouched.
 */
export function arm(body: ArmBody): AzureResource {
  const parts = parseResourceId(body.id);
  if (!parts) {
    throw new Error(`not a resource id: ${body.id}`);
  }
  const resource: AzureResource = {
    id: body.id,
    name: parts.name,
    type: body.type.toLocaleLowerCase('en-US'),
    location: normalizeRegion(body.location),
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    tags: body.tags ?? {},
    properties: body.properties ?? {},
  };
  if (body.kind) {
    resource.kind = body.kind;
  }
  if (body.sku) {
    resource.sku = body.sku;
  }
  if (body.zones) {
    resource.zones = body.zones;
  }
  return resource;
}

export function resourceGroupId(group: string): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}`;
}

/** The same resources as `resources.list` returns them: no `properties`. */
export function withoutProperties(
  resources: readonly AzureResource[],
): AzureResource[] {
  return resources.map(r => ({ ...r, properties: {} }));
}

/** A copy of the estate with the resources whose id ends with `idSuffix` replaced by `patch`. */
export function patchResource(
  resources: readonly AzureResource[],
  idSuffix: string,
  patch: (resource: AzureResource) => AzureResource,
): AzureResource[] {
  let found = false;
  const patched = resources.map(r => {
    if (!r.id.endsWith(idSuffix)) {
      return r;
    }
    found = true;
    return patch(JSON.parse(JSON.stringify(r)) as AzureResource);
  });
  if (!found) {
    throw new Error(`no fixture resource id ends with ${idSuffix}`);
  }
  return patched;
}

import {
  normalizeRegion,
  parseResourceId,
  type AzureResource,
} from '@vitals/azure-inventory-common';

/** A Resource Manager GET response body, as in the REST API specification examples. */
export interface ArmBody {
  id: string;
  name: string;
  type: string;
  location?: string;
  kind?: string;
  sku?: AzureResource['sku'];
  tags?: Record<string, string> | null;
  identity?: AzureResource['identity'];
  properties?: Record<string, unknown>;
  [extra: string]: unknown;
}

/**
 * Normalises an ARM body the way the inventory does: lower-cased type,
 * programmatic region, subscription and resource group from the id. The
 * property bag is kept exactly as Azure returned it.
 */
export function fromArm(body: ArmBody): AzureResource {
  const parts = parseResourceId(body.id);
  return {
    id: body.id,
    name: body.name,
    type: body.type.toLocaleLowerCase('en-US'),
    location: normalizeRegion(body.location ?? 'global'),
    subscriptionId: parts?.subscriptionId ?? '',
    resourceGroup: parts?.resourceGroup ?? '',
    ...(body.kind ? { kind: body.kind } : {}),
    ...(body.sku ? { sku: body.sku } : {}),
    ...(body.identity ? { identity: body.identity } : {}),
    tags: body.tags ?? {},
    properties: body.properties ?? {},
  };
}

/** A copy of a resource with some properties replaced (deeply merged one level down). */
export function withProperties(
  resource: AzureResource,
  properties: Record<string, unknown>,
  extra: Partial<AzureResource> = {},
): AzureResource {
  return {
    ...resource,
    ...extra,
    properties: { ...resource.properties, ...properties },
  };
}

/** A copy of a resource without the named top-level properties. */
export function withoutProperties(
  resource: AzureResource,
  ...names: string[]
): AzureResource {
  const properties = { ...resource.properties };
  for (const name of names) {
    delete properties[name];
  }
  return { ...resource, properties };
}

/** A copy under another id (re-homing an example's child resource under a fixture parent). */
export function rehome(resource: AzureResource, id: string): AzureResource {
  const parts = parseResourceId(id);
  return {
    ...resource,
    id,
    subscriptionId: parts?.subscriptionId ?? resource.subscriptionId,
    resourceGroup: parts?.resourceGroup ?? resource.resourceGroup,
  };
}

/*
 * The index over an estate lives in @vitals/azure-inventory-common, shared
 * with the inventory (whose `InventoryIndex.resourceIndex()` answers the same
 * way); these names stay for the code that imports them from here.
 */
export {
  indexResources,
  normaliseResourceId,
  type ResourceIndex,
} from '@vitals/azure-inventory-common';

export * from './model';
export * from './coverage';
export * from './selectors';
export {
  indexResources,
  normaliseResourceId,
  type ResourceIndex,
} from './resourceIndex';
export {
  InventoryIndex,
  buildInventoryIndex,
  resourcesForSelector,
} from './inventoryIndex';

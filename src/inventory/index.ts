export { createVmInventory } from './vm-inventory';
export type { VmInventoryOptions } from './vm-inventory';
export { CompactInventory } from './compact-inventory';
export { searchInventory, searchInventorySliced } from './inventory-search';
export type { InventoryFilter, InventoryProgress, InventoryProtection, InventorySearchResult, InventoryVm, SavedInventory, VmInventory } from './inventory.types';

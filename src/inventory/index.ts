export { createVmInventory } from './vm-inventory';
export type { VmInventoryOptions } from './vm-inventory';
export { searchIndex, indexVm } from './inventory-search';
export type { InventoryFilter, InventoryProgress, InventoryProtection, InventorySearchResult, InventoryVm, VmInventory } from './inventory.types';

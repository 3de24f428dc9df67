import type { InventoryFilter, InventorySearchResult, InventoryVm, VmInventory } from '../inventory/inventory.types';
import { coversId, type ChannelScope } from './channel-scope';

/** The shared index's default number of matches. */
const DEFAULT_LIMIT = 25;

/**
 * The VM inventory cache as one channel sees it: searches, look-ups and counts leave out VMs
 * outside the scope. Loading and refreshing stay the shared cache's (one load for all channels).
 */
export function scopedInventory(inner: VmInventory, scope: ChannelScope): VmInventory {
  if (scope.kind === 'all') return inner;
  const visible = (e: InventoryVm): boolean => coversId(scope, e.vm.id);
  // The scope is one more condition of the shared index's search, so only the best matches are
  // kept while it scans (no copy of every match per keystroke).
  const scoped = (options: InventoryFilter & { limit?: number }): InventoryFilter & { limit: number } => {
    const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
    if (options.places) {
      // Two place lists do not combine into one: the scope is then checked per VM.
      const where = options.where;
      return { ...options, limit, where: where ? (e) => visible(e) && where(e) : visible };
    }
    return { ...options, limit, places: scope.places };
  };
  const search = (query: string, options: InventoryFilter & { limit?: number } = {}): InventorySearchResult => inner.search(query, scoped(options));
  return {
    ready: () => inner.ready(),
    refresh: () => inner.refresh(),
    start: () => undefined, // the shared cache refreshes itself; a channel's view never starts timers
    stop: () => undefined,
    loadedAt: () => inner.loadedAt(),
    // The shared load's progress: a channel's share of it is not known until the load ends.
    progress: () => inner.progress(),
    search,
    searchSliced: (query, options = {}) => inner.searchSliced(query, scoped(options)),
    get: (vmId) => {
      const e = inner.get(vmId);
      return e && visible(e) ? e : undefined;
    },
    findByName: (name) => inner.findByName(name).filter(visible),
    size: () => search('').total,
    each: (visit) =>
      inner.each((e) => {
        if (visible(e)) visit(e);
      }),
    setProtection: (vmId, protection) => inner.setProtection(vmId, protection),
  };
}

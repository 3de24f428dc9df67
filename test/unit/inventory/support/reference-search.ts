/**
 * The inventory search as it was before the compact inventory (commit 93828bc, src/inventory/
 * inventory-search.ts): one object per VM, strings compared per VM and keystroke. Kept only as the
 * reference the compact search must agree with, result for result.
 */
import { normalizeLocation } from '../../../../src/domain/region.rule';
import type { InventoryFilter, InventorySearchResult, InventoryVm } from '../../../../src/inventory/inventory.types';

/** An inventory entry with its search keys computed once per load (keystrokes only compare strings). */
export interface IndexedVm {
  entry: InventoryVm;
  name: string;
  nameWords: string[];
  resourceGroup: string;
  location: string;
  subscriptionId: string;
  /** The subscription and the resource group as numbers (placeId), for the place filter. */
  subscriptionPlace: number;
  groupPlace: number;
}

/**
 * Small numbers for subscriptions and resource groups (`sub` and `sub/group`, lower case), shared
 * by every index: a place filter then compares numbers per VM and keystroke, not 36-character ids.
 * Grows with the places ever seen, a few thousand in a large estate.
 */
const placeIds = new Map<string, number>();
function placeId(key: string): number {
  let id = placeIds.get(key);
  if (id === undefined) {
    id = placeIds.size + 1;
    placeIds.set(key, id);
  }
  return id;
}

export function indexVm(entry: InventoryVm): IndexedVm {
  const name = entry.vm.name.toLowerCase();
  const subscriptionId = entry.vm.subscriptionId.toLowerCase();
  const resourceGroup = entry.vm.resourceGroup.toLowerCase();
  return {
    entry,
    name,
    nameWords: name.split(/[-_.\s]+/).filter(Boolean),
    resourceGroup,
    location: normalizeLocation(entry.vm.location),
    subscriptionId,
    subscriptionPlace: placeId(subscriptionId),
    groupPlace: placeId(`${subscriptionId}/${resourceGroup}`),
  };
}

/** How well one query token matches a VM; 0 = not at all. Name beats resource group beats region. */
function tokenScore(vm: IndexedVm, token: string): number {
  if (vm.name === token) return 100;
  if (vm.name.startsWith(token)) return 80;
  if (vm.nameWords.some((w) => w.startsWith(token))) return 60;
  if (vm.name.includes(token)) return 40;
  if (vm.resourceGroup === token) return 30;
  if (vm.resourceGroup.startsWith(token)) return 25;
  if (vm.resourceGroup.includes(token)) return 20;
  if (vm.location.startsWith(token)) return 15;
  if (vm.location.includes(token)) return 10;
  if (vm.subscriptionId.startsWith(token)) return 5;
  return 0;
}

/** A filter with its keys lower-cased and normalised once per search, not once per VM. */
interface PreparedFilter {
  location?: string;
  subscriptionId?: string;
  unprotectedOnly?: boolean;
  protectedOnly?: boolean;
  /** Whole subscriptions and single resource groups, as placeIds. */
  places?: { subscriptions: Set<number>; groups: Set<number> };
  where?: (entry: InventoryVm) => boolean;
}

function preparePlaces(places: NonNullable<InventoryFilter['places']>): NonNullable<PreparedFilter['places']> {
  const prepared = { subscriptions: new Set<number>(), groups: new Set<number>() };
  for (const p of places) {
    // A place no VM was ever indexed in has no number yet, and no VM to match.
    const sub = p.subscriptionId.toLowerCase();
    const id = placeIds.get(p.resourceGroup === undefined ? sub : `${sub}/${p.resourceGroup.toLowerCase()}`);
    if (id !== undefined) (p.resourceGroup === undefined ? prepared.subscriptions : prepared.groups).add(id);
  }
  return prepared;
}

function prepare(filter: InventoryFilter): PreparedFilter {
  return {
    ...(filter.location ? { location: normalizeLocation(filter.location) } : {}),
    ...(filter.subscriptionId ? { subscriptionId: filter.subscriptionId.toLowerCase() } : {}),
    unprotectedOnly: filter.unprotectedOnly,
    protectedOnly: filter.protectedOnly,
    ...(filter.places ? { places: preparePlaces(filter.places) } : {}),
    ...(filter.where ? { where: filter.where } : {}),
  };
}

function passes(vm: IndexedVm, filter: PreparedFilter): boolean {
  if (filter.location && vm.location !== filter.location) return false;
  if (filter.subscriptionId && vm.subscriptionId !== filter.subscriptionId) return false;
  const isProtected = !!vm.entry.protection && vm.entry.protection.state !== 'ProtectionStopped';
  if (filter.unprotectedOnly && isProtected) return false;
  if (filter.protectedOnly && !isProtected) return false;
  if (filter.places && !filter.places.subscriptions.has(vm.subscriptionPlace) && !filter.places.groups.has(vm.groupPlace)) return false;
  if (filter.where && !filter.where(vm.entry)) return false;
  return true;
}

/**
 * Ranks VMs against a query: every whitespace-separated token must match the name, resource group,
 * region or subscription; the sum of token scores ranks them, then shorter names, then A-Z.
 * An empty query lists everything (after the filter) A-Z.
 */
export function searchIndex(index: readonly IndexedVm[], query: string, options: InventoryFilter & { limit?: number } = {}): InventorySearchResult {
  const limit = Math.max(0, options.limit ?? 25);
  const q = query.trim().toLowerCase();
  const tokens = q.split(/\s+/).filter(Boolean);
  // Only the best `limit` are kept, in order (a bounded insertion), rather than sorting every
  // match: a one-letter query matches most of a 100,000-VM inventory on every keystroke.
  const best: Scored[] = [];
  const filter = prepare(options);
  let total = 0;
  for (const vm of index) {
    if (!passes(vm, filter)) continue;
    let score = 0;
    let all = true;
    for (const t of tokens) {
      const s = tokenScore(vm, t);
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (!all) continue;
    if (tokens.length > 1 && vm.name === q) score += 100;
    total += 1;
    if (limit === 0) continue;
    const candidate = { vm, score };
    if (limit > TOP_K_MAX) {
      best.push(candidate);
      continue;
    }
    if (best.length === limit && compareScored(candidate, best[best.length - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareScored(best[mid], candidate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, candidate);
    if (best.length > limit) best.pop();
  }
  if (limit > TOP_K_MAX) best.sort(compareScored).splice(limit);
  return { matches: best.map((s) => s.vm.entry), total };
}

/** Up to this many results are kept by bounded insertion; larger asks collect and sort once. */
const TOP_K_MAX = 256;

interface Scored {
  vm: IndexedVm;
  score: number;
}

/** Higher score first, then shorter names, then A-Z by name and resource group. */
function compareScored(a: Scored, b: Scored): number {
  return (
    b.score - a.score ||
    a.vm.name.length - b.vm.name.length ||
    (a.vm.name < b.vm.name ? -1 : a.vm.name > b.vm.name ? 1 : 0) ||
    (a.vm.resourceGroup < b.vm.resourceGroup ? -1 : a.vm.resourceGroup > b.vm.resourceGroup ? 1 : 0)
  );
}

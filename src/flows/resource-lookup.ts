import type { Vault, VirtualMachine } from '../domain/backup.types';
import { isResourceId, parseResourceId } from '../domain/azure-ids';
import { AzureError } from '../domain/errors';
import type { InventoryVm } from '../inventory/inventory.types';
import type { FlowContext } from './flow-context';

export type Resolved<T> = { kind: 'one'; value: T } | { kind: 'many'; values: T[] } | { kind: 'none'; suggestions: T[] };

/**
 * A VM from what a person typed or a button carried: an ARM id, an exact name, or a search with
 * a single match. Reads the inventory cache; an id not in the cache is read from Azure.
 */
export async function resolveVm(ctx: FlowContext, text: string): Promise<Resolved<VirtualMachine>> {
  await ctx.inventory.ready();
  const t = text.trim();
  if (isResourceId(t)) {
    const cached = ctx.inventory.get(t);
    if (cached) return { kind: 'one', value: cached.vm };
    try {
      return { kind: 'one', value: await ctx.backup.getVirtualMachine(t) };
    } catch (err) {
      if (err instanceof AzureError && err.status === 404) return { kind: 'none', suggestions: [] };
      throw err;
    }
  }
  const exact = ctx.inventory.findByName(t);
  if (exact.length === 1) return { kind: 'one', value: exact[0].vm };
  if (exact.length > 1) return { kind: 'many', values: exact.map((e) => e.vm) };
  const found = ctx.inventory.search(t, { limit: 10 });
  if (found.total === 1) return { kind: 'one', value: found.matches[0].vm };
  if (found.total > 1) return { kind: 'many', values: found.matches.map((e) => e.vm) };
  return { kind: 'none', suggestions: [] };
}

/** A VM by id (from a form or a button), from the cache or Azure. */
export async function vmById(ctx: FlowContext, id: string): Promise<VirtualMachine> {
  await ctx.inventory.ready();
  const cached: InventoryVm | undefined = ctx.inventory.get(id);
  return cached ? cached.vm : ctx.backup.getVirtualMachine(id);
}

/** A vault by ARM id or name (case-insensitive) among the configured subscriptions. */
export async function resolveVault(ctx: FlowContext, text: string): Promise<Resolved<Vault>> {
  const t = text.trim();
  if (isResourceId(t)) {
    const parts = parseResourceId(t);
    if (parts.type.toLowerCase() !== 'vaults') return { kind: 'none', suggestions: [] };
    try {
      return { kind: 'one', value: await ctx.backup.getVault(t) };
    } catch (err) {
      if (err instanceof AzureError && err.status === 404) return { kind: 'none', suggestions: [] };
      throw err;
    }
  }
  const vaults = await ctx.backup.listVaults();
  const exact = vaults.filter((v) => v.name.toLowerCase() === t.toLowerCase());
  if (exact.length === 1) return { kind: 'one', value: exact[0] };
  if (exact.length > 1) return { kind: 'many', values: exact };
  const partial = vaults.filter((v) => v.name.toLowerCase().includes(t.toLowerCase()));
  return { kind: 'none', suggestions: partial.slice(0, 5) };
}

export function isVmId(id: string): boolean {
  return isResourceId(id) && parseResourceId(id).type.toLowerCase() === 'virtualmachines';
}

export function isVaultId(id: string): boolean {
  return isResourceId(id) && parseResourceId(id).type.toLowerCase() === 'vaults';
}


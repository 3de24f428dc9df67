import { randomBytes } from 'node:crypto';
import type { BackupService } from '../backup/backup.port';
import type { Vault, VirtualMachine } from '../domain/backup.types';
import { isResourceId, parseResourceId, sameResourceId } from '../domain/azure-ids';
import { AzureError, DomainError } from '../domain/errors';
import type { Logger } from '../log';
import type { InventoryVm, VmInventory } from '../inventory/inventory.types';
import type { NotificationsPort } from './notifications.port';
import type { FieldError, FlowResult, FormView, MessageView, NoticeView, StepOutcome, VaultRef, VmRef } from './views';

/** What every flow step gets: the ports, the clock and the settings. */
export interface FlowContext {
  backup: BackupService;
  inventory: VmInventory;
  now: () => Date;
  portalBaseUrl: string;
  logger: Logger;
  newReference: () => string;
  /** Channel subscriptions and scheduler health; absent when the bot runs without its scheduler. */
  notifications?: NotificationsPort;
}

export const defaultReference = (): string => randomBytes(4).toString('hex').toUpperCase();

// ---- results ---------------------------------------------------------------------------------------

export const formResult = (view: FormView): FlowResult => ({ kind: 'form', view });
export const invalidResult = (view: FormView, errors: FieldError[]): FlowResult => ({ kind: 'invalid', view: { ...view, errors }, errors });
export const messageResult = (view: MessageView, placement: 'new' | 'replace' = 'new'): FlowResult => ({ kind: 'message', view, placement });

export function notice(tone: NoticeView['tone'], title: string, text: string, extra: Partial<Omit<NoticeView, 'kind' | 'tone' | 'title' | 'text'>> = {}): NoticeView {
  return { kind: 'notice', tone, title, text, actions: [], ...extra };
}

/** A safe sentence for an error: Azure's and the rules' messages are made to be shown; anything else is not. */
export function safeMessage(err: unknown): string | undefined {
  return err instanceof DomainError ? err.message : undefined;
}

/**
 * The notice for a failure: what was attempted, what was done and what was not. Azure and domain
 * errors are shown as they are; anything else becomes "something went wrong" with a reference
 * that the log line carries too.
 */
export function failureNotice(ctx: FlowContext, err: unknown, title: string, steps?: StepOutcome[], nothingChanged = true): NoticeView {
  const safe = safeMessage(err);
  const tail = steps?.some((s) => s.status === 'done') ? '' : nothingChanged ? ' Nothing was changed.' : '';
  if (safe !== undefined) {
    const code = err instanceof AzureError ? err.azureCode ?? err.code : (err as DomainError).code;
    ctx.logger.warn('flow step failed', { title, code });
    return notice('error', title, `${safe}${tail}`, { steps, facts: code ? [{ label: 'Error code', value: code }] : undefined });
  }
  const reference = ctx.newReference();
  ctx.logger.error('flow failed unexpectedly', { title, reference, err });
  return notice('error', title, `Something went wrong on our side.${tail} Quote reference ${reference} to your operators.`, { steps, reference });
}

/** Awaits a promise and turns a failure into a StepOutcome list entry, for plans of several steps. */
export async function runStep<T>(steps: StepOutcome[], step: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    const value = await fn();
    steps.push({ step, status: 'done' });
    return { ok: true, value };
  } catch (error) {
    steps.push({ step, status: 'failed', detail: safeMessage(error) ?? 'Something went wrong on our side.' });
    return { ok: false, error };
  }
}

// ---- refs and links ------------------------------------------------------------------------------

export const vmRef = (vm: VirtualMachine): VmRef => ({ id: vm.id, name: vm.name, resourceGroup: vm.resourceGroup, location: vm.location, subscriptionId: vm.subscriptionId });
export const vaultRef = (v: Vault): VaultRef => ({ id: v.id, name: v.name, resourceGroup: v.resourceGroup, location: v.location, subscriptionId: v.subscriptionId });

/** The portal's resource URL: {base}/#@/resource{id}/{blade}. */
export function portalUrl(ctx: FlowContext, resourceId: string, blade: string): string {
  return `${ctx.portalBaseUrl.replace(/\/+$/, '')}/#@/resource${resourceId}/${blade}`;
}

export const vmBackupLink = (ctx: FlowContext, vmId: string) => ({ label: 'Open in Azure portal', url: portalUrl(ctx, vmId, 'backup') });
export const vaultLink = (ctx: FlowContext, vaultId: string) => ({ label: 'Open vault in Azure portal', url: portalUrl(ctx, vaultId, 'overview') });

// ---- finding VMs and vaults ------------------------------------------------------------------------

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

export { sameResourceId };

/** A single form value as a trimmed string ('' when absent). */
export function single(values: Record<string, string | string[] | undefined>, id: string): string {
  const v = values[id];
  if (Array.isArray(v)) return (v[0] ?? '').trim();
  return (v ?? '').trim();
}

/** A multi-valued form value as a list (a single string counts as one value). */
export function multiple(values: Record<string, string | string[] | undefined>, id: string): string[] {
  const v = values[id];
  if (Array.isArray(v)) return v.map((x) => x.trim()).filter(Boolean);
  if (typeof v === 'string' && v.trim()) return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}

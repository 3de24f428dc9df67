/** `backup items <vault>`: a vault's backup items with their last backup and next scheduled run, a page at a time. */
import type { BackupPolicy, ProtectedItem, Vault } from '../domain/backup.types';
import { nextScheduledRun } from '../domain/backup-policy.rule';
import type { ItemsIntent } from './intents';
import type { FlowContext } from './flow-context';
import { messageResult, notice } from './flow-results';
import { vaultLink, vaultRef } from './resource-links';
import { isVaultId } from './resource-lookup';
import { itemsWords } from './status.flow';
import { clip } from './vm-options';
import type { BackupItemView, ButtonView, FlowResult, VaultItemsView } from './views';
import { itemsPageWords, lastBackupDayWords, lastBackupTone, nextRunNoneWords, protectionWords, softDeletedWords, when } from './wording';

/** Items a page shows: two blocks each in Slack (text, buttons), under its 50 blocks with room for the rest. */
export const ITEMS_PAGE_SIZE = 15;

/** Vault buttons a "which vault?" answer shows. */
const PICK_MAX = 10;

/** States in which the policy still runs backups. */
const SCHEDULED = new Set<ProtectedItem['protectionState']>(['Protected', 'IRPending', 'ProtectionError']);

export async function items(ctx: FlowContext, intent: ItemsIntent): Promise<FlowResult> {
  const target = intent.vault?.trim();
  const vaults = isVaultId(target ?? '') ? [await ctx.backup.getVault(target as string)] : await ctx.backup.listVaults();
  const named = target && !isVaultId(target) ? vaults.filter((v) => v.name.toLowerCase() === target.toLowerCase()) : vaults;
  if (named.length === 1) return itemsPage(ctx, named[0], intent.page ?? 1);
  const pick = (list: Vault[]): ButtonView[] =>
    list.slice(0, PICK_MAX).map((v) => ({ label: `${v.name} (${v.resourceGroup})`, intent: { type: 'items', vault: v.id } }));
  // Past PICK_MAX buttons the list says how many are left out and how to reach them.
  const more = (list: Vault[]): string => (list.length > PICK_MAX ? ` The first ${PICK_MAX} of ${list.length} are shown; type \`backup items <vault>\` for another.` : '');
  if (named.length > 1) return messageResult(notice('info', target ? `"${clip(target, 40)}" names ${named.length} vaults` : 'Which vault?', `${target ? 'Which one?' : 'Choose the vault whose backup items to list:'}${more(named)}`, { actions: pick(named) }));
  if (vaults.length === 0) return messageResult(notice('warning', 'No vault', 'No Recovery Services vault is in this channel\'s scope yet.', { actions: [{ label: 'Create a vault', intent: { type: 'vault.start' } }] }));
  return messageResult(notice('warning', 'Not found', `No vault is named "${clip(target ?? '', 40)}". The vaults here:${more(vaults)}`, { actions: pick(vaults) }));
}

async function itemsPage(ctx: FlowContext, vault: Vault, page: number): Promise<FlowResult> {
  const now = ctx.now();
  const [all, policies] = await Promise.all([ctx.backup.listProtectedItems(vault.id), ctx.backup.listPolicies(vault.id)]);
  const byName = new Map(policies.map((p) => [p.name.toLowerCase(), p]));
  // What needs a look comes first; then by name, so pages stay stable between reads.
  const sorted = [...all].sort((a, b) => attention(b) - attention(a) || a.vmName.localeCompare(b.vmName));
  const pages = Math.max(1, Math.ceil(sorted.length / ITEMS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * ITEMS_PAGE_SIZE;
  const shown = sorted.slice(start, start + ITEMS_PAGE_SIZE);
  const actions: ButtonView[] = [];
  if (current > 1) actions.push({ label: 'Previous page', intent: { type: 'items', vault: vault.id, page: current - 1 } });
  if (current < pages) actions.push({ label: 'Next page', intent: { type: 'items', vault: vault.id, page: current + 1 } });
  actions.push({ label: 'Vault status', intent: { type: 'status', target: vault.id } });
  if (all.length === 0) actions.unshift({ label: 'Protect VMs', intent: { type: 'vault.start' }, style: 'primary' });
  const view: VaultItemsView = {
    kind: 'vault-items',
    vault: vaultRef(vault),
    itemsText: itemsWords(all),
    pageText: itemsPageWords(start, shown.length, sorted.length),
    items: shown.map((i) => itemView(i, i.policyName ? byName.get(i.policyName.toLowerCase()) : undefined, now)),
    more: Math.max(0, sorted.length - start - shown.length),
    actions,
    links: [vaultLink(ctx, vault.id)],
  };
  return messageResult(view);
}

function attention(item: ProtectedItem): number {
  if (item.protectionState === 'ProtectionError' || item.lastBackupStatus === 'Failed') return 2;
  if (item.lastBackupStatus === 'CompletedWithWarnings' || item.protectionState === 'IRPending') return 1;
  return 0;
}

function itemView(item: ProtectedItem, policy: BackupPolicy | undefined, now: Date): BackupItemView {
  const actions: ButtonView[] = [{ label: 'Status', intent: { type: 'status', target: item.vmId } }];
  const scheduled = SCHEDULED.has(item.protectionState) && !item.softDeleted;
  if (scheduled) actions.push({ label: 'Backup now', intent: { type: 'now.start', vm: item.vmId } });
  // What brings a stopped item back: undelete first when its data is soft-deleted, else resume.
  else if (item.softDeleted) actions.push({ label: 'Undelete', intent: { type: 'undelete', vm: item.vmId } });
  else if (item.protectionState === 'ProtectionStopped') actions.push({ label: 'Resume backups', intent: { type: 'resume.start', vm: item.vmId } });
  let next: Date | undefined;
  if (scheduled && policy) {
    try {
      next = nextScheduledRun(policy.schedule, now);
    } catch {
      next = undefined;
    }
  }
  return {
    vm: { id: item.vmId, name: item.vmName },
    protection: item.softDeleted ? softDeletedWords(item.softDeleted.purgeAt, now) : protectionWords(item.protectionState),
    lastBackupText: lastBackupDayWords(item.lastBackupStatus, item.lastBackupTime, now),
    lastBackupTone: lastBackupTone(item.lastBackupStatus, item.lastBackupTime),
    nextRunText: next ? when(next, now).text : nextRunNoneWords(item.protectionState, item.policyName, policy !== undefined),
    ...(next ? { nextRun: next.toISOString() } : {}),
    ...(item.policyName ? { policyName: item.policyName } : {}),
    actions,
  };
}

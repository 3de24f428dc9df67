/** `backup status [vm|vault]`: protection, last backup, recovery points, jobs, policy, next backup. */
import type { BackupJob, BackupPolicy, ProtectedItem, RecoveryPoint, Vault, VirtualMachine } from '../domain/backup.types';
import { nextScheduledRun } from '../domain/backup-policy.rule';
import { AzureError } from '../domain/errors';
import type { StatusIntent } from './intents';
import type { FlowContext } from './flow-context';
import { messageResult, notice } from './flow-results';
import { vaultLink, vaultRef, vmBackupLink, vmRef } from './resource-links';
import { isVaultId, isVmId } from './resource-lookup';
import { jobLine } from './job-view';
import { clip } from './vm-options';
import { changePolicyButton, resumeButton, undeleteButton } from './protected-vm';
import type { ButtonView, FlowResult, VaultItemView, VaultStatusView, VaultsOverviewView, VmStatusView } from './views';
import { agentWords, lastBackupWords, listWords, plural, policySummary, powerWords, protectionWords, redundancyWords, softDeletedWords, when } from './wording';

export async function status(ctx: FlowContext, intent: StatusIntent): Promise<FlowResult> {
  const target = intent.target?.trim();
  if (!target) return overview(ctx);
  if (isVmId(target)) return vmStatus(ctx, await ctx.backup.getVirtualMachine(target));
  if (isVaultId(target)) return vaultStatus(ctx, await ctx.backup.getVault(target));
  await ctx.inventory.ready();
  const vms = ctx.inventory.findByName(target).map((e) => e.vm);
  const vaults = (await ctx.backup.listVaults()).filter((v) => v.name.toLowerCase() === target.toLowerCase());
  if (vms.length === 1 && vaults.length === 0) return vmStatus(ctx, vms[0]);
  if (vaults.length === 1 && vms.length === 0) return vaultStatus(ctx, vaults[0]);
  if (vms.length + vaults.length > 1) {
    const actions: ButtonView[] = [
      ...vms.map((vm) => ({ label: `VM ${vm.name} (${vm.resourceGroup})`, intent: { type: 'status' as const, target: vm.id } })),
      ...vaults.map((v) => ({ label: `Vault ${v.name} (${v.resourceGroup})`, intent: { type: 'status' as const, target: v.id } })),
    ];
    return messageResult(notice('info', `"${clip(target, 40)}" names ${vms.length + vaults.length} resources`, 'Which one?', { actions: actions.slice(0, 10) }));
  }
  const similar = ctx.inventory.search(target, { limit: 5 }).matches;
  return messageResult(
    notice('warning', 'Not found', `No VM or vault is named "${clip(target, 40)}".${similar.length ? ' Did you mean one of these?' : ''}`, {
      actions: similar.map((e) => ({ label: e.vm.name, intent: { type: 'status', target: e.vm.id } })),
    }),
  );
}

/** Items of a vault counted by state, in words: "2 protected, 1 initial backup pending". */
export function itemsWords(items: ProtectedItem[]): string {
  if (items.length === 0) return 'protects nothing yet';
  const order: ProtectedItem['protectionState'][] = ['Protected', 'IRPending', 'ProtectionError', 'ProtectionPaused', 'ProtectionStopped', 'Invalid'];
  const parts: string[] = [];
  for (const state of order) {
    const n = items.filter((i) => i.protectionState === state && !i.softDeleted).length;
    if (n) parts.push(`${n} ${state === 'IRPending' ? 'initial backup pending' : protectionWords(state).text.toLowerCase()}`);
  }
  const softDeleted = items.filter((i) => i.softDeleted).length;
  if (softDeleted) parts.push(`${softDeleted} soft-deleted`);
  return listWords(parts);
}

async function overview(ctx: FlowContext): Promise<FlowResult> {
  const vaults = (await ctx.backup.listVaults()).sort((a, b) => a.name.localeCompare(b.name));
  const problems: string[] = [];
  const lines: VaultsOverviewView['vaults'] = [];
  for (const v of vaults) {
    try {
      const items = await ctx.backup.listProtectedItems(v.id);
      lines.push({ ...vaultRef(v), itemsText: itemsWords(items), actions: [{ label: 'Status', intent: { type: 'status', target: v.id } }] });
    } catch (err) {
      if (!(err instanceof AzureError)) throw err;
      problems.push(`${v.name}: ${err.message}`);
    }
  }
  const view: VaultsOverviewView = {
    kind: 'vaults-overview',
    vaults: lines,
    problems,
    actions: vaults.length ? [{ label: 'Failed jobs', intent: { type: 'jobs.list', filter: 'failed' } }] : [{ label: 'Create a vault', intent: { type: 'vault.start' }, style: 'primary' }],
  };
  return messageResult(view);
}

/** Reads that may fail without spoiling the whole status: the view says "could not be read". */
async function optional<T>(ctx: FlowContext, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AzureError)) throw err;
    ctx.logger.warn(`status: could not read ${what}`, { err });
    return undefined;
  }
}

async function runningJobsOf(ctx: FlowContext, vaultId: string): Promise<BackupJob[] | undefined> {
  return optional(ctx, 'running jobs', () => ctx.backup.listJobs(vaultId, { status: 'InProgress' }));
}

export async function vmStatus(ctx: FlowContext, vm: VirtualMachine): Promise<FlowResult> {
  const now = ctx.now();
  const item = await ctx.backup.findProtectedItem(vm.id);
  const words = protectionWords(item?.protectionState);
  ctx.inventory.setProtection(vm.id, item ? { vaultId: item.vaultId, state: item.protectionState } : undefined);
  const view: VmStatusView = {
    kind: 'vm-status',
    vm: { ...vmRef(vm), powerText: powerWords(vm.powerState), agentText: agentWords(vm.agent) },
    protection: words,
    lastBackup: { text: 'never' },
    recoveryPoints: { count: 0, text: 'none' },
    runningJobs: [],
    actions: [],
    links: [vmBackupLink(ctx, vm.id)],
  };
  if (!item) {
    view.actions = [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id }, style: 'primary' }];
    return messageResult(view);
  }
  const [vault, policy, points, jobs] = await Promise.all([
    optional<Vault>(ctx, 'the vault', () => ctx.backup.getVault(item.vaultId)),
    item.policyName ? optional<BackupPolicy>(ctx, 'the policy', () => ctx.backup.getPolicy(item.vaultId, item.policyName as string)) : Promise.resolve(undefined),
    optional<RecoveryPoint[]>(ctx, 'recovery points', () => ctx.backup.listRecoveryPoints(item)),
    runningJobsOf(ctx, item.vaultId),
  ]);
  if (vault) view.vault = vaultRef(vault);
  view.lastBackup = { text: lastBackupWords(item.lastBackupStatus, item.lastBackupTime, now), ...(item.lastBackupStatus ? { status: item.lastBackupStatus } : {}) };
  if (item.lastBackupTime && view.lastBackup.text !== 'never') view.lastBackup.at = item.lastBackupTime.toISOString();
  if (points) {
    const latest = [...points].sort((a, b) => b.time.getTime() - a.time.getTime())[0];
    view.recoveryPoints = latest
      ? { count: points.length, latest: when(latest.time, now), text: `${plural(points.length, 'recovery point')}, latest ${when(latest.time, now).text}` }
      : { count: 0, text: 'none yet' };
  } else {
    view.recoveryPoints = { count: 0, text: 'could not be read' };
  }
  if (jobs) {
    const vaultName = vault?.name ?? item.vaultId.split('/').pop() ?? '';
    view.runningJobs = jobs.filter((j) => j.entityFriendlyName.toLowerCase() === vm.name.toLowerCase()).map((j) => jobLine(j, vaultName, now));
  }
  if (policy) {
    view.policy = policySummary(policy);
    if (item.protectionState === 'Protected' || item.protectionState === 'IRPending') view.nextScheduledBackup = when(nextScheduledRun(policy.schedule, now), now);
  } else if (item.policyName) {
    view.policy = { name: item.policyName, scheduleText: 'could not be read', retentionText: '', text: `${item.policyName} (could not be read)` };
  }
  const refresh: ButtonView = { label: 'Refresh', intent: { type: 'status', target: vm.id } };
  // Each state offers its next step: undelete a soft-deleted item, resume (or delete) a stopped
  // one, back up, change the policy of or stop a protected one.
  if (item.softDeleted) {
    view.protection = softDeletedWords(item.softDeleted.purgeAt, now);
    view.actions = [undeleteButton(vm), refresh];
  } else if (item.protectionState === 'ProtectionStopped') {
    view.actions = [resumeButton(vm), refresh, { label: 'Delete backup data', intent: { type: 'stop.start', vm: vm.id, deleteData: true }, style: 'danger' }];
  } else {
    view.actions = [
      { label: 'Backup now', intent: { type: 'now.start', vm: vm.id }, style: 'primary' },
      refresh,
      changePolicyButton(vm),
      { label: 'Stop protection', intent: { type: 'stop.start', vm: vm.id }, style: 'danger' },
    ];
  }
  if (vault) view.links.push(vaultLink(ctx, vault.id));
  return messageResult(view);
}

export async function vaultStatus(ctx: FlowContext, vault: Vault): Promise<FlowResult> {
  const now = ctx.now();
  const [storage, items, policies, jobs] = await Promise.all([
    ctx.backup.getStorageRedundancy(vault.id),
    ctx.backup.listProtectedItems(vault.id),
    ctx.backup.listPolicies(vault.id),
    runningJobsOf(ctx, vault.id),
  ]);
  const itemViews: VaultItemView[] = items
    .sort((a, b) => a.vmName.localeCompare(b.vmName))
    .map((i) => ({
      vm: { id: i.vmId, name: i.vmName },
      protection: i.softDeleted ? softDeletedWords(i.softDeleted.purgeAt, now) : protectionWords(i.protectionState),
      lastBackupText: lastBackupWords(i.lastBackupStatus, i.lastBackupTime, now),
      ...(i.policyName ? { policyName: i.policyName } : {}),
      actions: [{ label: 'Status', intent: { type: 'status', target: i.vmId } }],
    }));
  const view: VaultStatusView = {
    kind: 'vault-status',
    vault: vaultRef(vault),
    redundancy: { value: storage.redundancy, text: redundancyWords(storage.redundancy), locked: storage.locked },
    items: itemViews,
    itemsText: itemsWords(items),
    policies: policies.sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ ...policySummary(p), protectedItemsCount: p.protectedItemsCount })),
    runningJobs: (jobs ?? []).map((j) => jobLine(j, vault.name, now)),
    actions: [
      { label: 'Protect VMs', intent: { type: 'vault.start' }, style: 'primary' },
      { label: 'Policies', intent: { type: 'policy.list', vault: vault.id } },
      // The items with their last backup and next run, a page at a time (large vaults).
      { label: 'Backup items', intent: { type: 'items', vault: vault.id } },
      { label: 'Refresh', intent: { type: 'status', target: vault.id } },
    ],
    links: [vaultLink(ctx, vault.id)],
  };
  return messageResult(view);
}

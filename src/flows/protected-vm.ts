/**
 * What the protection commands (stop, resume, policy set, undelete) share: the one VM a person
 * named, its vault's name, and the buttons that lead from one state of protection to the next.
 */
import type { BackupPolicy, ProtectedItem, VirtualMachine } from '../domain/backup.types';
import type { FlowContext } from './flow-context';
import { messageResult, notice } from './flow-results';
import type { Intent } from './intents';
import { resolveVm } from './resource-lookup';
import { clip } from './vm-options';
import type { ButtonView, FlowResult, OptionView } from './views';
import { policySummary, softDeletedWords } from './wording';

export const vaultNameOf = (item: ProtectedItem): string => item.vaultId.split('/').pop() ?? item.vaultId;

export const statusButton = (vm: VirtualMachine): ButtonView => ({ label: 'Status', intent: { type: 'status', target: vm.id } });
export const resumeButton = (vm: VirtualMachine, policy?: string): ButtonView => ({
  label: 'Resume backups',
  intent: { type: 'resume.start', vm: vm.id, ...(policy ? { policy } : {}) },
  style: 'primary',
});
export const undeleteButton = (vm: VirtualMachine): ButtonView => ({ label: 'Undelete', intent: { type: 'undelete', vm: vm.id }, style: 'primary' });
export const changePolicyButton = (vm: VirtualMachine): ButtonView => ({ label: 'Change policy', intent: { type: 'policy.set', vm: vm.id } });
export const newPolicyButton = (vaultId: string): ButtonView => ({ label: 'New policy', intent: { type: 'policy.create', vault: vaultId } });

/**
 * The one VM `text` names, or the answer when it names several (buttons that ask `again` for
 * each) or none.
 */
export async function oneVm(ctx: FlowContext, text: string, again: (vm: VirtualMachine) => Intent, question: string): Promise<{ vm: VirtualMachine } | { answer: FlowResult }> {
  const found = await resolveVm(ctx, text);
  if (found.kind === 'one') return { vm: found.value };
  if (found.kind === 'many') {
    const actions = found.values.slice(0, 10).map((vm) => ({ label: `${vm.name} (${vm.resourceGroup})`, intent: again(vm) }));
    return { answer: messageResult(notice('info', `${found.values.length} VMs match "${clip(text, 40)}"`, question, { actions })) };
  }
  return { answer: messageResult(notice('warning', 'Not found', `No VM matches "${clip(text, 40)}". Type part of its name, resource group or region.`)) };
}

/** The answer for a VM no vault protects. */
export function notProtectedAnswer(vm: VirtualMachine, what: string): FlowResult {
  return messageResult(
    notice('warning', `${vm.name} is not protected`, `No vault backs up ${vm.name}: there is ${what}.`, {
      actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id }, style: 'primary' }, statusButton(vm)],
    }),
  );
}

/** The answer for a soft-deleted item: nothing but undelete is possible until then. */
export function softDeletedAnswer(ctx: FlowContext, vm: VirtualMachine, item: ProtectedItem, what: string): FlowResult {
  const state = softDeletedWords(item.softDeleted?.purgeAt, ctx.now()).text;
  return messageResult(
    notice('info', `The backup data of ${vm.name} is soft-deleted`, `Its backup data in ${vaultNameOf(item)} was deleted with soft delete on. ${state}. Undelete it first (\`backup undelete ${vm.name}\`), then ${what}.`, {
      actions: [undeleteButton(vm), statusButton(vm)],
    }),
  );
}

/** A policy as a choice: its name, and its schedule and retention as the description. */
export function policyOption(policy: BackupPolicy): OptionView {
  const summary = policySummary(policy).text;
  return { value: policy.name, label: clip(policy.name, 75), description: clip(summary, 75) };
}

/** The policy of `policies` named `name` (case-insensitive). */
export const policyNamed = (policies: BackupPolicy[], name: string): BackupPolicy | undefined => policies.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());

/**
 * The VM's item read again after a change (to say what Azure really did), or 'unknown' when it
 * could not be read: the answer then says what was asked and how to check.
 */
export async function itemAfter(ctx: FlowContext, vm: VirtualMachine, what: string): Promise<ProtectedItem | undefined | 'unknown'> {
  try {
    return await ctx.backup.findProtectedItem(vm.id);
  } catch (err) {
    ctx.logger.warn(`${what}: could not re-read the item`, { err });
    return 'unknown';
  }
}

/**
 * Resume protection: a VM whose protection is stopped (data kept) -> a form with the policies of
 * its vault (the one it had preselected when known) -> assignPolicy -> what was done.
 */
import type { BackupPolicy, ProtectedItem, VirtualMachine } from '../domain/backup.types';
import { nextScheduledRun } from '../domain/backup-policy.rule';
import type { FlowContext } from './flow-context';
import { failureNotice, formResult, invalidResult, messageResult, notice, safeMessage } from './flow-results';
import { single } from './form-values';
import type { Actor, ResumeStartIntent, ResumeSubmitIntent } from './intents';
import { itemAfter, changePolicyButton, newPolicyButton, notProtectedAnswer, oneVm, policyNamed, policyOption, softDeletedAnswer, statusButton, vaultNameOf } from './protected-vm';
import { vmById } from './resource-lookup';
import type { FieldError, FlowResult, FormView } from './views';
import { listWords, policySummary, when } from './wording';

export const POLICY_FIELD = 'policy';

/** The stopped item of the VM, or the answer when it is not stopped (or not there). */
async function stoppedItem(ctx: FlowContext, vm: VirtualMachine): Promise<{ item: ProtectedItem } | { answer: FlowResult }> {
  const item = await ctx.backup.findProtectedItem(vm.id);
  if (!item) return { answer: notProtectedAnswer(vm, 'no protection to resume') };
  if (item.softDeleted) return { answer: softDeletedAnswer(ctx, vm, item, 'resume its backups') };
  if (item.protectionState !== 'ProtectionStopped') {
    return {
      answer: messageResult(
        notice('info', `${vm.name} is already backed up`, `${vm.name} is backed up by ${vaultNameOf(item)}${item.policyName ? ` with policy ${item.policyName}` : ''}: there is nothing to resume. To use another policy: \`backup policy set ${vm.name}\`.`, {
          actions: [changePolicyButton(vm), statusButton(vm)],
        }),
      ),
    };
  }
  return { item };
}

/** The field error for a policy the vault does not have, naming the ones it has. */
const notAPolicy = (typed: string, item: ProtectedItem, policies: BackupPolicy[]): FieldError => ({
  field: POLICY_FIELD,
  code: 'POLICY_NOT_FOUND',
  message: `"${typed.slice(0, 40)}" is not a policy of ${vaultNameOf(item)}: choose one of ${listWords(policies.map((p) => p.name))}.`,
});

/** `preselect: false` leaves the choice to the person (after a typed policy the vault does not have). */
function resumeForm(vm: VirtualMachine, item: ProtectedItem, policies: BackupPolicy[], chosen: string | undefined, preselect = true): FormView {
  const vault = vaultNameOf(item);
  const preselected = preselect ? (chosen && policyNamed(policies, chosen)?.name) ?? policyNamed(policies, 'DefaultPolicy')?.name ?? policies[0]?.name : undefined;
  return {
    kind: 'form',
    form: 'resume.confirm',
    title: 'Resume backups',
    sections: [
      `Backups of ${vm.name} are stopped; its recovery points in ${vault} are kept. Choose the policy that backs it up from now on.`,
      "The policy's schedule runs again, and its retention applies to the kept recovery points too: those older than the policy keeps are cleaned up.",
      `For a policy that does not exist yet, create it in ${vault} first (New policy), then resume.`,
    ],
    facts: [
      { label: 'VM', value: `${vm.name} (resource group ${vm.resourceGroup}, ${vm.location})` },
      { label: 'Vault', value: vault },
    ],
    fields: [
      {
        kind: 'select',
        id: POLICY_FIELD,
        label: 'Policy',
        options: policies.map(policyOption),
        ...(preselected ? { value: preselected } : {}),
        hint: 'A policy of the vault that keeps the recovery points.',
      },
    ],
    submit: { label: 'Resume backups', intent: { type: 'resume.submit', vmId: vm.id, values: {} } },
    actions: [newPolicyButton(item.vaultId)],
  };
}

export async function resumeStart(ctx: FlowContext, intent: ResumeStartIntent): Promise<FlowResult> {
  const named = await oneVm(ctx, intent.vm, (vm) => ({ type: 'resume.start', vm: vm.id, ...(intent.policy ? { policy: intent.policy } : {}) }), 'Which one should be backed up again?');
  if ('answer' in named) return named.answer;
  const target = await stoppedItem(ctx, named.vm);
  if ('answer' in target) return target.answer;
  const policies = await ctx.backup.listPolicies(target.item.vaultId);
  // A typed policy the vault lacks is said under the field; another policy is not preselected in its place.
  if (intent.policy && !policyNamed(policies, intent.policy)) {
    return formResult({ ...resumeForm(named.vm, target.item, policies, undefined, false), errors: [notAPolicy(intent.policy, target.item, policies)] });
  }
  return formResult(resumeForm(named.vm, target.item, policies, intent.policy));
}

export async function resumeSubmit(ctx: FlowContext, intent: ResumeSubmitIntent, actor: Actor): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const target = await stoppedItem(ctx, vm);
  if ('answer' in target) return target.answer;
  const item = target.item;
  const policies = await ctx.backup.listPolicies(item.vaultId);
  const typed = single(intent.values, POLICY_FIELD);
  const policy = typed ? policyNamed(policies, typed) : undefined;
  if (!policy) {
    const error: FieldError = typed
      ? notAPolicy(typed, item, policies)
      : { field: POLICY_FIELD, code: 'POLICY_REQUIRED', message: `Choose the policy that backs up ${vm.name} from now on.` };
    return invalidResult(resumeForm(vm, item, policies, undefined), [error]);
  }
  try {
    await ctx.backup.assignPolicy(item, policy.name);
  } catch (err) {
    return messageResult(await failureAnswer(ctx, err, vm, item, policy));
  }
  const after = await itemAfter(ctx, vm, 'resume');
  ctx.inventory.setProtection(vm.id, { vaultId: item.vaultId, state: after !== 'unknown' && after ? after.protectionState : 'Protected' });
  const summary = policySummary(policy);
  const next = when(nextScheduledRun(policy.schedule, ctx.now()), ctx.now());
  return messageResult(
    notice('success', `Backups of ${vm.name} resumed`, `${vm.name} is backed up again by ${vaultNameOf(item)} with policy ${policy.name}. Its kept recovery points now follow ${policy.name}'s retention (${summary.retentionText}).`, {
      facts: [
        { label: 'VM', value: vm.name },
        { label: 'Vault', value: vaultNameOf(item) },
        { label: 'Policy', value: `${policy.name}: ${summary.text}` },
        { label: 'Next backup', value: next.text },
        { label: 'Requested by', value: actor.displayName ?? actor.userId },
      ],
      actions: [{ label: 'Backup now', intent: { type: 'now.start', vm: vm.id } }, changePolicyButton(vm), statusButton(vm)],
    }),
  );
}

/** What was and was not done: the item is read again, so the person learns whether backups run. */
async function failureAnswer(ctx: FlowContext, err: unknown, vm: VirtualMachine, item: ProtectedItem, policy: BackupPolicy) {
  const after = await itemAfter(ctx, vm, 'resume (after a failure)');
  const step = `Resume backups of ${vm.name} with policy ${policy.name}`;
  const detail = safeMessage(err) ?? 'Something went wrong on our side.';
  const resumed = after !== 'unknown' && after !== undefined && after.protectionState !== 'ProtectionStopped';
  const view = failureNotice(ctx, err, resumed ? `Backups of ${vm.name} resumed, though Azure reported an error` : `Backups of ${vm.name} were not resumed`, [resumed ? { step, status: 'done' } : { step, status: 'failed', detail: after === 'unknown' ? `${detail} Check with \`backup status ${vm.name}\`.` : detail }]);
  if (after !== 'unknown' && !resumed) view.text = `${view.text} Backups of ${vm.name} stay stopped; its recovery points in ${vaultNameOf(item)} are still kept.`;
  view.actions = resumed ? [statusButton(vm)] : [{ label: 'Try again', intent: { type: 'resume.start', vm: vm.id, policy: policy.name } }, statusButton(vm)];
  return view;
}

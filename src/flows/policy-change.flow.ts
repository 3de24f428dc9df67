/**
 * Change the policy of a protected VM: `backup policy set <vm> [policy]` -> (a policy picker) ->
 * a confirmation comparing the old and new schedule and retention, and what happens to the
 * recovery points already taken -> assignPolicy -> what was done.
 */
import type { BackupPolicy, ProtectedItem, VirtualMachine } from '../domain/backup.types';
import { nextScheduledRun } from '../domain/backup-policy.rule';
import type { FlowContext } from './flow-context';
import { failureNotice, formResult, invalidResult, messageResult, notice, safeMessage } from './flow-results';
import { single } from './form-values';
import type { Actor, PolicySetChooseIntent, PolicySetConfirmIntent, PolicySetIntent } from './intents';
import { itemAfter, newPolicyButton, notProtectedAnswer, oneVm, policyNamed, policyOption, resumeButton, softDeletedAnswer, statusButton, vaultNameOf } from './protected-vm';
import { vmById } from './resource-lookup';
import { clip } from './vm-options';
import type { FieldError, FlowResult, FormView } from './views';
import { existingPointsWords, listWords, policySummary, when } from './wording';

const POLICY_FIELD = 'policy';

type Target = { vm: VirtualMachine; item: ProtectedItem; policies: BackupPolicy[]; current?: BackupPolicy };

/** The protected item and its vault's policies, or the answer when the VM has no running protection. */
async function protectedTarget(ctx: FlowContext, vm: VirtualMachine): Promise<Target | { answer: FlowResult }> {
  const item = await ctx.backup.findProtectedItem(vm.id);
  if (!item) return { answer: notProtectedAnswer(vm, 'no policy to change') };
  if (item.softDeleted) return { answer: softDeletedAnswer(ctx, vm, item, 'resume its backups with the policy you want') };
  if (item.protectionState === 'ProtectionStopped') {
    return {
      answer: messageResult(
        notice('info', `Protection of ${vm.name} is stopped`, `Backups of ${vm.name} are stopped, so it follows no policy. Resume them with the policy you want: \`backup resume ${vm.name}\`.`, {
          actions: [resumeButton(vm), statusButton(vm)],
        }),
      ),
    };
  }
  const policies = await ctx.backup.listPolicies(item.vaultId);
  const current = item.policyName ? policyNamed(policies, item.policyName) : undefined;
  return { vm, item, policies, ...(current ? { current } : {}) };
}

const currentWords = (t: Target): string => (t.current ? `${t.current.name}: ${policySummary(t.current).text}` : t.item.policyName ?? 'none');
const others = (t: Target): BackupPolicy[] => t.policies.filter((p) => p.name.toLowerCase() !== (t.item.policyName ?? '').toLowerCase());

function pickForm(t: Target): FormView {
  return {
    kind: 'form',
    form: 'policy.change.pick',
    title: 'Change backup policy',
    sections: [`${t.vm.name} is backed up by ${vaultNameOf(t.item)} with ${currentWords(t)}. Which policy of the vault should back it up from now on?`],
    fields: [{ kind: 'select', id: POLICY_FIELD, label: 'New policy', options: others(t).map(policyOption) }],
    submit: { label: 'Next', intent: { type: 'policy.setChoose', vmId: t.vm.id, values: {} } },
    actions: [newPolicyButton(t.item.vaultId)],
  };
}

function confirmForm(ctx: FlowContext, t: Target, next: BackupPolicy): FormView {
  const summary = policySummary(next);
  return {
    kind: 'form',
    form: 'policy.change.confirm',
    title: 'Change backup policy',
    sections: [`From now on ${t.vm.name} is backed up on ${next.name}'s schedule and kept by its retention.`, ...existingPointsWords(t.current, next)],
    facts: [
      { label: 'VM', value: t.vm.name },
      { label: 'Vault', value: vaultNameOf(t.item) },
      { label: 'Now', value: currentWords(t) },
      { label: 'After', value: `${next.name}: ${summary.text}` },
      { label: 'Next backup', value: when(nextScheduledRun(next.schedule, ctx.now()), ctx.now()).text },
    ],
    fields: [],
    submit: { label: 'Change policy', intent: { type: 'policy.setConfirm', vmId: t.vm.id, policy: next.name, values: {} } },
  };
}

/** The chosen policy, or the field error that says what is allowed. */
function chosenPolicy(t: Target, typed: string): BackupPolicy | FieldError {
  const choices = others(t);
  if (!typed) return { field: POLICY_FIELD, code: 'POLICY_REQUIRED', message: `Choose the policy that backs up ${t.vm.name} from now on.` };
  const found = policyNamed(t.policies, typed);
  if (found && found.name.toLowerCase() === (t.item.policyName ?? '').toLowerCase()) {
    return { field: POLICY_FIELD, code: 'POLICY_UNCHANGED', message: `${t.vm.name} already uses ${found.name}: choose another policy${choices.length ? ` (${listWords(choices.map((p) => p.name))})` : ''}.` };
  }
  if (!found) {
    return { field: POLICY_FIELD, code: 'POLICY_NOT_FOUND', message: `"${clip(typed, 40)}" is not a policy of ${vaultNameOf(t.item)}${choices.length ? `: choose ${listWords(choices.map((p) => p.name))}` : ''}.` };
  }
  return found;
}

/** The vault has no policy but the current one: nothing to choose from yet. */
function onlyPolicyAnswer(t: Target): FlowResult {
  return messageResult(
    notice('info', `${vaultNameOf(t.item)} has no other policy`, `${t.vm.name} uses ${t.item.policyName ?? 'the only policy'}, the only policy of ${vaultNameOf(t.item)}. Create another one first: \`backup policy create ${vaultNameOf(t.item)}\`.`, {
      actions: [newPolicyButton(t.item.vaultId), statusButton(t.vm)],
    }),
  );
}

export async function policySet(ctx: FlowContext, intent: PolicySetIntent): Promise<FlowResult> {
  const named = await oneVm(ctx, intent.vm, (vm) => ({ type: 'policy.set', vm: vm.id, ...(intent.policy ? { policy: intent.policy } : {}) }), 'Which one should change its policy?');
  if ('answer' in named) return named.answer;
  const t = await protectedTarget(ctx, named.vm);
  if ('answer' in t) return t.answer;
  if (others(t).length === 0) return onlyPolicyAnswer(t);
  if (!intent.policy) return formResult(pickForm(t));
  const chosen = chosenPolicy(t, intent.policy.trim());
  // A typed policy that is wrong opens the picker with the reason under its field.
  if ('field' in chosen) return formResult({ ...pickForm(t), errors: [chosen] });
  return formResult(confirmForm(ctx, t, chosen));
}

export async function policySetChoose(ctx: FlowContext, intent: PolicySetChooseIntent): Promise<FlowResult> {
  const t = await protectedTarget(ctx, await vmById(ctx, intent.vmId));
  if ('answer' in t) return t.answer;
  const chosen = chosenPolicy(t, single(intent.values, POLICY_FIELD));
  if ('field' in chosen) return invalidResult(pickForm(t), [chosen]);
  return formResult(confirmForm(ctx, t, chosen));
}

export async function policySetConfirm(ctx: FlowContext, intent: PolicySetConfirmIntent, actor: Actor): Promise<FlowResult> {
  const t = await protectedTarget(ctx, await vmById(ctx, intent.vmId));
  if ('answer' in t) return t.answer;
  const chosen = chosenPolicy(t, intent.policy);
  if ('field' in chosen) {
    const tone = chosen.code === 'POLICY_UNCHANGED' ? 'info' : 'warning';
    return messageResult(notice(tone, chosen.code === 'POLICY_UNCHANGED' ? `${t.vm.name} already uses ${intent.policy}` : 'The policy was not changed', chosen.message, { actions: [statusButton(t.vm)] }));
  }
  const vault = vaultNameOf(t.item);
  try {
    await ctx.backup.assignPolicy(t.item, chosen.name);
  } catch (err) {
    // Azure may have taken the change before its operation failed: the item is read again before saying what holds.
    const after = await itemAfter(ctx, t.vm, 'policy set (after a failure)');
    const changed = after !== 'unknown' && after?.policyName?.toLowerCase() === chosen.name.toLowerCase();
    const step = `Back up ${t.vm.name} with policy ${chosen.name}`;
    const detail = safeMessage(err) ?? 'Something went wrong on our side.';
    const title = changed ? `${t.vm.name} now uses policy ${chosen.name}, though Azure reported an error` : `The policy of ${t.vm.name} was not changed`;
    const view = failureNotice(ctx, err, title, [changed ? { step, status: 'done' } : { step, status: 'failed', detail: after === 'unknown' ? `${detail} Check with \`backup status ${t.vm.name}\`.` : detail }], after !== 'unknown');
    if (!changed && after !== 'unknown') view.text = `${view.text} ${t.vm.name} is still backed up with ${after?.policyName ?? t.item.policyName ?? 'its current policy'}.`;
    view.actions = changed ? [statusButton(t.vm)] : [{ label: 'Try again', intent: { type: 'policy.set', vm: t.vm.id, policy: chosen.name } }, statusButton(t.vm)];
    return messageResult(view);
  }
  const summary = policySummary(chosen);
  return messageResult(
    notice('success', `${t.vm.name} now uses policy ${chosen.name}`, `${t.vm.name} is backed up by ${vault} with ${chosen.name} from now on. ${existingPointsWords(t.current, chosen).join(' ')}`, {
      facts: [
        { label: 'VM', value: t.vm.name },
        { label: 'Vault', value: vault },
        { label: 'Before', value: currentWords(t) },
        { label: 'Now', value: `${chosen.name}: ${summary.text}` },
        { label: 'Next backup', value: when(nextScheduledRun(chosen.schedule, ctx.now()), ctx.now()).text },
        { label: 'Requested by', value: actor.displayName ?? actor.userId },
      ],
      actions: [statusButton(t.vm)],
    }),
  );
}

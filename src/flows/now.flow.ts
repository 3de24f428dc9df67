/** Backup now: a protected VM -> retain-until date -> the job message, tracked until the job ends. */
import type { ProtectedItem, VirtualMachine } from '../domain/backup.types';
import { defaultRetainUntil, maxRetainUntil, minRetainUntil, toIsoDay, validateRetainUntil } from '../domain/retain-until.rule';
import { AzureError } from '../domain/errors';
import type { Actor, FormValues, NowChooseVmIntent, NowStartIntent, NowSubmitIntent } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, formResult, invalidResult, messageResult, notice } from './flow-results';
import { single } from './form-values';
import { resumeButton, softDeletedAnswer, statusButton } from './protected-vm';
import { vmFromCommand, vmFromPicker } from './vm-step';
import { vmById } from './resource-lookup';
import { jobView } from './job-view';
import { type FieldError, type FlowResult, type FormView, type OptionView } from './views';
import { dayWords, lastBackupWords, nextStepWords, protectionWords, whenDay } from './wording';

function vmForm(initial?: OptionView[]): FormView {
  return {
    kind: 'form',
    form: 'now.vm',
    title: 'Backup now',
    sections: ['Which protected VM should be backed up now?'],
    fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms', protectedOnly: true }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01', ...(initial?.length ? { initialOptions: initial } : {}) }],
    submit: { label: 'Next', intent: { type: 'now.chooseVm', values: {} } },
  };
}

function retainForm(ctx: FlowContext, vm: VirtualMachine, item: ProtectedItem, values: FormValues): FormView {
  const now = ctx.now();
  return {
    kind: 'form',
    form: 'now.retain',
    title: 'Backup now',
    sections: [`Back up ${vm.name} now, outside its schedule. The recovery point is kept until the date you pick (end of that day, UTC).`],
    facts: [
      { label: 'VM', value: `${vm.name} (resource group ${vm.resourceGroup}, ${vm.location})` },
      { label: 'Vault', value: item.vaultId.split('/').pop() ?? item.vaultId },
      { label: 'Protection', value: protectionWords(item.protectionState).text },
      { label: 'Last backup', value: lastBackupWords(item.lastBackupStatus, item.lastBackupTime, now) },
    ],
    fields: [
      {
        kind: 'date',
        id: 'retainUntil',
        label: 'Retain backup until',
        value: single(values, 'retainUntil') || toIsoDay(defaultRetainUntil(now)),
        min: toIsoDay(minRetainUntil(now)),
        max: toIsoDay(maxRetainUntil(now)),
        hint: `Default ${whenDay(defaultRetainUntil(now), now).text}. From ${dayWords(minRetainUntil(now))} to ${dayWords(maxRetainUntil(now))}.`,
      },
    ],
    submit: { label: 'Back up now', intent: { type: 'now.submit', vmId: vm.id, values: {} } },
  };
}

/** The protected item of a VM, or the notice to answer when there is none to back up. */
async function protectedItemOf(ctx: FlowContext, vm: VirtualMachine): Promise<{ item: ProtectedItem } | { answer: FlowResult }> {
  const item = await ctx.backup.findProtectedItem(vm.id);
  if (!item) {
    return {
      answer: messageResult(
        notice('warning', `${vm.name} is not protected`, `${vm.name} has no backup yet: enable backup first, then back it up now.`, {
          actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id }, style: 'primary' }],
        }),
      ),
    };
  }
  if (item.softDeleted) return { answer: softDeletedAnswer(ctx, vm, item, 'resume its backups before backing it up') };
  if (item.protectionState === 'ProtectionStopped' || item.protectionState === 'ProtectionPaused') {
    // `backup resume` takes a stopped item back; a paused one (stopped by Azure) is resumed in the portal.
    const stopped = item.protectionState === 'ProtectionStopped';
    const next = stopped ? `Resume its backups first: \`backup resume ${vm.name}\`.` : 'Resume protection in the Azure portal before backing it up.';
    return {
      answer: messageResult(
        notice('warning', `Protection of ${vm.name} is stopped`, `${vm.name}: ${protectionWords(item.protectionState).text}. ${next}`, {
          actions: stopped ? [resumeButton(vm), statusButton(vm)] : [statusButton(vm)],
        }),
      ),
    };
  }
  return { item };
}

async function toRetainStep(ctx: FlowContext, vm: VirtualMachine): Promise<FlowResult> {
  const found = await protectedItemOf(ctx, vm);
  if ('answer' in found) return found.answer;
  return formResult(retainForm(ctx, vm, found.item, {}));
}

export async function nowStart(ctx: FlowContext, intent: NowStartIntent): Promise<FlowResult> {
  return vmFromCommand(ctx, intent.vm, vmForm, (vm) => toRetainStep(ctx, vm));
}

const PICK_PROTECTED_VM = 'Pick a protected VM: type part of its name and choose it from the list.';

export async function nowChooseVm(ctx: FlowContext, intent: NowChooseVmIntent): Promise<FlowResult> {
  return vmFromPicker(ctx, intent.values, vmForm, (vm) => toRetainStep(ctx, vm), { required: PICK_PROTECTED_VM, notFound: PICK_PROTECTED_VM });
}

export async function nowSubmit(ctx: FlowContext, intent: NowSubmitIntent, actor: Actor): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const found = await protectedItemOf(ctx, vm);
  if ('answer' in found) return found.answer;
  const retain = validateRetainUntil(single(intent.values, 'retainUntil'), ctx.now());
  if (!retain.ok) {
    const error: FieldError = { field: 'retainUntil', code: retain.code, message: retain.message };
    return invalidResult(retainForm(ctx, vm, found.item, intent.values), [error]);
  }
  try {
    const job = await ctx.backup.backupNow(found.item, retain.value);
    const context = { vmId: vm.id, vmName: vm.name, retainUntil: retain.value.toISOString(), requestedBy: actor.displayName ?? actor.userId, location: vm.location };
    const view = jobView(job, { now: ctx.now(), context, justStarted: true, portalBaseUrl: ctx.portalBaseUrl });
    return { kind: 'message', view, placement: 'new', track: { job: { vaultId: job.vaultId, jobName: job.name }, context } };
  } catch (err) {
    const view = failureNotice(ctx, err, `Backup of ${vm.name} did not start`);
    if (err instanceof AzureError) {
      const next = nextStepWords({ code: err.azureCode ?? err.code, message: err.message }, { vmName: vm.name, location: vm.location });
      if (next) view.text = `${view.text} ${next}`;
    }
    view.actions = [{ label: 'Try again', intent: { type: 'now.start', vm: vm.id } }, { label: 'Status', intent: { type: 'status', target: vm.id } }];
    return messageResult(view);
  }
}

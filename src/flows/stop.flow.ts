/**
 * Stop protection: a protected VM -> a confirmation that says what will happen (keep the recovery
 * points, or delete them after the person types the VM's name) -> stopProtection -> what was done.
 */
import type { ProtectedItem, RecoveryPoint, VirtualMachine } from '../domain/backup.types';
import { AzureError } from '../domain/errors';
import type { Actor, FormValues, StopStartIntent, StopSubmitIntent } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, formResult, invalidResult, messageResult, notice, safeMessage } from './flow-results';
import { single } from './form-values';
import { itemAfter, oneVm, resumeButton, softDeletedAnswer, statusButton, undeleteButton, vaultNameOf } from './protected-vm';
import { vmById } from './resource-lookup';
import { clip } from './vm-options';
import type { ButtonView, FieldError, FlowResult, FormView, StepOutcome } from './views';
import { isAre, lastBackupWords, plural, protectionWords, SOFT_DELETE_DAYS, softDeletedWords } from './wording';

/** Field id of the typed VM name that confirms deleting the data. */
export const CONFIRM_VM_FIELD = 'confirmVm';

/** "its 5 recovery points", or "its recovery points" when they could not be counted. */
function pointsWords(count: number | undefined): string {
  return count === undefined ? 'its recovery points' : `its ${plural(count, 'recovery point')}`;
}

/** The recovery points of an item, or undefined when Azure would not list them (the form still opens, without the count). */
async function countPoints(ctx: FlowContext, item: ProtectedItem): Promise<number | undefined> {
  try {
    const points: RecoveryPoint[] = await ctx.backup.listRecoveryPoints(item);
    return points.length;
  } catch (err) {
    if (!(err instanceof AzureError)) throw err;
    ctx.logger.warn('stop: could not count recovery points', { err });
    return undefined;
  }
}

const stopAgain = (vm: VirtualMachine, deleteData: boolean): StopStartIntent => ({ type: 'stop.start', vm: vm.id, ...(deleteData ? { deleteData } : {}) });
const deleteDataButton = (vm: VirtualMachine): ButtonView => ({ label: 'Delete backup data', intent: stopAgain(vm, true), style: 'danger' });

function confirmForm(ctx: FlowContext, vm: VirtualMachine, item: ProtectedItem, points: number | undefined, deleteData: boolean, values: FormValues): FormView {
  const vault = vaultNameOf(item);
  const facts = [
    { label: 'VM', value: `${vm.name} (resource group ${vm.resourceGroup}, ${vm.location})` },
    { label: 'Vault', value: vault },
    { label: 'Protection', value: protectionWords(item.protectionState).text },
    { label: 'Last backup', value: lastBackupWords(item.lastBackupStatus, item.lastBackupTime, ctx.now()) },
    { label: 'Recovery points', value: points === undefined ? 'could not be read' : String(points) },
  ];
  const submitIntent = { type: 'stop.submit' as const, vmId: vm.id, deleteData, values: {} };
  if (!deleteData) {
    return {
      kind: 'form',
      form: 'stop.confirm',
      title: 'Stop protection',
      sections: [`Backups of ${vm.name} stop; ${pointsWords(points)} ${isAre(points)} kept (until ${points === 1 ? 'its' : 'their'} expiry) and still billed for storage; you can resume later.`],
      facts,
      fields: [],
      submit: { label: 'Stop backups', intent: submitIntent },
    };
  }
  return {
    kind: 'form',
    form: 'stop.confirm',
    title: 'Stop and delete data',
    sections: [
      `Backups of ${vm.name} stop and ${pointsWords(points)} in ${vault} ${isAre(points)} deleted.`,
      `If soft delete is on for ${vault} (Azure's default), Azure keeps the deleted backup data ${SOFT_DELETE_DAYS} more days, soft-deleted and free of charge: no backups run, and \`backup undelete ${vm.name}\` brings it back (then resume). On the 15th day it is deleted for good. With soft delete off, this cannot be undone.`,
    ],
    facts,
    fields: [
      {
        kind: 'text',
        id: CONFIRM_VM_FIELD,
        label: `Type ${vm.name} to confirm`,
        value: single(values, CONFIRM_VM_FIELD),
        maxLength: 100,
        hint: 'The name of the VM whose backup data will be deleted.',
      },
    ],
    submit: { label: 'Stop and delete data', intent: submitIntent },
  };
}

/** The protected item to stop, or the notice to answer when there is nothing (more) to do. */
async function itemToStop(ctx: FlowContext, vm: VirtualMachine, deleteData: boolean): Promise<{ item: ProtectedItem } | { answer: FlowResult }> {
  const item = await ctx.backup.findProtectedItem(vm.id);
  if (!item) {
    return { answer: messageResult(notice('warning', `${vm.name} is not protected`, `No vault backs up ${vm.name}: there is no protection to stop.`, { actions: [statusButton(vm)] })) };
  }
  if (item.softDeleted) return { answer: softDeletedAnswer(ctx, vm, item, 'resume or delete it') };
  if (item.protectionState === 'ProtectionStopped' && !deleteData) {
    return {
      answer: messageResult(
        notice('info', `Protection of ${vm.name} is already stopped`, `Backups of ${vm.name} are stopped and its recovery points in ${vaultNameOf(item)} are kept. To back it up again: \`backup resume ${vm.name}\`. To delete them: \`backup stop ${vm.name} delete-data\`.`, {
          actions: [resumeButton(vm), deleteDataButton(vm), statusButton(vm)],
        }),
      ),
    };
  }
  return { item };
}

export async function stopStart(ctx: FlowContext, intent: StopStartIntent): Promise<FlowResult> {
  const deleteData = intent.deleteData === true;
  const named = await oneVm(ctx, intent.vm, (vm) => stopAgain(vm, deleteData), 'Which one should stop being backed up?');
  if ('answer' in named) return named.answer;
  const vm = named.vm;
  const target = await itemToStop(ctx, vm, deleteData);
  if ('answer' in target) return target.answer;
  return formResult(confirmForm(ctx, vm, target.item, await countPoints(ctx, target.item), deleteData, {}));
}

export async function stopSubmit(ctx: FlowContext, intent: StopSubmitIntent, actor: Actor): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const target = await itemToStop(ctx, vm, intent.deleteData);
  if ('answer' in target) return target.answer;
  const item = target.item;
  const points = await countPoints(ctx, item);
  if (intent.deleteData) {
    const typed = single(intent.values, CONFIRM_VM_FIELD);
    if (typed.toLowerCase() !== vm.name.toLowerCase()) {
      const error: FieldError = typed
        ? { field: CONFIRM_VM_FIELD, code: 'CONFIRM_NAME_MISMATCH', message: `"${clip(typed, 40)}" is not ${vm.name}. Type the VM's name exactly to delete its backup data.` }
        : { field: CONFIRM_VM_FIELD, code: 'CONFIRM_NAME_REQUIRED', message: `Type ${vm.name} to confirm deleting its backup data.` };
      return invalidResult(confirmForm(ctx, vm, item, points, true, intent.values), [error]);
    }
  }
  const vault = vaultNameOf(item);
  try {
    await ctx.backup.stopProtection(item, { deleteData: intent.deleteData });
  } catch (err) {
    return messageResult(await failureAnswer(ctx, err, vm, item, points, intent.deleteData));
  }
  ctx.inventory.setProtection(vm.id, intent.deleteData ? undefined : { vaultId: item.vaultId, state: 'ProtectionStopped' });
  const facts = [
    { label: 'VM', value: vm.name },
    { label: 'Vault', value: vault },
    { label: 'Requested by', value: actor.displayName ?? actor.userId },
  ];
  if (intent.deleteData) return messageResult(await deletedAnswer(ctx, vm, vault, points, facts));
  return messageResult(
    notice('success', `Backups of ${vm.name} stopped`, `No more backups of ${vm.name} will run. ${pointsWords(points).replace(/^its/, 'Its')} in ${vault} ${isAre(points)} kept until ${points === 1 ? 'it expires and is' : 'they expire and are'} still billed for storage. Resume backups with \`backup resume ${vm.name}\` when you need them.`, {
      facts,
      // The Resume button remembers the policy: Azure forgets it once protection is stopped.
      actions: [resumeButton(vm, item.policyName), deleteDataButton(vm), statusButton(vm)],
    }),
  );
}

/**
 * After a delete: the item is read again, so the answer says what Azure really did. Soft-deleted:
 * the data stays until the date Azure gives, free of charge, and can be undeleted; gone: soft
 * delete was off and it is deleted for good.
 */
async function deletedAnswer(ctx: FlowContext, vm: VirtualMachine, vault: string, points: number | undefined, facts: { label: string; value: string }[]) {
  const title = `Backups of ${vm.name} stopped and data deleted`;
  const done = `Backups of ${vm.name} are stopped and ${pointsWords(points)} in ${vault} ${isAre(points)} deleted.`;
  const after = await itemAfter(ctx, vm, 'stop (after deleting the data)');
  if (after === 'unknown' || after?.softDeleted) {
    const state = after === 'unknown' ? `If soft delete is on for ${vault}, Azure keeps the data ${SOFT_DELETE_DAYS} more days` : softDeletedWords(after.softDeleted?.purgeAt, ctx.now()).text;
    return notice('success', title, `${done} ${state}. Until then it is not billed, no backups run, and \`backup undelete ${vm.name}\` brings it back (then resume backups).`, {
      facts: after === 'unknown' ? facts : [...facts, { label: 'Protection', value: state }],
      actions: [undeleteButton(vm), statusButton(vm)],
    });
  }
  return notice('success', title, `${done} Soft delete is off for ${vault}, so the data is gone for good.`, {
    facts,
    actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id } }, statusButton(vm)],
  });
}

/**
 * What was and was not done when Azure refused or failed: the item is read again, so the person
 * learns whether backups still run and whether the recovery points are still there.
 */
async function failureAnswer(ctx: FlowContext, err: unknown, vm: VirtualMachine, item: ProtectedItem, points: number | undefined, deleteData: boolean) {
  const title = deleteData ? `Backup data of ${vm.name} was not deleted` : `Protection of ${vm.name} was not stopped`;
  const after = await itemAfter(ctx, vm, 'stop (after a failure)');
  const detail = safeMessage(err) ?? 'Something went wrong on our side.';
  const stopStep = `Stop scheduled backups of ${vm.name}`;
  const deleteStep = `Delete ${pointsWords(points).replace(/^its /, '')} in ${vaultNameOf(item)}`;
  const steps: StepOutcome[] = [];
  if (after === 'unknown') {
    steps.push({ step: stopStep, status: 'failed', detail: `${detail} Check with \`backup status ${vm.name}\`.` });
  } else {
    const stopped = after === undefined || after.protectionState === 'ProtectionStopped';
    steps.push(stopped && item.protectionState !== 'ProtectionStopped' ? { step: stopStep, status: 'done' } : stopped ? { step: stopStep, status: 'skipped', detail: 'already stopped' } : { step: stopStep, status: 'failed', detail });
    if (deleteData) steps.push(after === undefined ? { step: deleteStep, status: 'done' } : { step: deleteStep, status: stopped ? 'failed' : 'skipped', detail: stopped ? detail : 'not reached' });
  }
  const view = failureNotice(ctx, err, title, steps);
  if (after !== 'unknown' && after !== undefined) {
    view.text = `${view.text} ${after.protectionState === 'ProtectionStopped' ? 'Backups are stopped' : 'Backups continue as scheduled'}; ${pointsWords(points)} ${isAre(points)} still there.`;
  }
  view.actions = [{ label: 'Try again', intent: stopAgain(vm, deleteData) }, statusButton(vm)];
  return view;
}

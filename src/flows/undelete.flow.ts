/**
 * Undelete: the soft-deleted backup data of a VM (stop with delete while soft delete was on)
 * comes back; the VM is then stopped with its data kept, and the answer offers to resume.
 */
import { AzureError } from '../domain/errors';
import type { FlowContext } from './flow-context';
import { failureNotice, messageResult, notice, safeMessage } from './flow-results';
import type { Actor, UndeleteIntent } from './intents';
import { itemAfter, oneVm, resumeButton, statusButton, vaultNameOf } from './protected-vm';
import type { FlowResult } from './views';
import { plural, softDeletedWords } from './wording';

export async function undelete(ctx: FlowContext, intent: UndeleteIntent, actor: Actor): Promise<FlowResult> {
  const named = await oneVm(ctx, intent.vm, (vm) => ({ type: 'undelete', vm: vm.id }), 'Whose backup data should come back?');
  if ('answer' in named) return named.answer;
  const vm = named.vm;
  const item = await ctx.backup.findProtectedItem(vm.id);
  if (!item) {
    return messageResult(
      notice('warning', `No backup data of ${vm.name} to undelete`, `No vault keeps backup data of ${vm.name}, soft-deleted or not. Soft-deleted data is deleted for good after its days in soft delete are over.`, {
        actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vm.id } }, statusButton(vm)],
      }),
    );
  }
  const vault = vaultNameOf(item);
  if (!item.softDeleted) {
    const stopped = item.protectionState === 'ProtectionStopped';
    return messageResult(
      notice('info', `The backup data of ${vm.name} is not deleted`, `${vm.name}'s backup data in ${vault} is not soft-deleted: there is nothing to undelete.${stopped ? ' Its backups are stopped; resume them to back it up again.' : ''}`, {
        actions: stopped ? [resumeButton(vm), statusButton(vm)] : [statusButton(vm)],
      }),
    );
  }
  const points = await ctx.backup.listRecoveryPoints(item).then(
    (p) => p.length,
    (err: unknown) => {
      if (!(err instanceof AzureError)) throw err;
      return undefined;
    },
  );
  try {
    await ctx.backup.undeleteProtection(item);
  } catch (err) {
    // Azure may have taken the undelete before its operation failed: the item is read again before saying what holds.
    const after = await itemAfter(ctx, vm, 'undelete (after a failure)');
    const undone = after !== 'unknown' && after !== undefined && !after.softDeleted;
    const step = `Undelete the backup data of ${vm.name} in ${vault}`;
    const detail = safeMessage(err) ?? 'Something went wrong on our side.';
    const view = failureNotice(
      ctx,
      err,
      undone ? `Backup data of ${vm.name} undeleted, though Azure reported an error` : `The backup data of ${vm.name} was not undeleted`,
      [undone ? { step, status: 'done' } : { step, status: 'failed', detail: after === 'unknown' ? `${detail} Check with \`backup status ${vm.name}\`.` : detail }],
      after !== 'unknown',
    );
    if (!undone && after !== 'unknown') view.text = `${view.text} ${softDeletedWords(item.softDeleted.purgeAt, ctx.now()).text}.`;
    view.actions = undone ? [resumeButton(vm), statusButton(vm)] : [{ label: 'Try again', intent: { type: 'undelete', vm: vm.id } }, statusButton(vm)];
    return messageResult(view);
  }
  ctx.inventory.setProtection(vm.id, { vaultId: item.vaultId, state: 'ProtectionStopped' });
  const what = points === undefined ? 'Its recovery points are' : `Its ${plural(points, 'recovery point')} ${points === 1 ? 'is' : 'are'}`;
  return messageResult(
    notice('success', `Backup data of ${vm.name} undeleted`, `${what} back in ${vault}, no longer soft-deleted. Protection stays stopped with the data kept (billed, as for any stopped VM whose data is kept) until you resume backups with a policy.`, {
      facts: [
        { label: 'VM', value: vm.name },
        { label: 'Vault', value: vault },
        { label: 'Protection', value: 'Protection stopped (data kept)' },
        { label: 'Requested by', value: actor.displayName ?? actor.userId },
      ],
      actions: [resumeButton(vm), statusButton(vm)],
    }),
  );
}

import { formModal } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { checkModal } from '../../support/block-kit-limits';
import { parserProblems, schemaProblems } from '../cards/teams/card-validation';
import { parseCommand } from '../../../src/commands/command-parser';
import { COMMANDS } from '../../../src/commands/command-catalog';
import { AzureError } from '../../../src/domain/errors';
import { parseIntent } from '../../../src/flows/intent.schema';
import type { TextField } from '../../../src/flows/views';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

function setup() {
  const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
  const vm = fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web' });
  const bare = fx.backup.addVm({ name: 'db-01', resourceGroup: 'rg-db' });
  const vault = fx.backup.addVault('vault-weu');
  const item = fx.backup.protect(vm, vault, 'Protected');
  fx.backup.points.set(
    item.id.toLowerCase(),
    [1, 2, 3].map((n) => ({ id: `${item.id}/recoveryPoints/${n}`, name: String(n), time: new Date(Date.UTC(2024, 4, 10 + n, 2)), type: 'AppConsistent' })),
  );
  const stops = jest.spyOn(fx.backup, 'stopProtection');
  return { ...fx, vm, bare, vault, item, stops };
}

describe('backup stop: the command', () => {
  it.each([
    ['stop web-01', { type: 'stop.start', vm: 'web-01' }],
    ['backup stop web-01 delete-data', { type: 'stop.start', vm: 'web-01', deleteData: true }],
    ['stop DELETE-DATA web-01', { type: 'stop.start', vm: 'web-01', deleteData: true }],
  ])('reads %j', (text, intent) => {
    expect(parseCommand(text)).toEqual({ ok: true, intent });
  });

  it.each([
    ['stop', /needs the VM/],
    ['stop web-01 web-02', /one VM/],
  ])('refuses %j with the usage line', (text, message) => {
    const r = parseCommand(text);
    expect(r).toEqual({ ok: false, error: { topic: 'stop', usage: 'backup stop <vm> [delete-data]', message: expect.stringMatching(message) } });
  });

  it('is in the catalogue, and its intents survive a button round trip', () => {
    expect(COMMANDS.find((c) => c.name === 'stop')).toMatchObject({ usage: 'backup stop <vm> [delete-data]' });
    const submitted = { type: 'stop.submit', vmId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/v', deleteData: true, values: { confirmVm: 'v' } };
    expect(parseIntent(JSON.stringify(submitted))).toEqual(submitted);
    expect(parseIntent({ type: 'stop.submit', vmId: submitted.vmId })).toBeUndefined();
    expect(parseIntent({ type: 'stop.start' })).toBeUndefined();
  });
});

describe('backup stop: keep the data', () => {
  it('says "1 recovery point is kept" when there is one', async () => {
    const { flows, backup, item, handle } = setup();
    backup.points.set(item.id.toLowerCase(), (backup.points.get(item.id.toLowerCase()) ?? []).slice(0, 1));
    const form = expectForm(await flows.handleText('backup stop web-01', { platform: 'test', userId: 'U1', displayName: 'Ada' }));
    expect(form.sections?.[0]).toBe('Backups of web-01 stop; its 1 recovery point is kept (until its expiry) and still billed for storage; you can resume later.');
    const done = expectMessage(await handle(submit(form, {})), 'notice');
    expect(done.text).toMatch(/Its 1 recovery point in vault-weu is kept until it expires and is still billed/);
  });

  it('says backups stop and the recovery points are kept and billed, then stops keeping the data', async () => {
    const { flows, backup, vm, item, stops, handle } = setup();
    const form = expectForm(await flows.handleText('backup stop web-01', { platform: 'test', userId: 'U1', displayName: 'Ada' }));
    expect(form.form).toBe('stop.confirm');
    expect(form.sections?.[0]).toBe('Backups of web-01 stop; its 3 recovery points are kept (until their expiry) and still billed for storage; you can resume later.');
    expect(form.fields).toEqual([]);
    expect(form.submit.intent).toEqual({ type: 'stop.submit', vmId: vm.id, deleteData: false, values: {} });
    expect(stops).not.toHaveBeenCalled();

    const done = expectMessage(await handle(submit(form, {})), 'notice');
    expect(stops).toHaveBeenCalledTimes(1);
    expect(stops).toHaveBeenCalledWith(expect.objectContaining({ id: item.id }), { deleteData: false });
    expect(done).toMatchObject({ tone: 'success', title: 'Backups of web-01 stopped' });
    expect(done.text).toMatch(/Its 3 recovery points in vault-weu are kept until they expire and are still billed/);
    expect(done.facts).toEqual(expect.arrayContaining([{ label: 'Requested by', value: 'Ada' }]));
    // Resume remembers the policy the VM had: Azure forgets it once protection is stopped.
    expect(done.actions.map((a) => a.intent)).toEqual([
      { type: 'resume.start', vm: vm.id, policy: 'DefaultPolicy' },
      { type: 'stop.start', vm: vm.id, deleteData: true },
      { type: 'status', target: vm.id },
    ]);
    expect(backup.items).toEqual([expect.objectContaining({ protectionState: 'ProtectionStopped' })]);
  });

  it('answers that a VM without protection has nothing to stop', async () => {
    const { handle, stops } = setup();
    const r = expectMessage(await handle({ type: 'stop.start', vm: 'db-01' }), 'notice');
    expect(r).toMatchObject({ tone: 'warning', title: 'db-01 is not protected' });
    expect(stops).not.toHaveBeenCalled();
  });

  it('offers to delete the data of an item that is already stopped, instead of stopping it again', async () => {
    const { handle, item, vm, stops } = setup();
    item.protectionState = 'ProtectionStopped';
    const r = expectMessage(await handle({ type: 'stop.submit', vmId: vm.id, deleteData: false, values: {} }), 'notice');
    expect(r).toMatchObject({ tone: 'info', title: 'Protection of web-01 is already stopped' });
    expect(r.actions.map((a) => a.intent)).toEqual([{ type: 'resume.start', vm: vm.id }, { type: 'stop.start', vm: vm.id, deleteData: true }, { type: 'status', target: vm.id }]);
    expect(stops).not.toHaveBeenCalled();
  });

  it('offers a Stop protection button on the status of a protected VM', async () => {
    const { handle, vm } = setup();
    const status = expectMessage(await handle({ type: 'status', target: vm.id }), 'vm-status');
    expect(status.actions).toEqual(expect.arrayContaining([{ label: 'Stop protection', intent: { type: 'stop.start', vm: vm.id }, style: 'danger' }]));
  });
});

describe('backup stop: delete the data', () => {
  it('says the recovery points are deleted for good (soft delete aside) and asks for the VM name', async () => {
    const { handle, vm } = setup();
    const form = expectForm(await handle({ type: 'stop.start', vm: 'web-01', deleteData: true }));
    expect(form.sections?.[0]).toBe('Backups of web-01 stop and its 3 recovery points in vault-weu are deleted.');
    // soft-delete-virtual-machines.md: 14 more days, free of charge, undelete, deleted for good on the 15th day.
    expect(form.sections?.[1]).toMatch(/soft delete .* 14 more days, soft-deleted and free of charge/);
    expect(form.sections?.[1]).toContain('`backup undelete web-01` brings it back');
    expect(form.sections?.[1]).toContain('On the 15th day it is deleted for good');
    expect(form.fields).toEqual([expect.objectContaining({ kind: 'text', id: 'confirmVm', label: 'Type web-01 to confirm' })]);
    expect(form.submit.intent).toEqual({ type: 'stop.submit', vmId: vm.id, deleteData: true, values: {} });
  });

  it.each([
    ['web-02', 'CONFIRM_NAME_MISMATCH'],
    ['', 'CONFIRM_NAME_REQUIRED'],
    [undefined, 'CONFIRM_NAME_REQUIRED'],
  ])('refuses the typed name %j on the field and changes nothing', async (typed, code) => {
    const { handle, backup, stops } = setup();
    const form = expectForm(await handle({ type: 'stop.start', vm: 'web-01', deleteData: true }));
    const r = expectInvalid(await handle(submit(form, { confirmVm: typed })));
    expect(r.errors).toEqual([expect.objectContaining({ field: 'confirmVm', code })]);
    expect(r.view.form).toBe('stop.confirm');
    expect((r.view.fields[0] as TextField).value).toBe(typed ?? '');
    expect(stops).not.toHaveBeenCalled();
    expect(backup.items).toHaveLength(1);
  });

  it('stops and deletes once the name is typed (any case, spaces trimmed)', async () => {
    const { handle, backup, item, stops, vm } = setup();
    const form = expectForm(await handle({ type: 'stop.start', vm: vm.id, deleteData: true }));
    const done = expectMessage(await handle(submit(form, { confirmVm: ' WEB-01 ' })), 'notice');
    expect(stops).toHaveBeenCalledWith(expect.objectContaining({ id: item.id }), { deleteData: true });
    expect(done).toMatchObject({ tone: 'success', title: 'Backups of web-01 stopped and data deleted' });
    expect(done.text).toBe(
      'Backups of web-01 are stopped and its 3 recovery points in vault-weu are deleted. Soft-deleted: backup data kept until 28 May 2024 (14 days), then deleted for good. Until then it is not billed, no backups run, and `backup undelete web-01` brings it back (then resume backups).',
    );
    expect(done.actions.map((a) => a.label)).toEqual(['Undelete', 'Status']);
    expect(backup.items).toEqual([expect.objectContaining({ softDeleted: { purgeAt: new Date('2024-05-28T10:00:00Z') } })]);
  });

  it('says the data is gone for good when soft delete is off for the vault', async () => {
    const { handle, backup, vm } = setup();
    backup.softDelete = false;
    const form = expectForm(await handle({ type: 'stop.start', vm: vm.id, deleteData: true }));
    const done = expectMessage(await handle(submit(form, { confirmVm: 'web-01' })), 'notice');
    expect(done.text).toMatch(/Soft delete is off for vault-weu, so the data is gone for good\.$/);
    expect(done.actions.map((a) => a.label)).toEqual(['Enable backup', 'Status']);
    expect(backup.items).toHaveLength(0);
  });

  it('answers a second delete of soft-deleted data with Undelete instead of calling Azure', async () => {
    const { handle, vm, stops } = setup();
    const form = expectForm(await handle({ type: 'stop.start', vm: vm.id, deleteData: true }));
    await handle(submit(form, { confirmVm: 'web-01' }));
    const again = expectMessage(await handle({ type: 'stop.start', vm: vm.id, deleteData: true }), 'notice');
    expect(again).toMatchObject({ tone: 'info', title: 'The backup data of web-01 is soft-deleted' });
    expect(again.text).toContain('kept until 28 May 2024 (14 days)');
    expect(again.actions[0]).toEqual({ label: 'Undelete', intent: { type: 'undelete', vm: vm.id }, style: 'primary' });
    expect(stops).toHaveBeenCalledTimes(1);
  });
});

describe('backup stop: Azure fails', () => {
  it('says the stop failed, that backups continue and the data is still there', async () => {
    const { handle, backup, vm } = setup();
    backup.failNext('stopProtection', new AzureError('AZURE_CONFLICT', 'Azure refused to stop protection of web-01: another operation is in progress.', 'UserErrorAnotherOperationInProgress', 409));
    const r = expectMessage(await handle({ type: 'stop.submit', vmId: vm.id, deleteData: false, values: {} }), 'notice');
    expect(r).toMatchObject({ tone: 'error', title: 'Protection of web-01 was not stopped' });
    expect(r.text).toMatch(/another operation is in progress\. Nothing was changed\. Backups continue as scheduled; its 3 recovery points are still there\./);
    expect(r.steps).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(r.facts).toEqual([{ label: 'Error code', value: 'UserErrorAnotherOperationInProgress' }]);
    expect(r.actions.map((a) => a.label)).toEqual(['Try again', 'Status']);
    expect(backup.items).toHaveLength(1);
  });

  it('tells apart a stop that happened from a deletion that did not', async () => {
    const { handle, backup, vm, item } = setup();
    // Azure stopped the backups but failed to delete the data: the item stays, stopped.
    jest.spyOn(backup, 'stopProtection').mockImplementationOnce(async () => {
      item.protectionState = 'ProtectionStopped';
      throw new AzureError('AZURE_SERVER_ERROR', 'Azure failed to delete the backup data of web-01.', 'InternalError', 500);
    });
    const r = expectMessage(await handle({ type: 'stop.submit', vmId: vm.id, deleteData: true, values: { confirmVm: 'web-01' } }), 'notice');
    expect(r).toMatchObject({ tone: 'error', title: 'Backup data of web-01 was not deleted' });
    expect(r.steps).toEqual([
      { step: 'Stop scheduled backups of web-01', status: 'done' },
      expect.objectContaining({ step: 'Delete 3 recovery points in vault-weu', status: 'failed' }),
    ]);
    expect(r.text).not.toMatch(/Nothing was changed/);
    expect(r.text).toMatch(/Backups are stopped; its 3 recovery points are still there\./);
  });
});

describe('backup stop: the views render with the existing builders', () => {
  it('as a Slack modal and a Teams card, with the field error under the typed name', async () => {
    const { handle } = setup();
    const keep = expectForm(await handle({ type: 'stop.start', vm: 'web-01' }));
    const wrong = expectInvalid(await handle({ type: 'stop.submit', vmId: keep.submit.intent.type === 'stop.submit' ? keep.submit.intent.vmId : '', deleteData: true, values: { confirmVm: 'nope' } }));
    for (const view of [keep, wrong.view]) {
      expect(checkModal(formModal(view))).toEqual([]);
      const card = teamsCard(view);
      expect(schemaProblems(card)).toEqual([]);
      expect(parserProblems(card)).toEqual([]);
    }
    expect(JSON.stringify(teamsCard(wrong.view))).toContain('is not web-01');
  });
});

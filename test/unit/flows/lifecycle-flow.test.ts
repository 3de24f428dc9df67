/**
 * The rest of protection's life on the fake service: resume a stopped VM with a policy, change
 * the policy of a protected one (old and new schedule and retention, what happens to the points
 * already taken), undelete soft-deleted data and resume; each refusal says what is allowed.
 */
import { formModal } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { checkModal } from '../../support/block-kit-limits';
import { parserProblems, schemaProblems } from '../cards/teams/card-validation';
import { parseCommand } from '../../../src/commands/command-parser';
import { AzureError } from '../../../src/domain/errors';
import { parseIntent } from '../../../src/flows/intent.schema';
import type { FormView } from '../../../src/flows/views';
import { existingPointsWords } from '../../../src/flows/wording';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

function setup() {
  const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
  const vm = fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web' });
  const bare = fx.backup.addVm({ name: 'db-01', resourceGroup: 'rg-db' });
  const vault = fx.backup.addVault('vault-weu');
  const item = fx.backup.protect(vm, vault, 'Protected');
  fx.backup.points.set(item.id.toLowerCase(), [{ id: `${item.id}/recoveryPoints/1`, name: '1', time: new Date('2024-05-13T02:00:00Z'), type: 'AppConsistent' }]);
  const weekly = {
    id: `${vault.id}/backupPolicies/Weekly-Sun`,
    vaultId: vault.id,
    name: 'Weekly-Sun',
    protectedItemsCount: 0,
    schedule: { frequency: 'Weekly' as const, time: '22:00', timeZone: 'UTC', daysOfWeek: ['Sunday' as const] },
    retention: { weekly: { weeks: 12, daysOfWeek: ['Sunday' as const] } },
  };
  fx.backup.policies.get(vault.id.toLowerCase())?.push(weekly);
  return { ...fx, vm, bare, vault, item };
}

/** Every form renders within Slack's modal limits and as a valid Adaptive Card. */
function renders(view: FormView): void {
  expect(checkModal(formModal(view))).toEqual([]);
  const card = teamsCard(view);
  expect(schemaProblems(card)).toEqual([]);
  expect(parserProblems(card)).toEqual([]);
}

describe('the commands', () => {
  it.each([
    ['resume web-01', { type: 'resume.start', vm: 'web-01' }],
    ['backup resume web-01 Weekly-Sun', { type: 'resume.start', vm: 'web-01', policy: 'Weekly-Sun' }],
    ['policy set web-01', { type: 'policy.set', vm: 'web-01' }],
    ['backup policy set web-01 Weekly-Sun', { type: 'policy.set', vm: 'web-01', policy: 'Weekly-Sun' }],
    ['undelete web-01', { type: 'undelete', vm: 'web-01' }],
  ])('reads %j', (text, intent) => {
    expect(parseCommand(text)).toEqual({ ok: true, intent });
  });

  it.each([
    ['resume', 'resume', /needs the VM/],
    ['resume a b c', 'resume', /one VM .* optionally a policy/],
    ['undelete', 'undelete', /needs the VM/],
    ['undelete a b', 'undelete', /one VM/],
    ['policy set', 'policy', /needs the VM/],
    ['policy set a b c', 'policy', /at most a policy/],
  ])('refuses %j, naming what is allowed', (text, topic, message) => {
    const r = parseCommand(text);
    expect(r).toMatchObject({ ok: false, error: { topic, message: expect.stringMatching(message) } });
  });

  it('keeps the intents through a button round trip', () => {
    for (const intent of [
      { type: 'resume.start', vm: '/x', policy: 'P' },
      { type: 'resume.submit', vmId: '/x', values: { policy: 'P' } },
      { type: 'policy.set', vm: 'web-01' },
      { type: 'policy.setChoose', vmId: '/x', values: { policy: 'P' } },
      { type: 'policy.setConfirm', vmId: '/x', policy: 'P', values: {} },
      { type: 'undelete', vm: '/x' },
    ]) {
      expect(parseIntent(JSON.stringify(intent))).toEqual(intent);
    }
    expect(parseIntent({ type: 'policy.setConfirm', vmId: '/x', values: {} })).toBeUndefined();
  });
});

describe('backup resume', () => {
  it('resumes a stopped VM with another policy of its vault, preselecting the one it had', async () => {
    const { handle, backup, vm, item } = setup();
    await backup.stopProtection(item, { deleteData: false });
    const form = expectForm(await handle({ type: 'resume.start', vm: 'web-01', policy: 'DefaultPolicy' }));
    renders(form);
    expect(form.form).toBe('resume.confirm');
    const field = form.fields[0];
    expect(field).toMatchObject({ kind: 'select', id: 'policy', value: 'DefaultPolicy' });
    expect(field.kind === 'select' && field.options.map((o) => o.value)).toEqual(['DefaultPolicy', 'Weekly-Sun']);
    expect(form.sections?.[1]).toMatch(/retention applies to the kept recovery points too/);
    expect(form.actions).toEqual([{ label: 'New policy', intent: { type: 'policy.create', vault: item.vaultId } }]);

    const wrong = expectInvalid(await handle(submit(form, { policy: 'Nope' })));
    expect(wrong.errors).toEqual([expect.objectContaining({ field: 'policy', code: 'POLICY_NOT_FOUND', message: expect.stringContaining('choose one of DefaultPolicy and Weekly-Sun') })]);
    expect(backup.callsOf('assignPolicy')).toHaveLength(0);

    const done = expectMessage(await handle(submit(form, { policy: 'Weekly-Sun' })), 'notice');
    expect(done).toMatchObject({ tone: 'success', title: 'Backups of web-01 resumed' });
    expect(done.facts).toEqual(expect.arrayContaining([{ label: 'Policy', value: 'Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks' }, { label: 'Next backup', value: expect.stringContaining('Sun 19 May 2024') }]));
    expect(backup.items[0]).toMatchObject({ protectionState: 'Protected', policyName: 'Weekly-Sun' });
    expect(backup.callsOf('assignPolicy')).toEqual([[expect.objectContaining({ id: item.id }), 'Weekly-Sun']]);
    expect(backup.items[0].vmId).toBe(vm.id);
  });

  it('opens the form with the reason for a typed policy the vault does not have, with no policy preselected in its place', async () => {
    const { handle, backup, item } = setup();
    await backup.stopProtection(item, { deleteData: false });
    const form = expectForm(await handle({ type: 'resume.start', vm: 'web-01', policy: 'Gold' }));
    expect(form.form).toBe('resume.confirm');
    expect(form.errors).toEqual([expect.objectContaining({ field: 'policy', code: 'POLICY_NOT_FOUND', message: '"Gold" is not a policy of vault-weu: choose one of DefaultPolicy and Weekly-Sun.' })]);
    expect(form.fields[0]).not.toHaveProperty('value');
    expect(backup.callsOf('assignPolicy')).toHaveLength(0);
  });

  it('says there is nothing to resume for a protected VM, and points a VM without protection to enabling', async () => {
    const { handle } = setup();
    const running = expectMessage(await handle({ type: 'resume.start', vm: 'web-01' }), 'notice');
    expect(running).toMatchObject({ tone: 'info', title: 'web-01 is already backed up' });
    expect(running.actions[0].intent).toMatchObject({ type: 'policy.set' });
    const bare = expectMessage(await handle({ type: 'resume.start', vm: 'db-01' }), 'notice');
    expect(bare).toMatchObject({ tone: 'warning', title: 'db-01 is not protected' });
  });

  it('says what was not done when Azure refuses, and that the points are still kept', async () => {
    const { handle, backup, vm, item } = setup();
    await backup.stopProtection(item, { deleteData: false });
    backup.failNext('assignPolicy', new AzureError('AZURE_CONFLICT', 'Azure refused to resume protection of web-01: another operation is in progress.', 'UserErrorAnotherOperationInProgress', 409));
    const r = expectMessage(await handle({ type: 'resume.submit', vmId: vm.id, values: { policy: 'DefaultPolicy' } }), 'notice');
    expect(r).toMatchObject({ tone: 'error', title: 'Backups of web-01 were not resumed' });
    expect(r.steps).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(r.text).toMatch(/stay stopped; its recovery points in vault-weu are still kept/);
    expect(r.actions[0]).toEqual({ label: 'Try again', intent: { type: 'resume.start', vm: vm.id, policy: 'DefaultPolicy' } });
  });
});

describe('backup enable on a VM whose protection is stopped or soft-deleted', () => {
  it('points to resume (its data stays in its vault), or to undelete first', async () => {
    const { handle, backup, vm, item } = setup();
    await backup.stopProtection(item, { deleteData: false });
    const stopped = expectMessage(await handle({ type: 'enable.start', vm: 'web-01' }), 'notice');
    expect(stopped).toMatchObject({ tone: 'info', title: 'Protection of web-01 is stopped' });
    expect(stopped.actions[0].intent).toEqual({ type: 'resume.start', vm: vm.id });
    backup.items[0].softDeleted = { purgeAt: new Date('2024-05-20T00:00:00Z') };
    const soft = expectMessage(await handle({ type: 'enable.start', vm: 'web-01' }), 'notice');
    expect(soft.actions[0].intent).toEqual({ type: 'undelete', vm: vm.id });
  });
});

describe('backup policy set', () => {
  it('compares the old and new schedule and retention, says what happens to existing points, then changes it', async () => {
    const { handle, backup, vm, item } = setup();
    const pick = expectForm(await handle({ type: 'policy.set', vm: 'web-01' }));
    renders(pick);
    expect(pick.form).toBe('policy.change.pick');
    expect(pick.fields[0].kind === 'select' && pick.fields[0].options.map((o) => o.value)).toEqual(['Weekly-Sun']);

    const same = expectInvalid(await handle(submit(pick, { policy: 'defaultpolicy' })));
    expect(same.errors).toEqual([expect.objectContaining({ code: 'POLICY_UNCHANGED' })]);

    const confirm = expectForm(await handle(submit(pick, { policy: 'Weekly-Sun' })));
    renders(confirm);
    expect(confirm.form).toBe('policy.change.confirm');
    expect(confirm.facts).toEqual(
      expect.arrayContaining([
        { label: 'Now', value: 'DefaultPolicy: Daily at 02:00 UTC, kept 30 days' },
        { label: 'After', value: 'Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks' },
      ]),
    );
    expect(confirm.sections).toContain('Daily to weekly: Azure cleans up the existing daily recovery points.');
    expect(confirm.submit.intent).toEqual({ type: 'policy.setConfirm', vmId: vm.id, policy: 'Weekly-Sun', values: {} });
    expect(backup.callsOf('assignPolicy')).toHaveLength(0);

    const done = expectMessage(await handle(submit(confirm, {})), 'notice');
    expect(done).toMatchObject({ tone: 'success', title: 'web-01 now uses policy Weekly-Sun' });
    expect(backup.callsOf('assignPolicy')).toEqual([[expect.objectContaining({ id: item.id }), 'Weekly-Sun']]);
    expect(backup.items[0]).toMatchObject({ protectionState: 'Protected', policyName: 'Weekly-Sun' });

    // The same confirmation again: nothing to do.
    const again = expectMessage(await handle(submit(confirm, {})), 'notice');
    expect(again).toMatchObject({ tone: 'info', title: 'web-01 already uses Weekly-Sun' });
    expect(backup.callsOf('assignPolicy')).toHaveLength(1);
  });

  it('goes straight to the confirmation with a typed policy, and opens the picker with the reason for a wrong one', async () => {
    const { handle } = setup();
    expect(expectForm(await handle({ type: 'policy.set', vm: 'web-01', policy: 'weekly-sun' })).form).toBe('policy.change.confirm');
    const wrong = expectForm(await handle({ type: 'policy.set', vm: 'web-01', policy: 'Gold' }));
    expect(wrong.form).toBe('policy.change.pick');
    expect(wrong.errors).toEqual([expect.objectContaining({ field: 'policy', code: 'POLICY_NOT_FOUND', message: '"Gold" is not a policy of vault-weu: choose Weekly-Sun.' })]);
  });

  it('sends a stopped VM to resume, and a vault with one policy to creating another', async () => {
    const { handle, backup, item, vault } = setup();
    backup.policies.set(vault.id.toLowerCase(), (backup.policies.get(vault.id.toLowerCase()) ?? []).slice(0, 1));
    const only = expectMessage(await handle({ type: 'policy.set', vm: 'web-01' }), 'notice');
    expect(only).toMatchObject({ title: 'vault-weu has no other policy' });
    expect(only.actions[0].intent).toEqual({ type: 'policy.create', vault: vault.id });
    await backup.stopProtection(item, { deleteData: false });
    const stopped = expectMessage(await handle({ type: 'policy.set', vm: 'web-01' }), 'notice');
    expect(stopped.actions[0].intent).toMatchObject({ type: 'resume.start' });
  });

  it('says the VM keeps its policy when Azure refuses', async () => {
    const { handle, backup, vm } = setup();
    backup.failNext('assignPolicy', new AzureError('AZURE_BAD_REQUEST', 'Azure refused the policy.', 'BMSUserErrorInvalidPolicyInput', 400));
    const r = expectMessage(await handle({ type: 'policy.setConfirm', vmId: vm.id, policy: 'Weekly-Sun', values: {} }), 'notice');
    expect(r).toMatchObject({ tone: 'error', title: 'The policy of web-01 was not changed' });
    expect(r.text).toMatch(/web-01 is still backed up with DefaultPolicy\.$/);
  });
});

describe('backup policy set when Azure fails after taking the change', () => {
  it('reads the item again and says the VM now uses the new policy, not that nothing changed', async () => {
    const { handle, backup, vm } = setup();
    // Azure took the PUT, then following its operation failed (a 500 on the operation status).
    const assign = backup.assignPolicy.bind(backup);
    backup.assignPolicy = async (item, name) => {
      await assign(item, name);
      throw new AzureError('AZURE_SERVER_ERROR', 'Azure had an internal error (HTTP 500) and could not change the policy of web-01 to Weekly-Sun.', 'CloudInternalError', 500);
    };
    const r = expectMessage(await handle({ type: 'policy.setConfirm', vmId: vm.id, policy: 'Weekly-Sun', values: {} }), 'notice');
    expect(r.text).not.toContain('Nothing was changed');
    expect(r.text).not.toContain('still backed up with DefaultPolicy');
    expect(r.title).toBe('web-01 now uses policy Weekly-Sun, though Azure reported an error');
    expect(r.steps).toEqual([expect.objectContaining({ status: 'done' })]);
    expect(r.actions.map((a) => a.label)).toEqual(['Status']);
  });

  it('resume: says backups resumed when the item reads resumed after the error, with no Try again', async () => {
    const { handle, backup, vm, item } = setup();
    await backup.stopProtection(item, { deleteData: false });
    const assign = backup.assignPolicy.bind(backup);
    backup.assignPolicy = async (it, name) => {
      await assign(it, name);
      throw new AzureError('AZURE_SERVER_ERROR', 'Azure had an internal error (HTTP 500).', 'CloudInternalError', 500);
    };
    const r = expectMessage(await handle({ type: 'resume.submit', vmId: vm.id, values: { policy: 'Weekly-Sun' } }), 'notice');
    expect(r.title).toBe('Backups of web-01 resumed, though Azure reported an error');
    expect(r.actions.map((a) => a.label)).toEqual(['Status']);
  });

  it('undelete: says the data is back when the item reads undeleted after the error, and offers Resume', async () => {
    const { handle, backup, item } = setup();
    await backup.stopProtection(item, { deleteData: true });
    const undelete = backup.undeleteProtection.bind(backup);
    backup.undeleteProtection = async (it) => {
      await undelete(it);
      throw new AzureError('AZURE_SERVER_ERROR', 'Azure had an internal error (HTTP 500).', 'CloudInternalError', 500);
    };
    const r = expectMessage(await handle({ type: 'undelete', vm: 'web-01' }), 'notice');
    expect(r.title).toBe('Backup data of web-01 undeleted, though Azure reported an error');
    expect(r.text).not.toMatch(/Nothing was changed|Soft-deleted/);
    expect(r.actions.map((a) => a.label)).toEqual(['Resume backups', 'Status']);
  });
});

describe('what a policy change does to existing recovery points (backup-architecture.md)', () => {
  const daily = (days: number) => ({ name: `D${days}`, schedule: { frequency: 'Daily' as const, time: '02:00', timeZone: 'UTC' }, retention: { daily: { days } } });
  it('applies shorter and longer retention to the existing points, and keeps on-demand points', () => {
    expect(existingPointsWords(daily(30), daily(14))[0]).toBe('The new retention applies to the existing recovery points too: daily points 30 days → 14 days: existing ones older than that are cleaned up.');
    expect(existingPointsWords(daily(14), daily(30))[0]).toMatch(/existing ones are kept longer too/);
    expect(existingPointsWords(daily(30), { ...daily(30), name: 'Other' })).toEqual(['The retention is the same, so the existing recovery points keep their expiry.', 'Points from Backup now keep the date chosen for them.']);
  });
});

describe('backup undelete', () => {
  it('stop with delete -> status shows soft-deleted with the days left -> undelete -> resume', async () => {
    const { handle, backup, vm, item, advance } = setup();
    await backup.stopProtection(item, { deleteData: true });
    advance(3 * 24 * 3600_000);
    const status = expectMessage(await handle({ type: 'status', target: vm.id }), 'vm-status');
    expect(status.protection).toEqual({ text: 'Soft-deleted: backup data kept until 28 May 2024 (11 days), then deleted for good', tone: 'warning', protected: false });
    expect(status.actions.map((a) => a.label)).toEqual(['Undelete', 'Refresh']);
    const blocked = expectMessage(await handle({ type: 'resume.start', vm: vm.id }), 'notice');
    expect(blocked.actions[0].intent).toEqual({ type: 'undelete', vm: vm.id });

    const done = expectMessage(await handle({ type: 'undelete', vm: 'web-01' }), 'notice');
    expect(done).toMatchObject({ tone: 'success', title: 'Backup data of web-01 undeleted' });
    expect(done.text).toMatch(/^Its 1 recovery point is back in vault-weu, no longer soft-deleted\. Protection stays stopped/);
    expect(done.actions[0]).toEqual({ label: 'Resume backups', intent: { type: 'resume.start', vm: vm.id }, style: 'primary' });
    expect(backup.items[0].softDeleted).toBeUndefined();

    const after = expectMessage(await handle({ type: 'status', target: vm.id }), 'vm-status');
    expect(after.actions.map((a) => a.label)).toEqual(['Resume backups', 'Refresh', 'Delete backup data']);
    const form = expectForm(await handle(done.actions[0].intent));
    expectMessage(await handle(submit(form, { policy: 'DefaultPolicy' })), 'notice');
    expect(backup.items[0]).toMatchObject({ protectionState: 'Protected', policyName: 'DefaultPolicy' });
  });

  it('says there is nothing to undelete for data that is not deleted, or gone for good', async () => {
    const { handle, backup, item } = setup();
    const kept = expectMessage(await handle({ type: 'undelete', vm: 'web-01' }), 'notice');
    expect(kept).toMatchObject({ tone: 'info', title: 'The backup data of web-01 is not deleted' });
    backup.softDelete = false;
    await backup.stopProtection(item, { deleteData: true });
    const gone = expectMessage(await handle({ type: 'undelete', vm: 'web-01' }), 'notice');
    expect(gone).toMatchObject({ tone: 'warning', title: 'No backup data of web-01 to undelete' });
    expect(backup.callsOf('undeleteProtection')).toHaveLength(0);
  });

  it('says the data stays soft-deleted until its date when Azure refuses', async () => {
    const { handle, backup, item } = setup();
    await backup.stopProtection(item, { deleteData: true });
    backup.failNext('undeleteProtection', new AzureError('AZURE_CONFLICT', 'Azure refused to undelete web-01.', 'UserErrorAnotherOperationInProgress', 409));
    const r = expectMessage(await handle({ type: 'undelete', vm: 'web-01' }), 'notice');
    expect(r).toMatchObject({ tone: 'error', title: 'The backup data of web-01 was not undeleted' });
    expect(r.text).toMatch(/Soft-deleted: backup data kept until 28 May 2024 \(14 days\), then deleted for good\.$/);
  });
});

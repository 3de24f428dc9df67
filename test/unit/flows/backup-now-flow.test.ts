import { AzureError } from '../../../src/domain/errors';
import type { JobUpdate } from '../../../src/flows/job-tracker.port';
import type { DateField } from '../../../src/flows/views';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

function setup() {
  const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
  const vm = fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web', location: 'westeurope' });
  const other = fx.backup.addVm({ name: 'db-01', resourceGroup: 'rg-db' });
  const vault = fx.backup.addVault('vault-weu');
  fx.backup.protect(vm, vault, 'IRPending');
  return { ...fx, vm, other, vault };
}

describe('Backup now', () => {
  it('offers a retain-until date 30 days ahead, within Azure limits', async () => {
    const { handle } = setup();
    const form = expectForm(await handle({ type: 'now.start', vm: 'web-01' }));
    expect(form.form).toBe('now.retain');
    const date = form.fields[0] as DateField;
    expect(date).toMatchObject({ kind: 'date', id: 'retainUntil', value: '2024-06-13', min: '2024-05-15', max: '2123-05-14' });
    // the dates in words, each retention date with its count of days
    expect(date.hint).toBe('Default 13 Jun 2024 (30 days). From 15 May 2024 to 14 May 2123.');
    expect(form.facts).toEqual(expect.arrayContaining([{ label: 'Last backup', value: 'never' }, { label: 'Protection', value: 'Warning (Initial backup pending)' }]));
  });

  it.each([
    ['2024-05-14', 'RETAIN_UNTIL_PAST'],
    ['2020-01-01', 'RETAIN_UNTIL_PAST'],
    ['2200-01-01', 'RETAIN_UNTIL_TOO_FAR'],
    ['next week', 'RETAIN_UNTIL_FORMAT'],
    ['', 'RETAIN_UNTIL_REQUIRED'],
  ])('rejects %j on the date field and starts nothing', async (value, code) => {
    const { handle, backup, vm } = setup();
    const r = expectInvalid(await handle({ type: 'now.submit', vmId: vm.id, values: { retainUntil: value } }));
    expect(r.errors).toEqual([expect.objectContaining({ field: 'retainUntil', code })]);
    expect(r.view.form).toBe('now.retain');
    expect(backup.callsOf('backupNow')).toHaveLength(0);
  });

  it('starts the job and returns a tracked job message that updates to completed', async () => {
    const { handle, backup, vm, vault, flows, store, advance } = setup();
    const form = expectForm(await handle({ type: 'now.start', vm: vm.id }));
    const r = await handle(submit(form, { retainUntil: '2024-07-01' }));
    const job = expectMessage(r, 'job');
    expect(backup.callsOf('backupNow')[0][1]).toEqual(new Date('2024-07-01T23:59:59Z'));
    expect(job).toMatchObject({ phase: 'queued', final: false, title: 'Backup of web-01', statusText: 'Queued', requestedBy: 'Ada', retainUntil: { text: '1 Jul 2024 (48 days)' } });
    expect(job.actions.map((a) => a.intent.type)).toEqual(['job.refresh', 'job.cancelAsk']);
    if (r.kind !== 'message' || !r.track) throw new Error('expected a tracked message');
    expect(r.track.job).toEqual({ vaultId: vault.id, jobName: job.job.jobName });

    await flows.jobs.track(r.track, { platform: 'test', messageRef: 'msg-1' });
    const published: JobUpdate[] = [];
    const publish = async (u: JobUpdate) => void published.push(u);

    advance(130_000);
    await flows.jobs.refreshTrackedJobs(publish);
    expect(published.map((u) => [u.view.phase, u.view.statusText, u.changed])).toEqual([['in-progress', 'In progress for 2 min 10 s', true]]);

    backup.finishJob(job.job.jobName, 'Completed');
    advance(15 * 60_000);
    await flows.jobs.refreshTrackedJobs(publish);
    const done = published[1].view;
    expect(done).toMatchObject({ phase: 'completed', final: true, tone: 'success', statusText: 'Completed in 15 min', retainUntil: { text: '1 Jul 2024 (48 days)' } });
    expect(done.recoveryPoint).toMatchObject({ type: 'AppConsistent', time: { at: '2024-05-14T10:01:00.000Z' }, expires: { text: '1 Jul 2024 (48 days)' } });
    expect(done.actions.map((a) => a.intent.type)).toEqual(['status']);

    // closed: no more updates, no more Azure reads
    const reads = backup.callsOf('getJob').length;
    await flows.jobs.refreshTrackedJobs(publish);
    expect(published).toHaveLength(2);
    expect(backup.callsOf('getJob')).toHaveLength(reads);
    expect(store.rows[0]).toMatchObject({ lastPhase: 'completed', final: true });
  });

  it('explains a failed job with Azure error and the next step (lock on AzureBackupRG_*)', async () => {
    const { handle, backup, vm, flows } = setup();
    const r = await handle({ type: 'now.submit', vmId: vm.id, values: { retainUntil: '2024-07-01' } });
    if (r.kind !== 'message' || !r.track) throw new Error('expected a tracked message');
    await flows.jobs.track(r.track, { platform: 'test', messageRef: 'm' });
    const view = expectMessage(r, 'job');
    backup.finishJob(view.job.jobName, 'Failed', { code: 'UserErrorRestorePointCollectionLocked', message: 'The restore point collection resource group is locked.' });
    const [u] = await flows.jobs.refreshTrackedJobs(async () => undefined);
    expect(u.view).toMatchObject({ phase: 'failed', tone: 'error', final: true });
    expect(u.view.error).toEqual({
      code: 'UserErrorRestorePointCollectionLocked',
      message: 'The restore point collection resource group is locked.',
      nextStep: expect.stringContaining('AzureBackupRG_westeurope_1'),
    });
    expect(u.view.actions.map((a) => a.label)).toEqual(['Try again', 'Status']);
    // A failed backup made no recovery point: nothing is "kept until" the date asked for.
    expect(u.view.retainUntil).toBeUndefined();
  });

  it('keeps a message open when publishing fails, and retries it on the next pass', async () => {
    const { handle, flows, store } = setup();
    const r = await handle({ type: 'now.start', vm: 'web-01' });
    const form = expectForm(r);
    const started = await handle(submit(form, { retainUntil: '2024-07-01' }));
    if (started.kind !== 'message' || !started.track) throw new Error('expected a tracked message');
    await flows.jobs.track(started.track, { platform: 'test', messageRef: 'm' });
    await expect(flows.jobs.refreshTrackedJobs(async () => Promise.reject(new Error('slack down')))).resolves.toEqual([]);
    expect(store.rows[0].lastPhase).toBeUndefined();
    const again = await flows.jobs.refreshTrackedJobs(async () => undefined);
    expect(again).toHaveLength(1);
  });

  it('answers an unprotected VM with "enable backup first"', async () => {
    const { handle, other } = setup();
    const r = expectMessage(await handle({ type: 'now.start', vm: 'db-01' }), 'notice');
    expect(r.title).toBe('db-01 is not protected');
    expect(r.actions[0].intent).toEqual({ type: 'enable.start', vm: other.id });
  });

  it('points a stopped VM to resume, and a soft-deleted one to undelete first (not to the portal)', async () => {
    const { handle, backup, vm } = setup();
    await backup.stopProtection(backup.items[0], { deleteData: false });
    const stopped = expectMessage(await handle({ type: 'now.start', vm: 'web-01' }), 'notice');
    expect(stopped.text).toContain('`backup resume web-01`');
    expect(stopped.text).not.toContain('portal');
    expect(stopped.actions.map((a) => a.intent)).toEqual([{ type: 'resume.start', vm: vm.id }, { type: 'status', target: vm.id }]);
    await backup.stopProtection(backup.items[0], { deleteData: true });
    const deleted = expectMessage(await handle({ type: 'now.start', vm: 'web-01' }), 'notice');
    expect(deleted.title).toBe('The backup data of web-01 is soft-deleted');
    expect(deleted.actions[0].intent).toEqual({ type: 'undelete', vm: vm.id });
    expect(backup.callsOf('backupNow')).toHaveLength(0);
  });

  it('says the backup did not start, with the next step, when Azure refuses it', async () => {
    const { handle, backup, vm } = setup();
    backup.failNext('backupNow', new AzureError('AZURE', 'The VM agent is not responding.', 'UserErrorGuestAgentStatusUnavailable', 400));
    const r = expectMessage(await handle({ type: 'now.submit', vmId: vm.id, values: { retainUntil: '2024-07-01' } }), 'notice');
    expect(r.title).toBe('Backup of web-01 did not start');
    expect(r.text).toContain('The VM agent is not responding.');
    expect(r.text).toContain('Nothing was changed.');
    expect(r.text).toContain('Install or start the Azure VM agent on web-01');
  });

  it('opens a picker of protected VMs without a VM', async () => {
    const { handle, flows, vm } = setup();
    const form = expectForm(await handle({ type: 'now.start' }));
    const search = form.fields[0];
    expect(search.kind === 'search' && search.source).toEqual({ kind: 'vms', protectedOnly: true });
    const options = await flows.suggest({ kind: 'vms', protectedOnly: true }, '');
    expect(options.map((o) => o.value)).toEqual([vm.id]);
    expect(expectForm(await handle(submit(form, { vm: vm.id }))).form).toBe('now.retain');
  });

  it('cancels and refreshes a job in place', async () => {
    const { handle, backup, vm } = setup();
    const job = expectMessage(await handle({ type: 'now.submit', vmId: vm.id, values: { retainUntil: '2024-07-01' } }), 'job');
    // Cancel job asks first (job.cancelAsk); Slack's dialog sends what its confirm carries.
    const cancel = job.actions.find((a) => a.intent.type === 'job.cancelAsk')!.confirm!;
    const r = await handle(cancel.intent);
    expect(r.kind === 'message' && r.placement).toBe('replace');
    expect(expectMessage(r, 'job')).toMatchObject({ phase: 'cancelling', retainUntil: { text: '1 Jul 2024 (48 days)' } });
    expect(backup.callsOf('cancelJob')).toHaveLength(1);
    const refreshed = expectMessage(await handle({ type: 'job.refresh', vaultId: job.job.vaultId, jobName: job.job.jobName }), 'job');
    expect(refreshed.job.vmName).toBe('web-01');
  });
});

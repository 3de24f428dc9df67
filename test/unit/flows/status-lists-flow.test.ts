import { AzureError } from '../../../src/domain/errors';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

function setup() {
  const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
  const web = fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web' });
  const db = fx.backup.addVm({ name: 'db-01', resourceGroup: 'rg-db', powerState: 'deallocated' });
  const fresh = fx.backup.addVm({ name: 'fresh-01', resourceGroup: 'rg-web' });
  const vault = fx.backup.addVault('vault-weu');
  const item = fx.backup.protect(web, vault, 'Protected');
  fx.backup.protect(fresh, vault, 'IRPending');
  return { ...fx, web, db, fresh, vault, item };
}

describe('status', () => {
  it('shows a protected VM: state, last backup, points, running jobs, policy, next backup, portal link', async () => {
    const { handle, backup, web, vault, advance } = setup();
    const job = await backup.backupNow((await backup.findProtectedItem(web.id))!, new Date('2024-06-01T00:00:00Z'));
    backup.finishJob(job.name, 'Completed');
    advance(10 * 60_000);
    await backup.backupNow((await backup.findProtectedItem(web.id))!, new Date('2024-06-01T00:00:00Z'));
    const s = expectMessage(await handle({ type: 'status', target: 'web-01' }), 'vm-status');
    expect(s.protection).toEqual({ text: 'Protected', tone: 'success', protected: true });
    expect(s.vault?.name).toBe('vault-weu');
    expect(s.lastBackup.text).toBe('Healthy, 9 min ago (Tue 14 May 2024, 10:01 UTC)');
    expect(s.recoveryPoints).toMatchObject({ count: 1, latest: { at: '2024-05-14T10:01:00.000Z' } });
    expect(s.runningJobs.map((j) => j.statusText)).toEqual(['In progress for 0 s']);
    expect(s.policy?.text).toBe('Daily at 02:00 UTC, kept 30 days');
    expect(s.nextScheduledBackup?.at).toBe('2024-05-15T02:00:00.000Z');
    expect(s.links).toEqual([
      { label: 'Open in Azure portal', url: `https://portal.azure.com/#@/resource${web.id}/backup` },
      { label: 'Open vault in Azure portal', url: `https://portal.azure.com/#@/resource${vault.id}/overview` },
    ]);
  });

  it('says "never" for a VM whose initial backup is pending', async () => {
    const { handle } = setup();
    const s = expectMessage(await handle({ type: 'status', target: 'fresh-01' }), 'vm-status');
    expect(s.protection.text).toBe('Warning (Initial backup pending)');
    expect(s.lastBackup.text).toBe('never');
    expect(s.recoveryPoints).toEqual({ count: 0, text: 'none yet' });
  });

  it('offers to enable backup for an unprotected VM', async () => {
    const { handle, db } = setup();
    const s = expectMessage(await handle({ type: 'status', target: db.id }), 'vm-status');
    expect(s.protection.text).toBe('Not protected');
    expect(s.vm.powerText).toBe('Stopped (deallocated)');
    expect(s.actions[0].intent).toEqual({ type: 'enable.start', vm: db.id });
  });

  it('shows a vault: replication (locked), items, policies', async () => {
    const { handle, vault } = setup();
    const s = expectMessage(await handle({ type: 'status', target: 'VAULT-WEU' }), 'vault-status');
    expect(s.redundancy).toEqual({ value: 'GeoRedundant', text: 'Geo-redundant (GRS)', locked: true });
    expect(s.itemsText).toBe('1 protected and 1 initial backup pending');
    expect(s.items.map((i) => [i.vm.name, i.protection.text])).toEqual([
      ['fresh-01', 'Warning (Initial backup pending)'],
      ['web-01', 'Protected'],
    ]);
    expect(s.policies.map((p) => [p.name, p.protectedItemsCount])).toEqual([['DefaultPolicy', 2]]);
    expect(s.links[0].url).toContain(vault.id);
  });

  it('gives an overview of the vaults without a target, naming vaults it could not read', async () => {
    const { handle, backup } = setup();
    backup.addVault('vault-b', 'northeurope');
    backup.failNext('listProtectedItems', new AzureError('T', 'Too many requests; try again in a minute.', 'TooManyRequests', 429));
    const s = expectMessage(await handle({ type: 'status' }), 'vaults-overview');
    expect(s.vaults.map((v) => [v.name, v.itemsText])).toEqual([['vault-weu', '1 protected and 1 initial backup pending']]);
    expect(s.problems).toEqual(['vault-b: Too many requests; try again in a minute.']);
  });

  it('suggests VMs when nothing has that name', async () => {
    const { handle } = setup();
    const s = expectMessage(await handle({ type: 'status', target: 'web' }), 'notice');
    expect(s.title).toBe('Not found');
    // web-01 by name, fresh-01 by its resource group rg-web
    expect(s.actions.map((a) => a.label)).toEqual(['web-01', 'fresh-01']);
  });
});

describe('lists', () => {
  it('lists VMs matching a search with their protection state', async () => {
    const { handle } = setup();
    const l = expectMessage(await handle({ type: 'vms.list', query: '01' }), 'vm-list');
    expect(l.summaryText).toBe('3 of 3 VMs match "01".');
    expect(l.vms.map((v) => [v.vm.name, v.protection.text, v.actions[0].intent.type])).toEqual([
      ['db-01', 'Not protected', 'enable.start'],
      ['web-01', 'Protected', 'status'],
      ['fresh-01', 'Warning (Initial backup pending)', 'status'],
    ]);
    expect(expectMessage(await handle({ type: 'vms.list', query: 'zzz' }), 'vm-list').summaryText).toBe('No VM matches "zzz" (searched 3 VMs).');
  });

  it('lists running, failed and recent jobs across vaults', async () => {
    const { handle, backup, web, fresh, advance } = setup();
    const j1 = await backup.backupNow((await backup.findProtectedItem(web.id))!, new Date('2024-06-01'));
    advance(60_000);
    const j2 = await backup.backupNow((await backup.findProtectedItem(fresh.id))!, new Date('2024-06-01'));
    backup.finishJob(j1.name, 'Failed', { code: 'UserErrorGuestAgentStatusUnavailable', message: 'Agent not ready.' });
    const running = expectMessage(await handle({ type: 'jobs.list', filter: 'running' }), 'job-list');
    expect(running.jobs.map((j) => j.job.jobName)).toEqual([j2.name]);
    const failed = expectMessage(await handle({ type: 'jobs.list', filter: 'failed' }), 'job-list');
    expect(failed.jobs.map((j) => j.statusText)).toEqual(['Failed after 15 min: Agent not ready.']);
    const recent = expectMessage(await handle({ type: 'jobs.list' }), 'job-list');
    expect(recent.filter).toBe('last24h');
    expect(recent.jobs.map((j) => j.vmName)).toEqual(['fresh-01', 'web-01']);
    advance(25 * 3600_000);
    expect(expectMessage(await handle({ type: 'jobs.list' }), 'job-list').summaryText).toBe('No jobs, 1 vault searched.');
  });
});

describe('policies', () => {
  it('lists, shows and creates policies of the only vault', async () => {
    const { handle, backup, vault } = setup();
    const list = expectMessage(await handle({ type: 'policy.list' }), 'policy-list');
    expect(list.policies.map((p) => p.text)).toEqual(['Daily at 02:00 UTC, kept 30 days']);
    const show = expectMessage(await handle({ type: 'policy.show', name: 'defaultpolicy' }), 'policy-detail');
    expect(show.policy.retentionLines).toEqual(['Daily backups: kept 30 days']);
    expect(show.policy.instantRestoreText).toBe('Instant restore snapshots kept 2 days');
    const form = expectForm(await handle({ type: 'policy.create' }));
    expect(form.form).toBe('policy.new');
    const bad = expectInvalid(await handle(submit(form, { policyName: 'x', scheduleFrequency: 'Daily', scheduleTime: '02:00', timeZone: 'UTC', dailyRetention: '30' })));
    expect(bad.errors[0].field).toBe('policyName');
    expect(backup.callsOf('createPolicy')).toHaveLength(0);
    const created = expectMessage(await handle(submit(form, { policyName: 'nightly', scheduleFrequency: 'Daily', scheduleTime: '22:00', timeZone: 'UTC', dailyRetention: '30' })), 'policy-detail');
    expect(created.headline).toBe(`Policy nightly created in vault ${vault.name}.`);
    expect(created.policy.text).toBe('Daily at 22:00 UTC, kept 30 days');
  });

  it('asks which vault when there are several', async () => {
    const { handle, backup } = setup();
    const other = backup.addVault('vault-neu', 'northeurope');
    const pick = expectForm(await handle({ type: 'policy.list' }));
    expect(pick.form).toBe('policy.pickVault');
    const list = expectMessage(await handle(submit(pick, { vault: other.id })), 'policy-list');
    expect(list.vault.name).toBe('vault-neu');
    const missing = expectMessage(await handle({ type: 'policy.show', name: 'nope' }), 'notice');
    expect(missing.title).toBe('Policy not found');
  });
});

describe('help', () => {
  it('lists every command, or one with a did-you-mean', async () => {
    const { handle, flows } = setup();
    const all = expectMessage(await handle({ type: 'help' }), 'help');
    expect(all.commands.map((c) => c.usage)).toContain('backup now <vm>');
    const unknown = expectMessage(await flows.handleText('backup enabel web-01', { platform: 't', userId: 'u' }), 'help');
    expect(unknown.problem).toBe('Unknown command "enabel".');
    expect(unknown.didYouMean).toEqual({ command: 'backup enable', intent: { type: 'help', topic: 'enable' } });
    const bad = expectMessage(await flows.handleText('jobs yesterday', { platform: 't', userId: 'u' }), 'help');
    expect(bad.commands).toEqual([expect.objectContaining({ usage: 'backup jobs [running|failed|last 24h]' })]);
    expect(bad.problem).toContain('yesterday');
  });
});

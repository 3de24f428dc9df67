/**
 * The pre-flight check on the fake backup service: what each outcome says, a backend without the
 * optional reads, an Azure read that fails, and the vault path carrying a VM's warnings with its
 * outcome and turning a failed VM down with its reason.
 */
import { AzureError } from '../../../src/domain/errors';
import type { BackupService } from '../../../src/backup/backup.port';
import { createFlows } from '../../../src/flows';
import type { CheckLineView, PreflightView } from '../../../src/flows/views';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { ACTOR, expectForm, expectMessage, flowsFixture, PORTAL, submit } from './support/flows-fixture';

const line = (view: PreflightView, id: string): CheckLineView | undefined => view.checks.find((c) => c.id === id);

function setup() {
  const fx = flowsFixture();
  const vault = fx.backup.addVault('vault-weu', 'westeurope');
  const plain = fx.backup.addVm({ name: 'app-a', location: 'westeurope' });
  const stopped = fx.backup.addVm({ name: 'app-b', location: 'westeurope', powerState: 'deallocated', agent: 'Unknown' });
  const ultra = fx.backup.addVm({ name: 'app-u', location: 'westeurope' });
  fx.backup.profiles.set(ultra.id.toLowerCase(), { dataDisks: [{ name: 'fast', lun: 0, managed: true, storageAccountType: 'UltraSSD_LRS', sizeGb: 1024 }] });
  const accelerated = fx.backup.addVm({ name: 'app-w', location: 'westeurope' });
  fx.backup.profiles.set(accelerated.id.toLowerCase(), { dataDisks: [{ name: 'log', lun: 0, managed: true, storageAccountType: 'Premium_LRS', sizeGb: 256, writeAccelerator: true }] });
  return { ...fx, vault, plain, stopped, ultra, accelerated };
}

describe('backup check', () => {
  it('passes a running VM with a ready agent, naming the vault, the DefaultPolicy and its first run', async () => {
    const { handle } = setup();
    const view = expectMessage(await handle({ type: 'check', vm: 'app-a' }), 'preflight');
    expect(view.title).toBe('Pre-flight check of app-a');
    expect(view.summary).toBe('8 passed');
    expect(line(view, 'policy')?.text).toBe('DefaultPolicy in vault-weu: Daily at 02:00 UTC, kept 30 days. First backup Wed 15 May 2024, 02:00 UTC (in 16 hours).');
    expect(view.actions.map((a) => a.label)).toEqual(['Enable backup', 'Check again']);
  });

  it('sends a VM whose protection is stopped to resume, and one whose data is soft-deleted to undelete first, with their buttons', async () => {
    const { handle, backup, plain, vault } = setup();
    const item = backup.protect(plain, vault, 'Protected');
    await backup.stopProtection(item, { deleteData: false });
    const stopped = expectMessage(await handle({ type: 'check', vm: 'app-a' }), 'preflight');
    expect(line(stopped, 'protection')).toMatchObject({ outcome: 'warn', action: expect.stringContaining('`backup resume app-a`') });
    expect(stopped.actions.map((a) => a.intent)).toEqual([{ type: 'resume.start', vm: plain.id }, { type: 'check', vm: plain.id }]);

    await backup.stopProtection(item, { deleteData: true });
    const deleted = expectMessage(await handle({ type: 'check', vm: 'app-a' }), 'preflight');
    expect(line(deleted, 'protection')).toMatchObject({ outcome: 'warn', text: expect.stringMatching(/Soft-deleted: backup data kept until .* \(14 days\)/), action: expect.stringContaining('`backup undelete app-a`') });
    expect(line(deleted, 'protection')?.text).not.toContain('recovery points are kept');
    expect(deleted.actions.map((a) => a.intent)).toEqual([{ type: 'undelete', vm: plain.id }, { type: 'check', vm: plain.id }]);
  });

  it('warns about a deallocated VM and an agent that does not report, and says what to do', async () => {
    const { handle } = setup();
    const view = expectMessage(await handle({ type: 'check', vm: 'app-b' }), 'preflight');
    expect(line(view, 'power')).toMatchObject({ outcome: 'warn', text: expect.stringContaining('crash-consistent only'), action: expect.stringContaining('Start the VM') });
    expect(line(view, 'agent')).toMatchObject({ outcome: 'warn', text: expect.stringContaining('(the VM is stopped (deallocated))') });
    expect(view.tone).toBe('warning');
  });

  it('a backend without the optional reads, or a read that fails, leaves those checks not checked and runs the others', async () => {
    const { backup, plain } = setup();
    const bare: BackupService = Object.assign(Object.create(Object.getPrototypeOf(backup)), backup, { getVirtualMachineProfile: undefined, listLocks: undefined });
    const flows = createFlows({ backup: bare, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: PORTAL, now: backup.now });
    const view = expectMessage(await flows.handle({ type: 'check', vm: plain.id }, ACTOR), 'preflight');
    expect(line(view, 'support-matrix')).toMatchObject({ outcome: 'unknown', text: 'could not be checked: this Azure connection does not read VM disks.' });
    expect(line(view, 'locks')?.outcome).toBe('unknown');
    expect(line(view, 'power')?.outcome).toBe('pass');

    backup.failNext('getPolicy', new AzureError('AZURE_THROTTLED', 'Azure is throttling requests; try again in a minute.', 'TooManyRequests', 429));
    const throttled = expectMessage(await flows.handle({ type: 'check', vm: plain.id }, ACTOR), 'preflight');
    expect(line(throttled, 'policy')).toMatchObject({ outcome: 'unknown', text: 'could not be checked: Azure is throttling requests; try again in a minute.' });
    expect(throttled.summary).toBe('4 passed, 3 not checked');
  });
});

describe('backup check without a VM, or with a name that matches several', () => {
  it('opens the picker, and checks the VM picked', async () => {
    const { handle, plain } = setup();
    const picker = expectForm(await handle({ type: 'check' }));
    expect(picker.form).toBe('check.vm');
    expect(picker.submit.label).toBe('Check');
    const several = expectForm(await handle({ type: 'check', vm: 'app' }));
    expect(several.errors?.[0]).toMatchObject({ field: 'vm', code: 'VM_AMBIGUOUS' });
    const view = expectMessage(await handle(submit(picker, { vm: plain.id })), 'preflight');
    expect(view.vm.name).toBe('app-a');
  });
});

describe('the enable flows run the same checks', () => {
  it('VM path: a failed check ends the path before Enable Backup, and pressing a forged Enable Backup changes nothing', async () => {
    const { handle, backup, vault, ultra } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: 'app-u' }));
    const policyStep = expectForm(await handle(submit(vaultStep, { vault: vault.id })));
    const blocked = expectMessage(await handle(submit(policyStep, { policy: 'default' })), 'preflight');
    expect(blocked.title).toBe('Backup was not enabled for app-u');
    expect(line(blocked, 'ultra-disk-policy')?.outcome).toBe('fail');
    const forged = await handle({ type: 'enable.confirm', vmId: ultra.id, vault: { kind: 'existing', vaultId: vault.id }, policy: { kind: 'default' }, values: {} });
    expect(expectMessage(forged, 'preflight').title).toBe('Backup was not enabled for app-u');
    expect(backup.callsOf('enableProtection')).toEqual([]);
  });

  it('vault path: a warned VM is protected with its warning shown, a failed one is turned down with its reason', async () => {
    const { handle, backup, vault, plain, accelerated, ultra } = setup();
    const pick = expectForm(await handle({ type: 'vault.start' }));
    const settings = expectForm(await handle(submit(pick, { vault: vault.id })));
    const vmsStep = expectForm(await handle(submit(settings, { policy: 'default' })));
    expect(vmsStep.sections?.[0]).toContain('Each is checked first, as "backup check" does');
    const result = expectMessage(await handle(submit(vmsStep, { vms: [plain.id, accelerated.id, ultra.id] })), 'protection-result');
    expect(backup.callsOf('enableProtection')[0][2]).toEqual([plain.id, accelerated.id]);
    expect(result.outcomes.map((o) => [o.vm.name, o.ok, o.tone])).toEqual([
      ['app-a', true, 'warning'],
      ['app-w', true, 'warning'],
      ['app-u', false, 'error'],
    ]);
    expect(result.outcomes[0].text).toBe('Warning (Initial backup pending)');
    expect(result.outcomes[1].text).toMatch(/^Warning \(Initial backup pending\)\. Pre-flight warning: Support matrix: log has Write Accelerator on/);
    expect(result.outcomes[2]).toMatchObject({ code: 'PREFLIGHT_FAILED', text: expect.stringContaining('Ultra disk (fast)') });
  });
});

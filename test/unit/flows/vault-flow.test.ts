import type { FormView, SearchField, SelectField } from '../../../src/flows/views';
import { SUB } from './support/fake-backup-service';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

const select = (form: FormView, id: string): SelectField => form.fields.find((f) => f.id === id) as SelectField;

function setup() {
  const fx = flowsFixture();
  const a = fx.backup.addVm({ name: 'app-a', resourceGroup: 'rg-app', location: 'westeurope' });
  const b = fx.backup.addVm({ name: 'app-b', resourceGroup: 'rg-app', location: 'westeurope' });
  const noAgent = fx.backup.addVm({ name: 'app-c', resourceGroup: 'rg-app', location: 'westeurope', agent: 'NotInstalled' });
  const done = fx.backup.addVm({ name: 'app-d', resourceGroup: 'rg-app', location: 'westeurope' });
  const east = fx.backup.addVm({ name: 'east-a', resourceGroup: 'rg-east', location: 'eastus' });
  const vault = fx.backup.addVault('vault-weu', 'westeurope');
  fx.backup.protect(done, vault, 'Protected');
  const empty = fx.backup.addVault('vault-empty', 'westeurope', 'rg-backup');
  return { ...fx, a, b, noAgent, done, east, vault, empty };
}

describe('vault path: protect several VMs from a vault', () => {
  it('creates a vault (subscription, new resource group, region, name), LRS, default policy, several VMs', async () => {
    const { handle, backup, a, b, noAgent, east } = setup();
    const pick = expectForm(await handle({ type: 'vault.start' }));
    expect(select(pick, 'vault').options.map((o) => o.label)).toEqual(['vault-empty', 'vault-weu', 'Create a new vault']);
    const define = expectForm(await handle(submit(pick, { vault: 'new' })));
    expect(define.form).toBe('vault.new');
    expect(select(define, 'subscriptionId').options.map((o) => o.value)).toEqual([SUB]);
    expect(select(define, 'location').options.map((o) => o.value)).toEqual(['eastus', 'westeurope']);
    // preselected: the region with the most VMs (4 in westeurope, 1 in eastus), not the first A-Z
    expect(select(define, 'location').value).toBe('westeurope');
    // a new resource group's name is required only with "New resource group": never labelled optional
    const rgName = define.fields.find((f) => f.id === 'newResourceGroup');
    expect(rgName).toMatchObject({ requiredWhen: '"New resource group" is chosen', value: 'rg-backup-2' });
    expect(rgName?.optional).toBeUndefined();
    expect(select(define, 'resourceGroup').options.map((o) => o.value)).toEqual(['new', 'rg-app', 'rg-backup', 'rg-east']);

    const values = { subscriptionId: SUB, resourceGroup: 'new', newResourceGroup: 'rg-backup-weu', location: 'westeurope', vaultName: 'vault-new' };
    expect(expectInvalid(await handle(submit(define, { ...values, newResourceGroup: 'bad/name' }))).errors[0].field).toBe('newResourceGroup');
    expect(expectInvalid(await handle(submit(define, { ...values, location: 'mars' }))).errors[0].field).toBe('location');
    expect(expectInvalid(await handle(submit(define, { ...values, vaultName: 'x' }))).errors[0]).toMatchObject({ field: 'vaultName', code: 'VAULT_NAME_LENGTH' });
    expect(expectInvalid(await handle(submit(define, { ...values, vaultName: 'vault-weu' }))).errors[0]).toMatchObject({ field: 'vaultName', code: 'VAULT_NAME_TAKEN' });
    expect(expectInvalid(await handle(submit(define, { ...values, subscriptionId: 'other' }))).errors[0].field).toBe('subscriptionId');
    expect(expectInvalid(await handle(submit(define, { ...values, resourceGroup: 'rg-unknown' }))).errors[0].field).toBe('resourceGroup');

    const settings = expectForm(await handle(submit(define, values)));
    expect(settings.form).toBe('vault.settings');
    expect(select(settings, 'redundancy')).toMatchObject({ value: 'GeoRedundant', options: [{ value: 'GeoRedundant' }, { value: 'LocallyRedundant' }] });
    const vmsStep = expectForm(await handle(submit(settings, { redundancy: 'LocallyRedundant', policy: 'default' })));
    expect(vmsStep.form).toBe('vault.vms');
    const vmsField = vmsStep.fields[0] as SearchField;
    // candidates: unprotected VMs of the vault's region and subscription only
    expect(vmsField.source).toEqual({ kind: 'vms', location: 'westeurope', subscriptionId: SUB, unprotectedOnly: true });
    expect(vmsField.initialOptions?.map((o) => o.label)).toEqual(['app-a', 'app-b', 'app-c']);
    expect(vmsStep.facts).toEqual(expect.arrayContaining([{ label: 'Storage replication', value: 'Locally redundant (LRS)' }]));
    expect(backup.callsOf('createVault')).toHaveLength(0);

    const empty = expectInvalid(await handle(submit(vmsStep, { vms: [] })));
    expect(empty.errors[0]).toMatchObject({ field: 'vms', code: 'VMS_REQUIRED' });

    // east-a is forged in: validated anyway; app-c has no agent: the pre-flight check turns it down
    // before Azure is asked (Azure would refuse it with UserErrorGuestAgentStatusUnavailable)
    const result = expectMessage(await handle(submit(vmsStep, { vms: [a.id, b.id, noAgent.id, east.id] })), 'protection-result');
    expect(backup.callsOf('createVault')).toEqual([
      [{ subscriptionId: SUB, resourceGroup: 'rg-backup-weu', name: 'vault-new', location: 'westeurope', storageRedundancy: 'LocallyRedundant', createResourceGroup: true }],
    ]);
    expect(backup.callsOf('enableProtection')[0][2]).toEqual([a.id, b.id]);
    expect(result.title).toBe('Backup enabled for 2 of 4 VMs');
    expect(result.tone).toBe('warning');
    expect(result.outcomes.map((o) => [o.vm.name, o.ok, o.code ?? o.text])).toEqual([
      ['app-a', true, 'Warning (Initial backup pending)'],
      ['app-b', true, 'Warning (Initial backup pending)'],
      ['east-a', false, 'VM_REGION_MISMATCH'],
      ['app-c', false, 'PREFLIGHT_FAILED'],
    ]);
    expect(result.outcomes[3].text).toContain('no VM agent');
    expect(result.redundancyText).toBe('Locally redundant (LRS)');
    expect(result.firstScheduledBackup?.at).toBe('2024-05-15T02:00:00.000Z');
  });

  it('changes the replication of an existing vault that protects nothing, with a new policy', async () => {
    const { handle, backup, empty, a } = setup();
    const pick = expectForm(await handle({ type: 'vault.start' }));
    const settings = expectForm(await handle(submit(pick, { vault: empty.id })));
    expect(select(settings, 'redundancy').value).toBe('GeoRedundant');
    const policyForm = expectForm(await handle(submit(settings, { redundancy: 'LocallyRedundant', policy: 'new' })));
    expect(policyForm.form).toBe('vault.newPolicy');
    const vmsStep = expectForm(await handle(submit(policyForm, { policyName: 'weekday', scheduleFrequency: 'Daily', scheduleTime: '20:30', timeZone: 'UTC', dailyRetention: '10' })));
    const r = expectMessage(await handle(submit(vmsStep, { vms: [a.id] })), 'protection-result');
    expect(r.steps.map((s) => [s.step, s.status])).toEqual([
      ['Set storage replication of vault-empty to Locally redundant (LRS)', 'done'],
      ['Create policy weekday', 'done'],
      ['Enable protection for app-a with policy weekday', 'done'],
    ]);
    expect(backup.redundancy.get(empty.id.toLowerCase())).toBe('LocallyRedundant');
    expect(r.firstScheduledBackup?.at).toBe('2024-05-14T20:30:00.000Z');
  });

  it('does not offer replication once the vault protects something, and lists its policies', async () => {
    const { handle, backup, vault, a } = setup();
    const settings = expectForm(await handle({ type: 'vault.choose', values: { vault: vault.id } }));
    expect(settings.fields.map((f) => f.id)).toEqual(['policy']);
    expect(settings.sections?.join(' ')).toContain('can no longer change');
    const vmsStep = expectForm(await handle(submit(settings, { policy: 'default' })));
    const r = expectMessage(await handle(submit(vmsStep, { vms: [a.id] })), 'protection-result');
    expect(backup.callsOf('setStorageRedundancy')).toHaveLength(0);
    expect(r.outcomes[0].ok).toBe(true);
  });

  it('changes nothing when no picked VM can be protected', async () => {
    const { handle, backup, vault, east } = setup();
    const r = expectInvalid(await handle({ type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: vault.id }, policy: { kind: 'default' }, values: { vms: [east.id] } }));
    expect(r.errors[0]).toMatchObject({ field: 'vms', code: 'VMS_NOT_ELIGIBLE' });
    expect(r.errors[0].message).toContain('east-a');
    expect(backup.callsOf('enableProtection')).toHaveLength(0);
  });

  it('stops before protecting when the replication cannot change', async () => {
    const { handle, backup, vault, a } = setup();
    const r = expectMessage(
      await handle({ type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: vault.id }, redundancy: 'LocallyRedundant', policy: { kind: 'default' }, values: { vms: [a.id] } }),
      'notice',
    );
    expect(r.steps?.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(r.text).toContain('Storage replication cannot change');
    expect(backup.callsOf('enableProtection')).toHaveLength(0);
  });
});

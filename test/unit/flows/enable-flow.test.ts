import { AzureError } from '../../../src/domain/errors';
import { parseIntent } from '../../../src/flows/intent.schema';
import type { FieldView, FormView, SelectField } from '../../../src/flows/views';
import { expectForm, expectInvalid, expectMessage, flowsFixture, submit } from './support/flows-fixture';

const field = (form: FormView, id: string): FieldView => {
  const f = form.fields.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id} in ${form.form}`);
  return f;
};
const select = (form: FormView, id: string): SelectField => field(form, id) as SelectField;

function setup() {
  const fx = flowsFixture();
  const web01 = fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web', location: 'westeurope' });
  const db01 = fx.backup.addVm({ name: 'db-01', resourceGroup: 'rg-db', location: 'westeurope' });
  const east = fx.backup.addVm({ name: 'east-01', resourceGroup: 'rg-east', location: 'eastus' });
  const vaultWeu = fx.backup.addVault('vault-weu', 'westeurope');
  const vaultEus = fx.backup.addVault('vault-eus', 'eastus');
  return { ...fx, web01, db01, east, vaultWeu, vaultEus };
}

describe('VM path: enable backup from a VM', () => {
  it('opens the VM picker (type-ahead over the inventory) without a VM', async () => {
    const { handle } = setup();
    const form = expectForm(await handle({ type: 'enable.start' }));
    expect(form.form).toBe('enable.vm');
    expect(form.step).toEqual({ index: 1, total: 4, text: 'Step 1 of 4' });
    expect(field(form, 'vm')).toMatchObject({ kind: 'search', source: { kind: 'vms' }, multiple: false });
  });

  it('walks VM -> existing vault -> default policy -> confirm -> Enable Backup', async () => {
    const { handle, backup, web01, vaultWeu, flows } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: 'web-01' }));
    expect(vaultStep.form).toBe('enable.vault');
    // only vaults of the VM's region, plus "create new"
    expect(select(vaultStep, 'vault').options.map((o) => o.value)).toEqual([vaultWeu.id, 'new']);
    expect(select(vaultStep, 'vault').value).toBe(vaultWeu.id);

    const policyStep = expectForm(await handle(submit(vaultStep, { vault: vaultWeu.id })));
    expect(policyStep.form).toBe('enable.policy');
    const options = select(policyStep, 'policy').options;
    expect(options[0]).toEqual({ value: 'default', label: 'Default policy', description: 'Daily at 02:00 UTC, kept 30 days' });
    expect(options.at(-1)?.value).toBe('new');

    const confirm = expectForm(await handle(submit(policyStep, { policy: 'default' })));
    expect(confirm.form).toBe('enable.confirm');
    expect(confirm.submit.label).toBe('Enable Backup');
    expect(confirm.facts).toEqual(
      expect.arrayContaining([
        { label: 'VM', value: 'web-01 (resource group rg-web)' },
        { label: 'Vault', value: 'vault-weu' },
        { label: 'Policy', value: 'DefaultPolicy: Daily at 02:00 UTC, kept 30 days' },
        { label: 'First scheduled backup', value: 'Wed 15 May 2024, 02:00 UTC (in 16 hours)' },
      ]),
    );
    expect(backup.callsOf('enableProtection')).toHaveLength(0);

    const result = expectMessage(await handle(submit(confirm, {})), 'protection-result');
    expect(backup.callsOf('enableProtection')).toEqual([[vaultWeu.id, 'DefaultPolicy', [web01.id]]]);
    expect(result.title).toBe('Backup enabled for web-01');
    expect(result.tone).toBe('success');
    expect(result.outcomes).toEqual([expect.objectContaining({ vm: { id: web01.id, name: 'web-01' }, ok: true, text: 'Warning (Initial backup pending)' })]);
    expect(result.firstScheduledBackup).toEqual({ at: '2024-05-15T02:00:00.000Z', text: 'Wed 15 May 2024, 02:00 UTC (in 16 hours)' });
    expect(result.policy?.text).toBe('Daily at 02:00 UTC, kept 30 days');
    expect(result.outcomes[0].actions[0]).toEqual({ label: 'Backup now', intent: { type: 'now.start', vm: web01.id }, style: 'primary' });
    expect(result.actions).toEqual([]);
    expect(result.links[0].url).toBe(`https://portal.azure.com/#@/resource${web01.id}/backup`);
    // the inventory knows at once, without a reload
    expect(flows.inventory.get(web01.id)?.protection?.state).toBe('IRPending');
  });

  it('creates a new vault in the VM region and resource group, name checked inline', async () => {
    const { handle, backup, web01 } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: web01.id }));
    expect(field(vaultStep, 'vaultName')).toMatchObject({ kind: 'text', value: 'vault-westeurope' });

    const bad = expectInvalid(await handle(submit(vaultStep, { vault: 'new', vaultName: '1-bad name' })));
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'vaultName', code: 'VAULT_NAME_START' })]);
    expect(bad.view.form).toBe('enable.vault');
    expect(field(bad.view, 'vaultName')).toMatchObject({ value: '1-bad name' });

    const taken = expectInvalid(await handle(submit(vaultStep, { vault: 'new', vaultName: 'VAULT-EUS' })));
    expect(taken.errors[0]).toMatchObject({ field: 'vaultName', code: 'VAULT_NAME_TAKEN' });
    expect(backup.callsOf('createVault')).toHaveLength(0);

    const policyStep = expectForm(await handle(submit(vaultStep, { vault: 'new', vaultName: 'vault-web' })));
    // a new vault has only its DefaultPolicy: default or new
    expect(select(policyStep, 'policy').options.map((o) => o.value)).toEqual(['default', 'new']);
    const confirm = expectForm(await handle(submit(policyStep, { policy: 'default' })));
    expect(confirm.facts).toEqual(expect.arrayContaining([
      { label: 'Vault', value: 'vault-web (new, resource group rg-web)' },
      expect.objectContaining({ label: 'Storage replication', value: expect.stringContaining('Geo-redundant (GRS)') }),
    ]));
    expect(backup.callsOf('createVault')).toHaveLength(0);

    const result = expectMessage(await handle(submit(confirm, {})), 'protection-result');
    expect(backup.callsOf('createVault')).toEqual([[{ subscriptionId: web01.subscriptionId, resourceGroup: 'rg-web', name: 'vault-web', location: 'westeurope', storageRedundancy: 'GeoRedundant' }]]);
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['Create vault vault-web in westeurope (resource group rg-web, Geo-redundant (GRS))', 'done'],
      ['Enable protection for web-01 with policy DefaultPolicy', 'done'],
    ]);
    expect(result.vault.name).toBe('vault-web');
    expect(result.redundancyText).toBe('Geo-redundant (GRS)');
  });

  it('defines a new policy with field errors, then creates it before protecting', async () => {
    const { handle, backup, vaultWeu, web01 } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: 'web-01' }));
    const policyStep = expectForm(await handle(submit(vaultStep, { vault: vaultWeu.id })));
    const policyForm = expectForm(await handle(submit(policyStep, { policy: 'new' })));
    expect(policyForm.form).toBe('enable.newPolicy');
    const base = { policyName: 'nightly', scheduleFrequency: 'Daily', scheduleTime: '23:00', timeZone: 'W. Europe Standard Time', dailyRetention: '14' };

    const badTime = expectInvalid(await handle(submit(policyForm, { ...base, scheduleTime: '23:15' })));
    expect(badTime.errors[0]).toMatchObject({ field: 'scheduleTime', code: 'POLICY_TIME_INVALID' });
    const badDays = expectInvalid(await handle(submit(policyForm, { ...base, dailyRetention: '3' })));
    expect(badDays.errors[0]).toMatchObject({ field: 'dailyRetention', code: 'POLICY_DAILY_RANGE' });
    expect(badDays.errors[0].message).toContain('7 to 9999');
    const notNumber = expectInvalid(await handle(submit(policyForm, { ...base, dailyRetention: 'ten' })));
    expect(notNumber.errors[0]).toMatchObject({ field: 'dailyRetention', code: 'NOT_A_NUMBER' });
    const taken = expectInvalid(await handle(submit(policyForm, { ...base, policyName: 'defaultpolicy' })));
    expect(taken.errors[0].field).toBe('policyName');
    const monthlyNoWeeks = expectInvalid(await handle(submit(policyForm, { ...base, monthlyRetention: '12', monthlyRetentionWeeks: [], monthlyRetentionWeekdays: ['Sunday'] })));
    expect(monthlyNoWeeks.errors[0]).toMatchObject({ field: 'monthlyRetentionWeeks' });

    const confirm = expectForm(await handle(submit(policyForm, { ...base, monthlyRetention: '12', monthlyRetentionWeeks: ['First'], monthlyRetentionWeekdays: ['Sunday'] })));
    expect(confirm.facts).toEqual(expect.arrayContaining([
      { label: 'Policy', value: 'nightly (new): Daily at 23:00 W. Europe Standard Time, kept 14 days; monthly 12 months' },
      // 23:00 in Berlin (CEST, UTC+2) on 14 May is 21:00 UTC
      { label: 'First scheduled backup', value: 'Tue 14 May 2024, 21:00 UTC (in 11 hours)' },
    ]));
    expect(backup.callsOf('createPolicy')).toHaveLength(0);

    const result = expectMessage(await handle(submit(confirm, {})), 'protection-result');
    expect(backup.callsOf('createPolicy')).toHaveLength(1);
    expect(backup.callsOf('enableProtection')).toEqual([[vaultWeu.id, 'nightly', [web01.id]]]);
    expect(result.steps.map((s) => s.step)).toEqual(['Create policy nightly', 'Enable protection for web-01 with policy nightly']);
    expect(result.firstScheduledBackup?.at).toBe('2024-05-14T21:00:00.000Z');
  });

  it('accepts a weekly policy (weekly retention follows the schedule days)', async () => {
    const { handle, backup, vaultWeu } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: 'web-01' }));
    const policyStep = expectForm(await handle(submit(vaultStep, { vault: vaultWeu.id })));
    const policyForm = expectForm(await handle(submit(policyStep, { policy: 'new' })));
    const values = { policyName: 'weekly', scheduleFrequency: 'Weekly', scheduleTime: '01:30', timeZone: 'UTC', scheduleDays: ['Saturday'], dailyRetention: '30', weeklyRetention: '8', weeklyRetentionDays: ['Sunday'] };
    const confirm = expectForm(await handle(submit(policyForm, values)));
    const plan = confirm.submit.intent;
    expect(plan.type === 'enable.confirm' && plan.policy).toEqual({
      kind: 'new',
      definition: { name: 'weekly', schedule: { frequency: 'Weekly', time: '01:30', timeZone: 'UTC', daysOfWeek: ['Saturday'] }, retention: { weekly: { weeks: 8, daysOfWeek: ['Saturday'] } } },
    });
    const noWeeks = expectInvalid(await handle(submit(policyForm, { ...values, weeklyRetention: '' })));
    expect(noWeeks.errors[0].field).toBe('weeklyRetention');
    expect(backup.callsOf('createPolicy')).toHaveLength(0);
  });

  it('ends the path when the VM is already protected', async () => {
    const { handle, backup, web01, vaultWeu } = setup();
    backup.protect(web01, vaultWeu, 'Protected');
    const r = expectMessage(await handle({ type: 'enable.start', vm: 'web-01' }), 'notice');
    expect(r.title).toBe('web-01 is already protected');
    expect(r.text).toContain('vault-weu');
    expect(r.actions.map((a) => a.intent.type)).toEqual(['now.start', 'status']);
  });

  it('asks which VM when a name matches several, and says so when none matches', async () => {
    const { handle, backup } = setup();
    backup.addVm({ name: 'web-01', resourceGroup: 'rg-other' });
    const many = expectForm(await handle({ type: 'enable.start', vm: 'web-01' }));
    expect(many.errors?.[0]).toMatchObject({ field: 'vm', code: 'VM_AMBIGUOUS' });
    const search = many.fields[0];
    expect(search.kind === 'search' && search.initialOptions?.map((o) => o.description)).toEqual([
      expect.stringContaining('rg-web'),
      expect.stringContaining('rg-other'),
    ]);
    const none = expectForm(await handle({ type: 'enable.start', vm: 'nope' }));
    expect(none.errors?.[0]).toMatchObject({ field: 'vm', code: 'VM_NOT_FOUND' });
  });

  it('refuses a vault of another region even when a forged submission names it', async () => {
    const { handle, web01, vaultEus, backup } = setup();
    const r = expectInvalid(await handle({ type: 'enable.chooseVault', vmId: web01.id, values: { vault: vaultEus.id } }));
    expect(r.errors[0]).toMatchObject({ field: 'vault', code: 'VM_REGION_MISMATCH' });
    expect(backup.callsOf('enableProtection')).toHaveLength(0);
  });

  it('requires a VM on the picker', async () => {
    const { handle } = setup();
    const r = expectInvalid(await handle({ type: 'enable.chooseVm', values: {} }));
    expect(r.errors[0]).toMatchObject({ field: 'vm', code: 'VM_REQUIRED' });
  });

  it('says what was done and what was not when Azure fails mid-plan', async () => {
    const { handle, backup, web01 } = setup();
    backup.failNext('createVault', new AzureError('QUOTA', 'The subscription has reached its vault quota.', 'QuotaExceeded', 409));
    const plan = { type: 'enable.confirm' as const, vmId: web01.id, vault: { kind: 'new' as const, subscriptionId: web01.subscriptionId, resourceGroup: 'rg-web', location: 'westeurope', name: 'vault-web' }, policy: { kind: 'default' as const }, values: {} };
    const r = expectMessage(await handle(plan), 'notice');
    expect(r.tone).toBe('error');
    expect(r.title).toBe('Backup was not enabled');
    expect(r.text).toContain('The subscription has reached its vault quota.');
    expect(r.steps?.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(r.facts).toEqual([{ label: 'Error code', value: 'QuotaExceeded' }]);
    expect(backup.callsOf('enableProtection')).toHaveLength(0);
  });

  it('reports a policy that fails after the vault was created', async () => {
    const { handle, backup, web01 } = setup();
    backup.failNext('createPolicy', new AzureError('BAD', 'Azure refused the policy.', 'BMSUserErrorInvalidPolicyInput', 400));
    const definition = { name: 'nightly', schedule: { frequency: 'Daily' as const, time: '02:00', timeZone: 'UTC' }, retention: { daily: { days: 30 } } };
    const r = expectMessage(
      await handle({ type: 'enable.confirm', vmId: web01.id, vault: { kind: 'new', subscriptionId: web01.subscriptionId, resourceGroup: 'rg-web', location: 'westeurope', name: 'vault-web' }, policy: { kind: 'new', definition }, values: {} }),
      'notice',
    );
    expect(r.steps?.map((s) => s.status)).toEqual(['done', 'failed', 'skipped']);
    expect(r.text).not.toContain('Nothing was changed');
  });

  it('hides internals of unexpected errors behind a reference', async () => {
    const { handle, backup, logged } = setup();
    backup.failNext('findProtectedItem', new TypeError('Cannot read properties of undefined (reading secret)'));
    const r = expectMessage(await handle({ type: 'enable.start', vm: 'web-01' }), 'notice');
    expect(r.text).toContain('Something went wrong');
    expect(r.text).toContain('REF1');
    expect(r.reference).toBe('REF1');
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged[0].fields?.reference).toBe('REF1');
  });

  it('puts only valid, small intents on buttons and submits', async () => {
    const { handle, vaultWeu } = setup();
    const vaultStep = expectForm(await handle({ type: 'enable.start', vm: 'web-01' }));
    const policyStep = expectForm(await handle(submit(vaultStep, { vault: vaultWeu.id })));
    const policyForm = expectForm(await handle(submit(policyStep, { policy: 'new' })));
    const confirm = expectForm(
      await handle(
        submit(policyForm, {
          policyName: 'a-rather-long-policy-name-for-testing-sizes',
          scheduleFrequency: 'Daily',
          scheduleTime: '02:00',
          timeZone: 'W. Europe Standard Time',
          dailyRetention: '30',
          weeklyRetention: '12',
          weeklyRetentionDays: ['Sunday'],
          monthlyRetention: '60',
          monthlyRetentionWeeks: ['First', 'Third'],
          monthlyRetentionWeekdays: ['Sunday', 'Saturday'],
          yearlyRetention: '10',
          yearlyRetentionMonths: ['January', 'July'],
          yearlyRetentionDaysOfMonth: '1, Last',
          instantRpRetentionDays: '3',
        }),
      ),
    );
    for (const form of [vaultStep, policyStep, policyForm, confirm]) {
      const json = JSON.stringify(form.submit.intent);
      expect(json.length).toBeLessThan(3000);
      expect(parseIntent(json)).toEqual(form.submit.intent);
    }
    const result = expectMessage(await handle(submit(confirm, {})), 'protection-result');
    for (const b of [...result.actions, ...result.outcomes.flatMap((o) => o.actions)]) {
      expect(JSON.stringify(b.intent).length).toBeLessThan(2000);
      expect(parseIntent(JSON.parse(JSON.stringify(b.intent)))).toEqual(b.intent);
    }
  });
});

import { parseCommand } from '../../../src/commands/command-parser';
import { coverageSummary, enableIntent } from '../../../src/flows/coverage-view';
import { PRESELECT_MAX } from '../../../src/flows/intent-registry';
import { parseIntent } from '../../../src/flows/intent.schema';
import type { ButtonView, SearchField, SelectField } from '../../../src/flows/views';
import { DEFAULT_EXCLUDE_TAG } from '../../../src/domain/exclude-tag.rule';
import { SUB } from './support/fake-backup-service';
import { expectForm, expectMessage, flowsFixture, submit } from './support/flows-fixture';

const vmsField = (form: { fields: unknown[] }) => form.fields.find((f) => (f as SearchField).id === 'vms') as SearchField;
const press = (b: ButtonView) => parseIntent(JSON.parse(JSON.stringify(b.intent)))!;

function setup() {
  const fx = flowsFixture();
  const vault = fx.backup.addVault('rsv-weu', 'westeurope');
  const done = fx.backup.addVm({ name: 'db-1', resourceGroup: 'rg-db' });
  fx.backup.protect(done, vault, 'Protected');
  fx.backup.addVm({ name: 'web-2', resourceGroup: 'rg-web' });
  fx.backup.addVm({ name: 'web-1', resourceGroup: 'rg-web' });
  fx.backup.addVm({ name: 'jump-1', resourceGroup: 'rg-infra', tags: { backup: 'exclude' } });
  fx.backup.addVm({ name: 'east-1', resourceGroup: 'rg-east', location: 'eastus' });
  return { ...fx, vault };
}

describe('backup coverage', () => {
  it('parses coverage, coverage subscription <id>, coverage rg <name>, and says what is wrong otherwise', () => {
    expect(parseCommand('coverage')).toEqual({ ok: true, intent: { type: 'coverage' } });
    expect(parseCommand(`backup coverage subscription ${SUB.toUpperCase()}`)).toEqual({ ok: true, intent: { type: 'coverage', subscriptionId: SUB } });
    expect(parseCommand(`coverage ${SUB}`)).toEqual({ ok: true, intent: { type: 'coverage', subscriptionId: SUB } });
    expect(parseCommand('coverage resource group rg-web')).toEqual({ ok: true, intent: { type: 'coverage', resourceGroup: 'rg-web' } });
    const errors = ['coverage rg', 'coverage subscription prod', 'coverage vault rsv', 'coverage rg-web', 'coverage rg a b'].map((t) => parseCommand(t));
    expect(errors.map((e) => e.ok)).toEqual([false, false, false, false, false]);
    expect(errors.map((e) => (e.ok ? '' : e.error.message))).toEqual([
      'Name one resource group after "rg".',
      '"prod" is not a subscription id (a GUID such as 3c1a5a0e-0000-0000-0000-000000000000).',
      'coverage looks at a subscription or a resource group, not a vault: a vault protects VMs, coverage finds those no vault protects.',
      'Say what "rg-web" is: `backup coverage rg rg-web` for a resource group, or `backup coverage subscription <id>`.',
      'Name one resource group after "rg".',
    ]);
  });

  it('says a vault that protects nothing yet does so, not "0 VMs"', async () => {
    const { handle, backup } = setup();
    backup.addVault('rsv-east', 'eastus');
    const view = expectMessage(await handle({ type: 'coverage' }), 'coverage');
    expect(view.groups.find((g) => g.title.startsWith('eastus'))?.vaultText).toBe('Vault rsv-east (resource group rg-backup) would protect it: it protects no VM here yet.');
  });

  it('groups the unprotected VMs by region with their vault, counts the excluded apart, and Enable backup opens the vault path with them preselected', async () => {
    const { handle, vault, backup } = setup();
    const view = expectMessage(await handle({ type: 'coverage' }), 'coverage');
    expect(view.summaryText).toBe('3 VMs of 5 in scope are not protected by any vault; 1 VM excluded by tag backup=exclude.');
    expect(view.groups.map((g) => [g.title, g.vmsText, g.vaultText])).toEqual([
      ['westeurope: 2 unprotected VMs', 'web-1 and web-2', 'Vault rsv-weu (resource group rg-backup) would protect them: it already protects 1 VM here.'],
      ['eastus: 1 unprotected VM', 'east-1', 'No vault in eastus yet: Enable backup offers a new vault vault-eastus in resource group rg-east.'],
    ]);
    // One listing per subscription, one vault listing: no call per VM.
    expect(backup.callsOf('listCoverage')).toHaveLength(1);
    expect(backup.callsOf('getVirtualMachine')).toHaveLength(0);

    const pick = press(view.groups[0].action);
    expect(pick).toMatchObject({ type: 'vault.choose', values: { vault: vault.id } });
    const settings = expectForm(await handle(pick));
    expect(settings.form).toBe('vault.settings');
    const vms = expectForm(await handle(submit(settings, { policy: 'default' })));
    expect(vms.form).toBe('vault.vms');
    expect(vmsField(vms).selected?.map((o) => o.label)).toEqual(['web-1', 'web-2']);
    const result = expectMessage(await handle(submit(vms, { vms: vmsField(vms).selected!.map((o) => o.value) })), 'protection-result');
    expect(result.outcomes.map((o) => [o.vm.name, o.ok])).toEqual([['web-1', true], ['web-2', true]]);

    // The new vault's group: the new-vault step is answered as the form would be, with the suggested name.
    const define = press(view.groups[1].action);
    expect(define).toMatchObject({ type: 'vault.define', values: { subscriptionId: SUB, resourceGroup: 'rg-east', location: 'eastus', vaultName: 'vault-eastus' } });
    const newSettings = expectForm(await handle(define));
    expect(newSettings.sections?.[0]).toBe('Vault vault-eastus (new): eastus, resource group rg-east.');
    expect((newSettings.fields.find((f) => f.id === 'policy') as SelectField).value).toBe('default');
    const eastVms = expectForm(await handle(submit(newSettings, { redundancy: 'GeoRedundant', policy: 'new' })));
    expect(eastVms.form).toBe('vault.newPolicy');
    expect(eastVms.submit.intent).toMatchObject({ type: 'vault.definePolicy', preselect: [expect.stringMatching(/east-1$/)] });
  });

  it('caps the VMs a button preselects and says so; the summary says why when nothing is missing', () => {
    const gap = {
      subscriptionId: SUB,
      location: 'westeurope',
      vms: Array.from({ length: 37 }, (_, i) => ({ id: `/subscriptions/${SUB}/resourceGroups/rg-${'g'.repeat(80)}/providers/Microsoft.Compute/virtualMachines/vm-${'n'.repeat(50)}-${i}`, subscriptionId: SUB, resourceGroup: 'rg', name: `vm-${i}`, location: 'westeurope', tags: {} })),
      vault: { kind: 'new' as const, name: 'vault-westeurope', resourceGroup: 'rg' },
    };
    const { intent, preselected } = enableIntent(gap);
    expect(preselected).toBeGreaterThan(0);
    expect(preselected).toBeLessThanOrEqual(PRESELECT_MAX);
    expect(JSON.stringify(intent).length).toBeLessThanOrEqual(2000);
    expect(parseIntent(intent)).toEqual(intent);
    const short = enableIntent({ ...gap, vms: gap.vms.map((v, i) => ({ ...v, id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/v${i}` })) });
    expect(short.preselected).toBe(PRESELECT_MAX);

    const report = { total: 243, protected: 240, stopped: 0, excluded: 3, gaps: [] };
    expect(coverageSummary(report, 'scope', DEFAULT_EXCLUDE_TAG)).toBe('All 240 VMs in scope are protected by a vault; 3 VMs excluded by tag backup=exclude.');
    expect(coverageSummary({ ...report, total: 0, protected: 0, excluded: 0 }, 'scope', DEFAULT_EXCLUDE_TAG)).toBe('There are no VMs in scope, so nothing to protect.');
    expect(coverageSummary({ ...report, total: 2, protected: 0, excluded: 2 }, 'resource group rg-x', DEFAULT_EXCLUDE_TAG)).toBe('No VM in resource group rg-x needs a vault: all 2 VMs are excluded by tag backup=exclude.');
  });

  it('shows a large group capped with the reason, looks at one resource group or subscription, and refuses a subscription out of scope', async () => {
    const { handle, backup } = setup();
    for (let i = 0; i < 12; i++) backup.addVm({ name: `bulk-${String(i).padStart(2, '0')}`, resourceGroup: 'rg-bulk' });
    const all = expectMessage(await handle({ type: 'coverage' }), 'coverage');
    expect(all.groups[0]).toMatchObject({
      title: 'westeurope: 14 unprotected VMs',
      vmsText: 'bulk-00, bulk-01, bulk-02, bulk-03, bulk-04, bulk-05, bulk-06, bulk-07 and 6 more',
      capText: 'Enable backup preselects 10 of these 14 VMs (a button carries no more); the form lists the others of westeurope to add.',
    });
    expect(all.groups[0].action.label).toBe('Enable backup (10 of 14)');

    const rg = expectMessage(await handle({ type: 'coverage', resourceGroup: 'RG-WEB' }), 'coverage');
    expect(rg.summaryText).toBe('2 VMs of 2 in resource group rg-web are not protected by any vault.');
    const none = expectMessage(await handle({ type: 'coverage', resourceGroup: 'rg-nowhere' }), 'notice');
    expect(none.text).toMatch(/^No VM of this channel's scope is in resource group rg-nowhere/);
    const other = expectMessage(await handle({ type: 'coverage', subscriptionId: '00000000-0000-0000-0000-00000000ffff' }), 'notice');
    expect(other.title).toBe('Subscription not in scope');
  });

  it('counts what it could read when a subscription fails, and says which', async () => {
    const { handle, backup } = setup();
    backup.failNext('listCoverage', new (await import('../../../src/domain/errors')).AzureError('AZURE_AUTHORIZATION_FAILED', 'The bot may not read subscription 1.', 'AuthorizationFailed', 403));
    const view = expectMessage(await handle({ type: 'coverage' }), 'coverage');
    expect(view.tone).toBe('warning');
    expect(view.problems).toEqual([`Subscription ${SUB} could not be read, so its VMs are not counted: The bot may not read subscription 1.`]);
    expect(view.summaryText).toBe('There are no VMs in scope, so nothing to protect.');
  });
});

/** `backup items <vault>`: each item's protection, last backup with its day count, next run from its policy, a page at a time. */
import { messageBlocks } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { parseCommand } from '../../../src/commands/command-parser';
import { ITEMS_PAGE_SIZE } from '../../../src/flows/items.flow';
import { expectMessage, flowsFixture } from './support/flows-fixture';

describe('backup items <vault>', () => {
  it('parses as the items intent', () => {
    expect(parseCommand('backup items vault-weu')).toEqual({ ok: true, intent: { type: 'items', vault: 'vault-weu' } });
    expect(parseCommand('items a b')).toEqual(expect.objectContaining({ ok: false, error: expect.objectContaining({ usage: 'backup items <vault>' }) }));
  });

  it('lists protected and pending items with last backup (days ago) and the next run of their policy, each with Status and Backup now', async () => {
    const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
    const vault = fx.backup.addVault('vault-weu');
    const web = fx.backup.protect(fx.backup.addVm({ name: 'web-01' }), vault);
    web.lastBackupStatus = 'Completed';
    web.lastBackupTime = new Date('2024-05-12T02:10:00Z');
    fx.backup.protect(fx.backup.addVm({ name: 'app-01' }), vault, 'IRPending');
    const old = fx.backup.protect(fx.backup.addVm({ name: 'old-01' }), vault, 'ProtectionStopped');
    old.lastBackupStatus = 'Failed';
    old.lastBackupTime = new Date('2024-05-01T02:10:00Z');

    const view = expectMessage(await fx.handle({ type: 'items', vault: 'vault-weu' }), 'vault-items');
    expect(view.pageText).toBe('3 items');
    expect(view.more).toBe(0);
    // What needs a look first: the failed one, then the pending one.
    expect(view.items.map((i) => [i.vm.name, i.protection.text, i.lastBackupText, i.nextRunText])).toEqual([
      ['old-01', expect.any(String), 'Failed 13 days ago (Wed 1 May 2024, 02:10 UTC)', 'None: protection stopped'],
      ['app-01', expect.any(String), 'No backup yet', 'Wed 15 May 2024, 02:00 UTC (in 16 hours)'],
      ['web-01', 'Protected', 'Completed 2 days ago (Sun 12 May 2024, 02:10 UTC)', 'Wed 15 May 2024, 02:00 UTC (in 16 hours)'],
    ]);
    expect(view.items.map((i) => i.actions.map((a) => a.label))).toEqual([['Status', 'Resume backups'], ['Status', 'Backup now'], ['Status', 'Backup now']]);
    expect(view.items[0].lastBackupTone).toBe('error');
    for (const text of [JSON.stringify(messageBlocks(view).blocks), JSON.stringify(teamsCard(view))]) {
      expect(text).toContain('Next run: Wed 15 May 2024, 02:00 UTC (in 16 hours)');
      expect(text).toContain('Completed 2 days ago');
    }
  });

  it('pages a large vault and says how many more', async () => {
    const fx = flowsFixture();
    const vault = fx.backup.addVault('vault-big');
    for (let i = 0; i < 40; i++) fx.backup.protect(fx.backup.addVm({ name: `vm-${String(i).padStart(2, '0')}` }), vault);
    const first = expectMessage(await fx.handle({ type: 'items', vault: vault.id }), 'vault-items');
    expect(first.items).toHaveLength(ITEMS_PAGE_SIZE);
    expect(first.pageText).toBe(`Items 1-${ITEMS_PAGE_SIZE} of 40`);
    expect(first.more).toBe(40 - ITEMS_PAGE_SIZE);
    const next = first.actions.find((a) => a.label === 'Next page');
    expect(next?.intent).toEqual({ type: 'items', vault: vault.id, page: 2 });
    const slack = messageBlocks(first);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.blocks)).toContain(`…and ${40 - ITEMS_PAGE_SIZE} more`);
    const last = expectMessage(await fx.handle({ type: 'items', vault: vault.id, page: 3 }), 'vault-items');
    expect(last.items.map((i) => i.vm.name)).toEqual(['vm-30', 'vm-31', 'vm-32', 'vm-33', 'vm-34', 'vm-35', 'vm-36', 'vm-37', 'vm-38', 'vm-39']);
    expect(last.more).toBe(0);
    expect(last.actions.map((a) => a.label)).toEqual(['Previous page', 'Vault status']);
  });

  it('names the vaults when the one asked for is not found, or when none is named and there are several', async () => {
    const fx = flowsFixture();
    fx.backup.addVault('vault-weu');
    fx.backup.addVault('vault-neu', 'northeurope');
    const missing = expectMessage(await fx.handle({ type: 'items', vault: 'nope' }), 'notice');
    expect(missing.text).toContain('No vault is named "nope"');
    expect(missing.actions.map((a) => a.label).sort()).toEqual(['vault-neu (rg-backup)', 'vault-weu (rg-backup)']);
    const which = expectMessage(await fx.handle({ type: 'items' }), 'notice');
    expect(which.title).toBe('Which vault?');
    expect(which.text).toBe('Choose the vault whose backup items to list:');
  });

  it('says how many vaults a list of buttons leaves out, and how to name one', async () => {
    const fx = flowsFixture();
    for (let i = 1; i <= 12; i++) fx.backup.addVault(`vault-${String(i).padStart(2, '0')}`);
    const which = expectMessage(await fx.handle({ type: 'items' }), 'notice');
    expect(which.actions).toHaveLength(10);
    expect(which.text).toContain('The first 10 of 12 are shown; type `backup items <vault>` for another.');
    const missing = expectMessage(await fx.handle({ type: 'items', vault: 'nope' }), 'notice');
    expect(missing.text).toContain('The first 10 of 12 are shown');
  });

  it('shows soft-deleted data as such, with the days left and Undelete; a stopped item offers Resume backups', async () => {
    const fx = flowsFixture(new Date('2024-05-14T10:00:00Z'));
    const vault = fx.backup.addVault('vault-weu');
    const gone = fx.backup.protect(fx.backup.addVm({ name: 'gone-01' }), vault);
    await fx.backup.stopProtection(gone, { deleteData: true });
    const kept = fx.backup.protect(fx.backup.addVm({ name: 'kept-01' }), vault);
    await fx.backup.stopProtection(kept, { deleteData: false });
    const view = expectMessage(await fx.handle({ type: 'items', vault: 'vault-weu' }), 'vault-items');
    const byName = Object.fromEntries(view.items.map((i) => [i.vm.name, i]));
    expect(byName['gone-01'].protection.text).toBe('Soft-deleted: backup data kept until 28 May 2024 (14 days), then deleted for good');
    expect(byName['gone-01'].actions.map((a) => a.label)).toEqual(['Status', 'Undelete']);
    expect(byName['kept-01'].actions.map((a) => a.label)).toEqual(['Status', 'Resume backups']);
  });
});

/**
 * The pre-flight check through the Teams adapter: `check web-01` typed to the bot answers a card
 * with a pass, a warning and a failure (each with what to do and its source); `backup enable
 * web-02` shows the same checks on the confirm card above "Enable Backup"; `backup enable sql-02`
 * (Trusted Launch) is stopped by its failed check. Bot Framework activities go to /api/messages as
 * Teams sends them; the ARM emulator sits behind the real Azure backup service.
 */
import { SEED } from '../../../emulator';
import { cardText, findAction, TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const P = SEED.subscriptions.production;

describe('Teams: backup check, and the checks in the VM path', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  it('check web-01: a pass, a warning and a failure, each with what to do and its source', async () => {
    h.backup.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'rg-web-prod', name: 'change-freeze', level: 'CanNotDelete' });
    h.backup.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'AzureBackupRG_westeurope_1', name: 'keep-snapshots', level: 'ReadOnly' });
    try {
      // Typed without the `backup` prefix, as Teams' command menu inserts it.
      const answer = await teams.say('check web-01');
      const text = cardText(answer.card);
      expect(text).toContain('web-01 cannot be protected as it is');
      expect(text).toMatch(/Pass · Power state\s+Running/);
      expect(text).toContain('Already protected by vault rsv-prod-weu with policy DefaultPolicy');
      expect(text).toMatch(/Warning · Resource locks\s+change-freeze \(CanNotDelete on rg-web-prod\)/);
      expect(text).toMatch(/Fail · Restore point group locks\s+keep-snapshots \(ReadOnly on AzureBackupRG_westeurope_1\)/);
      expect(text).toContain('What to do: Remove the lock from the AzureBackupRG_');
      expect(JSON.stringify(answer.card)).toContain('(https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#usererrorrpcollectionlimitreached');
      expect(findAction(answer.card, 'Check again')).toBeDefined();
    } finally {
      h.backup.emulator.unlockResourceGroup(P, 'rg-web-prod', 'change-freeze');
      h.backup.emulator.unlockResourceGroup(P, 'AzureBackupRG_westeurope_1', 'keep-snapshots');
    }
  });

  it('backup enable web-02 shows the checks on the confirm card, above Enable Backup', async () => {
    const vaultStep = await teams.say('backup enable web-02');
    const policyStep = await teams.pressAndReplace(vaultStep, 'Next', { vault: SEED.vaultIds.westeurope, vaultName: '' });
    const confirm = await teams.pressAndReplace(policyStep, 'Next', { policy: 'default' });
    const text = cardText(confirm.card);
    expect(text).toContain('Pre-flight checks: 8 passed.');
    expect(text).toContain('Pass: VM agent: Ready, version 2.9.1.1.');
    expect(text).toMatch(/Pass: Policy: DefaultPolicy in rsv-prod-weu: .+ First backup /);
    expect(findAction(confirm.card, 'Enable Backup')).toBeDefined();
  });

  it('backup enable sql-02 (Trusted Launch) is stopped by its failed check, with what to do; nothing is protected', async () => {
    const vaultStep = await teams.say('backup enable sql-02');
    const policyStep = await teams.pressAndReplace(vaultStep, 'Next', { vault: SEED.vaultIds.westeurope, vaultName: '' });
    const blocked = await teams.pressAndReplace(policyStep, 'Next', { policy: 'default' });
    const text = cardText(blocked.card);
    expect(text).toContain('Backup was not enabled for sql-02');
    expect(text).toMatch(/Fail · Support matrix\s+sql-02 is a Trusted Launch VM/);
    expect(text).toContain('What to do: Protect it with an Enhanced policy from the Azure portal');
    expect(JSON.stringify(blocked.card)).toContain('backup-support-matrix-iaas#tvm-backup');
    expect(() => findAction(blocked.card, 'Enable Backup')).toThrow();
    expect(await h.backup.service.findProtectedItem(SEED.vmId('sql-02'))).toBeUndefined();
  });
});

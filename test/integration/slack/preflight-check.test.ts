/**
 * The pre-flight check through Slack, end to end over HTTP: `/backup check web-01` answered to the
 * asker only (response_url, ephemeral) with a pass, a warning and a failure; `/backup enable
 * web-02` showing the same checks on the confirm step above "Enable Backup"; `/backup enable
 * sql-02` (a Trusted Launch VM) stopped by its failed check before anything changes.
 */
import { SEED } from '../../support/backup-harness';
import type { FakeView, Json } from '../../support/fake-slack-api';
import { encodeOptionValue } from '../../../cards/slack';
import { startSlackBot, type SlackBot } from './support/slack-bot';

const P = SEED.subscriptions.production;
const texts = (v: unknown): string => JSON.stringify(v);

describe('Slack: backup check, and the checks in the VM path', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const openedView = async (since: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'views.open', since);
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };

  it('/backup check web-01: to the asker only, a pass, a warning and a failure, each with what to do and its source', async () => {
    bot.harness.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'rg-web-prod', name: 'change-freeze', level: 'CanNotDelete' });
    bot.harness.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'AzureBackupRG_westeurope_1', name: 'keep-snapshots', level: 'CanNotDelete' });
    try {
      const person = bot.person();
      const since = bot.fake.mark();
      expect((await person.slash('check web-01')).status).toBe(200);
      const answer = await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-01/.test(texts(c.args)), 'the check', since);
      expect(answer.args.response_type).toBe('ephemeral');
      const blocks = texts(answer.args.blocks);
      expect(blocks).toContain(':white_check_mark: *Power state* (pass)');
      expect(blocks).toContain('Already protected by vault rsv-prod-weu with policy DefaultPolicy');
      expect(blocks).toContain(':warning: *Resource locks* (warning)');
      expect(blocks).toContain('change-freeze (CanNotDelete on rg-web-prod)');
      expect(blocks).toContain(':x: *Restore point group locks* (fail)');
      expect(blocks).toContain('UserErrorRpCollectionLimitReached');
      expect(blocks).toContain('_What to do:_ Remove the lock from the AzureBackupRG_');
      expect(blocks).toContain('backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout');
      expect(String(answer.args.text)).toMatch(/^web-01 cannot be protected as it is: .*1 warning, 1 failed\. Failed: Restore point group locks\.$/);
      expect(bot.fake.calls('chat.postMessage').filter((c) => /web-01 cannot be protected/.test(texts(c.args)))).toEqual([]);
    } finally {
      bot.harness.emulator.unlockResourceGroup(P, 'rg-web-prod', 'change-freeze');
      bot.harness.emulator.unlockResourceGroup(P, 'AzureBackupRG_westeurope_1', 'keep-snapshots');
    }
  });

  it('/backup enable web-02 shows the checks on the confirm step, above Enable Backup', async () => {
    const person = bot.person();
    const since = bot.fake.mark();
    await person.slash('enable web-02');
    const modal = await openedView(since);
    expect(modal.view.callback_id).toBe('form:enable.vault');
    person.choose(modal.id, 'vault', encodeOptionValue(SEED.vaultIds.westeurope));
    await person.submit(modal.id);
    expect((bot.fake.view(modal.id) as FakeView).view.callback_id).toBe('form:enable.policy');
    await person.submit(modal.id);
    const confirm = bot.fake.view(modal.id) as FakeView;
    expect(confirm.view.callback_id).toBe('form:enable.confirm');
    const shown = texts(confirm.view.blocks);
    expect(shown).toContain('Pre-flight checks: 8 passed.');
    expect(shown).toContain('Pass: VM agent: Ready, version 2.9.1.1.');
    expect(shown).toMatch(/Pass: Policy: DefaultPolicy in rsv-prod-weu: .+ First backup /);
    expect(shown).toContain('Pass: Restore point group locks');
    expect(texts(confirm.view.submit)).toContain('Enable Backup');
  });

  it('/backup enable sql-02 (Trusted Launch) stops at its failed check, saying why and what to do; nothing is protected', async () => {
    const person = bot.person();
    const since = bot.fake.mark();
    await person.slash('enable sql-02');
    const modal = await openedView(since);
    person.choose(modal.id, 'vault', encodeOptionValue(SEED.vaultIds.westeurope));
    await person.submit(modal.id);
    const closed = await person.submit(modal.id);
    expect(closed.status).toBe(200);
    const told = await bot.fake.waitForCall((c) => /Backup was not enabled for sql-02/.test(texts(c.args)), 'the blocked enable', since);
    const shown = texts(told.args);
    expect(shown).toContain(':x: *Support matrix* (fail)');
    expect(shown).toContain('Trusted Launch VM');
    expect(shown).toContain('Protect it with an Enhanced policy from the Azure portal');
    expect(shown).toContain('backup-support-matrix-iaas#tvm-backup');
    expect(texts(bot.fake.view(modal.id))).not.toContain('Enable Backup');
    expect(await bot.harness.service.findProtectedItem(SEED.vmId('sql-02'))).toBeUndefined();
    expect(bot.problems).toEqual([]);
  });
});

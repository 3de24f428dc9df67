/**
 * The rest of protection's life through Slack, end to end over HTTP on the ARM emulator:
 * stop -> Resume with another policy; `/backup policy set` with the old and new schedule and
 * retention; stop with delete -> status shows soft-deleted with the days left -> Undelete ->
 * Resume. Each change is posted to the channel; status answers the asker.
 */
import { SEED } from '../../support/backup-harness';
import type { FakeMessage, FakeView, Json } from '../../support/fake-slack-api';
import { buttonFor } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';

const DAY = 24 * 60 * 60 * 1000;
const texts = (v: unknown): string => JSON.stringify(v);

describe('Slack: resume, change the policy, undelete', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot();
    await bot.harness.service.createPolicy(SEED.protectedVmVaultId, {
      name: 'Weekly-Sun',
      schedule: { frequency: 'Weekly', time: '22:00', timeZone: 'UTC', daysOfWeek: ['Sunday'] },
      retention: { weekly: { weeks: 12, daysOfWeek: ['Sunday'] } },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const openedView = async (since: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'views.open', since);
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };
  const posted = async (pattern: RegExp, since: number): Promise<FakeMessage> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && pattern.test(texts(c.args)), `a channel message ${pattern}`, since);
    return bot.fake.message(String(call.args.channel), String((call.response as Json).ts)) as FakeMessage;
  };
  const item = () => bot.harness.service.findProtectedItem(SEED.protectedVmId);

  it('stops web-01 keeping its data, then resumes it from the stop message with another policy', async () => {
    const person = bot.person();
    let since = bot.fake.mark();
    await person.slash('stop web-01');
    const confirm = await openedView(since);
    expect(confirm.view.callback_id).toBe('form:stop.confirm');
    since = bot.fake.mark();
    await person.submit(confirm.id);
    const stopped = await posted(/Backups of web-01 stopped/, since);
    expect(texts(stopped.blocks)).toContain('backup resume web-01');
    expect(await item()).toMatchObject({ protectionState: 'ProtectionStopped' });

    since = bot.fake.mark();
    await person.clickMessageButton(stopped, buttonFor(stopped.blocks, 'resume.start', 'DefaultPolicy'));
    const resume = await openedView(since);
    expect(resume.view.callback_id).toBe('form:resume.confirm');
    const shown = texts(resume.view.blocks);
    expect(shown).toContain('retention applies to the kept recovery points too');
    expect(shown).toContain('Weekly-Sun');
    person.choose(resume.id, 'policy', 'Weekly-Sun');
    since = bot.fake.mark();
    await person.submit(resume.id);
    const resumed = await posted(/Backups of web-01 resumed/, since);
    expect(texts(resumed.blocks)).toContain('Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks');
    expect(await item()).toMatchObject({ protectionState: 'Protected', policyName: 'Weekly-Sun' });
  });

  it('/backup policy set web-01 DefaultPolicy shows now and after, and what happens to the existing points, then changes it', async () => {
    const person = bot.person();
    let since = bot.fake.mark();
    await person.slash('policy set web-01 DefaultPolicy');
    const confirm = await openedView(since);
    expect(confirm.view.callback_id).toBe('form:policy.change.confirm');
    const shown = texts(confirm.view.blocks);
    expect(shown).toContain('Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks');
    expect(shown).toContain('DefaultPolicy: Daily at');
    expect(shown).toContain('Weekly to daily: the existing weekly recovery points stay');
    since = bot.fake.mark();
    await person.submit(confirm.id);
    await posted(/web-01 now uses policy DefaultPolicy/, since);
    expect(await item()).toMatchObject({ protectionState: 'Protected', policyName: 'DefaultPolicy' });

    // A policy the vault does not have: the picker opens with the reason; nothing changes.
    since = bot.fake.mark();
    await person.slash('policy set web-01 Gold');
    const picker = await openedView(since);
    expect(picker.view.callback_id).toBe('form:policy.change.pick');
    expect(texts(picker.view.blocks)).toContain('\\"Gold\\" is not a policy of rsv-prod-weu: choose Weekly-Sun.');
  });

  it('stop with delete -> status shows soft-deleted with the days left -> Undelete -> Resume', async () => {
    const person = bot.person();
    let since = bot.fake.mark();
    await person.slash('stop web-01 delete-data');
    const confirm = await openedView(since);
    expect(texts(confirm.view.blocks)).toContain('14 more days, soft-deleted and free of charge');
    person.type(confirm.id, 'confirmVm', 'web-01');
    since = bot.fake.mark();
    await person.submit(confirm.id);
    const deleted = await posted(/Backups of web-01 stopped and data deleted/, since);
    expect(texts(deleted.blocks)).toMatch(/Soft-deleted: backup data kept until .* \(14 days\), then deleted for good/);
    expect((await item())?.softDeleted?.purgeAt).toBeInstanceOf(Date);

    await bot.harness.emulator.advance(2 * DAY);
    since = bot.fake.mark();
    await person.slash('status web-01');
    const status = await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-01/.test(texts(c.args)), 'the status', since);
    expect(texts(status.args.blocks)).toMatch(/Soft-deleted: backup data kept until .* \(12 days\)/);
    expect(texts(status.args.blocks)).toContain('"action_id":"undelete"');

    since = bot.fake.mark();
    await person.clickMessageButton(deleted, 'undelete');
    const undeleted = await posted(/Backup data of web-01 undeleted/, since);
    expect(texts(undeleted.blocks)).toContain('Protection stays stopped');
    expect(await item()).toMatchObject({ protectionState: 'ProtectionStopped' });
    expect((await item())?.softDeleted).toBeUndefined();

    since = bot.fake.mark();
    await person.clickMessageButton(undeleted, 'resume.start');
    const resume = await openedView(since);
    person.choose(resume.id, 'policy', 'DefaultPolicy');
    since = bot.fake.mark();
    await person.submit(resume.id);
    await posted(/Backups of web-01 resumed/, since);
    expect(await item()).toMatchObject({ protectionState: 'Protected', policyName: 'DefaultPolicy' });
    expect(bot.problems).toEqual([]);
  });
});

/**
 * The VM path through Slack, end to end over HTTP: `/backup enable` -> VM picker (type-ahead)
 * -> vault in the VM's region -> policy -> confirm "Enable Backup" -> channel message with
 * "Warning (Initial backup pending)" and "Backup now" -> retain-until date picker -> one job
 * message, updated in place until the job completes (also across a restart).
 */
import { SEED } from '../../support/backup-harness';
import type { FakeMessage, FakeView, Json } from '../../support/fake-slack-api';
import { encodeOptionValue } from '../../../cards/slack';
import { findElement } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';

const messageText = (m: FakeMessage): string => JSON.stringify(m.blocks);

describe('Slack: enable backup from a VM, then Backup now', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const openedView = async (after: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && bot.fake.calls('views.open').indexOf(c) >= after && c.response.ok === true, 'views.open');
    const id = (call.response.view as Json).id as string;
    return bot.fake.view(id) as FakeView;
  };

  it('walks /backup enable to a completed Backup now', async () => {
    const person = bot.person();
    const web02 = SEED.unprotectedVmId;

    // The command is acknowledged with an empty 200 at once; the modal follows.
    const ack = await person.slash('enable');
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    const picker = await openedView(0);
    expect(picker.view.callback_id).toBe('form:enable.vm');

    // Type-ahead over the inventory: options are local and at most 100.
    const options = await person.suggest(picker.id, 'vm', 'web-0');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(100);
    const web02Option = options.find((o) => JSON.stringify(o.text).includes('web-02'));
    expect(web02Option).toBeDefined();
    person.chooseSuggested(picker.id, 'vm', web02Option as Json);

    // Step 2: vaults of the VM's region (westeurope) and "Create new".
    const vaultStep = await person.submit(picker.id);
    expect(vaultStep.json?.response_action).toBe('update');
    const vaultView = bot.fake.view(picker.id) as FakeView;
    expect(vaultView.view.callback_id).toBe('form:enable.vault');
    const vaultSelect = findElement(vaultView.view.blocks as never, 'vault').element;
    const vaultLabels = JSON.stringify(vaultSelect.options ?? vaultSelect.option_groups);
    expect(vaultLabels).toContain(SEED.vaultNames.westeurope);
    expect(vaultLabels).not.toContain(SEED.vaultNames.northeurope);

    // A new vault's name is checked on its field; nothing is created.
    person.choose(picker.id, 'vault', 'new');
    person.type(picker.id, 'vaultName', '-starts-with-a-hyphen');
    const refused = await person.submit(picker.id);
    expect(refused.json?.response_action).toBe('errors');
    expect(Object.keys(refused.json?.errors as Json)).toEqual(['vaultName']);
    expect((bot.fake.view(picker.id) as FakeView).view.callback_id).toBe('form:enable.vault');
    person.choose(picker.id, 'vault', encodeOptionValue(SEED.vaultIds.westeurope));

    // Step 3: the policy (DefaultPolicy offered first), then the confirm step.
    const policyStep = await person.submit(picker.id);
    expect(policyStep.json?.response_action).toBe('update');
    expect((bot.fake.view(picker.id) as FakeView).view.callback_id).toBe('form:enable.policy');
    const confirmStep = await person.submit(picker.id);
    expect(confirmStep.json?.response_action).toBe('update');
    const confirm = bot.fake.view(picker.id) as FakeView;
    expect(confirm.view.callback_id).toBe('form:enable.confirm');
    const confirmText = JSON.stringify(confirm.view);
    expect(confirmText).toContain('web-02');
    expect(confirmText).toContain(SEED.vaultNames.westeurope);
    expect(JSON.stringify(confirm.view.submit)).toContain('Enable Backup');

    // Enable Backup: the outcome is posted in the channel.
    const enabled = await person.submit(picker.id);
    expect(enabled.status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks).includes('Initial backup pending'), 'the enable outcome');
    const outcome = bot.fake.messages('C0OPS').find((m) => messageText(m).includes('Initial backup pending')) as FakeMessage;
    expect(messageText(outcome)).toContain('web-02');
    expect(outcome.text).toMatch(/first scheduled backup/i);
    expect((await bot.harness.service.findProtectedItem(web02))?.protectionState).toBe('IRPending');

    // Backup now from the message: a date picker defaulting to 30 days ahead.
    const opensBefore = bot.fake.calls('views.open').length;
    const click = await person.clickMessageButton(outcome, 'now.start');
    expect(click.status).toBe(200);
    const retain = await openedView(opensBefore);
    expect(retain.view.callback_id).toBe('form:now.retain');
    const picker30 = findElement(retain.view.blocks as never, 'retainUntil').element;
    const expected = new Date(bot.harness.emulator.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(picker30.type).toBe('datepicker');
    expect(picker30.initial_date).toBe(expected);

    const started = await person.submit(retain.id);
    expect(started.status).toBe(200);
    const jobPost = await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.args.text !== undefined && /Backup of web-02/i.test(String(c.args.text)), 'the job message');
    const address = { channel: jobPost.response.channel as string, ts: jobPost.response.ts as string };
    await bot.trackedJobs.waitForTracked(1);

    // The job moves on; each tracker pass updates the same message; a restart does not lose it.
    await bot.harness.emulator.advance(10_000);
    expect(await bot.refreshJobs()).toBe(1);
    expect(messageText(bot.fake.message(address.channel, address.ts) as FakeMessage)).toMatch(/In progress/);
    await bot.restart();
    await bot.harness.emulator.advance(30 * 60_000);
    await bot.refreshJobs();
    const final = bot.fake.message(address.channel, address.ts) as FakeMessage;
    expect(final.updates).toBe(2);
    expect(messageText(final)).toMatch(/Completed/);
    expect(bot.fake.calls('chat.postMessage').filter((c) => /Backup of web-02/i.test(String(c.args.text)))).toHaveLength(1);
    // Ended jobs are not touched again.
    const updates = final.updates;
    await bot.refreshJobs();
    expect((bot.fake.message(address.channel, address.ts) as FakeMessage).updates).toBe(updates);
    expect(bot.problems).toEqual([]);
  });
});

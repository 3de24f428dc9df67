/**
 * `backup coverage` through Slack, end to end over HTTP on the emulator: the answer is the asker's
 * (ephemeral, with Share: docs.slack.dev/messaging/#ephemeral), a VM tagged backup=exclude by an
 * ARM PATCH counts as excluded from then on, and "Enable backup" of a region opens the vault path
 * (a modal: docs.slack.dev/surfaces/modals) whose VM step starts with the region's VMs selected
 * (multi_external_select initial_options); enabling them closes the gap.
 */
import { SEED } from '../../../emulator';
import { SHARE_ACTION_ID } from '../../../cards/slack';
import type { FakeEphemeral, FakeView, Json } from '../../support/fake-slack-api';
import { setVmTags } from '../../support/vm-tags';
import { findElement } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';

const CHANNEL = 'C0COVER';
const text = (x: unknown): string => JSON.stringify(x);

describe('Slack: backup coverage', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const answer = async (user: string, command: string, expected: RegExp): Promise<FakeEphemeral> => {
    const person = bot.person(user, CHANNEL);
    const since = bot.fake.mark();
    expect((await person.slash(command)).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'response_url' && expected.test(text(c.args)), `the answer to ${command}`, since);
    const seen = bot.fake.ephemerals(user).filter((e) => !e.deleted && expected.test(text(e.blocks)));
    return seen[seen.length - 1];
  };
  /** The action id of the Enable backup button in the section whose text matches. */
  const enableButtonOf = (blocks: unknown, section: RegExp): string => {
    const block = (blocks as { type: string; text?: { text: string }; accessory?: { action_id: string } }[]).find((b) => b.type === 'section' && section.test(b.text?.text ?? ''));
    if (!block?.accessory) throw new Error(`no section matching ${section}`);
    return block.accessory.action_id;
  };

  it('lists the gaps by region privately, counts a VM tagged by PATCH as excluded, and Enable backup opens the vault path with the VMs preselected', async () => {
    const first = await answer('U0ANA', 'coverage', /Backup coverage/);
    expect(text(first.blocks)).toContain('32 VMs of 35 in scope are not protected by any vault; 2 VMs excluded by tag backup=exclude.');
    expect(text(first.blocks)).toContain(SHARE_ACTION_ID);
    expect(bot.fake.messages(CHANNEL)).toEqual([]);

    // Someone tags web-02 to leave it out: from the next coverage on it is excluded, not a gap.
    await setVmTags(bot.harness.emulator, SEED.unprotectedVmId, { backup: 'Exclude', owner: 'ops' });
    const after = await answer('U0ANA', 'coverage subscription ' + SEED.subscriptions.production, /Backup coverage/);
    const blocks = text(after.blocks);
    expect(blocks).toContain('21 VMs of 24 in subscription Contoso Production');
    expect(blocks).toContain('2 VMs excluded by tag backup=exclude');
    expect(blocks).toContain('*westeurope: 6 unprotected VMs*');
    expect(blocks).toContain(`Vault ${SEED.vaultNames.westeurope} (resource group rg-backup) would protect them: it already protects 1 VM here.`);
    expect(blocks).not.toMatch(/web-02[,\s]/);

    const person = bot.person('U0ANA', CHANNEL);
    const since = bot.fake.mark();
    expect((await person.clickEphemeralButton(after, enableButtonOf(after.blocks, /westeurope: 6 unprotected/))).status).toBe(200);
    const opened = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'the vault path', since);
    const id = ((opened.response.view as Json).id as string);
    const settings = bot.fake.view(id) as FakeView;
    expect(settings.view.callback_id).toBe('form:vault.settings');
    person.choose(id, 'policy', 'default');
    expect((await person.submit(id)).json?.response_action).toBe('update');
    const vmsStep = bot.fake.view(id) as FakeView;
    expect(vmsStep.view.callback_id).toBe('form:vault.vms');
    const picker = findElement(vmsStep.view.blocks as never, 'vms').element;
    const preselected = (picker.initial_options as { text: { text: string }; value: string }[]).map((o) => o.text.text);
    expect(preselected.sort()).toEqual(['lb-01', 'redis-01', 'sql-01', 'sql-02', 'web-03', 'web-04']);

    // Submitting the step as it opened enables exactly those VMs.
    person.chooseSuggested(id, 'vms', picker.initial_options as Json[]);
    expect((await person.submit(id)).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && /Initial backup pending/.test(text(c.args.blocks)), 'the outcome', since);
    const again = await answer('U0ANA', 'coverage rg rg-web-prod', /Backup coverage/);
    expect(text(again.blocks)).toContain('All 4 VMs in resource group rg-web-prod are protected by a vault; 1 VM excluded by tag backup=exclude.');
  });

  it('a viewer may run it; the exclude tag applies in a resource group on its own', async () => {
    const only = await answer('U0BEN', 'coverage rg rg-infra', /Backup coverage/);
    expect(text(only.blocks)).toContain('3 VMs of 4 in resource group rg-infra are not protected by any vault; 1 VM excluded by tag backup=exclude.');
  });
});

/**
 * A VM name that matches several VMs, or none, through Slack end to end over HTTP: the form opens
 * with the reason shown and the candidates offered to pick, and picking one goes on. The slash
 * command follows docs.slack.dev/interactivity/implementing-slash-commands (SlackPerson).
 */
import { decodeOptionValue, searchBlockId } from '../../../cards/slack';
import type { FakeView, Json } from '../../support/fake-slack-api';
import { findElement } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';

describe('Slack: a VM name that matches several VMs, or none', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const openedAfter = async (since: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'views.open', since);
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };
  const texts = (v: FakeView): string => JSON.stringify(v.view.blocks);

  it('/backup enable web: says how many matched, offers them, and goes on with the one picked', async () => {
    const person = bot.person('U0SEVERAL');
    const since = bot.fake.mark();
    await person.slash('enable web');
    const picker = await openedAfter(since);
    expect(picker.view.callback_id).toBe('form:enable.vm');
    expect(texts(picker)).toMatch(/\d+ VMs match \\"web\\": pick one\./);

    const choices = findElement(picker.view.blocks as never, 'vm').element;
    expect(choices.type).toBe('radio_buttons');
    // Each candidate matches by its name, resource group or region, shown in its description.
    const lines = (choices.options ?? []).map((o) => `${String((o.text as Json).text)} ${String((o.description as Json | undefined)?.text ?? '')}`);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/web/);

    // The search beside them reaches any other VM.
    const other = await person.suggest(picker.id, searchBlockId('vm'), 'db');
    expect(other.length).toBeGreaterThan(0);

    // Picking a candidate leads to the vault step of that VM.
    const chosen = (choices.options ?? []).find((o) => /Not protected/i.test(JSON.stringify(o.description))) as Json;
    expect(chosen).toBeDefined();
    person.choose(picker.id, 'vm', chosen.value as string);
    const next = await person.submit(picker.id);
    expect(next.json?.response_action).toBe('update');
    const vaultStep = bot.fake.view(picker.id) as FakeView;
    expect(vaultStep.view.callback_id).toBe('form:enable.vault');
    const vmName = decodeOptionValue(chosen.value as string).split('/').pop() as string;
    expect(JSON.stringify(vaultStep.view)).toContain(vmName);
  });

  it('/backup enable web, then nothing picked: Slack shows the flow\'s error under the choices', async () => {
    const person = bot.person('U0NOPICK');
    const since = bot.fake.mark();
    await person.slash('enable web');
    const picker = await openedAfter(since);
    const r = await person.submit(picker.id);
    expect(r.json?.response_action).toBe('errors');
    expect(Object.keys(r.json?.errors as Json)).toEqual(['vm']);
  });

  it('/backup now zzz: says nothing matched, and the picker offers the protected VMs', async () => {
    const person = bot.person('U0NONE');
    const since = bot.fake.mark();
    await person.slash('now zzz');
    const picker = await openedAfter(since);
    expect(picker.view.callback_id).toBe('form:now.vm');
    expect(texts(picker)).toContain('No VM matches \\"zzz\\"');
    expect(findElement(picker.view.blocks as never, 'vm').element.type).toBe('external_select');
    // Opened without typing, the picker offers the protected VMs.
    const offered = await person.suggest(picker.id, 'vm', '');
    expect(offered.map((o) => (o.text as Json).text)).toContain('web-01');
  });
});

/**
 * The playground's Direct Line endpoint, driven the way botframework-directlinejs drives it
 * (token, start conversation, post activities, poll with a watermark), with the bot and the
 * emulator behind it. The browser test drives the same endpoint through Web Chat itself.
 */
import { SEED } from '../../../emulator';
import { listConversationRefs, platformConversationRefs } from '../../../src/store';
import { createTeamsChannelNotifier } from '../../../adapters/teams/teams.notifier';
import { threadSummaryView } from '../../../src/notifications/day-threads';
import { readConversationReference } from '../../../adapters/teams';
import { EXECUTE_MARKER, readExecuteSubmission, toWebChatCard } from '../../../adapters/teams/playground/web-chat-card';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';
import { eventually } from '../../support/eventually';

type Json = Record<string, unknown>;
type Activity = Json & { id: string; type: string; attachments?: { contentType: string; content: Json }[]; channelData?: Json };

class DirectLineClient {
  token = '';
  conversationId = '';
  watermark = '';
  /** Every activity seen, by id, as last received (an update replaces the earlier copy). */
  readonly seen = new Map<string, Activity>();
  private clientIds = 0;

  constructor(private readonly base: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Json };
  }

  async start(): Promise<void> {
    const generated = await this.call('POST', '/tokens/generate', { user: { id: 'dl-user', name: 'Dee' } });
    expect(generated.status).toBe(200);
    this.token = String(generated.json.token);
    const started = await this.call('POST', '/conversations');
    expect(started.status).toBe(201);
    this.conversationId = String(started.json.conversationId);
    expect(this.conversationId).toBe(generated.json.conversationId);
  }

  async post(activity: Json): Promise<string> {
    this.clientIds += 1;
    const answer = await this.call('POST', `/conversations/${this.conversationId}/activities`, {
      from: { id: 'dl-user', name: 'Dee', role: 'user' },
      channelData: { clientActivityID: `client-${this.clientIds}` },
      ...activity,
    });
    expect(answer.status).toBe(200);
    return String(answer.json.id);
  }

  async poll(): Promise<Activity[]> {
    const page = await this.call('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    expect(page.status).toBe(200);
    this.watermark = String(page.json.watermark);
    const activities = page.json.activities as Activity[];
    for (const a of activities) this.seen.set(a.id, a);
    return activities;
  }

  /** Polls until `done` holds, as Web Chat does; the bot's turn runs after the POST answered. */
  async pollUntil(done: () => boolean, what: string): Promise<void> {
    // Paced like Web Chat's poll.
    await eventually(
      async () => {
        await this.poll();
        return done();
      },
      { what },
    );
  }

  botCards(): { id: string; card: Json }[] {
    return [...this.seen.values()]
      .filter((a) => (a.from as Json)?.role === 'bot' && a.attachments?.length)
      .map((a) => ({ id: a.id, card: a.attachments![0].content }));
  }
}

const actionsOf = (card: Json): Json[] => {
  const walk = (n: unknown): Json[] =>
    Array.isArray(n) ? n.flatMap(walk) : typeof n === 'object' && n !== null ? [n as Json, ...[(n as Json).body, (n as Json).items, (n as Json).columns, (n as Json).actions].flatMap(walk)] : [];
  return walk(card).filter((e) => String(e.type).startsWith('Action.'));
};

describe('the playground Direct Line endpoint', () => {
  let h: TeamsHarness;
  let dl: DirectLineClient;
  beforeAll(async () => {
    h = await startTeamsHarness({ playground: true });
    dl = new DirectLineClient(h.baseUrl);
    await dl.start();
  });
  afterAll(() => h.close());

  it('welcomes the person with the help card and stores the conversation for notifications', async () => {
    await dl.pollUntil(() => dl.botCards().length > 0, 'the welcome card');
    const refs = await listConversationRefs(h.store.db, { platform: 'teams' });
    expect(refs.map((r) => r.conversationId)).toContain(dl.conversationId);
  });

  it('echoes what the person sends with its clientActivityID, as Web Chat expects', async () => {
    const id = await dl.post({ type: 'message', text: 'backup help', channelData: { clientActivityID: 'mine-1' } });
    await dl.pollUntil(() => dl.seen.has(id), 'the echo');
    expect(dl.seen.get(id)!.channelData).toMatchObject({ clientActivityID: 'mine-1' });
  });

  it('turns a clicked Action.Execute into an adaptiveCard/action invoke and replaces the card in place', async () => {
    const cardsBefore = dl.botCards().length;
    await dl.post({ type: 'message', text: 'backup now' });
    await dl.pollUntil(() => dl.botCards().length > cardsBefore, 'the VM picker');
    const picker = dl.botCards().at(-1)!;
    const originalTimestamp = dl.seen.get(picker.id)!.timestamp;

    // What Web Chat gets: Action.Submit carrying the verb, no Action.Execute, no Data.Query.
    const actions = actionsOf(picker.card);
    expect(actions.some((a) => a.type === 'Action.Execute')).toBe(false);
    expect(JSON.stringify(picker.card)).not.toContain('choices.data');
    const search = actions.find((a) => a.title === 'Search')!;
    expect(search.type).toBe('Action.Submit');

    // Web Chat posts the Submit's data, with the input values merged in, as a postBack message.
    await dl.post({ type: 'message', value: { ...(search.data as Json), vmSearch: 'web-01' }, channelData: { postBack: true } });
    await dl.pollUntil(() => JSON.stringify(dl.seen.get(picker.id)).includes(SEED.protectedVmId), 'the picker with web-01');
    const searched = dl.seen.get(picker.id)!;
    // Same id and same timestamp: Web Chat replaces the activity where it was.
    expect(searched.timestamp).toBe(originalTimestamp);

    const next = actionsOf(searched.attachments![0].content).find((a) => a.title === 'Next')!;
    await dl.post({ type: 'message', value: { ...(next.data as Json), vm: SEED.protectedVmId }, channelData: { postBack: true } });
    await dl.pollUntil(() => JSON.stringify(dl.seen.get(picker.id)).includes('retainUntil'), 'the Backup now form in place of the picker');
    expect(dl.botCards().filter((c) => c.id === picker.id)).toHaveLength(1);
  });

  it('answers backup check with the pre-flight card Web Chat can show', async () => {
    const cardsBefore = dl.botCards().length;
    await dl.post({ type: 'message', text: 'backup check sql-02' });
    await dl.pollUntil(() => dl.botCards().length > cardsBefore, 'the check card');
    const card = JSON.stringify(dl.botCards().at(-1)!.card);
    expect(card).toContain('sql-02 cannot be protected as it is');
    expect(card).toContain('Pass · Power state');
    expect(card).toContain('Fail · Support matrix');
    expect(actionsOf(dl.botCards().at(-1)!.card).map((a) => a.title)).toContain('Check again');
  });

  it('answers the protection lifecycle commands with cards Web Chat can show', async () => {
    const cardsBefore = dl.botCards().length;
    await dl.post({ type: 'message', text: 'backup resume web-01' });
    await dl.pollUntil(() => dl.botCards().length > cardsBefore, 'the resume card');
    const card = dl.botCards().at(-1)!.card;
    expect(JSON.stringify(card)).toContain('web-01 is already backed up');
    expect(actionsOf(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Change policy', 'Status']));
  });

  it('shows a vault\'s backup items, and asks before cancelling a job, with cards Web Chat can show', async () => {
    let before = dl.botCards().length;
    await dl.post({ type: 'message', text: `backup items ${SEED.vaultNames.westeurope}` });
    await dl.pollUntil(() => dl.botCards().length > before, 'the items card');
    const items = dl.botCards().at(-1)!.card;
    expect(JSON.stringify(items)).toContain(`Backup items of ${SEED.vaultNames.westeurope}`);
    expect(JSON.stringify(items)).toContain('Next run:');
    expect(actionsOf(items).map((a) => a.title)).toEqual(expect.arrayContaining(['Status', 'Backup now', 'Vault status']));

    // Backup now of web-01, then Cancel job: the card turns into the question; Keep it running puts the job back.
    before = dl.botCards().length;
    await dl.post({ type: 'message', text: 'backup now web-01' });
    await dl.pollUntil(() => dl.botCards().length > before, 'the Backup now form');
    const form = dl.botCards().at(-1)!;
    const cardOf = (): Json => dl.seen.get(form.id)!.attachments![0].content;
    const press = async (title: string, inputs: Json = {}): Promise<void> => {
      const action = actionsOf(cardOf()).find((a) => a.title === title);
      if (!action) throw new Error(`no "${title}" on ${JSON.stringify(actionsOf(cardOf()).map((a) => a.title))}`);
      await dl.post({ type: 'message', value: { ...(action.data as Json), ...inputs }, channelData: { postBack: true } });
    };
    const retainUntil = new Date(h.backup.emulator.now().getTime() + 45 * 86_400_000).toISOString().slice(0, 10);
    await press('Back up now', { retainUntil });
    await dl.pollUntil(() => JSON.stringify(cardOf()).includes('Backup of web-01'), 'the job card in place of the form');
    await press('Cancel job');
    await dl.pollUntil(() => JSON.stringify(cardOf()).includes('Cancel the backup of web-01?'), 'the confirm step');
    expect(actionsOf(cardOf()).map((a) => a.title)).toEqual(expect.arrayContaining(['Cancel the job', 'Keep it running']));
    await press('Keep it running');
    await dl.pollUntil(() => !JSON.stringify(cardOf()).includes('Cancel the backup of web-01?'), 'the job card back');
    expect(actionsOf(cardOf()).map((a) => a.title)).toEqual(expect.arrayContaining(['Refresh', 'Cancel job']));
  });

  it('answers backup coverage with a card Web Chat can show, and its Enable backup opens the vault path with the VMs selected', async () => {
    const before = dl.botCards().length;
    await dl.post({ type: 'message', text: 'backup coverage rg rg-analytics' });
    await dl.pollUntil(() => dl.botCards().length > before, 'the coverage card');
    const coverage = dl.botCards().at(-1)!.card;
    expect(JSON.stringify(coverage)).toContain('4 VMs of 4 in resource group rg-analytics are not protected by any vault.');
    const enable = actionsOf(coverage).find((a) => a.title === 'Enable backup (4)')!;
    expect(enable.type).toBe('Action.Submit');

    const opened = dl.botCards().length;
    await dl.post({ type: 'message', value: enable.data as Json, channelData: { postBack: true } });
    await dl.pollUntil(() => dl.botCards().length > opened, 'the vault path');
    const settings = dl.botCards().at(-1)!;
    const next = actionsOf(settings.card).find((a) => a.title === 'Next')!;
    await dl.post({ type: 'message', value: { ...(next.data as Json), policy: 'default' }, channelData: { postBack: true } });
    await dl.pollUntil(() => JSON.stringify(dl.seen.get(settings.id)).includes('Enable Backup'), 'the VM step in place of the settings');
    const vmsStep = JSON.stringify(dl.seen.get(settings.id)!.attachments![0].content);
    for (const name of ['etl-01', 'etl-02', 'report-01', 'spark-01']) expect(vmsStep).toContain(SEED.vmId(name));
  });

  it('flags messages the bot posts on its own, for the page to list as notifications', async () => {
    const [ref] = (await listConversationRefs(h.store.db, { platform: 'teams' })).filter((r) => r.conversationId === dl.conversationId);
    const id = await h.teams.messenger.postView(readConversationReference(ref.reference), {
      kind: 'notice',
      tone: 'warning',
      title: 'Initial backup pending',
      text: 'web-02 still waits for its first backup.',
      actions: [],
    });
    await dl.pollUntil(() => dl.seen.has(id), 'the notification');
    expect(dl.seen.get(id)!.channelData).toMatchObject({ 'playground:proactive': true });
  });

  it('a threaded subscription in Web Chat (a chat, no threads): the summary line updates in place, the jobs arrive as messages of the conversation', async () => {
    const notifier = createTeamsChannelNotifier({ teams: h.teams.messenger, conversationRefs: platformConversationRefs(h.store.db, 'teams') });
    const { messageId: line } = await notifier.post(dl.conversationId, threadSummaryView({ completed: 1, warnings: 0, failed: 0, cancelled: 0 }, '2026-12-07'), 'k1');
    const { messageId: reply } = await notifier.post(dl.conversationId, { kind: 'notice', tone: 'error', title: 'Backup of web-01: Failed', text: 'x', actions: [] }, 'k2', { threadId: line, broadcast: true });
    await notifier.update(dl.conversationId, line, threadSummaryView({ completed: 1, warnings: 0, failed: 1, cancelled: 0 }, '2026-12-07'));
    await dl.pollUntil(() => dl.seen.has(reply) && JSON.stringify(dl.seen.get(line)).includes('2 jobs ended today: 1 completed, 1 failed'), 'the updated summary line and the reply');
    expect(JSON.stringify(dl.seen.get(reply))).toContain('Backup of web-01: Failed');
  });

  it('refuses a conversation without its token (403) and unknown conversations (404)', async () => {
    const wrong = await fetch(`${h.baseUrl}/v3/directline/conversations/${dl.conversationId}/activities?watermark=`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    const unknown = await fetch(`${h.baseUrl}/v3/directline/conversations/not-a-conversation/activities`, { headers: { authorization: `Bearer ${dl.token}` } });
    expect(unknown.status).toBe(404);
  });

  it('serves the page and Web Chat from this server', async () => {
    const page = await fetch(`${h.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/playground/vendor/webchat.js');
    const bundle = await fetch(`${h.baseUrl}/playground/vendor/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });
});

describe('Action.Execute for Web Chat', () => {
  it('becomes a marked Action.Submit and is read back as the invoke Teams would send', () => {
    const card = toWebChatCard(
      {
        type: 'AdaptiveCard',
        body: [
          { type: 'Input.ChoiceSet', id: 'vm', style: 'filtered', choices: [{ title: 'web-01', value: 'id-1' }], 'choices.data': { type: 'Data.Query', dataset: 'x' } },
          { type: 'Input.ChoiceSet', id: 'more', style: 'filtered', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'x' } },
        ],
        actions: [{ type: 'Action.Execute', title: 'Next', verb: 'enable.chooseVm', data: { intent: { type: 'enable.chooseVm' } }, associatedInputs: 'auto' }],
      },
      'conv|0000003',
    );
    // Static choices only, as a plain dropdown; a typeahead with none is dropped (Web Chat would refuse the card).
    expect(card.body).toEqual([{ type: 'Input.ChoiceSet', id: 'vm', style: 'compact', choices: [{ title: 'web-01', value: 'id-1' }] }]);
    const [submit] = card.actions as Json[];
    expect(submit).toEqual({
      type: 'Action.Submit',
      title: 'Next',
      associatedInputs: 'auto',
      data: { intent: { type: 'enable.chooseVm' }, [EXECUTE_MARKER]: { verb: 'enable.chooseVm', activityId: 'conv|0000003' } },
    });
    expect(readExecuteSubmission({ ...(submit.data as Json), vm: 'id-1' })).toEqual({
      verb: 'enable.chooseVm',
      activityId: 'conv|0000003',
      data: { intent: { type: 'enable.chooseVm' }, vm: 'id-1' },
    });
    expect(readExecuteSubmission({ vm: 'id-1' })).toBeUndefined();
  });
});

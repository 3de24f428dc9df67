import { createDispatcher } from '../../../src/notifications/dispatcher';
import { NotifierError } from '../../../src/notifications/notifier.port';
import { createTeamsChannelNotifier} from '../../../adapters/teams/teams.notifier';
import { getConversationRef, platformConversationRefs, upsertConversationRef } from '../../../src/store';
import { jobMessageAddress, readConversationReference } from '../../../adapters/teams';
import { enqueueNotifications, listOutbox } from '../../../src/store/repositories/outbox.repository';
import { startTeamsHarness, type TeamsHarness } from '../teams/teams-harness';

const CHANNEL = '19:ops@thread.tacv2';
const notice = (title: string) => ({ kind: 'notice' as const, tone: 'info' as const, title, text: 'text', actions: [] });

describe('the Teams notifier, through the Teams adapter and a fake Bot Connector', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ withoutAzure: true });
    await upsertConversationRef(h.store.db, {
      platform: 'teams',
      conversationId: CHANNEL,
      reference: { serviceUrl: h.connector.serviceUrl, channelId: 'msteams', conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel' }, bot: { id: '28:bot', name: 'Azure Backup' } },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('posts a view as a card to the stored conversation, updates it in place, and says when a message is gone', async () => {
    const notifier = createTeamsChannelNotifier({ teams: h.teams.messenger, conversationRefs: platformConversationRefs(h.store.db, 'teams') });
    const { messageId } = await notifier.post(CHANNEL, notice('Backup of web-01'), 'key');
    const sent = h.connector.calls.find((c) => c.newId === messageId);
    // To a channel: a new post (POST /v3/conversations with channelData.channel.id), not a reply in some thread.
    expect(sent).toMatchObject({ kind: 'create', conversationId: CHANNEL });
    expect(JSON.stringify(h.connector.cardsOf(sent!))).toContain('Backup of web-01');

    // The post is updated in the thread it opened.
    await notifier.update(CHANNEL, messageId, notice('Backup of web-01: completed'));
    expect(h.connector.calls.at(-1)).toMatchObject({ kind: 'update', conversationId: `${CHANNEL};messageid=${messageId}`, activityId: messageId });

    await expect(notifier.update(CHANNEL, 'no-such-activity', notice('x'))).rejects.toMatchObject({ failure: 'permanent', options: { messageGone: true } });
    // A tracked job message's address (as the Teams adapter writes it) names its conversation.
    const stored = await getConversationRef(h.store.db, 'teams', CHANNEL);
    expect(notifier.conversationOfTrackedMessage?.(jobMessageAddress(readConversationReference(stored!.reference), messageId).messageRef)).toBe(CHANNEL);
    expect(notifier.conversationOfTrackedMessage?.('not json')).toBeUndefined();

    const unknown = notifier.post('19:never-seen@thread.tacv2', notice('x'), 'k');
    await expect(unknown).rejects.toBeInstanceOf(NotifierError);
    await expect(unknown).rejects.toMatchObject({ failure: 'permanent', options: { code: 'no_reference', botNotInChannel: true } });
  });

  test('the dispatcher sends Teams notifications from the outbox', async () => {
    const db = h.store.db;
    await enqueueNotifications(db, [1, 2].map((n) => ({ key: `teams|${n}`, platform: 'teams' as const, conversationId: CHANNEL, action: 'post' as const, label: 'job-ended', viewJson: JSON.stringify(notice(`Teams #${n}`)) })));
    const before = h.connector.calls.length;
    const dispatcher = createDispatcher({ db: h.store.db, dialect: 'sqlite', notifiers: [createTeamsChannelNotifier({ teams: h.teams.messenger, conversationRefs: platformConversationRefs(h.store.db, 'teams'), minIntervalMs: 5 })], holder: 'a' });
    await dispatcher.drain();
    const sent = h.connector.calls.slice(before);
    expect(sent.map((c) => JSON.stringify(h.connector.cardsOf(c)).match(/Teams #\d/)?.[0])).toEqual(['Teams #1', 'Teams #2']);
    const posts = new Set(sent.filter((c) => c.kind === 'create').map((c) => c.newId));
    expect((await listOutbox(db)).every((r) => r.status === 'sent' && posts.has(r.messageId))).toBe(true);
  });
});

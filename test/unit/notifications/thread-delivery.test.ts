/**
 * The fallbacks of a day thread's notifications, each said in the log: a reply whose thread is
 * gone, or whose line could not be posted, goes to the channel.
 */
import { webApi } from '@slack/bolt';
import { classifySlackError } from '../../../adapters/slack/slack.notifier';
import { classifyTeamsError } from '../../../adapters/teams/teams.notifier';
import { createLogger } from '../../../src/log';
import { NotifierError, type Notifier, type ThreadReply } from '../../../src/notifications/notifier.port';
import { sendInThread } from '../../../src/notifications/thread-delivery';
import { openStore, type Store } from '../../../src/store';
import type { OutboxEntry, OutboxThread } from '../../../src/store/repositories/outbox.repository';
import { holdThread, markThreadLost, setThreadAnchor } from '../../../src/store/repositories/threads.repository';

const AT = new Date('2026-12-07T10:00:00Z');
const CHANNEL = { platform: 'slack' as const, conversationId: 'C-BUSY' };
const VIEW = { kind: 'notice' as const, tone: 'error' as const, title: 'Backup of web-01: Failed', text: 'x', actions: [] };

describe('sending in a day thread', () => {
  let store: Store;
  let lines: string[];
  let posts: { thread?: ThreadReply }[];
  let threadGone: boolean;
  const notifier: Notifier = {
    platform: 'slack',
    minIntervalMs: 0,
    async post(_c, _v, _k, thread) {
      if (thread && threadGone) throw new NotifierError('permanent', 'Slack: thread_not_found', { delivered: 'no', code: 'thread_not_found', threadGone: true });
      posts.push({ ...(thread ? { thread } : {}) });
      return { messageId: `ts-${posts.length}` };
    },
    update: async () => undefined,
  };
  const reply = (key: string, thread: OutboxThread): OutboxEntry & { thread: OutboxThread } =>
    ({ id: 'e1', key: 'job-ended|x', channelKey: `slack:${CHANNEL.conversationId}`, platform: 'slack', conversationId: CHANNEL.conversationId, action: 'post', label: 'job-ended', viewJson: '', status: 'pending', attempts: 0, notBefore: AT, inDoubt: false, createdAt: AT, thread: { ...thread, key } });
  const send = () => ({ db: store.db, notifier, logger: createLogger({ level: 'warn', write: (l) => void lines.push(l) }), now: () => AT });

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    lines = [];
    posts = [];
    threadGone = false;
  });
  afterEach(async () => {
    await store.close();
  });

  test('a reply goes under the anchor the store holds, broadcast when asked', async () => {
    const key = await holdThread(store.db, { channel: CHANNEL, day: '2026-12-07', at: AT });
    await setThreadAnchor(store.db, key, 'anchor-ts', AT);
    expect(await sendInThread(send(), reply(key, { key, role: 'reply', broadcast: true }), VIEW, 'd')).toBe('ts-1');
    expect(posts).toEqual([{ thread: { threadId: 'anchor-ts', broadcast: true } }]);
    expect(lines).toEqual([]);
  });

  test('its thread gone: posted to the channel, and the log says so', async () => {
    const key = await holdThread(store.db, { channel: CHANNEL, day: '2026-12-07', at: AT });
    await setThreadAnchor(store.db, key, 'anchor-ts', AT);
    threadGone = true;
    expect(await sendInThread(send(), reply(key, { key, role: 'reply', broadcast: false }), VIEW, 'd')).toBe('ts-1');
    expect(posts).toEqual([{}]);
    expect(lines.join('\n')).toMatch(/day thread is gone.*posting to the channel/);
  });

  test('its line could not be posted: posted to the channel; the line\'s updates are skipped', async () => {
    const key = await holdThread(store.db, { channel: CHANNEL, day: '2026-12-07', at: AT });
    await markThreadLost(store.db, key, AT);
    await sendInThread(send(), reply(key, { key, role: 'reply', broadcast: false }), VIEW, 'd');
    expect(posts).toEqual([{}]);
    expect(lines.join('\n')).toMatch(/no day thread to reply in.*posting to the channel/);
    expect(await sendInThread(send(), reply(key, { key, role: 'summary', broadcast: false }), VIEW, 'd')).toBeUndefined();
  });

  test('the platforms\' answers for a reply whose parent is gone', () => {
    const slack = Object.assign(new Error('x'), { code: webApi.ErrorCode.PlatformError, data: { error: 'thread_not_found' } });
    expect(classifySlackError(slack, 'reply')).toMatchObject({ failure: 'permanent', options: { threadGone: true } });
    expect(classifySlackError(slack, 'post').options.threadGone).toBeUndefined();
    expect(classifyTeamsError(Object.assign(new Error('Not found'), { statusCode: 404 }), 'reply')).toMatchObject({ failure: 'permanent', options: { threadGone: true } });
  });
});

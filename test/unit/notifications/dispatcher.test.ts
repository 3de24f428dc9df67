import { createLogger } from '../../../src/log';
import { botIsBack, listWaitingChannels } from '../../../src/store/repositories/channel-waits.repository';
import { getOutboxEntry, listOutbox } from '../../../src/store/repositories/outbox.repository';
import { outboxFixture, slackEntry, type OutboxFixture } from './support/outbox-fixture';

describe('outbox dispatcher (SQLite, fake Slack, manual clock)', () => {
  let f: OutboxFixture;
  beforeEach(async () => {
    f = await outboxFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  test('sends each notification once, in order per channel, at most one a second per channel', async () => {
    const entries = ['C1', 'C2', 'C3'].flatMap((c) => [1, 2, 3, 4].map((n) => slackEntry(c, n)));
    expect(await f.enqueue(entries)).toHaveLength(12);
    // Writing the same keys again writes nothing.
    expect(await f.enqueue(entries)).toHaveLength(0);

    await f.settle(f.dispatcher('A'));

    expect(f.postsPerKey(entries.map((e) => e.key))).toEqual(entries.map(() => 1));
    for (const channel of ['C1', 'C2', 'C3']) {
      const posts = f.chat.arrivals({ channel, method: 'chat.postMessage' });
      expect(posts.map((p) => p.text)).toEqual([1, 2, 3, 4].map((n) => `${channel} #${n}: ${channel} #${n} text`));
      for (let i = 1; i < posts.length; i++) expect(posts[i].at.getTime() - posts[i - 1].at.getTime()).toBeGreaterThanOrEqual(1_000);
    }
    const rows = await listOutbox(f.db);
    expect(rows.every((r) => r.status === 'sent' && r.messageId !== undefined && !r.inDoubt)).toBe(true);

    // Nothing is sent twice by a later pass.
    await f.dispatcher('B').drain();
    expect(f.chat.arrivals()).toHaveLength(12);
  });

  test('a channel waiting for its next slot does not hold a worker: channels take turns at the pace', async () => {
    const channels = ['C1', 'C2', 'C3', 'C4'];
    const entries = channels.flatMap((c) => [1, 2, 3].map((n) => slackEntry(c, n)));
    await f.enqueue(entries);

    // One channel sent to at a time; holding each through its one-second waits would take 4 x 2 s.
    await f.settle(f.dispatcher('A', { concurrency: 1 }));

    expect(f.postsPerKey(entries.map((e) => e.key))).toEqual(entries.map(() => 1));
    const posts = f.chat.arrivals({ method: 'chat.postMessage' });
    const round = (text: string | undefined): number => Number(/#(\d+):/.exec(text ?? '')?.[1]);
    // Every channel's first message goes before any channel's second, and so on.
    expect(posts.map((p) => round(p.text))).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    for (const channel of channels) {
      const own = f.chat.arrivals({ channel, method: 'chat.postMessage' });
      expect(own.map((p) => round(p.text))).toEqual([1, 2, 3]);
      for (let i = 1; i < own.length; i++) expect(own[i].at.getTime() - own[i - 1].at.getTime()).toBeGreaterThanOrEqual(1_000);
    }
    expect(f.chat.early()).toEqual([]);
    // On the manual clock: the floor the pace sets (two waits of a second), not four channels' worth of them.
    expect(posts[posts.length - 1].at.getTime() - posts[0].at.getTime()).toBeLessThan(3_000);
  });

  test('honours 429 Retry-After: nothing reaches that channel before the time given, other channels go on', async () => {
    f.chat.rateLimit('C1', 30);
    const entries = ['C1', 'C2'].flatMap((c) => [1, 2, 3].map((n) => slackEntry(c, n)));
    await f.enqueue(entries);

    await f.settle(f.dispatcher('A'));

    const [refusal] = f.chat.refusals();
    expect(refusal).toMatchObject({ channel: 'C1' });
    expect(f.chat.early()).toEqual([]);
    const c1 = f.chat.arrivals({ channel: 'C1', method: 'chat.postMessage' });
    expect(c1).toHaveLength(3);
    expect(c1[0].at.getTime()).toBeGreaterThanOrEqual(refusal.until.getTime());
    // C2 was not held up by C1's wait.
    const c2 = f.chat.arrivals({ channel: 'C2', method: 'chat.postMessage' });
    expect(c2).toHaveLength(3);
    expect(c2[2].at.getTime()).toBeLessThan(refusal.until.getTime());
    expect(f.postsPerKey(entries.map((e) => e.key))).toEqual(entries.map(() => 1));
  });

  test('a 429 is honoured by every sender: the pace is in the database', async () => {
    f.chat.rateLimit('C1', 20);
    await f.enqueue([slackEntry('C1', 1), slackEntry('C1', 2)]);
    await f.dispatcher('A').drain();
    const [refusal] = f.chat.refusals();
    expect(refusal).toBeDefined();
    // Another replica, starting now, must not send there either until the time has passed.
    await f.dispatcher('B').drain();
    expect(f.chat.arrivals({ channel: 'C1' })).toHaveLength(0);
    f.clock.set(refusal.until);
    await f.settle(f.dispatcher('B'));
    expect(f.chat.arrivals({ channel: 'C1' }).every((a) => a.at.getTime() >= refusal.until.getTime())).toBe(true);
    expect(f.chat.arrivals({ channel: 'C1' })).toHaveLength(2);
  });

  test('retries a transient failure with backoff, checking first that the failed attempt did not arrive', async () => {
    f.chat.failNext('C1', { status: 500 });
    const entry = slackEntry('C1', 1);
    await f.enqueue([entry]);
    const d = f.dispatcher('A');
    const first = await d.drain();
    expect(first.retried).toBe(1);
    const row = await getOutboxEntry(f.db, entry.key);
    expect(row).toMatchObject({ status: 'pending', inDoubt: true, attempts: 1 });
    expect((row?.notBefore.getTime() ?? 0) - f.clock.now().getTime()).toBeGreaterThanOrEqual(1_000);

    await f.settle(d);
    expect(f.chat.historyCalls()).toBeGreaterThanOrEqual(1);
    expect(f.postsPerKey([entry.key])).toEqual([1]);
    expect(await getOutboxEntry(f.db, entry.key)).toMatchObject({ status: 'sent', inDoubt: false });
  });

  test('a permanent refusal fails that notification only; the channel goes on', async () => {
    f.chat.failNext('C1', { error: 'invalid_blocks' });
    await f.enqueue([slackEntry('C1', 1), slackEntry('C1', 2)]);
    await f.settle(f.dispatcher('A'));
    expect(await getOutboxEntry(f.db, slackEntry('C1', 1).key)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('invalid_blocks') });
    expect(await getOutboxEntry(f.db, slackEntry('C1', 2).key)).toMatchObject({ status: 'sent' });
  });

  test('not_in_channel: the channel waits for the bot (no retries, nothing new queued) until it is back', async () => {
    // chat.postMessage's answer when the bot is not in a (private) channel: {"ok": false, "error":
    // "not_in_channel"} (docs.slack.dev/reference/methods/chat.postMessage, Errors).
    f.chat.failNext('C1', { error: 'not_in_channel' });
    await f.enqueue([slackEntry('C1', 1), slackEntry('C1', 2), slackEntry('C2', 1)]);
    await f.settle(f.dispatcher('A'));
    expect(await getOutboxEntry(f.db, slackEntry('C1', 1).key)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('not_in_channel') });
    // The one behind it is not tried: it would be refused the same way.
    expect(await getOutboxEntry(f.db, slackEntry('C1', 2).key)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('added back') });
    expect(f.chat.arrivals({ channel: 'C1', method: 'chat.postMessage' })).toHaveLength(0);
    expect(await getOutboxEntry(f.db, slackEntry('C2', 1).key)).toMatchObject({ status: 'sent' });
    expect(await listWaitingChannels(f.db)).toEqual([expect.objectContaining({ platform: 'slack', conversationId: 'C1', code: 'not_in_channel' })]);

    // The next runs queue nothing for it: no refusal every run.
    expect(await f.enqueue([slackEntry('C1', 3)])).toEqual([]);
    await f.settle(f.dispatcher('A'));
    expect(f.chat.refusals().length + f.chat.arrivals({ channel: 'C1' }).length).toBeLessThanOrEqual(1);

    // The bot is invited back (member_joined_channel): the channel gets notifications again.
    expect(await botIsBack(f.db, 'slack', ['C1', 'C9'], new Date())).toEqual(['C1']);
    expect(await f.enqueue([slackEntry('C1', 4)])).toHaveLength(1);
    await f.settle(f.dispatcher('A'));
    expect(await getOutboxEntry(f.db, slackEntry('C1', 4).key)).toMatchObject({ status: 'sent' });
    expect(await listWaitingChannels(f.db)).toEqual([]);
  });

  test('tells each ending as it happens (the /metrics counters), and logs a notification under the request id it carries', async () => {
    f.chat.failNext('C2', { error: 'invalid_blocks' });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const outcomes: string[] = [];
    await f.enqueue([slackEntry('C1', 1, { requestId: 'req-now-1' }), slackEntry('C2', 1), slackEntry('C3', 1)]);
    await f.settle(f.dispatcher('A', { logger, onOutcome: (platform, outcome) => outcomes.push(`${platform}:${outcome}`) }));
    expect(outcomes.sort()).toEqual(['slack:failed', 'slack:sent', 'slack:sent']);
    const sent = lines.filter((l) => l.msg === 'notification sent');
    expect(sent.map((l) => [l.channel, l.requestId])).toEqual(expect.arrayContaining([['slack:C1', 'req-now-1'], ['slack:C3', undefined]]));
    expect(lines.find((l) => l.msg === 'notification refused by the chat platform; not retried')?.requestId).toBeUndefined();
    expect(await getOutboxEntry(f.db, slackEntry('C1', 1).key)).toMatchObject({ requestId: 'req-now-1' });
  });

  test('gives up after too many transient failures, and says why', async () => {
    for (let i = 0; i < 3; i++) f.chat.failNext('C1', { error: 'service_unavailable' });
    const entry = slackEntry('C1', 1);
    await f.enqueue([entry]);
    await f.settle(f.dispatcher('A', { maxAttempts: 3 }));
    expect(await getOutboxEntry(f.db, entry.key)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('gave up after 3 attempts') });
    expect(f.postsPerKey([entry.key])).toEqual([0]);
  });

  test('a sender that dies between sending and marking: the next one finds the message and does not post it again', async () => {
    const entries = ['C1', 'C2'].flatMap((c) => [1, 2, 3, 4, 5].map((n) => slackEntry(c, n)));
    await f.enqueue(entries);
    const crash = new AbortController();
    const held = f.chat.holdPost(3);
    const dying = f.dispatcher('A', { claimTtlMs: 60_000 }).dispatchOnce(crash.signal);
    await held;
    crash.abort();
    await new Promise((resolve) => setImmediate(resolve));
    const inDoubt = (await listOutbox(f.db, { status: 'pending' })).filter((r) => r.inDoubt);
    expect(inDoubt.length).toBeGreaterThanOrEqual(1);

    // Its claims expire; another sender takes over.
    f.clock.advance(61_000);
    await f.settle(f.dispatcher('B'));
    expect(f.postsPerKey(entries.map((e) => e.key))).toEqual(entries.map(() => 1));
    expect((await listOutbox(f.db)).every((r) => r.status === 'sent')).toBe(true);
    await f.chat.close();
    await dying;
  });

  test('updates a message in place, and posts a new one when the message is gone', async () => {
    await f.enqueue([slackEntry('C1', 1)]);
    await f.settle(f.dispatcher('A'));
    const [posted] = f.chat.arrivals({ channel: 'C1' });
    await f.enqueue([
      slackEntry('C1', 2, { action: 'update', targetMessageId: posted.ts }),
      slackEntry('C1', 3, { action: 'update', targetMessageId: '1.000000' }),
    ]);
    await f.settle(f.dispatcher('A'));
    expect(f.chat.arrivals({ channel: 'C1' }).map((a) => [a.method, a.text])).toEqual([
      ['chat.postMessage', 'C1 #1: C1 #1 text'],
      ['chat.update', 'C1 #2: C1 #2 text'],
      ['chat.postMessage', 'C1 #3: C1 #3 text'],
    ]);
  });

  test('notifications for a platform that is off wait in the outbox', async () => {
    await f.enqueue([{ ...slackEntry('T1', 1), platform: 'teams' }]);
    const report = await f.dispatcher('A').drain();
    expect(report.channels).toBe(0);
    expect(await listOutbox(f.db, { status: 'pending' })).toHaveLength(1);
  });
});

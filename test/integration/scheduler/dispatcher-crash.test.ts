import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../../../src/notifications/dispatcher';
import { createSlackNotifier } from '../../../adapters/slack/slack.notifier';
import { keyDigest } from '../../../src/notifications/outbox';
import { systemClock, type Clock } from '../../../src/notifications/clock';
import { openStore, type Store } from '../../../src/store';
import { enqueueNotifications, getOutboxEntry, listOutbox, type NewOutboxEntry } from '../../../src/store/repositories/outbox.repository';
import { startFakeRateLimitedChat, type FakeChat } from '../../support/fake-rate-limited-chat';
import { startChild, type Child } from './support/child-process';

const CHANNELS = 20;
const PER_CHANNEL = 10;
const CLAIM_TTL_MS = 30_000;

describe('a sender killed in the middle of sending 200 notifications to 20 channels', () => {
  let dir: string;
  let store: Store;
  let chat: FakeChat;
  let child: Child | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-crash-'));
    store = await openStore({ kind: 'sqlite', file: path.join(dir, 'bot.sqlite') });
    chat = await startFakeRateLimitedChat();
  });
  afterAll(async () => {
    await child?.kill();
    await chat?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('after a restart every notification has arrived exactly once', async () => {
    const entries: NewOutboxEntry[] = [];
    for (let c = 0; c < CHANNELS; c++) {
      for (let n = 0; n < PER_CHANNEL; n++) {
        entries.push({
          key: `crash|C${c}|${n}`,
          platform: 'slack',
          conversationId: `C${c}`,
          action: 'post',
          label: 'job-ended',
          viewJson: JSON.stringify({ kind: 'notice', tone: 'info', title: `C${c} #${n}`, text: 'x', actions: [] }),
        });
      }
    }
    expect(await enqueueNotifications(store.db, entries)).toHaveLength(200);

    // The 57th message arrives and is never answered: the sender is killed with it delivered but not marked.
    const held = chat.holdPost(57);
    child = startChild('test/integration/scheduler/support/dispatcher-process.ts', {
      TEST_SQLITE_FILE: path.join(dir, 'bot.sqlite'),
      TEST_SLACK_TOKEN: chat.botToken,
      TEST_SLACK_API_URL: chat.apiUrl,
      TEST_MIN_INTERVAL_MS: '10',
      TEST_CLAIM_TTL_MS: String(CLAIM_TTL_MS),
      TEST_HOLDER: 'killed-sender',
    });
    const delivered = await held;
    await child.kill();
    const before = chat.arrivals().length;
    expect(before).toBeGreaterThanOrEqual(57);
    expect(before).toBeLessThan(200);
    const doubtful = (await listOutbox(store.db, { status: 'pending' })).filter((r) => r.inDoubt);
    expect(doubtful.map((r) => keyDigest(r.key))).toContain(delivered.key);

    // The restarted sender: its clock is past the dead one's claims.
    const later: Clock = { now: () => new Date(Date.now() + CLAIM_TTL_MS + 1_000), sleep: systemClock.sleep };
    const restarted = createDispatcher({
      db: store.db,
      dialect: 'sqlite',
      notifiers: [createSlackNotifier({ botToken: chat.botToken, apiUrl: chat.apiUrl, minIntervalMs: 10 })],
      holder: 'restarted-sender',
      clock: later,
      concurrency: 8,
    });
    const report = await restarted.drain();
    expect(report.recovered).toBeGreaterThanOrEqual(1);

    const counts = chat.postsByKey();
    expect([...counts.keys()].sort()).toEqual(entries.map((e) => keyDigest(e.key)).sort());
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(chat.arrivals()).toHaveLength(200);
    const rows = await listOutbox(store.db);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const heldKey = entries.find((e) => keyDigest(e.key) === delivered.key)?.key ?? '';
    expect(await getOutboxEntry(store.db, heldKey)).toMatchObject({ status: 'sent', messageId: delivered.ts });
  });
});

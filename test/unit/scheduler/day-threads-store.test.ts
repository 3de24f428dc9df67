/**
 * The day threads' anchors in the store (notification_threads), on SQLite and PostgreSQL: one
 * thread per channel and day, its anchor recorded once, and two sweeps racing to open the day's
 * thread writing one anchor between them.
 */
import type { Store, StoreDb } from '../../../src/store';
import { inTransaction } from '../../../src/store/transaction';
import { enqueueNotifications, existingKeys, laterSummaryPending, listOutbox } from '../../../src/store/repositories/outbox.repository';
import { countIntoThread, getThread, holdThread, markThreadLost, pruneThreads, setThreadAnchor, threadKeyOf } from '../../../src/store/repositories/threads.repository';
import { describeOn, schedulerStores } from './support/scheduler-stores';

const T0 = new Date('2026-12-07T08:00:00Z');
const CHANNEL = { platform: 'slack' as const, conversationId: 'C-BUSY' };
const ONE_FAILED = { completed: 0, warnings: 0, failed: 1, cancelled: 0 };
const ONE_DONE = { completed: 1, warnings: 0, failed: 0, cancelled: 0 };

for (const target of schedulerStores()) {
  describeOn(target)(`day threads on ${target.name}`, () => {
    let store: Store;
    let db: StoreDb;
    beforeEach(async () => {
      store = await target.open();
      db = store.db;
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    test('one thread per channel and day, counting what is added; its anchor is recorded once', async () => {
      const key = await holdThread(db, { channel: CHANNEL, day: '2026-12-07', at: T0 });
      expect(await holdThread(db, { channel: CHANNEL, day: '2026-12-07', at: T0 })).toBe(key);
      expect(key).toBe(threadKeyOf(CHANNEL, '2026-12-07'));
      await countIntoThread(db, key, ONE_DONE, T0);
      const thread = await countIntoThread(db, key, { ...ONE_DONE, failed: 1 }, T0);
      expect(thread).toMatchObject({ day: '2026-12-07', anchorState: 'pending', counts: { completed: 2, failed: 1, warnings: 0, cancelled: 0 } });
      expect(thread.anchorMessageId).toBeUndefined();

      expect(await setThreadAnchor(db, key, '1700000001.000001', T0)).toBe(true);
      // A second anchor (a sender that lost a race) does not replace the first.
      expect(await setThreadAnchor(db, key, '1700000002.000002', T0)).toBe(false);
      // Replacing a deleted anchor: only from the one that was deleted.
      expect(await setThreadAnchor(db, key, '1700000003.000003', T0, 'not-the-anchor')).toBe(false);
      expect(await setThreadAnchor(db, key, '1700000003.000003', T0, '1700000001.000001')).toBe(true);
      await markThreadLost(db, key, T0); // has an anchor: stays posted
      expect(await getThread(db, key)).toMatchObject({ anchorMessageId: '1700000003.000003', anchorState: 'posted' });

      const other = await holdThread(db, { channel: CHANNEL, day: '2026-12-08', at: T0 });
      await markThreadLost(db, other, T0);
      expect(await getThread(db, other)).toMatchObject({ anchorState: 'lost' });
      expect(await pruneThreads(db, '2026-12-08')).toBe(1);
      expect(await getThread(db, key)).toBeUndefined();
    });

    test('two sweeps racing to open the day\'s thread write one anchor and count each job once', async () => {
      const sweep = (jobs: string[]) =>
        inTransaction(db, async (trx) => {
          const key = await holdThread(trx, { channel: CHANNEL, day: '2026-12-07', at: T0 });
          const anchor = `thread-anchor|${key}`;
          const known = await existingKeys(trx, [anchor, ...jobs]);
          const fresh = jobs.filter((j) => !known.has(j));
          if (fresh.length === 0) return;
          await countIntoThread(trx, key, { ...ONE_FAILED, failed: fresh.length }, T0);
          const head = known.has(anchor) ? `thread-summary|${key}|x` : anchor;
          await enqueueNotifications(
            trx,
            [head, ...fresh].map((k) => ({ key: k, platform: 'slack' as const, conversationId: CHANNEL.conversationId, action: 'post' as const, label: 'job-ended', viewJson: '{"kind":"notice"}' })),
            T0,
          );
        });
      await Promise.all([sweep(['job-1', 'job-2']), sweep(['job-1', 'job-2']), sweep(['job-2', 'job-3'])]);
      const keys = (await listOutbox(db)).map((e) => e.key);
      expect(keys.filter((k) => k.startsWith('thread-anchor|'))).toHaveLength(1);
      expect(keys.filter((k) => k.startsWith('job-')).sort()).toEqual(['job-1', 'job-2', 'job-3']);
      expect((await getThread(db, threadKeyOf(CHANNEL, '2026-12-07')))?.counts.failed).toBe(3);
    });
  
    test('a summary update with a later one of the same thread waiting is superseded; the last one is not', async () => {
      const key = await holdThread(db, { channel: CHANNEL, day: '2026-12-07', at: T0 });
      const summary = (total: number, thread = key) => ({
        key: `thread-summary|${thread}|${total}`,
        platform: 'slack' as const,
        conversationId: CHANNEL.conversationId,
        action: 'update' as const,
        label: 'thread-summary',
        viewJson: '{"kind":"notice"}',
        thread: { key: thread, role: 'summary' as const, broadcast: false },
      });
      await enqueueNotifications(db, [summary(2)], T0);
      await enqueueNotifications(db, [summary(3), summary(1, 'another|thread')], new Date(T0.getTime() + 1_000));
      const [two, three, other] = await listOutbox(db);
      expect(two.thread).toEqual({ key, role: 'summary', broadcast: false });
      expect(await laterSummaryPending(db, two)).toBe(true);
      expect(await laterSummaryPending(db, three)).toBe(false);
      expect(await laterSummaryPending(db, other)).toBe(false);
    });
  });
}

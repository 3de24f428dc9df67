import type { Store } from '../../../src/store';
import { acquireLease, getLease, releaseLease } from '../../../src/store/repositories/leases.repository';
import type { StoreDb } from '../../../src/store';
import { claimChannels, claimEntry, enqueueNotifications, nextDueEntry, type NewOutboxEntry } from '../../../src/store/repositories/outbox.repository';
import { deletePendingItem, getJobCursor, setJobCursor, upsertPendingItem } from '../../../src/store/repositories/sweep-state.repository';
import { claimTaskSlot, finishTaskRun, getTaskRun } from '../../../src/store/repositories/task-runs.repository';
import { describeOn, schedulerStores } from './support/scheduler-stores';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
const entry = (channel: string, n: number): NewOutboxEntry => ({ key: `k|${channel}|${n}`, platform: 'slack', conversationId: channel, action: 'post', label: 'job-ended', viewJson: '{"kind":"notice"}' });

for (const target of schedulerStores()) {
  describeOn(target)(`scheduler state on ${target.name}`, () => {
    let store: Store;
    let db: StoreDb;
    beforeEach(async () => {
      store = await target.open();
      db = store.db;
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    test('a lease is held by one replica, renewed by it, taken over once it expires, released on shutdown', async () => {
      expect((await acquireLease(db, { name: 'scheduler', holder: 'a', now: at(0), ttlMs: 30_000 })).held).toBe(true);
      const other = await acquireLease(db, { name: 'scheduler', holder: 'b', now: at(10), ttlMs: 30_000 });
      expect(other).toMatchObject({ held: false, lease: { holder: 'a' } });
      const renewed = await acquireLease(db, { name: 'scheduler', holder: 'a', now: at(20), ttlMs: 30_000 });
      expect(renewed).toMatchObject({ held: true, lease: { holder: 'a', acquiredAt: at(0), expiresAt: at(50) } });
      expect((await acquireLease(db, { name: 'scheduler', holder: 'b', now: at(45), ttlMs: 30_000 })).held).toBe(false);
      // a died: its lease runs out and b takes it.
      const taken = await acquireLease(db, { name: 'scheduler', holder: 'b', now: at(51), ttlMs: 30_000 });
      expect(taken).toMatchObject({ held: true, lease: { holder: 'b', acquiredAt: at(51) } });
      expect((await acquireLease(db, { name: 'scheduler', holder: 'a', now: at(52), ttlMs: 30_000 })).held).toBe(false);
      expect(await releaseLease(db, 'scheduler', 'a')).toBe(false);
      expect(await releaseLease(db, 'scheduler', 'b')).toBe(true);
      expect(await getLease(db, 'scheduler')).toBeUndefined();
    });

    test('replicas racing for a free lease: exactly one gets it', async () => {
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => acquireLease(db, { name: 'race', holder, now: at(0), ttlMs: 30_000 })));
      expect(results.filter((r) => r.held)).toHaveLength(1);
    });

    test('a task slot runs once; a later slot runs; a run whose replica died can run again once stale', async () => {
      const claim = (holder: string, slot: number, now: number) => claimTaskSlot(db, { task: 'pending-digest', slot: at(slot), holder, now: at(now), staleBefore: at(now - 600) });
      expect(await claim('a', 0, 0)).toBe(true);
      expect(await claim('b', 0, 1)).toBe(false);
      expect(await claim('b', -60, 1)).toBe(false); // an older slot never runs after a newer one
      await finishTaskRun(db, { task: 'pending-digest', slot: at(0), holder: 'a', now: at(2), durationMs: 2000, error: 'vault x: throttled' });
      expect(await getTaskRun(db, 'pending-digest')).toMatchObject({ lastStatus: 'error', lastError: { message: 'vault x: throttled', at: at(2) }, runs: 1, errorsInARow: 1 });
      expect(await claim('b', 86_400, 86_400)).toBe(true);
      // The next run in progress keeps the count of failures, and there was no success yet.
      expect(await getTaskRun(db, 'pending-digest')).toMatchObject({ lastStatus: 'running', errorsInARow: 1 });
      expect((await getTaskRun(db, 'pending-digest'))?.lastOkAt).toBeUndefined();
      // b dies mid-run; after the stale period the same slot may run again.
      expect(await claim('a', 86_400, 86_500)).toBe(false);
      expect(await claim('a', 86_400, 87_100)).toBe(true);
      await finishTaskRun(db, { task: 'pending-digest', slot: at(86_400), holder: 'a', now: at(87_101), durationMs: 1000 });
      expect(await getTaskRun(db, 'pending-digest')).toMatchObject({ lastStatus: 'ok', lastHolder: 'a', runs: 3, lastError: { message: 'vault x: throttled' }, errorsInARow: 0, lastOkAt: at(87_101) });
    });

    test('senders claiming at the same time take different channels, and a claimed notification is nobody else\'s', async () => {
      const channels = Array.from({ length: 12 }, (_, i) => `C${i}`);
      await enqueueNotifications(db, channels.flatMap((c) => [entry(c, 1), entry(c, 2)]), at(0));
      const claims = await Promise.all(['a', 'b', 'c'].map((holder) => claimChannels(db, store.kind, { holder, now: at(1), until: at(61), limit: 5, platforms: ['slack'] })));
      const all = claims.flat().map((c) => c.channelKey);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(12);
      expect(await claimChannels(db, store.kind, { holder: 'd', now: at(2), until: at(62), limit: 5, platforms: ['slack'] })).toEqual([]);
      // Claims expire.
      expect(await claimChannels(db, store.kind, { holder: 'd', now: at(62), until: at(122), limit: 50, platforms: ['slack'] })).toHaveLength(12);

      const due = await nextDueEntry(db, 'slack:C0', at(62));
      expect(due?.key).toBe('k|C0|1');
      const both = await Promise.all(['x', 'y'].map((h) => claimEntry(db, due!.id, h, at(62), at(122))));
      expect(both.filter((c) => c !== undefined)).toHaveLength(1);
    });

    test('pending sightings are forgotten once, and the job cursor is kept per vault', async () => {
      const item = { platform: 'slack' as const, conversationId: 'C1', itemId: '/x/ITEM', vmId: '/vm', vmName: 'web-02', vaultId: '/VAULT' };
      const first = await upsertPendingItem(db, item, at(0));
      expect((await upsertPendingItem(db, item, at(100))).firstSeenAt).toEqual(at(0));
      const results = await Promise.all([deletePendingItem(db, first), deletePendingItem(db, first)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await getJobCursor(db, '/Vault')).toBeUndefined();
      await setJobCursor(db, '/VAULT', at(5), at(6));
      await setJobCursor(db, '/vault', at(7), at(8));
      expect(await getJobCursor(db, '/Vault')).toEqual(at(7));
    });
  });
}

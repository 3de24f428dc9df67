import type { Notifier } from '../../../src/notifications/notifier.port';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import { createScheduler, startScheduler, type Scheduler } from '../../../src/scheduler';
import { latestRunBetween, nextRun } from '../../../src/scheduler/cron-schedule';
import { openStore, type Store } from '../../../src/store';
import { acquireLease, getLease } from '../../../src/store/repositories/leases.repository';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { claimTaskSlot, getTaskRun } from '../../../src/store/repositories/task-runs.repository';
import { FakeBackupService } from '../flows/support/fake-backup-service';
import { ManualClock } from '../notifications/support/manual-clock';
import { eventually } from '../../support/eventually';

/** Local time, as node-cron reads expressions (the server's time zone). */
const local = (day: number, hour: number, minute = 0, second = 0): Date => new Date(2026, 2, day, hour, minute, second);

const quietNotifier: Notifier = {
  platform: 'slack',
  minIntervalMs: 0,
  post: async () => ({ messageId: '1.0' }),
  update: async () => undefined,
};

describe('cron arithmetic', () => {
  test('the latest run due in a window, for 5- and 6-field expressions', () => {
    expect(latestRunBetween('0 9 * * *', local(2, 9), local(4, 8, 59))).toEqual(local(3, 9));
    expect(latestRunBetween('0 9 * * *', local(2, 9), local(3, 9))).toEqual(local(3, 9));
    expect(latestRunBetween('0 9 * * *', local(3, 9), local(3, 12))).toBeUndefined();
    expect(latestRunBetween('*/20 * * * * *', local(3, 9), local(3, 9, 1, 5))).toEqual(local(3, 9, 1, 0));
    expect(latestRunBetween('0 9 * * 1', local(1, 0), local(20, 0))).toEqual(local(16, 9)); // Mondays in March 2026: 2, 9, 16
  });
  test('the next run is in the future', () => {
    const next = nextRun('*/20 * * * * *');
    expect(next).toBeInstanceOf(Date);
    expect((next as Date).getTime()).toBeGreaterThan(Date.now() - 1);
    expect((next as Date).getSeconds() % 20).toBe(0);
  });
});

describe('the scheduler of one replica', () => {
  let store: Store;
  let backup: FakeBackupService;
  let clock: ManualClock;
  const schedulers: Scheduler[] = [];
  const make = (holder: string): Scheduler => {
    const s = createScheduler({
      db: store.db,
      dialect: 'sqlite',
      backup,
      config: { pendingDigestCron: '0 9 * * *', jobSweepCron: '*/20 * * * * *' },
      access: { defaultChannelScope: 'all' },
      notifiers: [quietNotifier],
      azureNow: () => clock.now(),
      clock,
      holderId: holder,
      tuning: { leaseTtlMs: 30_000 },
    });
    schedulers.push(s);
    return s;
  };

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    clock = new ManualClock(local(2, 8));
    backup = new FakeBackupService(() => clock.now());
    const vault = backup.addVault('rsv-weu');
    backup.protect(backup.addVm({ name: 'web-02' }), vault, 'IRPending');
    await createSubscriptionStore(store.db).subscribe({
      channel: { platform: 'slack', conversationId: 'C1' },
      scope: { kind: 'vault', vaultId: vault.id },
      scopeName: 'rsv-weu',
      events: { pendingDigest: true, jobs: 'all' },
      createdBy: 'U1',
      at: clock.now(),
    });
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await store.close();
  });

  test('only the lease holder sweeps, and a slot runs once', async () => {
    const a = make('a');
    const b = make('b');
    expect(await a.runTask('pending-digest', local(2, 9))).toMatchObject({ ran: true });
    expect(await b.runTask('pending-digest', local(3, 9))).toEqual({ ran: false, reason: 'not-leader' });
    expect(await a.runTask('pending-digest', local(2, 9))).toEqual({ ran: false, reason: 'already-run' });
    const digests = await listOutbox(store.db);
    expect(digests.map((d) => d.label)).toEqual(['pending-digest']);
  });

  test('a new leader runs the digest the dead leader missed, once', async () => {
    const a = make('a');
    await a.runTask('pending-digest', local(2, 9));
    // a dies before the next 09:00; its lease runs out at some point after.
    clock.set(local(3, 9, 0, 40));
    const b = make('b');
    expect((await b.lease.check()).leader).toBe(true);
    await b.catchUp();
    expect((await getTaskRun(store.db, 'pending-digest'))?.lastSlot).toEqual(local(3, 9));
    await b.catchUp();
    const keys = (await listOutbox(store.db)).map((d) => d.key);
    expect(keys).toEqual([expect.stringContaining(local(2, 9).toISOString()), expect.stringContaining(local(3, 9).toISOString())]);
  });

  test('a run whose replica died mid-run is run again once it is stale', async () => {
    const db = store.db;
    expect(await claimTaskSlot(db, { task: 'pending-digest', slot: local(2, 9), holder: 'dead', now: local(2, 9), staleBefore: local(1, 9) })).toBe(true);
    clock.set(local(2, 9, 20));
    const b = make('b');
    await acquireLease(db, { name: 'scheduler', holder: 'b', now: clock.now(), ttlMs: 30_000 });
    await b.lease.check();
    await b.catchUp();
    expect(await getTaskRun(db, 'pending-digest')).toMatchObject({ lastSlot: local(2, 9), lastStatus: 'ok', lastHolder: 'b' });
    expect((await listOutbox(db)).map((d) => d.label)).toEqual(['pending-digest']);
  });

  test('a sweep that cannot read a vault records the error and still tells what it could', async () => {
    const other = backup.addVault('rsv-neu', 'northeurope');
    backup.protect(backup.addVm({ name: 'app-01', location: 'northeurope' }), other, 'IRPending');
    await createSubscriptionStore(store.db).subscribe({
      channel: { platform: 'slack', conversationId: 'C1' },
      scope: { kind: 'vault', vaultId: other.id },
      scopeName: 'rsv-neu',
      events: { pendingDigest: true, jobs: 'all' },
      createdBy: 'U1',
    });
    backup.failNext('listProtectedItems', new Error('throttled'));
    const a = make('a');
    const outcome = await a.runTask('pending-digest', local(2, 9));
    expect(outcome).toMatchObject({ ran: true, error: expect.stringContaining('throttled') });
    const [digest] = await listOutbox(store.db);
    expect(digest.viewJson).toMatch(/(web-02|app-01) is waiting for its first backup/);
    expect(await getTaskRun(store.db, 'pending-digest')).toMatchObject({ lastStatus: 'error', lastError: { message: expect.stringContaining('throttled') } });
  });
});

describe('startScheduler', () => {
  test('ticks with node-cron under the lease, and gives the lease up when stopped', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      const backup = new FakeBackupService();
      const db = store.db;
      const scheduler = startScheduler({
        db: store.db,
        dialect: 'sqlite',
        backup,
        config: { pendingDigestCron: '0 9 * * *', jobSweepCron: '* * * * * *' },
        access: { defaultChannelScope: 'all' },
        notifiers: [quietNotifier],
        holderId: 'live',
        tuning: { leaseCheckMs: 100, dispatchPollMs: 50 },
      });
      await eventually(async () => (await getTaskRun(db, 'job-sweep'))?.lastFinishedAt, { what: 'the first job sweep to finish', intervalMs: 50 });
      expect(await getTaskRun(db, 'job-sweep')).toMatchObject({ lastStatus: 'ok', lastHolder: 'live' });
      expect((await getLease(db, 'scheduler'))?.holder).toBe('live');
      await scheduler.stop();
      expect(await getLease(db, 'scheduler')).toBeUndefined();
      expect(await scheduler.runTask('job-sweep')).toEqual({ ran: false, reason: 'stopped' });
    } finally {
      await store.close();
    }
  });
});

/**
 * The sweeps within each channel's access scope: bindings read once per channel per sweep, a
 * subscription paused while its channel is not bound to it and resumed when it is, a narrowed
 * binding narrowing what is told, and the Azure calls per vault unchanged.
 */
import type { ProtectedItem, Vault, VirtualMachine } from '../../../src/domain/backup.types';
import type { Notifier } from '../../../src/notifications/notifier.port';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import type { SubscriptionEvents, SubscriptionScope } from '../../../src/notifications/subscription.types';
import { createScheduler, type Scheduler } from '../../../src/scheduler';
import type { Store } from '../../../src/store';
import { addChannelBinding, removeChannelBinding } from '../../../src/store/repositories/access-bindings.repository';
import { listOutbox, type OutboxEntry } from '../../../src/store/repositories/outbox.repository';
import { listPendingItems } from '../../../src/store/repositories/sweep-state.repository';
import { FakeBackupService, SUB } from '../flows/support/fake-backup-service';
import { ManualClock } from '../notifications/support/manual-clock';
import { describeOn, schedulerStores } from './support/scheduler-stores';

const MINUTE = 60_000;
const WORKSPACE = 'T0OPS';
const JOBS_ONLY: SubscriptionEvents = { pendingDigest: false, jobs: 'all' };
const DIGEST_ONLY: SubscriptionEvents = { pendingDigest: true, jobs: 'none' };
const WHOLE_SUB: SubscriptionScope = { kind: 'subscription', subscriptionId: SUB };

const quietNotifier: Notifier = { platform: 'slack', minIntervalMs: 0, post: async () => ({ messageId: '1.0' }), update: async () => undefined };

for (const target of schedulerStores()) {
  describeOn(target)(`sweeps within each channel's scope, on ${target.name}`, () => {
    let store: Store;
    let clock: ManualClock;
    let backup: FakeBackupService;
    let scheduler: Scheduler;
    let vault: Vault;
    let web: ProtectedItem;
    let sql: ProtectedItem;
    /** How far Azure's clock is behind the bot's (the emulator's may run slower). */
    let azureLagMs: number;
    const azureNow = (): Date => new Date(clock.now().getTime() - azureLagMs);

    const bind = (channel: string, resourceGroup?: string) =>
      addChannelBinding(store.db, { channel: { platform: 'slack', workspaceId: WORKSPACE, channelId: channel }, subscriptionId: SUB, ...(resourceGroup ? { resourceGroup } : {}), createdBy: 'U0ROOT', at: clock.now() });
    const unbind = (channel: string, resourceGroup?: string) => removeChannelBinding(store.db, { platform: 'slack', workspaceId: WORKSPACE, channelId: channel }, SUB, resourceGroup);
    const subscribe = (channel: string, scope: SubscriptionScope, events: SubscriptionEvents) =>
      createSubscriptionStore(store.db).subscribe({ channel: { platform: 'slack', conversationId: channel }, scope, scopeName: 'x', events, createdBy: 'U0ROOT', at: azureNow() });
    const outbox = async (channel: string, label: string): Promise<OutboxEntry[]> => (await listOutbox(store.db)).filter((e) => e.conversationId === channel && e.label === label);
    const endedVms = async (channel: string): Promise<string[]> => (await outbox(channel, 'job-ended')).map((e) => (/Backup of (\S+?)[ "]/.exec(e.viewJson) ?? [])[1] ?? e.viewJson);

    /** Runs a task at a slot of its own, then moves the clock on; the calls it made to Azure are returned. */
    const sweep = async (task: 'job-sweep' | 'pending-digest' = 'job-sweep'): Promise<Record<string, number>> => {
      backup.calls = [];
      const outcome = await scheduler.runTask(task, clock.now());
      expect(outcome).toMatchObject({ ran: true });
      if (outcome.ran) expect(outcome.error).toBeUndefined();
      clock.advance(30 * MINUTE);
      const counts: Record<string, number> = {};
      for (const c of backup.calls) counts[c.method] = (counts[c.method] ?? 0) + 1;
      return counts;
    };
    /** A Backup now job of the item that ends (completed), the clock past its end. */
    const backupEnds = async (item: ProtectedItem, status: 'Completed' | 'Failed' = 'Completed'): Promise<string> => {
      const job = await backup.backupNow(item, new Date(clock.now().getTime() + 30 * 24 * 60 * MINUTE));
      backup.finishJob(job.name, status);
      clock.advance(20 * MINUTE);
      return job.name;
    };
    const protect = (vm: VirtualMachine, state: ProtectedItem['protectionState'] = 'Protected'): ProtectedItem => backup.protect(vm, vault, state);

    beforeEach(async () => {
      store = await target.open();
      clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
      azureLagMs = 0;
      backup = new FakeBackupService(azureNow);
      vault = backup.addVault('rsv-weu', 'westeurope', 'rg-backup');
      web = protect(backup.addVm({ name: 'web-01', resourceGroup: 'rg-web' }));
      sql = protect(backup.addVm({ name: 'sql-01', resourceGroup: 'rg-data' }));
      scheduler = createScheduler({
        db: store.db,
        dialect: target.name,
        backup,
        config: { pendingDigestCron: '0 9 * * *', jobSweepCron: '*/20 * * * * *' },
        // As on Azure: a channel nobody bound is told nothing.
        access: { defaultChannelScope: 'none' },
        notifiers: [quietNotifier],
        azureNow,
        clock,
        holderId: 'replica-test',
        // The vault list is read at the first sweep only, so each sweep's calls are the per-vault ones.
        tuning: { vaultCacheMs: 24 * 60 * MINUTE },
      });
    });
    afterEach(async () => {
      await scheduler.stop();
      await target.dispose(store);
    });

    test('a channel bound to the subscription gets its job endings; unbound it gets none, with the same calls per vault; bound again it resumes', async () => {
      await bind('C-OPS');
      await subscribe('C-OPS', WHOLE_SUB, JOBS_ONLY);
      await sweep(); // the first sweep sets the vault's cursor

      await backupEnds(web);
      const bound = await sweep();
      expect(await endedVms('C-OPS')).toEqual(['web-01']);
      expect(bound).toEqual({ listJobs: 1, listProtectedItems: 1 });

      await unbind('C-OPS');
      const whilePaused = await backupEnds(web);
      const unbound = await sweep();
      expect(await endedVms('C-OPS')).toEqual(['web-01']);
      // The vault is still asked once (its cursor moves on); nobody may see it, so its items are not read.
      expect(unbound).toEqual({ listJobs: 1 });

      await bind('C-OPS');
      await backupEnds(sql, 'Failed');
      await sweep();
      expect(await endedVms('C-OPS')).toEqual(['web-01', 'sql-01']);
      // What ended while it was paused is not told late.
      expect((await outbox('C-OPS', 'job-ended')).some((e) => e.key.endsWith(whilePaused))).toBe(false);
    });

    test('a channel narrowed to a resource group (and its vaults\' group) is told only of that group\'s jobs; without the vaults\' group, of none', async () => {
      await subscribe('C-WEB', WHOLE_SUB, JOBS_ONLY);
      await subscribe('C-VMS', WHOLE_SUB, JOBS_ONLY);
      await subscribe('C-VAULT', { kind: 'vault', vaultId: vault.id }, JOBS_ONLY);
      await bind('C-WEB', 'rg-web');
      await bind('C-WEB', 'rg-backup');
      await bind('C-VMS', 'rg-web');
      await bind('C-VAULT', 'rg-web');
      await bind('C-VAULT', 'rg-backup');
      await sweep();

      await backupEnds(web);
      await backupEnds(sql);
      const calls = await sweep();
      expect(await endedVms('C-WEB')).toEqual(['web-01']);
      expect(await endedVms('C-VAULT')).toEqual(['web-01']);
      expect(await endedVms('C-VMS')).toEqual([]);
      // One job query and one read of the vault's items, whatever the channels and their bindings.
      expect(calls).toEqual({ listJobs: 1, listProtectedItems: 1 });

      // Widened to the whole subscription: sql-01's jobs too, from the next sweep.
      await bind('C-WEB');
      await backupEnds(sql);
      await sweep();
      expect(await endedVms('C-WEB')).toEqual(['web-01', 'sql-01']);
    });

    test('a vault followed by a channel bound to the whole subscription needs no read of its items', async () => {
      await subscribe('C-OPS', { kind: 'vault', vaultId: vault.id }, JOBS_ONLY);
      await bind('C-OPS');
      await sweep();
      await backupEnds(sql);
      expect(await sweep()).toEqual({ listJobs: 1 });
      expect(await endedVms('C-OPS')).toEqual(['sql-01']);
    });

    test('a binding timed by the bot\'s clock holds back no job when Azure\'s clock is behind it', async () => {
      azureLagMs = 60 * MINUTE;
      await subscribe('C-OPS', WHOLE_SUB, JOBS_ONLY);
      await sweep();
      await bind('C-OPS'); // bound on the bot's clock, an hour ahead of Azure's
      await backupEnds(web); // ends 15 minutes later, an hour "before" the binding on Azure's clock
      await sweep();
      expect(await endedVms('C-OPS')).toEqual(['web-01']);
    });

    test('the pending digest lists only what the channel may see; unbound it stops and forgets, bound again it comes back', async () => {
      const webPending = protect(backup.addVm({ name: 'web-02', resourceGroup: 'rg-web' }), 'IRPending');
      protect(backup.addVm({ name: 'sql-02', resourceGroup: 'rg-data' }), 'IRPending');
      await subscribe('C-WEB', WHOLE_SUB, DIGEST_ONLY);
      await bind('C-WEB', 'rg-web');
      await bind('C-WEB', 'rg-backup');

      await sweep('pending-digest');
      const [digest] = await outbox('C-WEB', 'pending-digest');
      expect(digest.viewJson).toContain('web-02');
      expect(digest.viewJson).not.toContain('sql-02');
      expect((await listPendingItems(store.db)).map((p) => p.vmName)).toEqual(['web-02']);

      await unbind('C-WEB', 'rg-web');
      await unbind('C-WEB', 'rg-backup');
      await sweep('pending-digest');
      expect(await outbox('C-WEB', 'pending-digest')).toHaveLength(1);
      expect(await listPendingItems(store.db)).toEqual([]);
      // Its first backup completes while the channel is unbound: no "now protected" either.
      await backupEnds(webPending);
      await sweep();
      expect(await outbox('C-WEB', 'now-protected')).toEqual([]);

      await bind('C-WEB', 'rg-data');
      await bind('C-WEB', 'rg-backup');
      await sweep('pending-digest');
      const digests = await outbox('C-WEB', 'pending-digest');
      expect(digests).toHaveLength(2);
      expect(digests[1].viewJson).toContain('sql-02');
      expect(digests[1].viewJson).not.toContain('web-0');
    });
  });
}

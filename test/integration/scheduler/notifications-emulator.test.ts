import { encodeMessageRef } from '../../../adapters/slack/message-address';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { SEED } from '../../support/backup-harness';
import { schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

const WEU = SEED.vaultIds.westeurope;
const DAY = 24 * 3600_000;

describe('scheduled notifications against the emulator and a fake chat API', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await schedulerFixture();
  });
  afterEach(async () => {
    await f?.close();
  });

  test('a VM protected without a first backup is in the next digest, and leaves it once its first backup completes, with a "now protected" follow-up', async () => {
    await f.subscribe('C-OPS', { kind: 'vault', vaultId: WEU });
    const [enabled] = await f.azure.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedVmId]);
    expect(enabled.ok).toBe(true);

    const slot1 = new Date('2030-01-01T09:00:00Z');
    await f.tick('pending-digest', slot1);
    const first = f.messages('C-OPS');
    expect(first).toHaveLength(1); // ONE digest per channel
    expect(first[0]).toContain('web-02 is waiting for its first backup');
    expect(first[0]).toContain('Vault rsv-prod-weu');
    expect(first[0]).toContain('policy DefaultPolicy');
    expect(first[0]).toMatch(/next scheduled backup \w{3} \d+ \w{3} \d{4}, 19:00 UTC/);
    expect(first[0]).toContain('Backup now: web-02');
    expect(first[0]).toContain('now.start'); // the Backup now button carries the intent with the VM's id
    expect(first[0]).toContain(SEED.unprotectedVmId);
    expect(first[0]).not.toContain('web-01'); // protected long ago: not pending

    // Repeated at the next slot while it stays pending.
    await f.tick('pending-digest', new Date(slot1.getTime() + DAY));
    expect(f.messages('C-OPS')).toHaveLength(2);
    expect(f.messages('C-OPS')[1]).toContain('web-02 is waiting for its first backup');

    // Its first scheduled backup runs and completes.
    await f.passScheduledBackup(WEU);
    expect((await f.azure.service.findProtectedItem(SEED.unprotectedVmId))?.protectionState).toBe('Protected');
    await f.tick('job-sweep');
    const afterBackup = f.messages('C-OPS').slice(2);
    expect(afterBackup.filter((m) => m.includes('web-02 is now protected'))).toHaveLength(1);
    expect(afterBackup.filter((m) => m.includes('Backup of web-02'))).toHaveLength(1);

    // The next digest no longer lists it (and with nothing pending there is no digest at all).
    const before = f.messages('C-OPS').length;
    await f.tick('pending-digest', new Date(slot1.getTime() + 2 * DAY));
    expect(f.messages('C-OPS').slice(before).some((m) => m.includes('web-02'))).toBe(false);
    // Sweeping again tells nothing twice.
    await f.tick('job-sweep');
    expect(f.messages('C-OPS').filter((m) => m.includes('web-02 is now protected'))).toHaveLength(1);
  });

  test('a scheduled policy backup that ends is posted once, with one job query per vault per sweep', async () => {
    await f.subscribe('C-JOBS', { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all' });
    await f.tick('job-sweep'); // first sweep: nothing new has ended since the subscription
    expect(f.messages('C-JOBS')).toHaveLength(0);

    await f.passScheduledBackup(WEU);
    f.azure.emulator.clearRequests();
    await f.tick('job-sweep');
    const jobQueries = f.azure.emulator.requests().filter((r) => r.method === 'GET' && /\/backupJobs$/i.test(r.path));
    expect(jobQueries).toHaveLength(1);
    expect(jobQueries[0].query.$filter).toMatch(/startTime/);
    for (let i = 0; i < 3; i++) {
      await f.azure.emulator.advance(60_000);
      await f.tick('job-sweep');
    }
    const posts = f.messages('C-JOBS');
    expect(posts.filter((m) => m.includes('Backup of web-01'))).toHaveLength(1);
    expect(posts[0]).toMatch(/Completed/i);
    expect([...f.chat.postsByKey().values()].every((n) => n === 1)).toBe(true);
  });

  test('a failed job is posted with its reason; a failures-only channel gets failures only', async () => {
    await f.subscribe('C-ALL', { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all' });
    await f.subscribe('C-FAIL', { kind: 'subscription', subscriptionId: SEED.subscriptions.production }, { pendingDigest: false, jobs: 'failures' });

    // One backup that completes...
    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    expect(f.messages('C-ALL')).toHaveLength(1);
    expect(f.messages('C-FAIL')).toHaveLength(0);

    // ...and one that fails: a lock on the restore point collection's resource group.
    f.azure.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptions.production, location: 'westeurope' });
    const item = await f.azure.service.findProtectedItem(SEED.protectedVmId);
    await f.azure.service.backupNow(item!, new Date(f.azure.emulator.now().getTime() + 10 * DAY));
    await f.azure.emulator.advance(10 * 60_000);
    await f.tick('job-sweep');

    const failed = f.messages('C-FAIL');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/failed/i);
    const job = (await f.azure.service.listJobs(WEU, { status: 'Failed' }))[0];
    expect(job.errors[0]?.code).toBeTruthy();
    expect(failed[0]).toContain(job.errors[0].code);
    expect(failed[0]).toContain(job.errors[0].message.slice(0, 40).replace(/[*_~`]/g, ''));
    expect(failed[0]).toContain('AzureBackupRG_westeurope_1');
    expect(f.messages('C-ALL')).toHaveLength(2);
  });

  test('a job the bot already shows in the channel (Backup now) is updated in place, not posted again', async () => {
    await f.subscribe('C-OPS', { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all' });
    await f.subscribe('C-OTHER', { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all' });
    const item = await f.azure.service.findProtectedItem(SEED.protectedVmId);
    const job = await f.azure.service.backupNow(item!, new Date(f.azure.emulator.now().getTime() + 10 * DAY));
    // The Backup now message the adapter posted in C-OPS, tracked as the adapter does.
    const { messageId } = await f.notifier.post('C-OPS', { kind: 'notice', tone: 'info', title: 'Backup of web-01', text: 'queued', actions: [] }, 'adapter-post');
    await f.tracker.track(
      { job: { vaultId: WEU, jobName: job.name }, context: { vmId: SEED.protectedVmId, vmName: 'web-01', requestedBy: 'Ada' } },
      { platform: 'slack', messageRef: encodeMessageRef({ channel: 'C-OPS', ts: messageId }) },
    );
    await f.azure.emulator.advance(10 * 60_000);
    await f.tick('job-sweep');
    await f.tick('job-sweep');

    expect(f.chat.arrivals({ channel: 'C-OPS', method: 'chat.postMessage' })).toHaveLength(1); // only the adapter's own post
    const updates = f.chat.arrivals({ channel: 'C-OPS', method: 'chat.update' });
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.every((u) => u.ts === messageId)).toBe(true);
    const last = JSON.stringify(updates.at(-1)?.blocks);
    expect(last).toContain('Ada');
    expect(updates.at(-1)?.text).toMatch(/Backup of web-01: Completed/);
    // A channel that does not show it gets it as a new message, once.
    expect(f.messages('C-OTHER').filter((m) => m.includes('Backup of web-01'))).toHaveLength(1);
    expect((await listOutbox(f.db)).map((r) => r.channelKey)).toEqual(['slack:C-OTHER']);
  });

  test('a resource group scope follows the VMs in it, wherever their vault is', async () => {
    await f.subscribe('C-WEB', { kind: 'resource-group', subscriptionId: SEED.subscriptions.production, resourceGroup: 'rg-web-prod' }, { pendingDigest: true, jobs: 'all' });
    await f.subscribe('C-DATA', { kind: 'resource-group', subscriptionId: SEED.subscriptions.production, resourceGroup: 'rg-data-prod' }, { pendingDigest: true, jobs: 'all' });
    await f.azure.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedWindowsVmId]); // sql-01, rg-data-prod
    await f.tick('pending-digest', new Date('2030-01-01T09:00:00Z'));
    expect(f.messages('C-WEB')).toHaveLength(0);
    expect(f.messages('C-DATA')).toEqual([expect.stringContaining('sql-01 is waiting for its first backup')]);

    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    expect(f.messages('C-WEB').filter((m) => m.includes('Backup of web-01'))).toHaveLength(1);
    expect(f.messages('C-WEB').some((m) => m.includes('sql-01'))).toBe(false);
    expect(f.messages('C-DATA').filter((m) => m.includes('Backup of sql-01'))).toHaveLength(1);
    expect(f.messages('C-DATA').filter((m) => m.includes('sql-01 is now protected'))).toHaveLength(1);
  });
});

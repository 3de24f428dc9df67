import { createJobTracker } from '../../../src/flows/job-tracker';
import type { JobUpdate } from '../../../src/flows/job-tracker.port';
import { jobView } from '../../../src/flows/job-view';
import { AzureError } from '../../../src/domain/errors';
import { FakeBackupService } from './support/fake-backup-service';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const NOW = new Date('2024-05-14T10:00:00Z');

async function oneJob() {
  let now = NOW;
  const backup = new FakeBackupService(() => now);
  const vm = backup.addVm({ name: 'web-01' });
  const vault = backup.addVault('vault-weu');
  const item = backup.protect(vm, vault);
  const job = await backup.backupNow(item, new Date('2024-06-01T23:59:59Z'));
  const store = new MemoryTrackedJobs();
  const tracker = createJobTracker({ backup, store, now: () => now, portalBaseUrl: 'https://portal.azure.us' });
  const request = { job: { vaultId: vault.id, jobName: job.name }, context: { vmId: vm.id, vmName: 'web-01' } };
  return { backup, vm, vault, job, store, tracker, request, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('job tracker', () => {
  it('reads a job once for all the messages that show it', async () => {
    const { backup, tracker, request, advance } = await oneJob();
    await tracker.track(request, { platform: 'slack', messageRef: 'C1/1' });
    await tracker.track(request, { platform: 'teams', messageRef: 'conv/2' });
    advance(60_000);
    const updates = await tracker.refreshTrackedJobs(async () => undefined);
    expect(updates.map((u) => [u.tracked.platform, u.view.statusText])).toEqual([
      ['slack', 'In progress for 1 min'],
      ['teams', 'In progress for 1 min'],
    ]);
    expect(backup.callsOf('getJob')).toHaveLength(1);
    expect(updates[0].view.links[0].url.startsWith('https://portal.azure.us/#@/resource/subscriptions/')).toBe(true);
  });

  it('joins a pass already running instead of starting another', async () => {
    const { backup, tracker, request } = await oneJob();
    await tracker.track(request, { platform: 'slack', messageRef: 'm' });
    const seen: JobUpdate[] = [];
    const publish = async (u: JobUpdate) => void seen.push(u);
    await Promise.all([tracker.refreshTrackedJobs(publish), tracker.refreshTrackedJobs(publish)]);
    expect(seen).toHaveLength(1);
    expect(backup.callsOf('getJob')).toHaveLength(1);
  });

  it('keeps a job it cannot read for the next pass', async () => {
    const { backup, tracker, request, store } = await oneJob();
    await tracker.track(request, { platform: 'slack', messageRef: 'm' });
    backup.failNext('getJob', new AzureError('T', 'Too many requests', 'TooManyRequests', 429));
    expect(await tracker.refreshTrackedJobs(async () => undefined)).toEqual([]);
    expect(await store.listOpen()).toHaveLength(1);
    expect(await tracker.refreshTrackedJobs(async () => undefined)).toHaveLength(1);
  });

  it('survives a restart: a new tracker on the same store goes on updating', async () => {
    const { backup, store, request, job } = await oneJob();
    await createJobTracker({ backup, store, now: () => NOW }).track(request, { platform: 'slack', messageRef: 'm' });
    backup.finishJob(job.name, 'Completed');
    const afterRestart = createJobTracker({ backup, store, now: () => NOW });
    const [u] = await afterRestart.refreshTrackedJobs(async () => undefined);
    expect(u.view).toMatchObject({ phase: 'completed', final: true });
    expect(u.view.recoveryPoint?.expires?.text).toBe('1 Jun 2024 (18 days)');
    expect(await store.listOpen()).toEqual([]);
  });
});

describe('jobView', () => {
  it('says what a VM agent failure needs, and offers to try again', async () => {
    const { backup, job, vault } = await oneJob();
    backup.finishJob(job.name, 'Failed', { code: 'UserErrorGuestAgentStatusUnavailable', message: 'VM Agent unable to communicate with Azure Backup' });
    const view = jobView(await backup.getJob(vault.id, job.name), { now: NOW, context: { vmName: 'web-01' } });
    expect(view).toMatchObject({ phase: 'failed', tone: 'error', statusText: 'Failed after 15 min', title: 'Backup of web-01' });
    expect(view.error?.nextStep).toContain('Install or start the Azure VM agent on web-01');
    expect(view.actions[0]).toEqual({ label: 'Try again', intent: { type: 'now.start', vm: 'web-01' }, style: 'primary' });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('marks a job that completed with warnings', async () => {
    const { backup, job, vault } = await oneJob();
    backup.finishJob(job.name, 'CompletedWithWarnings', { code: 'UserErrorSomeDisksSkipped', message: 'One disk was not backed up.' });
    const view = jobView(await backup.getJob(vault.id, job.name), { now: NOW });
    expect(view).toMatchObject({ phase: 'completed-with-warnings', tone: 'warning', final: true, error: { message: 'One disk was not backed up.' } });
  });
});

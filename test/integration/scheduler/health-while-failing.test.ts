/**
 * `backup health` tells the truth while a task keeps failing: every job listing fails at Azure
 * (the emulator answers 500), and between runs the next one is "running since"; the headline
 * must not go back to green then, and it says when the task last succeeded.
 */
import { healthView } from '../../../src/flows/health.flow';
import { dateTimeWords } from '../../../src/flows/wording';
import { createSchedulerHealth } from '../../../src/scheduler';
import { claimTaskSlot } from '../../../src/store/repositories/task-runs.repository';
import { SEED } from '../../support/backup-harness';
import { CRONS, schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

/** One cron slot of the fixture's job sweep (every 20 s); small steps keep the manual clock inside the scheduler's lease. */
const SLOT = 20_000;

describe('backup health while the job sweep keeps failing', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await schedulerFixture();
  });
  afterEach(async () => {
    await f?.close();
  });

  const report = async () => healthView(await createSchedulerHealth({ db: f.db, config: CRONS, clock: f.clock })());
  const sweepFact = async (): Promise<string> => (await report()).facts?.find((x) => x.label.startsWith('Finished backup jobs'))?.value ?? '';
  /** A run of the sweep as the cron would start it, one slot after the last. */
  const sweepOnce = async (): Promise<string | undefined> => {
    f.clock.advance(SLOT);
    const outcome = await f.scheduler.runTask('job-sweep', f.clock.now());
    if (!outcome.ran) throw new Error(`the sweep did not run: ${outcome.reason}`);
    return outcome.error;
  };
  /** The next run has started (another replica, or this one mid-run): what `backup health` sees between runs. */
  const nextRunStarts = async () => {
    f.clock.advance(SLOT);
    expect(await claimTaskSlot(f.db, { task: 'job-sweep', slot: f.clock.now(), holder: 'replica-test', now: f.clock.now(), staleBefore: new Date(0) })).toBe(true);
  };

  test('amber from the first failure, red from the third, even while the next run is running, with when it last succeeded', async () => {
    await f.subscribe('C-OPS', { kind: 'vault', vaultId: SEED.vaultIds.westeurope });
    expect((await sweepOnce())).toBeUndefined();
    const succeededAt = f.clock.now();
    expect((await report()).tone).toBe('success');

    f.azure.emulator.injectFault({ kind: 'server-error', pathPattern: '/backupJobs$', method: 'GET', count: 100_000, status: 500 });
    expect((await sweepOnce())).toMatch(/vault rsv-prod-weu/);
    await nextRunStarts();
    const amber = await report();
    expect(amber.tone).toBe('warning');
    expect(amber.text).toMatch(/^Finished backup jobs failed its last run and last succeeded \w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC \([^)]+\)\. See the errors below; it runs again on schedule\.$/);
    expect(await sweepFact()).toMatch(/^running since .* · failed its last run, last succeeded /);

    await sweepOnce();
    await sweepOnce();
    await nextRunStarts();
    const red = await report();
    expect(red.tone).toBe('error');
    expect(red.text).toContain('Finished backup jobs failed its last 3 runs and last succeeded');
    expect(red.text).not.toContain('Sweeps run on schedule');
    expect(red.facts?.find((x) => x.label === 'Last errors')?.value).toMatch(/vault rsv-prod-weu/);
    expect(red.text).toContain(`last succeeded ${dateTimeWords(succeededAt)}`);

    // Azure answers again: the next run that ends well turns it green.
    f.azure.emulator.clearFaults();
    expect((await sweepOnce())).toBeUndefined();
    await nextRunStarts();
    expect(await report()).toMatchObject({ tone: 'success', text: 'Sweeps run on schedule and notifications are going out.' });
    expect(await sweepFact()).not.toContain('failed');
  });

  test('a task that has never succeeded says so', async () => {
    await f.subscribe('C-OPS', { kind: 'vault', vaultId: SEED.vaultIds.westeurope });
    f.azure.emulator.injectFault({ kind: 'server-error', pathPattern: '/backupJobs$', method: 'GET', count: 100_000, status: 500 });
    expect((await sweepOnce())).toBeDefined();
    await nextRunStarts();
    const view = await report();
    expect(view.tone).toBe('warning');
    expect(view.text).toMatch(/^Finished backup jobs failed its last run and has not succeeded yet\./);
  });
});

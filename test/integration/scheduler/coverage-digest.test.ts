/**
 * The weekly coverage digest (`backup subscribe … coverage`, COVERAGE_DIGEST_CRON) against the
 * emulator: one message per channel per run, within the channel's bindings, one listing of the VMs
 * per subscription whatever the number of channels, and a run that one replica did is not done
 * again by another (the task's slot claim) nor written twice (the outbox key).
 */
import type { AccessConfig } from '../../../src/config/config.types';
import type { Flows } from '../../../src/flows/flows.types';
import type { Actor } from '../../../src/flows/intents';
import { createScheduler } from '../../../src/scheduler';
import { SEED } from '../../support/backup-harness';
import { setVmTags } from '../../support/vm-tags';
import { CRONS, guardedFlowsOn, schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

const PROD = SEED.subscriptions.production;
const WORKSPACE = 'T0OPS';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: WORKSPACE, userId: 'U0ROOT' }],
  defaultChannelScope: 'none',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};
const admin = (channelId: string): Actor => ({ platform: 'slack', workspaceId: WORKSPACE, userId: 'U0ROOT', displayName: 'root', channelId });
const MONDAY = new Date('2030-01-07T09:00:00Z');
const WEEK = 7 * 24 * 3600_000;
const vmListings = (f: SchedulerFixture): number => f.azure.emulator.requests().filter((r) => r.method === 'GET' && /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(r.path)).length;

describe('the weekly coverage digest', () => {
  let f: SchedulerFixture;
  let flows: Flows;
  const say = async (channel: string, text: string): Promise<string> => {
    const r = await flows.handleText(text, admin(channel));
    return r.kind === 'message' && r.view.kind === 'notice' ? r.view.title : JSON.stringify(r).slice(0, 300);
  };

  beforeEach(async () => {
    f = await schedulerFixture({ access: { defaultChannelScope: ACCESS.defaultChannelScope } });
    flows = guardedFlowsOn(f, ACCESS);
  });
  afterEach(async () => {
    flows?.inventory.stop();
    await f?.close();
  });

  test('one digest per subscribed channel and run, within its bindings; the same run is not posted twice, by this replica or another', async () => {
    expect(await say('C0ALL', `backup admin bind ${PROD}`)).toBe('Channel bound');
    expect(await say('C0ALL', `backup subscribe subscription ${PROD} coverage`)).toMatch(/follows/);
    expect(await say('C0JOBS', `backup admin bind ${PROD}`)).toBe('Channel bound');
    expect(await say('C0JOBS', `backup subscribe subscription ${PROD} failures`)).toMatch(/follows/);
    // Bound to one group, following the whole subscription (subscribed before the binding narrowed):
    // told only of the group's VMs.
    expect(await say('C0WEB', `backup admin bind ${PROD}/rg-web-prod`)).toBe('Channel bound');
    await f.subscribe('C0WEB', { kind: 'subscription', subscriptionId: PROD }, { pendingDigest: false, jobs: 'none', coverageDigest: true });
    // `backup subscriptions` and `backup health` show it as the other digests are shown.
    const listed = await flows.handleText('backup subscriptions', admin('C0ALL'));
    expect(JSON.stringify(listed)).toContain('The weekly coverage digest');
    const health = await flows.handleText('backup health', admin('C0ALL'));
    expect(JSON.stringify(health)).toContain('Weekly coverage digest');

    await setVmTags(f.azure.emulator, SEED.vmId('lb-01'), { backup: 'exclude' });
    const listingsBefore = vmListings(f);
    await f.tick('coverage-digest', MONDAY);
    // Two channels follow subscription 1: its VMs are listed once.
    expect(vmListings(f) - listingsBefore).toBe(1);

    const all = f.messages('C0ALL');
    expect(all).toHaveLength(1);
    expect(all[0]).toContain('Weekly backup coverage');
    expect(all[0]).toContain('21 VMs of 24 in subscription');
    expect(all[0]).toContain('2 VMs excluded by tag backup=exclude'); // jump-01 (seeded) and lb-01 (tagged by PATCH)
    expect(all[0]).toContain('vault.choose'); // Enable backup into the vault path
    const web = f.messages('C0WEB');
    expect(web).toHaveLength(1);
    expect(web[0]).toContain('3 VMs of 5');
    expect(web[0]).toContain('web-02');
    expect(web[0]).not.toContain('app-01');
    expect(f.messages('C0JOBS')).toEqual([]);

    // The same slot again: this replica has run it.
    expect(await f.scheduler.runTask('coverage-digest', MONDAY)).toEqual({ ran: false, reason: 'already-run' });

    // Another replica takes over (the first stops and gives the lease up): the slot is done, the next week is its.
    const other = createScheduler({ db: f.db, dialect: 'sqlite', backup: f.azure.service, config: CRONS, notifiers: [f.notifier], azureNow: () => f.botNow(), clock: f.clock, holderId: 'replica-b', access: ACCESS });
    expect(await other.runTask('coverage-digest', MONDAY)).toEqual({ ran: false, reason: 'not-leader' });
    await f.scheduler.stop();
    expect(await other.runTask('coverage-digest', MONDAY)).toEqual({ ran: false, reason: 'already-run' });
    const next = await other.runTask('coverage-digest', new Date(MONDAY.getTime() + WEEK));
    expect(next).toMatchObject({ ran: true, result: { notifications: 2 } });
    await other.dispatcher.drain();
    expect(f.messages('C0ALL')).toHaveLength(2);
    expect(f.messages('C0WEB')).toHaveLength(2);
    await other.stop();
  });
});

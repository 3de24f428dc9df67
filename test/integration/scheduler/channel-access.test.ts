/**
 * Notifications within channel bindings, end to end: the guarded flows (typed `backup admin bind`,
 * `backup subscribe`, `backup subscriptions`) and the scheduler's sweeps on one store, against the
 * emulator and the fake Slack API. As on Azure, a channel nobody bound sees nothing.
 */
import type { AccessConfig } from '../../../src/config/config.types';
import { MAX_CLOCK_SKEW_MS } from '../../../src/domain/clock-skew.rule';
import type { Flows } from '../../../src/flows/flows.types';
import type { Actor } from '../../../src/flows/intents';
import type { FlowResult, NoticeView } from '../../../src/flows/views';
import { SEED } from '../../support/backup-harness';
import { guardedFlowsOn, schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

const PROD = SEED.subscriptions.production;
const WEU = SEED.vaultIds.westeurope;
const WORKSPACE = 'T0OPS';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: WORKSPACE, userId: 'U0ROOT' }],
  defaultChannelScope: 'none',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};
const admin = (channelId: string): Actor => ({ platform: 'slack', workspaceId: WORKSPACE, userId: 'U0ROOT', displayName: 'root', channelId });

function noticeOf(r: FlowResult): NoticeView {
  if (r.kind !== 'message' || r.view.kind !== 'notice') throw new Error(`expected a notice, got ${JSON.stringify(r).slice(0, 600)}`);
  return r.view;
}

describe('notifications respect channel bindings', () => {
  let f: SchedulerFixture;
  let flows: Flows;
  const say = async (channel: string, text: string): Promise<NoticeView> => noticeOf(await flows.handleText(text, admin(channel)));
  const endings = (channel: string, vm: string): string[] => f.messages(channel).filter((m) => m.includes(`Backup of ${vm}`));

  beforeEach(async () => {
    f = await schedulerFixture({ access: { defaultChannelScope: ACCESS.defaultChannelScope } });
    flows = guardedFlowsOn(f, ACCESS);
  });
  afterEach(async () => {
    flows?.inventory.stop();
    await f?.close();
  });

  test('bound to the subscription, a channel gets its job endings; unbound it gets none and its subscription is listed as paused; bound again it resumes', async () => {
    expect((await say('C0OPS', `backup admin bind ${PROD}`)).title).toBe('Channel bound');
    expect((await say('C0OPS', `backup subscribe subscription ${PROD} jobs`)).title).toBe(`This channel now follows subscription ${PROD}`);
    await f.tick('job-sweep');

    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    expect(endings('C0OPS', 'web-01')).toHaveLength(1);

    expect((await say('C0OPS', `backup admin unbind ${PROD}`)).title).toMatch(/unbound/i);
    const paused = await say('C0OPS', 'backup subscriptions');
    expect(paused.title).toBe('This channel follows 1 scope (1 paused)');
    expect(paused.text).toContain(`Subscription ${PROD} is paused: this channel is not bound to it`);
    expect(paused.text).toContain(`\`backup admin bind ${PROD}\``);

    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    await f.tick('job-sweep');
    expect(endings('C0OPS', 'web-01')).toHaveLength(1);
    // Bound again later than the clocks may disagree (a job that ended within MAX_CLOCK_SKEW_MS
    // before a binding may be told: skew must never make the bot drop one that ended after it).
    await f.azure.emulator.advance(MAX_CLOCK_SKEW_MS + 60_000);

    expect((await say('C0OPS', `backup admin bind ${PROD}`)).title).toBe('Channel bound');
    const resumed = await say('C0OPS', 'backup subscriptions');
    expect(resumed.title).toBe('This channel follows 1 scope');
    expect(resumed.text).not.toContain('paused');
    await f.tick('job-sweep');
    // The backup that ended while the channel was unbound is not told late.
    expect(endings('C0OPS', 'web-01')).toHaveLength(1);
    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    expect(endings('C0OPS', 'web-01')).toHaveLength(2);
  });

  test('narrowed to a resource group (and its vaults\' group), a channel that follows the whole subscription hears of that group only', async () => {
    await say('C0OPS', `backup admin bind ${PROD}`);
    await say('C0WEB', `backup admin bind ${PROD}`);
    await say('C0OPS', `backup subscribe subscription ${PROD}`);
    await say('C0WEB', `backup subscribe subscription ${PROD}`);
    expect((await say('C0WEB', `backup admin bind ${PROD}/rg-web-prod`)).title).toBe('Channel bound');
    expect((await say('C0WEB', `backup admin bind ${PROD}/rg-backup`)).title).toBe('Channel bound');
    await say('C0WEB', `backup admin unbind ${PROD}`);
    await f.tick('job-sweep');

    const listed = await say('C0WEB', 'backup subscriptions');
    expect(listed.title).toBe('This channel follows 1 scope');
    expect(listed.text).toContain(`For subscription ${PROD}, only what this channel is bound to is posted.`);

    // web-02 (rg-web-prod) and sql-01 (rg-data-prod) wait for their first backup in the same vault.
    const enabled = await f.azure.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedVmId, SEED.unprotectedWindowsVmId]);
    expect(enabled.every((o) => o.ok)).toBe(true);
    await f.tick('pending-digest', new Date('2030-01-01T09:00:00Z'));
    const [webDigest] = f.messages('C0WEB');
    expect(webDigest).toContain('web-02 is waiting for its first backup');
    expect(webDigest).not.toContain('sql-01');
    expect(f.messages('C0OPS')[0]).toMatch(/sql-01[\s\S]*web-02|web-02[\s\S]*sql-01/);

    await f.passScheduledBackup(WEU);
    await f.tick('job-sweep');
    for (const vm of ['web-01', 'web-02', 'sql-01']) expect({ vm, told: endings('C0OPS', vm).length }).toEqual({ vm, told: 1 });
    expect(endings('C0WEB', 'web-01')).toHaveLength(1);
    expect(endings('C0WEB', 'web-02')).toHaveLength(1);
    expect(f.messages('C0WEB').filter((m) => m.includes('sql-01'))).toEqual([]);
    expect(f.messages('C0WEB').filter((m) => m.includes('web-02 is now protected'))).toHaveLength(1);
  });

  test('subscribing to what the channel is not bound to is refused, and nothing is subscribed', async () => {
    await say('C0WEB', `backup admin bind ${PROD}/rg-web-prod`);
    await say('C0WEB', `backup admin bind ${PROD}/rg-backup`);

    const whole = await say('C0WEB', `backup subscribe ${PROD}`);
    expect(whole.title).toBe('Subscribing this channel to notifications: not in this channel\'s scope');
    expect(whole.text).toContain(`subscription ${PROD.toLowerCase()} is not bound to this channel`);
    const group = await say('C0WEB', `backup subscribe /subscriptions/${PROD}/resourceGroups/rg-data-prod`);
    expect(group.title).toBe('Subscribing this channel to notifications: not in this channel\'s scope');
    // By name, what the channel may not see is not found (the bot does not say it exists).
    expect((await say('C0WEB', 'backup subscribe rg rg-data-prod')).title).toBe('No resource group "rg-data-prod" found');
    expect((await say('C0WEB', 'backup subscriptions')).title).toBe('This channel gets no notifications');

    // What it is bound to, it may follow; the form offers only that.
    expect((await say('C0WEB', 'backup subscribe rg rg-web-prod')).title).toBe('This channel now follows resource group rg-web-prod');
    const form = await flows.handleText('backup subscribe', admin('C0WEB'));
    if (form.kind !== 'form') throw new Error('expected the subscribe form');
    const scopeField = form.view.fields.find((x) => x.id === 'scope');
    if (scopeField?.kind !== 'select') throw new Error('no scope select');
    expect(scopeField.options.map((o) => o.label)).not.toContain(`Subscription ${PROD}`);
    expect(scopeField.options.map((o) => o.label)).toEqual(expect.arrayContaining(['Vault rsv-prod-weu', 'Resource group rg-web-prod', 'Resource group rg-backup']));
    expect(scopeField.options.some((o) => o.label.includes('rg-data-prod'))).toBe(false);
  });
});

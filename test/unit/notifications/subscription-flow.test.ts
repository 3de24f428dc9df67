import { formModal } from '../../../cards/slack';
import { ALL_SCOPE, type ChannelScope } from '../../../src/access/channel-scope';
import { teamsCard } from '../../../cards/teams';
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult, FormView, NoticeView } from '../../../src/flows/views';
import type { SchedulerHealth } from '../../../src/notifications/scheduler-health.types';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import type { SubscriptionStore } from '../../../src/notifications/subscription.types';
import { openStore, type Store } from '../../../src/store';
import { botIsBack, listWaitingChannels, waitForBot } from '../../../src/store/repositories/channel-waits.repository';
import { FakeBackupService, SUB } from '../flows/support/fake-backup-service';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { checkModal } from '../../support/block-kit-limits';

const IN_OPS: Actor = { platform: 'slack', userId: 'U1', displayName: 'Ada', channelId: 'C-OPS' };
const IN_DEV: Actor = { platform: 'slack', userId: 'U2', channelId: 'C-DEV' };

function expectNotice(r: FlowResult): NoticeView {
  if (r.kind !== 'message' || r.view.kind !== 'notice') throw new Error(`expected a notice, got ${JSON.stringify(r).slice(0, 300)}`);
  return r.view;
}
function expectForm(r: FlowResult): FormView {
  if (r.kind !== 'form' && r.kind !== 'invalid') throw new Error(`expected a form, got ${JSON.stringify(r).slice(0, 300)}`);
  return r.view;
}

describe('subscription commands', () => {
  let store: Store;
  let subscriptions: SubscriptionStore;
  let backup: FakeBackupService;
  let flows: Flows;
  let health: SchedulerHealth;
  /** The channel's access scope, as the store's bindings would give it. */
  let access: ChannelScope;
  const run = (text: string, actor: Actor = IN_OPS) => flows.handleText(text, actor);
  const press = (intent: Intent, actor: Actor = IN_OPS) => flows.handle(intent, actor);

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    subscriptions = createSubscriptionStore(store.db);
    backup = new FakeBackupService();
    access = ALL_SCOPE;
    backup.addVault('rsv-weu', 'westeurope', 'rg-backup');
    backup.addVault('rg-web', 'northeurope', 'rg-backup'); // a vault named like a resource group
    backup.addVm({ name: 'web-01', resourceGroup: 'rg-web' });
    backup.addVm({ name: 'db-01', resourceGroup: 'rg-data' });
    health = {
      now: new Date('2024-05-14T10:00:00Z'),
      tasks: [{ name: 'job-sweep', title: 'Finished backup jobs', schedule: '*/20 * * * * *', lastRun: { startedAt: new Date('2024-05-14T09:59:40Z'), status: 'error', durationMs: 1200 }, nextRun: new Date('2024-05-14T10:00:20Z'), lastError: { at: new Date('2024-05-14T09:59:41Z'), message: 'vault rsv-weu: throttled' }, failedRunsInARow: 1, lastSuccessAt: new Date('2024-05-14T09:59:20Z') }],
      outbox: { pending: 3, inDoubt: 1, oldestPendingAt: new Date('2024-05-14T09:58:00Z'), sentLastDay: 40, failedLastDay: 1 },
    };
    flows = createFlows({
      backup,
      trackedJobs: new MemoryTrackedJobs(),
      portalBaseUrl: 'https://portal.azure.com',
      now: () => new Date('2024-05-14T10:00:00Z'),
      notifications: { subscriptions, access: { scopeOf: async () => access }, waitingFor: async (channel) => (await listWaitingChannels(store.db, channel))[0], resume: async (channel) => void (await botIsBack(store.db, channel.platform, [channel.conversationId], new Date())), health: async () => health },
    });
  });
  afterEach(async () => {
    await store.close();
  });

  test('subscribes the channel to a vault by name, with what it asked for', async () => {
    const done = expectNotice(await run('backup subscribe vault rsv-weu failures'));
    expect(done).toMatchObject({ tone: 'success', title: 'This channel now follows vault rsv-weu' });
    expect(done.text).toContain('failed backup jobs');
    const [sub] = await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' });
    expect(sub).toMatchObject({ scope: { kind: 'vault', vaultId: backup.vaults[0].id }, scopeName: 'rsv-weu', events: { pendingDigest: false, jobs: 'failures' }, createdBy: 'Ada' });
    // Again with other events: the same subscription changes, no second one.
    expect(expectNotice(await run('subscribe rsv-weu')).title).toBe('Updated: this channel follows vault rsv-weu');
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toEqual([expect.objectContaining({ id: sub.id, events: { pendingDigest: true, jobs: 'all' } })]);
    // Another channel has none.
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-DEV' })).toEqual([]);
  });

  test('a name that is both a vault and a resource group asks which one; a button settles it', async () => {
    const ask = expectNotice(await run('subscribe rg-web'));
    expect(ask.title).toBe('More than one "rg-web"');
    expect(ask.actions.map((a) => a.label)).toEqual(['vault rg-web', expect.stringMatching(/^resource group rg-web \(00000000…\)$/)]);
    const group = ask.actions[1].intent;
    expect(expectNotice(await press(group)).title).toBe('This channel now follows resource group rg-web');
    const [sub] = await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' });
    expect(sub.scope).toEqual({ kind: 'resource-group', subscriptionId: SUB, resourceGroup: 'rg-web' });
    // Saying which kind avoids the question.
    expect(expectNotice(await run('subscribe rg rg-data pending')).title).toBe('This channel now follows resource group rg-data');
  });

  test('the form names a subscription by its display name when Azure gives one', async () => {
    backup.subscriptionNames = async () => ({ [SUB.toLowerCase()]: 'Contoso Production' });
    const form = expectForm(await run('subscribe'));
    const scopeField = form.fields.find((f) => f.id === 'scope');
    if (scopeField?.kind !== 'select') throw new Error('no scope select');
    expect(scopeField.options[0]).toMatchObject({ label: 'Subscription Contoso Production', description: `Every VM and vault in it (${SUB})` });
  });

  test('a subscription by id, and one the bot does not manage', async () => {
    expect(expectNotice(await run(`subscribe ${SUB} jobs`)).title).toBe(`This channel now follows subscription ${SUB}`);
    const unknown = expectNotice(await run('subscribe 11111111-2222-3333-4444-555555555555'));
    expect(unknown).toMatchObject({ tone: 'warning', title: 'No "11111111-2222-3333-4444-555555555555" found' });
  });

  test('without a scope, a form offers subscriptions, vaults and resource groups; its submit subscribes', async () => {
    const form = expectForm(await run('subscribe'));
    expect(form.form).toBe('subscribe');
    const scopeField = form.fields.find((f) => f.id === 'scope');
    if (scopeField?.kind !== 'select') throw new Error('no scope select');
    expect(scopeField.options.map((o) => o.label)).toEqual([`Subscription ${SUB}`, 'Vault rsv-weu', 'Vault rg-web', 'Resource group rg-backup', 'Resource group rg-data', 'Resource group rg-web']);
    // Renders on both platforms (a Slack modal within Block Kit's limits, an Adaptive Card).
    expect(checkModal(formModal(form, { channel: 'C-OPS', origin: 'test' }))).toEqual([]);
    expect(JSON.stringify(teamsCard(form))).toContain('Pending digest and failed backup jobs');
    const bad = await press({ ...form.submit.intent, values: { scope: '', events: 'all' } } as Intent);
    expect(bad.kind).toBe('invalid');
    const ok = expectNotice(await press({ ...form.submit.intent, values: { scope: backup.vaults[0].id, events: 'pending+failures' } } as Intent));
    expect(ok.title).toBe('This channel now follows vault rsv-weu');
    expect((await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' }))[0].events).toEqual({ pendingDigest: true, jobs: 'failures' });
  });

  test('the form\'s "Finished jobs" choice and the `threaded` word both give one thread a day, shown in the list; a bad choice names the field', async () => {
    const form = expectForm(await run('subscribe'));
    const layout = form.fields.find((f) => f.id === 'layout');
    if (layout?.kind !== 'select') throw new Error('no layout select');
    expect(layout.options.map((o) => o.value)).toEqual(['channel', 'threaded']);
    expect(checkModal(formModal(form, { channel: 'C-OPS', origin: 'test' }))).toEqual([]);
    const bad = await press({ ...form.submit.intent, values: { scope: backup.vaults[0].id, events: 'all', layout: 'sideways' } } as Intent);
    expect(bad).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ field: 'layout', code: 'LAYOUT_INVALID' })] });
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toEqual([]);
    // One thread a day lays out finished jobs: with a choice that posts none it is said, not dropped.
    for (const events of ['pending', 'coverage']) {
      const none = await press({ ...form.submit.intent, values: { scope: backup.vaults[0].id, events, layout: 'threaded' } } as Intent);
      expect(none).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ field: 'layout', code: 'LAYOUT_WITHOUT_JOBS' })] });
    }
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toEqual([]);
    await press({ ...form.submit.intent, values: { scope: backup.vaults[0].id, events: 'jobs', layout: 'threaded' } } as Intent);
    expect((await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' }))[0].events).toEqual({ pendingDigest: false, jobs: 'all', threaded: true });

    const typed = expectNotice(await run('backup subscribe rg rg-web failures threaded'));
    expect(typed.facts?.find((f) => f.label === 'Gets')?.value).toBe('failed backup jobs in one thread a day (failures also in the channel)');
    const list = expectNotice(await run('subscriptions'));
    expect((list.facts ?? []).map((f) => f.value).join('\n')).toMatch(/Every finished backup job in one thread a day/);
  });

  test('lists and removes this channel\'s subscriptions only; a button cannot remove another channel\'s', async () => {
    await run('subscribe rsv-weu');
    await run('subscribe rg rg-data', IN_OPS);
    await run('subscribe rsv-weu', IN_DEV);
    const list = expectNotice(await run('subscriptions'));
    expect(list.title).toBe('This channel follows 2 scopes');
    expect(list.facts?.map((f) => f.label)).toEqual(['Vault rsv-weu', 'Resource group rg-data']);
    const unsubscribeButton = list.actions.find((a) => a.intent.type === 'unsubscribe');
    if (!unsubscribeButton) throw new Error('no unsubscribe button');
    // Pressed in another channel: nothing there to remove.
    expect(expectNotice(await press(unsubscribeButton.intent, IN_DEV)).title).toBe('That subscription is already gone');
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toHaveLength(2);
    expect(expectNotice(await press(unsubscribeButton.intent)).title).toBe('This channel no longer follows vault rsv-weu');
    expect(expectNotice(await run('unsubscribe rg-data')).title).toBe('This channel no longer follows resource group rg-data');
    expect(expectNotice(await run('subscriptions')).title).toBe('This channel gets no notifications');
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-DEV' })).toHaveLength(1);
    expect(expectNotice(await run('unsubscribe all', IN_DEV)).text).toContain('1 subscription removed');
  });

  test('a subscription the channel is no longer bound to is listed as paused, with the binding that resumes it', async () => {
    await run('subscribe rsv-weu');
    await run(`subscribe ${SUB} jobs`);
    await run('subscribe rg rg-data');
    expect(expectNotice(await run('subscriptions')).title).toBe('This channel follows 3 scopes');

    // Bound to the vaults' group only: the vault goes on, the subscription is only partly bound, rg-data is paused.
    access = { kind: 'bound', places: [{ subscriptionId: SUB, resourceGroup: 'rg-backup' }] };
    const list = expectNotice(await run('subscriptions'));
    expect(list.title).toBe('This channel follows 3 scopes (1 paused)');
    // (The three were made at the same instant: their order is the store's.)
    expect(list.text).toMatch(new RegExp(`^Notifications go to this channel for (vault rsv-weu and subscription ${SUB}|subscription ${SUB} and vault rsv-weu)\\. `));
    expect(list.text).toContain(`For subscription ${SUB}, only what this channel is bound to is posted.`);
    expect(list.text).toContain(`Resource group rg-data is paused: this channel is not bound to it, so nothing about it is posted here until an admin binds it (\`backup admin bind ${SUB}/rg-data\`).`);
    const facts = Object.fromEntries((list.facts ?? []).map((f) => [f.label, f.value]));
    expect(facts['Vault rsv-weu']).toMatch(/^The digest/);
    expect(facts[`Subscription ${SUB}`]).toMatch(/^Only what this channel is bound to · Every finished backup job/);
    expect(facts['Resource group rg-data']).toMatch(/^Paused: this channel is not bound to it · The digest/);
    // Still there, still removable.
    expect(list.actions.filter((a) => a.intent.type === 'unsubscribe')).toHaveLength(3);

    // Bound to nothing: all paused.
    access = { kind: 'bound', places: [] };
    const none = expectNotice(await run('subscriptions'));
    expect(none.title).toBe('This channel follows 3 scopes (3 paused)');
    expect(none.text).toMatch(/^\w+ [^,]+, \w+ .+ and \w+ .+ are paused: this channel is not bound to them, so nothing about them is posted here until an admin binds them \(`backup admin bind .+`, `backup admin bind .+` and `backup admin bind .+`\)\.$/);
    expect(none.text).not.toContain('Notifications go to this channel');
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toHaveLength(3);
  });

  test('the flow itself refuses to follow what the channel is not bound to, and offers only what it is bound to', async () => {
    access = { kind: 'bound', places: [{ subscriptionId: SUB, resourceGroup: 'rg-backup' }] };
    const whole = expectNotice(await run(`subscribe ${SUB}`));
    expect(whole).toMatchObject({ tone: 'warning', title: `This channel is bound to only part of subscription ${SUB}` });
    expect(whole.text).toContain(`\`backup admin bind ${SUB}\``);
    const group = expectNotice(await run('subscribe rg rg-data'));
    expect(group.title).toBe('This channel is not bound to resource group rg-data');
    expect(group.text).toContain(`\`backup admin bind ${SUB}/rg-data\``);
    expect(group.text).toContain('Nothing was changed.');
    expect(await subscriptions.list({ platform: 'slack', conversationId: 'C-OPS' })).toEqual([]);

    const form = expectForm(await run('subscribe'));
    const scopeField = form.fields.find((f) => f.id === 'scope');
    if (scopeField?.kind !== 'select') throw new Error('no scope select');
    expect(scopeField.options.map((o) => o.label)).toEqual(['Vault rsv-weu', 'Vault rg-web', 'Resource group rg-backup']);
    expect(expectNotice(await run('subscribe rsv-weu')).title).toBe('This channel now follows vault rsv-weu');
  });

  test('outside a channel, or without the scheduler, says so', async () => {
    const noChannel = expectNotice(await run('subscribe rsv-weu', { platform: 'slack', userId: 'U1' }));
    expect(noChannel.title).toBe('Run this in a channel');
    const bare = createFlows({ backup, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com' });
    expect(expectNotice(await bare.handleText('subscriptions', IN_OPS)).title).toBe('Notifications are not set up');
    expect(expectNotice(await bare.handleText('health', IN_OPS)).title).toBe('Notifications are not set up');
  });

  test('a channel the bot is not in: its subscriptions say they are paused and how to /invite the bot; health lists it; the invite resumes them', async () => {
    await run('subscribe rsv-weu');
    // What the dispatcher records after Slack's not_in_channel (docs.slack.dev/reference/methods/chat.postMessage, Errors).
    await waitForBot(store.db, { platform: 'slack', conversationId: 'C-OPS' }, { code: 'not_in_channel', at: new Date('2024-05-14T09:00:00Z') });
    const list = expectNotice(await run('subscriptions'));
    expect(list.tone).toBe('warning');
    expect(list.text).toContain('paused since 14 May 2024: the bot is not in <#C-OPS>: `/invite @Azure Backup` in <#C-OPS>');
    // Another channel is not told about it.
    expect(expectNotice(await run('subscriptions', IN_DEV)).text).not.toContain('/invite');

    health = { ...health, waitingChannels: await listWaitingChannels(store.db) };
    const view = expectNotice(await run('health'));
    const facts = Object.fromEntries((view.facts ?? []).map((f) => [f.label, f.value]));
    expect(facts['Waiting for the bot']).toContain('(not_in_channel): the bot is not in <#C-OPS>: `/invite @Azure Backup` in <#C-OPS>');

    // Subscribing there again (e.g. right after the /invite, on a workspace whose app has no
    // member_joined_channel event yet) lets notifications go out again too.
    await run('subscribe rg-data');
    expect(await listWaitingChannels(store.db)).toEqual([]);
    expect(expectNotice(await run('subscriptions')).text).not.toContain('/invite');
  });

  test('backup health shows each task, the backlog and the last errors', async () => {
    const view = expectNotice(await run('health'));
    expect(view.tone).toBe('warning');
    const facts = Object.fromEntries((view.facts ?? []).map((f) => [f.label, f.value]));
    expect(facts['Finished backup jobs']).toMatch(/^last run Tue 14 May 2024, 09:59 UTC \(just now\), with errors in 1 s · /);
    expect(facts['Finished backup jobs']).toContain('next Tue 14 May 2024, 10:00 UTC');
    expect(facts.Notifications).toBe('3 waiting, oldest since Tue 14 May 2024, 09:58 UTC (2 min ago), 1 being checked after an interrupted send · last 24 hours: 40 sent, 1 failed');
    expect(facts['Last errors']).toContain('vault rsv-weu: throttled');
    expect(facts['Sweeps run on']).toMatch(/no replica/);
  });
});

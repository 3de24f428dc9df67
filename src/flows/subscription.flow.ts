/**
 * Channel notifications: `backup subscribe`, `backup unsubscribe`, `backup subscriptions`.
 * A subscription belongs to the conversation it was made in (Actor.channelId): the scheduler
 * posts there. What each channel gets is its own choice (pending digests, every finished job,
 * failed jobs only), within what the channel is bound to: a subscription the channel's bindings
 * no longer reach is kept but paused, and the list says so.
 */
import type { ChannelScope } from '../access/channel-scope';
import type { Vault } from '../domain/backup.types';
import { AzureError } from '../domain/errors';
import { bindingFor, reachOf, type SubscriptionReach } from '../notifications/subscription-access';
import { asChatPlatform, eventsWords, scopeFromId, scopeId, scopeWords } from '../notifications/subscription-scope';
import type { ChannelAddress, ChannelSubscription, SubscriptionEvents, SubscriptionScope } from '../notifications/subscription.types';
import type { FlowContext } from './flow-context';
import { formResult, invalidResult, messageResult, notice } from './flow-results';
import { single } from './form-values';
import type { Resolved } from './resource-lookup';
import type { NotificationsPort } from './notifications.port';
import type { Actor, FormValues, NotificationEventWord, ScopeKindWord, SubscribeIntent, SubscribeSubmitIntent, UnsubscribeIntent } from './intents';
import type { ButtonView, FieldError, FlowResult, FormView, NoticeView, OptionView } from './views';
import { subscriptionNames } from './subscription-names';
import { dayWords, listWords, plural, waitingForBotWords } from './wording';

/** Field ids of the subscribe form. */
export const SUBSCRIBE_FIELDS = { scope: 'scope', events: 'events', layout: 'layout' } as const;

/** The choices of the form's layout field: job endings as channel posts, or in one thread a day. */
export const LAYOUT_CHOICES: Record<string, { label: string; threaded: boolean }> = {
  channel: { label: 'Each finished job as a message in the channel', threaded: false },
  threaded: { label: 'One thread a day under a summary line; failures also in the channel', threaded: true },
};

/** The choices of the form's events field, and what each brings. */
export const EVENT_CHOICES: Record<string, { label: string; events: SubscriptionEvents }> = {
  all: { label: 'Pending digest and every finished backup job', events: { pendingDigest: true, jobs: 'all' } },
  'pending+failures': { label: 'Pending digest and failed backup jobs', events: { pendingDigest: true, jobs: 'failures' } },
  jobs: { label: 'Every finished backup job', events: { pendingDigest: false, jobs: 'all' } },
  failures: { label: 'Failed backup jobs only', events: { pendingDigest: false, jobs: 'failures' } },
  pending: { label: 'Pending digest only', events: { pendingDigest: true, jobs: 'none' } },
  coverage: { label: 'Weekly coverage digest only (VMs no vault protects)', events: { pendingDigest: false, jobs: 'none', coverageDigest: true } },
};

/** How many subscriptions a list shows with buttons. */
const LIST_MAX = 20;
/** A select offers at most this many scopes (Slack's limit for static options). */
const SCOPE_OPTIONS_MAX = 100;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ScopeChoice {
  scope: SubscriptionScope;
  name: string;
}

type Ready = { ok: true; channel: ChannelAddress; port: NotificationsPort } | { ok: false; result: FlowResult };

/** The channel and the store, or the notice saying why there are none. */
function ready(ctx: FlowContext, actor: Actor): Ready {
  if (!ctx.notifications) {
    return { ok: false, result: messageResult(notice('warning', 'Notifications are not set up', 'This bot runs without its scheduler, so channels cannot subscribe to notifications.')) };
  }
  const platform = asChatPlatform(actor.platform);
  if (!platform || !actor.channelId) {
    return {
      ok: false,
      result: messageResult(
        notice('warning', 'Run this in a channel', 'Notifications go to the conversation where you subscribe. Run the command in the channel (or chat) that should get them, with the bot in it.'),
      ),
    };
  }
  return { ok: true, channel: { platform, conversationId: actor.channelId }, port: ctx.notifications };
}

/** What typed event words ask for; none (or `threaded` alone): the pending digest and every finished job. */
export function eventsOf(words: readonly NotificationEventWord[] | undefined): SubscriptionEvents {
  const threaded = words?.includes('threaded') === true ? { threaded: true } : {};
  const coverage = words?.includes('coverage') === true ? { coverageDigest: true } : {};
  const what = (words ?? []).filter((w) => w !== 'threaded' && w !== 'coverage');
  // `coverage` alone asks for the weekly coverage digest only; with other words it adds to them.
  if (what.length === 0 && !coverage.coverageDigest) return { pendingDigest: true, jobs: 'all', ...threaded };
  const jobs = what.includes('failures') ? 'failures' : what.includes('jobs') ? 'all' : 'none';
  return { pendingDigest: what.includes('pending'), jobs, ...(jobs !== 'none' ? threaded : {}), ...coverage };
}

const kindWords: Record<ScopeKindWord, string> = { subscription: 'subscription', 'resource-group': 'resource group', vault: 'vault' };

/**
 * A scope from what a person typed: an ARM id, a subscription id, or the name of a vault or a
 * resource group (both are looked for unless `kind` says which). Only what the bot's backup
 * service sees can be found, so a channel cannot subscribe to what it may not see.
 */
export async function resolveScope(ctx: FlowContext, text: string, kind?: ScopeKindWord): Promise<Resolved<ScopeChoice>> {
  const t = text.trim();
  const fromId = scopeFromId(t);
  if (fromId) {
    const verified = await verifyScope(ctx, fromId);
    return verified ? { kind: 'one', value: verified } : { kind: 'none', suggestions: [] };
  }
  if (GUID.test(t) && (kind === undefined || kind === 'subscription')) {
    const known = ctx.backup.subscriptions().find((s) => s.toLowerCase() === t.toLowerCase());
    return known ? { kind: 'one', value: { scope: { kind: 'subscription', subscriptionId: known }, name: known } } : { kind: 'none', suggestions: [] };
  }
  if (kind === 'subscription') return { kind: 'none', suggestions: [] };
  const wanted = t.toLowerCase();
  const found: ScopeChoice[] = [];
  const vaults = await ctx.backup.listVaults();
  if (kind !== 'resource-group') {
    for (const v of vaults.filter((x) => x.name.toLowerCase() === wanted)) found.push({ scope: { kind: 'vault', vaultId: v.id }, name: v.name });
  }
  if (kind !== 'vault') found.push(...(await resourceGroups(ctx, vaults)).filter((g) => g.name.toLowerCase() === wanted));
  if (found.length === 1) return { kind: 'one', value: found[0] };
  if (found.length > 1) return { kind: 'many', values: found };
  const near = vaults.filter((v) => v.name.toLowerCase().includes(wanted)).map((v): ScopeChoice => ({ scope: { kind: 'vault', vaultId: v.id }, name: v.name }));
  return { kind: 'none', suggestions: near.slice(0, 5) };
}

async function verifyScope(ctx: FlowContext, scope: SubscriptionScope): Promise<ScopeChoice | undefined> {
  const subscriptions = ctx.backup.subscriptions().map((s) => s.toLowerCase());
  switch (scope.kind) {
    case 'subscription':
      return subscriptions.includes(scope.subscriptionId.toLowerCase()) ? { scope, name: scope.subscriptionId } : undefined;
    case 'resource-group':
      return subscriptions.includes(scope.subscriptionId.toLowerCase()) ? { scope, name: scope.resourceGroup } : undefined;
    case 'vault':
      try {
        const vault = await ctx.backup.getVault(scope.vaultId);
        return { scope: { kind: 'vault', vaultId: vault.id }, name: vault.name };
      } catch (err) {
        if (err instanceof AzureError && err.status === 404) return undefined;
        throw err;
      }
  }
}

/** The resource groups the bot knows of: those of the inventory's VMs and of the vaults. */
async function resourceGroups(ctx: FlowContext, vaults: Vault[]): Promise<ScopeChoice[]> {
  const groups = new Map<string, ScopeChoice>();
  const add = (subscriptionId: string, resourceGroup: string): void => {
    const key = `${subscriptionId}/${resourceGroup}`.toLowerCase();
    if (!groups.has(key)) groups.set(key, { scope: { kind: 'resource-group', subscriptionId, resourceGroup }, name: resourceGroup });
  };
  try {
    await ctx.inventory.ready();
    for (const { vm } of ctx.inventory.search('', { limit: ctx.inventory.size() }).matches) add(vm.subscriptionId, vm.resourceGroup);
  } catch (err) {
    ctx.logger.warn('subscribe: inventory not loaded; offering the vaults\' groups only', { err });
  }
  for (const v of vaults) add(v.subscriptionId, v.resourceGroup);
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function subscribeForm(ctx: FlowContext, access: ChannelScope, values: FormValues = {}, errors?: FieldError[]): Promise<FormView> {
  const vaults = await ctx.backup.listVaults();
  const groups = await resourceGroups(ctx, vaults);
  // Only what the channel is bound to as a whole: the rest would be refused, or paused at once.
  const followable = (option: OptionView): boolean => {
    const scope = scopeFromId(option.value);
    return scope !== undefined && reachOf(access, scope) === 'whole';
  };
  const names = await subscriptionNames(ctx);
  const options: OptionView[] = [
    ...ctx.backup.subscriptions().map((s) => ({
      value: scopeId({ kind: 'subscription', subscriptionId: s }),
      label: `Subscription ${names[s.toLowerCase()] ?? s}`,
      description: names[s.toLowerCase()] ? `Every VM and vault in it (${s})` : 'Every VM and vault in it',
    })),
    ...vaults.map((v) => ({ value: v.id, label: `Vault ${v.name}`, description: `${v.location}, resource group ${v.resourceGroup}` })),
    ...groups.map((g) => ({ value: scopeId(g.scope), label: `Resource group ${g.name}`, description: `VMs and vaults in it (subscription ${g.scope.kind === 'resource-group' ? g.scope.subscriptionId.slice(0, 8) : ''}…)` })),
  ]
    .filter(followable)
    .slice(0, SCOPE_OPTIONS_MAX);
  const chosenScope = single(values, SUBSCRIBE_FIELDS.scope);
  const chosenEvents = single(values, SUBSCRIBE_FIELDS.events);
  const chosenLayout = single(values, SUBSCRIBE_FIELDS.layout);
  return {
    kind: 'form',
    form: 'subscribe',
    title: 'Notifications for this channel',
    sections: ['The bot posts here: a digest of VMs still waiting for their first backup, and backup jobs as they end. Choose what this channel follows and what it gets.'],
    fields: [
      {
        kind: 'select',
        id: SUBSCRIBE_FIELDS.scope,
        label: 'Follow',
        hint: 'A subscription, a vault, or a resource group (its VMs, wherever they are backed up, and its vaults).',
        options,
        ...(chosenScope ? { value: chosenScope } : {}),
        style: 'dropdown',
      },
      {
        kind: 'select',
        id: SUBSCRIBE_FIELDS.events,
        label: 'Post',
        options: Object.entries(EVENT_CHOICES).map(([value, c]) => ({ value, label: c.label })),
        value: chosenEvents && EVENT_CHOICES[chosenEvents] ? chosenEvents : 'all',
        style: 'radio',
      },
      {
        kind: 'select',
        id: SUBSCRIBE_FIELDS.layout,
        label: 'Finished jobs',
        hint: 'A busy channel stays readable with one thread a day: a summary line updated in place, each job a reply under it.',
        options: Object.entries(LAYOUT_CHOICES).map(([value, c]) => ({ value, label: c.label })),
        value: chosenLayout && LAYOUT_CHOICES[chosenLayout] ? chosenLayout : 'channel',
        style: 'radio',
      },
    ],
    submit: { label: 'Subscribe', intent: { type: 'subscribe.submit', values: {} } },
    ...(errors ? { errors } : {}),
  };
}

async function save(ctx: FlowContext, ready: Extract<Ready, { ok: true }>, choice: ScopeChoice, events: SubscriptionEvents, actor: Actor): Promise<FlowResult> {
  const what = scopeWords(choice.scope, choice.name);
  const reach = reachOf(await ready.port.access.scopeOf(ready.channel), choice.scope);
  if (reach !== 'whole') return messageResult(notBoundNotice(what, choice.scope, reach));
  const { subscription, created } = await ready.port.subscriptions.subscribe({
    channel: ready.channel,
    scope: choice.scope,
    scopeName: choice.name,
    events,
    createdBy: actor.displayName ?? actor.userId,
    at: ctx.now(),
  });
  // A subscribe is someone asking for notifications here now: a channel that waited for the bot
  // tries again (if the bot is still not in it, one refusal pauses it again).
  await ready.port.resume?.(ready.channel);
  ctx.logger.info('channel subscribed', { channel: ready.channel, scope: scopeId(choice.scope), events, created });
  return messageResult(
    notice(
      'success',
      created ? `This channel now follows ${what}` : `Updated: this channel follows ${what}`,
      `It gets ${eventsWords(events)}. \`backup subscriptions\` lists what this channel follows; \`backup unsubscribe ${choice.name}\` stops it.`,
      {
        facts: [
          { label: 'Follows', value: what },
          { label: 'Gets', value: eventsWords(events) },
        ],
        actions: [
          { label: 'Subscriptions here', intent: { type: 'subscriptions.list' } },
          { label: 'Unsubscribe', intent: { type: 'unsubscribe', subscriptionId: subscription.id }, style: 'danger' },
        ],
      },
    ),
  );
}

/** `backup subscribe [scope] [pending] [jobs|failures]`: subscribes at once, or opens the form. */
export async function subscribe(ctx: FlowContext, intent: SubscribeIntent, actor: Actor): Promise<FlowResult> {
  const r = ready(ctx, actor);
  if (!r.ok) return r.result;
  if (!intent.scope) return formResult(await subscribeForm(ctx, await r.port.access.scopeOf(r.channel)));
  const found = await resolveScope(ctx, intent.scope, intent.scopeKind);
  const events = eventsOf(intent.events);
  if (found.kind === 'one') return save(ctx, r, found.value, events, actor);
  const typed = `${intent.scopeKind ? `${kindWords[intent.scopeKind]} ` : ''}"${intent.scope.slice(0, 80)}"`;
  if (found.kind === 'many') {
    return messageResult(
      notice('info', `More than one ${typed}`, `Choose which one this channel follows:`, {
        actions: found.values.slice(0, LIST_MAX).map((c) => ({
          label: `${scopeWords(c.scope, c.name)}${c.scope.kind === 'resource-group' ? ` (${c.scope.subscriptionId.slice(0, 8)}…)` : ''}`,
          intent: { type: 'subscribe', scope: scopeId(c.scope), events: intent.events },
        })),
      }),
    );
  }
  const suggestions: ButtonView[] = found.suggestions.map((c) => ({ label: scopeWords(c.scope, c.name), intent: { type: 'subscribe', scope: scopeId(c.scope), events: intent.events } }));
  return messageResult(
    notice('warning', `No ${typed} found`, `Name a vault, a resource group or a subscription id the bot can see${suggestions.length ? ', or pick one of these' : ''}. \`backup subscribe\` alone shows a list.`, {
      actions: [...suggestions, { label: 'Choose from a list', intent: { type: 'subscribe' } }],
    }),
  );
}

/** The subscribe form's submit. */
export async function subscribeSubmit(ctx: FlowContext, intent: SubscribeSubmitIntent, actor: Actor): Promise<FlowResult> {
  const r = ready(ctx, actor);
  if (!r.ok) return r.result;
  const scopeText = single(intent.values, SUBSCRIBE_FIELDS.scope);
  const choice = EVENT_CHOICES[single(intent.values, SUBSCRIBE_FIELDS.events) || 'all'];
  const layout = LAYOUT_CHOICES[single(intent.values, SUBSCRIBE_FIELDS.layout) || 'channel'];
  const errors: FieldError[] = [];
  if (!choice) errors.push({ field: SUBSCRIBE_FIELDS.events, code: 'EVENTS_INVALID', message: 'Choose what this channel gets.' });
  if (!layout) errors.push({ field: SUBSCRIBE_FIELDS.layout, code: 'LAYOUT_INVALID', message: `Choose how finished jobs are posted: ${Object.keys(LAYOUT_CHOICES).join(' or ')}.` });
  else if (layout.threaded && choice && choice.events.jobs === 'none') {
    errors.push({ field: SUBSCRIBE_FIELDS.layout, code: 'LAYOUT_WITHOUT_JOBS', message: `"${choice.label}" posts no finished jobs to lay out in a thread: choose "${LAYOUT_CHOICES.channel.label}", or what this channel gets with jobs.` });
  }
  const scope = scopeText ? scopeFromId(scopeText) : undefined;
  const verified = scope ? await verifyScope(ctx, scope) : undefined;
  if (!verified) errors.push({ field: SUBSCRIBE_FIELDS.scope, code: 'SCOPE_NOT_FOUND', message: scopeText ? 'That is no longer there; choose again.' : 'Choose what this channel follows.' });
  if (errors.length > 0 || !verified || !choice || !layout) return invalidResult(await subscribeForm(ctx, await r.port.access.scopeOf(r.channel), intent.values), errors);
  return save(ctx, r, verified, { ...choice.events, ...(layout.threaded ? { threaded: true } : {}) }, actor);
}

/** `backup subscriptions`: what this channel follows, each with an Unsubscribe button, and which are paused. */
export async function subscriptionsList(ctx: FlowContext, _intent: unknown, actor: Actor): Promise<FlowResult> {
  const r = ready(ctx, actor);
  if (!r.ok) return r.result;
  const subscriptions = await r.port.subscriptions.list(r.channel);
  const view = await listing(r, subscriptions);
  const waiting = subscriptions.length > 0 ? await r.port.waitingFor?.(r.channel) : undefined;
  if (!waiting) return messageResult(view);
  // Above the rest: nothing below reaches this channel until the bot is back in it.
  return messageResult({
    ...view,
    tone: 'warning',
    text: `Notifications here are paused since ${dayWords(waiting.since)}: ${waitingForBotWords(r.channel)}. ${view.text}`,
  });
}

/** The refusal to follow a scope the channel is not (wholly) bound to, with the binding that would allow it. */
function notBoundNotice(what: string, scope: SubscriptionScope, reach: Exclude<SubscriptionReach, 'whole'>): NoticeView {
  const bind = `An admin can bind it with \`backup admin bind ${bindingFor(scope)}\`; \`backup admin bindings\` shows what this channel is bound to. Nothing was changed.`;
  return reach === 'part'
    ? notice('warning', `This channel is bound to only part of ${what}`, `Notifications here cover only what the channel is bound to, so it cannot follow all of ${what}; follow the resource groups it is bound to instead. ${bind}`)
    : notice('warning', `This channel is not bound to ${what}`, `Notifications here cover only what the channel is bound to, so it cannot follow ${what}. ${bind}`);
}

/** The channel's subscriptions with the notice listing them; its scope is read only when there are some. */
async function listing(ready: Extract<Ready, { ok: true }>, subscriptions: ChannelSubscription[], headline?: string): Promise<NoticeView> {
  return listView(subscriptions, subscriptions.length > 0 ? await ready.port.access.scopeOf(ready.channel) : undefined, headline);
}

/** The channel's subscriptions; those its scope no longer reaches are marked paused (they stay, and resume once it is bound to them). */
function listView(subscriptions: ChannelSubscription[], access: ChannelScope | undefined, headline?: string): NoticeView {
  if (subscriptions.length === 0 || !access) {
    return notice('info', headline ?? 'This channel gets no notifications', 'Follow a vault, a resource group or a subscription with `backup subscribe <name>`; `backup subscribe` alone shows a list.', {
      actions: [{ label: 'Subscribe', intent: { type: 'subscribe' }, style: 'primary' }],
    });
  }
  const reach = new Map(subscriptions.map((s) => [s.id, reachOf(access, s.scope)]));
  const shown = subscriptions.slice(0, LIST_MAX);
  const where = (wanted: (r: SubscriptionReach) => boolean): ChannelSubscription[] => shown.filter((s) => wanted(reach.get(s.id) ?? 'none'));
  const words = (subs: ChannelSubscription[]): string => listWords(subs.map((s) => scopeWords(s.scope, s.scopeName)));
  const [active, partly, paused] = [where((r) => r !== 'none'), where((r) => r === 'part'), where((r) => r === 'none')];
  const pausedCount = [...reach.values()].filter((r) => r === 'none').length;
  const them = paused.length === 1 ? 'it' : 'them';
  const binds = listWords([...new Set(paused.map((s) => `\`backup admin bind ${bindingFor(s.scope)}\``))]);
  const text = [
    active.length > 0 ? `Notifications go to this channel for ${words(active)}.` : '',
    partly.length > 0 ? `For ${words(partly)}, only what this channel is bound to is posted.` : '',
    paused.length > 0
      ? `${capitalise(words(paused))} ${paused.length === 1 ? 'is' : 'are'} paused: this channel is not bound to ${them}, so nothing about ${them} is posted here until an admin binds ${them} (${binds}).`
      : '',
  ];
  const state: Record<SubscriptionReach, string> = { whole: '', part: 'Only what this channel is bound to · ', none: 'Paused: this channel is not bound to it · ' };
  return notice('info', headline ?? `This channel follows ${plural(subscriptions.length, 'scope')}${pausedCount > 0 ? ` (${pausedCount} paused)` : ''}`, text.filter(Boolean).join(' '), {
    facts: shown.map((s) => ({
      label: capitalise(scopeWords(s.scope, s.scopeName)),
      value: `${state[reach.get(s.id) ?? 'none']}${capitalise(eventsWords(s.events))} · since ${dayWords(s.createdAt)} (${s.createdBy})`,
    })),
    actions: [
      ...shown.map((s): ButtonView => ({ label: `Unsubscribe: ${s.scopeName.slice(0, 40)}`, intent: { type: 'unsubscribe', subscriptionId: s.id }, style: 'danger' })),
      { label: 'Subscribe', intent: { type: 'subscribe' } },
    ],
  });
}

const capitalise = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** `backup unsubscribe [scope|all]`, or an Unsubscribe button (by subscription id, this channel's only). */
export async function unsubscribe(ctx: FlowContext, intent: UnsubscribeIntent, actor: Actor): Promise<FlowResult> {
  const r = ready(ctx, actor);
  if (!r.ok) return r.result;
  const store = r.port.subscriptions;
  if (intent.all) {
    const removed = await store.unsubscribeAll(r.channel);
    return messageResult(notice('success', 'Unsubscribed', removed > 0 ? `This channel no longer gets notifications (${plural(removed, 'subscription')} removed).` : 'This channel had no subscriptions.'));
  }
  const current = await store.list(r.channel);
  let target: ChannelSubscription | undefined;
  if (intent.subscriptionId) {
    target = current.find((s) => s.id === intent.subscriptionId);
    if (!target) return messageResult(await listing(r, current, 'That subscription is already gone'));
  } else if (intent.scope) {
    const typed = intent.scope.trim().toLowerCase();
    const byId = scopeFromId(intent.scope);
    const matches = current.filter(
      (s) =>
        (byId ? scopeId(s.scope).toLowerCase() === scopeId(byId).toLowerCase() : s.scopeName.toLowerCase() === typed || scopeId(s.scope).toLowerCase() === typed) &&
        (!intent.scopeKind || s.scope.kind === intent.scopeKind),
    );
    if (matches.length !== 1) return messageResult(await listing(r, current, matches.length === 0 ? `This channel does not follow "${intent.scope.slice(0, 80)}"` : `Which "${intent.scope.slice(0, 80)}"?`));
    target = matches[0];
  } else {
    return messageResult(await listing(r, current));
  }
  await store.unsubscribe(r.channel, { id: target.id });
  ctx.logger.info('channel unsubscribed', { channel: r.channel, scope: scopeId(target.scope) });
  return messageResult(
    notice('success', `This channel no longer follows ${scopeWords(target.scope, target.scopeName)}`, 'Notifications already on their way may still arrive.', {
      actions: [{ label: 'Subscriptions here', intent: { type: 'subscriptions.list' } }, { label: 'Subscribe again', intent: { type: 'subscribe', scope: scopeId(target.scope), events: wordsOf(target.events) } }],
    }),
  );
}

/** The event words that give back the same events (for "Subscribe again"). */
function wordsOf(events: SubscriptionEvents): NotificationEventWord[] {
  const words: NotificationEventWord[] = [];
  if (events.pendingDigest) words.push('pending');
  if (events.jobs === 'all') words.push('jobs');
  if (events.jobs === 'failures') words.push('failures');
  if (events.threaded) words.push('threaded');
  if (events.coverageDigest) words.push('coverage');
  return words;
}

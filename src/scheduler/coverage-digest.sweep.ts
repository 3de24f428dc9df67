import { coversId, placeOfId, type ChannelScope } from '../access/channel-scope';
import type { CoverageVm } from '../domain/backup.types';
import { coverageReport } from '../domain/coverage.rule';
import type { ExcludeTag } from '../domain/exclude-tag.rule';
import { coverageView } from '../flows/coverage-view';
import { coverageDigestKey, toOutboxEntry, type Notification } from '../notifications/outbox';
import { NOTHING_IN_SCOPE, reachOf } from '../notifications/subscription-access';
import { scopeWords } from '../notifications/subscription-scope';
import type { ChannelSubscription, SubscriptionScope } from '../notifications/subscription.types';
import { enqueueNotifications } from '../store/repositories/outbox.repository';
import { inTransaction } from '../store/transaction';
import { byChannel, describeError, scopesOf, type SweepContext, type SweepResult } from './sweep-context';

const lower = (s: string): string => s.toLowerCase();

/** The Azure subscription a followed scope lives in. */
const subscriptionOf = (scope: SubscriptionScope): string => lower(scope.kind === 'vault' ? (placeOfId(scope.vaultId)?.subscriptionId ?? '') : scope.subscriptionId);

/**
 * Whether a VM belongs to a followed scope: a subscription's or a resource group's VMs; for a vault,
 * the VMs it could protect (its subscription and region).
 */
function followed(vm: CoverageVm, scope: SubscriptionScope, vaultLocation: (vaultId: string) => string | undefined): boolean {
  switch (scope.kind) {
    case 'subscription':
      return lower(vm.subscriptionId) === lower(scope.subscriptionId);
    case 'resource-group':
      return lower(vm.subscriptionId) === lower(scope.subscriptionId) && lower(vm.resourceGroup) === lower(scope.resourceGroup);
    case 'vault':
      return lower(vm.subscriptionId) === subscriptionOf(scope) && vaultLocation(scope.vaultId) === vm.location;
  }
}

/**
 * The weekly coverage digest, run at each COVERAGE_DIGEST_CRON slot: for every channel subscribed
 * with `coverage`, ONE message with the VMs of its followed scopes that no vault protects, by
 * region, each group with its vault and Enable backup (the same view as `backup coverage`). Reads
 * each Azure subscription once however many channels follow it (one listing of its VMs, one of
 * each vault's protected items); a channel sees only VMs and vaults its bindings cover (read once
 * per channel per sweep). The digest's key (channel + slot) makes a second run of the slot, on
 * this replica or another, write nothing new.
 */
export async function runCoverageDigestSweep(ctx: SweepContext, slot: Date, exclude: ExcludeTag): Promise<SweepResult> {
  const problems: string[] = [];
  const subscriptions = (await ctx.subscriptions.listAll()).filter((s) => s.events.coverageDigest);
  if (subscriptions.length === 0) return { notifications: 0, problems };
  const channels = byChannel(subscriptions);
  const scopes = await scopesOf(ctx, [...channels.values()].map((c) => c.channel));
  const list = ctx.backup.listCoverage?.bind(ctx.backup);
  if (!list) return { notifications: 0, problems: ['the Azure connection cannot list VMs with their tags and protection'] };

  const managed = new Set(ctx.backup.subscriptions().map(lower));
  const wanted = [...new Set(subscriptions.map((s) => subscriptionOf(s.scope)))].filter((s) => managed.has(s));
  const bySubscription = new Map<string, CoverageVm[]>();
  const unreadable = new Map<string, string>();
  for (const sub of wanted) {
    try {
      bySubscription.set(sub, await list(sub));
    } catch (error) {
      unreadable.set(sub, describeError(error));
      problems.push(`subscription ${sub}: ${describeError(error)}`);
    }
  }
  const vaults = await ctx.vaults.list();
  // Names make group titles readable when a channel follows several subscriptions; without them, ids.
  const subscriptionNames = (await ctx.backup.subscriptionNames?.().catch(() => undefined)) ?? {};
  const vaultLocation = (id: string): string | undefined => vaults.find((v) => lower(v.id) === lower(id))?.location;

  const digestOf = (subs: ChannelSubscription[], access: ChannelScope): Notification['view'] | undefined => {
    const reach = subs.filter((s) => reachOf(access, s.scope) !== 'none');
    if (reach.length === 0) return undefined;
    const seen = new Map<string, CoverageVm>();
    for (const s of reach) {
      for (const vm of bySubscription.get(subscriptionOf(s.scope)) ?? []) {
        if (!coversId(access, vm.id) || !followed(vm, s.scope, vaultLocation)) continue;
        // A vault the channel may not see is not named: the VM is protected, that is all it learns.
        const hidden = vm.protection?.vaultId !== undefined && !coversId(access, vm.protection.vaultId);
        seen.set(lower(vm.id), hidden ? { ...vm, protection: { state: vm.protection!.state } } : vm);
      }
    }
    const notRead = [...new Set(reach.map((s) => subscriptionOf(s.scope)))].filter((sub) => unreadable.has(sub));
    const report = coverageReport([...seen.values()], vaults.filter((v) => coversId(access, v.id)), exclude);
    if (report.total === 0 && notRead.length === 0) return undefined;
    const names = reach.map((s) => scopeWords(s.scope, s.scopeName));
    return coverageView({
      report,
      exclude,
      where: names.length === 1 ? names[0] : `the ${names.length} scopes this channel follows`,
      subscriptionNames,
      problems: notRead.map((sub) => `Subscription ${sub} could not be read, so its VMs are not counted: ${unreadable.get(sub)}`),
      digest: true,
    });
  };

  let written = 0;
  await inTransaction(ctx.db, async (trx) => {
    const notifications: Notification[] = [];
    for (const [key, { channel, subscriptions: subs }] of channels) {
      const view = digestOf(subs, scopes.get(key) ?? NOTHING_IN_SCOPE);
      if (view) notifications.push({ key: coverageDigestKey(channel, slot), channel, label: 'coverage-digest', view });
    }
    written = (await enqueueNotifications(trx, notifications.map(toOutboxEntry), ctx.clock.now())).length;
  });
  if (problems.length > 0) ctx.logger.warn('coverage digest: some subscriptions could not be read', { problems });
  return { notifications: written, problems };
}

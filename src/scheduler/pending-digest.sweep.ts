import type { ChannelScope } from '../access/channel-scope';
import type { BackupPolicy, ProtectedItem, Vault } from '../domain/backup.types';
import { nextScheduledRun } from '../domain/backup-policy.rule';
import { nowProtectedView, pendingDigestView, type ClearedItem, type DigestItem } from '../notifications/notification-views';
import { digestKey, nowProtectedKey, toOutboxEntry, type Notification } from '../notifications/outbox';
import { mayTell, NOTHING_IN_SCOPE, reachOf } from '../notifications/subscription-access';
import { inScope, scopeWords } from '../notifications/subscription-scope';
import type { ChannelAddress, ChannelSubscription } from '../notifications/subscription.types';
import { inTransaction } from '../store/transaction';
import { enqueueNotifications } from '../store/repositories/outbox.repository';
import { deletePendingItem, listPendingItems, upsertPendingItem, type PendingItem } from '../store/repositories/sweep-state.repository';
import { byChannel, describeError, scopesOf, type SweepContext, type SweepResult } from './sweep-context';

interface VaultRead {
  vault: Vault;
  items: ProtectedItem[];
  policies: Map<string, BackupPolicy>;
}

/**
 * The "initial backup pending" sweep, run at each PENDING_DIGEST_CRON slot: for every channel
 * subscribed to pending digests, ONE digest of the protected items in its scopes whose first
 * backup has not run (IRPending), repeated at every slot while they stay pending, and a short
 * "now protected" follow-up for those that cleared since. Reads each vault once (protected items,
 * and its policies when something is pending); writes the channel's notifications and what it
 * remembers of pending items in one transaction, so a crash writes all or nothing, and the
 * digest's key (channel + slot) makes a second run of the slot write nothing new. A channel's
 * digest lists only items whose vault and VM are in its access scope (read once per channel per
 * sweep); what left the scope is forgotten without a word, as if it had gone.
 */
export async function runPendingDigestSweep(ctx: SweepContext, slot: Date): Promise<SweepResult> {
  const now = ctx.azureNow();
  const problems: string[] = [];
  const subscriptions = (await ctx.subscriptions.listAll()).filter((s) => s.events.pendingDigest);
  const channels = byChannel(subscriptions);
  const scopes = await scopesOf(ctx, [...channels.values()].map((c) => c.channel));
  const known = await listPendingItems(ctx.db);

  const reads = new Map<string, VaultRead>();
  const unreadable = new Set<string>();
  for (const vault of await ctx.vaults.serving(subscriptions, known.map((k) => k.vaultId))) {
    try {
      const items = await ctx.backup.listProtectedItems(vault.id);
      const policies = new Map<string, BackupPolicy>();
      if (items.some((i) => i.protectionState === 'IRPending')) {
        try {
          for (const p of await ctx.backup.listPolicies(vault.id)) policies.set(p.name.toLowerCase(), p);
        } catch (error) {
          // The digest still goes out, without the next run.
          problems.push(`policies of vault ${vault.name}: ${describeError(error)}`);
        }
      }
      reads.set(vault.id.toLowerCase(), { vault, items, policies });
    } catch (error) {
      unreadable.add(vault.id.toLowerCase());
      problems.push(`vault ${vault.name}: ${describeError(error)}`);
    }
  }

  const itemsOf = (subs: ChannelSubscription[], access: ChannelScope): { item: ProtectedItem; read: VaultRead }[] => {
    const out = new Map<string, { item: ProtectedItem; read: VaultRead }>();
    for (const read of reads.values()) {
      for (const item of read.items) {
        const subject = { vaultId: item.vaultId, vmId: item.vmId };
        if (mayTell(access, subject) && subs.some((s) => inScope(subject, s.scope))) out.set(item.id.toLowerCase(), { item, read });
      }
    }
    return [...out.values()];
  };

  let written = 0;
  await inTransaction(ctx.db, async (trx) => {
    const notifications: Notification[] = [];
    for (const [key, { channel, subscriptions: subs }] of channels) {
      const access = scopes.get(key) ?? NOTHING_IN_SCOPE;
      const inScopeItems = itemsOf(subs, access);
      const byId = new Map(inScopeItems.map((e) => [e.item.id.toLowerCase(), e]));
      const pending = inScopeItems.filter((e) => e.item.protectionState === 'IRPending');
      const pendingIds = new Set(pending.map((e) => e.item.id.toLowerCase()));

      const cleared: { row: PendingItem; item: ClearedItem }[] = [];
      for (const row of known.filter((k) => k.channelKey === key)) {
        const id = row.itemId.toLowerCase();
        if (pendingIds.has(id) || unreadable.has(row.vaultId.toLowerCase())) continue;
        const current = byId.get(id);
        // Gone, stopped, or out of scope now: forgotten without a word. Protected: told once.
        if (!(await deletePendingItem(trx, row))) continue;
        if (current?.item.protectionState === 'Protected') {
          cleared.push({ row, item: { vmId: row.vmId, vmName: row.vmName, vaultName: current.read.vault.name, protectedAt: current.item.lastBackupTime } });
        }
      }
      if (cleared.length > 0) {
        notifications.push({
          key: nowProtectedKey(channel, cleared.map((c) => ({ itemId: c.row.itemId, firstSeenAt: c.row.firstSeenAt }))),
          channel,
          label: 'now-protected',
          view: nowProtectedView(cleared.map((c) => c.item), now),
        });
      }

      if (pending.length > 0) {
        const digest: DigestItem[] = [];
        for (const { item, read } of pending) {
          const row = await upsertPendingItem(trx, { ...channelOf(channel), itemId: item.id, vmId: item.vmId, vmName: item.vmName, vaultId: item.vaultId }, now);
          const policy = item.policyName ? read.policies.get(item.policyName.toLowerCase()) : undefined;
          digest.push({
            vmId: item.vmId,
            vmName: item.vmName,
            vaultName: read.vault.name,
            policyName: item.policyName,
            pendingSince: row.firstSeenAt,
            nextRun: policy ? safeNextRun(policy, now) : undefined,
          });
        }
        notifications.push({
          key: digestKey(channel, slot),
          channel,
          label: 'pending-digest',
          view: pendingDigestView(digest, subs.filter((s) => reachOf(access, s.scope) !== 'none').map((s) => scopeWords(s.scope, s.scopeName)), now),
        });
      }
    }
    // Channels that no longer want digests keep nothing pending.
    for (const row of known) {
      if (!channels.has(row.channelKey)) await deletePendingItem(trx, row);
    }
    written = (await enqueueNotifications(trx, notifications.map(toOutboxEntry), ctx.clock.now())).length;
  });
  if (problems.length > 0) ctx.logger.warn('pending digest: some vaults could not be read', { problems });
  return { notifications: written, problems };
}

const channelOf = (channel: ChannelAddress): ChannelAddress => ({ platform: channel.platform, conversationId: channel.conversationId });

function safeNextRun(policy: BackupPolicy, now: Date): Date | undefined {
  try {
    return nextScheduledRun(policy.schedule, now);
  } catch {
    return undefined;
  }
}


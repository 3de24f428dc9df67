import type { ChannelScope } from '../access/channel-scope';
import { MAX_CLOCK_SKEW_MS } from '../domain/clock-skew.rule';
import type { BackupService } from '../backup/backup.port';
import type { Vault } from '../domain/backup.types';
import type { Logger } from '../log';
import type { Clock } from '../notifications/clock';
import type { ChannelAccess } from '../notifications/subscription-access';
import { vaultMayServe } from '../notifications/subscription-scope';
import type { ChannelAddress, ChannelSubscription, SubscriptionStore } from '../notifications/subscription.types';
import type { StoreDb } from '../store';
import { channelKeyOf } from '../store/repositories/outbox.repository';

/** What both sweeps work with. */
export interface SweepContext {
  db: StoreDb;
  backup: BackupService;
  subscriptions: SubscriptionStore;
  /** What each channel may be told about now (its bindings): read once per channel per sweep. */
  access: ChannelAccess;
  vaults: VaultDirectory;
  /** Azure's clock: job times and schedules are compared with it. */
  azureNow: () => Date;
  /** The wall clock the outbox and its senders run on. */
  clock: Clock;
  logger: Logger;
  portalBaseUrl?: string;
  /** The conversation of a tracked job message (see Notifier.conversationOfTrackedMessage). */
  trackedConversation(job: { platform: string; conversationId: string; messageId?: string }): string | undefined;
}

/** What a sweep did: notifications written, and problems that did not stop it (a vault that could not be read). */
export interface SweepResult {
  notifications: number;
  problems: string[];
}

/** The vaults of the configured subscriptions, read at most every `ttlMs` (vaults rarely change; sweeps run often). */
export class VaultDirectory {
  private cached: { at: number; vaults: Vault[] } | undefined;

  constructor(
    private readonly backup: BackupService,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async list(): Promise<Vault[]> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.vaults;
    try {
      const vaults = await this.backup.listVaults();
      this.cached = { at: now, vaults };
      return vaults;
    } catch (error) {
      // A stale list beats no sweep at all; the error is the sweep's to report when there is none.
      if (this.cached) return this.cached.vaults;
      throw error;
    }
  }

  /** The vaults that may hold something of one of the subscriptions. */
  async serving(subscriptions: ChannelSubscription[], extraVaultIds: Iterable<string> = []): Promise<Vault[]> {
    const extra = new Set([...extraVaultIds].map((id) => id.toLowerCase()));
    const vaults = await this.list();
    return vaults.filter((v) => extra.has(v.id.toLowerCase()) || subscriptions.some((s) => vaultMayServe(v, s.scope)));
  }
}

/**
 * The access scope of each channel, by channelKeyOf: one store read per channel, at the start of a
 * sweep, so an unbind applies from the next sweep on and costs no Azure call.
 */
export async function scopesOf(ctx: Pick<SweepContext, 'access' | 'azureNow' | 'clock'>, channels: Iterable<ChannelAddress>): Promise<Map<string, ChannelScope>> {
  // Bindings are timed by the bot's clock, jobs by Azure's. They nearly agree on Azure (up to
  // MAX_CLOCK_SKEW_MS either way); the embedded emulator's clock starts at the bot's time and runs
  // faster or slower. Read on Azure's clock as the earlier of "the same instant" and "as long ago
  // as on the bot's clock", less the skew allowed, a binding's time is never later than it was
  // made, so no job is held back by the clocks (a few that ended just before a binding may be told).
  const shiftMs = Math.min(0, ctx.azureNow().getTime() - ctx.clock.now().getTime()) - MAX_CLOCK_SKEW_MS;
  const scopes = new Map<string, ChannelScope>();
  for (const channel of channels) {
    const key = channelKeyOf(channel);
    if (!scopes.has(key)) scopes.set(key, onAzureClock(await ctx.access.scopeOf(channel), shiftMs));
  }
  return scopes;
}

function onAzureClock(scope: ChannelScope, shiftMs: number): ChannelScope {
  if (scope.kind === 'all') return scope;
  return { kind: 'bound', places: scope.places.map((p) => (p.since ? { ...p, since: new Date(p.since.getTime() + shiftMs) } : p)) };
}

/** Subscriptions grouped by channel. */
export function byChannel(subscriptions: ChannelSubscription[]): Map<string, { channel: ChannelAddress; subscriptions: ChannelSubscription[] }> {
  const map = new Map<string, { channel: ChannelAddress; subscriptions: ChannelSubscription[] }>();
  for (const s of subscriptions) {
    const key = channelKeyOf(s.channel);
    const entry = map.get(key) ?? { channel: s.channel, subscriptions: [] };
    entry.subscriptions.push(s);
    map.set(key, entry);
  }
  return map;
}

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

import { silentLogger, type Logger } from '../log';
import type { Clock } from '../notifications/clock';
import { acquireLease, releaseLease, type Lease } from '../store/repositories/leases.repository';
import type { StoreDb } from '../store';

/** The lease the sweeps run under: one replica at a time. */
export const SCHEDULER_LEASE = 'scheduler';

export interface LeaderLeaseOptions {
  db: StoreDb;
  holder: string;
  /** How long the lease lasts without renewal: a dead leader is replaced after at most this. */
  ttlMs: number;
  clock: Clock;
  logger?: Logger;
  name?: string;
}

/**
 * Leadership through a lease row (holder + expiry): `check()` renews it when this replica holds
 * it and takes it when it is free or expired. Call it more often than the TTL (a third of it).
 */
export class LeaderLease {
  private held: Lease | undefined;
  private readonly name: string;
  private readonly logger: Logger;

  constructor(private readonly options: LeaderLeaseOptions) {
    this.name = options.name ?? SCHEDULER_LEASE;
    this.logger = options.logger ?? silentLogger;
  }

  get holder(): string {
    return this.options.holder;
  }

  /** Whether this replica held the lease at its last check and the lease has not expired since. */
  isLeader(): boolean {
    return this.held !== undefined && this.held.expiresAt.getTime() > this.options.clock.now().getTime();
  }

  /**
   * Renews or takes the lease. Resolves whether this replica leads now, and whether it just
   * became leader (to run what a dead leader missed). A database error counts as not leading.
   */
  async check(): Promise<{ leader: boolean; becameLeader: boolean }> {
    const wasLeader = this.isLeader();
    try {
      const { held, lease } = await acquireLease(this.options.db, { name: this.name, holder: this.options.holder, now: this.options.clock.now(), ttlMs: this.options.ttlMs });
      this.held = held ? lease : undefined;
      if (held && !wasLeader) this.logger.info('scheduler: this replica leads the sweeps', { holder: this.options.holder, until: lease?.expiresAt.toISOString() });
      if (!held && wasLeader) this.logger.warn('scheduler: lease lost to another replica', { holder: lease?.holder });
      return { leader: held, becameLeader: held && !wasLeader };
    } catch (error) {
      this.held = undefined;
      this.logger.error('scheduler: could not renew or take the lease', { error: error instanceof Error ? error.message : String(error) });
      return { leader: false, becameLeader: false };
    }
  }

  /** Gives the lease up so another replica takes over at once (clean shutdown). */
  async release(): Promise<void> {
    if (this.held === undefined) return;
    this.held = undefined;
    await releaseLease(this.options.db, this.name, this.options.holder).catch((error: unknown) =>
      this.logger.warn('scheduler: could not release the lease; it expires on its own', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
}

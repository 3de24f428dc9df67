import { silentLogger, withRequestId, type Logger } from '../log';
import type { StoreDb } from '../store';
import type { StoreDialect } from '../store/store.types';
import {
  beginAttempt,
  claimChannels,
  claimEntry,
  markFailed,
  markRetry,
  markSent,
  nextDueEntry,
  releaseChannel,
  renewChannel,
  type ChannelClaim,
  type OutboxEntry,
} from '../store/repositories/outbox.repository';
import { waitForBot } from '../store/repositories/channel-waits.repository';
import type { ChatPlatform } from '../store/store.types';
import { backoffMs } from './backoff';
import { systemClock, type Clock } from './clock';
import { NotifierError, type Notifier } from './notifier.port';
import { keyDigest, readView } from './outbox';
import { anchorGivenUp, recordAnchor, sendInThread, threadToSearch } from './thread-delivery';

export interface DispatcherOptions {
  db: StoreDb;
  dialect: StoreDialect;
  /** One per platform that is on; notifications for a platform without one wait in the outbox. */
  notifiers: Notifier[];
  /** This process, as claims name it (unique among replicas). */
  holder: string;
  clock?: Clock;
  logger?: Logger;
  /**
   * How long a claim on a channel or a notification lasts without renewal (default 60 s). A
   * sender that dies is replaced after this; it must exceed the notifiers' request timeout, so
   * that a slow sender's request has ended before another sender looks at its notification.
   */
  claimTtlMs?: number;
  /**
   * Channels being sent to at once (default 8). A channel waiting for its next slot (its pace)
   * is given back meanwhile and does not count.
   */
  concurrency?: number;
  /** Notifications sent to one channel, when its pace allows back to back, before it is given back for fairness (default 20). */
  batchPerChannel?: number;
  /** Longest wait for a given-back channel's next slot within a pass; a longer one ends the pass (default 5 s). */
  maxPaceWaitMs?: number;
  /** Attempts (429s not counted) before a notification is given up as failed (default 8). */
  maxAttempts?: number;
  /** Backoff after a transient failure (default 2 s doubling to 5 min). */
  backoff?: { baseMs: number; maxMs: number };
  /** Wait between passes that found nothing to send (default 1 s); wake() cuts it short. */
  pollIntervalMs?: number;
  random?: () => number;
  /**
   * Told of each notification's end on this replica, as it happens (the /metrics counters): sent,
   * found already posted (recovered), or given up (failed).
   */
  onOutcome?: (platform: ChatPlatform, outcome: NotificationOutcome) => void;
}

/** How one notification ended on this replica. */
export type NotificationOutcome = 'sent' | 'recovered' | 'failed';

/** What a pass did. */
export interface DispatchReport {
  channels: number;
  sent: number;
  /** In-doubt notifications found already posted on the platform (not sent again). */
  recovered: number;
  rateLimited: number;
  retried: number;
  failed: number;
}

/**
 * Sends the outbox: claims channels (one sender per channel at a time, across replicas), sends
 * their due notifications in order at the platform's pace, honours 429 Retry-After, retries
 * transient failures with backoff, and marks each notification sent once. A notification whose
 * attempt may have arrived (a crash, a timeout) is looked up on the platform before it is sent again.
 */
export interface Dispatcher {
  /** One pass: sends to the channels that are due, until nothing is due within `maxPaceWaitMs`. An aborted pass stops at once and leaves its claims to expire, as a crash would. */
  dispatchOnce(signal?: AbortSignal): Promise<DispatchReport>;
  /** Passes until a pass finds nothing due (tests, and draining before shutdown). */
  drain(signal?: AbortSignal, maxPasses?: number): Promise<DispatchReport>;
  /** Passes until `signal` aborts (the notification being sent is finished and marked first); idle waits end early on wake(). */
  run(signal: AbortSignal): Promise<void>;
  /** Something was written to the outbox: start the next pass now. */
  wake(): void;
}

type Outcome =
  | { kind: 'sent'; paceFrom: Date }
  | { kind: 'failed'; paceFrom: Date }
  | { kind: 'recovered' }
  | { kind: 'rate-limited'; until: Date }
  | { kind: 'retry'; until: Date }
  | { kind: 'lost' }
  | { kind: 'aborted' };

const emptyReport = (): DispatchReport => ({ channels: 0, sent: 0, recovered: 0, rateLimited: 0, retried: 0, failed: 0 });
const addReports = (a: DispatchReport, b: DispatchReport): DispatchReport => ({
  channels: a.channels + b.channels,
  sent: a.sent + b.sent,
  recovered: a.recovered + b.recovered,
  rateLimited: a.rateLimited + b.rateLimited,
  retried: a.retried + b.retried,
  failed: a.failed + b.failed,
});
const later = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
/** How far back from an attempt the platform is searched for its message. */
const FIND_SLACK_MS = 60_000;

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const holder = options.holder;
  const ttl = options.claimTtlMs ?? 60_000;
  const concurrency = options.concurrency ?? 8;
  const batch = options.batchPerChannel ?? 20;
  const maxPaceWait = options.maxPaceWaitMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 300_000 };
  const pollInterval = options.pollIntervalMs ?? 1_000;
  const random = options.random ?? Math.random;
  const onOutcome = options.onOutcome ?? (() => undefined);
  const notifiers = new Map<ChatPlatform, Notifier>(options.notifiers.map((n) => [n.platform, n]));
  const platforms = [...notifiers.keys()];
  const threadSend = { db, logger, now: () => clock.now() };
  let wakeUp: (() => void) | undefined;
  let woken = false;

  /**
   * `crash`: an abort stops at once, even between sending and marking (what a killed process
   * does), leaving claims to expire. `graceful`: an abort stops before the next notification.
   */
  type Control = { signal?: AbortSignal; mode: 'crash' | 'graceful' };
  const crashed = (control: Control): boolean => control.mode === 'crash' && control.signal?.aborted === true;

  /** Gives a notification up; a day thread whose summary line this was falls back to the channel. */
  async function giveUp(entry: OutboxEntry, at: Date, reason: string): Promise<void> {
    await markFailed(db, entry.id, holder, at, reason);
    await anchorGivenUp(threadSend, entry);
  }

  async function deliver(entry: OutboxEntry, notifier: Notifier, control: Control): Promise<Outcome> {
    const view = readView(entry.viewJson);
    if (view === undefined) {
      await giveUp(entry, clock.now(), 'the stored view cannot be read by this version');
      logger.error('notification dropped: unreadable view', { key: entry.key, label: entry.label });
      return { kind: 'failed', paceFrom: new Date(0) };
    }
    const digest = keyDigest(entry.key);

    // "Checked before sending": an earlier attempt may have reached the platform.
    if (entry.inDoubt && entry.action === 'post' && notifier.findPosted) {
      const since = new Date((entry.attemptStartedAt ?? entry.createdAt).getTime() - FIND_SLACK_MS);
      try {
        const found = await notifier.findPosted(entry.conversationId, digest, since, await threadToSearch(db, entry));
        if (crashed(control)) return { kind: 'aborted' };
        if (found !== undefined) {
          if (entry.thread?.role === 'anchor') await recordAnchor(threadSend, entry.thread.key, found);
          await markSent(db, entry.id, holder, clock.now(), found);
          logger.info('notification was already posted; not sent again', { key: entry.key, messageId: found });
          return { kind: 'recovered' };
        }
      } catch (err) {
        const failure = err instanceof NotifierError ? err : new NotifierError('transient', describe(err), { delivered: 'no' });
        if (failure.failure === 'rate-limited') {
          const until = later(clock.now(), failure.options.retryAfterMs ?? 1_000);
          await markRetry(db, entry.id, holder, { notBefore: until, inDoubt: true, error: failure.message, uncount: true });
          return { kind: 'rate-limited', until };
        }
        if (failure.failure === 'transient' && entry.attempts < maxAttempts) {
          const until = later(clock.now(), backoffMs(entry.attempts + 1, backoff, random));
          await markRetry(db, entry.id, holder, { notBefore: until, inDoubt: true, error: `could not check for an earlier delivery: ${failure.message}` });
          return { kind: 'retry', until };
        }
        // The platform will not say (e.g. a missing history scope): sending again may double it, never sending would lose it.
        logger.warn('could not check whether a notification was already posted; sending it again', { key: entry.key, error: failure.message });
      }
    }

    const startedAt = clock.now();
    if (!(await beginAttempt(db, entry.id, holder, startedAt))) return { kind: 'lost' };
    try {
      let messageId: string | undefined;
      if (entry.thread !== undefined) {
        messageId = await sendInThread({ ...threadSend, notifier }, { ...entry, thread: entry.thread }, view, digest);
      } else if (entry.action === 'update' && entry.targetMessageId !== undefined) {
        await notifier.update(entry.conversationId, entry.targetMessageId, view);
        messageId = entry.targetMessageId;
      } else {
        messageId = (await notifier.post(entry.conversationId, view, digest)).messageId;
      }
      // A crash here (simulated by an abort) leaves the notification in doubt, as it should.
      if (crashed(control)) return { kind: 'aborted' };
      const done = clock.now();
      if (!(await markSent(db, entry.id, holder, done, messageId))) {
        logger.warn('notification sent but its claim had passed to another sender', { key: entry.key });
      }
      logger.info('notification sent', { key: entry.key, label: entry.label, channel: entry.channelKey, action: entry.action, messageId });
      return { kind: 'sent', paceFrom: done };
    } catch (err) {
      if (crashed(control)) return { kind: 'aborted' };
      const failure = err instanceof NotifierError ? err : new NotifierError('transient', describe(err), { delivered: 'unknown' });
      const now = clock.now();
      const mayHaveArrived = failure.options.delivered === 'unknown' && entry.action === 'post';
      switch (failure.failure) {
        case 'rate-limited': {
          const until = later(now, failure.options.retryAfterMs ?? 1_000);
          await markRetry(db, entry.id, holder, { notBefore: until, inDoubt: mayHaveArrived, error: failure.message, uncount: true });
          logger.info('chat platform asked to slow down', { channel: entry.channelKey, retryAfterMs: until.getTime() - now.getTime() });
          return { kind: 'rate-limited', until };
        }
        case 'permanent':
          if (entry.action === 'update' && failure.options.messageGone) {
            // The message to update is gone: tell the channel in a new message instead.
            await markRetry(db, entry.id, holder, { notBefore: now, inDoubt: false, error: failure.message, uncount: true, action: 'post' });
            return { kind: 'retry', until: now };
          }
          await giveUp(entry, now, failure.message);
          if (failure.options.botNotInChannel) {
            // Every later run would be refused the same way: the channel waits for the bot instead.
            if (await waitForBot(db, entry, { code: failure.options.code ?? 'not_in_channel', at: now })) {
              logger.warn('the bot is not in the channel; its notifications wait until it is added back', { channel: entry.channelKey, code: failure.options.code });
            }
            return { kind: 'failed', paceFrom: now };
          }
          logger.warn('notification refused by the chat platform; not retried', { key: entry.key, label: entry.label, code: failure.options.code, error: failure.message });
          return { kind: 'failed', paceFrom: now };
        case 'transient': {
          if (entry.attempts + 1 >= maxAttempts) {
            await giveUp(entry, now, `gave up after ${entry.attempts + 1} attempts: ${failure.message}`);
            logger.error('notification failed too often; given up', { key: entry.key, label: entry.label, error: failure.message });
            return { kind: 'failed', paceFrom: now };
          }
          const until = later(now, backoffMs(entry.attempts + 1, backoff, random));
          await markRetry(db, entry.id, holder, { notBefore: until, inDoubt: mayHaveArrived || entry.inDoubt, error: failure.message });
          logger.warn('sending a notification failed; will retry', { key: entry.key, attempt: entry.attempts + 1, retryAt: until.toISOString(), error: failure.message });
          return { kind: 'retry', until };
        }
      }
    }
  }

  /**
   * Sends a claimed channel's due notifications in order while its pace allows, then gives the
   * channel back rather than holding a worker through the wait. Returns when the channel may be
   * sent to again if it was given back only to wait for its pace (or for fairness); undefined
   * when it has nothing due now, waits on a Retry-After or a backoff, or lost its claim.
   */
  async function drainChannel(claim: ChannelClaim, report: DispatchReport, control: Control): Promise<Date | undefined> {
    const notifier = notifiers.get(claim.platform);
    if (!notifier) return undefined;
    const { signal } = control;
    let nextSendAt = claim.nextSendAt;
    let comeBack: Date | undefined;
    for (let i = 0; ; i++) {
      if (crashed(control)) return undefined; // claims are left to expire
      if (signal?.aborted) break;
      if (i >= batch || nextSendAt.getTime() > clock.now().getTime()) {
        comeBack = nextSendAt;
        break;
      }
      const now = clock.now();
      const due = await nextDueEntry(db, claim.channelKey, now);
      if (!due) break;
      if (!(await renewChannel(db, claim.channelKey, holder, { until: later(now, ttl), now }))) return undefined;
      const entry = await claimEntry(db, due.id, holder, now, later(now, ttl));
      if (!entry) break;

      // Logged under the id of the command behind it, if any (a Backup now job's end).
      const outcome = await withRequestId(entry.requestId, () => deliver(entry, notifier, control));
      if (outcome.kind === 'sent' || outcome.kind === 'failed' || outcome.kind === 'recovered') onOutcome(claim.platform, outcome.kind);
      if (outcome.kind === 'aborted') return undefined;
      if (outcome.kind === 'lost') break;
      const after = clock.now();
      switch (outcome.kind) {
        case 'sent':
        case 'failed':
          report[outcome.kind] += 1;
          nextSendAt = later(outcome.paceFrom, notifier.minIntervalMs);
          break;
        case 'recovered':
          report.recovered += 1;
          break;
        case 'rate-limited':
        case 'retry':
          report[outcome.kind === 'rate-limited' ? 'rateLimited' : 'retried'] += 1;
          if (outcome.until.getTime() > nextSendAt.getTime()) nextSendAt = outcome.until;
          break;
      }
      // The pace is in the database, so Retry-After holds for every sender, after a restart too.
      if (!(await renewChannel(db, claim.channelKey, holder, { until: later(after, ttl), now: after, nextSendAt }))) return undefined;
      // Keep the channel's order: nothing else goes there before the one that has to wait.
      if (outcome.kind === 'rate-limited') break;
      if (outcome.kind === 'retry' && outcome.until.getTime() > after.getTime()) break;
    }
    await releaseChannel(db, claim.channelKey, holder, clock.now());
    return comeBack;
  }

  /**
   * Waits `ms` (Infinity: until woken), or less when wake() is called, `signal` aborts or one of
   * `also` settles.
   */
  function pause(ms: number, signal: AbortSignal | undefined, also: readonly Promise<unknown>[] = []): Promise<void> {
    if (woken || signal?.aborted) {
      woken = false;
      return Promise.resolve();
    }
    const inner = new AbortController();
    const stop = (): void => inner.abort();
    signal?.addEventListener('abort', stop, { once: true });
    wakeUp = stop;
    const sleeping =
      ms === Infinity ? new Promise<void>((resolve) => inner.signal.addEventListener('abort', () => resolve(), { once: true })) : clock.sleep(ms, inner.signal);
    return Promise.race([sleeping, ...also])
      .then(() => undefined)
      .finally(() => {
        inner.abort();
        signal?.removeEventListener('abort', stop);
        if (wakeUp === stop) wakeUp = undefined;
        woken = false;
      });
  }

  /**
   * Sends until nothing is due within `maxPaceWait`. `concurrency` bounds the channels being sent
   * to, not the channels waiting for their next slot: a channel is given back while it waits, and
   * claimed again (by this sender or another) when its pace allows, earliest first.
   */
  async function pass(control: Control): Promise<DispatchReport> {
    const report = emptyReport();
    const { signal } = control;
    const active = new Set<Promise<void>>();
    /** Channels this pass gave back to wait for their pace: when each may be sent to again. */
    const comeBack = new Map<string, number>();
    const earliest = (): number => Math.min(...comeBack.values());
    const start = (claim: ChannelClaim): void => {
      const task: Promise<void> = drainChannel(claim, report, control)
        .then(
          (at) => {
            if (at !== undefined) comeBack.set(claim.channelKey, at.getTime());
          },
          async (err: unknown) => {
            logger.error('dispatching to a channel failed; it is retried on a later pass', { channel: claim.channelKey, error: describe(err) });
            await releaseChannel(db, claim.channelKey, holder, clock.now()).catch(() => undefined);
          },
        )
        .finally(() => active.delete(task));
      active.add(task);
    };

    for (;;) {
      if (crashed(control)) break;
      const stopping = signal?.aborted === true;
      const free = concurrency - active.size;
      if (!stopping && free > 0) {
        const now = clock.now();
        const dueBefore = [...comeBack].filter(([, at]) => at <= now.getTime());
        const claims = await claimChannels(db, options.dialect, { holder, now, until: later(now, ttl), limit: free, platforms });
        report.channels += claims.length;
        for (const claim of claims) {
          comeBack.delete(claim.channelKey);
          start(claim);
        }
        // Due but not claimable with room to spare: nothing due there now, or another sender has it.
        if (claims.length < free) for (const [key, at] of dueBefore) if (comeBack.get(key) === at) comeBack.delete(key);
      }
      const wait = earliest() - clock.now().getTime();
      if (active.size === 0) {
        if (stopping || !(wait <= maxPaceWait)) break;
        if (wait > 0) await pause(Math.min(wait, pollInterval), signal);
        continue;
      }
      if (stopping || active.size >= concurrency) {
        await Promise.race(active);
        continue;
      }
      // Room to spare: claim again when a channel is given back, its slot comes, or wake() is called.
      await pause(wait <= maxPaceWait ? Math.max(0, wait) : Infinity, signal, [...active]);
    }
    await Promise.all(active);
    return report;
  }

  const dispatchOnce = (signal?: AbortSignal): Promise<DispatchReport> => pass({ signal, mode: 'crash' });

  return {
    dispatchOnce,
    async drain(signal, maxPasses = 10_000) {
      let total = emptyReport();
      for (let n = 0; n < maxPasses && !signal?.aborted; n++) {
        const report = await dispatchOnce(signal);
        total = addReports(total, report);
        if (report.channels === 0) break;
      }
      return total;
    },
    async run(signal) {
      while (!signal.aborted) {
        let report = emptyReport();
        try {
          report = await pass({ signal, mode: 'graceful' });
        } catch (err) {
          logger.error('outbox pass failed; retrying', { error: describe(err) });
        }
        if (report.channels === 0 && !signal.aborted) await pause(pollInterval, signal);
      }
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
  };
}

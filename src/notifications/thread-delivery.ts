/**
 * Sending a notification that belongs to a channel's day thread (docs/notifications.md, "Threads").
 * The thread's anchor is read from the store when the notification is sent, not when it was
 * written, so replies written before the anchor was posted (or by another replica, or before a
 * restart) all go under the one anchor the store holds.
 */
import type { Logger } from '../log';
import type { StoreDb } from '../store';
import { laterSummaryPending, type OutboxEntry, type OutboxThread } from '../store/repositories/outbox.repository';
import { getThread, markThreadLost, setThreadAnchor } from '../store/repositories/threads.repository';
import type { MessageView } from '../flows/views';
import { NotifierError, type Notifier } from './notifier.port';

export interface ThreadSend {
  db: StoreDb;
  notifier: Notifier;
  logger: Logger;
  now: () => Date;
}

/**
 * Sends a thread notification and resolves with the message it posted or updated (undefined: there
 * was nothing to update). Throws the notifier's errors, except the ones it answers itself: a
 * deleted summary line is posted again (and becomes the anchor), a reply whose thread is gone or
 * was never posted goes to the channel; each said in the log.
 */
export async function sendInThread(
  send: ThreadSend,
  entry: OutboxEntry & { thread: OutboxThread },
  view: MessageView,
  digest: string,
): Promise<string | undefined> {
  const { db, notifier, logger } = send;
  const where = { channel: entry.channelKey, thread: entry.thread.key, key: entry.key };
  switch (entry.thread.role) {
    case 'anchor': {
      const { messageId } = await notifier.post(entry.conversationId, view, digest);
      await recordAnchor(send, entry.thread.key, messageId);
      return messageId;
    }
    case 'summary': {
      const thread = await getThread(db, entry.thread.key);
      if (thread?.anchorState !== 'posted' || thread.anchorMessageId === undefined) {
        logger.info('day thread has no summary line to update (it could not be posted); skipped', where);
        return undefined;
      }
      if (await laterSummaryPending(db, entry)) return thread.anchorMessageId;
      try {
        await notifier.update(entry.conversationId, thread.anchorMessageId, view);
        return thread.anchorMessageId;
      } catch (error) {
        if (!(error instanceof NotifierError && error.options.messageGone)) throw error;
        logger.warn("the day thread's summary line is gone (deleted?); posting a new one to the channel, later replies go under it", { ...where, gone: thread.anchorMessageId });
        const { messageId } = await notifier.post(entry.conversationId, view, digest);
        if (!(await setThreadAnchor(db, entry.thread.key, messageId, send.now(), thread.anchorMessageId))) {
          logger.warn('another sender replaced the summary line first; this one stays a channel post', { ...where, messageId });
        }
        return messageId;
      }
    }
    case 'reply': {
      const thread = await getThread(db, entry.thread.key);
      const anchor = thread?.anchorState === 'posted' ? thread.anchorMessageId : undefined;
      if (anchor === undefined) {
        logger.warn('no day thread to reply in (its summary line could not be posted); posting to the channel', where);
        return (await notifier.post(entry.conversationId, view, digest)).messageId;
      }
      try {
        return (await notifier.post(entry.conversationId, view, digest, { threadId: anchor, broadcast: entry.thread.broadcast })).messageId;
      } catch (error) {
        if (!(error instanceof NotifierError && error.options.threadGone)) throw error;
        logger.warn('the day thread is gone (its summary line was deleted); posting to the channel', { ...where, anchor });
        return (await notifier.post(entry.conversationId, view, digest)).messageId;
      }
    }
  }
}

/**
 * Where an in-doubt reply would be, if its earlier attempt arrived: under the day's anchor (a
 * reply that was posted to the channel instead, its thread being gone, is not looked for and may
 * then arrive twice).
 */
export async function threadToSearch(db: StoreDb, entry: OutboxEntry): Promise<string | undefined> {
  if (entry.thread?.role !== 'reply') return undefined;
  const thread = await getThread(db, entry.thread.key);
  return thread?.anchorState === 'posted' ? thread.anchorMessageId : undefined;
}

/** The anchor was posted (or found posted after a crash): the thread's replies go under it from now on. */
export async function recordAnchor(send: Pick<ThreadSend, 'db' | 'logger' | 'now'>, threadKey: string, messageId: string): Promise<void> {
  if (!(await setThreadAnchor(send.db, threadKey, messageId, send.now()))) {
    send.logger.warn('a day thread already had its summary line; this post stays a channel message', { thread: threadKey, messageId });
  }
}

/** The anchor will not be posted: the day's replies go to the channel instead. */
export async function anchorGivenUp(send: Pick<ThreadSend, 'db' | 'logger' | 'now'>, entry: OutboxEntry): Promise<void> {
  if (entry.thread?.role !== 'anchor') return;
  await markThreadLost(send.db, entry.thread.key, send.now());
  send.logger.warn("the day thread's summary line could not be posted; today's job notifications go to the channel", { channel: entry.channelKey, thread: entry.thread.key });
}

/**
 * The Notifier for Slack: chat.postMessage / chat.update through the Web API client
 * (@slack/web-api, as @slack/bolt ships it) at the configured API URL, the view rendered by
 * cards/slack. The client's own retries and rate-limit queue are off: the dispatcher paces each
 * channel and honours Retry-After itself, from the database, across replicas.
 *
 * Each message carries its notification key (digested) in Slack message metadata, so that after
 * a crash the dispatcher can look in conversations.history before posting again. That lookup
 * needs the history scopes (channels:history, groups:history); without them it is skipped with
 * a warning and delivery falls back to at-least-once.
 */
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import { messageBlocks } from '../../cards/slack';
import type { Logger } from '../../src/log';
import type { MessageView } from '../../src/flows/views';
import { NotifierError, type Notifier, type ThreadReply } from '../../src/notifications/notifier.port';
import { decodeMessageRef } from './message-address';

export interface SlackNotifierOptions {
  botToken: string;
  /** Web API base URL ending in a slash (https://slack.com/api/, GovSlack, a test fake). */
  apiUrl: string;
  logger?: Logger;
  /** Per request (default 10 s); keep it well under the dispatcher's claim TTL. */
  timeoutMs?: number;
  /** Least time between two messages to one channel (default 1,000 ms: Slack allows about one a second). */
  minIntervalMs?: number;
  /** Messages of conversations.history read when looking for an earlier delivery (default 600). */
  historyLimit?: number;
}

/** The metadata event type the bot's notifications carry. */
export const NOTIFICATION_EVENT_TYPE = 'vm_backup_notification';

/** Refusals after which posting again would not help (or the message to update is gone). */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'team_access_not_granted',
  'too_many_attachments',
]);
/**
 * Refusals only an /invite fixes. chat.postMessage (docs.slack.dev/reference/methods/chat.postMessage,
 * Errors): not_in_channel "Cannot post user messages to a channel they are not in", and
 * channel_not_found "Value passed for channel was invalid", which is also how a private channel
 * the bot is not in looks to it.
 */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);
/**
 * A reply whose parent is gone: Slack names thread_not_found ("Value for thread_ts was missing or
 * invalid", the replies methods); message_not_found is taken the same way for a reply.
 */
const THREAD_GONE = new Set(['thread_not_found', 'message_not_found']);
/** Slack's own failures after which the message may still have been posted. */
const UNKNOWN_OUTCOME = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

const historySchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string().optional(),
        metadata: z.object({ event_type: z.string().optional(), event_payload: z.record(z.unknown()).optional() }).optional(),
      }),
    )
    .optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
}

/** A Web API client error as the dispatcher understands it. */
export function classifySlackError(error: unknown, action: 'post' | 'reply' | 'update' | 'history'): NotifierError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SlackErrorShape;
  const message = error instanceof Error ? error.message : String(error);
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
      return new NotifierError('rate-limited', `Slack rate limit: retry after ${seconds} s`, { delivered: 'no', retryAfterMs: Math.max(0, seconds) * 1000, code: 'ratelimited' });
    }
    case webApi.ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (GONE.has(code) && action === 'update') return new NotifierError('permanent', `Slack: ${code}`, { delivered: 'no', code, messageGone: true });
      if (THREAD_GONE.has(code) && action === 'reply') return new NotifierError('permanent', `Slack: ${code}`, { delivered: 'no', code, threadGone: true });
      if (NOT_IN_CHANNEL.has(code) && action !== 'history') return new NotifierError('permanent', `Slack refused the message: ${code}`, { delivered: 'no', code, botNotInChannel: true });
      if (PERMANENT.has(code) || GONE.has(code)) return new NotifierError('permanent', `Slack refused the message: ${code}`, { delivered: 'no', code });
      return new NotifierError('transient', `Slack: ${code}`, { delivered: UNKNOWN_OUTCOME.has(code) ? 'unknown' : 'no', code });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status >= 400 && status < 500) return new NotifierError('permanent', `Slack answered HTTP ${status}`, { delivered: 'no', code: String(status) });
      return new NotifierError('transient', `Slack answered HTTP ${status}`, { delivered: 'unknown', code: String(status) });
    }
    default:
      // Network failures and timeouts: the request may have been handled.
      return new NotifierError('transient', `Slack could not be reached: ${message}`, { delivered: 'unknown', code: 'request_error' });
  }
}

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quietLogger(options.logger),
  });
  const historyLimit = options.historyLimit ?? 600;

  return {
    platform: 'slack',
    minIntervalMs: options.minIntervalMs ?? 1_000,
    async post(channel: string, view: MessageView, key: string, thread?: ThreadReply) {
      const message = messageBlocks(view);
      let result: { ts?: string };
      try {
        const base = {
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          metadata: { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { key } },
        };
        // chat.postMessage: thread_ts "Provide another message's ts value to make this message a
        // reply"; reply_broadcast "Used in conjunction with thread_ts and indicates whether reply
        // should be made visible to everyone in the channel" (docs.slack.dev/reference/methods/chat.postMessage).
        result = await client.chat.postMessage(thread ? { ...base, thread_ts: thread.threadId, reply_broadcast: thread.broadcast } : base);
      } catch (error) {
        throw classifySlackError(error, thread ? 'reply' : 'post');
      }
      if (typeof result.ts !== 'string') throw new NotifierError('transient', 'chat.postMessage answered without a ts', { delivered: 'unknown' });
      return { messageId: result.ts };
    },
    async update(channel: string, messageId: string, view: MessageView) {
      const message = messageBlocks(view);
      try {
        await client.chat.update({ channel, ts: messageId, text: message.text, blocks: message.blocks });
      } catch (error) {
        throw classifySlackError(error, 'update');
      }
    },
    conversationOfTrackedMessage: (messageRef) => decodeMessageRef(messageRef)?.channel,
    async findPosted(channel: string, key: string, since: Date, threadId?: string) {
      let cursor: string | undefined;
      let read = 0;
      do {
        let page: z.infer<typeof historySchema>;
        try {
          const query = { channel, oldest: (since.getTime() / 1000).toFixed(6), limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
          // History lists a channel's own messages, not a thread's replies: those are in
          // conversations.replies of the thread's parent (same scopes, same metadata).
          const raw = threadId !== undefined ? await client.conversations.replies({ ...query, ts: threadId }) : await client.conversations.history(query);
          page = historySchema.parse(raw);
        } catch (error) {
          throw error instanceof z.ZodError
            ? new NotifierError('transient', `conversations.${threadId !== undefined ? 'replies' : 'history'} answered in an unexpected shape`, { delivered: 'no' })
            : classifySlackError(error, 'history');
        }
        for (const m of page.messages ?? []) {
          read += 1;
          if (m.metadata?.event_type === NOTIFICATION_EVENT_TYPE && m.metadata.event_payload?.key === key && m.ts) return m.ts;
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor && read < historyLimit);
      return undefined;
    },
  };
}

/** The client's own log lines at debug (the dispatcher logs what matters, once). */
function quietLogger(logger: Logger | undefined): webApi.WebClientOptions['logger'] {
  const debug = (...msgs: unknown[]): void => logger?.debug('slack web api', { detail: msgs.map(String).join(' ') });
  let level = webApi.LogLevel.DEBUG;
  return {
    debug,
    info: debug,
    warn: debug,
    error: debug,
    setLevel: (l: webApi.LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

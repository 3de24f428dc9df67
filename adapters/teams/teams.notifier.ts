/**
 * The Notifier for Microsoft Teams: proactive posts and updates through the adapter's
 * ProactiveMessenger (botbuilder's continueConversation), to the conversation reference the Teams
 * adapter stored when the bot was spoken to there (conversation_refs), the view rendered by cards/teams. Bot Framework offers a
 * bot no way to read a channel's history, so there is no findPosted: a Teams notification whose
 * attempt may have arrived (a crash mid-send) is sent again.
 */
import { NotifierError, type Notifier } from '../../src/notifications/notifier.port';
import { retryAfterMs } from '../../src/util/retry-after';
import { isChannelReference, readConversationReference, threadReference } from './conversation-reference';
import { conversationOfJobMessage } from './job-message-address';
import type { ProactiveMessenger } from './proactive-messenger';
import type { ConversationRefStore } from './teams.deps';

export interface TeamsChannelNotifierOptions {
  /** How to post: the Teams adapter's messenger (registerTeams(...).messenger). */
  teams: Pick<ProactiveMessenger, 'postView' | 'updateView'>;
  /** The references the adapter stored (TeamsDeps.conversationRefs). */
  conversationRefs: Pick<ConversationRefStore, 'find'>;
  /**
   * Least time between two messages to one conversation (default 1,000 ms). Teams allows about
   * 7 a second in a burst but 60 in 30 s per conversation; one a second stays under both.
   */
  minIntervalMs?: number;
}

interface HttpErrorShape {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  response?: { headers?: unknown };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A Bot Connector failure as the dispatcher understands it. */
export function classifyTeamsError(error: unknown, action: 'post' | 'reply' | 'update'): NotifierError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 429) {
    return new NotifierError('rate-limited', 'Teams rate limit', {
      delivered: 'no',
      retryAfterMs: retryAfterMs(headerOf(e.response?.headers, 'retry-after'), new Date()) ?? 1_000,
      code: '429',
    });
  }
  if (status === 404 && action === 'update') return new NotifierError('permanent', 'Teams: the message to update is gone', { delivered: 'no', code: '404', messageGone: true });
  if (status === 404 && action === 'reply') return new NotifierError('permanent', 'Teams: the thread to reply in is gone', { delivered: 'no', code: '404', threadGone: true });
  if (status !== undefined && status >= 400 && status < 500) {
    // 401/403: the bot was removed from the conversation or is not allowed there; 400/404: it is gone.
    // A 403 (the bot is not in the conversation's roster) only adding the app back fixes: the channel waits for that.
    return new NotifierError('permanent', `Teams refused the message (HTTP ${status}): ${message}`, { delivered: 'no', code: String(status), ...(status === 403 ? { botNotInChannel: true } : {}) });
  }
  return new NotifierError('transient', status !== undefined ? `Teams answered HTTP ${status}` : `Teams could not be reached: ${message}`, {
    delivered: 'unknown',
    code: status !== undefined ? String(status) : typeof e.code === 'string' ? e.code : 'request_error',
  });
}

export function createTeamsChannelNotifier(options: TeamsChannelNotifierOptions): Notifier {
  const reference = async (conversationId: string) => {
    const stored = await options.conversationRefs.find(conversationId);
    if (stored === undefined) {
      throw new NotifierError('permanent', 'The bot has no conversation reference for this Teams conversation (it was removed, or never spoken to there).', {
        delivered: 'no',
        code: 'no_reference',
        // Forgotten when the bot was removed: it comes back when the bot hears from there again.
        botNotInChannel: true,
      });
    }
    try {
      return readConversationReference(stored);
    } catch (error) {
      throw new NotifierError('permanent', error instanceof Error ? error.message : String(error), { delivered: 'no', code: 'bad_reference' });
    }
  };
  return {
    platform: 'teams',
    minIntervalMs: options.minIntervalMs ?? 1_000,
    async post(conversationId, view, _key, thread) {
      const ref = await reference(conversationId);
      // A reply in a channel thread goes to the conversation `<channel id>;messageid=<root activity
      // id>` (Microsoft: "Send proactive messages" / TeamsBotApplication.ReplyAsync, "Constructs a
      // threaded conversation ID from the conversation ID and message ID"). A chat has no threads,
      // so there it is a message of the chat; Teams has no broadcast reply (placementOf posts a
      // failure to the channel on its own).
      const inThread = thread !== undefined && isChannelReference(ref);
      let id: string;
      try {
        id = await options.teams.postView(inThread ? threadReference(ref, thread.threadId) : ref, view);
      } catch (error) {
        throw classifyTeamsError(error, inThread ? 'reply' : 'post');
      }
      if (!id) throw new NotifierError('transient', 'Teams answered without an activity id', { delivered: 'unknown' });
      return { messageId: id };
    },
    conversationOfTrackedMessage: conversationOfJobMessage,
    async update(conversationId, messageId, view) {
      const ref = await reference(conversationId);
      try {
        await options.teams.updateView(ref, messageId, view);
      } catch (error) {
        throw classifyTeamsError(error, 'update');
      }
    },
  };
}

/**
 * The Notifier for Microsoft Teams: proactive posts and updates through botbuilder's
 * continueConversation, to the conversation reference the Teams adapter stored when the bot was
 * spoken to there (conversation_refs), the view rendered by cards/teams. Bot Framework offers a
 * bot no way to read a channel's history, so there is no findPosted: a Teams notification whose
 * attempt may have arrived (a crash mid-send) is sent again.
 */
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, teamsCard } from '../../../cards/teams';
import { readConversationReference } from '../../../adapters/teams/conversation-reference';
import { postProactive, updateReference } from '../../../adapters/teams/proactive-post';
import { conversationOfJobMessage } from '../../../adapters/teams/teams-notifier';
import type { MessageView } from '../../flows/views';
import type { StoreDb } from '../../store';
import { getConversationRef } from '../../store/repositories/conversation-refs.repository';
import { retryAfterMs } from '../../util/retry-after';
import { NotifierError, type Notifier } from '../notifier.port';

/** Posts and updates views in a conversation; rejects when the Bot Connector refuses. */
export interface TeamsPoster {
  postView(reference: Partial<ConversationReference>, view: MessageView): Promise<string>;
  updateView(reference: Partial<ConversationReference>, activityId: string, view: MessageView): Promise<void>;
}

/**
 * A TeamsPoster on the Teams adapter's CloudAdapter. Errors inside continueConversation would go
 * to the adapter's onTurnError (which logs them and carries on); they are caught here instead and
 * rethrown, because the dispatcher must know that a post failed.
 */
export function proactivePoster(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, botAppId: string): TeamsPoster {
  const activity = (view: MessageView) => ({ type: 'message' as const, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: teamsCard(view) }] });
  const run = async <T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> => {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      try {
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new NotifierError('transient', 'Teams: the proactive turn did not run', { delivered: 'unknown' });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  return {
    // To a channel: a new post in the channel (a stored channel reference names no thread).
    postView: (reference, view) => run(reference, (context) => postProactive(context, reference, activity(view))),
    updateView: (reference, activityId, view) =>
      run(updateReference(reference, activityId), async (context) => {
        await context.updateActivity({ ...activity(view), id: activityId });
      }),
  };
}

export interface TeamsChannelNotifierOptions {
  /** How to post: proactivePoster(registered.adapter, botAppId). */
  teams: TeamsPoster;
  db: StoreDb;
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
export function classifyTeamsError(error: unknown, action: 'post' | 'update'): NotifierError {
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
  if (status !== undefined && status >= 400 && status < 500) {
    // 401/403: the bot was removed from the conversation or is not allowed there; 400/404: it is gone.
    return new NotifierError('permanent', `Teams refused the message (HTTP ${status}): ${message}`, { delivered: 'no', code: String(status) });
  }
  return new NotifierError('transient', status !== undefined ? `Teams answered HTTP ${status}` : `Teams could not be reached: ${message}`, {
    delivered: 'unknown',
    code: status !== undefined ? String(status) : typeof e.code === 'string' ? e.code : 'request_error',
  });
}

export function createTeamsChannelNotifier(options: TeamsChannelNotifierOptions): Notifier {
  const reference = async (conversationId: string) => {
    const stored = await getConversationRef(options.db, 'teams', conversationId);
    if (!stored) {
      throw new NotifierError('permanent', 'The bot has no conversation reference for this Teams conversation (it was removed, or never spoken to there).', {
        delivered: 'no',
        code: 'no_reference',
      });
    }
    try {
      return readConversationReference(stored.reference);
    } catch (error) {
      throw new NotifierError('permanent', error instanceof Error ? error.message : String(error), { delivered: 'no', code: 'bad_reference' });
    }
  };
  return {
    platform: 'teams',
    minIntervalMs: options.minIntervalMs ?? 1_000,
    async post(conversationId, view) {
      const ref = await reference(conversationId);
      let id: string;
      try {
        id = await options.teams.postView(ref, view);
      } catch (error) {
        throw classifyTeamsError(error, 'post');
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

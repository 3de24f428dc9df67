import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { JobUpdate, MessageAddress } from '../../src/flows/job-tracker.port';
import type { View } from '../../src/flows/views';
import { ADAPTIVE_CARD_CONTENT_TYPE, teamsCard, type AdaptiveCard } from '../../cards/teams';
import { conversationKeyOfReference, readConversationReference } from './conversation-reference';
import { postProactive, updateReference } from './proactive-post';

export const TEAMS_PLATFORM = 'teams';

/**
 * Posts to Teams conversations without being spoken to (the scheduler's notifications, job
 * messages that update in place), through stored conversation references.
 */
export interface TeamsNotifier {
  /** Posts a card as a new message (a new post when the reference is a Teams channel); resolves with the new activity's id. */
  postCard(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string>;
  /** Replaces the card of a message the bot posted (updateActivity). */
  updateCard(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<void>;
  /** postCard of a view rendered as an Adaptive Card. */
  postView(reference: Partial<ConversationReference>, view: View): Promise<string>;
  /** updateCard of a view rendered as an Adaptive Card. */
  updateView(reference: Partial<ConversationReference>, activityId: string, view: View): Promise<void>;
  /**
   * The `publish` for flows.jobs.refreshTrackedJobs: updates Teams job messages in place and
   * ignores other platforms' (so several publishers can be chained).
   */
  publishJobUpdate(update: JobUpdate): Promise<void>;
}

const cardActivity = (card: AdaptiveCard) => ({
  type: 'message' as const,
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
});

type TurnOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function createTeamsNotifier(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, botAppId: string): TeamsNotifier {
  // continueConversationAsync hands a failure inside the turn to onTurnError, which logs it and
  // returns: the outcome is carried out of the turn and rethrown here, so that a failed update
  // keeps its job message open for the next pass instead of passing for delivered.
  const inTurn = async <T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> => {
    let outcome = { ok: false, error: new Error('The Teams turn did not run') } as TurnOutcome<T>;
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      try {
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  const postCard = (reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string> =>
    inTurn(reference, (context) => postProactive(context, reference, cardActivity(card)));
  const updateCard = (reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<void> =>
    inTurn(updateReference(reference, activityId), async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: activityId });
    });
  return {
    postCard,
    updateCard,
    postView: (reference, view) => postCard(reference, teamsCard(view)),
    updateView: (reference, activityId, view) => updateCard(reference, activityId, teamsCard(view)),
    async publishJobUpdate(update) {
      if (update.tracked.platform !== TEAMS_PLATFORM) return;
      const { reference, activityId } = readJobMessageRef(update.tracked.messageRef);
      await updateCard(reference, activityId, teamsCard(update.view));
    },
  };
}

const messageRefSchema = z.object({ reference: z.unknown(), activityId: z.string().min(1) });

/** Where a Teams job message is: its conversation (a reference, for proactive updates) and its activity id. */
export function jobMessageAddress(reference: Partial<ConversationReference>, activityId: string): MessageAddress {
  return { platform: TEAMS_PLATFORM, messageRef: JSON.stringify({ reference, activityId }) };
}

export function readJobMessageRef(messageRef: string): { reference: Partial<ConversationReference>; activityId: string } {
  const parsed = messageRefSchema.parse(JSON.parse(messageRef));
  return { reference: readConversationReference(parsed.reference), activityId: parsed.activityId };
}

/** The conversation a Teams job message belongs to, as subscriptions key it (a channel as a whole, not the thread the message is in). */
export function conversationOfJobMessage(messageRef: string): string | undefined {
  try {
    return conversationKeyOfReference(readJobMessageRef(messageRef).reference);
  } catch {
    return undefined;
  }
}

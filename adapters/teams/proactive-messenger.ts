import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { JobUpdate } from '../../src/flows/job-tracker.port';
import type { View } from '../../src/flows/views';
import { ADAPTIVE_CARD_CONTENT_TYPE, teamsCard, type AdaptiveCard } from '../../cards/teams';
import { readJobMessageRef, TEAMS_PLATFORM } from './job-message-address';
import { postProactive, updateReference } from './proactive-post';

/**
 * Posts to Teams conversations without being spoken to, through stored conversation references:
 * the results of card actions that outlive their invoke, job messages that update in place, and
 * (through teams.notifier.ts) the scheduler's notifications. Rejects when the Bot Connector refuses.
 */
export interface ProactiveMessenger {
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

/** The one place the bot opens a proactive turn (continueConversationAsync). */
export function createProactiveMessenger(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, botAppId: string): ProactiveMessenger {
  // continueConversationAsync hands a failure inside the turn to onTurnError, which logs it and
  // returns: the outcome is carried out of the turn and rethrown here, so that a failed update
  // keeps its job message open for the next pass, and the dispatcher sees a failed notification,
  // instead of either passing for delivered.
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

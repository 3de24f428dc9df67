import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type SearchInvokeResponse,
  type SearchInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { INTENT_TYPES, type Intent } from '../../src/flows/intents';
import { SEARCH_VERB } from '../../cards/teams';
import { teamsActor } from './actor';
import { readCardAction, type CardAction } from './card-action-data';
import { runCardIntent } from './card-intent';
import { commandText } from './command-text';
import { ConversationMemory } from './conversation-memory';
import { onceForActivity } from './idempotency';
import { errorResponse, messageResponse } from './invoke-responses';
import { postTypedResult } from './result-placement';
import { searchStep } from './search-step';
import type { TeamsDeps, TurnDeps } from './teams.deps';
import { typeaheadSearch } from './typeahead';

type CardActionHandler = (context: TurnContext, action: CardAction) => Promise<AdaptiveCardInvokeResponse>;

/**
 * The bot in Teams (and in the playground): routes typed commands, Universal Actions and
 * typeahead searches to their handlers, after remembering the conversation and claiming the
 * activity. What each handler does lives in its own module: card-intent.ts (a card's intent,
 * quick or slow), search-step.ts, typeahead.ts, result-placement.ts (where a result goes),
 * conversation-memory.ts (conversation references), idempotency.ts (claim keys).
 */
export class VmBackupTeamsBot extends TeamsActivityHandler {
  /** The map from Action.Execute verb to handler: every intent type, and the search step. */
  private readonly cardActions: Record<string, CardActionHandler>;
  private readonly conversations: ConversationMemory;
  private readonly turn: TurnDeps;

  constructor(
    private readonly deps: Pick<TeamsDeps, 'flows' | 'logger' | 'claimEvent' | 'releaseEvent' | 'conversationRefs' | 'presence' | 'invokeBudgetMs'>,
    /** Posts and replaces cards outside a turn: results of card actions that outlive their invoke. */
    late: TurnDeps['late'],
  ) {
    super();
    this.turn = { flows: deps.flows, logger: deps.logger, late, ...(deps.invokeBudgetMs !== undefined ? { invokeBudgetMs: deps.invokeBudgetMs } : {}) };
    this.conversations = new ConversationMemory(deps.conversationRefs, deps.presence);
    const runIntent: CardActionHandler = (context, action) => runCardIntent(this.turn, context, action);
    this.cardActions = {
      ...Object.fromEntries(INTENT_TYPES.map((type) => [type, runIntent])),
      [SEARCH_VERB]: (context, action) => searchStep(deps.flows, context, action),
    };

    this.onMessage(async (context, next) => {
      await this.conversations.remember(context.activity);
      await onceForActivity(deps, context.activity, async () => {
        const text = commandText(context.activity);
        const result = await deps.flows.handleText(text, teamsActor(context.activity));
        await postTypedResult(this.turn, context, result, { text });
      });
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      await this.conversations.remember(context.activity, true);
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.conversations.added(context.activity);
        await this.welcome(context);
      }
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) await this.conversations.forget(context.activity);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.conversations.remember(context.activity, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.conversations.forget(context.activity);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    try {
      const verb: unknown = invokeValue.action?.verb;
      const data: unknown = invokeValue.action?.data;
      const handler = typeof verb === 'string' && Object.prototype.hasOwnProperty.call(this.cardActions, verb) ? this.cardActions[verb] : undefined;
      if (typeof verb !== 'string' || !handler) return errorResponse(400, 'UnknownVerb', `The bot does not know the action "${String(verb).slice(0, 100)}".`);
      const action = readCardAction(verb, data, SEARCH_VERB);
      if ('error' in action) return errorResponse(400, 'BadActionData', action.error);
      // Stored only for an action the bot takes, so a foreign invoke leaves nothing behind.
      await this.conversations.remember(context.activity);
      // A second click with the same inputs is the guarded flows' to answer (one effect, who did it and when).
      const answer = await onceForActivity(this.deps, context.activity, () => handler(context, action));
      return answer === 'duplicate' ? messageResponse('That was already handled.') : answer;
    } catch (err) {
      this.deps.logger.error('teams: card action failed', { err, verb: invokeValue.action?.verb });
      return errorResponse(500, 'InternalError', 'Something went wrong on our side. Try again, or type `backup help`.');
    }
  }

  protected override onSearchInvoke(context: TurnContext, invokeValue: SearchInvokeValue): Promise<SearchInvokeResponse> {
    return typeaheadSearch(this.deps.flows, context, invokeValue);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const help: Intent = { type: 'help' };
    const result = await this.deps.flows.handle(help, teamsActor(context.activity));
    await postTypedResult(this.turn, context, result, { intent: help });
  }
}

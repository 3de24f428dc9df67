/**
 * The Microsoft Teams adapter: botbuilder's CloudAdapter and a TeamsActivityHandler that turn
 * typed commands, Universal Actions (Action.Execute) and typeahead searches into flow calls, and
 * view models into Adaptive Cards (cards/teams). Everything botbuilder stays in this folder.
 *
 * How a click travels:
 * 1. In: POST /api/messages (messages.route.ts, activity.schema.ts) runs a turn on the CloudAdapter
 *    (bot-adapter.ts); teams-bot.ts remembers the conversation (conversation-memory.ts), claims the
 *    activity (idempotency.ts) and routes it: a typed message (command-text.ts), or an
 *    Action.Execute whose verb is an intent type (card-action-data.ts reads its data) to
 *    card-intent.ts, or the search step (search-step.ts), or a typeahead query (typeahead.ts).
 * 2. Flows: `flows.handleText(text, actor)` (src/commands/command-parser.ts makes the intent) or
 *    `flows.handle(intent, actor)`, through the access checks and audit (src/access/guarded-flows.ts)
 *    to the intent's handler (src/flows/create-flows.ts, src/flows/*.flow.ts).
 * 3. Out: a FlowResult (src/flows/views.ts) is rendered by result-card.ts with cards/teams
 *    (teamsCard), and placed by result-placement.ts (a change made in a channel is a new post
 *    there) or card-intent.ts (within the invoke, or "working on it" and later).
 * 4. Platform: the invoke's answer (invoke-responses.ts), sendActivity in the turn, or a
 *    proactive turn (proactive-messenger.ts, proactive-post.ts) for late results, job messages that
 *    update in place, and channel notifications (teams.notifier.ts).
 */
import express from 'express';
import type { Activity } from 'botbuilder';
import { checkActivity } from './activity.schema';
import { createBotAdapter, type BotAdapter } from './bot-adapter';
import { loopbackOnly } from './loopback.guard';
import { MESSAGES_PATH } from './messages-path';
import { messagesEndpoint, TurnsAfterAnswer } from './messages.route';
import { playgroundRouter } from './playground/playground.router';
import { VmBackupTeamsBot } from './teams-bot';
import type { TeamsDeps } from './teams.deps';
import { createProactiveMessenger, type ProactiveMessenger } from './proactive-messenger';

export type { TeamsDeps } from './teams.deps';
export type { TeamsAuthConfig } from './bot-adapter';
export { createProactiveMessenger, type ProactiveMessenger } from './proactive-messenger';
export { jobMessageAddress, readJobMessageRef, TEAMS_PLATFORM } from './job-message-address';
export { classifyTeamsError, createTeamsChannelNotifier, type TeamsChannelNotifierOptions } from './teams.notifier';
export { readConversationReference } from './conversation-reference';
export { isLoopbackAddress } from './loopback.guard';
export { PLAYGROUND_PATHS } from './playground/playground.router';

export { MESSAGES_PATH };

export interface RegisteredTeams {
  /** Posts and updates cards in stored conversations (job messages; scheduler notifications through createTeamsChannelNotifier). */
  messenger: ProactiveMessenger;
  adapter: BotAdapter['adapter'];
  /** Whether incoming traffic is authenticated (an app id is configured). */
  authenticated: boolean;
  /** Whether the playground is served (asked for, and no app id configured). */
  playground: boolean;
  /** Resolves when no turn answered before it ran (a message, an update) is still running. */
  idle(): Promise<void>;
}

/**
 * Mounts POST /api/messages and, when asked and unauthenticated, the playground (GET /, the Web
 * Chat bundle, /v3/directline and the local connector).
 *
 * With an app id, incoming requests must carry a valid Bot Framework token (401 otherwise, whatever
 * the body). Without one, the bot takes unauthenticated requests from this machine only (401 for others).
 */
export function registerTeams(app: express.Express, deps: TeamsDeps): RegisteredTeams {
  const logger = deps.logger.child({ component: 'teams' });
  const { adapter, botAppId, authenticated } = createBotAdapter(deps.auth, deps.connectorCallTimeoutMs);
  const messenger = createProactiveMessenger(adapter, botAppId);
  const bot = new VmBackupTeamsBot({ ...deps, logger }, messenger);

  adapter.onTurnError = async (context, error) => {
    logger.error('teams: turn failed', { err: error, type: context.activity.type, name: context.activity.name });
    if (context.activity.type === 'message') {
      await context
        .sendActivity('Something went wrong on our side. Try again, or type `backup help`.')
        .catch((sendError: unknown) => logger.warn('teams: could not tell the person about a failure', { err: sendError }));
    }
  };

  const guards = authenticated ? [] : [loopbackOnly('The Teams endpoint')];
  const turns = new TurnsAfterAnswer(logger);
  app.post(MESSAGES_PATH, ...guards, ...messagesEndpoint({ adapter, logic: (context) => bot.run(context), logger, turns }));

  let playground = false;
  if (deps.playground && authenticated) {
    logger.warn('teams: the playground is off because MICROSOFT_APP_ID is set (its traffic is unauthenticated)');
  } else if (deps.playground) {
    playground = true;
    app.use(
      playgroundRouter({
        azure: deps.azure ?? 'emulator',
        logger,
        guard: loopbackOnly('The playground'),
        deliver: async (activity) => {
          const check = checkActivity(activity);
          if (!check.ok) throw new Error(`Malformed activity: ${check.reason}`);
          return adapter.processLocalActivity(activity as Activity, (context) => bot.run(context));
        },
      }),
    );
  }

  return { messenger, adapter, authenticated, playground, idle: () => turns.idle() };
}

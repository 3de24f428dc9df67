/**
 * The Slack adapter: Bolt on our express app (HTTP at POST /slack/events, Slack's signature
 * checked by Bolt) or on Socket Mode when an app token is set. Slash command, buttons, modal
 * submissions and type-ahead go to the flows; their view models come back through cards/slack.
 *
 * How a click travels:
 * 1. In: `/backup …` reaches listeners/commands/backup.command.ts, a button
 *    listeners/actions/intent-button.action.ts (its value is an intent, slack-payload.ts), a modal
 *    submission listeners/views/form-submission.view.ts. Commands and buttons ack at once and
 *    claim their key (idempotency.ts); a submission's one effect is the guarded flows' rule.
 * 2. Flows: `flows.handleText(text, actor)` (src/commands/command-parser.ts makes the intent) or
 *    `flows.handle(intent, actor)`, through the access checks and audit (src/access/guarded-flows.ts)
 *    to the intent's handler (src/flows/create-flows.ts, src/flows/*.flow.ts).
 * 3. Out: a FlowResult (src/flows/views.ts: a form, field errors, or a message view) goes to
 *    FlowResultPresenter (flow-result.presenter.ts), which picks the place (modal, the asker, the
 *    channel: src/access/audience.ts) and renders it with cards/slack (messageBlocks, formModal).
 * 4. Platform: SlackWeb (slack-web.ts) calls views.open/update, chat.postMessage/update,
 *    chat.postEphemeral or the response_url. Job messages then update in place (publishJobUpdate);
 *    channel notifications go out through slack.notifier.ts.
 */
import { App, SocketModeReceiver, type Authorize } from '@slack/bolt';
import type express from 'express';
import { messageBlocks } from '../../cards/slack';
import type { JobUpdate } from '../../src/flows/job-tracker.port';
import type { MessageView } from '../../src/flows/views';
import { AckFirst } from './ack-first';
import { SLACK_EVENTS_PATH } from './events-path';
import { InFlight } from '../../src/util/in-flight';
import { boltLogger } from './bolt-logger';
import { errorHook } from './error-hook';
import { CheckedApp, CheckedExpressReceiver } from './slack-body.guard';
import { FlowResultPresenter } from './flow-result.presenter';
import { flowsWithSlackGroups } from './flows-with-groups';
import * as actions from './listeners/actions';
import * as commands from './listeners/commands';
import * as events from './listeners/events';
import * as options from './listeners/options';
import * as views from './listeners/views';
import { SLACK_PLATFORM, decodeMessageRef, type SlackMessageAddress } from './message-address';
import type { SlackContext } from './slack-context';
import type { SlackDeps } from './slack-deps';
import { SlackWeb } from './slack-web';
import { createUserGroupDirectory } from './user-groups';

export type { SlackDeps, SlackSettings } from './slack-deps';
export { SLACK_PLATFORM } from './message-address';
export { classifySlackError, createSlackNotifier, NOTIFICATION_EVENT_TYPE, type SlackNotifierOptions } from './slack.notifier';

/** Longest stop() waits for acknowledged work to finish (within main.ts's 10 s shutdown grace). */
const SHUTDOWN_DRAIN_MS = 3_000;

export { SLACK_EVENTS_PATH };

export interface SlackAdapter {
  /** The Bolt app (tests and diagnostics). */
  bolt: App;
  /**
   * Publishes a tracked job's new view (pass to `flows.jobs.refreshTrackedJobs`, routing by
   * `update.tracked.platform`): updates the Slack message in place. Throws when Slack refuses,
   * so the tracker keeps the message open and tries again on the next pass.
   */
  publishJobUpdate(update: JobUpdate): Promise<void>;
  /** Posts a message view in a channel (notifications); returns where it was posted. */
  postMessage(channel: string, view: MessageView): Promise<SlackMessageAddress>;
  /** Checks the bot token (auth.test) and, in Socket Mode, connects. Rejects with a readable reason. */
  start(): Promise<void>;
  /** Disconnects Socket Mode; in HTTP mode the routes stay on the express app until it closes. */
  stop(): Promise<void>;
}

/**
 * Mounts the Slack adapter. In HTTP mode it adds POST /slack/events to `app`; mount it before any
 * body parser that would read that route's body (Bolt needs the raw body to check the signature).
 */
export function registerSlack(app: express.Express, deps: SlackDeps): SlackAdapter {
  const { config } = deps;
  const logger = deps.logger.child({ component: 'slack' });
  const boltLog = boltLogger(logger);
  const web = new SlackWeb(config, boltLog);

  // auth.test once, on the first request (not at construction, where a failure would be an
  // unhandled rejection), and again after a failure.
  // The answer is kept as one settled promise: every request after the first awaits the same
  // object, nothing is built on the ack path.
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  let authorized: ReturnType<Authorize<boolean>> | undefined;
  const authorize: Authorize<boolean> = () => {
    identity ??= web.identity().catch((error: unknown) => {
      identity = undefined;
      authorized = undefined;
      throw error;
    });
    authorized ??= identity.then(({ botUserId, botId }) => ({ botToken: config.botToken, botUserId, botId }));
    return authorized;
  };

  const common = {
    authorize,
    logger: boltLog,
    clientOptions: { slackApiUrl: config.apiUrl },
    // The error hook gets the request body, so it can tell the person who acted.
    extendedErrorHandler: true,
  } as const;
  const socketMode = config.socketMode && config.appToken !== undefined;
  const ackFirst = new AckFirst();
  // Every request's work, which goes on after its ack, so stop() can let it finish (shutdown).
  const inFlight = new InFlight();
  // Before Bolt's router, so a request counts from its headers, not only once its body is read.
  if (!socketMode) app.use(SLACK_EVENTS_PATH, ackFirst.counter);
  // The body is checked once: over HTTP by the receiver (which can answer 400), over Socket Mode by the app.
  const bolt = socketMode
    ? new CheckedApp(
        {
          ...common,
          socketMode: true,
          // Bolt's own receiver would open the connection on slack.com whatever SLACK_API_URL says
          // (GovSlack, the tests' fake): apps.connections.open goes where the Web API calls go.
          receiver: new SocketModeReceiver({ appToken: config.appToken as string, logger: boltLog, installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } }),
        },
        logger,
        inFlight,
        deps.onSocketAck,
      )
    : new App({
        ...common,
        receiver: new CheckedExpressReceiver({ signingSecret: config.signingSecret, endpoints: SLACK_EVENTS_PATH, app, logger: boltLog }, logger, inFlight),
      });

  // Every listener reaches the flows through ctx, so all of them get the actor's user groups.
  const flows = flowsWithSlackGroups(deps.flows, createUserGroupDirectory({ list: () => web.userGroups(), logger }));
  const ctx: SlackContext = { deps: { ...deps, flows, logger }, web, presenter: new FlowResultPresenter(web, flows, logger), ackFirst };
  commands.register(bolt, ctx);
  actions.register(bolt, ctx);
  views.register(bolt, ctx);
  options.register(bolt, ctx);
  events.register(bolt, ctx);
  bolt.error(errorHook(ctx.deps, web, ctx.presenter));

  return {
    bolt,
    publishJobUpdate: async (update) => {
      if (update.tracked.platform !== SLACK_PLATFORM) throw new Error(`Not a Slack message: ${update.tracked.platform}`);
      const address = decodeMessageRef(update.tracked.messageRef);
      if (!address) throw new Error('Tracked Slack message has an unreadable address');
      await web.update(address, messageBlocks(update.view));
    },
    postMessage: (channel, view) => web.post(channel, messageBlocks(view)),
    start: async () => {
      try {
        identity = web.identity();
        authorized = undefined;
        const me = await identity;
        logger.info('slack: connected', { botUserId: me.botUserId, mode: socketMode ? 'socket' : 'http' });
      } catch (error) {
        identity = undefined;
        authorized = undefined;
        throw new Error(`Slack refused the bot token (SLACK_BOT_TOKEN): ${error instanceof Error ? error.message : String(error)}`);
      }
      if (socketMode) await bolt.start();
    },
    stop: async () => {
      if (socketMode) await bolt.stop();
      const left = await inFlight.settled(SHUTDOWN_DRAIN_MS);
      if (left > 0) logger.warn(`slack: ${left} request(s) still being handled after ${SHUTDOWN_DRAIN_MS} ms; stopping anyway`);
    },
  };
}

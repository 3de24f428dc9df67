/**
 * POST /api/messages, the bot's messaging endpoint: the token first, then the body. With an app
 * id, a request without a valid Bot Framework token is refused with 401 whatever its body (not
 * JSON, too large, a malformed activity), so nobody without a token reaches the body checks. A
 * malformed activity that carries a valid token gets 400 before botbuilder and the bot see it:
 * nothing is stored or claimed for it.
 *
 * The answer never waits on the activity's serviceUrl: a message or an update is answered 200 at
 * once and its turn runs after (its replies go through the connector, whose calls are bounded by
 * bot-adapter's timeout); only an invoke, whose answer is the result, is answered when its turn
 * ends. An invoke the bot does not handle is answered as the Teams SDK (microsoft/teams.ts,
 * app.process.ts) answers an invoke no route takes: 200 without a body, and no turn runs.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../src/log';
import { checkActivity, isHandledInvoke } from './activity.schema';
import type { BotCloudAdapter } from './bot-adapter';

const BODY_LIMIT = '1mb';

/** body-parser's refusal of a request body, kept for after the token check. */
interface BodyRefusal {
  status: number;
  message: string;
}

const BODY_REFUSAL = 'teamsBodyRefusal';

/**
 * body-parser refuses bodies that are not JSON, too large or in an unknown encoding before any
 * route runs; the refusal is kept (the body counts as absent) and answered after the token check.
 */
const deferBodyRefusal: ErrorRequestHandler = (err: unknown, req, res, next) => {
  const { status, type } = (typeof err === 'object' && err !== null ? err : {}) as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    next(err);
    return;
  }
  const message =
    type === 'entity.too.large'
      ? `Request body too large (at most ${BODY_LIMIT})`
      : type === 'entity.parse.failed'
        ? 'Malformed request body: not JSON'
        : 'Unreadable request body';
  const refusal: BodyRefusal = { status, message };
  res.locals[BODY_REFUSAL] = refusal;
  req.body = undefined;
  next();
};

export interface MessagesEndpointDeps {
  adapter: BotCloudAdapter;
  /** The bot's turn. */
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Where turns that run after their answer are kept until they end. */
  turns: TurnsAfterAnswer;
}

/**
 * Turns that run after their request was answered. botbuilder's onTurnError reports what fails
 * inside a turn; `idle()` lets a shutdown (or a test) wait until the last one has ended.
 */
export class TurnsAfterAnswer {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  run(turn: () => Promise<unknown>): void {
    const running = turn()
      .catch((err: unknown) => this.logger.error('teams: turn failed after its answer', { err }))
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Resolves once no turn is running (turns that start meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** The handlers of POST /api/messages, after any guard. */
export function messagesEndpoint({ adapter, logic, logger, turns }: MessagesEndpointDeps): [RequestHandler, ErrorRequestHandler, RequestHandler] {
  const handle: RequestHandler = async (req, res) => {
    let authentication: AuthenticateRequestResult;
    try {
      authentication = await adapter.authenticateRequest(req.headers.authorization ?? '', req.body);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      logger.info('teams: request without a valid Bot Framework token refused', { reason: err.message });
      res.status(401).json({ error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required' } });
      return;
    }

    const refusal = res.locals[BODY_REFUSAL] as BodyRefusal | undefined;
    if (refusal) {
      logger.info('teams: unreadable request body refused', { reason: refusal.message });
      res.status(refusal.status).json({ error: { code: 'BadArgument', message: refusal.message } });
      return;
    }
    const check = checkActivity(req.body);
    if (!check.ok) {
      logger.info('teams: malformed activity refused', { reason: check.reason });
      res.status(400).json({ error: { code: 'BadArgument', message: `Malformed activity: ${check.reason}` } });
      return;
    }
    const { type, name, deliveryMode } = check.activity;
    if (type === 'invoke' && !isHandledInvoke(name)) {
      logger.debug('teams: invoke the bot does not handle answered without a turn', { name });
      res.status(200).end();
      return;
    }

    const activity = req.body as Activity;
    // Replies of an "expectReplies" turn travel in the answer, so it cannot be answered first.
    if (type !== 'invoke' && deliveryMode !== 'expectReplies') {
      res.status(200).end();
      turns.run(() => adapter.processAuthenticatedActivity(authentication, activity, logic));
      return;
    }
    const invoke = await adapter.processAuthenticatedActivity(authentication, activity, logic);
    res.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) res.send(invoke.body);
    else res.end();
  };
  return [express.json({ limit: BODY_LIMIT }), deferBodyRefusal, handle];
}

import express, { type Request, type Response, type NextFunction } from 'express';
import { z } from 'zod';
import type { Activity, InvokeResponse } from 'botbuilder';
import {
  PLAYGROUND_BOT,
  PLAYGROUND_CHANNEL_ID,
  type PlaygroundConversation,
  type PlaygroundConversations,
} from './playground-conversations';
import { readExecuteSubmission, toWebChatActivity } from './web-chat-card';

/** Hands an activity to the bot as an unauthenticated channel would; resolves with the invoke response, if any. */
export type DeliverToBot = (activity: Partial<Activity>) => Promise<InvokeResponse | undefined>;

export interface DirectLineOptions {
  conversations: PlaygroundConversations;
  deliver: DeliverToBot;
  /** The serviceUrl the bot answers to (the playground's local connector), for this request's server. */
  connectorUrl: (req: Request) => string;
  /** Told when delivering to the bot fails; the person sees a message in the chat as well. */
  onError: (err: unknown, activity: Partial<Activity>) => void;
}

const TOKEN_LIFETIME_SECONDS = 3600;
const DEFAULT_USER_NAME = 'Playground user';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

const userSchema = z.object({ id: z.string().min(1).max(200), name: z.string().max(200).optional() });
const generateBodySchema = z.object({ user: userSchema.optional() }).passthrough();
const postedActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    text: z.string().optional(),
    value: z.unknown().optional(),
    name: z.string().optional(),
    from: userSchema.partial().optional(),
    channelData: z.record(z.unknown()).optional(),
    locale: z.string().optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
  })
  .passthrough();

/** Bot answers to an Action.Execute that are not a card (Universal Actions' other response types). */
const invokeBodySchema = z.object({
  statusCode: z.number().optional(),
  type: z.string(),
  value: z.unknown().optional(),
});

/**
 * A Direct Line 3.0-compatible endpoint for Web Chat (polling only: use createDirectLine with
 * `domain` pointed here and `webSocket: false`). Routes and shapes follow botframework-directlinejs
 * 0.15: POST /tokens/generate, POST /tokens/refresh, POST /conversations, GET /conversations/:id,
 * POST /conversations/:id/activities ({ id }), GET /conversations/:id/activities?watermark=
 * ({ activities, watermark }). Every conversation route needs `Authorization: Bearer <token>`.
 */
export function directLineRouter(options: DirectLineOptions): express.Router {
  const { conversations } = options;
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));

  const conversationJson = (c: PlaygroundConversation) => ({
    conversationId: c.id,
    token: c.token,
    expires_in: TOKEN_LIFETIME_SECONDS,
  });

  const bearer = (req: Request): string | undefined => /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];

  const started = new WeakSet<PlaygroundConversation>();
  const start = (req: Request, c: PlaygroundConversation): void => {
    if (started.has(c)) return;
    started.add(c);
    const user = { id: c.userId, name: c.userName ?? DEFAULT_USER_NAME, role: 'user' };
    void c.serialise(() =>
      deliverSafely(req, c, {
        type: 'conversationUpdate',
        id: c.hiddenId(),
        membersAdded: [{ id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name }, { id: user.id, name: user.name }],
        from: user,
      }),
    );
  };

  const deliverSafely = async (req: Request, c: PlaygroundConversation, partial: Partial<Activity>) => {
    const activity: Partial<Activity> = {
      channelId: PLAYGROUND_CHANNEL_ID,
      serviceUrl: options.connectorUrl(req),
      conversation: { id: c.id } as Activity['conversation'],
      recipient: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name, role: 'bot' },
      timestamp: new Date(),
      ...partial,
    };
    c.turnsInFlight += 1;
    try {
      return await options.deliver(activity);
    } catch (err) {
      options.onError(err, activity);
      botSays(c, 'Something went wrong while handling that; the server log has the details. Try again.');
      return undefined;
    } finally {
      c.turnsInFlight -= 1;
    }
  };

  const botSays = (c: PlaygroundConversation, text: string, replyToId?: string) =>
    c.append({
      type: 'message',
      text,
      replyToId,
      from: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name, role: 'bot' },
      channelId: PLAYGROUND_CHANNEL_ID,
    });

  const withConversation = (req: Request, res: Response, next: NextFunction) => {
    const c = conversations.get(String(req.params.conversationId));
    if (!c) return void res.status(404).json({ error: { code: 'BadArgument', message: 'Unknown conversation' } });
    if (bearer(req) !== c.token) return void res.status(403).json({ error: { code: 'TokenExpired', message: 'Token not valid for this conversation' } });
    res.locals.conversation = c;
    next();
  };

  router.post('/tokens/generate', (req, res) => {
    const body = generateBodySchema.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: { code: 'BadArgument', message: 'Malformed body' } });
    res.json(conversationJson(conversations.create(body.data.user)));
  });

  router.post('/tokens/refresh', (req, res) => {
    const c = conversations.byToken(bearer(req) ?? '');
    if (!c) return void res.status(403).json({ error: { code: 'TokenExpired', message: 'Unknown token' } });
    res.json(conversationJson(c));
  });

  router.post('/conversations', (req, res) => {
    const token = bearer(req);
    const existing = token ? conversations.byToken(token) : undefined;
    if (token && !existing) return void res.status(403).json({ error: { code: 'TokenExpired', message: 'Unknown token' } });
    const c = existing ?? conversations.create();
    const isNew = !started.has(c);
    start(req, c);
    res.status(isNew ? 201 : 200).json(conversationJson(c));
  });

  router.get('/conversations/:conversationId', withConversation, (req, res) => {
    res.json(conversationJson(res.locals.conversation as PlaygroundConversation));
  });

  router.get('/conversations/:conversationId/activities', withConversation, (req, res) => {
    const c = res.locals.conversation as PlaygroundConversation;
    const watermark = Number.parseInt(String(req.query.watermark ?? ''), 10);
    const page = c.since(Number.isFinite(watermark) ? watermark : 0);
    res.json({ activities: page.activities.map(toWebChatActivity), watermark: page.watermark });
  });

  router.post('/conversations/:conversationId/activities', withConversation, (req, res) => {
    const c = res.locals.conversation as PlaygroundConversation;
    const parsed = postedActivitySchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: { code: 'BadArgument', message: 'Malformed activity' } });
    const posted = parsed.data;
    const from = { id: posted.from?.id || c.userId, name: posted.from?.name || c.userName || DEFAULT_USER_NAME, role: 'user' };
    start(req, c);
    // Echo first: Web Chat marks a message sent when it sees it come back with its clientActivityID.
    const echoed: Partial<Activity> = {
      ...(posted as Partial<Activity>),
      from,
      channelId: PLAYGROUND_CHANNEL_ID,
      recipient: { id: PLAYGROUND_BOT.id, name: PLAYGROUND_BOT.name, role: 'bot' },
    };
    const id = c.append(echoed);
    res.json({ id });

    const submission = posted.type === 'message' ? readExecuteSubmission(posted.value) : undefined;
    if (!submission) {
      void c.serialise(() => deliverSafely(req, c, { ...echoed, id }));
      return;
    }
    void c.serialise(async () => {
      const changesBefore = c.changes;
      const response = await deliverSafely(req, c, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        id,
        from,
        replyToId: submission.activityId,
        value: { action: { type: 'Action.Execute', verb: submission.verb, data: submission.data }, trigger: 'manual' },
      });
      if (response) applyInvokeResponse(c, submission.activityId, response, c.changes > changesBefore);
    });
  });

  /** What the Teams client does with the answer to an Action.Execute. */
  const applyInvokeResponse = (c: PlaygroundConversation, cardActivityId: string, response: InvokeResponse, botPosted: boolean) => {
    const body = invokeBodySchema.safeParse(response.body);
    if (response.status !== 200 || !body.success) {
      botSays(c, `The bot could not handle that action (HTTP ${response.status}).`, cardActivityId);
      return;
    }
    const { type, value } = body.data;
    if (type === ADAPTIVE && typeof value === 'object' && value !== null) {
      const before = c.get(cardActivityId);
      if (before) c.replace(cardActivityId, { ...before, attachments: [{ contentType: ADAPTIVE, content: value }] });
      return;
    }
    if (type === 'application/vnd.microsoft.activity.message' && typeof value === 'string') {
      // Teams shows this line for a moment; here it is a message, unless the bot already posted
      // what the line points to (then it would only repeat it, and below it).
      if (!botPosted) botSays(c, value, cardActivityId);
      return;
    }
    const message = z.object({ message: z.string() }).safeParse(value);
    botSays(c, message.success ? message.data.message : 'The bot could not handle that action.', cardActivityId);
  };

  return router;
}

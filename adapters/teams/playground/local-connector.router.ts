import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import { PROACTIVE_FLAG, type PlaygroundConversation, type PlaygroundConversations } from './playground-conversations';

const activitySchema = z
  .object({
    type: z.string().min(1),
    channelData: z.record(z.unknown()).optional(),
  })
  .passthrough();

/**
 * The Bot Connector service the bot talks to for playground conversations (their serviceUrl):
 * the slice of the Bot Framework REST API botbuilder's ConnectorClient uses to send, reply and
 * update. What the bot sends is put on the conversation's stream for Web Chat's next poll.
 *
 * A send outside any turn of the conversation that answers none of its activities is a proactive
 * notification (botbuilder's continueConversationAsync replies to a made-up continuation activity
 * id, and stored conversation references carry none); such activities are flagged so the page
 * can list them as notifications. Sends during a turn are answers, even without a known
 * replyToId (botbuilder drops it for Direct Line conversationUpdate activities).
 */
export function localConnectorRouter(conversations: PlaygroundConversations): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  const find = (req: Request, res: Response): PlaygroundConversation | undefined => {
    const c = conversations.get(String(req.params.conversationId));
    if (!c) res.status(404).json({ error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
    return c;
  };
  const body = (req: Request, res: Response): Partial<Activity> | undefined => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) res.status(400).json({ error: { code: 'BadArgument', message: 'Malformed activity.' } });
    return parsed.success ? (parsed.data as Partial<Activity>) : undefined;
  };

  const send = (req: Request, res: Response, replyToId: string | undefined) => {
    const c = find(req, res);
    const activity = c && body(req, res);
    if (!c || !activity) return;
    const known = c.knows(replyToId);
    const proactive = c.turnsInFlight === 0 && !known;
    const id = c.append({
      ...activity,
      // Web Chat holds back an activity that replies to one it has not seen (a continuation's
      // made-up id), so only a reply to an activity of this conversation keeps its replyToId.
      replyToId: known ? replyToId : undefined,
      channelData: proactive ? { ...(activity.channelData ?? {}), [PROACTIVE_FLAG]: true } : activity.channelData,
    });
    res.status(201).json({ id });
  };

  router.post('/v3/conversations/:conversationId/activities', (req, res) => send(req, res, undefined));
  router.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) =>
    send(req, res, String(req.params.activityId)),
  );

  router.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    const c = find(req, res);
    const activity = c && body(req, res);
    if (!c || !activity) return;
    const activityId = String(req.params.activityId);
    if (!c.replace(activityId, activity)) {
      return void res.status(404).json({ error: { code: 'ActivityNotFound', message: 'Activity not found.' } });
    }
    res.json({ id: activityId });
  });

  return router;
}

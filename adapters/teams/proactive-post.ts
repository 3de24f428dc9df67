import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { isChannelReference, threadReference } from './conversation-reference';

/**
 * Posts a message outside a turn (inside continueConversationAsync on `reference`) and resolves
 * with its activity id. To a Teams channel as a whole, it starts a new post in the channel, as
 * Microsoft documents for proactive channel messages ("Create the conversation": POST
 * /v3/conversations with isGroup, channelData.channel.id and the activity; BotBuilder-Samples
 * 58.teams-start-new-thread-in-channel); the answer's activityId is the new post's id. Anywhere
 * else (a chat, a thread) it is a message in that conversation.
 */
export async function postProactive(context: TurnContext, reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
  if (!isChannelReference(reference)) return (await context.sendActivity(activity))?.id ?? '';
  const conversation = reference.conversation as ConversationReference['conversation'];
  const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  if (!connector) throw new Error('Teams: no Bot Connector client in the proactive turn, so nothing could be posted to the channel');
  const created = await connector.conversations.createConversation({
    isGroup: true,
    bot: reference.bot as ConversationReference['bot'],
    channelData: { channel: { id: conversation.id } },
    activity: activity as Activity,
    ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
  });
  return created.activityId ?? '';
}

/**
 * The reference an update of a bot message runs on: a post the bot started in a channel lives in
 * the thread it opened (`<channel>;messageid=<post id>`); anything else where it was sent.
 */
export const updateReference = (reference: Partial<ConversationReference>, activityId: string): Partial<ConversationReference> =>
  isChannelReference(reference) ? threadReference(reference, activityId) : reference;

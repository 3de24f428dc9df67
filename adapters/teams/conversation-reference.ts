import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * The reference a proactive message needs: where the conversation lives (serviceUrl, channel,
 * conversation, tenant) and who the bot is. Without an activity id, so that a notification is a
 * new message rather than a reply to whatever was said when the reference was taken. In a Teams
 * channel this is the thread the activity came from (replies and card updates go there).
 */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return reference;
}

/**
 * In a Teams channel every post and its replies are a conversation of their own,
 * `<channel id>;messageid=<post id>` (Microsoft: "Response id is {channelId};messageid={messageId}"
 * for a new channel thread; the same shape arrives on every channel message).
 */
const THREAD_MARK = ';messageid=';

const channelDataSchema = z
  .object({
    channel: z.object({ id: z.string().min(1) }).passthrough().optional(),
    teamsChannelId: z.string().min(1).optional(),
  })
  .passthrough();

/** The channel a Teams channel conversation id belongs to (the id itself when it names no thread). */
export const channelOfConversationId = (conversationId: string): string => {
  const at = conversationId.indexOf(THREAD_MARK);
  return at < 0 ? conversationId : conversationId.slice(0, at);
};

const isChannelConversation = (conversation: Partial<ConversationReference['conversation']> | undefined): boolean =>
  conversation?.conversationType === 'channel' || (conversation?.id ?? '').includes(THREAD_MARK);

/**
 * What the bot keys a conversation by (access bindings, subscriptions, effect claims, the audit
 * log's "where", stored references): a Teams channel as a whole, whichever post or reply the
 * activity came from (channelData.channel.id, else teamsChannelId, else the conversation id
 * without its thread); a personal or group chat by its conversation id.
 */
export function conversationKeyOf(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  if (!id) return undefined;
  if (!isChannelConversation(activity.conversation)) return id;
  const data = channelDataSchema.safeParse(activity.channelData);
  return (data.success ? (data.data.channel?.id ?? data.data.teamsChannelId) : undefined) ?? channelOfConversationId(id);
}

/** conversationKeyOf for a stored reference (a job message's address, a reference of a thread). */
export function conversationKeyOfReference(reference: Partial<ConversationReference>): string | undefined {
  const id = reference.conversation?.id;
  if (!id) return undefined;
  return isChannelConversation(reference.conversation) ? channelOfConversationId(id) : id;
}

/**
 * The reference notifications use: for a Teams channel, the channel itself (not the thread the
 * activity came from), so that they arrive as new posts in the channel; otherwise referenceOf.
 */
export function conversationReferenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = referenceOf(activity);
  const key = conversationKeyOf(activity);
  if (!reference.conversation || !key || key === reference.conversation.id) return reference;
  return { ...reference, conversation: { ...reference.conversation, id: key, conversationType: 'channel' } };
}

/** Whether a reference is a Teams channel as a whole (a proactive post there starts a new thread). */
export const isChannelReference = (reference: Partial<ConversationReference>): boolean =>
  reference.conversation?.conversationType === 'channel' && !(reference.conversation.id ?? '').includes(THREAD_MARK);

/** The thread a post the bot started in a channel opened (where that post is updated). */
export function threadReference(channelReference: Partial<ConversationReference>, postId: string): Partial<ConversationReference> {
  const conversation = channelReference.conversation;
  if (!conversation) return channelReference;
  return { ...channelReference, conversation: { ...conversation, id: `${channelOfConversationId(conversation.id)}${THREAD_MARK}${postId}` } };
}

const accountSchema = z.object({ id: z.string(), name: z.string().default('') }).passthrough();

/** The shape every stored reference must have to be used; the rest is kept as Bot Framework sent it. */
const referenceSchema = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    bot: accountSchema,
    user: accountSchema.optional(),
    locale: z.string().optional(),
  })
  .passthrough();

/** A stored reference (conversation_refs.reference, or a job message's address) as botbuilder takes it. */
export function readConversationReference(json: unknown): Partial<ConversationReference> {
  const parsed = referenceSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Not a Bot Framework conversation reference: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  // The fields botbuilder reads are checked above; the others (isGroup, tenantId, ...) pass through as Bot Framework sent them.
  return parsed.data as unknown as Partial<ConversationReference>;
}

/** The tenant of a Teams conversation, when Teams says it. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (fromConversation) return fromConversation;
  const tenant = z.object({ tenant: z.object({ id: z.string() }) }).safeParse(activity.channelData);
  return tenant.success ? tenant.data.tenant.id : undefined;
}

import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * The reference a proactive message needs: where the conversation lives (serviceUrl, channel,
 * conversation, tenant) and who the bot is. Without an activity id, so that a notification is a
 * new message rather than a reply to whatever was said when the reference was taken.
 */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return reference;
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

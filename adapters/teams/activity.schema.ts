/**
 * The shape of an incoming Bot Framework activity, checked before botbuilder sees it: botbuilder
 * reads `type`, `serviceUrl`, `channelId`, `conversation` and `from` without checking them (a
 * number as serviceUrl fails deep inside as "endpoint.toLowerCase is not a function"), and the bot
 * stores the conversation reference and claims the activity id from these fields.
 * Only what the bot reads is checked; the rest passes through as the channel sent it.
 */
import { z } from 'zod';

const id = z.string().min(1).max(1024);
const shortText = z.string().max(1024);

const accountSchema = z
  .object({
    id,
    name: shortText.nullish(),
    aadObjectId: z.string().max(64).nullish(),
    role: z.string().max(64).nullish(),
  })
  .passthrough();

export const activitySchema = z
  .object({
    type: z.string().min(1).max(64).regex(/^[A-Za-z]+$/, 'not an activity type'),
    id: id.nullish(),
    serviceUrl: z
      .string()
      .max(2048)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'not an http(s) URL'),
    channelId: z.string().min(1).max(64),
    from: accountSchema,
    recipient: accountSchema.optional(),
    conversation: z
      .object({
        id,
        tenantId: z.string().max(64).nullish(),
        conversationType: z.string().max(64).nullish(),
        isGroup: z.boolean().nullish(),
        name: shortText.nullish(),
      })
      .passthrough(),
    name: shortText.nullish(),
    replyToId: id.nullish(),
    text: z.string().nullish(),
    locale: z.string().max(64).nullish(),
    channelData: z.record(z.unknown()).nullish(),
    membersAdded: z.array(accountSchema).optional(),
    membersRemoved: z.array(accountSchema).optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
  })
  .passthrough();

export type ActivityCheck = { ok: true } | { ok: false; reason: string };

/** Whether a body is an activity the bot can take; a short reason when not. */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || 'activity'}: ${issue.message}` : 'malformed activity' };
}

/**
 * The shape of an incoming Bot Framework activity, checked before botbuilder sees it: botbuilder
 * reads `type`, `serviceUrl`, `channelId`, `conversation` and `from` without checking them (a
 * number as serviceUrl fails deep inside as "endpoint.toLowerCase is not a function"), reads each
 * entity's `type` (a null entity fails the turn), and the bot stores the conversation reference and
 * claims the activity id from these fields. The invokes the bot answers are checked with their
 * value; an invoke it does not answer is never handed to botbuilder (see `isHandledInvoke`).
 * Only what the bot reads is checked; the rest passes through as the channel sent it.
 * Shapes: the Bot Framework Activity spec (microsoft/botframework-sdk
 * specs/botframework-activity/botframework-activity.md: an entity has a `type`; A5401 an invoke
 * MUST carry a `name`), Teams' Universal Actions (`adaptiveCard/action`) and typeahead search
 * (`application/search`) invoke payloads on learn.microsoft.com.
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

/**
 * The invokes the bot answers, with the value each must carry (botbuilder reads `value.action` of
 * an Action.Execute and `value.queryText`, `value.queryOptions` and `value.dataset` of a search).
 */
const HANDLED_INVOKES = {
  'adaptiveCard/action': z
    .object({
      action: z
        .object({ type: z.literal('Action.Execute'), verb: z.string().max(256), data: z.unknown().optional() })
        .passthrough(),
      trigger: z.string().max(64).nullish(),
    })
    .passthrough(),
  'application/search': z
    .object({
      kind: z.string().max(64).nullish(),
      queryText: z.string().max(4096).nullish(),
      dataset: z.string().max(4096).nullish(),
      queryOptions: z.object({ skip: z.number().int().nullish(), top: z.number().int().nullish() }).passthrough().nullish(),
    })
    .passthrough(),
} as const;

/** Whether the bot answers invokes of this name (others get the answer of an unhandled invoke, without a turn). */
export function isHandledInvoke(name: unknown): boolean {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(HANDLED_INVOKES, name);
}

const fieldsSchema = z
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
    entities: z.array(z.object({ type: z.string().max(256) }).passthrough()).nullish(),
    deliveryMode: z.string().max(64).nullish(),
  })
  .passthrough();

export const activitySchema = fieldsSchema.superRefine((activity, ctx) => {
  if (activity.type !== 'invoke') return;
  if (typeof activity.name !== 'string' || activity.name === '') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: 'an invoke must name what it invokes' });
    return;
  }
  if (!isHandledInvoke(activity.name)) return;
  const value = HANDLED_INVOKES[activity.name as keyof typeof HANDLED_INVOKES].safeParse((activity as { value?: unknown }).value);
  if (value.success) return;
  for (const issue of value.error.issues) ctx.addIssue({ ...issue, path: ['value', ...issue.path] });
});

/** An activity that passed the check: what the endpoint decides on before botbuilder runs. */
export type CheckedActivity = z.infer<typeof fieldsSchema>;

export type ActivityCheck = { ok: true; activity: CheckedActivity } | { ok: false; reason: string };

/** Whether a body is an activity the bot can take; a short reason when not. */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || 'activity'}: ${issue.message}` : 'malformed activity' };
}

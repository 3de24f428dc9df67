/**
 * The shapes of the Slack requests the adapter handles (slash command, block_actions,
 * view_submission, block_suggestion), checked after Slack's signature and before Bolt routes the
 * body: Bolt itself reads `user.id` and `view` before any listener runs, and the listeners claim
 * idempotency keys from these fields. Anything else is refused as malformed (HTTP 400).
 * Only the fields the bot reads are checked; the rest passes through as Slack sent it.
 */
import { z } from 'zod';

/** Slack ids (U…, C…, T…, V…) and trigger ids are short; a bound keeps keys and logs sane. */
const id = z.string().min(1).max(255);
const optionalId = id.optional();
/** Slack allows 2,000 characters in a button value and 3,000 in private_metadata. */
const value = z.string().max(2000);
const metadata = z.string().max(3000);
const url = z.string().max(2000);

const userSchema = z.object({ id, name: z.string().max(255).optional(), username: z.string().max(255).optional(), team_id: optionalId }).passthrough();
const teamSchema = z.object({ id }).passthrough().nullable().optional();

/** `/backup` as Slack posts it (form-encoded; every field is a string). */
export const commandBodySchema = z
  .object({
    command: z.string().min(1).max(100),
    text: z.string().max(4000).optional(),
    user_id: id,
    user_name: z.string().max(255).optional(),
    team_id: optionalId,
    channel_id: optionalId,
    trigger_id: id,
    response_url: url.optional(),
  })
  .passthrough();

const viewStateValueSchema = z
  .object({
    type: z.string().max(100).optional(),
    value: z.string().nullable().optional(),
    selected_date: z.string().nullable().optional(),
    selected_time: z.string().nullable().optional(),
    selected_option: z.object({ value }).passthrough().nullable().optional(),
    selected_options: z.array(z.object({ value }).passthrough()).optional(),
  })
  .passthrough();

const viewSchema = z
  .object({
    id,
    callback_id: z.string().max(255).optional(),
    private_metadata: metadata.optional(),
    hash: z.string().max(255).optional(),
    title: z.object({ type: z.string(), text: z.string().max(255) }).passthrough().optional(),
    blocks: z.array(z.object({ type: z.string().max(100), block_id: z.string().max(255).optional() }).passthrough()).max(100).optional(),
    state: z.object({ values: z.record(z.record(viewStateValueSchema)) }).passthrough().optional(),
  })
  .passthrough();

const actionSchema = z.object({ type: z.string().max(100), action_id: z.string().min(1).max(255), block_id: z.string().max(255).optional(), value: value.optional() }).passthrough();

export const blockActionsBodySchema = z
  .object({
    type: z.literal('block_actions'),
    user: userSchema,
    team: teamSchema,
    trigger_id: id,
    response_url: url.optional(),
    actions: z.array(actionSchema).min(1).max(25),
    channel: z.object({ id }).passthrough().optional(),
    container: z.object({ type: z.string().max(100).optional(), channel_id: optionalId, message_ts: optionalId, view_id: optionalId }).passthrough().optional(),
    message: z.object({ ts: id }).passthrough().optional(),
    view: viewSchema.optional(),
  })
  .passthrough();

export const viewSubmissionBodySchema = z
  .object({
    type: z.literal('view_submission'),
    user: userSchema,
    team: teamSchema,
    view: viewSchema.extend({
      callback_id: z.string().max(255),
      private_metadata: metadata,
      title: z.object({ type: z.string(), text: z.string().max(255) }).passthrough(),
      blocks: z.array(z.object({ type: z.string().max(100), block_id: z.string().max(255).optional() }).passthrough()).max(100),
      state: z.object({ values: z.record(z.record(viewStateValueSchema)) }).passthrough(),
    }),
  })
  .passthrough();

/**
 * An options request's view: the listener reads only its private_metadata (the field's source),
 * so its blocks and state, which Slack sends whole with every keystroke, are not walked each time.
 */
const suggestionViewSchema = z.object({ id, private_metadata: metadata.optional() }).passthrough();

export const blockSuggestionBodySchema = z
  .object({
    type: z.literal('block_suggestion'),
    user: userSchema,
    team: teamSchema,
    action_id: z.string().min(1).max(255),
    block_id: z.string().max(255).optional(),
    value: z.string().max(2000).optional(),
    view: suggestionViewSchema,
  })
  .passthrough();

export type SlackBodyKind = 'command' | 'block_actions' | 'view_submission' | 'block_suggestion';

export type SlackBodyCheck = { ok: true; kind: SlackBodyKind } | { ok: false; reason: string };

const SCHEMAS: Record<Exclude<SlackBodyKind, 'command'>, z.ZodTypeAny> = {
  block_actions: blockActionsBodySchema,
  view_submission: viewSubmissionBodySchema,
  block_suggestion: blockSuggestionBodySchema,
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed Slack body is one the adapter handles, in the shape it needs; a short reason when not. */
export function checkSlackBody(body: unknown): SlackBodyCheck {
  if (!isRecord(body)) return { ok: false, reason: 'the body is not an object' };
  const type = body.type;
  const kind: SlackBodyKind | undefined =
    type === undefined && 'command' in body ? 'command' : typeof type === 'string' && Object.prototype.hasOwnProperty.call(SCHEMAS, type) ? (type as SlackBodyKind) : undefined;
  if (!kind) return { ok: false, reason: 'not a slash command, block action, view submission or options request' };
  const parsed = (kind === 'command' ? commandBodySchema : SCHEMAS[kind]).safeParse(body);
  if (parsed.success) return { ok: true, kind };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${kind}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'malformed'}` };
}

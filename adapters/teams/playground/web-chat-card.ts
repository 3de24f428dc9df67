import { z } from 'zod';
import type { Activity, Attachment } from 'botbuilder';

/**
 * Web Chat 4.18 renders Action.Execute buttons but does nothing when they are clicked: its
 * Adaptive Card renderer handles only Action.OpenUrl and Action.Submit and logs "received unknown
 * action from Adaptive Cards" for anything else (botframework-webchat
 * src/adaptiveCards/Attachment/AdaptiveCardRenderer.tsx). Nor does it know Teams' dynamic
 * typeahead (`choices.data`): a choice set left without static choices is dropped (its values
 * come from the card's search step instead), since Web Chat refuses to render the whole card.
 *
 * So the playground's Direct Line endpoint plays the part of the Teams client: before an activity
 * reaches Web Chat, each Action.Execute becomes an Action.Submit whose data carries the verb and
 * the id of the activity holding the card under EXECUTE_MARKER. Web Chat posts that as a postBack
 * message (data with the input values merged in), and the endpoint turns it back into the
 * `adaptiveCard/action` invoke Teams would send, then replaces the card with the bot's answer.
 */
export const EXECUTE_MARKER = 'playground:execute';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Action.Execute a postBack stands for. */
export interface ExecuteSubmission {
  verb: string;
  /** The activity whose card was clicked (the invoke's replyToId). */
  activityId: string;
  /** The action's data with the card's input values merged in, as Teams sends it. */
  data: Json;
}

const markerSchema = z.object({ verb: z.string().min(1), activityId: z.string().min(1) });

/** Rewrites the Adaptive Cards of an activity for Web Chat; other attachments are kept as they are. */
export function toWebChatActivity(activity: Partial<Activity>): Partial<Activity> {
  if (!activity.attachments?.length || !activity.id) return activity;
  const activityId = activity.id;
  const attachments: Attachment[] = activity.attachments.map((a) =>
    a.contentType === ADAPTIVE && isObject(a.content) ? { ...a, content: toWebChatCard(a.content, activityId) } : a,
  );
  return { ...activity, attachments };
}

/** A card as Web Chat can drive it: Action.Execute as marked Action.Submit, static choices only. */
export function toWebChatCard(card: Json, activityId: string): Json {
  return rewrite(card, activityId) as Json;
}

/** A type-ahead with no static choices: only Teams can fill it; Web Chat refuses to render the card. */
const isEmptyTypeahead = (n: unknown): boolean =>
  isObject(n) && n.type === 'Input.ChoiceSet' && Array.isArray(n.choices) && n.choices.length === 0;

function rewrite(node: unknown, activityId: string): unknown {
  if (Array.isArray(node)) return node.filter((n) => !isEmptyTypeahead(n)).map((n) => rewrite(n, activityId));
  if (!isObject(node)) return node;
  if (node.type === 'Action.Execute') {
    const { verb, data, type: _type, ...rest } = node;
    return {
      ...rest,
      type: 'Action.Submit',
      data: { ...(isObject(data) ? data : {}), [EXECUTE_MARKER]: { verb, activityId } },
    };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (node.type === 'Input.ChoiceSet' && key === 'choices.data') continue;
    if (node.type === 'Input.ChoiceSet' && key === 'style' && value === 'filtered') {
      out.style = 'compact';
      continue;
    }
    out[key] = rewrite(value, activityId);
  }
  return out;
}

/** The Action.Execute behind a postBack value, or undefined for an ordinary message value. */
export function readExecuteSubmission(value: unknown): ExecuteSubmission | undefined {
  if (!isObject(value)) return undefined;
  const marker = markerSchema.safeParse(value[EXECUTE_MARKER]);
  if (!marker.success) return undefined;
  const { [EXECUTE_MARKER]: _marker, ...data } = value;
  return { verb: marker.data.verb, activityId: marker.data.activityId, data };
}

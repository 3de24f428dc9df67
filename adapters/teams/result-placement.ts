/**
 * Where a flow result goes in Teams: a change made from a channel is announced in the channel as
 * a new post; anything else is answered where it was asked. A job message is followed wherever
 * it lands.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { audienceOf, type Asked } from '../../src/access/audience';
import type { FlowResult } from '../../src/flows/views';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../../cards/teams';
import { teamsActor } from './actor';
import type { CardAction } from './card-action-data';
import { conversationReferenceOf, isChannelReference, referenceOf } from './conversation-reference';
import { jobMessageAddress } from './job-message-address';
import { resultCard } from './result-card';
import type { TurnDeps } from './teams.deps';

/** The Teams channel an activity came from, as a whole (undefined in a chat). */
export function channelOf(activity: Partial<Activity>): Partial<ConversationReference> | undefined {
  const reference = conversationReferenceOf(activity);
  return isChannelReference(reference) ? reference : undefined;
}

/**
 * Where a result made from a channel is announced: the channel itself, as a new post, when it
 * is for everyone there (src/access/audience.ts: what changed Azure or the channel's settings,
 * and job messages). Read-only answers, refusals and forms stay in the thread they were asked
 * in; a result that replaces the message card it came from stays in place.
 */
export function announcementIn(
  channel: Partial<ConversationReference> | undefined,
  asked: Asked,
  origin: CardAction['origin'] | 'typed',
  result: FlowResult,
): Partial<ConversationReference> | undefined {
  if (!channel) return undefined;
  if (origin === 'message' && result.kind === 'message' && result.placement === 'replace') return undefined;
  return audienceOf(asked, result).audience === 'channel' ? channel : undefined;
}

/** Follows the result's job in the message it was shown in, when it has one. */
export async function trackIn(deps: Pick<TurnDeps, 'flows'>, reference: Partial<ConversationReference>, result: FlowResult, activityId: string | undefined): Promise<void> {
  if (result.kind !== 'message' || !result.track || !activityId) return;
  await deps.flows.jobs.track(result.track, jobMessageAddress(reference, activityId));
}

/**
 * Posts a result as a new post in a channel, and follows its job there when it has one. False
 * when Teams refused the post: the result is then shown where it was asked, so the person is
 * never left without it.
 */
export async function postTo(deps: TurnDeps, channel: Partial<ConversationReference>, card: AdaptiveCard, result: FlowResult): Promise<boolean> {
  let activityId: string;
  try {
    activityId = await deps.late.postCard(channel, card);
  } catch (err) {
    deps.logger.warn('teams: could not post in the channel; answering in the thread instead', { err });
    return false;
  }
  await trackIn(deps, channel, result, activityId);
  return true;
}

/**
 * Posts what a typed command answered, as a new message where it was typed (in a channel: in
 * its thread), or, for a change typed in a channel, as a new post in the channel.
 */
export async function postTypedResult(deps: TurnDeps, context: TurnContext, result: FlowResult, asked: Asked): Promise<void> {
  const card = await resultCard(deps.flows, teamsActor(context.activity), result);
  const channel = announcementIn(channelOf(context.activity), asked, 'typed', result);
  if (channel && (await postTo(deps, channel, card, result))) return;
  const sent = await context.sendActivity({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
  await trackIn(deps, referenceOf(context.activity), result, sent?.id);
}

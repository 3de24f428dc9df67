/**
 * A card's intent (Action.Execute): run within the invoke when the flow is quick, or answered
 * with "working on it" and finished proactively when it is not. Teams waits 5 s for an invoke's
 * answer, and then retries it.
 */
import type { AdaptiveCardInvokeResponse, ConversationReference, TurnContext } from 'botbuilder';
import type { Asked } from '../../src/access/audience';
import type { Actor } from '../../src/flows/intents';
import type { FlowResult, NoticeView } from '../../src/flows/views';
import { within } from '../../src/util/within';
import { teamsCard } from '../../cards/teams';
import { teamsActor } from './actor';
import type { CardAction } from './card-action-data';
import { referenceOf } from './conversation-reference';
import { cardResponse, messageResponse } from './invoke-responses';
import { resultCard } from './result-card';
import { announcementIn, channelOf, postTo, trackIn } from './result-placement';
import type { TurnDeps } from './teams.deps';

/** How long a card action may work inside its invoke; Teams gives 5 s, and the card must still travel. */
const INVOKE_BUDGET_MS = 3_000;

/** What replaces a submitted form while its action outlives the invoke. */
const WORKING_VIEW: NoticeView = {
  kind: 'notice',
  tone: 'info',
  title: 'Working on it…',
  text: 'This can take a minute. This card shows the result when it is done.',
  actions: [],
};

/** What replaces a form in a channel thread when its result was announced in the channel. */
const ANNOUNCED_VIEW: NoticeView = {
  kind: 'notice',
  tone: 'success',
  title: 'Posted in the channel',
  text: 'The result is a new post in this channel, for everyone to see.',
  actions: [],
};

/** Where a late result goes: the conversation asked in, the channel to announce in, what was asked and from which card. */
interface LateTarget {
  reference: Partial<ConversationReference>;
  channel: Partial<ConversationReference> | undefined;
  asked: Asked;
  origin: CardAction['origin'];
  /** The invoke already answered "Posted in the channel": no need to say it again on success. */
  announced?: boolean;
}

/**
 * Runs a card's intent. A flow done within the budget answers in the invoke; a slower one (Azure
 * work) answers with a "working on it" card now and replaces or posts its result when it ends.
 */
export async function runCardIntent(deps: TurnDeps, context: TurnContext, action: CardAction): Promise<AdaptiveCardInvokeResponse> {
  const actor = teamsActor(context.activity);
  const work = deps.flows.handle(action.intent, actor);
  const result = await within(work, deps.invokeBudgetMs ?? INVOKE_BUDGET_MS);
  if (result) return answerInTime(deps, context, action, result, actor);
  const reference = referenceOf(context.activity);
  const clicked = context.activity.replyToId;
  void finishLate(deps, work, actor, { reference, channel: channelOf(context.activity), asked: { intent: action.intent }, origin: action.origin }, clicked);
  if (action.origin === 'form') return cardResponse(teamsCard(WORKING_VIEW));
  return messageResponse('Working on it: the result will appear in this conversation when it is done.');
}

async function answerInTime(deps: TurnDeps, context: TurnContext, action: CardAction, result: FlowResult, actor: Actor): Promise<AdaptiveCardInvokeResponse> {
  const card = await resultCard(deps.flows, actor, result);
  const channel = announcementIn(channelOf(context.activity), { intent: action.intent }, action.origin, result);
  if (channel) {
    // The invoke's answer does not wait on the connector: the post follows it, and if Teams
    // refuses it the result replaces this card (a form) or comes in the thread instead.
    const target = { reference: referenceOf(context.activity), channel, asked: { intent: action.intent }, origin: action.origin, announced: true };
    void finishLate(deps, Promise.resolve(result), actor, target, context.activity.replyToId);
    return action.origin === 'form' ? cardResponse(teamsCard(ANNOUNCED_VIEW)) : messageResponse('Done: the result is a new post in this channel.');
  }
  // A form card is replaced by its next step; a message card (a result, a status) stays, and
  // what its button opens comes as a new message, unless the flow says to replace it.
  const replace = action.origin === 'form' || (result.kind === 'message' && result.placement === 'replace');
  if (replace) {
    await trackIn(deps, referenceOf(context.activity), result, context.activity.replyToId);
    return cardResponse(card);
  }
  // The invoke's answer does not wait on the connector: the new message is posted after it.
  const from = { reference: referenceOf(context.activity), channel: undefined, asked: { intent: action.intent }, origin: action.origin };
  void finishLate(deps, Promise.resolve(result), actor, from, context.activity.replyToId);
  return messageResponse(`${result.view.kind === 'form' ? result.view.title : 'Done'}: see the new message below.`);
}

/**
 * The result of a card action that outlived its invoke, shown proactively: a change made from
 * a channel is announced there as a new post (the "working" card of its form says so);
 * otherwise it replaces the "working" card of a form or the clicked card when the flow says
 * so, or comes as a new message.
 */
async function finishLate(deps: TurnDeps, work: Promise<FlowResult>, actor: Actor, from: LateTarget, clickedId: string | undefined): Promise<void> {
  const { reference } = from;
  const formId = from.origin === 'form' ? clickedId : undefined;
  try {
    const result = await work;
    const card = await resultCard(deps.flows, actor, result);
    const channel = announcementIn(from.channel, from.asked, from.origin, result);
    if (channel && (await postTo(deps, channel, card, result))) {
      if (formId && !from.announced) await deps.late.updateCard(reference, formId, teamsCard(ANNOUNCED_VIEW)).catch((err: unknown) => deps.logger.warn('teams: could not replace a working card', { err }));
      return;
    }
    const replaceId = formId ?? (result.kind === 'message' && result.placement === 'replace' ? clickedId : undefined);
    let activityId = replaceId;
    if (replaceId) {
      try {
        await deps.late.updateCard(reference, replaceId, card);
      } catch (err) {
        // The card could not be replaced (deleted, or too old to edit): the result comes as a new message instead.
        deps.logger.warn('teams: could not replace the card of a slow card action; posting the result instead', { err });
        activityId = await deps.late.postCard(reference, card);
      }
    } else {
      activityId = await deps.late.postCard(reference, card);
    }
    await trackIn(deps, reference, result, activityId);
  } catch (err) {
    deps.logger.error('teams: could not show the result of a slow card action', { err });
  }
}

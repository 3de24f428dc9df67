import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type ConversationReference,
  type AdaptiveCardInvokeValue,
  type SearchInvokeResponse,
  type SearchInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import { VAULT_NAME_PATTERN, VAULT_NAME_RULE_TEXT } from '../../src/domain/vault-name.rule';
import { INTENT_TYPES, type Actor, type Intent } from '../../src/flows/intents';
import type { FieldView, FlowResult, FormView, NoticeView, OptionView, SearchField, SuggestSource } from '../../src/flows/views';
import { audienceOf, type Asked } from '../../src/access/audience';
import { keyPart } from '../../src/util/key-part';
import { within } from '../../src/util/within';
import { claimEvent, deleteConversationRef, upsertConversationRef, type JsonValue } from '../../src/store';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  MAX_STATIC_CHOICES,
  SEARCH_VERB,
  teamsCard,
  type AdaptiveCard,
  type FormCardOptions,
} from '../../cards/teams';
import { readCardAction, type CardAction } from './card-action-data';
import { commandText } from './command-text';
import { conversationKeyOf, conversationReferenceOf, isChannelReference, referenceOf, tenantOf } from './conversation-reference';
import type { TeamsDeps } from './teams.deps';
import { jobMessageAddress, TEAMS_PLATFORM } from './job-message-address';
import type { ProactiveMessenger } from './proactive-messenger';

/** Teams answers an Action.Execute with a card that replaces the clicked one, or with a short message. */
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
const ERROR_RESPONSE = 'application/vnd.microsoft.error';
const SEARCH_RESPONSE = 'application/vnd.microsoft.search.searchResponse';

/** Client-side checks the flows' text fields get in Teams (the flows check again on submit). */
export const TEAMS_FORM_OPTIONS: FormCardOptions = {
  textChecks: {
    'vault.new': { vaultName: { regex: VAULT_NAME_PATTERN, message: VAULT_NAME_RULE_TEXT } },
    'enable.vault': { vaultName: { regex: VAULT_NAME_PATTERN, message: VAULT_NAME_RULE_TEXT } },
  },
};

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

type CardActionHandler = (context: TurnContext, action: CardAction) => Promise<AdaptiveCardInvokeResponse>;

const suggestSourceSchema = z.object({
  kind: z.literal('vms'),
  location: z.string().optional(),
  subscriptionId: z.string().optional(),
  unprotectedOnly: z.boolean().optional(),
  protectedOnly: z.boolean().optional(),
});

const cardResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: ADAPTIVE_CARD_CONTENT_TYPE,
  value: card as unknown as Record<string, unknown>,
});
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: MESSAGE_RESPONSE,
  value: text as unknown as Record<string, unknown>,
});
const errorResponse = (statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse => ({
  statusCode,
  type: ERROR_RESPONSE,
  value: { code, message },
});

/**
 * The bot in Teams (and in the playground): typed commands, Universal Actions and typeahead
 * searches in, flows called, view models out as Adaptive Cards.
 */
export class VmBackupTeamsBot extends TeamsActivityHandler {
  /** The map from Action.Execute verb to handler: every intent type, and the search step. */
  private readonly cardActions: Record<string, CardActionHandler>;
  private readonly knownConversations = new Set<string>();

  constructor(
    private readonly deps: TeamsDeps,
    /** Posts and replaces cards outside a turn: results of card actions that outlive their invoke. */
    private readonly late: Pick<ProactiveMessenger, 'postCard' | 'updateCard'>,
  ) {
    super();
    const runIntent: CardActionHandler = (context, action) => this.runCardIntent(context, action);
    this.cardActions = {
      ...Object.fromEntries(INTENT_TYPES.map((type) => [type, runIntent])),
      [SEARCH_VERB]: (context, action) => this.searchStep(context, action),
    };

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      if (await this.claimActivity(context)) {
        const text = commandText(context.activity);
        const result = await this.deps.flows.handleText(text, this.actorOf(context));
        await this.postResult(context, result, { text });
      }
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      await this.rememberConversation(context, true);
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) await this.forgetConversation(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetConversation(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    try {
      const verb: unknown = invokeValue.action?.verb;
      const data: unknown = invokeValue.action?.data;
      const handler = typeof verb === 'string' && Object.prototype.hasOwnProperty.call(this.cardActions, verb) ? this.cardActions[verb] : undefined;
      if (typeof verb !== 'string' || !handler) return errorResponse(400, 'UnknownVerb', `The bot does not know the action "${String(verb).slice(0, 100)}".`);
      const action = readCardAction(verb, data, SEARCH_VERB);
      if ('error' in action) return errorResponse(400, 'BadActionData', action.error);
      // Stored only for an action the bot takes, so a foreign invoke leaves nothing behind.
      await this.rememberConversation(context);
      if (!(await this.claimActivity(context))) {
        return messageResponse('That was already handled.');
      }
      // A second click with the same inputs is the guarded flows' to answer (one effect, who did it and when).
      return await handler(context, action);
    } catch (err) {
      this.deps.logger.error('teams: card action failed', { err, verb: invokeValue.action?.verb });
      return errorResponse(500, 'InternalError', 'Something went wrong on our side. Try again, or type `backup help`.');
    }
  }

  /** Teams typeahead (Data.Query): the dataset is the field's SuggestSource. */
  protected override async onSearchInvoke(context: TurnContext, invokeValue: SearchInvokeValue): Promise<SearchInvokeResponse> {
    let source: SuggestSource;
    try {
      source = suggestSourceSchema.parse(JSON.parse(invokeValue.dataset ?? ''));
    } catch {
      return errorResponse(400, 'UnknownDataset', 'This list cannot be searched.');
    }
    const options = await this.deps.flows.suggest(source, invokeValue.queryText ?? '', this.actorOf(context));
    const skip = Math.max(0, invokeValue.queryOptions?.skip ?? 0);
    const top = Math.min(MAX_STATIC_CHOICES, Math.max(1, invokeValue.queryOptions?.top ?? MAX_STATIC_CHOICES));
    const results = options.slice(skip, skip + top).map((o) => ({ title: optionTitle(o), value: o.value }));
    return { statusCode: 200, type: SEARCH_RESPONSE, value: { results } };
  }

  /**
   * The card of a flow result. A type-ahead field that comes without options gets the first
   * matches as static choices: Teams shows them before anything is typed, and clients without
   * typeahead (and the adaptivecards renderer) need at least one choice.
   */
  private async cardOf(actor: Actor, result: FlowResult): Promise<AdaptiveCard> {
    if (result.view.kind !== 'form') return teamsCard(result.view, TEAMS_FORM_OPTIONS);
    const fields = await Promise.all(
      result.view.fields.map(async (f): Promise<FieldView> => {
        if (f.kind !== 'search' || f.initialOptions?.length || f.selected?.length) return f;
        return { ...f, initialOptions: (await this.deps.flows.suggest(f.source, '', actor)).slice(0, MAX_STATIC_CHOICES) };
      }),
    );
    return teamsCard({ ...result.view, fields }, TEAMS_FORM_OPTIONS);
  }

  /**
   * Runs a card's intent. Teams waits 5 s for the answer (and then retries the invoke): a flow
   * done within the budget answers in the invoke; a slower one (Azure work) answers with a
   * "working on it" card now and replaces or posts its result when it ends.
   */
  private async runCardIntent(context: TurnContext, action: CardAction): Promise<AdaptiveCardInvokeResponse> {
    const actor = this.actorOf(context);
    const work = this.deps.flows.handle(action.intent, actor);
    const result = await within(work, this.deps.invokeBudgetMs ?? INVOKE_BUDGET_MS);
    if (result) return this.answerInTime(context, action, result, actor);
    const reference = referenceOf(context.activity);
    const clicked = context.activity.replyToId;
    void this.finishLate(work, actor, { reference, channel: this.channelOf(context), asked: { intent: action.intent }, origin: action.origin }, clicked);
    if (action.origin === 'form') return cardResponse(teamsCard(WORKING_VIEW));
    return messageResponse('Working on it: the result will appear in this conversation when it is done.');
  }

  private async answerInTime(context: TurnContext, action: CardAction, result: FlowResult, actor: Actor): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.cardOf(actor, result);
    const channel = this.announcementIn(this.channelOf(context), { intent: action.intent }, action.origin, result);
    if (channel && (await this.postTo(channel, card, result))) {
      return action.origin === 'form' ? cardResponse(teamsCard(ANNOUNCED_VIEW)) : messageResponse('Done: the result is a new post in this channel.');
    }
    // A form card is replaced by its next step; a message card (a result, a status) stays, and
    // what its button opens comes as a new message, unless the flow says to replace it.
    const replace = action.origin === 'form' || (result.kind === 'message' && result.placement === 'replace');
    if (replace) {
      await this.trackIfAsked(context, result, context.activity.replyToId);
      return cardResponse(card);
    }
    // The invoke's answer does not wait on the connector: the new message is posted after it.
    const from = { reference: referenceOf(context.activity), channel: undefined, asked: { intent: action.intent }, origin: action.origin };
    void this.finishLate(Promise.resolve(result), actor, from, context.activity.replyToId);
    return messageResponse(`${result.view.kind === 'form' ? result.view.title : 'Done'}: see the new message below.`);
  }

  /**
   * The result of a card action that outlived its invoke, shown proactively: a change made from
   * a channel is announced there as a new post (the "working" card of its form says so);
   * otherwise it replaces the "working" card of a form or the clicked card when the flow says
   * so, or comes as a new message.
   */
  private async finishLate(
    work: Promise<FlowResult>,
    actor: Actor,
    from: { reference: Partial<ConversationReference>; channel: Partial<ConversationReference> | undefined; asked: Asked; origin: CardAction['origin'] },
    clickedId: string | undefined,
  ): Promise<void> {
    const { reference } = from;
    const formId = from.origin === 'form' ? clickedId : undefined;
    try {
      const result = await work;
      const card = await this.cardOf(actor, result);
      const channel = this.announcementIn(from.channel, from.asked, from.origin, result);
      if (channel && (await this.postTo(channel, card, result))) {
        if (formId) await this.late.updateCard(reference, formId, teamsCard(ANNOUNCED_VIEW)).catch((err: unknown) => this.deps.logger.warn('teams: could not replace a working card', { err }));
        return;
      }
      const replaceId = formId ?? (result.kind === 'message' && result.placement === 'replace' ? clickedId : undefined);
      let activityId = replaceId;
      if (replaceId) {
        try {
          await this.late.updateCard(reference, replaceId, card);
        } catch (err) {
          // The card could not be replaced (deleted, or too old to edit): the result comes as a new message instead.
          this.deps.logger.warn('teams: could not replace the card of a slow card action; posting the result instead', { err });
          activityId = await this.late.postCard(reference, card);
        }
      } else {
        activityId = await this.late.postCard(reference, card);
      }
      if (result.kind === 'message' && result.track && activityId) await this.deps.flows.jobs.track(result.track, jobMessageAddress(reference, activityId));
    } catch (err) {
      this.deps.logger.error('teams: could not show the result of a slow card action', { err });
    }
  }

  /** The Teams channel an activity came from, as a whole (undefined in a chat). */
  private channelOf(context: TurnContext): Partial<ConversationReference> | undefined {
    const reference = conversationReferenceOf(context.activity);
    return isChannelReference(reference) ? reference : undefined;
  }

  /**
   * Where a result made from a channel is announced: the channel itself, as a new post, when it
   * is for everyone there (src/access/audience.ts: what changed Azure or the channel's settings,
   * and job messages). Read-only answers, refusals and forms stay in the thread they were asked
   * in; a result that replaces the message card it came from stays in place.
   */
  private announcementIn(channel: Partial<ConversationReference> | undefined, asked: Asked, origin: CardAction['origin'] | 'typed', result: FlowResult): Partial<ConversationReference> | undefined {
    if (!channel) return undefined;
    if (origin === 'message' && result.kind === 'message' && result.placement === 'replace') return undefined;
    return audienceOf(asked, result).audience === 'channel' ? channel : undefined;
  }

  /**
   * Posts a result as a new post in a channel, and follows its job there when it has one. False
   * when Teams refused the post: the result is then shown where it was asked, so the person is
   * never left without it.
   */
  private async postTo(channel: Partial<ConversationReference>, card: AdaptiveCard, result: FlowResult): Promise<boolean> {
    let activityId: string;
    try {
      activityId = await this.late.postCard(channel, card);
    } catch (err) {
      this.deps.logger.warn('teams: could not post in the channel; answering in the thread instead', { err });
      return false;
    }
    if (result.kind === 'message' && result.track && activityId) await this.deps.flows.jobs.track(result.track, jobMessageAddress(channel, activityId));
    return true;
  }

  /** The search step: the same form again, with the options that match what was typed. */
  private async searchStep(context: TurnContext, action: CardAction): Promise<AdaptiveCardInvokeResponse> {
    const search = action.search;
    const field = search?.form.fields.find((f): f is SearchField => f.id === search.field && f.kind === 'search');
    if (!search || !field) return errorResponse(400, 'BadActionData', 'This search has no list to search in.');
    const matches = await this.deps.flows.suggest(field.source, search.query, this.actorOf(context));
    const previous = [...(field.selected ?? []), ...(field.initialOptions ?? [])];
    const chosen = new Set(asList(search.values[field.id]));
    const searched: SearchField = {
      ...field,
      selected: previous.filter((o) => chosen.has(o.value)),
      initialOptions: matches.slice(0, MAX_STATIC_CHOICES),
      hint: search.query
        ? matches.length
          ? `${matches.length > MAX_STATIC_CHOICES ? `First ${MAX_STATIC_CHOICES} of ${matches.length}` : matches.length} matching "${search.query}".`
          : `Nothing matches "${search.query}". Try another part of the name.`
        : field.hint,
    };
    const form: FormView = {
      ...search.form,
      errors: undefined,
      fields: search.form.fields.map((f) => (f.id === field.id ? searched : keepValue(f, search.values[f.id]))),
    };
    return cardResponse(teamsCard(form, TEAMS_FORM_OPTIONS));
  }

  /**
   * Posts what a typed command answered, as a new message where it was typed (in a channel: in
   * its thread), or, for a change typed in a channel, as a new post in the channel.
   */
  private async postResult(context: TurnContext, result: FlowResult, asked: Asked): Promise<void> {
    const card = await this.cardOf(this.actorOf(context), result);
    const channel = this.announcementIn(this.channelOf(context), asked, 'typed', result);
    if (channel && (await this.postTo(channel, card, result))) return;
    const sent = await context.sendActivity({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
    await this.trackIfAsked(context, result, sent?.id);
  }

  private async trackIfAsked(context: TurnContext, result: FlowResult, activityId: string | undefined): Promise<void> {
    if (result.kind !== 'message' || !result.track || !activityId) return;
    await this.deps.flows.jobs.track(result.track, jobMessageAddress(referenceOf(context.activity), activityId));
  }

  private async welcome(context: TurnContext): Promise<void> {
    const help: Intent = { type: 'help' };
    const result = await this.deps.flows.handle(help, this.actorOf(context));
    await this.postResult(context, result, { intent: help });
  }

  /**
   * Who acts and where: the Entra object id when Teams gives it, the tenant, and the conversation
   * (a Teams channel as a whole, whichever post it was typed in) for access control,
   * subscriptions and the audit log.
   */
  private actorOf(context: TurnContext): Actor {
    const { from } = context.activity;
    const tenant = tenantOf(context.activity);
    const where = conversationKeyOf(context.activity);
    return {
      platform: TEAMS_PLATFORM,
      userId: from?.aadObjectId ?? from?.id ?? 'unknown',
      displayName: from?.name || undefined,
      ...(tenant ? { workspaceId: tenant } : {}),
      ...(where ? { channelId: where } : {}),
    };
  }

  /**
   * Stores the conversation's reference the first time this process sees it (and always on
   * install and conversation updates), so notifications can be posted there later: for a
   * channel, the channel itself, so they arrive as new posts rather than in someone's thread.
   */
  private async rememberConversation(context: TurnContext, always = false): Promise<void> {
    const conversationId = conversationKeyOf(context.activity);
    if (!conversationId || (!always && this.knownConversations.has(conversationId))) return;
    await upsertConversationRef(this.deps.db, {
      platform: TEAMS_PLATFORM,
      conversationId,
      reference: JSON.parse(JSON.stringify(conversationReferenceOf(context.activity))) as JsonValue,
      tenantId: tenantOf(context.activity),
    });
    this.knownConversations.add(conversationId);
  }

  private async forgetConversation(context: TurnContext): Promise<void> {
    const conversationId = conversationKeyOf(context.activity);
    if (!conversationId) return;
    this.knownConversations.delete(conversationId);
    await deleteConversationRef(this.deps.db, TEAMS_PLATFORM, conversationId);
  }

  /** False when this activity was handled before (Bot Framework redelivers when a bot answers late). */
  private claimActivity(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    return id ? this.claim(`teams:activity:${keyPart(conversation.id)}:${keyPart(id)}`) : Promise.resolve(true);
  }

  /** True the first time an event key is seen; a redelivery or a double click gets false. */
  private claim(key: string): Promise<boolean> {
    return claimEvent(this.deps.db, key, this.deps.now?.() ?? new Date());
  }
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const optionTitle = (o: OptionView): string => (o.description ? `${o.label} (${o.description})` : o.label);

/** A field with the value the person had entered when they pressed Search. */
function keepValue(field: FieldView, value: string | string[] | undefined): FieldView {
  if (value === undefined) return field;
  switch (field.kind) {
    case 'text':
      return { ...field, value: asList(value)[0] };
    case 'number': {
      const n = Number(asList(value)[0]);
      return Number.isFinite(n) ? { ...field, value: n } : field;
    }
    case 'date':
    case 'select':
      return { ...field, value: asList(value)[0] };
    case 'multi-select':
      return { ...field, values: asList(value) };
    case 'search':
      return field;
  }
}

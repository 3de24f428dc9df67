import type { Flows } from '../../src/flows/flows.types';
import type { Logger } from '../../src/log';
import type { JsonValue } from '../../src/store';
import type { TeamsAuthConfig } from './bot-adapter';
import type { ProactiveMessenger } from './proactive-messenger';

/** The conversation references the bot keeps (the store's conversation_refs, for Teams), to post there later. */
export interface ConversationRefStore {
  /** Saves the latest reference of a conversation (one per conversation). */
  save(ref: { conversationId: string; reference: JsonValue; tenantId?: string; teamId?: string }): Promise<void>;
  /** The stored reference of a conversation, as saved; undefined when there is none. */
  find(conversationId: string): Promise<JsonValue | undefined>;
  forget(conversationId: string): Promise<void>;
  /** Forgets every conversation of a team (its channels); returns their ids. */
  forgetTeam(teamId: string): Promise<string[]>;
}

/**
 * Tells the notifications that the bot left a team or is back in it: a removed team's channels
 * wait (shown in `backup subscriptions` and `backup health`) and resume when it is added again.
 */
export interface TeamPresence {
  removed(teamId: string, conversationIds: string[]): Promise<void>;
  back(teamId: string): Promise<void>;
  /** The bot heard from a conversation (it is there): notifications that waited for it resume. */
  seen(conversationId: string): Promise<void>;
}

/** What the Teams adapter needs from the server composition. */
export interface TeamsDeps {
  flows: Flows;
  /**
   * Claims an idempotency key (the store's `claimEvent` bound to its database): true only for the
   * first claim of a key, ever. A redelivered activity gets false and does nothing.
   */
  claimEvent(key: string): Promise<boolean>;
  /**
   * Gives a claim back when handling the activity failed, so Bot Framework's redelivery of it
   * runs again rather than being refused as already handled.
   */
  releaseEvent(key: string): Promise<void>;
  /** Where conversation references are kept, for proactive messages (notifications, slow results). */
  conversationRefs: ConversationRefStore;
  /** Absent without the scheduler. */
  presence?: TeamPresence;
  /** The bot's identity; all empty = unauthenticated, loopback-only traffic. */
  auth: TeamsAuthConfig;
  /**
   * Serve the local playground: GET / (Web Chat), the Web Chat bundle, a Direct Line endpoint
   * under /v3/directline and its connector. Only without an app id: the playground's traffic is
   * unauthenticated and stays on this machine.
   */
  playground: boolean;
  /** What the playground's banner says Azure is; default 'emulator'. */
  azure?: 'emulator' | 'azure';
  logger: Logger;
  /**
   * How long a card action may work before its invoke is answered with a "working on it" card
   * and the result follows proactively; default 3000 ms (Teams waits 5 s, then retries).
   */
  invokeBudgetMs?: number;
  /** Longest one outgoing connector call may take; default bot-adapter's CONNECTOR_CALL_TIMEOUT_MS. */
  connectorCallTimeoutMs?: number;
}

/** What the bot's turn handlers share (registerTeams builds it). */
export interface TurnDeps {
  flows: Flows;
  logger: Logger;
  /** Posts and replaces cards outside a turn: results of card actions that outlive their invoke, announcements in a channel. */
  late: Pick<ProactiveMessenger, 'postCard' | 'updateCard'>;
  invokeBudgetMs?: number;
}

import type { Flows } from '../../src/flows/flows.types';
import type { Logger } from '../../src/log';
import type { StoreDb } from '../../src/store';
import type { TeamsAuthConfig } from './bot-adapter';

/** What the Teams adapter needs from the server composition. */
export interface TeamsDeps {
  flows: Flows;
  /** The store: conversation references (proactive messages) and processed events (redelivery, double clicks). */
  db: StoreDb;
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
  /** The clock for event claims; default () => new Date(). */
  now?: () => Date;
}

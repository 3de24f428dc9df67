import type { SlackConfig } from '../../src/config/config.types';
import type { Flows } from '../../src/flows/flows.types';
import type { Logger } from '../../src/log';

/** The Slack part of the configuration, when Slack is on. */
export type SlackSettings = Extract<SlackConfig, { enabled: true }>;

/** What the Slack adapter needs; the server composition builds it. */
export interface SlackDeps {
  config: SlackSettings;
  flows: Flows;
  /**
   * Claims an idempotency key (the store's `claimEvent` bound to its database): true only for the
   * first claim of a key, ever. Retries and double submissions get false and do nothing.
   */
  claimEvent(key: string): Promise<boolean>;
  logger: Logger;
  /**
   * How long a modal submission may run before the modal is answered with "working on it" and
   * updated when the work ends (Slack waits 3 s for an answer). Default 2,000 ms.
   */
  submissionBudgetMs?: number;
  /** Makes the reference quoted to a person when something unexpected fails. Default: random. */
  newReference?: () => string;
}

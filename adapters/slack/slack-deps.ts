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
   * How long work may run before the person is shown "working on it" (Slack waits 3 s for a
   * modal submission's answer, and a trigger id opens a modal only within 3 s): a submission's
   * modal, or a new modal opened for a command or button that leads to a form, shows it and is
   * updated when the work ends. Default 2,000 ms.
   */
  answerBudgetMs?: number;
  /**
   * Told of each Socket Mode acknowledgement (status 200, or 400 for a malformed body; seconds
   * since the envelope came in), for the acks metric; HTTP acks are counted by the server.
   */
  onSocketAck?: (status: number, seconds: number) => void;
  /**
   * The bot was added to a channel (someone ran /invite): notifications that waited for it there
   * resume. Absent without the scheduler.
   */
  botBack?: (channel: string) => Promise<void>;
  /** Makes the reference quoted to a person when something unexpected fails. Default: random. */
  newReference?: () => string;
}

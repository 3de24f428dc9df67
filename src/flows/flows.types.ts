import type { BackupService } from '../backup/backup.port';
import type { ExcludeTag } from '../domain/exclude-tag.rule';
import type { Logger } from '../log';
import type { VmInventory } from '../inventory/inventory.types';
import type { Actor, Intent } from './intents';
import type { JobUpdate, MessageAddress, TrackedJobStore } from './job-tracker.port';
import type { NotificationsPort } from './notifications.port';
import type { FlowResult, OptionView, SuggestSource, TrackRequest } from './views';

/** What the flows need. Everything platform- or Azure-specific comes in through here. */
export interface FlowDeps {
  backup: BackupService;
  /** Tracked job messages (the store's tracked_jobs table). */
  trackedJobs: TrackedJobStore;
  /** The VM inventory cache; default: one made on `backup` (call flows.inventory.start to refresh it in the background). */
  inventory?: VmInventory;
  /** Azure portal base URL without a trailing slash (https://portal.azure.com; sovereign clouds differ). */
  portalBaseUrl: string;
  /** The clock; default () => new Date(). */
  now?: () => Date;
  logger?: Logger;
  /** Makes the reference quoted in "something went wrong" messages; default a short random id. */
  newReference?: () => string;
  /**
   * Longest a type-ahead waits for the first inventory load before answering with no options
   * (default 1500 ms: Slack waits 3 s for options, and an unanswered request shows an error).
   */
  suggestWaitMs?: number;
  /** The tag that leaves a VM out of coverage (config.scheduler.excludeTag); default backup=exclude. */
  excludeTag?: ExcludeTag;
  /** Channel subscriptions and scheduler health (src/scheduler createNotificationsPort); absent: those commands say notifications are not set up. */
  notifications?: NotificationsPort;
}

/** Keeps job messages up to date. */
export interface JobTracker {
  /** Starts keeping a posted job message up to date (after posting a FlowResult with `track`). */
  track(request: TrackRequest, address: MessageAddress): Promise<void>;
  /**
   * One pass over the open tracked messages: reads each job once from Azure, hands each message's
   * new view to `publish`, and closes it once a final view was published. A publish that throws
   * leaves the message open for the next pass. Passes do not overlap (a call during a pass joins it).
   */
  refreshTrackedJobs(publish: (update: JobUpdate) => Promise<void>): Promise<JobUpdate[]>;
}

/** The platform-neutral bot: intents in, view models out. */
export interface Flows {
  /** Runs one user action. Never throws: failures come back as notice views. */
  handle(intent: Intent, actor: Actor): Promise<FlowResult>;
  /** Parses command text (`enable web-01`, with or without the leading `backup`) and handles it. */
  handleText(text: string, actor: Actor): Promise<FlowResult>;
  /**
   * Type-ahead options for a search field; local, no Azure call. Never throws; answers with none
   * while the first inventory load is still running. `actor` says who is
   * typing where: with access control installed, options outside the channel's scope are left out
   * (and none are given without an actor unless every channel sees everything).
   */
  suggest(source: SuggestSource, query: string, actor?: Actor): Promise<OptionView[]>;
  jobs: JobTracker;
  inventory: VmInventory;
}

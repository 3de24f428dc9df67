import type { JobKey } from './intents';
import type { JobContext } from './job-context';
import type { JobPhase, JobView } from './views';

/** Where an adapter posted a job message: opaque to the flows. */
export interface MessageAddress {
  /** The adapter that posted it ('slack', 'teams', ...): it alone reads `messageRef`. */
  platform: string;
  /** The adapter's address of the message as a string (e.g. JSON of Slack channel + ts, or of a Teams conversation reference + activity id). */
  messageRef: string;
}

/** A job message kept up to date until its job ends. */
export interface TrackedJob extends MessageAddress {
  job: JobKey;
  context: JobContext;
  /** The phase last shown; undefined before the first refresh. */
  lastPhase?: JobPhase;
  /** ISO time it was tracked from. */
  trackedAt: string;
  /** The request id of the command that started the job: the job's end is logged under it. */
  requestId?: string;
}

/**
 * Storage of tracked job messages (implemented on the store's tracked_jobs table), so tracking
 * survives a restart. Keyed by platform + messageRef.
 */
export interface TrackedJobStore {
  /** Adds the tracked message, or replaces the one with the same platform + messageRef. */
  save(tracked: TrackedJob): Promise<void>;
  /** Tracked messages whose job has not been shown as ended. */
  listOpen(): Promise<TrackedJob[]>;
  /** Records the phase last shown; `final` = the job ended, the message leaves listOpen. */
  markShown(address: MessageAddress, phase: JobPhase, final: boolean): Promise<void>;
}

/** A job message to re-render: where it is, and its new view. */
export interface JobUpdate {
  tracked: TrackedJob;
  view: JobView;
  /** The phase differs from the one shown before (e.g. in-progress -> completed). */
  changed: boolean;
}

import type { MessageView } from '../flows/views';
import type { ChatPlatform } from '../store/store.types';

/**
 * Posts notifications to one chat platform (implementations, in the adapters:
 * adapters/slack/slack.notifier.ts, adapters/teams/teams.notifier.ts). Thin: render the view, make one API call, and say precisely how
 * it failed, because the dispatcher decides on retries from that:
 * - a refusal the platform answered (`delivered: 'no'`) means nothing was posted;
 * - a timeout, a dropped connection or a 5xx (`delivered: 'unknown'`) may have posted it.
 * Every failure is a NotifierError.
 */
export interface Notifier {
  readonly platform: ChatPlatform;
  /** The least time between two messages to one conversation (Slack: about one a second). */
  readonly minIntervalMs: number;
  /**
   * Posts the view as a new message; resolves with the message id (Slack ts, Teams activity id).
   * `key` travels with the message where the platform allows. With `thread`, as a reply under
   * that message (a Teams chat has no threads: there it is a message of the chat); `broadcast`
   * also shows the reply in the channel where the platform can (Slack reply_broadcast).
   */
  post(conversationId: string, view: MessageView, key: string, thread?: ThreadReply): Promise<{ messageId: string }>;
  /** Replaces the content of a message the bot posted. */
  update(conversationId: string, messageId: string, view: MessageView): Promise<void>;
  /**
   * Looks in the conversation (with `threadId`: in that thread) for a message posted with `key` since `since`: its id, or
   * undefined when there is none. Absent when the platform cannot tell (Teams): then a
   * notification whose earlier attempt may have arrived is sent again (at least once).
   */
  findPosted?(conversationId: string, key: string, since: Date, threadId?: string): Promise<string | undefined>;
  /**
   * The conversation of a job message the bot tracks (tracked_jobs keeps the adapter's opaque
   * message address), or undefined when it cannot be read. The job sweep posts nothing where the
   * job tracker already updates a message of that job.
   */
  conversationOfTrackedMessage?(messageRef: string): string | undefined;
}

/** A reply in a thread: under which message, and whether it is also shown in the channel. */
export interface ThreadReply {
  threadId: string;
  broadcast: boolean;
}

/** How a notification attempt failed. */
export type NotifierFailure =
  /** 429: wait `retryAfterMs` before anything else goes to that conversation. */
  | 'rate-limited'
  /** May work later (5xx, network, timeouts, a token being rotated). */
  | 'transient'
  /** Will not work by trying again (channel gone, bot removed, message refused). */
  | 'permanent';

export class NotifierError extends Error {
  constructor(
    readonly failure: NotifierFailure,
    message: string,
    readonly options: {
      /** Whether the message may have been posted despite the error. */
      delivered: 'no' | 'unknown';
      retryAfterMs?: number;
      /** The platform's error code (Slack `not_in_channel`, an HTTP status). */
      code?: string;
      /** For updates: the message is gone or not the bot's, so post a new one instead. */
      messageGone?: boolean;
      /** For thread replies: the message to reply under is gone, so post to the channel instead. */
      threadGone?: boolean;
      /**
       * Only adding the bot back to the conversation can fix it (Slack not_in_channel): the
       * channel's notifications wait for that instead of failing at every run.
       */
      botNotInChannel?: boolean;
    },
  ) {
    super(message);
    this.name = 'NotifierError';
  }
}

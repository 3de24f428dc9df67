import type { Asked } from '../../src/access/audience';
import type { SlackMessageAddress } from './message-address';

/**
 * Where the person is looking when they act, so the answer lands there: the channel, the modal
 * they are in, the message whose button they pressed, and the ways Slack gave to reach them.
 */
export interface Where {
  userId: string;
  /** The conversation the person acted in (for a modal: where its wizard started). */
  channel?: string;
  /** A command's or message button's response_url (ephemeral answers, posts without membership). */
  responseUrl?: string;
  /** Valid for 3 seconds, once: opens a modal. */
  triggerId?: string;
  /** The modal the interaction came from. */
  viewId?: string;
  /** The message whose button was pressed. */
  message?: SlackMessageAddress;
  /** That message is ephemeral (only its response_url can replace it; chat.update cannot). */
  ephemeral?: boolean;
  /** What the person asked: decides who the answer is for (src/access/audience.ts). Absent: the channel. */
  asked?: Asked;
  /** What started this (see FormMetadata.origin): carried into modals for idempotency. */
  origin: string;
}

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
  /** What started this (see FormMetadata.origin): carried into modals for idempotency. */
  origin: string;
}

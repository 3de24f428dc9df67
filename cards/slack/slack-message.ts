import type { KnownBlock } from '@slack/types';

/**
 * A message for chat.postMessage / chat.update / response_url: Block Kit blocks and the plain
 * text Slack shows in notifications and to screen readers.
 */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

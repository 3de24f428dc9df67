import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { LINK_ACTION_ID } from '../../../../cards/slack';

/** Action ids of buttons that only open a URL (the portal). */
export const LINK_ACTION = new RegExp(`^${LINK_ACTION_ID}(:\\d+)?$`);

/** Slack sends an interaction for URL buttons too; it needs an ack and nothing else. */
export async function linkButton({ ack }: AllMiddlewareArgs & SlackActionMiddlewareArgs): Promise<void> {
  await ack();
}

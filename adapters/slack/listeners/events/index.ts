import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';
import { memberJoined } from './member-joined.event';

export function register(app: App, ctx: SlackContext): void {
  app.event('member_joined_channel', memberJoined(ctx));
}

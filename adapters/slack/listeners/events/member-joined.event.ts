import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackContext } from '../../slack-context';

type Args = Pick<SlackEventMiddlewareArgs<'member_joined_channel'>, 'event'> & Pick<AllMiddlewareArgs, 'context'>;

/**
 * member_joined_channel (docs.slack.dev/reference/events/member_joined_channel): "sent when users
 * join any channel type, including public and private channels", with `user` and `channel`. When
 * the user is the bot itself (someone ran /invite), the channel's notifications that waited for
 * it resume. Anyone else joining changes nothing.
 */
export function memberJoined(ctx: SlackContext) {
  return async ({ event, context }: Args): Promise<void> => {
    if (!context.botUserId || event.user !== context.botUserId || !ctx.deps.botBack) return;
    await ctx.deps.botBack(event.channel);
    ctx.deps.logger.info('slack: the bot was added to a channel; its notifications go out again', { channel: event.channel });
  };
}

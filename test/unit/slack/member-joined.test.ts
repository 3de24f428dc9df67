import { memberJoined } from '../../../adapters/slack/listeners/events/member-joined.event';
import type { SlackContext } from '../../../adapters/slack/slack-context';
import { silentLogger } from '../../../src/log';

/**
 * The event as Slack sends it (docs.slack.dev/reference/events/member_joined_channel, "Usage
 * info": type, user, channel, channel_type, team, inviter), inside its event_callback.
 */
const joined = (user: string) =>
  ({ type: 'member_joined_channel', user, channel: 'G0PRIVATE1', channel_type: 'G', team: 'T123ABC456', inviter: 'U123456789', event_ts: '1493335475.238488' }) as const;

describe('Slack member_joined_channel', () => {
  it('resumes the channel\'s notifications when the bot itself was invited, and only then', async () => {
    const back: string[] = [];
    const ctx = { deps: { logger: silentLogger, botBack: async (c: string) => void back.push(c) } } as unknown as SlackContext;
    const handler = memberJoined(ctx);
    await handler({ event: joined('U0SOMEONE'), context: { botUserId: 'U0BOT' } } as never);
    expect(back).toEqual([]);
    await handler({ event: joined('U0BOT'), context: { botUserId: 'U0BOT' } } as never);
    expect(back).toEqual(['G0PRIVATE1']);
  });
});

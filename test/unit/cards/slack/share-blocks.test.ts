/** Share in channel: the button on a private answer, and the shared message, within Slack's limits. */
import { messageBlocks, SHARE_ACTION_ID, sharedMessage, withShareButton } from '../../../../cards/slack';
import { checkMessage } from '../../../support/block-kit-limits';
import { MESSAGES } from './fixtures';

const buttons = (m: { blocks: unknown[] }): string[] => JSON.stringify(m.blocks).match(new RegExp(`"action_id":"${SHARE_ACTION_ID}"`, 'g')) ?? [];

describe('Share in channel', () => {
  it.each(Object.keys(MESSAGES))('%s: one share button, the message still within limits', (name) => {
    const shared = withShareButton(messageBlocks(MESSAGES[name]), { type: 'status' });
    expect(checkMessage(shared)).toEqual([]);
    expect(buttons(shared)).toHaveLength(1);
    const posted = sharedMessage(messageBlocks(MESSAGES[name]), 'U0ANA');
    expect(checkMessage(posted)).toEqual([]);
    expect(JSON.stringify(posted.blocks[0])).toContain('<@U0ANA> shared this');
  });

  it('never turns an odd user id into markup', () => {
    expect(JSON.stringify(sharedMessage(messageBlocks(MESSAGES['job-queued']), '<!channel>').blocks[0])).not.toContain('<!channel>');
  });
});

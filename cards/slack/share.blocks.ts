/**
 * "Share in channel": a private answer carries a button that shows the same answer to everyone
 * (Slack cannot turn an ephemeral message into a channel one, so the button carries the intent
 * that makes the answer again), and the shared message says who shared it.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Intent } from '../../src/flows/intents';
import { LIMITS, context, plain } from './block-kit';
import { encodeIntent } from './intent-action';
import type { SlackMessage } from './slack-message';

/** Action id of the Share in channel button (not an intent type: the adapter routes it on its own). */
export const SHARE_ACTION_ID = 'share';

/** The private answer with a Share in channel button at its foot. */
export function withShareButton(message: SlackMessage, intent: Intent): SlackMessage {
  const button: Button = { type: 'button', text: plain('Share in channel', LIMITS.buttonText), action_id: SHARE_ACTION_ID, value: encodeIntent(intent) };
  const blocks = [...message.blocks];
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions' && last.elements.length < LIMITS.actionsElements) {
    blocks[blocks.length - 1] = { ...last, elements: [...last.elements, button] } as ActionsBlock;
  } else {
    // A message at Slack's 50 blocks gives up its last line for the button.
    if (blocks.length >= LIMITS.messageBlocks) blocks.splice(LIMITS.messageBlocks - 1);
    blocks.push({ type: 'actions', elements: [button] });
  }
  return { text: message.text, blocks };
}

/** The answer as shown to the channel, headed by who shared it. */
export function sharedMessage(message: SlackMessage, userId: string): SlackMessage {
  // A user id is letters and digits; anything else is not shown as a mention.
  const by: KnownBlock = context([/^[A-Z0-9]{2,30}$/i.test(userId) ? `<@${userId}> shared this` : 'Shared from a private answer']);
  return { text: message.text, blocks: [by, ...message.blocks.slice(0, LIMITS.messageBlocks - 1)] };
}

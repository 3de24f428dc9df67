/** Where a block action happened: on a message in a channel, or inside one of our modals. */
import type { BlockAction } from '@slack/bolt';
import { decodeModalContext } from './slack-payload';
import { messageButtonOrigin } from './idempotency';
import type { Where } from './where';

export function whereOfAction(body: BlockAction, actionId: string): Where {
  const base = { userId: body.user.id, triggerId: body.trigger_id };
  if (body.view) {
    const ctx = decodeModalContext(body.view.private_metadata);
    return { ...base, viewId: body.view.id, channel: ctx.channel, origin: ctx.origin ?? `view:${body.view.id}` };
  }
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  return {
    ...base,
    channel,
    responseUrl: body.response_url,
    ...(channel && ts ? { message: { channel, ts } } : {}),
    origin: channel && ts ? messageButtonOrigin(channel, ts, actionId) : `action:${body.trigger_id}`,
  };
}

/** Where a block action happened: on a message in a channel, or inside one of our modals. */
import type { BlockAction, BlockSuggestion, ViewSubmitAction } from '@slack/bolt';
import type { SlackUser } from './actor';
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
  // An ephemeral message comes with container.is_ephemeral and without `message` (block_actions payload docs).
  const ephemeral = body.container?.is_ephemeral === true;
  return {
    ...base,
    channel,
    responseUrl: body.response_url,
    ...(channel && ts ? { message: { channel, ts } } : {}),
    ...(ephemeral ? { ephemeral } : {}),
    origin: channel && ts ? messageButtonOrigin(channel, ts, actionId) : `action:${body.trigger_id}`,
  };
}

/** Who acted, with their workspace: the user's own team id, else the team the request came from. */
export function actorUser(body: BlockAction | ViewSubmitAction | BlockSuggestion): SlackUser {
  const { id, name, team_id } = body.user;
  const username = 'username' in body.user && typeof body.user.username === 'string' ? body.user.username : undefined;
  return { id, name, ...(username ? { username } : {}), team_id: team_id ?? body.team?.id };
}

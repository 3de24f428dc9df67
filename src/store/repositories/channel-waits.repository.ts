import type { StoreDb } from '../database';
import { fromTimestamp, isChatPlatform, toTimestamp } from '../row-mappers';
import type { ChatPlatform } from '../store.types';
import { channelKeyOf } from './outbox.repository';

/** A channel the bot cannot post to until someone adds it back. */
export interface WaitingChannel {
  platform: ChatPlatform;
  conversationId: string;
  since: Date;
  /** The platform's refusal (Slack `not_in_channel`, `channel_not_found`) or `removed` (Teams). */
  code: string;
}

const EPOCH = new Date(0).toISOString();

/**
 * Stops notifications to a channel until the bot is back: the channel waits (no sender claims it,
 * nothing new is queued for it) and what was queued is marked failed, because trying again cannot
 * help and a day-old digest posted after the /invite would only mislead. True when it was not
 * waiting already.
 */
export async function waitForBot(db: StoreDb, channel: { platform: ChatPlatform; conversationId: string }, input: { code: string; at: Date; teamId?: string }): Promise<boolean> {
  const key = channelKeyOf(channel);
  const at = toTimestamp(input.at);
  await db
    .insertInto('notification_channels')
    .values({ channel_key: key, platform: channel.platform, conversation_id: channel.conversationId, next_send_at: EPOCH, claimed_by: null, claimed_until: null, updated_at: at, waiting_since: null, waiting_code: null, waiting_team: null })
    .onConflict((oc) => oc.column('channel_key').doNothing())
    .execute();
  const changed = await db
    .updateTable('notification_channels')
    .set({ waiting_since: at, waiting_code: input.code, waiting_team: input.teamId ?? null, updated_at: at })
    .where('channel_key', '=', key)
    .where('waiting_since', 'is', null)
    .executeTakeFirst();
  await db
    .updateTable('notification_outbox')
    .set({ status: 'failed', last_error: `the bot is not in the channel (${input.code}); waiting for it to be added back`, sent_at: at, claimed_by: null, claimed_until: null })
    .where('channel_key', '=', key)
    .where('status', '=', 'pending')
    .execute();
  return changed.numUpdatedRows > 0n;
}

/** The bot is back in these channels: notifications resume. Returns the ones that were waiting. */
export async function botIsBack(db: StoreDb, platform: ChatPlatform, conversationIds: readonly string[], at: Date): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const keys = conversationIds.map((conversationId) => channelKeyOf({ platform, conversationId }));
  const rows = await db
    .updateTable('notification_channels')
    .set({ waiting_since: null, waiting_code: null, waiting_team: null, updated_at: toTimestamp(at) })
    .where('channel_key', 'in', keys)
    .where('waiting_since', 'is not', null)
    .returning('conversation_id')
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** A Teams team added the bot again: every channel its removal paused resumes. Returns them. */
export async function teamIsBack(db: StoreDb, platform: ChatPlatform, teamId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('notification_channels')
    .set({ waiting_since: null, waiting_code: null, waiting_team: null, updated_at: toTimestamp(at) })
    .where('platform', '=', platform)
    .where('waiting_team', '=', teamId)
    .returning('conversation_id')
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** Channels waiting for the bot, longest first (of one platform and conversation when given). */
export async function listWaitingChannels(db: StoreDb, filter: { platform?: ChatPlatform; conversationId?: string } = {}): Promise<WaitingChannel[]> {
  const rows = await db
    .selectFrom('notification_channels')
    .select(['channel_key', 'platform', 'conversation_id', 'waiting_since', 'waiting_code'])
    .where('waiting_since', 'is not', null)
    .$if(filter.platform !== undefined, (qb) => qb.where('platform', '=', filter.platform as ChatPlatform))
    .$if(filter.conversationId !== undefined, (qb) => qb.where('conversation_id', '=', filter.conversationId as string))
    .orderBy('waiting_since')
    .orderBy('channel_key')
    .execute();
  return rows.flatMap((r) =>
    isChatPlatform(r.platform) && r.waiting_since !== null
      ? [{ platform: r.platform, conversationId: r.conversation_id, since: fromTimestamp(r.waiting_since, 'notification_channels', r.channel_key), code: r.waiting_code ?? 'unknown' }]
      : [],
  );
}

import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code; only SQL that SQLite and
// PostgreSQL both accept (the rewriting is done row by row, here, rather than with each dialect's
// string functions).
//
// Until this date the bot keyed a Teams channel by the conversation an activity came in, which in
// a channel is one post's thread: `19:…@thread.tacv2;messageid=<post id>`. From now on a channel
// is one conversation, `19:…@thread.tacv2`. Rows keyed by a thread are moved to their channel;
// where the channel already has the same row (two threads subscribed to the same vault, say), one
// is kept. Not moved: tracked job messages (they stay in the thread they were posted in) and the
// audit log (append-only: it says where each action was typed, as it was then).

const THREAD = ';messageid=';
const channelOf = (conversationId: string): string => conversationId.slice(0, conversationId.indexOf(THREAD));
const inThread = `%${THREAD}%`;

type Row = Record<string, unknown>;
const text = (row: Row, column: string): string => String(row[column]);

/** Every Teams row of `table` whose `column` names a thread, in `order`. */
async function threadRows(db: Kysely<any>, table: string, column: string, order: [string, 'asc' | 'desc']): Promise<Row[]> {
  return (await db.selectFrom(table).selectAll().where('platform', '=', 'teams').where(column, 'like', inThread).orderBy(order[0], order[1]).execute()) as Row[];
}

/** A stored reference made the channel's: the same reference without the thread. */
function channelReference(json: string, channel: string): string {
  try {
    const reference = JSON.parse(json) as { conversation?: Record<string, unknown> };
    if (typeof reference !== 'object' || reference === null || typeof reference.conversation !== 'object' || reference.conversation === null) return json;
    return JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: channel, conversationType: 'channel' } });
  } catch {
    return json;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // Conversation references: the newest one of a channel's threads becomes the channel's, unless
  // the channel has its own already (the bot was installed in the team).
  for (const row of await threadRows(db, 'conversation_refs', 'conversation_id', ['updated_at', 'desc'])) {
    const channel = channelOf(text(row, 'conversation_id'));
    const taken = await db.selectFrom('conversation_refs').select('id').where('platform', '=', 'teams').where('conversation_id', '=', channel).executeTakeFirst();
    if (taken) {
      await db.deleteFrom('conversation_refs').where('id', '=', row.id).execute();
    } else {
      await db
        .updateTable('conversation_refs')
        .set({ conversation_id: channel, reference_json: channelReference(text(row, 'reference_json'), channel) })
        .where('id', '=', row.id)
        .execute();
    }
  }

  // Subscriptions: one per channel and scope; the most recently changed one is kept.
  for (const row of await threadRows(db, 'notification_subscriptions', 'conversation_id', ['updated_at', 'desc'])) {
    const channel = channelOf(text(row, 'conversation_id'));
    const taken = await db
      .selectFrom('notification_subscriptions')
      .select('id')
      .where('platform', '=', 'teams')
      .where('conversation_id', '=', channel)
      .where('scope_key', '=', row.scope_key)
      .executeTakeFirst();
    if (taken) await db.deleteFrom('notification_subscriptions').where('id', '=', row.id).execute();
    else await db.updateTable('notification_subscriptions').set({ conversation_id: channel }).where('id', '=', row.id).execute();
  }

  // Channel bindings: one per channel and scope; the first one made is kept.
  for (const row of await threadRows(db, 'access_bindings', 'channel_id', ['created_at', 'asc'])) {
    const channel = channelOf(text(row, 'channel_id'));
    const taken = await db
      .selectFrom('access_bindings')
      .select('id')
      .where('platform', '=', 'teams')
      .where('workspace_id', '=', row.workspace_id)
      .where('channel_id', '=', channel)
      .where('scope_key', '=', row.scope_key)
      .executeTakeFirst();
    if (taken) await db.deleteFrom('access_bindings').where('id', '=', row.id).execute();
    else await db.updateTable('access_bindings').set({ channel_id: channel }).where('id', '=', row.id).execute();
  }

  // Effect claims: a claim made "per channel" names the channel in its key too; the latest one is kept.
  for (const row of await threadRows(db, 'access_effects', 'channel_id', ['started_at', 'desc'])) {
    const thread = text(row, 'channel_id');
    const channel = channelOf(thread);
    const key = text(row, 'key').split(thread).join(channel);
    const taken = key !== row.key && (await db.selectFrom('access_effects').select('key').where('key', '=', key).executeTakeFirst());
    if (taken) await db.deleteFrom('access_effects').where('key', '=', row.key).execute();
    else await db.updateTable('access_effects').set({ key, channel_id: channel }).where('key', '=', row.key).execute();
  }

  // The outbox: what is still to be sent goes to the channel. Sent rows first, so that a pending
  // duplicate of something already sent (the same job, followed from two threads) is dropped.
  const outbox = (await threadRows(db, 'notification_outbox', 'conversation_id', ['created_at', 'asc'])).sort(
    (a, b) => Number(b.status === 'sent') - Number(a.status === 'sent'),
  );
  for (const row of outbox) {
    const thread = text(row, 'conversation_id');
    const channel = channelOf(thread);
    const idempotencyKey = text(row, 'idempotency_key').split(thread).join(channel);
    const taken =
      idempotencyKey !== row.idempotency_key && (await db.selectFrom('notification_outbox').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst());
    if (taken) {
      await db.deleteFrom('notification_outbox').where('id', '=', row.id).execute();
    } else {
      await db
        .updateTable('notification_outbox')
        .set({ conversation_id: channel, channel_key: `teams:${channel}`, idempotency_key: idempotencyKey })
        .where('id', '=', row.id)
        .execute();
    }
  }

  // The pace of each conversation: a channel keeps the latest "not before" of its threads.
  for (const row of await threadRows(db, 'notification_channels', 'conversation_id', ['next_send_at', 'desc'])) {
    const channel = channelOf(text(row, 'conversation_id'));
    const channelKey = `teams:${channel}`;
    const taken = await db.selectFrom('notification_channels').select(['channel_key', 'next_send_at']).where('channel_key', '=', channelKey).executeTakeFirst();
    if (taken) {
      if (String(taken.next_send_at) < text(row, 'next_send_at')) {
        await db.updateTable('notification_channels').set({ next_send_at: row.next_send_at }).where('channel_key', '=', channelKey).execute();
      }
      await db.deleteFrom('notification_channels').where('channel_key', '=', row.channel_key).execute();
    } else {
      await db.updateTable('notification_channels').set({ channel_key: channelKey, conversation_id: channel }).where('channel_key', '=', row.channel_key).execute();
    }
  }

  // Items the digest lists as pending: one per channel and item, seen first the earliest.
  for (const row of await threadRows(db, 'notification_pending_items', 'conversation_id', ['first_seen_at', 'asc'])) {
    const channel = channelOf(text(row, 'conversation_id'));
    const channelKey = `teams:${channel}`;
    const taken = await db
      .selectFrom('notification_pending_items')
      .select('item_key')
      .where('channel_key', '=', channelKey)
      .where('item_key', '=', row.item_key)
      .executeTakeFirst();
    if (taken) {
      await db.deleteFrom('notification_pending_items').where('channel_key', '=', row.channel_key).where('item_key', '=', row.item_key).execute();
    } else {
      await db
        .updateTable('notification_pending_items')
        .set({ channel_key: channelKey, conversation_id: channel })
        .where('channel_key', '=', row.channel_key)
        .where('item_key', '=', row.item_key)
        .execute();
    }
  }
}

/** Threads merged into their channel cannot be told apart again: going down leaves the rows as they are. */
export async function down(): Promise<void> {}

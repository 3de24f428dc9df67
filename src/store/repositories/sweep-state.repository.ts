import type { PendingItemRow, StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, isChatPlatform, toTimestamp } from '../row-mappers';
import type { ChatPlatform } from '../store.types';
import { channelKeyOf } from './outbox.repository';

// What the sweeps remember between runs, in the database so that another replica continues
// where a dead leader stopped: the items each channel's digest lists, and per vault the start
// time from which the job sweep asks Azure for jobs next.

/** A protected item a channel's digest lists as "initial backup pending". */
export interface PendingItem {
  channelKey: string;
  platform: ChatPlatform;
  conversationId: string;
  itemId: string;
  vmId: string;
  vmName: string;
  vaultId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface PendingItemInput {
  platform: ChatPlatform;
  conversationId: string;
  itemId: string;
  vmId: string;
  vmName: string;
  vaultId: string;
}

function toPendingItem(row: PendingItemRow): PendingItem {
  const id = `${row.channel_key}/${row.item_key}`;
  if (!isChatPlatform(row.platform)) throw new CorruptRowError('notification_pending_items', id, `unknown platform ${row.platform}`);
  return {
    channelKey: row.channel_key,
    platform: row.platform,
    conversationId: row.conversation_id,
    itemId: row.item_id,
    vmId: row.vm_id,
    vmName: row.vm_name,
    vaultId: row.vault_id,
    firstSeenAt: fromTimestamp(row.first_seen_at, 'notification_pending_items', id),
    lastSeenAt: fromTimestamp(row.last_seen_at, 'notification_pending_items', id),
  };
}

/** Notes that the item is (still) pending for the channel; the first sighting is kept. Returns the row. */
export async function upsertPendingItem(db: StoreDb, item: PendingItemInput, at: Date): Promise<PendingItem> {
  const now = toTimestamp(at);
  const row = await db
    .insertInto('notification_pending_items')
    .values({
      channel_key: channelKeyOf(item),
      item_key: item.itemId.toLowerCase(),
      platform: item.platform,
      conversation_id: item.conversationId,
      item_id: item.itemId,
      vm_id: item.vmId,
      vm_name: item.vmName,
      vault_id: item.vaultId,
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(['channel_key', 'item_key']).doUpdateSet({ last_seen_at: now, vm_name: item.vmName }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPendingItem(row);
}

/** The pending items of every channel, or of one. */
export async function listPendingItems(db: StoreDb, filter: { channelKey?: string } = {}): Promise<PendingItem[]> {
  const rows = await db
    .selectFrom('notification_pending_items')
    .selectAll()
    .$if(filter.channelKey !== undefined, (qb) => qb.where('channel_key', '=', filter.channelKey as string))
    .orderBy('channel_key')
    .orderBy('first_seen_at')
    .orderBy('item_key')
    .execute();
  return rows.map(toPendingItem);
}

/** The pending items of a VM in a vault (any channel); ids and names compare case-insensitively. */
export async function findPendingItemsOfVm(db: StoreDb, vaultId: string, vmName: string): Promise<PendingItem[]> {
  const rows = await db
    .selectFrom('notification_pending_items')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['vault_id']), '=', vaultId.toLowerCase()))
    .where((eb) => eb(eb.fn('lower', ['vm_name']), '=', vmName.toLowerCase()))
    .execute();
  return rows.map(toPendingItem);
}

/**
 * Forgets a pending item, only if it is the same sighting (`firstSeenAt`): true for exactly one
 * caller, so the "now protected" follow-up is written once even when two sweeps see it clear.
 */
export async function deletePendingItem(db: StoreDb, item: Pick<PendingItem, 'channelKey' | 'itemId' | 'firstSeenAt'>): Promise<boolean> {
  const result = await db
    .deleteFrom('notification_pending_items')
    .where('channel_key', '=', item.channelKey)
    .where('item_key', '=', item.itemId.toLowerCase())
    .where('first_seen_at', '=', toTimestamp(item.firstSeenAt))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Where the job sweep starts asking for a vault's jobs next (job start time), if it asked before. */
export async function getJobCursor(db: StoreDb, vaultId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('job_sweep_cursors').select(['since', 'vault_key']).where('vault_key', '=', vaultId.toLowerCase()).executeTakeFirst();
  return row === undefined ? undefined : fromTimestamp(row.since, 'job_sweep_cursors', row.vault_key);
}

export async function setJobCursor(db: StoreDb, vaultId: string, since: Date, at: Date): Promise<void> {
  await db
    .insertInto('job_sweep_cursors')
    .values({ vault_key: vaultId.toLowerCase(), vault_id: vaultId, since: toTimestamp(since), updated_at: toTimestamp(at) })
    .onConflict((oc) => oc.column('vault_key').doUpdateSet({ since: toTimestamp(since), updated_at: toTimestamp(at) }))
    .execute();
}

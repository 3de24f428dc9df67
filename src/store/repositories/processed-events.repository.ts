import type { StoreDb } from '../database';
import { toTimestamp } from '../row-mappers';

/**
 * Claims an event key (e.g. `slack:event:<event_id>`, `slack:action:<trigger id>`,
 * `teams:activity:<id>`). True only for the first claim of a key, ever: a retry, a redelivery or
 * a double click gets false and must do nothing. Atomic on both dialects (insert ... on conflict
 * do nothing), so two replicas or two concurrent requests cannot both win.
 */
export async function claimEvent(db: StoreDb, key: string, at: Date = new Date()): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ key, created_at: toTimestamp(at) })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/**
 * Gives a claimed key back, so a redelivery of a request whose handling failed is handled again
 * instead of being answered "already handled" forever. Only for a claim whose work threw.
 */
export async function releaseEvent(db: StoreDb, key: string): Promise<void> {
  await db.deleteFrom('processed_events').where('key', '=', key).execute();
}

/** Forgets keys claimed before `olderThan` (retries stop after minutes); returns how many. */
export async function pruneProcessedEvents(db: StoreDb, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('processed_events').where('created_at', '<', toTimestamp(olderThan)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

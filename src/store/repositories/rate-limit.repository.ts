import type { StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, toTimestamp } from '../row-mappers';

/** A person's recorded costly actions, and the version a write based on them must match (0: none yet). */
export interface RecordedTakes {
  times: Date[];
  version: number;
}

function parseTimes(key: string, json: string): Date[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new CorruptRowError('rate_limit_takes', key, 'taken_json is not JSON');
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new CorruptRowError('rate_limit_takes', key, 'taken_json is not a JSON list of timestamps');
  return parsed.map((text: string) => fromTimestamp(text, 'rate_limit_takes', key));
}

export async function readTakes(db: StoreDb, key: string): Promise<RecordedTakes> {
  const row = await db.selectFrom('rate_limit_takes').select(['taken_json', 'version']).where('key', '=', key).executeTakeFirst();
  return row === undefined ? { times: [], version: 0 } : { times: parseTimes(key, row.taken_json), version: Number(row.version) };
}

/**
 * Replaces a person's recorded actions with `times`, only if the row is still at `readVersion`
 * (one conditional upsert, atomic on both dialects). False when another writer got there first:
 * the caller reads again and decides again.
 */
export async function writeTakes(db: StoreDb, key: string, readVersion: number, times: readonly Date[], at: Date): Promise<boolean> {
  const values = { taken_json: JSON.stringify(times.map(toTimestamp)), version: readVersion + 1, updated_at: toTimestamp(at) };
  const written = await db
    .insertInto('rate_limit_takes')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values).where('rate_limit_takes.version', '=', readVersion))
    .executeTakeFirst();
  return (written.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

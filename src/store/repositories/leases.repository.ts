import type { LeaseRow, StoreDb } from '../database';
import { fromTimestamp, toTimestamp } from '../row-mappers';

/** A lease in the database: who holds it, and until when unless renewed. */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: Date;
  /** When the current holder took it (kept across renewals). */
  acquiredAt: Date;
  renewedAt: Date;
}

function toLease(row: LeaseRow): Lease {
  const ts = (text: string): Date => fromTimestamp(text, 'scheduler_leases', row.name);
  return { name: row.name, holder: row.holder, expiresAt: ts(row.expires_at), acquiredAt: ts(row.acquired_at), renewedAt: ts(row.renewed_at) };
}

/**
 * Takes the lease when nobody holds it or its holder let it expire, or renews it when `holder`
 * already has it; one atomic upsert on both dialects, so two replicas asking at once cannot both
 * get it. `held` says whether `holder` has it now; `lease` is the lease as it stands (whoever has it).
 */
export async function acquireLease(
  db: StoreDb,
  input: { name: string; holder: string; now: Date; ttlMs: number },
): Promise<{ held: boolean; lease: Lease | undefined }> {
  const now = toTimestamp(input.now);
  const expires = toTimestamp(new Date(input.now.getTime() + input.ttlMs));
  const row = await db
    .insertInto('scheduler_leases')
    .values({ name: input.name, holder: input.holder, expires_at: expires, acquired_at: now, renewed_at: now })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: input.holder,
          expires_at: expires,
          renewed_at: now,
          acquired_at: eb.case().when('scheduler_leases.holder', '=', input.holder).then(eb.ref('scheduler_leases.acquired_at')).else(now).end(),
        }))
        .where((eb) => eb.or([eb('scheduler_leases.holder', '=', input.holder), eb('scheduler_leases.expires_at', '<', now)])),
    )
    .returningAll()
    .executeTakeFirst();
  if (row !== undefined) return { held: true, lease: toLease(row) };
  return { held: false, lease: await getLease(db, input.name) };
}

/** Gives the lease up (a clean shutdown) so another replica takes over at once; only its holder can. */
export async function releaseLease(db: StoreDb, name: string, holder: string): Promise<boolean> {
  const result = await db.deleteFrom('scheduler_leases').where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function getLease(db: StoreDb, name: string): Promise<Lease | undefined> {
  const row = await db.selectFrom('scheduler_leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : toLease(row);
}

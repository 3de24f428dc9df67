import type { EffectRow, StoreDb } from '../database';
import { fromTimestamp, toTimestamp } from '../row-mappers';
import { actorColumns, actorOfRow, type RecordedActor } from './actor-columns';

/** Who started an effect, and where. */
export type EffectActor = RecordedActor;

/** An effect (one action with its exact inputs) as claimed: by whom, when, and how it ended. */
export interface EffectClaim {
  key: string;
  action: string;
  actor: EffectActor;
  startedAt: Date;
  /** Undefined while it runs. */
  finishedAt?: Date;
  outcome?: string;
  summary?: string;
}

export type ClaimResult = { claimed: true; claim: EffectClaim } | { claimed: false; existing: EffectClaim };

function toClaim(row: EffectRow): EffectClaim {
  return {
    key: row.key,
    action: row.action,
    actor: actorOfRow(row),
    startedAt: fromTimestamp(row.started_at, 'access_effects', row.key),
    ...(row.finished_at !== null ? { finishedAt: fromTimestamp(row.finished_at, 'access_effects', row.key) } : {}),
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
    ...(row.summary !== null ? { summary: row.summary } : {}),
  };
}

const rowOf = (key: string, action: string, actor: EffectActor, at: Date): EffectRow => ({
  key,
  action,
  ...actorColumns(actor),
  started_at: toTimestamp(at),
  finished_at: null,
  outcome: null,
  summary: null,
});

/**
 * Claims an effect key for `actor`. The first claim wins (atomic on both dialects). A later claim
 * of the same key wins only when `mayRedo(existing)` says the earlier one no longer counts (it
 * failed, or ran long ago); the take-over is conditional on the row it read, so of two requests
 * that both see an old claim, one wins. A loser gets the claim that stands.
 */
export async function claimEffect(
  db: StoreDb,
  input: { key: string; action: string; actor: EffectActor; at: Date },
  mayRedo: (existing: EffectClaim) => boolean,
): Promise<ClaimResult> {
  const row = rowOf(input.key, input.action, input.actor, input.at);
  const inserted = await db.insertInto('access_effects').values(row).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { claimed: true, claim: toClaim(row) };
  const current = await db.selectFrom('access_effects').selectAll().where('key', '=', input.key).executeTakeFirst();
  if (!current) return claimEffect(db, input, mayRedo); // released in between: try again
  const existing = toClaim(current);
  if (!mayRedo(existing)) return { claimed: false, existing };
  const taken = await db
    .updateTable('access_effects')
    .set(row)
    .where('key', '=', input.key)
    .where('started_at', '=', current.started_at)
    .where('user_id', '=', current.user_id)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return { claimed: true, claim: toClaim(row) };
  const winner = await db.selectFrom('access_effects').selectAll().where('key', '=', input.key).executeTakeFirst();
  return winner ? { claimed: false, existing: toClaim(winner) } : claimEffect(db, input, mayRedo);
}

/** The claim that stands for a key, if any: read before a request spends anything, to answer a repeat from it. */
export async function findEffect(db: StoreDb, key: string): Promise<EffectClaim | undefined> {
  const row = await db.selectFrom('access_effects').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** Records how a claimed effect ended. */
export async function finishEffect(db: StoreDb, claim: EffectClaim, end: { outcome: string; summary: string; at: Date }): Promise<void> {
  await db
    .updateTable('access_effects')
    .set({ finished_at: toTimestamp(end.at), outcome: end.outcome, summary: end.summary })
    .where('key', '=', claim.key)
    .where('started_at', '=', toTimestamp(claim.startedAt))
    .execute();
}

/** Gives a claim back when nothing happened (the form was invalid, the person was refused), so the same request may run later. */
export async function releaseEffect(db: StoreDb, claim: EffectClaim): Promise<void> {
  await db
    .deleteFrom('access_effects')
    .where('key', '=', claim.key)
    .where('started_at', '=', toTimestamp(claim.startedAt))
    .where('finished_at', 'is', null)
    .execute();
}

/**
 * Effects of a workspace that started before `startedBefore` and never finished: the process
 * stopped while they ran, so whether Azure did them is unknown. Oldest first, at most `limit`.
 */
export async function listUnfinishedEffects(db: StoreDb, query: { platform: string; workspaceId: string; since: Date; startedBefore: Date; limit?: number }): Promise<EffectClaim[]> {
  const rows = await db
    .selectFrom('access_effects')
    .selectAll()
    .where('platform', '=', query.platform)
    .where('workspace_id', '=', query.workspaceId)
    .where('finished_at', 'is', null)
    .where('started_at', '>=', toTimestamp(query.since))
    .where('started_at', '<', toTimestamp(query.startedBefore))
    .orderBy('started_at')
    .limit(Math.min(100, query.limit ?? 10))
    .execute();
  return rows.map(toClaim);
}

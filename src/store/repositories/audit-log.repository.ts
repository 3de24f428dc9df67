import { randomBytes } from 'node:crypto';
import type { AuditLogRow, StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, toTimestamp } from '../row-mappers';
import { actorColumns, actorOfRow, type RecordedActor } from './actor-columns';

export type AuditOutcome = 'succeeded' | 'partial' | 'failed' | 'denied';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['succeeded', 'partial', 'failed', 'denied'];

/** Who acted, and where. */
export type AuditActor = RecordedActor;

/** One entry of the audit log: an action that changed (or tried to change) Azure or the bot's settings. */
export interface AuditRecord {
  id: string;
  at: Date;
  actor: AuditActor;
  /** The intent type or admin command (`enable.confirm`, `admin.bind`). */
  action: string;
  /** What was asked, in words ("Enable backup for web-02 in vault rsv-prod-weu"). */
  summary: string;
  outcome: AuditOutcome;
  /** How it went, in words (per-VM outcomes, an error code, why it was refused). */
  detail?: string;
  /** The ARM ids it named (VMs, vault, job; a subscription or resource group for bindings). */
  resourceIds: string[];
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export interface AuditQuery {
  platform?: string;
  workspaceId?: string;
  userId?: string;
  /** An ARM id, or a resource's name (a VM, a vault), case-insensitive. */
  resource?: string;
  since?: Date;
  /** Newest first; default 20, at most 500. */
  limit?: number;
}

const lastSegment = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;

function toRecord(row: AuditLogRow): AuditRecord {
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(row.outcome)) throw new CorruptRowError('audit_log', row.id, `unknown outcome ${row.outcome}`);
  let resourceIds: string[];
  try {
    const parsed = JSON.parse(row.resource_ids_json) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error('not a list of strings');
    resourceIds = parsed;
  } catch {
    throw new CorruptRowError('audit_log', row.id, 'resource_ids_json is not a JSON list of strings');
  }
  return {
    id: row.id,
    at: fromTimestamp(row.at, 'audit_log', row.id),
    actor: actorOfRow(row),
    action: row.action,
    summary: row.summary,
    outcome: row.outcome as AuditOutcome,
    ...(row.detail !== null ? { detail: row.detail } : {}),
    resourceIds,
  };
}

/**
 * Appends one entry (and the resources it names) in one transaction. There is deliberately no
 * function to change or remove entries; the database refuses UPDATE and DELETE on these tables.
 */
export async function appendAuditEntry(db: StoreDb, entry: NewAuditRecord): Promise<AuditRecord> {
  // Sorts by time as text; the random tail keeps two entries of the same millisecond apart.
  const id = `${toTimestamp(entry.at)}-${randomBytes(6).toString('hex')}`;
  const resourceIds = [...new Set(entry.resourceIds)];
  const keys = [...new Map(resourceIds.map((r) => [r.toLowerCase(), r])).keys()];
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('audit_log')
        .values({
          id,
          at: toTimestamp(entry.at),
          ...actorColumns(entry.actor),
          action: entry.action,
          summary: entry.summary,
          outcome: entry.outcome,
          detail: entry.detail ?? null,
          resource_ids_json: JSON.stringify(resourceIds),
        })
        .execute();
      if (keys.length) {
        await trx
          .insertInto('audit_resources')
          .values(keys.map((key) => ({ audit_id: id, resource_key: key, name_key: lastSegment(key) })))
          .execute();
      }
    });
  return { ...entry, id, resourceIds };
}

/** Entries matching the query, newest first. */
export async function queryAuditLog(db: StoreDb, query: AuditQuery = {}): Promise<AuditRecord[]> {
  const limit = Math.min(500, Math.max(1, query.limit ?? 20));
  let q = db.selectFrom('audit_log').selectAll();
  if (query.platform !== undefined) q = q.where('platform', '=', query.platform);
  if (query.workspaceId !== undefined) q = q.where('workspace_id', '=', query.workspaceId);
  if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
  if (query.since !== undefined) q = q.where('at', '>=', toTimestamp(query.since));
  if (query.resource !== undefined) {
    const r = query.resource.trim().toLowerCase();
    const column = r.startsWith('/') ? 'resource_key' : 'name_key';
    q = q.where('id', 'in', (eb) => eb.selectFrom('audit_resources').select('audit_id').where(column, '=', r));
  }
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

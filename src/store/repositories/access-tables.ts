import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database';

/**
 * The tables of migration 2026-11-25-3-access-and-audit, as kysely sees them: channel bindings,
 * role grants, effect claims and the audit log. Kept beside their repositories (src/store/database.ts
 * stays as the initial schema had it); `accessDb(db)` widens a store handle to see them.
 * Same conventions as the rest of the store: ISO-8601 UTC text timestamps, JSON as text.
 */
export type AccessTables = {
  access_bindings: AccessBindingsTable;
  access_grants: AccessGrantsTable;
  access_effects: AccessEffectsTable;
  audit_log: AuditLogTable;
  audit_resources: AuditResourcesTable;
};

export interface AccessBindingsTable {
  id: string;
  platform: string;
  /** Slack team id, Teams tenant id ('' when the platform gave none). */
  workspace_id: string;
  channel_id: string;
  /** Lower case. */
  subscription_id: string;
  /** As typed or as Azure spells it; '' binds the whole subscription. */
  resource_group: string;
  /** `subscription` or `subscription/resource group`, lower case: the unique part. */
  scope_key: string;
  created_by: string;
  created_by_name: string | null;
  created_at: string;
}

export interface AccessGrantsTable {
  id: string;
  platform: string;
  workspace_id: string;
  /** 'user' | 'group' */
  principal_kind: string;
  principal_id: string;
  principal_name: string | null;
  /** 'viewer' | 'operator' | 'admin' */
  role: string;
  granted_by: string;
  granted_by_name: string | null;
  granted_at: string;
}

export interface AccessEffectsTable {
  /** A digest of the action and its exact inputs. */
  key: string;
  action: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  user_name: string | null;
  started_at: string;
  /** null while it runs. */
  finished_at: string | null;
  /** The audit outcome once finished. */
  outcome: string | null;
  summary: string | null;
}

/** Append-only: the migration installs triggers that refuse UPDATE and DELETE. */
export interface AuditLogTable {
  id: string;
  at: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  user_name: string | null;
  action: string;
  summary: string;
  /** 'succeeded' | 'partial' | 'failed' | 'denied' */
  outcome: string;
  detail: string | null;
  /** JSON array of the ARM ids the entry names. */
  resource_ids_json: string;
}

/** Append-only, like audit_log. */
export interface AuditResourcesTable {
  audit_id: string;
  /** The ARM id in lower case. */
  resource_key: string;
  /** The id's last segment (a VM's or vault's name) in lower case. */
  name_key: string;
}

export type AccessDatabase = Database & AccessTables;
export type AccessDb = Kysely<AccessDatabase>;

export type BindingRow = Selectable<AccessBindingsTable>;
export type GrantRow = Selectable<AccessGrantsTable>;
export type EffectRow = Selectable<AccessEffectsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

/** The store's handle, widened to the access and audit tables (same connection, no copy). */
export function accessDb(db: Kysely<Database>): AccessDb {
  return db.withTables<AccessTables>();
}

/** Who acted, and where: as the effect claims and the audit log record it. */
export interface RecordedActor {
  platform: string;
  workspaceId: string;
  channelId: string;
  userId: string;
  userName?: string;
}

/** The actor columns that access_effects and audit_log share. */
type ActorColumns = Pick<AccessEffectsTable, 'platform' | 'workspace_id' | 'channel_id' | 'user_id' | 'user_name'>;

export function actorColumns(actor: RecordedActor): ActorColumns {
  return { platform: actor.platform, workspace_id: actor.workspaceId, channel_id: actor.channelId, user_id: actor.userId, user_name: actor.userName ?? null };
}

export function actorOfRow(row: ActorColumns): RecordedActor {
  return {
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    userId: row.user_id,
    ...(row.user_name !== null ? { userName: row.user_name } : {}),
  };
}

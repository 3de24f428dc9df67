import type { AccessEffectsTable } from '../database';

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

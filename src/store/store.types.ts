import type { JobStatus } from '../domain/backup.types';

/** The database behind the store; the outbox's claims use different SQL on each (FOR UPDATE SKIP LOCKED on PostgreSQL, one conditional UPDATE on SQLite). */
export type StoreDialect = 'sqlite' | 'postgres';

export type ChatPlatform = 'slack' | 'teams';
export const CHAT_PLATFORMS: readonly ChatPlatform[] = ['slack', 'teams'];

/** A JSON value as stored in a text column (conversation references). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A backup job the bot follows, and the chat message that shows it. */
export interface TrackedJob {
  id: string;
  platform: ChatPlatform;
  conversationId: string;
  /** Slack message ts or Teams activity id; undefined until the message is posted. */
  messageId?: string;
  /** ARM id of the vault. */
  vaultId: string;
  /** The job's name (a GUID). */
  jobName: string;
  vmId: string;
  vmName: string;
  status: JobStatus;
  /** Who asked for it, as the platform names people (Slack user id, Teams AAD object id). */
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the status became terminal. */
  endedAt?: Date;
  /** The request id of the command that started it (Backup now). */
  requestId?: string;
}

/**
 * Where the bot may post unprompted: for Teams the serialised ConversationReference that
 * proactive messages need, for Slack whatever the adapter keeps of a channel (e.g. team id).
 */
export interface ConversationRef {
  id: string;
  platform: ChatPlatform;
  conversationId: string;
  reference: JsonValue;
  tenantId?: string;
  updatedAt: Date;
}

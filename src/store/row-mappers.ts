import type { JobStatus } from '../domain/backup.types';
import type { ConversationRefRow, TrackedJobRow } from './database';
import { CHAT_PLATFORMS, type ChatPlatform, type ConversationRef, type JsonValue, type TrackedJob } from './store.types';

// The one place where rows become domain objects. Values the database holds as text are
// narrowed here; a row that does not fit means the data was written by something else, and
// that is reported rather than passed on.

const JOB_STATUSES: readonly JobStatus[] = ['InProgress', 'Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled', 'Cancelling'];

export class CorruptRowError extends Error {
  constructor(table: string, id: string, what: string) {
    super(`${table} row ${id}: ${what}`);
    this.name = 'CorruptRowError';
  }
}

export const isJobStatus = (value: string): value is JobStatus => (JOB_STATUSES as readonly string[]).includes(value);
export const isChatPlatform = (value: string): value is ChatPlatform => (CHAT_PLATFORMS as readonly string[]).includes(value);

/** Timestamps are written as ISO-8601 UTC text; this is their single reading. */
export const toTimestamp = (date: Date): string => date.toISOString();
export function fromTimestamp(text: string, table: string, id: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new CorruptRowError(table, id, `bad timestamp ${JSON.stringify(text)}`);
  return date;
}

export function toTrackedJob(row: TrackedJobRow): TrackedJob {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError('tracked_jobs', row.id, `unknown platform ${row.platform}`);
  if (!isJobStatus(row.status)) throw new CorruptRowError('tracked_jobs', row.id, `unknown status ${row.status}`);
  return {
    id: row.id,
    platform: row.platform,
    conversationId: row.conversation_id,
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    vaultId: row.vault_id,
    jobName: row.job_name,
    vmId: row.vm_id,
    vmName: row.vm_name,
    status: row.status,
    requestedBy: row.requested_by,
    createdAt: fromTimestamp(row.created_at, 'tracked_jobs', row.id),
    updatedAt: fromTimestamp(row.updated_at, 'tracked_jobs', row.id),
    ...(row.ended_at !== null ? { endedAt: fromTimestamp(row.ended_at, 'tracked_jobs', row.id) } : {}),
    ...(row.request_id !== null ? { requestId: row.request_id } : {}),
  };
}

export function toConversationRef(row: ConversationRefRow): ConversationRef {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError('conversation_refs', row.id, `unknown platform ${row.platform}`);
  let reference: JsonValue;
  try {
    reference = JSON.parse(row.reference_json) as JsonValue;
  } catch {
    throw new CorruptRowError('conversation_refs', row.id, 'reference_json is not JSON');
  }
  return {
    id: row.id,
    platform: row.platform,
    conversationId: row.conversation_id,
    reference,
    ...(row.tenant_id !== null ? { tenantId: row.tenant_id } : {}),
    updatedAt: fromTimestamp(row.updated_at, 'conversation_refs', row.id),
  };
}

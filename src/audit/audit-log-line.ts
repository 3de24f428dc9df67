/**
 * Each audit entry is also written as one JSON log line, so a log pipeline (stdout to a collector)
 * keeps a copy outside the bot's database, which whoever can write that database could alter.
 * The marker is stable: select lines with `"audit":true` (and `"msg":"audit entry"`).
 */
import type { LogFields } from '../log';
import type { NewAuditRecord } from './audit.types';

export const AUDIT_LOG_MESSAGE = 'audit entry';

/** The fields of an entry's log line; `stored` says whether the database kept it too. */
export function auditLogFields(entry: NewAuditRecord, stored: boolean): LogFields {
  return {
    audit: true,
    stored,
    at: entry.at.toISOString(),
    actor: { ...entry.actor },
    action: entry.action,
    summary: entry.summary,
    outcome: entry.outcome,
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    resourceIds: [...entry.resourceIds],
  };
}

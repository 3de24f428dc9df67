/**
 * The audit log's vocabulary. Entries live in the store (src/store/repositories/audit-log.repository.ts),
 * append-only; this folder turns actions into entries and entries into a view.
 */
export type { AuditActor, AuditOutcome, AuditQuery, AuditRecord, NewAuditRecord } from '../store/repositories/audit-log.repository';
export { AUDIT_OUTCOMES } from '../store/repositories/audit-log.repository';

import type { NewAuditRecord } from '../store/repositories/audit-log.repository';

/**
 * Where entries are written. The store's appendAuditEntry in production; tests may collect them.
 * `append` rejects when the entry could not be stored.
 */
export interface AuditSink {
  append(entry: NewAuditRecord): Promise<void>;
}

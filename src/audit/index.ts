/** The audit trail: what changed Azure or the bot's settings, by whom, where, and how it went. */
export * from './audit.types';
export { auditView } from './audit-view';
export { effectOutcome, effectSummary, effectDetail, resultResourceIds, type EffectOutcome } from './effect-outcome';
export { appendAuditEntry, queryAuditLog } from '../store/repositories/audit-log.repository';

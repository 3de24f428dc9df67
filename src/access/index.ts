/**
 * Access control: roles per workspace, channel scopes, idempotent changes, a per-person rate
 * limit on costly actions, and the audit trail of every change. The server installs it by
 * building the flows with `createGuardedFlows` instead of `createFlows`; adapters keep calling
 * `flows.handle`, `flows.handleText` and `flows.suggest`, with an actor that says where it acts.
 */
export { createGuardedFlows, type GuardedFlowsDeps } from './guarded-flows';
export { INTENT_RULES, COMMAND_RULES, ruleOfIntent, ruleOfCommand, requirementOf, type ActionRule } from './intent-policy';
export { parseAccessCommand, ACCESS_USAGE, type AccessCommand, type AccessCommandKind } from './access-commands';
export { ROLES, satisfies, type Role, type Requirement } from './roles';
export { ALL_SCOPE, covers, coversId, OUT_OF_SCOPE, type ChannelScope, type ScopePlace } from './channel-scope';
export { scopedBackupService } from './scoped-backup.service';
export { scopedInventory } from './scoped-inventory';
export { createRateLimiter, type RateLimiter } from './rate-limiter';
export { identityOf, type Identity } from './access-directory';
export { createChannelAccess } from './conversation-scope';

/**
 * Who may do what: every flow intent and every access command, classified in one table. The
 * mapped types make a new intent type (src/flows/intent-registry.ts) fail to compile until it is
 * classified here, and a test checks the table against INTENT_TYPES at run time.
 */
import type { Intent, IntentType } from '../flows/intents';
import type { AccessCommand, AccessCommandKind } from './access-commands';
import type { Requirement } from './roles';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** How access control treats one kind of action. */
export interface ActionRule<T> {
  /** The role it needs (a function when it depends on the intent's content). */
  needs: Requirement | ((action: T) => Requirement);
  /** What the person tried to do, for refusals: "Enabling backup needs the admin role". */
  what: string;
  /** Changes Azure or the bot's settings: audited, and done once however often it arrives. */
  changes: boolean;
  /** Costs money or capacity (vaults, protected instances, backups): counted by the per-person rate limit. */
  costly: boolean;
  /** Shows or touches Azure resources: runs only within the channel's scope. */
  scoped: boolean;
  /**
   * For changes: how long an identical request that succeeded counts as "already done" (after
   * that, or after a failure, the same request runs again).
   */
  repeatWindowMs?: number;
  /** The effect belongs to the channel it is asked in (notifications): the same request from another channel is another effect. */
  perChannel?: boolean;
}

type IntentRules = { [K in IntentType]: ActionRule<Extract<Intent, { type: K }>> };
type CommandRules = { [K in AccessCommandKind]: ActionRule<Extract<AccessCommand, { kind: K }>> };

const read = <T>(what: string): ActionRule<T> => ({ needs: 'viewer', what, changes: false, costly: false, scoped: true });
const adminStep = <T>(what: string): ActionRule<T> => ({ needs: 'admin', what, changes: false, costly: false, scoped: true });

export const INTENT_RULES: IntentRules = {
  help: { needs: 'anyone', what: 'Help', changes: false, costly: false, scoped: false },
  'vms.list': read('Listing VMs'),
  'jobs.list': read('Listing backup jobs'),
  status: read('Reading backup status'),
  check: read('Checking a VM before backup'),
  'check.chooseVm': read('Checking a VM before backup'),
  coverage: read('Reading backup coverage'),
  'policy.list': read('Listing backup policies'),
  'policy.show': read('Reading a backup policy'),
  'job.refresh': read('Reading a backup job'),
  items: read('Listing a vault\'s backup items'),

  'now.start': { needs: 'operator', what: 'Backup now', changes: false, costly: false, scoped: true },
  'now.chooseVm': { needs: 'operator', what: 'Backup now', changes: false, costly: false, scoped: true },
  'now.submit': { needs: 'operator', what: 'Backup now', changes: true, costly: true, scoped: true, repeatWindowMs: HOUR },
  'job.cancel': { needs: 'operator', what: 'Cancelling a backup job', changes: true, costly: false, scoped: true, repeatWindowMs: 24 * HOUR },
  // The confirm step changes nothing; an operator's only, since only they can confirm.
  'job.cancelAsk': { needs: 'operator', what: 'Cancelling a backup job', changes: false, costly: false, scoped: true },

  'enable.start': adminStep('Enabling backup'),
  'enable.chooseVm': adminStep('Enabling backup'),
  'enable.chooseVault': adminStep('Enabling backup'),
  'enable.choosePolicy': adminStep('Enabling backup'),
  'enable.definePolicy': adminStep('Enabling backup'),
  'enable.confirm': { needs: 'admin', what: 'Enabling backup', changes: true, costly: true, scoped: true, repeatWindowMs: 24 * HOUR },
  // Stopping protection ends backups and may delete recovery points: admin, audited, one effect.
  'stop.start': adminStep('Stopping protection'),
  'stop.submit': { needs: 'admin', what: 'Stopping protection', changes: true, costly: false, scoped: true, repeatWindowMs: HOUR },
  // The rest of protection's life: who may enable may resume, change the policy and undelete.
  'resume.start': adminStep('Resuming protection'),
  'resume.submit': { needs: 'admin', what: 'Resuming protection', changes: true, costly: true, scoped: true, repeatWindowMs: HOUR },
  'policy.set': adminStep('Changing the backup policy of a VM'),
  'policy.setChoose': adminStep('Changing the backup policy of a VM'),
  'policy.setConfirm': { needs: 'admin', what: 'Changing the backup policy of a VM', changes: true, costly: false, scoped: true, repeatWindowMs: HOUR },
  undelete: { needs: 'admin', what: 'Undeleting backup data', changes: true, costly: false, scoped: true, repeatWindowMs: HOUR },
  'vault.start': adminStep('Protecting VMs from a vault'),
  'vault.choose': adminStep('Protecting VMs from a vault'),
  'vault.define': adminStep('Creating a vault'),
  'vault.settings': adminStep('Protecting VMs from a vault'),
  'vault.definePolicy': adminStep('Protecting VMs from a vault'),
  'vault.chooseVms': { needs: 'admin', what: 'Enabling backup from a vault', changes: true, costly: true, scoped: true, repeatWindowMs: 24 * HOUR },
  'policy.create': adminStep('Creating a backup policy'),
  'policy.pickVault': { needs: (i) => (i.next === 'create' ? 'admin' : 'viewer'), what: 'Choosing a vault', changes: false, costly: false, scoped: true },
  'policy.define': { needs: 'admin', what: 'Creating a backup policy', changes: true, costly: false, scoped: true, repeatWindowMs: 24 * HOUR },

  // Channel notifications (src/flows/subscription.flow.ts, health.flow.ts). Subscriptions are bot
  // settings of the channel: admin, audited. The flows keep them idempotent by state, so only a
  // double submission within a minute counts as a repeat; `subscribe <scope>` saves at once.
  subscribe: { needs: 'admin', what: 'Subscribing this channel to notifications', changes: true, costly: false, scoped: true, repeatWindowMs: MINUTE, perChannel: true },
  'subscribe.submit': { needs: 'admin', what: 'Subscribing this channel to notifications', changes: true, costly: false, scoped: true, repeatWindowMs: MINUTE, perChannel: true },
  unsubscribe: { needs: 'admin', what: 'Unsubscribing this channel', changes: true, costly: false, scoped: false, repeatWindowMs: MINUTE, perChannel: true },
  'subscriptions.list': { needs: 'viewer', what: 'Listing this channel\'s subscriptions', changes: false, costly: false, scoped: false },
  health: { needs: 'admin', what: 'Reading the scheduler health', changes: false, costly: false, scoped: false },
};

export const COMMAND_RULES: CommandRules = {
  'admin.help': { needs: 'anyone', what: 'Help', changes: false, costly: false, scoped: false },
  'admin.bindings': { needs: 'viewer', what: 'Listing the channel bindings', changes: false, costly: false, scoped: false },
  'admin.roles': { needs: 'viewer', what: 'Listing the roles', changes: false, costly: false, scoped: false },
  'admin.bind': { needs: 'admin', what: 'Binding a channel', changes: true, costly: false, scoped: false },
  'admin.unbind': { needs: 'admin', what: 'Unbinding a channel', changes: true, costly: false, scoped: false },
  'admin.grant': { needs: 'admin', what: 'Granting a role', changes: true, costly: false, scoped: false },
  'admin.revoke': { needs: 'admin', what: 'Revoking a role', changes: true, costly: false, scoped: false },
  audit: { needs: 'admin', what: 'Reading the audit log', changes: false, costly: false, scoped: false },
};

export function ruleOfIntent(intent: Intent): ActionRule<Intent> {
  return INTENT_RULES[intent.type] as ActionRule<Intent>;
}

export function ruleOfCommand(command: AccessCommand): ActionRule<AccessCommand> {
  return COMMAND_RULES[command.kind] as ActionRule<AccessCommand>;
}

/** The role an action needs, resolved for its content. */
export function requirementOf<T>(rule: ActionRule<T>, action: T): Requirement {
  return typeof rule.needs === 'function' ? rule.needs(action) : rule.needs;
}

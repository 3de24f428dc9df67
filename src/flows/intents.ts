/**
 * The one action vocabulary of the bot.
 *
 * Every user action is an `Intent`: plain, JSON-serialisable data. A typed command
 * (`backup now web-01`, parsed by src/commands), a Slack button (`action_id` = intent.type,
 * `value` = JSON of the intent) and an Adaptive Card action (`verb` = intent.type,
 * `data` = the intent) all carry the same thing, so a button does exactly what a person could type.
 *
 * Form submissions: a form view (see views.ts) names the intent its submit button sends. Those
 * intents have a `values` property; the adapter sends the form's intent with `values` replaced by
 * what the person entered, keyed by field id (`FormValues`). Values are raw strings: the flows
 * validate them and answer with field errors, so adapters never validate.
 *
 * Size: an intent on a button stays under 2,000 characters of JSON (Slack's button value limit);
 * a form's submit intent under 3,000 (Slack's private_metadata limit). Flows keep ids, not objects.
 *
 * Change log (additive only after the first version):
 * - v1: first version.
 * - v1.1: optional `context` on job.refresh / job.cancel (the job message keeps its retain-until and VM).
 * - v1.2: optional workspaceId, channelId and groups on Actor (access control).
 * - v1.3: optional newResourceGroup on a new VaultChoice (the vault path creates the group).
 * - v1.4: subscribe, subscribe.submit, unsubscribe, subscriptions.list, health (channel notifications).
 * - v1.5: stop.start, stop.submit (stop protection, keeping or deleting the recovery points).
 * - v1.6: resume.start, resume.submit, policy.set, policy.setChoose, policy.setConfirm, undelete
 *   (the rest of protection's life: resume, change the policy, undelete soft-deleted data).
 * - v1.7: job.cancelAsk (the cancel confirm step); items (a vault's backup items, paged).
 * - v1.8: coverage; optional `preselect` on vault.choose, vault.define, vault.settings and
 *   vault.definePolicy (VMs the vault path's VM step starts with, from a coverage group).
 */
import type { PolicyDefinition, StorageRedundancy } from '../domain/backup.types';
import type { JobContext } from './job-context';

/** What a person entered in a form, keyed by field id. Single-valued fields give a string, multi-valued ones a string[]. */
export type FormValues = Record<string, string | string[] | undefined>;

/** Which job lists `backup jobs` can show. */
export type JobFilter = 'running' | 'failed' | 'last24h';

/**
 * The vault a plan will use: one that exists, or one to create when the plan runs
 * (nothing is created before the person confirms).
 */
export type VaultChoice =
  | { kind: 'existing'; vaultId: string }
  | {
      kind: 'new';
      subscriptionId: string;
      resourceGroup: string;
      location: string;
      name: string;
      /** The group does not exist yet: "Enable Backup" creates it, in the vault's region, before the vault. */
      newResourceGroup?: boolean;
    };

/**
 * The policy a plan will use: the vault's DefaultPolicy, one of its existing policies, or a new
 * one created (from the definition) when the plan runs.
 */
export type PolicyChoice =
  | { kind: 'default' }
  | { kind: 'existing'; name: string }
  | { kind: 'new'; definition: PolicyDefinition };

/** Identifies a backup job: the vault's ARM id and the job's name (a GUID). */
export interface JobKey {
  vaultId: string;
  jobName: string;
}

// ---- help -------------------------------------------------------------------------------------

/**
 * `backup`, `backup help [topic]`, or what the parser makes of a command it could not read:
 * `unknown` is the subcommand typed, `suggestion` the closest known one (did you mean),
 * `problem` what was wrong with the arguments (shown with the topic's usage line).
 */
export interface HelpIntent {
  type: 'help';
  topic?: string;
  unknown?: string;
  suggestion?: string;
  problem?: string;
}

// ---- lists --------------------------------------------------------------------------------------

/** `backup vms [search]`: VMs of the inventory matching the search, with their protection state. */
export interface VmsListIntent {
  type: 'vms.list';
  query?: string;
}

/** `backup jobs [running|failed|last 24h]` (default last24h), across all vaults. */
export interface JobsListIntent {
  type: 'jobs.list';
  filter?: JobFilter;
}

// ---- VM path: enable backup from a VM -------------------------------------------------------------

/** `backup enable [vm]`: `vm` is a VM name, ARM id or search text; absent opens the VM picker. */
export interface EnableStartIntent {
  type: 'enable.start';
  vm?: string;
}
/** Submit of the VM picker. values.vm = the VM's ARM id. */
export interface EnableChooseVmIntent {
  type: 'enable.chooseVm';
  values: FormValues;
}
/** Submit of the vault step. values.vault = a vault id or 'new'; values.vaultName when 'new'. */
export interface EnableChooseVaultIntent {
  type: 'enable.chooseVault';
  vmId: string;
  values: FormValues;
}
/** Submit of the policy step. values.policy = 'default', 'new' or an existing policy's name. */
export interface EnableChoosePolicyIntent {
  type: 'enable.choosePolicy';
  vmId: string;
  vault: VaultChoice;
  values: FormValues;
}
/** Submit of the new-policy form on the VM path (field ids: see POLICY_FIELDS in views.ts). */
export interface EnableDefinePolicyIntent {
  type: 'enable.definePolicy';
  vmId: string;
  vault: VaultChoice;
  values: FormValues;
}
/** "Enable Backup" on the confirm view: creates what the plan says, then enables protection. */
export interface EnableConfirmIntent {
  type: 'enable.confirm';
  vmId: string;
  vault: VaultChoice;
  policy: PolicyChoice;
  values: FormValues;
}

// ---- vault path: enable backup from a vault (several VMs) ---------------------------------------------

/** `backup vault`: pick a vault or create one. */
export interface VaultStartIntent {
  type: 'vault.start';
}
/**
 * VM ARM ids the vault path's VM step starts with selected (a coverage group's "Enable backup"),
 * carried from step to step; each is checked again when the plan runs. At most PRESELECT_MAX (intent-registry.ts).
 */
export interface Preselected {
  preselect?: string[];
}
/** Submit of the vault picker. values.vault = a vault id or 'new'. */
export interface VaultChooseIntent extends Preselected {
  type: 'vault.choose';
  values: FormValues;
}
/** Submit of the new-vault form. values: subscriptionId, resourceGroup (an existing group's name, or 'new'), newResourceGroup, location, vaultName. */
export interface VaultDefineIntent extends Preselected {
  type: 'vault.define';
  values: FormValues;
}
/** Submit of the vault settings step. values.redundancy ('GeoRedundant'|'LocallyRedundant', existing vaults that protect nothing), values.policy ('default'|'new'|name). */
export interface VaultSettingsIntent extends Preselected {
  type: 'vault.settings';
  vault: VaultChoice;
  values: FormValues;
}
/** Submit of the new-policy form on the vault path. */
export interface VaultDefinePolicyIntent extends Preselected {
  type: 'vault.definePolicy';
  vault: VaultChoice;
  /** Only set when it changes (a new vault, or an existing vault that protects nothing yet). */
  redundancy?: StorageRedundancy;
  values: FormValues;
}
/** Submit of the VM picker of the vault path: runs the plan. values.vms = VM ARM ids (string[]). */
export interface VaultChooseVmsIntent {
  type: 'vault.chooseVms';
  vault: VaultChoice;
  redundancy?: StorageRedundancy;
  policy: PolicyChoice;
  values: FormValues;
}

// ---- policies -------------------------------------------------------------------------------------

/** `backup policy list [vault]`. `vault` is a vault name or id; absent: the only vault, or a picker. */
export interface PolicyListIntent {
  type: 'policy.list';
  vault?: string;
}
/** `backup policy show <name> [vault]`. */
export interface PolicyShowIntent {
  type: 'policy.show';
  name: string;
  vault?: string;
}
/** `backup policy create [vault]`: opens the policy form. */
export interface PolicyCreateIntent {
  type: 'policy.create';
  vault?: string;
}
/** Submit of the vault picker used by the policy commands. values.vault = a vault id. */
export interface PolicyPickVaultIntent {
  type: 'policy.pickVault';
  next: 'list' | 'create';
  values: FormValues;
}
/** Submit of the policy form of `backup policy create`: creates the policy. */
export interface PolicyDefineIntent {
  type: 'policy.define';
  vaultId: string;
  values: FormValues;
}

// ---- backup now -------------------------------------------------------------------------------------

/** `backup now <vm>`: opens the retain-until form for a protected VM. Absent `vm` opens a VM picker. */
export interface NowStartIntent {
  type: 'now.start';
  vm?: string;
}
/** Submit of the VM picker of Backup now. values.vm = the VM's ARM id. */
export interface NowChooseVmIntent {
  type: 'now.chooseVm';
  values: FormValues;
}
/** Submit of the Backup now form. values.retainUntil = "YYYY-MM-DD" (kept until the end of that day, UTC). */
export interface NowSubmitIntent {
  type: 'now.submit';
  vmId: string;
  values: FormValues;
}

// ---- stop protection ---------------------------------------------------------------------------------

/**
 * `backup stop <vm> [delete-data]`: opens the confirmation that says what stopping will do.
 * `vm` is a VM name, ARM id or search text; `deleteData` asks to delete the recovery points too.
 */
export interface StopStartIntent {
  type: 'stop.start';
  vm: string;
  deleteData?: boolean;
}
/**
 * Submit of the stop confirmation: stops protection of the VM. With `deleteData`,
 * values.confirmVm must be the VM's name (typed by the person) or nothing changes.
 */
export interface StopSubmitIntent {
  type: 'stop.submit';
  vmId: string;
  deleteData: boolean;
  values: FormValues;
}

// ---- the rest of protection's life: resume, change policy, undelete --------------------------------

/**
 * `backup resume <vm> [policy]`: the form that resumes the backups of a VM whose protection is
 * stopped (data kept), with a policy of its vault. `policy` preselects one (the stop message's
 * Resume button carries the policy the VM had).
 */
export interface ResumeStartIntent {
  type: 'resume.start';
  vm: string;
  policy?: string;
}
/** Submit of the resume form: values.policy = the name of a policy of the item's vault. */
export interface ResumeSubmitIntent {
  type: 'resume.submit';
  vmId: string;
  values: FormValues;
}
/**
 * `backup policy set <vm> [policy]`: change the policy of a protected VM. Without `policy` a form
 * asks for it; with it, the confirmation compares the old and new schedule and retention.
 */
export interface PolicySetIntent {
  type: 'policy.set';
  vm: string;
  policy?: string;
}
/** Submit of the policy picker of `policy set`: values.policy = a policy name. Answers with the confirmation. */
export interface PolicySetChooseIntent {
  type: 'policy.setChoose';
  vmId: string;
  values: FormValues;
}
/** "Change policy" on the confirmation: the item is backed up with `policy` from now on. */
export interface PolicySetConfirmIntent {
  type: 'policy.setConfirm';
  vmId: string;
  policy: string;
  values: FormValues;
}
/**
 * `backup undelete <vm>`: brings back the soft-deleted backup data of a VM (stop with delete
 * while soft delete was on); the VM is then stopped with its data kept, ready to resume.
 */
export interface UndeleteIntent {
  type: 'undelete';
  vm: string;
}

// ---- status and jobs -----------------------------------------------------------------------------------

/** `backup status [vm|vault]`: a VM or vault by name or ARM id; absent: an overview of the vaults. */
/** `backup check <vm>`: the pre-flight checks for protecting a VM (read-only). */
export interface CheckIntent {
  type: 'check';
  vm?: string;
}

/** The VM picked in the check's form (when none, or several, matched). */
export interface CheckChooseVmIntent {
  type: 'check.chooseVm';
  values: FormValues;
}

export interface StatusIntent {
  type: 'status';
  target?: string;
}
/** Re-reads a job and answers with its job view (the message updates in place). `context` keeps the message's wording. */
export interface JobRefreshIntent extends JobKey {
  type: 'job.refresh';
  context?: JobContext;
}
/** Cancels a running job, then answers with its job view. */
export interface JobCancelIntent extends JobKey {
  type: 'job.cancel';
  context?: JobContext;
}
/** Asks before cancelling: answers with the job view as a confirm step (no change in Azure). */
export interface JobCancelAskIntent extends JobKey {
  type: 'job.cancelAsk';
  context?: JobContext;
}
/** `backup items <vault>`: the vault's backup items, last backup and next run; `page` from 1. */
export interface ItemsIntent {
  type: 'items';
  vault?: string;
  page?: number;
}

// ---- coverage --------------------------------------------------------------------------------------

/**
 * `backup coverage [subscription <id>|rg <name>]`: the VMs of the channel's scope (or of one
 * subscription or resource group of it) that no vault protects, by region, each group with the
 * vault that would protect it and an "Enable backup" button into the vault path.
 */
export interface CoverageIntent {
  type: 'coverage';
  subscriptionId?: string;
  resourceGroup?: string;
}

// ---- notifications --------------------------------------------------------------------------------

/** What a subscription scope names, when the person said it (`backup subscribe vault rsv-1`). */
export type ScopeKindWord = 'subscription' | 'resource-group' | 'vault';
/** What a channel asks to get: the pending digest, every finished job, failed jobs only; `threaded`: job endings in one thread a day. */
export type NotificationEventWord = 'pending' | 'jobs' | 'failures' | 'threaded' | 'coverage';

/**
 * `backup subscribe [scope] [pending] [jobs|failures] [threaded]`, in the channel that should get the
 * notifications (Actor.channelId). `scope`: a subscription id, a resource group or a vault (name
 * or ARM id); absent opens the form. `events` absent: the pending digest and every finished job.
 */
export interface SubscribeIntent {
  type: 'subscribe';
  scope?: string;
  scopeKind?: ScopeKindWord;
  events?: NotificationEventWord[];
}
/** Submit of the subscribe form. values.scope = the scope's ARM id; values.events = a key of EVENT_CHOICES (subscription.flow.ts). */
export interface SubscribeSubmitIntent {
  type: 'subscribe.submit';
  values: FormValues;
}
/**
 * `backup unsubscribe [scope|all]` in the channel; absent lists the channel's subscriptions with
 * buttons, which carry `subscriptionId` (only ever this channel's).
 */
export interface UnsubscribeIntent {
  type: 'unsubscribe';
  scope?: string;
  scopeKind?: ScopeKindWord;
  subscriptionId?: string;
  all?: boolean;
}
/** `backup subscriptions`: what this channel follows and gets. */
export interface SubscriptionsListIntent {
  type: 'subscriptions.list';
}
/** `backup health`: the scheduler's tasks (last and next run, last error) and the notification backlog. */
export interface HealthIntent {
  type: 'health';
}

/** Every user action. Discriminated on `type`. */
export type Intent =
  | HelpIntent
  | VmsListIntent
  | JobsListIntent
  | EnableStartIntent
  | EnableChooseVmIntent
  | EnableChooseVaultIntent
  | EnableChoosePolicyIntent
  | EnableDefinePolicyIntent
  | EnableConfirmIntent
  | VaultStartIntent
  | VaultChooseIntent
  | VaultDefineIntent
  | VaultSettingsIntent
  | VaultDefinePolicyIntent
  | VaultChooseVmsIntent
  | PolicyListIntent
  | PolicyShowIntent
  | PolicyCreateIntent
  | PolicyPickVaultIntent
  | PolicyDefineIntent
  | NowStartIntent
  | NowChooseVmIntent
  | NowSubmitIntent
  | StopStartIntent
  | StopSubmitIntent
  | ResumeStartIntent
  | ResumeSubmitIntent
  | PolicySetIntent
  | PolicySetChooseIntent
  | PolicySetConfirmIntent
  | UndeleteIntent
  | StatusIntent
  | CheckIntent
  | CheckChooseVmIntent
  | CoverageIntent
  | JobRefreshIntent
  | JobCancelIntent
  | JobCancelAskIntent
  | ItemsIntent
  | SubscribeIntent
  | SubscribeSubmitIntent
  | UnsubscribeIntent
  | SubscriptionsListIntent
  | HealthIntent;

export type IntentType = Intent['type'];

// A new intent: declare it above, add it to the union, then register it in intent-registry.ts
// (its schema, whether it may open a form); the compiler then asks for its handler, its access
// rule and the resources it names, and refuses a schema that reads another shape.
export { INTENT_TYPES, mayOpenForm } from './intent-registry';

/** Intents sent by a form's submit button: the adapter fills `values` with the form's inputs. */
export type SubmitIntent = Extract<Intent, { values: FormValues }>;

/**
 * Who acts, and where: the platform and its user id (for audit and messages), never used for
 * Azure identity. Access control (src/access) decides with the optional fields: without a
 * workspace and channel a person has only the default role and sees only the default scope.
 */
export interface Actor {
  platform: string;
  userId: string;
  displayName?: string;
  /** Slack team id, Teams tenant id: roles are granted per workspace or tenant. */
  workspaceId?: string;
  /** Slack channel id, Teams conversation id: what the channel may see is bound per channel. */
  channelId?: string;
  /** Groups the platform says the person belongs to (Slack user group ids, Entra group object ids), when known. */
  groups?: string[];
}

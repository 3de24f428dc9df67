/**
 * View models: what the flows answer, as plain JSON-serialisable data. The card renderers
 * (cards/slack: Block Kit, cards/teams: Adaptive Cards) turn them into platform JSON; they hold no
 * Slack or Teams concept, no function, no Date object.
 *
 * Conventions
 * - Times are ISO 8601 strings in UTC (`...Z`), always next to a ready-made `...Text` in words
 *   ("2 hours ago", "Tue 14 May, 02:00 UTC"). Renderers show the words; the ISO string is there for
 *   sorting, tooltips and tests. Renderers never re-word domain terms: all wording is made in
 *   src/flows/wording.ts.
 * - `tone` says how a line or message should look: info, success, warning, error.
 * - Buttons carry an `Intent` (intents.ts). Slack: action_id = intent.type, value = JSON.stringify(intent).
 *   Teams: Action.Execute/Submit with verb = intent.type and data = the intent.
 *
 * Surfaces
 * - A *form* view (`kind: 'form'`) asks for input: a Slack modal, or an Adaptive Card with inputs.
 *   A form that follows another (a wizard step) replaces it: Slack views.update (or a response_action
 *   'update' on submit), Teams refreshes the card. Its `submit.intent` is sent with `values`
 *   set to the inputs, keyed by field id (a field id is also the Slack block_id / action_id and the
 *   Adaptive Card input id).
 * - *Field errors*: when a submission is invalid the flows answer `{ kind: 'invalid' }` with the
 *   same form (values kept) and `errors`: which field, and what is allowed. Slack answers the
 *   submission with response_action 'errors' keyed by field id; Teams re-renders the card with the
 *   message under each input. Nothing has been changed in Azure.
 * - A *message* view (every other kind) is posted to the conversation; when it came from a form, the
 *   form closes. A message with `placement: 'replace'` in its FlowResult replaces the message whose
 *   button was pressed (Slack chat.update / response_url replace_original, Teams updateActivity).
 *   Job messages are updated in place on every poll (see job-tracker.ts).
 * - Type-ahead (`kind: 'search'` fields): the adapter asks `flows.suggest(field.source, query)` on
 *   each keystroke (Slack external_select options load, Teams Data.Query); the answer is local,
 *   no Azure call. Options are at most 50 (SUGGEST_LIMIT, under Slack's 100); label and
 *   description stay under 75 characters.
 *
 * Change log (additive only after the first version):
 * - v1: first version.
 * - v1.1: PolicyDetailView.headline (after `policy create`); JobContext.location (lock advice names
 *   AzureBackupRG_<region>_1). Renderers show `errors` of a form that is opened (not only re-shown)
 *   with errors: `backup enable web` with several matches opens the VM picker with a field error.
 * - v1.2: FormId 'stop.confirm' (stop protection; a generic form, no new view kind).
 * - v1.3: FieldBase.requiredWhen (a field required in one case only, never labelled optional).
 *   OptionView.note: a type-ahead's first entry while the VM list loads.
 * - v1.4: FormIds 'resume.confirm', 'policy.change.pick', 'policy.change.confirm' (generic forms).
 * - v1.5: JobView.problems (every error or warning of a job, with Azure's recommendations),
 *   JobView.confirm (the cancel confirm step), JobView.notice; ButtonView.confirm (a platform that
 *   can ask in a dialog sends confirm.intent straight away). VaultItemsView (`backup items`).
 * - v1.6: CoverageView (`backup coverage`, and the weekly coverage digest).
 */
import type { Intent, JobFilter, JobKey, SubmitIntent } from './intents';
import type { JobContext } from './job-context';

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** A button. `style` primary = the main action, danger = destructive. */
export interface ButtonView {
  label: string;
  intent: Intent;
  style?: 'primary' | 'danger';
  /**
   * Asks before acting. A platform with a confirmation dialog (Slack) shows it and sends
   * `confirm.intent` once confirmed; elsewhere the button sends `intent`, whose answer is the
   * confirm step.
   */
  confirm?: ConfirmView;
}

/** The words of a confirmation dialog, and what is sent once confirmed. */
export interface ConfirmView {
  title: string;
  text: string;
  confirmLabel: string;
  denyLabel: string;
  intent: Intent;
}

/** A link that opens in the browser (portal blades). */
export interface LinkView {
  label: string;
  url: string;
}

/** A label and value pair ("Region: westeurope"). */
export interface Fact {
  label: string;
  value: string;
}

/** One option of a select or a type-ahead: `value` is what comes back in FormValues. */
export interface OptionView {
  value: string;
  label: string;
  description?: string;
  /**
   * A line about the list, not a choice (only ever first, e.g. "Loading the VM list: 42,000 of
   * about 100,000…"): Slack shows it as the options' group label; elsewhere it is an entry whose
   * value (LOADING_NOTE_VALUE) the flows refuse with the same words.
   */
  note?: true;
}

/** The value of the type-ahead's "still loading" note (OptionView.note). */
export const LOADING_NOTE_VALUE = 'inventory-loading';

/** Where a type-ahead field gets its options (serialisable; passed back to `flows.suggest`). */
export type SuggestSource = {
  kind: 'vms';
  /** Only VMs of this region (the vault's). */
  location?: string;
  /** Only VMs of this subscription. */
  subscriptionId?: string;
  /** Only VMs that no vault protects yet. */
  unprotectedOnly?: boolean;
  /** Only VMs that a vault protects (Backup now). */
  protectedOnly?: boolean;
};

interface FieldBase {
  /** Unique in the form; the key in FormValues. */
  id: string;
  label: string;
  /** A line under the input: what is allowed. */
  hint?: string;
  /** Inputs are required unless optional (or requiredWhen). */
  optional?: boolean;
  /**
   * Required only in a case the person chooses on the same form, in words after "Required when"
   * ('"Create a new vault" is chosen'). Such a field is never shown as optional; renderers that
   * cannot make the requirement conditional leave the check to the flows (which always make it).
   */
  requiredWhen?: string;
}

export interface TextField extends FieldBase {
  kind: 'text';
  value?: string;
  placeholder?: string;
  maxLength?: number;
}
export interface NumberField extends FieldBase {
  kind: 'number';
  value?: number;
  min?: number;
  max?: number;
}
/** A date picker; value, min and max are "YYYY-MM-DD". */
export interface DateField extends FieldBase {
  kind: 'date';
  value?: string;
  min?: string;
  max?: string;
}
/** One choice among a few options. `style` radio suggests radio buttons (few options), dropdown a menu. */
export interface SelectField extends FieldBase {
  kind: 'select';
  options: OptionView[];
  value?: string;
  style?: 'dropdown' | 'radio';
}
/** Several choices among a few options (days of week, months). */
export interface MultiSelectField extends FieldBase {
  kind: 'multi-select';
  options: OptionView[];
  values?: string[];
}
/** A type-ahead over a large list (the VM inventory); single or multiple choice. */
export interface SearchField extends FieldBase {
  kind: 'search';
  source: SuggestSource;
  multiple: boolean;
  placeholder?: string;
  /** Already chosen (kept when a form comes back with errors). */
  selected?: OptionView[];
  /** Options to show before anything is typed (a short, best-first list). */
  initialOptions?: OptionView[];
  /** Characters typed before options are asked for (Slack min_query_length). */
  minQueryLength: number;
}

export type FieldView = TextField | NumberField | DateField | SelectField | MultiSelectField | SearchField;

/** Which field is wrong, and what is allowed. `field` is a field id of the form. */
export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** The forms of the flows (a stable id for renderers and tests). */
export type FormId =
  | 'enable.vm'
  | 'enable.vault'
  | 'enable.policy'
  | 'enable.newPolicy'
  | 'enable.confirm'
  | 'vault.pick'
  | 'vault.new'
  | 'vault.settings'
  | 'vault.newPolicy'
  | 'vault.vms'
  | 'policy.pickVault'
  | 'policy.new'
  | 'now.vm'
  | 'now.retain'
  | 'stop.confirm'
  | 'check.vm'
  | 'resume.confirm'
  | 'policy.change.pick'
  | 'policy.change.confirm'
  | 'subscribe';

/**
 * A form: a Slack modal or an Adaptive Card with inputs. `sections` are read-only text shown above
 * the fields (what was chosen so far); `facts` a label/value summary (the confirm step).
 */
export interface FormView {
  kind: 'form';
  form: FormId;
  title: string;
  /** 1-based step and total when the form is part of a wizard ("Step 2 of 4"). */
  step?: { index: number; total: number; text: string };
  sections?: string[];
  facts?: Fact[];
  fields: FieldView[];
  submit: { label: string; intent: SubmitIntent };
  /** Other buttons shown in the form (never submit its inputs). */
  actions?: ButtonView[];
  links?: LinkView[];
  /** Present when the form comes back after an invalid submission. */
  errors?: FieldError[];
}

/**
 * Field ids of the policy form (shared by the VM path, the vault path and `backup policy create`);
 * they are the field names the domain rule validatePolicyDefinition reports.
 * Days and months come as Azure's English names ("Monday", "January"); weeks as First..Last.
 * Monthly and yearly retention are optional (empty number = none); they are day-based when
 * days of the month are given ("1, 15, Last"), else week-based (weeks of month + weekdays).
 */
export const POLICY_FIELDS = {
  name: 'policyName',
  frequency: 'scheduleFrequency',
  time: 'scheduleTime',
  timeZone: 'timeZone',
  scheduleDays: 'scheduleDays',
  dailyDays: 'dailyRetention',
  weeklyWeeks: 'weeklyRetention',
  weeklyDays: 'weeklyRetentionDays',
  monthlyMonths: 'monthlyRetention',
  monthlyWeeks: 'monthlyRetentionWeeks',
  monthlyWeekdays: 'monthlyRetentionWeekdays',
  monthlyDaysOfMonth: 'monthlyRetentionDaysOfMonth',
  yearlyYears: 'yearlyRetention',
  yearlyMonths: 'yearlyRetentionMonths',
  yearlyWeeks: 'yearlyRetentionWeeks',
  yearlyWeekdays: 'yearlyRetentionWeekdays',
  yearlyDaysOfMonth: 'yearlyRetentionDaysOfMonth',
  instantRestoreDays: 'instantRpRetentionDays',
} as const;

// ---- message views ------------------------------------------------------------------------------

/** A VM as shown in lists and headers. */
export interface VmRef {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
}

/** A vault as shown in lists and headers. */
export interface VaultRef {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
}

/** A policy in words: "Daily at 02:00 UTC, kept 30 days". */
export interface PolicySummary {
  name: string;
  /** The schedule: "Daily at 02:00 UTC". */
  scheduleText: string;
  /** The retention in one line: "kept 30 days, weekly points 12 weeks". */
  retentionText: string;
  /** Both: "Daily at 02:00 UTC, kept 30 days". */
  text: string;
}

/** A moment in time: ISO string and words. */
export interface When {
  at: string;
  text: string;
}

/** One step of a plan the bot ran, for "what was done and what was not". */
export interface StepOutcome {
  /** "Create vault vault-weu", "Create policy nightly", "Enable protection for web-01". */
  step: string;
  status: 'done' | 'failed' | 'skipped';
  /** Why it failed or was skipped (safe to show). */
  detail?: string;
}

/** `backup help` and unknown commands. */
export interface HelpView {
  kind: 'help';
  title: string;
  /** "Unknown command `enabel`." or what was wrong with the arguments. */
  problem?: string;
  /** Did you mean: the command and a button that runs its help. */
  didYouMean?: { command: string; intent: Intent };
  commands: { usage: string; description: string; example?: string }[];
  actions: ButtonView[];
}

/**
 * A sentence for the person: not found, already protected, an Azure failure (what was done and
 * what was not), or a generic error with a reference (no internals).
 */
export interface NoticeView {
  kind: 'notice';
  tone: Tone;
  title: string;
  text: string;
  facts?: Fact[];
  steps?: StepOutcome[];
  /** Error reference to quote to the operators (unexpected errors only). */
  reference?: string;
  actions: ButtonView[];
  links?: LinkView[];
}

/** The outcome of enabling protection for one VM. */
export interface VmOutcomeView {
  vm: { id: string; name: string };
  ok: boolean;
  /** ok: the item's state in words ("Warning (Initial backup pending)"). Failed: the reason. */
  text: string;
  tone: Tone;
  /** Azure's or the rule's error code when it failed. */
  code?: string;
  actions: ButtonView[];
}

/**
 * After "Enable Backup" (VM path: one VM) or the vault path (several VMs): what was created,
 * each VM's outcome, the policy and when the first scheduled backup runs.
 */
export interface ProtectionResultView {
  kind: 'protection-result';
  tone: Tone;
  title: string;
  vault: VaultRef;
  policy?: PolicySummary;
  redundancyText?: string;
  steps: StepOutcome[];
  outcomes: VmOutcomeView[];
  /** When the policy's first scheduled backup runs (absent when nothing was protected). */
  firstScheduledBackup?: When;
  actions: ButtonView[];
  links: LinkView[];
}

/** Phases of a job as the person sees them. `queued` = just triggered, not yet seen running. */
export type JobPhase = 'queued' | 'in-progress' | 'cancelling' | 'completed' | 'completed-with-warnings' | 'failed' | 'cancelled';

/**
 * One backup job, updated in place while it runs (see jobView in job-view.ts).
 * `final` is true once the job ended: no more updates will follow.
 */
export interface JobView {
  kind: 'job';
  job: JobKey & { operation: string; vmName: string };
  phase: JobPhase;
  final: boolean;
  tone: Tone;
  /** "Backup of web-01". */
  title: string;
  /** "In progress for 2 min 10 s", "Completed in 14 min", "Failed after 3 min". */
  statusText: string;
  started: When;
  ended?: When;
  durationText: string;
  progressPercent?: number;
  /** Completed: the recovery point made and when it expires. */
  recoveryPoint?: { time: When; type: string; expires?: When };
  /** Backup now: the retain-until date asked for. */
  retainUntil?: When;
  /** Failed: Azure's (first) error and what to do next. Renderers show `problems` when present. */
  error?: { code: string; message: string; nextStep?: string };
  /** Failed: every error Azure gave; completed with warnings: every warning. In Azure's order. */
  problems?: JobProblemView[];
  /** Above the problems: what they mean for this job (warnings: the backup did complete). */
  problemsIntro?: string;
  /** The cancel confirm step: the question; the actions are then "Cancel the job" and "Keep it running". */
  confirm?: { question: string; text: string };
  /** A line about the last request on this job (e.g. Azure refused to cancel it). */
  notice?: { tone: Tone; text: string };
  requestedBy?: string;
  /** When the view was made ("updated 10:42 UTC"). */
  updated: When;
  actions: ButtonView[];
  links: LinkView[];
}

/** One of a job's errorDetails: an error of a failed job or a warning of a job completed with warnings. */
export interface JobProblemView {
  tone: 'error' | 'warning';
  /** "Error 1 of 2", "Warning". */
  heading: string;
  code: string;
  message: string;
  /** Azure's recommended actions, as Azure words them. */
  recommendations: string[];
  /** The bot's own next step when it knows a specific one (VM agent, lock, stopped VM). */
  nextStep?: string;
}

/** A job in a list. */
export interface JobLineView {
  job: JobKey;
  vaultName: string;
  vmName: string;
  operation: string;
  phase: JobPhase;
  tone: Tone;
  /** "In progress for 5 min", "Failed after 2 min: <reason>". */
  statusText: string;
  started: When;
  actions: ButtonView[];
}

/** Protection of a VM in words. */
export interface ProtectionView {
  /** "Not protected", "Warning (Initial backup pending)", "Protected", ... */
  text: string;
  tone: Tone;
  protected: boolean;
}

/** `backup status <vm>`. */
export interface VmStatusView {
  kind: 'vm-status';
  vm: VmRef & { powerText: string; agentText: string };
  protection: ProtectionView;
  vault?: VaultRef;
  policy?: PolicySummary;
  /** "Healthy, 3 hours ago" / "never". */
  lastBackup: { status?: string; text: string; at?: string };
  recoveryPoints: { count: number; latest?: When; text: string };
  runningJobs: JobLineView[];
  nextScheduledBackup?: When;
  actions: ButtonView[];
  links: LinkView[];
}

/** An item protected by a vault, in the vault's status. */
export interface VaultItemView {
  vm: { id: string; name: string };
  protection: ProtectionView;
  lastBackupText: string;
  policyName?: string;
  actions: ButtonView[];
}

/** `backup status <vault>`. */
export interface VaultStatusView {
  kind: 'vault-status';
  vault: VaultRef;
  /** "Geo-redundant (GRS)", with whether it can still change. */
  redundancy: { value: string; text: string; locked: boolean };
  items: VaultItemView[];
  /** "3 protected, 1 initial backup pending". */
  itemsText: string;
  policies: (PolicySummary & { protectedItemsCount: number })[];
  runningJobs: JobLineView[];
  actions: ButtonView[];
  links: LinkView[];
}

/** A backup item of a vault with its last backup and next scheduled run (`backup items`). */
export interface BackupItemView {
  vm: { id: string; name: string };
  protection: ProtectionView;
  /** "Completed 2 days ago (Sat 28 Feb, 19:00 UTC)", "No backup yet". */
  lastBackupText: string;
  lastBackupTone: Tone;
  /** "Tue 3 Mar, 19:00 UTC (in 11 hours)", "None: protection stopped". */
  nextRunText: string;
  nextRun?: string;
  policyName?: string;
  actions: ButtonView[];
}

/** `backup items <vault>`: one page of a vault's backup items. */
export interface VaultItemsView {
  kind: 'vault-items';
  vault: VaultRef;
  /** "3 protected and 1 initial backup pending". */
  itemsText: string;
  /** "Items 1-15 of 40", "4 items". */
  pageText: string;
  items: BackupItemView[];
  /** Items after this page ("…and 25 more"). */
  more: number;
  actions: ButtonView[];
  links: LinkView[];
}

/** `backup status` with no target: every vault in one line. */
export interface VaultsOverviewView {
  kind: 'vaults-overview';
  vaults: (VaultRef & { itemsText: string; actions: ButtonView[] })[];
  /** Vaults that could not be read (an Azure error), named with the reason. */
  problems: string[];
  actions: ButtonView[];
}

/** A VM in a list. */
export interface VmLineView {
  vm: VmRef;
  powerText: string;
  protection: ProtectionView;
  actions: ButtonView[];
}

/** `backup vms [search]`. */
export interface VmListView {
  kind: 'vm-list';
  query?: string;
  /** "12 of 480 VMs match web". */
  summaryText: string;
  total: number;
  vms: VmLineView[];
  actions: ButtonView[];
}

/** `backup jobs [filter]`. */
export interface JobListView {
  kind: 'job-list';
  filter: JobFilter;
  title: string;
  summaryText: string;
  jobs: JobLineView[];
  problems: string[];
  actions: ButtonView[];
}

/** `backup policy list`. */
export interface PolicyListView {
  kind: 'policy-list';
  vault: VaultRef;
  policies: (PolicySummary & { protectedItemsCount: number; actions: ButtonView[] })[];
  actions: ButtonView[];
}

/** `backup policy show <name>`: every rule in words. */
export interface PolicyDetailView {
  kind: 'policy-detail';
  /** Set after `policy create`: "Policy nightly created in vault vault-weu." */
  headline?: string;
  vault: VaultRef;
  policy: PolicySummary & {
    /** One line per retention rule: "Daily points: kept 30 days", "Weekly (Sunday): kept 12 weeks". */
    retentionLines: string[];
    instantRestoreText?: string;
    protectedItemsCount: number;
  };
  actions: ButtonView[];
}

/** How one pre-flight check came out; unknown = it could not be checked (Azure failed). */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'unknown';

/** How each outcome reads and which tone renderers give it. */
export const CHECK_OUTCOMES: Readonly<Record<CheckOutcome, { label: string; tone: Tone }>> = {
  pass: { label: 'Pass', tone: 'success' },
  warn: { label: 'Warning', tone: 'warning' },
  fail: { label: 'Fail', tone: 'error' },
  unknown: { label: 'Not checked', tone: 'warning' },
};

/** One check of `backup check` (and of the enable flows before "Enable Backup"). */
export interface CheckLineView {
  /** Stable id: power, agent, vault, protection, policy, locks, or a support matrix rule's id. */
  id: string;
  title: string;
  outcome: CheckOutcome;
  text: string;
  /** What to do (warn, fail, unknown). */
  action?: string;
  /** The document the rule comes from. */
  source?: LinkView;
}

/**
 * `backup check <vm>`: the pre-flight checks for protecting one VM, each pass, warn, fail or
 * could-not-be-checked, with what to do. The enable flows show the same lines before "Enable Backup".
 */
export interface PreflightView {
  kind: 'preflight';
  vm: VmRef & { powerText: string; agentText: string };
  tone: Tone;
  title: string;
  /** "5 passed, 1 warning, 1 failed". */
  summary: string;
  checks: CheckLineView[];
  actions: ButtonView[];
  links: LinkView[];
}

/** One region (of one subscription) with VMs no vault protects, and the vault that would. */
export interface CoverageGroupView {
  /** "westeurope: 3 unprotected VMs" (with the subscription when the scope spans several). */
  title: string;
  location: string;
  subscriptionId: string;
  /** How many unprotected VMs the group has. */
  count: number;
  /** Which vault would protect them and why: an existing one, or a new one Enable backup offers. */
  vaultText: string;
  /** The VMs' names, the first few, then "and 12 more". */
  vmsText: string;
  /** Set when Enable backup preselects fewer VMs than the group has: how many, and where the rest are. */
  capText?: string;
  /** "Enable backup": the vault path with the group's VMs preselected. */
  action: ButtonView;
}

/** `backup coverage`: the VMs of the scope that no vault protects, by region. */
export interface CoverageView {
  kind: 'coverage';
  tone: Tone;
  title: string;
  /** "5 of 27 VMs in scope are not protected by any vault; 2 excluded by tag backup=exclude." */
  summaryText: string;
  groups: CoverageGroupView[];
  /** "…and 3 more regions with gaps: …" when there are more groups than a message shows. */
  moreText?: string;
  /** Subscriptions that could not be read, with the reason. */
  problems: string[];
  actions: ButtonView[];
}

export type MessageView =
  | PreflightView
  | HelpView
  | NoticeView
  | ProtectionResultView
  | JobView
  | VmStatusView
  | VaultStatusView
  | VaultsOverviewView
  | VaultItemsView
  | VmListView
  | JobListView
  | PolicyListView
  | PolicyDetailView
  | CoverageView;

export type View = FormView | MessageView;

/**
 * What a flow answers.
 * - form: show the form (open a new one, or replace the form/card the intent came from).
 * - invalid: the submitted form was wrong; `view` is the same form with values kept and errors.
 * - message: post the message (closing any form). `placement` 'replace' replaces the message whose
 *   button was pressed instead. `track` set: the message follows a job; register it with
 *   JobTracker.track after posting so it is updated in place until the job ends.
 */
export type FlowResult =
  | { kind: 'form'; view: FormView }
  | { kind: 'invalid'; view: FormView; errors: FieldError[] }
  | { kind: 'message'; view: MessageView; placement: 'new' | 'replace'; track?: TrackRequest };

/** What a job message needs to be kept up to date: the job and the context for its wording. */
export interface TrackRequest {
  job: JobKey;
  context: JobContext;
}

/**
 * All domain wording in one place: protection states, policies, durations, times, job phases and
 * the next step after a failure. Pure functions (the clock is a parameter), so views read the same
 * on every platform and tests pin the words.
 */
import type {
  BackupJob,
  DayOfWeek,
  JobError,
  JobStatus,
  PolicyDefinition,
  ProtectionState,
  RetentionFormat,
  StorageRedundancy,
  VmAgentState,
} from '../domain/backup.types';
import { plural } from './plural';
import type { JobPhase, PolicySummary, ProtectionView, Tone, When } from './views';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---- protection ---------------------------------------------------------------------------------

const PROTECTION_WORDS: Record<ProtectionState, { text: string; tone: Tone }> = {
  IRPending: { text: 'Warning (Initial backup pending)', tone: 'warning' },
  Protected: { text: 'Protected', tone: 'success' },
  ProtectionError: { text: 'Error (protection error)', tone: 'error' },
  ProtectionPaused: { text: 'Protection paused (backups stopped, data kept)', tone: 'warning' },
  ProtectionStopped: { text: 'Protection stopped', tone: 'warning' },
  BackupsSuspended: { text: 'Backups suspended (data kept)', tone: 'warning' },
  Invalid: { text: 'Invalid (check the item in the portal)', tone: 'error' },
};

/**
 * How long Azure keeps deleted backup data of a vault with soft delete on (its default), free of
 * charge, when it can still be undeleted: soft-delete-virtual-machines.md,
 * backup-azure-security-feature-cloud.md ("don't incur any cost").
 */
export const SOFT_DELETE_DAYS = 14;

/** A soft-deleted item's state: "Soft-deleted: kept until 21 Dec 2026 (14 days), then deleted for good". */
export function softDeletedWords(purgeAt: Date | undefined, now: Date): ProtectionView {
  const until = purgeAt ? `kept until ${dayWords(purgeAt)} (${daysAwayWords(purgeAt, now)}), then deleted for good` : `kept ${SOFT_DELETE_DAYS} days after the delete, then deleted for good`;
  return { text: `Soft-deleted: backup data ${until}`, tone: 'warning', protected: false };
}

/** A protection state in words; undefined = no vault protects the VM. */
export function protectionWords(state: ProtectionState | undefined): ProtectionView {
  if (!state) return { text: 'Not protected', tone: 'info', protected: false };
  const w = PROTECTION_WORDS[state] ?? { text: String(state), tone: 'info' as Tone };
  return { ...w, protected: state !== 'ProtectionStopped' };
}

export function redundancyWords(r: StorageRedundancy | string): string {
  if (r === 'GeoRedundant') return 'Geo-redundant (GRS)';
  if (r === 'LocallyRedundant') return 'Locally redundant (LRS)';
  return String(r);
}

export function powerWords(power: string | undefined): string {
  if (!power) return 'Power state unknown';
  const p = power.toLowerCase();
  if (p === 'running') return 'Running';
  if (p === 'deallocated') return 'Stopped (deallocated)';
  if (p === 'stopped') return 'Stopped';
  return p.charAt(0).toUpperCase() + p.slice(1);
}

/**
 * The VM agent as the inventory's statusOnly listing reports it. Unknown = an agent was
 * provisioned but its instance view carries no status (a stopped VM, an agent that stopped).
 */
export function agentWords(agent: VmAgentState): string {
  switch (agent) {
    case 'Ready':
      return 'agent ready';
    case 'NotReady':
      return 'agent not ready';
    case 'NotInstalled':
      return 'no VM agent';
    default:
      return 'agent not reporting';
  }
}

/**
 * Before enabling: why a VM whose agent is not Ready would fail its backups, and what to do;
 * undefined when the agent is ready. (No agent at all is refused when enabling.)
 */
export function agentWarning(vm: { name: string; agent: VmAgentState; powerState?: string }): string | undefined {
  if (vm.agent === 'Ready') return undefined;
  if (vm.agent === 'NotInstalled') return `${vm.name} has no VM agent: Azure Backup needs it, so enabling will be refused until it is installed.`;
  const why = vm.agent === 'NotReady' ? `The VM agent on ${vm.name} is not ready` : `The VM agent on ${vm.name} is not reporting${vm.powerState && vm.powerState !== 'running' ? ` (the VM is ${powerWords(vm.powerState).toLowerCase()})` : ''}`;
  return `${why}: protection can be enabled, but backups fail until the agent reports Ready. Start the VM and check the agent (Windows: the "RdAgent" service; Linux: walinuxagent).`;
}

// ---- numbers, durations and times ----------------------------------------------------------------

/** "42,000": thousands separated, whatever the machine's locale. */
export function countWords(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "Loading the VM list: 42,000 of about 100,000…", "…: 1,200 so far…", "Loading the VM list…". */
export function loadingWords(progress: { loaded: number; expected?: number }): string {
  if (progress.expected !== undefined && progress.expected >= progress.loaded) return `Loading the VM list: ${countWords(progress.loaded)} of about ${countWords(progress.expected)}…`;
  if (progress.loaded > 0) return `Loading the VM list: ${countWords(progress.loaded)} so far…`;
  return 'Loading the VM list…';
}

export { isAre, plural } from './plural';

/** A duration in words: "45 s", "2 min 10 s", "1 h 5 min", "2 days 3 h". */
export function durationWords(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    const s = total % 60;
    return s ? `${minutes} min ${s} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m ? `${hours} h ${m} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${plural(days, 'day')} ${h} h` : plural(days, 'day');
}

/** A time relative to now: "just now", "5 min ago", "3 hours ago", "in 2 days". */
export function relativeWords(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  let amount: string;
  if (abs < HOUR) amount = plural(Math.max(1, Math.round(abs / MINUTE)), 'min', 'min');
  else if (abs < DAY) amount = plural(Math.round(abs / HOUR), 'hour');
  else amount = plural(Math.round(abs / DAY), 'day');
  return diff < 0 ? `${amount} ago` : `in ${amount}`;
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant in UTC: "Tue 14 May 2024, 02:00 UTC". */
export function dateTimeWords(at: Date): string {
  return `${WEEKDAY_SHORT[at.getUTCDay()]} ${at.getUTCDate()} ${MONTH_SHORT[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

/** A day in UTC: "14 May 2024". */
export function dayWords(at: Date): string {
  return `${at.getUTCDate()} ${MONTH_SHORT[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/** A moment for a view: ISO plus "Tue 14 May 2024, 02:00 UTC (in 5 hours)". */
export function when(at: Date, now: Date): When {
  return { at: at.toISOString(), text: `${dateTimeWords(at)} (${relativeWords(at, now)})` };
}

/** Calendar days (UTC) from `now` to `at`: "30 days", "1 day", "today", "3 days ago". */
export function daysAwayWords(at: Date, now: Date): string {
  const day = (d: Date): number => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const days = Math.round((day(at) - day(now)) / DAY);
  if (days === 0) return 'today';
  return days > 0 ? plural(days, 'day') : `${plural(-days, 'day')} ago`;
}

/** A day for a view (retain-until, expiry), with how far away it is: ISO plus "6 Jan 2027 (30 days)". */
export function whenDay(at: Date, now: Date): When {
  return { at: at.toISOString(), text: `${dayWords(at)} (${daysAwayWords(at, now)})` };
}

/**
 * A retain-until day for the audit log: "kept until 31 Dec 2026 (24 days from the request)". An
 * audit line is read weeks after it was written, so its day count is anchored to the request, not
 * to the reader's today: "(24 days)" alone would be false by the time anyone reads it, while the
 * date itself and its distance from the request stay true.
 */
export function keptUntilAtRequestWords(day: Date, requestedAt: Date): string {
  const away = daysAwayWords(day, requestedAt);
  const relative = away === 'today' ? 'the day of the request' : away.endsWith(' ago') ? `${away.slice(0, -' ago'.length)} before the request` : `${away} from the request`;
  return `kept until ${dayWords(day)} (${relative})`;
}

/** Azure reports "never backed up" as 2001-01-01 (or nothing). */
export function isNeverTime(at: Date | undefined): boolean {
  return !at || Number.isNaN(at.getTime()) || at.getUTCFullYear() <= 2001;
}

/** "Healthy, 3 hours ago (Tue 14 May 2024, 02:00 UTC)" or "never". */
export function lastBackupWords(status: string | undefined, at: Date | undefined, now: Date): string {
  if (isNeverTime(at)) return 'never';
  const time = `${relativeWords(at as Date, now)} (${dateTimeWords(at as Date)})`;
  return status ? `${status}, ${time}` : time;
}

/** A last backup with its day count: "Completed 2 days ago (Sat 28 Feb, 19:00 UTC)", "No backup yet". */
export function lastBackupDayWords(status: string | undefined, at: Date | undefined, now: Date): string {
  if (isNeverTime(at)) return 'No backup yet';
  const day = daysAwayWords(at as Date, now);
  return `${status ?? 'Backed up'} ${day} (${dateTimeWords(at as Date)})`;
}

export function lastBackupTone(status: string | undefined, at: Date | undefined): Tone {
  if (isNeverTime(at)) return 'info';
  if (status === 'Failed') return 'error';
  if (status === 'CompletedWithWarnings') return 'warning';
  return status === 'Completed' ? 'success' : 'info';
}

/** Why an item has no next run. */
export function nextRunNoneWords(state: ProtectionState, policyName: string | undefined, policyRead: boolean): string {
  if (state === 'ProtectionStopped') return 'None: protection stopped';
  if (state === 'ProtectionPaused' || state === 'BackupsSuspended') return 'None: backups paused';
  if (!policyName) return 'None: no policy';
  return policyRead ? 'None' : `Unknown: policy ${policyName} not read`;
}

/** "4 items", "Items 16-30 of 40". */
export function itemsPageWords(start: number, shown: number, total: number): string {
  if (total === 0) return 'No backup items';
  if (shown === total) return plural(total, 'item');
  return `Items ${start + 1}-${start + shown} of ${total}`;
}

// ---- policies ----------------------------------------------------------------------------------

/** "Monday", "Monday and Thursday", "Monday, Wednesday and Friday". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const DAY_ORDER: DayOfWeek[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const sortDays = (days: DayOfWeek[]): DayOfWeek[] => [...days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b));

/** "Daily at 02:00 UTC", "Weekly on Sunday at 22:30 W. Europe Standard Time". */
export function scheduleWords(schedule: PolicyDefinition['schedule']): string {
  const at = `at ${schedule.time} ${schedule.timeZone}`;
  if (schedule.frequency === 'Weekly') return `Weekly on ${listWords(sortDays(schedule.daysOfWeek ?? []))} ${at}`;
  return `Daily ${at}`;
}

function formatWords(format: RetentionFormat): string {
  if (format.kind === 'days') {
    const days = [...format.daysOfMonth].sort((a, b) => a - b).map(String);
    if (format.isLast) days.push('last');
    return `day ${listWords(days)} of the month`;
  }
  return `${listWords(format.weeksOfMonth)} ${listWords(sortDays(format.daysOfWeek))}`;
}

/** One line per retention rule. */
export function retentionLines(def: PolicyDefinition): string[] {
  const r = def.retention;
  const lines: string[] = [];
  if (r.daily) lines.push(`Daily backups: kept ${plural(r.daily.days, 'day')}`);
  if (r.weekly) lines.push(`Weekly backups (${listWords(sortDays(r.weekly.daysOfWeek))}): kept ${plural(r.weekly.weeks, 'week')}`);
  if (r.monthly) lines.push(`Monthly backups (${formatWords(r.monthly.format)}): kept ${plural(r.monthly.months, 'month')}`);
  if (r.yearly) {
    lines.push(`Yearly backups (${listWords(r.yearly.monthsOfYear)}, ${formatWords(r.yearly.format)}): kept ${plural(r.yearly.years, 'year')}`);
  }
  return lines;
}

/** The retention in one line: "kept 30 days", "kept 30 days; weekly 12 weeks, monthly 60 months". */
export function retentionWords(def: PolicyDefinition): string {
  const r = def.retention;
  const first = r.daily ? `kept ${plural(r.daily.days, 'day')}` : r.weekly ? `kept ${plural(r.weekly.weeks, 'week')}` : 'no retention set';
  const extra: string[] = [];
  if (r.daily && r.weekly) extra.push(`weekly ${plural(r.weekly.weeks, 'week')}`);
  if (r.monthly) extra.push(`monthly ${plural(r.monthly.months, 'month')}`);
  if (r.yearly) extra.push(`yearly ${plural(r.yearly.years, 'year')}`);
  return extra.length ? `${first}; ${extra.join(', ')}` : first;
}

/** A policy in words: "Daily at 02:00 UTC, kept 30 days". */
export function policySummary(def: PolicyDefinition): PolicySummary {
  const scheduleText = scheduleWords(def.schedule);
  const retentionText = retentionWords(def);
  return { name: def.name, scheduleText, retentionText, text: `${scheduleText}, ${retentionText}` };
}

type RetentionTier = { key: 'daily' | 'weekly' | 'monthly' | 'yearly'; unit: string; count: (def: PolicyDefinition) => number | undefined };
const RETENTION_TIERS: RetentionTier[] = [
  { key: 'daily', unit: 'day', count: (d) => d.retention.daily?.days },
  { key: 'weekly', unit: 'week', count: (d) => d.retention.weekly?.weeks },
  { key: 'monthly', unit: 'month', count: (d) => d.retention.monthly?.months },
  { key: 'yearly', unit: 'year', count: (d) => d.retention.yearly?.years },
];

/**
 * What a change from one policy to another does to the recovery points already taken, as
 * Microsoft describes it (backup-architecture.md, "Changes to backup policy"): the new retention
 * applies to the existing points too (shorter: older points are cleaned up; longer: they are kept
 * longer); daily to weekly cleans up the daily points; weekly to daily keeps the weekly points for
 * what their retention has left. On-demand points keep the date chosen for them
 * (manage-recovery-points.md).
 */
export function existingPointsWords(from: PolicyDefinition | undefined, to: PolicyDefinition): string[] {
  if (!from) return [`${to.name}'s retention applies to the existing recovery points too.`, 'Points from Backup now keep the date chosen for them.'];
  const lines: string[] = [];
  // A change of frequency says what happens to the tier it leaves behind; the tiers say the rest.
  let left: RetentionTier['key'] | undefined;
  if (from.schedule.frequency === 'Daily' && to.schedule.frequency === 'Weekly') {
    lines.push('Daily to weekly: Azure cleans up the existing daily recovery points.');
    left = 'daily';
  } else if (from.schedule.frequency === 'Weekly' && to.schedule.frequency === 'Daily') {
    lines.push('Weekly to daily: the existing weekly recovery points stay for the time their current retention leaves them.');
    left = 'weekly';
  }
  const changes: string[] = [];
  for (const tier of RETENTION_TIERS) {
    if (tier.key === left) continue;
    const before = tier.count(from);
    const after = tier.count(to);
    if (before === after || (before === undefined && after === undefined)) continue;
    if (after === undefined) changes.push(`${tier.key} points are no longer kept as such (${plural(before as number, tier.unit)} before): Azure cleans them up by the remaining retention`);
    else if (before === undefined) changes.push(`${tier.key} points are kept ${plural(after, tier.unit)} from now on`);
    else if (after < before) changes.push(`${tier.key} points ${plural(before, tier.unit)} → ${plural(after, tier.unit)}: existing ones older than that are cleaned up`);
    else changes.push(`${tier.key} points ${plural(before, tier.unit)} → ${plural(after, tier.unit)}: existing ones are kept longer too`);
  }
  if (changes.length) lines.push(`The new retention applies to the existing recovery points too: ${changes.join('; ')}.`);
  else if (!left) lines.push('The retention is the same, so the existing recovery points keep their expiry.');
  lines.push('Points from Backup now keep the date chosen for them.');
  return lines;
}

export function instantRestoreWords(days: number | undefined): string | undefined {
  return days === undefined ? undefined : `Instant restore snapshots kept ${plural(days, 'day')}`;
}

// ---- jobs ------------------------------------------------------------------------------------------

const PHASE_TONE: Record<JobPhase, Tone> = {
  queued: 'info',
  'in-progress': 'info',
  cancelling: 'warning',
  completed: 'success',
  'completed-with-warnings': 'warning',
  failed: 'error',
  cancelled: 'warning',
};

export function jobPhase(status: JobStatus, justStarted = false): JobPhase {
  switch (status) {
    case 'InProgress':
      return justStarted ? 'queued' : 'in-progress';
    case 'Cancelling':
      return 'cancelling';
    case 'Completed':
      return 'completed';
    case 'CompletedWithWarnings':
      return 'completed-with-warnings';
    case 'Failed':
      return 'failed';
    case 'Cancelled':
      return 'cancelled';
    default:
      return 'in-progress';
  }
}

export function phaseTone(phase: JobPhase): Tone {
  return PHASE_TONE[phase];
}

export function isFinalPhase(phase: JobPhase): boolean {
  return phase === 'completed' || phase === 'completed-with-warnings' || phase === 'failed' || phase === 'cancelled';
}

/** "Backup" -> "Backup", "ConfigureBackup" -> "Configure backup". */
export function operationWords(operation: string): string {
  const words = operation.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Queued", "In progress for 2 min 10 s (45%)", "Completed in 14 min", "Failed after 3 min". */
export function jobStatusWords(phase: JobPhase, durationMs: number, progressPercent?: number): string {
  const d = durationWords(durationMs);
  switch (phase) {
    case 'queued':
      return 'Queued';
    case 'in-progress':
      return `In progress for ${d}${progressPercent !== undefined ? ` (${progressPercent}%)` : ''}`;
    case 'cancelling':
      return `Cancelling (running for ${d})`;
    case 'completed':
      return `Completed in ${d}`;
    case 'completed-with-warnings':
      return `Completed with warnings in ${d}`;
    case 'failed':
      return `Failed after ${d}`;
    case 'cancelled':
      return `Cancelled after ${d}`;
  }
}

/** The name of the resource group where Azure Backup keeps a region's restore points (the first one). */
export function restorePointGroupName(location: string | undefined): string {
  return location ? `AzureBackupRG_${location}_1` : 'AzureBackupRG_<region>_1';
}

/**
 * What to do after a failed backup, from Azure's error: the VM agent, a lock on the restore point
 * resource group, a stopped VM; otherwise Azure's own recommendations.
 */
export function nextStepWords(error: { code: string; message: string; recommendations?: string[]; advice?: string }, ctx: { vmName?: string; location?: string }): string | undefined {
  const specific = specificNextStep(error, ctx) ?? error.advice;
  if (specific) return specific;
  const rec = (error.recommendations ?? []).filter((r) => r.trim().length > 0);
  if (rec.length) return rec.join(' ');
  return undefined;
}

/** The bot's own next step for the causes it knows (VM agent, lock, stopped VM); undefined otherwise. */
export function specificNextStep(error: { code: string; message: string; recommendations?: string[] }, ctx: { vmName?: string; location?: string }): string | undefined {
  // Azure reports a lock on the restore point group as UserErrorRpCollectionLimitReached, naming the lock only in its recommendations.
  const text = `${error.code} ${error.message} ${(error.recommendations ?? []).join(' ')}`;
  const vm = ctx.vmName ?? 'the VM';
  if (/lock|AzureBackupRG|RestorePointCollection|RpCollectionLimitReached/i.test(text)) {
    return `Remove the lock on the resource group ${restorePointGroupName(ctx.location)} (Azure Backup keeps restore points there and a lock stops backups), then run Backup now again.`;
  }
  if (/agent/i.test(text)) {
    return `Install or start the Azure VM agent on ${vm} and check that it reports Ready, then run Backup now again.`;
  }
  if (/deallocat|not running|VmNotInDesirableState/i.test(text)) {
    return `Start ${vm} (or wait until it has finished starting), then run Backup now again.`;
  }
  return undefined;
}

/**
 * Every error of a failed job, or every warning of a job completed with warnings (Azure puts both
 * in errorDetails); a failed job Azure gave no reason for gets the generic one.
 */
export function jobProblems(job: BackupJob): JobError[] {
  if (job.status !== 'Failed' && job.status !== 'CompletedWithWarnings') return [];
  if (job.errors.length > 0) return job.errors;
  return job.status === 'Failed' ? [{ code: 'Unknown', message: 'Azure did not say why the job failed.', recommendations: [] }] : [];
}

/** "Error", "Error 1 of 2", "Warning", "Warning 2 of 3". */
export function problemHeading(tone: 'error' | 'warning', index: number, total: number): string {
  const word = tone === 'error' ? 'Error' : 'Warning';
  return total > 1 ? `${word} ${index + 1} of ${total}` : word;
}

/** What a job completed with warnings means, above its warnings. */
export const WARNINGS_MEAN = 'The backup completed and a recovery point was made, but not as asked. Act on each warning so the next backups complete cleanly.';

/** The cancel confirm step, in words. */
export function cancelQuestion(operation: string, vmName: string): { title: string; question: string; text: string } {
  const what = `${operationWords(operation).toLowerCase()} of ${vmName}`;
  return {
    title: 'Cancel this job?',
    question: `Cancel the ${what}?`,
    text: `Azure stops the ${what}; a cancelled backup makes no recovery point. You can start Backup now again later.`,
  };
}

export const CANCEL_LABELS = { confirm: 'Cancel the job', deny: 'Keep it running' } as const;

/** Why a cancel did nothing: the job had ended already (Azure only cancels a running job). */
export function notCancelledEnded(statusText: string): string {
  return `Not cancelled: the job had already ended (${statusText}). Azure only cancels a running job.`;
}

/** A running job Azure's actionsInfo does not list as Cancellable. */
export const NOT_CANCELLABLE = 'Azure says this job cannot be cancelled now (its actions do not include Cancel). It goes on.';

/** Azure refused the cancel of a running job. */
export function notCancelledRefused(reason: string): string {
  const said = reason.trim();
  return `Not cancelled: Azure refused. ${/[.!?]$/.test(said) ? said : `${said}.`} The job goes on.`;
}

/** A job's first error, or a generic one when Azure gave none. */
export function jobError(job: BackupJob): JobError | undefined {
  if (job.status !== 'Failed' && job.status !== 'CompletedWithWarnings') return undefined;
  const e = job.errors[0];
  if (e) return e;
  return job.status === 'Failed' ? { code: 'Unknown', message: 'Azure did not say why the job failed.', recommendations: [] } : undefined;
}

/** The app's name as people @-mention it in Slack (its bot user's display name). */
export const BOT_MENTION = '@Azure Backup';

/**
 * What brings back the notifications of a channel the bot is not in. Slack names the channel as a
 * mention (`<#C123>` shows as #name to those who can see it); a Teams team has to add the app again.
 */
export function waitingForBotWords(channel: { platform: 'slack' | 'teams'; conversationId: string }): string {
  return channel.platform === 'slack'
    ? `the bot is not in <#${channel.conversationId}>: \`/invite ${BOT_MENTION}\` in <#${channel.conversationId}> and they resume`
    : 'the bot is no longer in this team or chat: add the Azure Backup app to it again and they resume';
}

/**
 * What a flow's answer says about the effect of a changing action: whether anything changed
 * (`none` for a form, field errors, or a notice that nothing was done), and how it went, with the
 * words and ARM ids the audit log keeps.
 */
import type { Intent } from '../flows/intents';
import type { FlowResult, MessageView, StepOutcome } from '../flows/views';
import type { AuditOutcome } from './audit.types';
import { plural } from '../flows/plural';
import { keptUntilAtRequestWords } from '../flows/wording';

export type EffectOutcome = AuditOutcome | 'none';

const anyDone = (steps: StepOutcome[] | undefined): boolean => (steps ?? []).some((s) => s.status === 'done');

/** How a changing action went, read from the view the flows answered. */
export function effectOutcome(result: FlowResult): EffectOutcome {
  if (result.kind !== 'message') return 'none';
  const view = result.view;
  switch (view.kind) {
    case 'protection-result': {
      if (view.tone === 'success') return 'succeeded';
      return view.outcomes.some((o) => o.ok) || anyDone(view.steps) ? 'partial' : 'failed';
    }
    case 'notice':
      // Warnings and infos answer "nothing to do" (already protected, not protected yet);
      // a success notice is a settings change that was made (a subscription).
      if (view.tone === 'success') return 'succeeded';
      if (view.tone !== 'error') return 'none';
      return anyDone(view.steps) ? 'partial' : 'failed';
    case 'job':
      // Azure refused (or the job had ended): said on the job message, nothing changed.
      return view.notice?.tone === 'error' ? 'failed' : 'succeeded';
    case 'policy-detail':
      return 'succeeded';
    default:
      return 'none';
  }
}

const nameOf = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;

/** The ARM ids an answer names (the vault used, each VM, the job started). */
export function resultResourceIds(result: FlowResult): string[] {
  if (result.kind !== 'message') return [];
  const view: MessageView = result.view;
  switch (view.kind) {
    case 'protection-result':
      return [view.vault.id, ...view.outcomes.map((o) => o.vm.id)];
    case 'job':
      return [view.job.vaultId, `${view.job.vaultId}/backupJobs/${view.job.jobName}`];
    case 'policy-detail':
      return [view.vault.id];
    default:
      return [];
  }
}

/** What was asked, in words, for the audit log. */
export function effectSummary(intent: Intent, result?: FlowResult, requestedAt: Date = new Date()): string {
  const view = result?.kind === 'message' ? result.view : undefined;
  switch (intent.type) {
    case 'enable.confirm': {
      const vault = intent.vault.kind === 'new' ? `new vault ${intent.vault.name}` : `vault ${nameOf(intent.vault.vaultId)}`;
      return `Enable backup for ${nameOf(intent.vmId)} in ${vault} with policy ${policyName(intent.policy)}`;
    }
    case 'vault.chooseVms': {
      const vault = intent.vault.kind === 'new' ? `new vault ${intent.vault.name}` : `vault ${nameOf(intent.vault.vaultId)}`;
      const vms = view?.kind === 'protection-result' ? view.outcomes.map((o) => o.vm.name) : listOf(intent.values.vms).map(nameOf);
      return `Enable backup for ${plural(vms.length, 'VM')} (${vms.join(', ')}) in ${vault} with policy ${policyName(intent.policy)}${intent.redundancy ? `, storage replication ${intent.redundancy}` : ''}`;
    }
    case 'now.submit': {
      const retain = listOf(intent.values.retainUntil)[0];
      const day = retain && /^\d{4}-\d{2}-\d{2}$/.test(retain) ? new Date(`${retain}T00:00:00Z`) : undefined;
      const kept = day && !Number.isNaN(day.getTime()) ? keptUntilAtRequestWords(day, requestedAt) : retain ? `kept until ${retain}` : '';
      return `Backup now of ${nameOf(intent.vmId)}${kept ? `, ${kept}` : ''}`;
    }
    case 'policy.define': {
      const name = listOf(intent.values.policyName)[0];
      return `Create policy ${name ?? '(unnamed)'} in vault ${nameOf(intent.vaultId)}`;
    }
    case 'stop.submit':
      return `Stop protection of ${nameOf(intent.vmId)}${intent.deleteData ? ' and delete its backup data' : ', keeping its backup data'}`;
    case 'resume.submit': {
      const policy = listOf(intent.values.policy)[0];
      return `Resume protection of ${nameOf(intent.vmId)}${policy ? ` with policy ${policy}` : ''}`;
    }
    case 'policy.setConfirm':
      return `Change the backup policy of ${nameOf(intent.vmId)} to ${intent.policy}`;
    case 'undelete':
      return `Undelete the backup data of ${nameOf(intent.vm)}`;
    case 'job.cancel':
      return `Cancel job ${intent.jobName}${intent.context?.vmName ? ` (${intent.context.vmName})` : ''} in vault ${nameOf(intent.vaultId)}`;
    case 'subscribe':
      return intent.scope ? `Subscribe this channel to ${intent.scope}${intent.events?.length ? ` (${intent.events.join(', ')})` : ''}` : 'Subscribe this channel to notifications';
    case 'subscribe.submit': {
      const events = listOf(intent.values.events)[0];
      return `Subscribe this channel to ${listOf(intent.values.scope)[0] ?? 'notifications'}${events ? ` (${events})` : ''}`;
    }
    case 'unsubscribe':
      return intent.all ? 'Unsubscribe this channel from everything' : `Unsubscribe this channel from ${intent.scope ?? intent.subscriptionId ?? 'a subscription'}`;
    default:
      return intent.type;
  }
}

/** How it went, in words: per-VM outcomes and steps, or the error. */
export function effectDetail(result: FlowResult): string | undefined {
  if (result.kind !== 'message') return undefined;
  const view = result.view;
  const steps = (s: StepOutcome[] | undefined): string[] => (s ?? []).map((x) => `${x.step}: ${x.status}${x.detail ? ` (${x.detail})` : ''}`);
  switch (view.kind) {
    case 'protection-result':
      return [...steps(view.steps), ...view.outcomes.map((o) => `${o.vm.name}: ${o.ok ? o.text : `not protected (${o.code ?? 'error'}: ${o.text})`}`)].join('; ');
    case 'notice': {
      const code = view.facts?.find((f) => f.label === 'Error code')?.value;
      return [`${view.title}: ${view.text}`, ...(code ? [`code ${code}`] : []), ...steps(view.steps)].join('; ');
    }
    case 'job':
      return `Job ${view.job.jobName}: ${view.statusText}${view.notice ? `; ${view.notice.text}` : ''}`;
    case 'policy-detail':
      return view.headline;
    default:
      return undefined;
  }
}

function policyName(policy: Extract<Intent, { type: 'enable.confirm' }>['policy']): string {
  return policy.kind === 'default' ? 'DefaultPolicy' : policy.kind === 'existing' ? policy.name : `${policy.definition.name} (new)`;
}

const listOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',').map((x) => x.trim()).filter(Boolean));

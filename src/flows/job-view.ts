import type { BackupJob, RecoveryPoint } from '../domain/backup.types';
import type { JobContext } from './job-context';
import type { ButtonView, JobLineView, JobView, LinkView } from './views';
import {
  CANCEL_LABELS,
  cancelQuestion,
  durationWords,
  isFinalPhase,
  jobError,
  jobPhase,
  jobProblems,
  jobStatusWords,
  nextStepWords,
  operationWords,
  phaseTone,
  problemHeading,
  specificNextStep,
  WARNINGS_MEAN,
  when,
  whenDay,
} from './wording';

export interface JobViewOptions {
  now: Date;
  /** What Azure does not carry: the VM, the retain-until asked for, who asked. */
  context?: JobContext;
  /** True right after the bot triggered it: shown as queued. */
  justStarted?: boolean;
  /** Completed backups: the recovery point the job made, when known. */
  recoveryPoint?: RecoveryPoint;
  /** The VM's region, for the name of its restore point resource group in lock advice. */
  location?: string;
  /** Portal base URL (no trailing slash). */
  portalBaseUrl?: string;
  /** The cancel confirm step: the question, with "Cancel the job" and "Keep it running". */
  askCancel?: boolean;
  /** A line about the last request on this job (e.g. Azure refused to cancel it). */
  notice?: JobView['notice'];
}

/**
 * A BackupJob (+ context) as the job view. Pure: adapters and the job tracker call it again on
 * every poll and update the message in place.
 */
export function jobView(job: BackupJob, options: JobViewOptions): JobView {
  const ctx = options.context ?? {};
  const phase = jobPhase(job.status, options.justStarted);
  const final = isFinalPhase(phase);
  const vmName = ctx.vmName ?? job.entityFriendlyName;
  const key = { vaultId: job.vaultId, jobName: job.name };
  const error = jobError(job);
  const actions: ButtonView[] = [];
  const vmTarget = ctx.vmId ?? vmName;
  const asking = Boolean(options.askCancel) && !final && phase !== 'cancelling' && job.cancellable !== false;
  const question = cancelQuestion(job.operation, vmName);
  if (asking) {
    const carried = Object.keys(ctx).length ? { context: ctx } : {};
    actions.push({ label: CANCEL_LABELS.confirm, intent: { type: 'job.cancel', ...key, ...carried }, style: 'danger' });
    actions.push({ label: CANCEL_LABELS.deny, intent: { type: 'job.refresh', ...key, ...carried } });
  } else if (!final) {
    const carried = Object.keys(ctx).length ? { context: ctx } : {};
    actions.push({ label: 'Refresh', intent: { type: 'job.refresh', ...key, ...carried } });
    // Azure's actionsInfo has the last word on whether the job can still be cancelled.
    if (phase !== 'cancelling' && job.cancellable !== false) {
      actions.push({
        label: 'Cancel job',
        intent: { type: 'job.cancelAsk', ...key, ...carried },
        style: 'danger',
        confirm: { title: question.title, text: `${question.question} ${question.text}`, confirmLabel: CANCEL_LABELS.confirm, denyLabel: CANCEL_LABELS.deny, intent: { type: 'job.cancel', ...key, ...carried } },
      });
    }
  } else {
    if (phase === 'failed' || phase === 'cancelled') actions.push({ label: 'Try again', intent: { type: 'now.start', vm: vmTarget }, style: 'primary' });
    actions.push({ label: 'Status', intent: { type: 'status', target: vmTarget } });
  }
  const links: LinkView[] = [];
  if (options.portalBaseUrl) {
    const base = options.portalBaseUrl.replace(/\/+$/, '');
    links.push(ctx.vmId ? { label: 'Open in Azure portal', url: `${base}/#@/resource${ctx.vmId}/backup` } : { label: 'Open vault in Azure portal', url: `${base}/#@/resource${job.vaultId}/overview` });
  }
  const view: JobView = {
    kind: 'job',
    job: { ...key, operation: job.operation, vmName },
    phase,
    final,
    tone: phaseTone(phase),
    title: `${operationWords(job.operation)} of ${vmName}`,
    statusText: jobStatusWords(phase, job.durationMs, job.progressPercent),
    started: when(job.startTime, options.now),
    durationText: durationWords(job.durationMs),
    updated: when(options.now, options.now),
    actions,
    links,
  };
  if (job.endTime && final) view.ended = when(job.endTime, options.now);
  if (job.progressPercent !== undefined && !final) view.progressPercent = job.progressPercent;
  // A failed or cancelled backup made no recovery point: there is nothing kept until that date.
  if (ctx.retainUntil && phase !== 'failed' && phase !== 'cancelled') view.retainUntil = whenDay(new Date(ctx.retainUntil), options.now);
  if (ctx.requestedBy) view.requestedBy = ctx.requestedBy;
  if (options.recoveryPoint && (phase === 'completed' || phase === 'completed-with-warnings')) {
    const rp = options.recoveryPoint;
    view.recoveryPoint = { time: when(rp.time, options.now), type: rp.type, ...(rp.expiryTime ? { expires: whenDay(rp.expiryTime, options.now) } : {}) };
  }
  const where = { vmName, location: options.location ?? ctx.location };
  if (error && (phase === 'failed' || phase === 'completed-with-warnings')) {
    const nextStep = nextStepWords(error, where);
    view.error = { code: error.code, message: error.message, ...(nextStep ? { nextStep } : {}) };
  }
  const problems = jobProblems(job);
  if (problems.length > 0 && (phase === 'failed' || phase === 'completed-with-warnings')) {
    const tone = phase === 'failed' ? 'error' : 'warning';
    view.problems = problems.map((p, i) => {
      const nextStep = specificNextStep(p, where) ?? p.advice;
      return {
        tone,
        heading: problemHeading(tone, i, problems.length),
        code: p.code,
        message: p.message,
        recommendations: p.recommendations.filter((r) => r.trim().length > 0),
        ...(nextStep ? { nextStep } : {}),
      };
    });
  }
  if (view.problems && phase === 'completed-with-warnings') view.problemsIntro = WARNINGS_MEAN;
  if (asking) view.confirm = { question: question.question, text: question.text };
  if (options.notice) view.notice = options.notice;
  return view;
}

/** A job as a line of a list. */
export function jobLine(job: BackupJob, vaultName: string, now: Date): JobLineView {
  const phase = jobPhase(job.status);
  const error = jobError(job);
  const status = jobStatusWords(phase, job.durationMs, job.progressPercent);
  return {
    job: { vaultId: job.vaultId, jobName: job.name },
    vaultName,
    vmName: job.entityFriendlyName,
    operation: operationWords(job.operation),
    phase,
    tone: phaseTone(phase),
    statusText: error && phase === 'failed' ? `${status}: ${error.message}` : status,
    started: when(job.startTime, now),
    actions: [{ label: 'Status', intent: { type: 'status', target: job.entityFriendlyName } }],
  };
}

/** The recovery point a finished backup made: the first one at or after the job started. */
export function pointOfJob(job: BackupJob, points: RecoveryPoint[]): RecoveryPoint | undefined {
  const start = job.startTime.getTime();
  return points
    .filter((p) => p.time.getTime() >= start - 1000)
    .sort((a, b) => a.time.getTime() - b.time.getTime())[0];
}

/** A backup job (JobView) as one message that is updated in place while the job runs. */
import type { KnownBlock } from '@slack/types';
import type { JobPhase, JobProblemView, JobView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, context, escapeMrkdwn, factSections, section, truncate } from './block-kit';
import type { SlackMessage } from './slack-message';

const PHASE_EMOJI: Record<JobPhase, string> = {
  queued: ':hourglass:',
  'in-progress': ':hourglass_flowing_sand:',
  cancelling: ':double_vertical_bar:',
  completed: ':white_check_mark:',
  'completed-with-warnings': ':warning:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
};

const MAX_PROBLEMS = 8;

/** One error or warning: its code and message, Azure's recommended actions, and the bot's next step. */
function problemText(problem: JobProblemView): string {
  const lines = [`${TONE_EMOJI[problem.tone]} *${escapeMrkdwn(problem.heading)}: ${escapeMrkdwn(problem.code)}*`, escapeMrkdwn(problem.message)];
  if (problem.recommendations.length) {
    lines.push('*Azure recommends:*', ...problem.recommendations.map((r) => `• ${escapeMrkdwn(r)}`));
  }
  if (problem.nextStep) lines.push(`*What to do:* ${escapeMrkdwn(problem.nextStep)}`);
  return truncate(lines.join('\n'), LIMITS.sectionText);
}

export function jobStatusMessage(view: JobView): SlackMessage {
  const ids = new ActionIds();
  const facts = [
    { label: 'VM', value: view.job.vmName },
    { label: 'Started', value: view.started.text },
    { label: view.final ? 'Duration' : 'Running for', value: view.durationText },
  ];
  if (view.ended) facts.push({ label: 'Ended', value: view.ended.text });
  if (view.progressPercent !== undefined && !view.final) facts.push({ label: 'Progress', value: `${view.progressPercent}%` });
  if (view.retainUntil) facts.push({ label: 'Kept until', value: view.retainUntil.text });
  if (view.recoveryPoint) {
    facts.push({ label: 'Recovery point', value: `${view.recoveryPoint.time.text} (${view.recoveryPoint.type})` });
    if (view.recoveryPoint.expires) facts.push({ label: 'Expires', value: view.recoveryPoint.expires.text });
  }
  if (view.requestedBy) facts.push({ label: 'Requested by', value: view.requestedBy });

  const blocks: KnownBlock[] = [
    section(`${PHASE_EMOJI[view.phase]} *${escapeMrkdwn(view.title)}*\n${escapeMrkdwn(view.statusText)}`),
    ...factSections(facts),
  ];
  if (view.problems?.length) {
    if (view.problemsIntro) blocks.push(context([escapeMrkdwn(view.problemsIntro)]));
    // Each problem is its own section: Slack cuts a section at 3,000 characters, and a job lists
    // at most a handful of errorDetails; beyond 8 the message says how many more Azure gave.
    for (const problem of view.problems.slice(0, MAX_PROBLEMS)) blocks.push(section(problemText(problem)));
    if (view.problems.length > MAX_PROBLEMS) blocks.push(context([`…and ${view.problems.length - MAX_PROBLEMS} more in the Azure portal.`]));
  } else if (view.error) {
    const next = view.error.nextStep ? `\n*What to do:* ${escapeMrkdwn(view.error.nextStep)}` : '';
    blocks.push(section(`:x: *${escapeMrkdwn(view.error.code)}*: ${escapeMrkdwn(view.error.message)}${next}`));
  }
  if (view.notice) blocks.push(section(`${TONE_EMOJI[view.notice.tone]} ${escapeMrkdwn(view.notice.text)}`));
  if (view.confirm) blocks.push(section(`:question: *${escapeMrkdwn(view.confirm.question)}*\n${escapeMrkdwn(view.confirm.text)}`));
  blocks.push(...actionBlocks(view.actions, view.links, ids));
  blocks.push(context([`Updated ${escapeMrkdwn(view.updated.text)} · job \`${escapeMrkdwn(view.job.jobName)}\``]));
  return { text: `${view.title}: ${view.statusText}`, blocks };
}

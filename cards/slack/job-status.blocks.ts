/** A backup job (JobView) as one message that is updated in place while the job runs. */
import type { KnownBlock } from '@slack/types';
import type { JobPhase, JobView } from '../../src/flows/views';
import { ActionIds, actionBlocks, context, escapeMrkdwn, factSections, section } from './block-kit';
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
  if (view.error) {
    const next = view.error.nextStep ? `\n*What to do:* ${escapeMrkdwn(view.error.nextStep)}` : '';
    blocks.push(section(`:x: *${escapeMrkdwn(view.error.code)}*: ${escapeMrkdwn(view.error.message)}${next}`));
  }
  blocks.push(...actionBlocks(view.actions, view.links, ids));
  blocks.push(context([`Updated ${escapeMrkdwn(view.updated.text)} · job \`${escapeMrkdwn(view.job.jobName)}\``]));
  return { text: `${view.title}: ${view.statusText}`, blocks };
}

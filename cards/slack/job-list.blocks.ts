/** `backup jobs [running|failed|last 24h]`. */
import type { KnownBlock } from '@slack/types';
import type { JobListView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, header } from './block-kit';
import { jobLineBlock } from './job-line.blocks';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function jobListMessage(view: JobListView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [header(view.title), context([escapeMrkdwn(view.summaryText)])];
  const body: KnownBlock[] = view.jobs.map((j) => jobLineBlock(j, ids));
  const tail: KnownBlock[] = [];
  if (view.problems.length > 0) tail.push(context(view.problems.map((p) => `${TONE_EMOJI.warning} ${escapeMrkdwn(p)}`)));
  tail.push(...actionBlocks(view.actions, [], ids));
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${plural(n, 'more job', 'more jobs')}.`), ...tail];
  return { text: `${view.title}: ${view.summaryText}`, blocks };
}

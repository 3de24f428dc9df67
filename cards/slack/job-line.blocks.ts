/** A job as one line of a list, with its first button beside it. */
import type { SectionBlock } from '@slack/types';
import type { JobLineView } from '../../src/flows/views';
import { type ActionIds, TONE_EMOJI, escapeMrkdwn, intentButton } from './block-kit';

export function jobLineBlock(job: JobLineView, ids: ActionIds): SectionBlock {
  const first = job.actions[0];
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `${TONE_EMOJI[job.tone]} *${escapeMrkdwn(job.vmName)}* · ${escapeMrkdwn(job.operation)} · ${escapeMrkdwn(job.vaultName)}\n${escapeMrkdwn(job.statusText)} · started ${escapeMrkdwn(job.started.text)}`,
    },
    ...(first ? { accessory: intentButton(first, ids) } : {}),
  };
}

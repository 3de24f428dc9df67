/** A sentence for the person (NoticeView): not found, refused, an Azure failure, an error reference. */
import type { KnownBlock } from '@slack/types';
import type { NoticeView, StepOutcome } from '../../src/flows/views';
import { ActionIds, TONE_EMOJI, actionBlocks, context, escapeMrkdwn, factSections, section } from './block-kit';
import type { SlackMessage } from './slack-message';

const STEP_EMOJI: Record<StepOutcome['status'], string> = {
  done: ':white_check_mark:',
  failed: ':x:',
  skipped: ':heavy_minus_sign:',
};

/** "What was done and what was not", one line per step. */
export function stepLines(steps: StepOutcome[]): string {
  return steps
    .map((s) => `${STEP_EMOJI[s.status]} ${escapeMrkdwn(s.step)}${s.detail ? `: ${escapeMrkdwn(s.detail)}` : ''}`)
    .join('\n');
}

export function noticeMessage(view: NoticeView): SlackMessage {
  const ids = new ActionIds();
  const blocks: KnownBlock[] = [section(`${TONE_EMOJI[view.tone]} *${escapeMrkdwn(view.title)}*\n${escapeMrkdwn(view.text)}`)];
  if (view.facts && view.facts.length > 0) blocks.push(...factSections(view.facts));
  if (view.steps && view.steps.length > 0) blocks.push(section(stepLines(view.steps)));
  blocks.push(...actionBlocks(view.actions, view.links ?? [], ids));
  if (view.reference) blocks.push(context([`Reference for your operators: \`${escapeMrkdwn(view.reference)}\``]));
  return { text: `${view.title}: ${view.text}`, blocks };
}

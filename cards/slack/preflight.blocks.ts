/** `backup check <vm>`: one line per check, pass / warning / fail / not checked, with what to do and the source. */
import type { KnownBlock } from '@slack/types';
import { CHECK_OUTCOMES, type CheckLineView, type PreflightView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, header, section } from './block-kit';
import type { SlackMessage } from './slack-message';

function checkText(c: CheckLineView): string {
  const outcome = CHECK_OUTCOMES[c.outcome];
  const lines = [`${TONE_EMOJI[outcome.tone]} *${escapeMrkdwn(c.title)}* (${outcome.label.toLowerCase()}): ${escapeMrkdwn(c.text)}`];
  if (c.action && c.outcome !== 'pass') lines.push(`_What to do:_ ${escapeMrkdwn(c.action)}`);
  if (c.source) lines.push(`<${c.source.url}|${escapeMrkdwn(c.source.label)}>`);
  return lines.join('\n');
}

export function preflightMessage(view: PreflightView): SlackMessage {
  const ids = new ActionIds();
  const blocks: KnownBlock[] = [
    header(view.title),
    context([
      `${TONE_EMOJI[view.tone]} ${escapeMrkdwn(view.summary)}`,
      `${escapeMrkdwn(view.vm.location)} · ${escapeMrkdwn(view.vm.resourceGroup)} · ${escapeMrkdwn(view.vm.powerText)} · ${escapeMrkdwn(view.vm.agentText)}`,
    ]),
    ...view.checks.map((c) => section(checkText(c))),
    ...actionBlocks(view.actions, view.links, ids),
  ];
  const failed = view.checks.filter((c) => c.outcome === 'fail').map((c) => c.title);
  return {
    text: `${view.title}: ${view.summary}.${failed.length ? ` Failed: ${failed.join(', ')}.` : ''}`,
    blocks: capBlocks(blocks, LIMITS.messageBlocks, (n) => `${n} more checks not shown.`),
  };
}

/** `backup coverage` and the weekly coverage digest: one section per region with its Enable backup button. */
import type { KnownBlock } from '@slack/types';
import type { CoverageView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, header, intentButton, mrkdwn } from './block-kit';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function coverageMessage(view: CoverageView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [header(view.title), { type: 'section', text: mrkdwn(`${TONE_EMOJI[view.tone]} ${escapeMrkdwn(view.summaryText)}`) }];
  const body: KnownBlock[] = view.groups.flatMap((g): KnownBlock[] => [
    {
      type: 'section',
      text: mrkdwn(`*${escapeMrkdwn(g.title)}*\n${escapeMrkdwn(g.vaultText)}\n${escapeMrkdwn(g.vmsText)}`),
      accessory: intentButton(g.action, ids),
    },
    ...(g.capText ? [context([escapeMrkdwn(g.capText)])] : []),
  ]);
  const tail: KnownBlock[] = [];
  if (view.moreText) tail.push(context([escapeMrkdwn(view.moreText)]));
  if (view.problems.length > 0) tail.push(context(view.problems.slice(0, LIMITS.contextElements).map((p) => `${TONE_EMOJI.warning} ${escapeMrkdwn(p)}`)));
  tail.push(...actionBlocks(view.actions, [], ids));
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${plural(n, 'more block')} of regions: \`backup coverage rg <name>\` looks at one resource group.`), ...tail];
  return { text: `${view.title}: ${view.summaryText}`, blocks };
}

/** `backup vms [search]`: matching VMs with their protection and a button each. */
import type { KnownBlock } from '@slack/types';
import type { VmListView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, intentButton } from './block-kit';
import type { SlackMessage } from './slack-message';

export function vmListMessage(view: VmListView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [context([escapeMrkdwn(view.summaryText)])];
  const body: KnownBlock[] = view.vms.map((line) => {
    const first = line.actions[0];
    return {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(line.vm.name)}* · ${escapeMrkdwn(line.vm.resourceGroup)} · ${escapeMrkdwn(line.vm.location)} · ${escapeMrkdwn(line.powerText)}\n${TONE_EMOJI[line.protection.tone]} ${escapeMrkdwn(line.protection.text)}`,
      },
      ...(first ? { accessory: intentButton(first, ids) } : {}),
    };
  });
  const tail = actionBlocks(view.actions, [], ids);
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${n} more; narrow the search.`), ...tail];
  return { text: view.summaryText, blocks };
}

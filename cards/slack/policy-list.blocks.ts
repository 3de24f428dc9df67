/** `backup policy list`: the vault's policies in words. */
import type { KnownBlock } from '@slack/types';
import type { PolicyListView } from '../../src/flows/views';
import { ActionIds, LIMITS, actionBlocks, capBlocks, context, escapeMrkdwn, header, intentButton } from './block-kit';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function policyListMessage(view: PolicyListView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [header(`Policies of ${view.vault.name}`)];
  if (view.policies.length === 0) head.push(context(['No policy yet.']));
  const body: KnownBlock[] = view.policies.map((p) => {
    const first = p.actions[0];
    return {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(p.name)}*: ${escapeMrkdwn(p.text)}\nProtects ${plural(p.protectedItemsCount, 'item')}` },
      ...(first ? { accessory: intentButton(first, ids) } : {}),
    };
  });
  const tail = actionBlocks(view.actions, [], ids);
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${n} more policies.`), ...tail];
  return { text: `${plural(view.policies.length, 'policy', 'policies')} in ${view.vault.name}`, blocks };
}

/** `backup status <vault>`: replication, protected items, policies, running jobs, portal link. */
import type { KnownBlock } from '@slack/types';
import type { VaultStatusView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, factSections, header, intentButton, section } from './block-kit';
import { jobLineBlock } from './job-line.blocks';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function vaultStatusMessage(view: VaultStatusView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [
    header(view.vault.name),
    context([`${escapeMrkdwn(view.vault.location)} · ${escapeMrkdwn(view.vault.resourceGroup)} · ${escapeMrkdwn(view.itemsText)}`]),
    ...factSections([
      { label: 'Storage replication', value: view.redundancy.text },
      {
        label: 'Policies',
        value:
          view.policies.length === 0
            ? 'none'
            : view.policies.map((p) => `${p.name}: ${p.text} (${plural(p.protectedItemsCount, 'item')})`).join('\n'),
      },
    ]),
  ];
  const body: KnownBlock[] = [];
  for (const item of view.items) {
    const first = item.actions[0];
    body.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${TONE_EMOJI[item.protection.tone]} *${escapeMrkdwn(item.vm.name)}*: ${escapeMrkdwn(item.protection.text)}\nLast backup ${escapeMrkdwn(item.lastBackupText)}${item.policyName ? ` · policy ${escapeMrkdwn(item.policyName)}` : ''}`,
      },
      ...(first ? { accessory: intentButton(first, ids) } : {}),
    });
  }
  if (view.runningJobs.length > 0) {
    body.push(section('*Running jobs*'));
    for (const job of view.runningJobs) body.push(jobLineBlock(job, ids));
  }
  const tail = actionBlocks(view.actions, view.links, ids);
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${plural(n, 'more line', 'more lines')} not shown.`), ...tail];
  return { text: `Vault ${view.vault.name}: ${view.itemsText}. ${view.redundancy.text}.`, blocks };
}

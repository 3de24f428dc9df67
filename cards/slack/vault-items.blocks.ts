/** `backup items <vault>`: one page of a vault's backup items, each with its buttons. */
import type { KnownBlock } from '@slack/types';
import type { VaultItemsView } from '../../src/flows/views';
import { ActionIds, TONE_EMOJI, actionBlocks, context, escapeMrkdwn, header, section } from './block-kit';
import type { SlackMessage } from './slack-message';

export function vaultItemsMessage(view: VaultItemsView): SlackMessage {
  const ids = new ActionIds();
  const blocks: KnownBlock[] = [
    header(`Backup items of ${view.vault.name}`),
    context([`${escapeMrkdwn(view.vault.location)} · ${escapeMrkdwn(view.vault.resourceGroup)} · ${escapeMrkdwn(view.itemsText)} · ${escapeMrkdwn(view.pageText)}`]),
  ];
  // A page holds at most ITEMS_PAGE_SIZE items (two blocks each), within Slack's 50 blocks.
  for (const item of view.items) {
    blocks.push(
      section(
        [
          `${TONE_EMOJI[item.protection.tone]} *${escapeMrkdwn(item.vm.name)}*: ${escapeMrkdwn(item.protection.text)}${item.policyName ? ` · policy ${escapeMrkdwn(item.policyName)}` : ''}`,
          `${TONE_EMOJI[item.lastBackupTone]} Last backup: ${escapeMrkdwn(item.lastBackupText)}`,
          `:calendar: Next run: ${escapeMrkdwn(item.nextRunText)}`,
        ].join('\n'),
      ),
      ...actionBlocks(item.actions, [], ids),
    );
  }
  if (view.more > 0) blocks.push(context([`…and ${view.more} more: use Next page.`]));
  blocks.push(...actionBlocks(view.actions, view.links, ids));
  return { text: `Backup items of ${view.vault.name}: ${view.itemsText} (${view.pageText}).`, blocks };
}

/** `backup status` without a target: every vault in one line. */
import type { KnownBlock } from '@slack/types';
import type { VaultsOverviewView } from '../../src/flows/views';
import { ActionIds, LIMITS, TONE_EMOJI, actionBlocks, capBlocks, context, escapeMrkdwn, header, intentButton } from './block-kit';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function vaultsOverviewMessage(view: VaultsOverviewView): SlackMessage {
  const ids = new ActionIds();
  const head: KnownBlock[] = [header('Backup vaults')];
  if (view.vaults.length === 0) head.push(context(['No Recovery Services vault yet. `/backup vault` creates one.']));
  const body: KnownBlock[] = view.vaults.map((v) => {
    const first = v.actions[0];
    return {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(v.name)}* · ${escapeMrkdwn(v.location)} · ${escapeMrkdwn(v.resourceGroup)}\n${escapeMrkdwn(v.itemsText)}`,
      },
      ...(first ? { accessory: intentButton(first, ids) } : {}),
    };
  });
  const tail: KnownBlock[] = [];
  if (view.problems.length > 0) tail.push(context(view.problems.map((p) => `${TONE_EMOJI.warning} ${escapeMrkdwn(p)}`)));
  tail.push(...actionBlocks(view.actions, [], ids));
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(body, room, (n) => `…and ${plural(n, 'more vault', 'more vaults')}.`), ...tail];
  return { text: plural(view.vaults.length, 'backup vault'), blocks };
}

/**
 * After "Enable Backup" (one VM) or the vault path (several VMs): what was created, each VM's
 * state ("Warning (Initial backup pending)") with its "Backup now" button, and when the first
 * scheduled backup runs.
 */
import type { KnownBlock } from '@slack/types';
import type { ProtectionResultView } from '../../src/flows/views';
import {
  ActionIds,
  LIMITS,
  TONE_EMOJI,
  actionBlocks,
  capBlocks,
  escapeMrkdwn,
  factSections,
  intentButton,
  section,
} from './block-kit';
import { stepLines } from './notice.blocks';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function protectionResultMessage(view: ProtectionResultView): SlackMessage {
  const ids = new ActionIds();
  const facts = [{ label: 'Vault', value: `${view.vault.name} (${view.vault.location}, ${view.vault.resourceGroup})` }];
  if (view.policy) facts.push({ label: 'Policy', value: `${view.policy.name}: ${view.policy.text}` });
  if (view.redundancyText) facts.push({ label: 'Storage replication', value: view.redundancyText });
  if (view.firstScheduledBackup) facts.push({ label: 'First scheduled backup', value: view.firstScheduledBackup.text });

  const head: KnownBlock[] = [section(`${TONE_EMOJI[view.tone]} *${escapeMrkdwn(view.title)}*`), ...factSections(facts)];
  if (view.steps.length > 0) head.push(section(stepLines(view.steps)));

  const outcomes: KnownBlock[] = [];
  for (const o of view.outcomes) {
    const [first, ...rest] = o.actions;
    const code = !o.ok && o.code ? ` (\`${escapeMrkdwn(o.code)}\`)` : '';
    outcomes.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${TONE_EMOJI[o.tone]} *${escapeMrkdwn(o.vm.name)}*: ${escapeMrkdwn(o.text)}${code}` },
      ...(first ? { accessory: intentButton(first, ids) } : {}),
    });
    if (rest.length > 0) outcomes.push(...actionBlocks(rest, [], ids));
  }

  // The view never repeats a VM line's button at the foot (footActions in src/flows/protection-plan.ts).
  const tail: KnownBlock[] = [...actionBlocks(view.actions, view.links, ids)];
  const room = LIMITS.messageBlocks - head.length - tail.length;
  const blocks = [...head, ...capBlocks(outcomes, room, (n) => `…and ${plural(n, 'more VM result', 'more VM results')}; see \`/backup status ${escapeMrkdwn(view.vault.name)}\`.`), ...tail];

  const summary = view.outcomes.map((o) => `${o.vm.name}: ${o.text}`).join('; ');
  const fallback = [view.title, summary, view.firstScheduledBackup ? `First scheduled backup ${view.firstScheduledBackup.text}` : '']
    .filter((s) => s.length > 0)
    .join('. ');
  return { text: fallback, blocks };
}

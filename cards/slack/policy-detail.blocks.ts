/** `backup policy show <name>`: every rule of a policy in words. */
import type { KnownBlock } from '@slack/types';
import type { PolicyDetailView } from '../../src/flows/views';
import { ActionIds, actionBlocks, context, escapeMrkdwn, factSections, header, section } from './block-kit';
import type { SlackMessage } from './slack-message';
import { plural } from '../../src/flows/plural';

export function policyDetailMessage(view: PolicyDetailView): SlackMessage {
  const ids = new ActionIds();
  const p = view.policy;
  const facts = [
    { label: 'Schedule', value: p.scheduleText },
    { label: 'Protects', value: plural(p.protectedItemsCount, 'item') },
  ];
  if (p.instantRestoreText) facts.push({ label: 'Instant restore', value: p.instantRestoreText });
  const blocks: KnownBlock[] = [
    header(p.name),
    context([`Vault ${escapeMrkdwn(view.vault.name)} · ${escapeMrkdwn(view.vault.location)}`]),
    ...factSections(facts),
    section(`*Retention*\n${p.retentionLines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')}`),
    ...actionBlocks(view.actions, [], ids),
  ];
  return { text: `Policy ${p.name}: ${p.text}`, blocks };
}

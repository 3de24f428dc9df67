import type { ProtectionResultView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { card, facts, heading, lineActions, messageActions, stepLines, text, toned } from './card-parts';

/** After "Enable Backup": what was created, each VM's outcome, and when the first backup runs. */
export function protectionResultCard(view: ProtectionResultView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.title, view.tone),
    ...facts([
      { label: 'Vault', value: `${view.vault.name} (${view.vault.location}, ${view.vault.resourceGroup})` },
      ...(view.policy ? [{ label: 'Policy', value: `${view.policy.name}: ${view.policy.text}` }] : []),
      ...(view.redundancyText ? [{ label: 'Storage', value: view.redundancyText }] : []),
      ...(view.firstScheduledBackup ? [{ label: 'First scheduled backup', value: view.firstScheduledBackup.text }] : []),
    ]),
    ...stepLines(view.steps),
    ...view.outcomes.flatMap((o): CardElement[] => [
      text(`**${o.vm.name}**`, { spacing: 'medium' }),
      toned(o.code ? `${o.text} (${o.code})` : o.text, o.tone, { spacing: 'none' }),
      ...lineActions(o.actions),
    ]),
  ];
  return card(body, messageActions(view.actions, view.links), view.title);
}

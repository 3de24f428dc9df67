import type { PolicyDetailView, PolicyListView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { bullets, card, facts, heading, lineActions, messageActions, subtle, text } from './card-parts';
import { plural } from '../../src/flows/plural';

/** `backup policy list`. */
export function policyListCard(view: PolicyListView): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Policies of ${view.vault.name}`),
    subtle(`${view.vault.resourceGroup} · ${view.vault.location}`),
    ...view.policies.flatMap((p): CardElement[] => [
      text(`**${p.name}** · ${plural(p.protectedItemsCount, 'item')}`, { spacing: 'medium' }),
      text(p.text, { spacing: 'none', size: 'small' }),
      ...lineActions(p.actions),
    ]),
  ];
  return card(body, messageActions(view.actions), `Policies of ${view.vault.name}`);
}

/** `backup policy show <name>`: every rule in words. */
export function policyDetailCard(view: PolicyDetailView): AdaptiveCard {
  const { policy } = view;
  const body: CardElement[] = [
    heading(`Policy ${policy.name}`),
    subtle(`Vault ${view.vault.name} · ${plural(policy.protectedItemsCount, 'protected item')}`),
    ...facts([
      { label: 'Schedule', value: policy.scheduleText },
      ...(policy.instantRestoreText ? [{ label: 'Instant restore', value: policy.instantRestoreText }] : []),
    ]),
    text('**Retention**', { spacing: 'medium' }),
    ...bullets(policy.retentionLines),
  ];
  return card(body, messageActions(view.actions), `Policy ${policy.name}: ${policy.text}`);
}

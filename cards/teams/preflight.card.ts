/** `backup check <vm>` as an Adaptive Card: one toned line per check, what to do, and its source. */
import { CHECK_OUTCOMES, type CheckLineView, type PreflightView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { card, heading, messageActions, subtle, text, toned } from './card-parts';

function checkElements(c: CheckLineView): CardElement[] {
  const outcome = CHECK_OUTCOMES[c.outcome];
  return [
    toned(`${outcome.label} · ${c.title}`, outcome.tone, { weight: 'bolder', spacing: 'medium' }),
    text(c.text, { spacing: 'none' }),
    ...(c.action && c.outcome !== 'pass' ? [text(`What to do: ${c.action}`, { spacing: 'none', size: 'small' })] : []),
    ...(c.source ? [text(`[${c.source.label}](${c.source.url})`, { spacing: 'none', size: 'small', isSubtle: true })] : []),
  ];
}

export function preflightCard(view: PreflightView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.title, view.tone),
    subtle(`${view.vm.resourceGroup} · ${view.vm.location} · ${view.vm.powerText} · ${view.vm.agentText}`),
    toned(view.summary, view.tone),
    ...view.checks.flatMap(checkElements),
  ];
  return card(body, messageActions(view.actions, view.links), `${view.title}: ${view.summary}`);
}

/** `backup coverage` and the weekly coverage digest: one block per region with its Enable backup button. */
import type { CoverageView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { card, heading, lineActions, messageActions, subtle, text, toned } from './card-parts';

export function coverageCard(view: CoverageView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.title, view.tone),
    toned(view.summaryText, view.tone, { weight: 'bolder' }),
    ...view.groups.flatMap((g): CardElement[] => [
      text(`**${g.title}**`, { spacing: 'medium' }),
      text(g.vaultText, { spacing: 'none', size: 'small' }),
      text(g.vmsText, { spacing: 'none', size: 'small' }),
      ...(g.capText ? [subtle(g.capText)] : []),
      ...lineActions([g.action]),
    ]),
    ...(view.moreText ? [subtle(view.moreText)] : []),
    ...view.problems.map((p) => toned(p, 'warning')),
  ];
  return card(body, messageActions(view.actions), `${view.title}: ${view.summaryText}`);
}

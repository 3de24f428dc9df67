import type { NoticeView } from '../../src/flows/views';
import type { AdaptiveCard } from './adaptive-card.types';
import { card, facts, heading, messageActions, stepLines, subtle, toned } from './card-parts';

/** A sentence for the person: not found, already protected, an Azure failure with what was done. */
export function noticeCard(view: NoticeView): AdaptiveCard {
  return card(
    [
      heading(view.title, view.tone),
      toned(view.text, 'info'),
      ...facts(view.facts ?? []),
      ...stepLines(view.steps ?? []),
      ...(view.reference ? [subtle(`Reference: ${view.reference}`)] : []),
    ],
    messageActions(view.actions, view.links),
    `${view.title}. ${view.text}`,
  );
}

import type { JobView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement, Fact } from './adaptive-card.types';
import { TONE_STYLE, card, heading, messageActions, subtle, text, toned } from './card-parts';

/** One backup job; the same card is sent again (updateActivity) every time the job moves. */
export function jobCard(view: JobView): AdaptiveCard {
  const details: Fact[] = [
    { title: 'Started', value: view.started.text },
    ...(view.ended ? [{ title: 'Ended', value: view.ended.text }] : []),
    { title: 'Duration', value: view.durationText },
    ...(view.progressPercent !== undefined && !view.final ? [{ title: 'Progress', value: `${view.progressPercent}%` }] : []),
    ...(view.retainUntil ? [{ title: 'Kept until', value: view.retainUntil.text }] : []),
    ...(view.recoveryPoint
      ? [
          { title: 'Recovery point', value: `${view.recoveryPoint.time.text} (${view.recoveryPoint.type})` },
          ...(view.recoveryPoint.expires ? [{ title: 'Expires', value: view.recoveryPoint.expires.text }] : []),
        ]
      : []),
    ...(view.requestedBy ? [{ title: 'Requested by', value: view.requestedBy }] : []),
  ];
  const body: CardElement[] = [
    heading(view.title),
    {
      type: 'Container',
      style: TONE_STYLE[view.tone],
      items: [toned(view.statusText, view.tone, { weight: 'bolder' })],
    },
    { type: 'FactSet', facts: details },
    ...(view.error
      ? [
          toned(`${view.error.message} (${view.error.code})`, 'error'),
          ...(view.error.nextStep ? [text(view.error.nextStep)] : []),
        ]
      : []),
    subtle(view.final ? `Final status, ${view.updated.text}` : `Updates here as the job runs. Last checked ${view.updated.text}`),
  ];
  return card(body, messageActions(view.actions, view.links), `${view.title}: ${view.statusText}`);
}

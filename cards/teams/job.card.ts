import type { JobProblemView, JobView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement, Fact } from './adaptive-card.types';
import { TONE_STYLE, bullets, card, heading, messageActions, subtle, text, toned } from './card-parts';

const MAX_PROBLEMS = 8;

/** One error or warning: code and message, Azure's recommended actions, the bot's next step. */
function problemElements(problem: JobProblemView): CardElement[] {
  return [
    {
      type: 'Container',
      style: TONE_STYLE[problem.tone],
      spacing: 'medium',
      items: [
        toned(`**${problem.heading}: ${problem.code}**`, problem.tone),
        text(problem.message, { spacing: 'small' }),
        ...(problem.recommendations.length ? [text('**Azure recommends:**', { spacing: 'small' }), ...bullets(problem.recommendations)] : []),
        ...(problem.nextStep ? [text(`**What to do:** ${problem.nextStep}`, { spacing: 'small' })] : []),
      ],
    },
  ];
}

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
    ...(view.problems?.length
      ? [...(view.problemsIntro ? [subtle(view.problemsIntro)] : []), ...view.problems.slice(0, MAX_PROBLEMS).flatMap(problemElements)]
      : view.error
        ? [
            toned(`${view.error.message} (${view.error.code})`, 'error'),
            ...(view.error.nextStep ? [text(view.error.nextStep)] : []),
          ]
        : []),
    ...(view.problems && view.problems.length > MAX_PROBLEMS ? [subtle(`…and ${view.problems.length - MAX_PROBLEMS} more in the Azure portal.`)] : []),
    ...(view.notice ? [toned(view.notice.text, view.notice.tone, { weight: 'bolder' })] : []),
    // Adaptive Cards have no confirmation dialog: the confirm step is this card, with "Cancel the job" and "Keep it running".
    ...(view.confirm
      ? [{ type: 'Container' as const, style: 'warning' as const, items: [text(`**${view.confirm.question}**`), text(view.confirm.text, { spacing: 'small' })] }]
      : []),
    subtle(view.final ? `Final status, ${view.updated.text}` : `Updates here as the job runs. Last checked ${view.updated.text}`),
  ];
  return card(body, messageActions(view.actions, view.links), `${view.title}: ${view.statusText}`);
}

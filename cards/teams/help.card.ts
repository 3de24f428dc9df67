import type { HelpView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { actionSet, card, execute, heading, messageActions, subtle, text, toned } from './card-parts';

/** `backup help` and unknown commands: the problem, a did-you-mean button, and every command. */
export function helpCard(view: HelpView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.title),
    ...(view.problem ? [toned(view.problem, 'warning')] : []),
    ...(view.didYouMean
      ? [
          text(`Did you mean \`${view.didYouMean.command}\`?`),
          ...actionSet([execute({ label: view.didYouMean.command, intent: view.didYouMean.intent }, 'message')]),
        ]
      : []),
    ...view.commands.flatMap((c): CardElement[] => [
      text(`**${c.usage}**`, { spacing: 'medium' }),
      text(c.description, { spacing: 'none' }),
      ...(c.example ? [subtle(`Example: ${c.example}`)] : []),
    ]),
  ];
  return card(body, messageActions(view.actions), `${view.title}: type "backup help" to see the commands.`);
}

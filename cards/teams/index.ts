/**
 * Adaptive Card renderers for Microsoft Teams: pure functions from the flows' view models
 * (src/flows/views.ts) to Adaptive Card 1.5 JSON. Every button is an Action.Execute whose verb is
 * its intent's type and whose data carries the intent (card-parts.ts, ActionData).
 */
import type { FormView, MessageView, View } from '../../src/flows/views';
import type { AdaptiveCard } from './adaptive-card.types';
import { coverageCard } from './coverage.card';
import { formCard, type FormCardOptions } from './form.card';
import { helpCard } from './help.card';
import { jobCard } from './job.card';
import { jobListCard, vmListCard } from './list.card';
import { noticeCard } from './notice.card';
import { policyDetailCard, policyListCard } from './policy.card';
import { preflightCard } from './preflight.card';
import { protectionResultCard } from './protection-result.card';
import { vaultItemsCard, vaultStatusCard, vaultsOverviewCard, vmStatusCard } from './status.card';

export * from './adaptive-card.types';
export { ACTION_DATA_KEYS, type ActionData, type CardOrigin } from './card-parts';
export { formCard, SEARCH_VERB, MAX_STATIC_CHOICES, searchInputId, type FormCardOptions, type SearchActionData, type TextCheck } from './form.card';
export { coverageCard, preflightCard, helpCard, jobCard, jobListCard, vmListCard, noticeCard, policyDetailCard, policyListCard, protectionResultCard, vaultItemsCard, vaultStatusCard, vaultsOverviewCard, vmStatusCard };

type Renderers = { [K in MessageView['kind']]: (view: Extract<MessageView, { kind: K }>) => AdaptiveCard };

/** One renderer per message view kind: adding a view kind without a card fails to compile. */
const MESSAGE_CARDS: Renderers = {
  preflight: preflightCard,
  help: helpCard,
  notice: noticeCard,
  'protection-result': protectionResultCard,
  job: jobCard,
  'vm-status': vmStatusCard,
  'vault-status': vaultStatusCard,
  'vault-items': vaultItemsCard,
  'vaults-overview': vaultsOverviewCard,
  'vm-list': vmListCard,
  'job-list': jobListCard,
  'policy-list': policyListCard,
  'policy-detail': policyDetailCard,
  coverage: coverageCard,
};

/** Any view as an Adaptive Card. */
export function teamsCard(view: View, options: FormCardOptions = {}): AdaptiveCard {
  if (view.kind === 'form') return formCard(view as FormView, options);
  const render = MESSAGE_CARDS[view.kind] as (v: MessageView) => AdaptiveCard;
  return render(view);
}

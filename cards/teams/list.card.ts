import type { JobListView, VmListView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { card, heading, lineActions, messageActions, subtle, text, toned } from './card-parts';
import { jobLines } from './status.card';

/** `backup vms [search]`. */
export function vmListCard(view: VmListView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.query ? `VMs matching "${view.query}"` : 'Virtual machines'),
    subtle(view.summaryText),
    ...view.vms.flatMap((line): CardElement[] => [
      text(`**${line.vm.name}** · ${line.vm.resourceGroup} · ${line.vm.location} · ${line.powerText}`, { spacing: 'medium' }),
      toned(line.protection.text, line.protection.tone, { spacing: 'none', size: 'small' }),
      ...lineActions(line.actions),
    ]),
  ];
  return card(body, messageActions(view.actions), view.summaryText);
}

/** `backup jobs [filter]`. */
export function jobListCard(view: JobListView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.title),
    subtle(view.summaryText),
    ...jobLines(view.jobs, 'Jobs'),
    ...view.problems.map((p) => toned(p, 'warning')),
  ];
  return card(body, messageActions(view.actions), `${view.title}: ${view.summaryText}`);
}

import type { JobLineView, VaultItemsView, VaultStatusView, VaultsOverviewView, VmStatusView } from '../../src/flows/views';
import type { AdaptiveCard, CardElement } from './adaptive-card.types';
import { bullets, card, facts, heading, lineActions, messageActions, subtle, text, toned } from './card-parts';
import { plural } from '../../src/flows/plural';

export function jobLines(jobs: JobLineView[], title: string): CardElement[] {
  if (!jobs.length) return [];
  return [
    text(`**${title}**`, { spacing: 'medium' }),
    ...jobs.flatMap((j): CardElement[] => [
      text(`${j.vmName} · ${j.operation} · ${j.vaultName}`, { spacing: 'small' }),
      toned(j.statusText, j.tone, { spacing: 'none', size: 'small' }),
      ...lineActions(j.actions),
    ]),
  ];
}

/** `backup status <vm>`. */
export function vmStatusCard(view: VmStatusView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.vm.name),
    subtle(`${view.vm.resourceGroup} · ${view.vm.location} · ${view.vm.powerText} · ${view.vm.agentText}`),
    toned(view.protection.text, view.protection.tone, { weight: 'bolder' }),
    ...facts([
      ...(view.vault ? [{ label: 'Vault', value: view.vault.name }] : []),
      ...(view.policy ? [{ label: 'Policy', value: `${view.policy.name}: ${view.policy.text}` }] : []),
      { label: 'Last backup', value: view.lastBackup.text },
      { label: 'Recovery points', value: view.recoveryPoints.text },
      ...(view.nextScheduledBackup ? [{ label: 'Next scheduled backup', value: view.nextScheduledBackup.text }] : []),
    ]),
    ...jobLines(view.runningJobs, 'Running jobs'),
  ];
  return card(body, messageActions(view.actions, view.links), `${view.vm.name}: ${view.protection.text}`);
}

/** `backup status <vault>`. */
export function vaultStatusCard(view: VaultStatusView): AdaptiveCard {
  const body: CardElement[] = [
    heading(view.vault.name),
    subtle(`${view.vault.resourceGroup} · ${view.vault.location}`),
    ...facts([
      { label: 'Storage', value: view.redundancy.text },
      { label: 'Items', value: view.itemsText },
    ]),
    ...(view.items.length ? [text('**Protected items**', { spacing: 'medium' })] : []),
    ...view.items.flatMap((item): CardElement[] => [
      text(`${item.vm.name}${item.policyName ? ` · ${item.policyName}` : ''}`, { spacing: 'small' }),
      toned(`${item.protection.text} · ${item.lastBackupText}`, item.protection.tone, { spacing: 'none', size: 'small' }),
      ...lineActions(item.actions),
    ]),
    ...(view.policies.length ? [text('**Policies**', { spacing: 'medium' })] : []),
    ...bullets(view.policies.map((p) => `${p.name}: ${p.text} (${plural(p.protectedItemsCount, 'item')})`)),
    ...jobLines(view.runningJobs, 'Running jobs'),
  ];
  return card(body, messageActions(view.actions, view.links), `${view.vault.name}: ${view.itemsText}`);
}

/** `backup status`: every vault in one line. */
export function vaultsOverviewCard(view: VaultsOverviewView): AdaptiveCard {
  const body: CardElement[] = [
    heading('Recovery Services vaults'),
    ...(view.vaults.length ? [] : [text('No vaults yet.')]),
    ...view.vaults.flatMap((v): CardElement[] => [
      text(`**${v.name}** · ${v.location} · ${v.resourceGroup}`, { spacing: 'medium' }),
      text(v.itemsText, { spacing: 'none', size: 'small' }),
      ...lineActions(v.actions),
    ]),
    ...view.problems.map((p) => toned(p, 'warning')),
  ];
  return card(body, messageActions(view.actions), plural(view.vaults.length, 'vault'));
}

/** `backup items <vault>`: one page of a vault's backup items, each with its buttons. */
export function vaultItemsCard(view: VaultItemsView): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Backup items of ${view.vault.name}`),
    subtle(`${view.vault.resourceGroup} · ${view.vault.location} · ${view.itemsText} · ${view.pageText}`),
    ...view.items.flatMap((item): CardElement[] => [
      toned(`**${item.vm.name}**: ${item.protection.text}${item.policyName ? ` · policy ${item.policyName}` : ''}`, item.protection.tone, { spacing: 'medium' }),
      toned(`Last backup: ${item.lastBackupText}`, item.lastBackupTone, { spacing: 'none', size: 'small' }),
      text(`Next run: ${item.nextRunText}`, { spacing: 'none', size: 'small' }),
      ...lineActions(item.actions),
    ]),
    ...(view.more > 0 ? [subtle(`…and ${view.more} more: use Next page.`)] : []),
  ];
  return card(body, messageActions(view.actions, view.links), `Backup items of ${view.vault.name}: ${view.itemsText}`);
}

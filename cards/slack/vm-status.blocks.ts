/** `backup status <vm>`: protection, last backup, recovery points, running jobs, policy, portal link. */
import type { KnownBlock } from '@slack/types';
import type { VmStatusView } from '../../src/flows/views';
import { ActionIds, TONE_EMOJI, actionBlocks, context, escapeMrkdwn, factSections, header, section } from './block-kit';
import { jobLineBlock } from './job-line.blocks';
import type { SlackMessage } from './slack-message';

export function vmStatusMessage(view: VmStatusView): SlackMessage {
  const ids = new ActionIds();
  const facts = [
    { label: 'Protection', value: view.protection.text },
    { label: 'Last backup', value: view.lastBackup.text },
    { label: 'Recovery points', value: view.recoveryPoints.text },
  ];
  if (view.nextScheduledBackup) facts.push({ label: 'Next scheduled backup', value: view.nextScheduledBackup.text });
  if (view.vault) facts.push({ label: 'Vault', value: view.vault.name });
  if (view.policy) facts.push({ label: 'Policy', value: `${view.policy.name}: ${view.policy.text}` });

  const blocks: KnownBlock[] = [
    header(view.vm.name),
    context([
      `${TONE_EMOJI[view.protection.tone]} ${escapeMrkdwn(view.protection.text)}`,
      `${escapeMrkdwn(view.vm.location)} · ${escapeMrkdwn(view.vm.resourceGroup)} · ${escapeMrkdwn(view.vm.powerText)} · ${escapeMrkdwn(view.vm.agentText)}`,
    ]),
    ...factSections(facts),
  ];
  if (view.runningJobs.length > 0) {
    blocks.push(section('*Running jobs*'));
    for (const job of view.runningJobs.slice(0, 10)) blocks.push(jobLineBlock(job, ids));
  }
  blocks.push(...actionBlocks(view.actions, view.links, ids));
  return { text: `${view.vm.name}: ${view.protection.text}. Last backup ${view.lastBackup.text}.`, blocks };
}

/** `backup coverage [subscription <id>|rg <name>]`: the VMs of the scope that no vault protects. */
import type { CoverageVm } from '../domain/backup.types';
import { coverageReport } from '../domain/coverage.rule';
import { AzureError } from '../domain/errors';
import { coverageView } from './coverage-view';
import type { FlowContext } from './flow-context';
import { messageResult, notice } from './flow-results';
import type { CoverageIntent } from './intents';
import { subscriptionNames, subscriptionWords } from './subscription-names';
import type { FlowResult } from './views';
import { listWords } from './wording';

export async function coverage(ctx: FlowContext, intent: CoverageIntent): Promise<FlowResult> {
  const list = ctx.backup.listCoverage?.bind(ctx.backup);
  if (!list) {
    return messageResult(notice('error', 'Coverage cannot be read', 'This bot\'s connection to Azure cannot list VMs with their tags and protection, so coverage is not available here. Nothing was changed.'));
  }
  const subscriptions = ctx.backup.subscriptions();
  const names = await subscriptionNames(ctx);
  let wanted = subscriptions;
  let where = 'scope';
  if (intent.subscriptionId) {
    const match = subscriptions.find((s) => s.toLowerCase() === intent.subscriptionId!.toLowerCase());
    if (!match) {
      const seen = subscriptions.length ? `It sees ${listWords(subscriptions.map((s) => subscriptionWords(s, names)))}.` : 'It sees none.';
      return messageResult(notice('warning', 'Subscription not in scope', `Subscription ${intent.subscriptionId} is not one this channel sees, so there is no coverage to show for it. ${seen}`));
    }
    wanted = [match];
    where = `subscription ${subscriptionWords(match, names)}`;
  }
  const problems: string[] = [];
  const reads = await Promise.all(
    wanted.map(async (s): Promise<CoverageVm[]> => {
      try {
        return await list(s);
      } catch (err) {
        if (!(err instanceof AzureError)) throw err;
        problems.push(`Subscription ${subscriptionWords(s, names)} could not be read, so its VMs are not counted: ${err.message}`);
        return [];
      }
    }),
  );
  let vms = reads.flat();
  if (intent.resourceGroup) {
    const rg = intent.resourceGroup.toLowerCase();
    vms = vms.filter((vm) => vm.resourceGroup.toLowerCase() === rg);
    where = `resource group ${vms[0]?.resourceGroup ?? intent.resourceGroup}`;
    if (vms.length === 0 && problems.length === 0) {
      return messageResult(
        notice('info', 'No VMs there', `No VM of this channel's scope is in resource group ${intent.resourceGroup}: the group does not exist, holds no VMs, or is outside what this channel is bound to. \`backup coverage\` looks at the whole scope.`),
      );
    }
  }
  const vaults = await ctx.backup.listVaults();
  const report = coverageReport(vms, vaults, ctx.excludeTag);
  return messageResult(coverageView({ report, exclude: ctx.excludeTag, where, subscriptionNames: names, problems }));
}

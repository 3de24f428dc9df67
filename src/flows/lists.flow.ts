/** `backup vms [search]` and `backup jobs [running|failed|last 24h]`. */
import type { BackupJob, JobQuery } from '../domain/backup.types';
import { AzureError } from '../domain/errors';
import type { JobFilter, JobsListIntent, VmsListIntent } from './intents';
import type { FlowContext } from './flow-context';
import { messageResult } from './flow-results';
import { vmRef } from './resource-links';
import { jobLine } from './job-view';
import type { ButtonView, FlowResult, JobListView, VmListView } from './views';
import { plural, powerWords, protectionWords } from './wording';

/** Lines a list shows at most (chat messages stay readable; refine the search for more). */
export const LIST_LIMIT = 20;
const DAY = 24 * 60 * 60 * 1000;

export async function vmsList(ctx: FlowContext, intent: VmsListIntent): Promise<FlowResult> {
  await ctx.inventory.ready();
  const query = intent.query?.trim() ?? '';
  const found = ctx.inventory.search(query, { limit: LIST_LIMIT });
  const all = ctx.inventory.size();
  const shown = found.matches.length;
  const summaryText = query
    ? found.total === 0
      ? `No VM matches "${query}" (searched ${plural(all, 'VM')}).`
      : `${found.total} of ${plural(all, 'VM')} match "${query}"${shown < found.total ? `; showing the best ${shown}` : ''}.`
    : `${plural(all, 'VM')}${shown < all ? `; showing ${shown} (add a search to narrow down)` : ''}.`;
  const view: VmListView = {
    kind: 'vm-list',
    ...(query ? { query } : {}),
    summaryText,
    total: found.total,
    vms: found.matches.map((e) => {
      const protection = protectionWords(e.protection?.state);
      const actions: ButtonView[] = protection.protected
        ? [
            { label: 'Status', intent: { type: 'status', target: e.vm.id } },
            { label: 'Backup now', intent: { type: 'now.start', vm: e.vm.id } },
          ]
        : [{ label: 'Enable backup', intent: { type: 'enable.start', vm: e.vm.id } }];
      return { vm: vmRef(e.vm), powerText: powerWords(e.vm.powerState), protection, actions };
    }),
    actions: [{ label: 'Protect a VM', intent: { type: 'enable.start' }, style: 'primary' }],
  };
  return messageResult(view);
}

const TITLES: Record<JobFilter, string> = {
  running: 'Running backup jobs',
  failed: 'Failed backup jobs, last 7 days',
  last24h: 'Backup jobs, last 24 hours',
};

function queryFor(filter: JobFilter, now: Date): JobQuery {
  if (filter === 'running') return { status: 'InProgress' };
  if (filter === 'failed') return { status: 'Failed', since: new Date(now.getTime() - 7 * DAY) };
  return { since: new Date(now.getTime() - DAY) };
}

export async function jobsList(ctx: FlowContext, intent: JobsListIntent): Promise<FlowResult> {
  const filter = intent.filter ?? 'last24h';
  const now = ctx.now();
  const vaults = await ctx.backup.listVaults();
  const problems: string[] = [];
  const jobs: { job: BackupJob; vaultName: string }[] = [];
  for (const v of vaults) {
    try {
      for (const job of await ctx.backup.listJobs(v.id, queryFor(filter, now))) jobs.push({ job, vaultName: v.name });
    } catch (err) {
      if (!(err instanceof AzureError)) throw err;
      problems.push(`Jobs of ${v.name} could not be read: ${err.message}`);
    }
  }
  jobs.sort((a, b) => b.job.startTime.getTime() - a.job.startTime.getTime());
  const shown = jobs.slice(0, LIST_LIMIT);
  const view: JobListView = {
    kind: 'job-list',
    filter,
    title: TITLES[filter],
    summaryText:
      jobs.length === 0
        ? `No ${filter === 'running' ? 'running' : filter === 'failed' ? 'failed' : ''} jobs, ${plural(vaults.length, 'vault')} searched.`.replace('No  jobs', 'No jobs')
        : `${plural(jobs.length, 'job')}, ${plural(vaults.length, 'vault')} searched${shown.length < jobs.length ? `; showing the latest ${shown.length}` : ''}.`,
    jobs: shown.map((j) => jobLine(j.job, j.vaultName, now)),
    problems,
    actions: (['running', 'failed', 'last24h'] as JobFilter[])
      .filter((f) => f !== filter)
      .map((f) => ({ label: f === 'last24h' ? 'Last 24 hours' : f === 'running' ? 'Running' : 'Failed', intent: { type: 'jobs.list', filter: f } })),
  };
  return messageResult(view);
}

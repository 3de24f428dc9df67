/**
 * The coverage answer as a view: the same for `backup coverage` and the weekly digest. Pure.
 */
import type { CoverageGap, CoverageReport } from '../domain/coverage.rule';
import { excludeTagWords, type ExcludeTag } from '../domain/exclude-tag.rule';
import { isAre, plural } from './plural';
import { PRESELECT_MAX } from './intent-registry';
import type { Intent } from './intents';
import { subscriptionWords } from './subscription-names';
import type { CoverageGroupView, CoverageView } from './views';
import { listWords } from './wording';

/** Groups a message shows (Slack: 50 blocks; each group takes two). */
export const COVERAGE_MAX_GROUPS = 15;
/** VM names a group lists before "and N more". */
const NAMES_SHOWN = 8;
/** Under Slack's 2,000 characters for a button's value, with room for the JSON around the intent. */
const BUTTON_VALUE_BUDGET = 1_900;

export interface CoverageViewInput {
  report: CoverageReport;
  exclude: ExcludeTag;
  /** "scope", "resource group rg-web", "subscription Contoso (3c1a…)": what was looked at. */
  where: string;
  subscriptionNames: Record<string, string>;
  problems: string[];
  /** The weekly digest: its title says so. */
  digest?: boolean;
}

/**
 * The vault path's first step for a group, with as many of its VMs preselected as the button can
 * carry (at most PRESELECT_MAX, and never past the button's size): an existing vault goes to the
 * vault picker's answer, a new one to the new-vault form's, so every check of the path still runs.
 */
export function enableIntent(gap: CoverageGap): { intent: Intent; preselected: number } {
  const ids: string[] = [];
  const build = (preselect: string[]): Intent =>
    gap.vault.kind === 'existing'
      ? { type: 'vault.choose', values: { vault: gap.vault.vault.id }, preselect }
      : {
          type: 'vault.define',
          values: { subscriptionId: gap.subscriptionId, resourceGroup: gap.vault.resourceGroup, location: gap.location, vaultName: gap.vault.name },
          preselect,
        };
  for (const vm of gap.vms) {
    if (ids.length >= PRESELECT_MAX || JSON.stringify(build([...ids, vm.id])).length > BUTTON_VALUE_BUDGET) break;
    ids.push(vm.id);
  }
  return { intent: build(ids), preselected: ids.length };
}

function groupView(gap: CoverageGap, input: CoverageViewInput, manySubscriptions: boolean): CoverageGroupView {
  const n = gap.vms.length;
  const names = gap.vms.slice(0, NAMES_SHOWN).map((vm) => vm.name);
  const more = n - names.length;
  const { intent, preselected } = enableIntent(gap);
  const vault = gap.vault;
  const vaultText =
    vault.kind === 'existing'
      ? `Vault ${vault.vault.name} (resource group ${vault.vault.resourceGroup}) would protect ${n === 1 ? 'it' : 'them'}: ${vault.protects > 0 ? `it already protects ${plural(vault.protects, 'VM')} here` : 'it protects no VM here yet'}.`
      : `No vault in ${gap.location}${manySubscriptions ? ' in this subscription' : ''} yet: Enable backup offers a new vault ${vault.name} in resource group ${vault.resourceGroup}.`;
  return {
    title: `${gap.location}: ${plural(n, 'unprotected VM')}${manySubscriptions ? ` · subscription ${subscriptionWords(gap.subscriptionId, input.subscriptionNames)}` : ''}`,
    location: gap.location,
    subscriptionId: gap.subscriptionId,
    count: n,
    vaultText,
    vmsText: more > 0 ? `${names.join(', ')} and ${more} more` : listWords(names),
    ...(preselected < n
      ? { capText: `Enable backup preselects ${preselected} of these ${n} VMs (a button carries no more); the form lists the others of ${gap.location} to add.` }
      : {}),
    action: { label: n === 1 ? 'Enable backup' : `Enable backup (${preselected === n ? n : `${preselected} of ${n}`})`, intent, style: 'primary' },
  };
}

/** The summary sentence: the gap, or why there is none ("All 240 VMs in scope are protected; 3 excluded by tag backup=exclude"). */
export function coverageSummary(report: CoverageReport, where: string, exclude: ExcludeTag): string {
  const gaps = report.gaps.reduce((sum, g) => sum + g.vms.length, 0);
  const extras: string[] = [];
  if (report.excluded > 0) extras.push(`${plural(report.excluded, 'VM')} excluded by tag ${excludeTagWords(exclude)}`);
  if (report.stopped > 0) extras.push(`${plural(report.stopped, 'VM')} with protection stopped (recovery points kept, no new backups)`);
  const tail = extras.length ? `; ${extras.join('; ')}` : '';
  if (report.total === 0) return `There are no VMs in ${where}, so nothing to protect.`;
  if (gaps === 0) {
    if (report.protected === 0) return `No VM in ${where} needs a vault: all ${plural(report.excluded, 'VM')} ${isAre(report.excluded)} excluded by tag ${excludeTagWords(exclude)}.`;
    const all = report.protected === 1 ? 'The only protected VM' : `All ${plural(report.protected, 'VM')}`;
    return `${all} in ${where} ${report.protected === 1 ? 'is' : 'are'} protected by a vault${tail}.`;
  }
  return `${plural(gaps, 'VM')} of ${report.total} in ${where} ${isAre(gaps)} not protected by any vault${tail}.`;
}

export function coverageView(input: CoverageViewInput): CoverageView {
  const { report } = input;
  const manySubscriptions = new Set(report.gaps.map((g) => g.subscriptionId.toLowerCase())).size > 1;
  const shown = report.gaps.slice(0, COVERAGE_MAX_GROUPS);
  const hidden = report.gaps.slice(COVERAGE_MAX_GROUPS);
  const gaps = report.gaps.length > 0;
  return {
    kind: 'coverage',
    tone: input.problems.length > 0 ? 'warning' : gaps ? 'warning' : 'success',
    title: input.digest ? 'Weekly backup coverage' : 'Backup coverage',
    summaryText: coverageSummary(report, input.where, input.exclude),
    groups: shown.map((g) => groupView(g, input, manySubscriptions)),
    ...(hidden.length > 0
      ? {
          moreText: `…and ${plural(hidden.length, 'more region')} with ${plural(hidden.reduce((s, g) => s + g.vms.length, 0), 'unprotected VM')} (${listWords(hidden.slice(0, 5).map((g) => g.location))}${hidden.length > 5 ? ', …' : ''}): \`backup coverage rg <name>\` looks at one resource group.`,
        }
      : {}),
    problems: input.problems,
    actions: [],
  };
}

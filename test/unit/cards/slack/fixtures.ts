/**
 * View models for the Block Kit renderer tests: one realistic example of every message kind and
 * form, plus oversized ones (long texts, many items, many options) that push Slack's limits.
 * Hand-written on purpose: the goldens change only when the renderers do.
 */
import type { ButtonView, FormView, JobLineView, MessageView, OptionView, PolicySummary, VaultRef, VmRef } from '../../../../src/flows/views';
import { POLICY_FIELDS as F } from '../../../../src/flows/views';
import { coverageFixture } from '../teams/view-fixtures';

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
export const vmId = (rg: string, name: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
export const vaultId = (name: string): string => `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/${name}`;

const vm: VmRef = { id: vmId('rg-web-prod', 'web-01'), name: 'web-01', resourceGroup: 'rg-web-prod', location: 'westeurope', subscriptionId: SUB };
const vault: VaultRef = { id: vaultId('rsv-prod-weu'), name: 'rsv-prod-weu', resourceGroup: 'rg-backup', location: 'westeurope', subscriptionId: SUB };
const policy: PolicySummary = { name: 'DefaultPolicy', scheduleText: 'Daily at 19:00 UTC', retentionText: 'kept 30 days', text: 'Daily at 19:00 UTC, kept 30 days' };
const when = (at: string, text: string) => ({ at, text });
const portal = (id: string) => ({ label: 'Open in Azure portal', url: `https://portal.azure.com/#@/resource${id}/backup` });
const backupNow = (id: string): ButtonView => ({ label: 'Backup now', intent: { type: 'now.start', vm: id }, style: 'primary' });
const status = (target: string): ButtonView => ({ label: 'Status', intent: { type: 'status', target } });
const JOB = { vaultId: vault.id, jobName: '6f1c2d3e-0000-4000-8000-00000000abcd' };

const jobLine = (i: number): JobLineView => ({
  job: { vaultId: vault.id, jobName: `job-${i}` },
  vaultName: vault.name,
  vmName: `web-${String(i).padStart(2, '0')}`,
  operation: 'Backup',
  phase: 'in-progress',
  tone: 'info',
  statusText: 'In progress for 5 min',
  started: when('2026-11-25T00:10:00Z', 'Wed 25 Nov, 00:10 UTC (5 min ago)'),
  actions: [{ label: 'Refresh', intent: { type: 'job.refresh', ...JOB, jobName: `job-${i}` } }],
});

/** One example of every message kind, plus oversized ones. */
export const MESSAGES: Record<string, MessageView> = {
  'job-queued': {
    kind: 'job',
    job: { ...JOB, operation: 'Backup', vmName: 'web-01' },
    phase: 'queued',
    final: false,
    tone: 'info',
    title: 'Backup of web-01',
    statusText: 'Queued',
    started: when('2026-11-25T00:10:00Z', 'Wed 25 Nov, 00:10 UTC (just now)'),
    durationText: '0 s',
    retainUntil: when('2026-12-25T23:59:59Z', '25 Dec 2026'),
    requestedBy: 'ops.person',
    updated: when('2026-11-25T00:10:00Z', '00:10 UTC'),
    actions: [
      { label: 'Refresh', intent: { type: 'job.refresh', ...JOB } },
      { label: 'Cancel job', intent: { type: 'job.cancel', ...JOB }, style: 'danger' },
    ],
    links: [portal(vm.id)],
  },
  'job-completed': {
    kind: 'job',
    job: { ...JOB, operation: 'Backup', vmName: 'web-01' },
    phase: 'completed',
    final: true,
    tone: 'success',
    title: 'Backup of web-01',
    statusText: 'Completed in 14 min',
    started: when('2026-11-25T00:10:00Z', 'Wed 25 Nov, 00:10 UTC'),
    ended: when('2026-11-25T00:24:00Z', 'Wed 25 Nov, 00:24 UTC'),
    durationText: '14 min',
    recoveryPoint: { time: when('2026-11-25T00:12:00Z', 'Wed 25 Nov, 00:12 UTC'), type: 'AppConsistent', expires: when('2026-12-25T23:59:59Z', '25 Dec 2026') },
    retainUntil: when('2026-12-25T23:59:59Z', '25 Dec 2026'),
    updated: when('2026-11-25T00:25:00Z', '00:25 UTC'),
    actions: [status(vm.id)],
    links: [portal(vm.id)],
  },
  'job-failed': {
    kind: 'job',
    job: { ...JOB, operation: 'Backup', vmName: 'web-01' },
    phase: 'failed',
    final: true,
    tone: 'error',
    title: 'Backup of web-01',
    statusText: 'Failed after 3 min',
    started: when('2026-11-25T00:10:00Z', 'Wed 25 Nov, 00:10 UTC'),
    ended: when('2026-11-25T00:13:00Z', 'Wed 25 Nov, 00:13 UTC'),
    durationText: '3 min',
    error: {
      code: 'UserErrorRestorePointCollectionLocked',
      message: 'A lock on resource group AzureBackupRG_westeurope_1 stops Azure Backup from cleaning up restore points.',
      nextStep: 'Remove the lock on AzureBackupRG_westeurope_1, then run Backup now again.',
    },
    updated: when('2026-11-25T00:14:00Z', '00:14 UTC'),
    actions: [backupNow(vm.id), status(vm.id)],
    links: [portal(vm.id)],
  },
  notice: {
    kind: 'notice',
    tone: 'error',
    title: 'Backup was not enabled',
    text: 'Azure refused to protect legacy-01: its VM agent is not installed. Nothing was created.',
    facts: [{ label: 'VM', value: 'legacy-01' }],
    steps: [
      { step: 'Create vault rsv-new', status: 'done' },
      { step: 'Enable protection for legacy-01', status: 'failed', detail: 'VM agent missing' },
      { step: 'Backup now', status: 'skipped' },
    ],
    reference: 'a1b2c3d4',
    actions: [status(vmId('rg-infra', 'legacy-01'))],
    links: [portal(vmId('rg-infra', 'legacy-01'))],
  },
  'protection-result': {
    kind: 'protection-result',
    tone: 'success',
    title: 'Backup enabled for web-02',
    vault,
    policy,
    redundancyText: 'Geo-redundant (GRS)',
    steps: [{ step: 'Enable protection for web-02 with policy DefaultPolicy', status: 'done' }],
    outcomes: [{ vm: { id: vmId('rg-web-prod', 'web-02'), name: 'web-02' }, ok: true, text: 'Warning (Initial backup pending)', tone: 'warning', actions: [backupNow(vmId('rg-web-prod', 'web-02')), status(vmId('rg-web-prod', 'web-02'))] }],
    firstScheduledBackup: when('2026-11-25T19:00:00Z', 'Wed 25 Nov, 19:00 UTC (in 19 hours)'),
    // The flow leaves out of the foot what a VM's line shows already (footActions).
    actions: [],
    links: [portal(vmId('rg-web-prod', 'web-02'))],
  },
  'protection-result-partial': {
    kind: 'protection-result',
    tone: 'warning',
    title: 'Backup enabled for 2 of 3 VMs',
    vault,
    policy,
    steps: [
      { step: 'Create policy weekly-sunday', status: 'done' },
      { step: 'Enable protection for 3 VMs', status: 'done' },
    ],
    outcomes: [
      { vm: { id: vmId('rg-web-prod', 'web-03'), name: 'web-03' }, ok: true, text: 'Warning (Initial backup pending)', tone: 'warning', actions: [backupNow(vmId('rg-web-prod', 'web-03')), status(vmId('rg-web-prod', 'web-03'))] },
      { vm: { id: vmId('rg-web-prod', 'lb-01'), name: 'lb-01' }, ok: true, text: 'Warning (Initial backup pending)', tone: 'warning', actions: [backupNow(vmId('rg-web-prod', 'lb-01'))] },
      { vm: { id: vmId('rg-app-prod', 'app-01'), name: 'app-01' }, ok: false, text: 'app-01 is in northeurope; the vault serves westeurope only.', tone: 'error', code: 'VM_OTHER_REGION', actions: [] },
    ],
    firstScheduledBackup: when('2026-11-29T02:00:00Z', 'Sun 29 Nov, 02:00 UTC (in 4 days)'),
    actions: [],
    links: [{ label: 'Open vault in Azure portal', url: `https://portal.azure.com/#@/resource${vault.id}/overview` }],
  },
  'vm-status': {
    kind: 'vm-status',
    vm: { ...vm, powerText: 'Running', agentText: 'agent ready' },
    protection: { text: 'Protected', tone: 'success', protected: true },
    vault,
    policy,
    lastBackup: { status: 'Healthy', text: 'Healthy, 5 hours ago', at: '2026-11-24T19:00:00Z' },
    recoveryPoints: { count: 5, latest: when('2026-11-24T19:05:00Z', 'Tue 24 Nov, 19:05 UTC'), text: '5, latest Tue 24 Nov, 19:05 UTC' },
    runningJobs: [jobLine(1)],
    nextScheduledBackup: when('2026-11-25T19:00:00Z', 'Wed 25 Nov, 19:00 UTC (in 19 hours)'),
    actions: [backupNow(vm.id)],
    links: [portal(vm.id)],
  },
  'vault-status': {
    kind: 'vault-status',
    vault,
    redundancy: { value: 'GeoRedundant', text: 'Geo-redundant (GRS), locked: the vault protects items', locked: true },
    items: [
      { vm: { id: vm.id, name: 'web-01' }, protection: { text: 'Protected', tone: 'success', protected: true }, lastBackupText: 'Healthy, 5 hours ago', policyName: 'DefaultPolicy', actions: [backupNow(vm.id)] },
      { vm: { id: vmId('rg-web-prod', 'web-02'), name: 'web-02' }, protection: { text: 'Warning (Initial backup pending)', tone: 'warning', protected: true }, lastBackupText: 'never', policyName: 'DefaultPolicy', actions: [backupNow(vmId('rg-web-prod', 'web-02'))] },
    ],
    itemsText: '2 protected, 1 initial backup pending',
    policies: [{ ...policy, protectedItemsCount: 2 }],
    runningJobs: [],
    actions: [{ label: 'Protect more VMs', intent: { type: 'vault.start' } }],
    links: [{ label: 'Open vault in Azure portal', url: `https://portal.azure.com/#@/resource${vault.id}/overview` }],
  },
  'vaults-overview': {
    kind: 'vaults-overview',
    vaults: [
      { ...vault, itemsText: '2 protected', actions: [status(vault.id)] },
      { ...vault, id: vaultId('rsv-prod-neu'), name: 'rsv-prod-neu', location: 'northeurope', itemsText: 'nothing protected', actions: [status(vaultId('rsv-prod-neu'))] },
    ],
    problems: ['rsv-prod-eus could not be read: Azure answered 503; try again.'],
    actions: [{ label: 'Create a vault', intent: { type: 'vault.start' } }],
  },
  'vm-list': {
    kind: 'vm-list',
    query: 'web',
    summaryText: '2 of 35 VMs match web',
    total: 2,
    vms: [
      { vm, powerText: 'Running', protection: { text: 'Protected', tone: 'success', protected: true }, actions: [status(vm.id)] },
      { vm: { ...vm, id: vmId('rg-web-prod', 'web-02'), name: 'web-02' }, powerText: 'Running', protection: { text: 'Not protected', tone: 'warning', protected: false }, actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: vmId('rg-web-prod', 'web-02') }, style: 'primary' }] },
    ],
    actions: [],
  },
  'job-list': {
    kind: 'job-list',
    filter: 'running',
    title: 'Running backup jobs',
    summaryText: '2 running',
    jobs: [jobLine(1), jobLine(2)],
    problems: [],
    actions: [{ label: 'Failed jobs', intent: { type: 'jobs.list', filter: 'failed' } }],
  },
  'policy-list': {
    kind: 'policy-list',
    vault,
    policies: [
      { ...policy, protectedItemsCount: 2, actions: [{ label: 'Details', intent: { type: 'policy.show', name: 'DefaultPolicy', vault: vault.id } }] },
      { name: 'weekly-sunday', scheduleText: 'Weekly on Sunday at 02:00 UTC', retentionText: 'kept 8 weeks', text: 'Weekly on Sunday at 02:00 UTC, kept 8 weeks', protectedItemsCount: 1, actions: [{ label: 'Details', intent: { type: 'policy.show', name: 'weekly-sunday', vault: vault.id } }] },
    ],
    actions: [{ label: 'New policy', intent: { type: 'policy.create', vault: vault.id } }],
  },
  'policy-detail': {
    kind: 'policy-detail',
    vault,
    policy: { ...policy, retentionLines: ['Daily points: kept 30 days', 'Weekly (Sunday): kept 12 weeks'], instantRestoreText: 'Snapshots kept 2 days', protectedItemsCount: 2 },
    actions: [{ label: 'Policies', intent: { type: 'policy.list', vault: vault.id } }],
  },
  // The same view as the Teams card tests, with a subscription that could not be read.
  coverage: { ...coverageFixture, problems: ['Subscription Dev/Test (00000000-0000-0000-0000-000000000002) could not be read, so its VMs are not counted: Azure refused the request.'] },
  help: {
    kind: 'help',
    title: 'Azure Backup commands',
    problem: 'Unknown command `enabel`.',
    didYouMean: { command: '/backup enable', intent: { type: 'help', topic: 'enable' } },
    commands: [
      { usage: 'backup enable [vm]', description: 'Protect a VM', example: 'backup enable web-01' },
      { usage: 'backup vault', description: 'Protect several VMs from a vault' },
      { usage: 'backup now <vm>', description: 'Back up a protected VM now' },
      { usage: 'backup status [vm|vault]', description: 'Protection, last backup, recovery points' },
    ],
    actions: [{ label: 'Enable backup', intent: { type: 'enable.start' }, style: 'primary' }],
  },
};

// ---- oversized: what a renderer must cut to stay within Slack's limits -------------------------------

const long = (n: number): string => 'x'.repeat(n);

MESSAGES['vm-list-200'] = {
  kind: 'vm-list',
  summaryText: '200 of 2,000 VMs match web',
  total: 200,
  vms: Array.from({ length: 200 }, (_, i) => ({
    vm: { ...vm, id: vmId('rg-web-prod', `web-${i}`), name: `web-${i}` },
    powerText: 'Running',
    protection: { text: 'Not protected', tone: 'warning' as const, protected: false },
    actions: [{ label: 'Enable backup', intent: { type: 'enable.start' as const, vm: vmId('rg-web-prod', `web-${i}`) } }],
  })),
  actions: [{ label: 'More', intent: { type: 'vms.list', query: 'web' } }],
};
MESSAGES['job-list-80'] = { ...(MESSAGES['job-list'] as Extract<MessageView, { kind: 'job-list' }>), jobs: Array.from({ length: 80 }, (_, i) => jobLine(i)) };
MESSAGES['notice-long'] = {
  kind: 'notice',
  tone: 'warning',
  title: long(400),
  text: long(5000),
  actions: Array.from({ length: 30 }, (_, i) => ({ label: `${long(90)}${i}`, intent: { type: 'status' as const, target: `vm-${i}` } })),
};
MESSAGES['help-many'] = {
  kind: 'help',
  title: 'Azure Backup commands',
  commands: Array.from({ length: 60 }, (_, i) => ({ usage: `backup command-${i} <argument>`, description: long(90) })),
  actions: [],
};
MESSAGES['vault-status-120'] = {
  ...(MESSAGES['vault-status'] as Extract<MessageView, { kind: 'vault-status' }>),
  items: Array.from({ length: 120 }, (_, i) => ({
    vm: { id: vmId('rg', `vm-${i}`), name: `vm-${i}` },
    protection: { text: 'Protected', tone: 'success' as const, protected: true },
    lastBackupText: 'Healthy, 5 hours ago',
    actions: [backupNow(vmId('rg', `vm-${i}`))],
  })),
};

// ---- forms -----------------------------------------------------------------------------------------

const vmOptions = (n: number): OptionView[] =>
  Array.from({ length: n }, (_, i) => ({ value: vmId('rg-web-prod', `web-${i}`), label: `web-${i}`, description: `rg-web-prod · westeurope · running` }));

/** Every policy field, as the flows send them (values per their defaults). */
export const policyFieldViews = (frequency: 'Daily' | 'Weekly', retained: Partial<Record<'weekly' | 'monthly' | 'yearly', string>> = {}): FormView['fields'] => {
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((d) => ({ value: d, label: d }));
  const weeks = ['First', 'Second', 'Third', 'Fourth', 'Last'].map((w) => ({ value: w, label: w }));
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((m) => ({ value: m, label: m }));
  const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`).map((t) => ({ value: t, label: t }));
  return [
    { kind: 'text', id: F.name, label: 'Policy name', maxLength: 150 },
    { kind: 'select', id: F.frequency, label: 'Backup frequency', style: 'radio', value: frequency, options: [{ value: 'Daily', label: 'Daily' }, { value: 'Weekly', label: 'Weekly' }] },
    { kind: 'select', id: F.time, label: 'Time', value: '02:00', options: times },
    { kind: 'select', id: F.timeZone, label: 'Time zone', value: 'UTC', options: [{ value: 'UTC', label: 'UTC' }, { value: 'W. Europe Standard Time', label: 'W. Europe Standard Time', description: 'Europe/Berlin' }] },
    { kind: 'multi-select', id: F.scheduleDays, label: 'Days (weekly schedule)', values: ['Sunday'], options: days, optional: true },
    { kind: 'number', id: F.dailyDays, label: 'Keep daily backups (days)', value: 30, min: 7, max: 9999, optional: true },
    { kind: 'number', id: F.weeklyWeeks, label: 'Keep weekly backups (weeks)', ...(retained.weekly ? { value: Number(retained.weekly) } : {}), min: 1, max: 5163, optional: true },
    { kind: 'multi-select', id: F.weeklyDays, label: 'Weekly backup kept from', values: ['Sunday'], options: days, optional: true },
    { kind: 'number', id: F.monthlyMonths, label: 'Keep monthly backups (months)', ...(retained.monthly ? { value: Number(retained.monthly) } : {}), min: 1, max: 1188, optional: true },
    { kind: 'multi-select', id: F.monthlyWeeks, label: 'Monthly: week of the month', values: ['First'], options: weeks, optional: true },
    { kind: 'multi-select', id: F.monthlyWeekdays, label: 'Monthly: day of the week', values: ['Sunday'], options: days, optional: true },
    { kind: 'text', id: F.monthlyDaysOfMonth, label: 'Monthly: or days of the month', optional: true, placeholder: '1, 15, Last' },
    { kind: 'number', id: F.yearlyYears, label: 'Keep yearly backups (years)', ...(retained.yearly ? { value: Number(retained.yearly) } : {}), min: 1, max: 99, optional: true },
    { kind: 'multi-select', id: F.yearlyMonths, label: 'Yearly: month', values: ['January'], options: months, optional: true },
    { kind: 'multi-select', id: F.yearlyWeeks, label: 'Yearly: week of the month', values: ['First'], options: weeks, optional: true },
    { kind: 'multi-select', id: F.yearlyWeekdays, label: 'Yearly: day of the week', values: ['Sunday'], options: days, optional: true },
    { kind: 'text', id: F.yearlyDaysOfMonth, label: 'Yearly: or days of the month', optional: true, placeholder: '1, Last' },
    { kind: 'number', id: F.instantRestoreDays, label: 'Instant restore snapshots (days)', min: 1, max: 5, optional: true },
  ];
};

const vaultChoice = { kind: 'existing' as const, vaultId: vault.id };

export const FORMS: Record<string, FormView> = {
  'enable.vm': {
    kind: 'form',
    form: 'enable.vm',
    title: 'Enable backup',
    step: { index: 1, total: 4, text: 'Step 1 of 4: the VM' },
    sections: ['Which VM should be protected? Type part of its name.'],
    fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01' }],
    submit: { label: 'Next', intent: { type: 'enable.chooseVm', values: {} } },
  },
  'enable.vault': {
    kind: 'form',
    form: 'enable.vault',
    title: 'Enable backup',
    step: { index: 2, total: 4, text: 'Step 2 of 4: the vault' },
    sections: ['web-02 is in westeurope: only vaults of westeurope can protect it.'],
    fields: [
      {
        kind: 'select',
        id: 'vault',
        label: 'Recovery Services vault',
        value: vault.id,
        options: [
          { value: vault.id, label: vault.name, description: 'westeurope · resource group rg-backup' },
          { value: 'new', label: 'Create new', description: 'In westeurope, resource group rg-web-prod' },
        ],
      },
      { kind: 'text', id: 'vaultName', label: 'New vault name', optional: true, maxLength: 50, hint: '2 to 50 characters: letters, digits and hyphens, starting with a letter.' },
    ],
    submit: { label: 'Next', intent: { type: 'enable.chooseVault', vmId: vmId('rg-web-prod', 'web-02'), values: {} } },
  },
  'enable.confirm': {
    kind: 'form',
    form: 'enable.confirm',
    title: 'Enable backup',
    step: { index: 4, total: 4, text: 'Step 4 of 4: confirm' },
    sections: ['Azure Backup bills per protected instance and for the backup storage used.'],
    facts: [
      { label: 'VM', value: 'web-02 (rg-web-prod, westeurope)' },
      { label: 'Vault', value: 'rsv-prod-weu' },
      { label: 'Policy', value: 'DefaultPolicy: Daily at 19:00 UTC, kept 30 days' },
      { label: 'Storage replication', value: 'Geo-redundant (GRS)' },
    ],
    fields: [],
    submit: { label: 'Enable Backup', intent: { type: 'enable.confirm', vmId: vmId('rg-web-prod', 'web-02'), vault: vaultChoice, policy: { kind: 'default' }, values: {} } },
    links: [portal(vmId('rg-web-prod', 'web-02'))],
  },
  'now.retain': {
    kind: 'form',
    form: 'now.retain',
    title: 'Backup now',
    sections: ['Back up web-01 now, outside its schedule.'],
    facts: [{ label: 'VM', value: 'web-01' }],
    fields: [{ kind: 'date', id: 'retainUntil', label: 'Retain backup until', value: '2026-12-25', min: '2026-11-26', max: '2125-11-25', hint: 'Default 30 days ahead.' }],
    submit: { label: 'Back up now', intent: { type: 'now.submit', vmId: vm.id, values: {} } },
  },
  'vault.settings': {
    kind: 'form',
    form: 'vault.settings',
    title: 'Protect VMs from a vault',
    sections: ['Vault rsv-new (new): westeurope, resource group rg-new.'],
    fields: [
      {
        kind: 'select',
        id: 'redundancy',
        label: 'Storage replication',
        style: 'radio',
        value: 'GeoRedundant',
        options: [
          { value: 'GeoRedundant', label: 'Geo-redundant (GRS)', description: 'Copies in a paired region; the default' },
          { value: 'LocallyRedundant', label: 'Locally redundant (LRS)', description: 'One region only; costs less' },
        ],
      },
      { kind: 'select', id: 'policy', label: 'Backup policy', value: 'default', options: [{ value: 'default', label: 'DefaultPolicy', description: 'Daily, kept 30 days' }, { value: 'new', label: 'Create a new policy' }] },
    ],
    submit: { label: 'Next', intent: { type: 'vault.settings', vault: { kind: 'new', subscriptionId: SUB, resourceGroup: 'rg-new', location: 'westeurope', name: 'rsv-new' }, values: {} } },
  },
  'vault.newPolicy-daily': {
    kind: 'form',
    form: 'vault.newPolicy',
    title: 'New backup policy',
    sections: ['Vault rsv-prod-weu: westeurope, resource group rg-backup.'],
    fields: policyFieldViews('Daily'),
    submit: { label: 'Next', intent: { type: 'vault.definePolicy', vault: vaultChoice, values: {} } },
  },
  'vault.newPolicy-weekly-yearly': {
    kind: 'form',
    form: 'vault.newPolicy',
    title: 'New backup policy',
    fields: policyFieldViews('Weekly', { weekly: '8', yearly: '3' }),
    submit: { label: 'Next', intent: { type: 'vault.definePolicy', vault: vaultChoice, values: {} } },
  },
  'vault.vms': {
    kind: 'form',
    form: 'vault.vms',
    title: 'Protect VMs from a vault',
    sections: ['Pick the VMs to protect: 6 unprotected VMs in westeurope.'],
    facts: [{ label: 'Vault', value: 'rsv-prod-weu' }, { label: 'Region', value: 'westeurope' }],
    fields: [
      {
        kind: 'search',
        id: 'vms',
        label: 'Virtual machines',
        source: { kind: 'vms', location: 'westeurope', subscriptionId: SUB, unprotectedOnly: true },
        multiple: true,
        minQueryLength: 0,
        selected: vmOptions(2),
      },
    ],
    submit: { label: 'Enable Backup', intent: { type: 'vault.chooseVms', vault: vaultChoice, policy: { kind: 'default' }, values: {} } },
  },
  'invalid-with-errors': {
    kind: 'form',
    form: 'vault.new',
    title: 'A title much longer than twenty-four characters',
    fields: [
      { kind: 'text', id: 'vaultName', label: 'Vault name', value: '9-bad', maxLength: 50 },
      { kind: 'select', id: 'location', label: 'Region', value: 'westeurope', options: Array.from({ length: 150 }, (_, i) => ({ value: i === 0 ? 'westeurope' : `region-${i}`, label: i === 0 ? 'westeurope' : `region-${i}` })) },
      { kind: 'select', id: 'many-radio', label: 'More than ten choices', style: 'radio', options: Array.from({ length: 12 }, (_, i) => ({ value: `c${i}`, label: `Choice ${i}` })) },
    ],
    errors: [
      { field: 'vaultName', code: 'VAULT_NAME_START', message: 'A vault name starts with a letter.' },
      { field: 'subscriptionId', code: 'SUBSCRIPTION_UNKNOWN', message: 'That subscription is not one the bot manages.' },
    ],
    submit: { label: 'A submit label that is far too long', intent: { type: 'vault.define', values: {} } },
    actions: [{ label: 'Cancel job', intent: { type: 'job.cancel', ...JOB }, style: 'danger' }],
  },
};

/** Type-ahead answers: the VM picker's options, a long list, and very long names and ids. */
export const SUGGESTIONS: Record<string, OptionView[]> = {
  few: vmOptions(3),
  many: vmOptions(180),
  long: [
    {
      value: vmId(`rg-${'a'.repeat(57)}`, `vm-${'b'.repeat(37)}`),
      label: `vm-${'b'.repeat(100)}`,
      description: `rg-${'a'.repeat(80)} · westeurope`,
    },
  ],
  /** An id too long for Slack even written compactly (group and name over 112 characters together). */
  unusable: [
    { value: vmId(`rg-${'a'.repeat(85)}`, `vm-${'b'.repeat(60)}`), label: 'unusable', description: 'too long an id' },
    ...vmOptions(1),
  ],
};

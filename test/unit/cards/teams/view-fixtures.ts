import type { CoverageView, FormView, JobLineView, MessageView, View } from '../../../../src/flows/views';

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const VM = `/subscriptions/${SUB}/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-02`;
const VAULT = `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`;
const vmRef = { id: VM, name: 'web-02', resourceGroup: 'rg-web-prod', location: 'westeurope', subscriptionId: SUB };
const vaultRef = { id: VAULT, name: 'rsv-prod-weu', resourceGroup: 'rg-backup', location: 'westeurope', subscriptionId: SUB };
const when = (text: string) => ({ at: '2026-11-25T02:00:00.000Z', text });
const policy = { name: 'DefaultPolicy', scheduleText: 'Daily at 19:00 UTC', retentionText: 'kept 30 days', text: 'Daily at 19:00 UTC, kept 30 days' };
const job = { vaultId: VAULT, jobName: '5f0b6a3e-1111-4222-8333-944455556666' };
const jobLine: JobLineView = {
  job,
  vaultName: 'rsv-prod-weu',
  vmName: 'web-02',
  operation: 'Backup',
  phase: 'in-progress',
  tone: 'info',
  statusText: 'In progress for 5 min',
  started: when('5 min ago'),
  actions: [{ label: 'Refresh', intent: { type: 'job.refresh', ...job } }],
};
const portal = { label: 'Open in Azure portal', url: `https://portal.azure.com/#@/resource${VM}/backup` };

/** A form with every kind of field, as a wizard step that came back with field errors. */
export const everyFieldForm: FormView = {
  kind: 'form',
  form: 'vault.new',
  title: 'Protect VMs from a vault',
  step: { index: 2, total: 5, text: 'Step 2 of 5' },
  sections: ['Create the vault that will protect the VMs.'],
  facts: [{ label: 'Subscription', value: SUB }],
  fields: [
    { kind: 'text', id: 'vaultName', label: 'Vault name', value: '9-lives', maxLength: 50, hint: 'Vault names are 2 to 50 characters, start with a letter, and use only letters, digits and hyphens.' },
    { kind: 'number', id: 'dailyRetention', label: 'Keep daily points (days)', value: 30, min: 7, max: 9999 },
    { kind: 'date', id: 'retainUntil', label: 'Keep until', value: '2026-12-25', min: '2026-11-26', max: '2125-11-25', hint: 'From tomorrow up to 99 years ahead.' },
    { kind: 'select', id: 'location', label: 'Region', options: [{ value: 'westeurope', label: 'westeurope' }, { value: 'northeurope', label: 'northeurope' }], value: 'westeurope' },
    { kind: 'select', id: 'redundancy', label: 'Storage replication', style: 'radio', options: [{ value: 'GeoRedundant', label: 'Geo-redundant (GRS)', description: 'the default' }, { value: 'LocallyRedundant', label: 'Locally redundant (LRS)' }], value: 'GeoRedundant' },
    { kind: 'multi-select', id: 'scheduleDays', label: 'Days', optional: true, options: [{ value: 'Monday', label: 'Monday' }, { value: 'Friday', label: 'Friday' }], values: ['Friday'] },
    { kind: 'search', id: 'vms', label: 'Virtual machines', source: { kind: 'vms', location: 'westeurope', unprotectedOnly: true }, multiple: true, minQueryLength: 0, placeholder: 'Type to search', selected: [{ value: VM, label: 'web-02', description: 'rg-web-prod' }], initialOptions: [{ value: VM, label: 'web-02', description: 'rg-web-prod' }, { value: `${VM}-b`, label: 'web-03' }] },
  ],
  submit: { label: 'Next', intent: { type: 'vault.define', values: {} } },
  actions: [{ label: 'Cancel', intent: { type: 'help' } }],
  links: [{ label: 'Vault naming rules', url: 'https://learn.microsoft.com/azure/backup/' }],
  errors: [
    { field: 'vaultName', code: 'VAULT_NAME_START', message: '"9-lives" must start with a letter.' },
    { field: 'elsewhere', code: 'NAME_TAKEN', message: 'Something about the form as a whole.' },
  ],
};

/** The VM picker of the VM path, before anything is typed. */
export const vmPickerForm: FormView = {
  kind: 'form',
  form: 'enable.vm',
  title: 'Enable backup',
  step: { index: 1, total: 4, text: 'Step 1 of 4' },
  sections: ['Which VM should be backed up?'],
  fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01' }],
  submit: { label: 'Next', intent: { type: 'enable.chooseVm', values: {} } },
};

/** `backup coverage` with a capped group and a new vault (the Slack tests render it too). */
export const coverageFixture: CoverageView = {
  kind: 'coverage',
  tone: 'warning',
  title: 'Backup coverage',
  summaryText: '14 VMs of 27 in scope are not protected by any vault; 1 VM excluded by tag backup=exclude.',
  groups: [
    {
      title: 'westeurope: 12 unprotected VMs',
      location: 'westeurope',
      subscriptionId: SUB,
      count: 12,
      vaultText: 'Vault rsv-prod-weu (resource group rg-backup) would protect them: it already protects 1 VM here.',
      vmsText: 'web-02, web-03, web-04, lb-01, sql-01, sql-02, redis-01, web-05 and 4 more',
      capText: 'Enable backup preselects 10 of these 12 VMs (a button carries no more); the form lists the others of westeurope to add.',
      action: { label: 'Enable backup (10 of 12)', intent: { type: 'vault.choose', values: { vault: VAULT }, preselect: [VM] }, style: 'primary' },
    },
    {
      title: 'eastus: 2 unprotected VMs',
      location: 'eastus',
      subscriptionId: SUB,
      count: 2,
      vaultText: 'No vault in eastus yet: Enable backup offers a new vault vault-eastus in resource group rg-web-us.',
      vmsText: 'web-us-01 and web-us-02',
      action: {
        label: 'Enable backup (2)',
        intent: { type: 'vault.define', values: { subscriptionId: SUB, resourceGroup: 'rg-web-us', location: 'eastus', vaultName: 'vault-eastus' }, preselect: [VM] },
        style: 'primary',
      },
    },
  ],
  problems: [],
  actions: [],
};

export const messageViews: Record<MessageView['kind'], MessageView> = {
  help: {
    kind: 'help',
    title: 'VM Backup commands',
    problem: 'Unknown command `enabel`.',
    didYouMean: { command: 'backup enable', intent: { type: 'help', topic: 'enable' } },
    commands: [
      { usage: 'backup enable [vm]', description: 'Protect a VM.', example: 'backup enable web-01' },
      { usage: 'backup status [vm|vault]', description: 'Protection state and last backup.' },
    ],
    actions: [{ label: 'Enable backup', intent: { type: 'enable.start' }, style: 'primary' }],
  },
  notice: {
    kind: 'notice',
    tone: 'error',
    title: 'Backup was not enabled',
    text: 'The VM agent of legacy-01 is not installed.',
    facts: [{ label: 'Error code', value: 'UserErrorGuestAgentStatusUnavailable' }],
    steps: [
      { step: 'Create vault vault-weu', status: 'done' },
      { step: 'Enable protection for legacy-01', status: 'failed', detail: 'no VM agent' },
      { step: 'Backup now', status: 'skipped' },
    ],
    reference: 'A1B2C3D4',
    actions: [{ label: 'Status', intent: { type: 'status', target: VM } }],
    links: [portal],
  },
  'protection-result': {
    kind: 'protection-result',
    tone: 'warning',
    title: 'Backup enabled for 1 of 2 VMs',
    vault: vaultRef,
    policy,
    redundancyText: 'Geo-redundant (GRS)',
    steps: [{ step: 'Enable protection for web-02 with policy DefaultPolicy', status: 'done' }],
    outcomes: [
      { vm: { id: VM, name: 'web-02' }, ok: true, text: 'Warning (Initial backup pending)', tone: 'warning', actions: [{ label: 'Backup now', intent: { type: 'now.start', vm: VM } }] },
      { vm: { id: `${VM}x`, name: 'app-01' }, ok: false, text: 'app-01 is in northeurope, the vault in westeurope.', tone: 'error', code: 'VM_REGION_MISMATCH', actions: [] },
    ],
    firstScheduledBackup: when('Wed 25 Nov 2026, 19:00 UTC (in 19 hours)'),
    actions: [{ label: 'Status', intent: { type: 'status', target: VAULT } }],
    links: [portal],
  },
  job: {
    kind: 'job',
    job: { ...job, operation: 'Backup', vmName: 'web-02' },
    phase: 'failed',
    final: true,
    tone: 'error',
    title: 'Backup of web-02',
    statusText: 'Failed after 3 min',
    started: when('Wed 25 Nov 2026, 00:18 UTC'),
    ended: when('Wed 25 Nov 2026, 00:21 UTC'),
    durationText: '3 min',
    retainUntil: when('25 Dec 2026'),
    error: { code: 'UserErrorRestorePointCollectionLocked', message: 'The resource group AzureBackupRG_westeurope_1 is locked.', nextStep: 'Remove the lock, then back up again.' },
    requestedBy: 'Ada Operator',
    updated: when('Wed 25 Nov 2026, 00:22 UTC'),
    actions: [{ label: 'Backup now', intent: { type: 'now.start', vm: VM } }],
    links: [portal],
  },
  preflight: {
    kind: 'preflight',
    vm: { ...vmRef, powerText: 'Running', agentText: 'agent ready' },
    tone: 'error',
    title: 'web-02 cannot be protected as it is',
    summary: '5 passed, 1 warning, 1 failed',
    checks: [
      { id: 'power', title: 'Power state', outcome: 'pass', text: 'Running: backups are application- or file-system-consistent.' },
      { id: 'locks', title: 'Resource locks', outcome: 'warn', text: 'freeze (CanNotDelete on rg-web-prod) locks the VM\'s resource group.', action: 'Do not lock the AzureBackupRG groups.', source: { label: 'Support matrix for Azure VM backups', url: 'https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas#vm-compute-support' } },
      { id: 'ultra-disk-policy', title: 'Support matrix', outcome: 'fail', text: 'web-02 has an Ultra disk.', action: 'Protect it with an Enhanced policy from the Azure portal.', source: { label: 'Ultra disks: supported with Enhanced policy', url: 'https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas#ultra-disk-backup' } },
      { id: 'policy', title: 'Policy', outcome: 'unknown', text: 'could not be checked: Azure did not answer.', action: 'Run the check again.' },
    ],
    actions: [{ label: 'Check again', intent: { type: 'check', vm: VM } }],
    links: [portal],
  },
  'vm-status': {
    kind: 'vm-status',
    vm: { ...vmRef, powerText: 'Running', agentText: 'agent ready' },
    protection: { text: 'Protected', tone: 'success', protected: true },
    vault: vaultRef,
    policy,
    lastBackup: { status: 'Healthy', text: 'Healthy, 3 hours ago', at: '2026-11-24T21:00:00.000Z' },
    recoveryPoints: { count: 3, latest: when('3 hours ago'), text: '3, latest 3 hours ago' },
    runningJobs: [jobLine],
    nextScheduledBackup: when('Wed 25 Nov 2026, 19:00 UTC'),
    actions: [{ label: 'Backup now', intent: { type: 'now.start', vm: VM }, style: 'primary' }],
    links: [portal],
  },
  'vault-items': {
    kind: 'vault-items',
    vault: vaultRef,
    itemsText: '1 protected and 1 initial backup pending',
    pageText: '2 items',
    items: [
      {
        vm: { id: VM, name: 'web-02' },
        protection: { text: 'Protected', tone: 'success', protected: true },
        lastBackupText: 'Failed 2 days ago (Mon 23 Nov 2026, 19:00 UTC)',
        lastBackupTone: 'error',
        nextRunText: 'Wed 25 Nov 2026, 19:00 UTC (in 19 hours)',
        nextRun: '2026-11-25T19:00:00.000Z',
        policyName: 'DefaultPolicy',
        actions: [{ label: 'Status', intent: { type: 'status', target: VM } }, { label: 'Backup now', intent: { type: 'now.start', vm: VM } }],
      },
    ],
    more: 0,
    actions: [{ label: 'Vault status', intent: { type: 'status', target: VAULT } }],
    links: [portal],
  },
  'vault-status': {
    kind: 'vault-status',
    vault: vaultRef,
    redundancy: { value: 'GeoRedundant', text: 'Geo-redundant (GRS), fixed', locked: true },
    items: [{ vm: { id: VM, name: 'web-02' }, protection: { text: 'Warning (Initial backup pending)', tone: 'warning', protected: true }, lastBackupText: 'never', policyName: 'DefaultPolicy', actions: [{ label: 'Backup now', intent: { type: 'now.start', vm: VM } }] }],
    itemsText: '1 protected, 1 initial backup pending',
    policies: [{ ...policy, protectedItemsCount: 1 }],
    runningJobs: [jobLine],
    actions: [{ label: 'Jobs', intent: { type: 'jobs.list', filter: 'running' } }],
    links: [portal],
  },
  'vaults-overview': {
    kind: 'vaults-overview',
    vaults: [{ ...vaultRef, itemsText: '3 protected', actions: [{ label: 'Status', intent: { type: 'status', target: VAULT } }] }],
    problems: ['rsv-prod-eus could not be read: throttled by Azure.'],
    actions: [{ label: 'Protect VMs from a vault', intent: { type: 'vault.start' } }],
  },
  'vm-list': {
    kind: 'vm-list',
    query: 'web',
    summaryText: '2 of 480 VMs match web',
    total: 480,
    vms: [{ vm: vmRef, powerText: 'Running', protection: { text: 'Not protected', tone: 'info', protected: false }, actions: [{ label: 'Enable backup', intent: { type: 'enable.start', vm: VM } }] }],
    actions: [],
  },
  'job-list': {
    kind: 'job-list',
    filter: 'running',
    title: 'Running backup jobs',
    summaryText: '1 job running',
    jobs: [jobLine],
    problems: [],
    actions: [{ label: 'Failed jobs', intent: { type: 'jobs.list', filter: 'failed' } }],
  },
  'policy-list': {
    kind: 'policy-list',
    vault: vaultRef,
    policies: [{ ...policy, protectedItemsCount: 2, actions: [{ label: 'Show', intent: { type: 'policy.show', name: 'DefaultPolicy', vault: VAULT } }] }],
    actions: [{ label: 'Create a policy', intent: { type: 'policy.create', vault: VAULT } }],
  },
  'policy-detail': {
    kind: 'policy-detail',
    vault: vaultRef,
    policy: { ...policy, retentionLines: ['Daily points: kept 30 days', 'Weekly (Sunday): kept 12 weeks'], instantRestoreText: '2 days', protectedItemsCount: 2 },
    actions: [],
  },
  coverage: coverageFixture,
};

/** Every view the card tests render, by name. */
export const allViews: Record<string, View> = { 'form-every-field': everyFieldForm, 'form-vm-picker': vmPickerForm, ...messageViews };

/**
 * The VM path: pick a VM -> a vault of its region (or a new one in its region and resource group)
 * -> a policy (default, existing, new) -> confirm -> Enable Backup.
 */
import type { BackupPolicy, ProtectedItem, VirtualMachine } from '../domain/backup.types';
import { DEFAULT_POLICY_NAME, nextScheduledRun } from '../domain/backup-policy.rule';
import { checkSameRegion } from '../domain/region.rule';
import { suggestVaultName, VAULT_NAME_RULE_TEXT, validateVaultName } from '../domain/vault-name.rule';
import type {
  EnableChoosePolicyIntent,
  EnableChooseVaultIntent,
  EnableChooseVmIntent,
  EnableConfirmIntent,
  EnableDefinePolicyIntent,
  EnableStartIntent,
  FormValues,
  PolicyChoice,
  VaultChoice,
} from './intents';
import type { FlowContext } from './flow-context';
import { formResult, invalidResult, messageResult, notice } from './flow-results';
import { single } from './form-values';
import { vmBackupLink, vmRef } from './resource-links';
import { checkLineText, checksSummary, runPreflight, type PreflightReport } from './preflight-checks';
import { vmFromCommand, vmFromPicker } from './vm-step';
import { vmById } from './resource-lookup';
import { resumeButton, softDeletedAnswer, statusButton, vaultNameOf } from './protected-vm';
import { parsePolicyForm, policyFields, policyNameTaken, POLICY_FORM_DEFAULTS } from './policy-form';
import { runProtectionPlan } from './protection-plan';
import { clip } from './vm-options';
import { type CheckLineView, type Fact, type FieldError, type FlowResult, type FormView, type OptionView, type PreflightView } from './views';
import { agentWords, listWords, plural, policySummary, powerWords, protectionWords, redundancyWords, when } from './wording';

const TOTAL = 4;
const step = (index: number) => ({ index, total: TOTAL, text: `Step ${index} of ${TOTAL}` });
const NEW = 'new';
const DEFAULT = 'default';
/** What Azure puts in a new vault's DefaultPolicy (the time is Azure's choice at creation). */
const NEW_VAULT_DEFAULT_TEXT = 'Daily, kept 30 days (the DefaultPolicy Azure creates with the vault; Azure sets its time)';

const vmLine = (vm: VirtualMachine): string => `VM ${vm.name} (resource group ${vm.resourceGroup}, ${vm.location}, ${powerWords(vm.powerState).toLowerCase()}, ${agentWords(vm.agent)})`;

// ---- step 1: the VM -------------------------------------------------------------------------------

function vmForm(initial?: OptionView[]): FormView {
  return {
    kind: 'form',
    form: 'enable.vm',
    title: 'Enable backup',
    step: step(1),
    sections: ['Which VM should be backed up? Type part of its name, resource group or region.'],
    fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01', ...(initial?.length ? { initialOptions: initial } : {}) }],
    submit: { label: 'Next', intent: { type: 'enable.chooseVm', values: {} } },
  };
}

export async function enableStart(ctx: FlowContext, intent: EnableStartIntent): Promise<FlowResult> {
  return vmFromCommand(ctx, intent.vm, vmForm, (vm) => toVaultStep(ctx, vm));
}

export async function enableChooseVm(ctx: FlowContext, intent: EnableChooseVmIntent): Promise<FlowResult> {
  return vmFromPicker(ctx, intent.values, vmForm, (vm) => toVaultStep(ctx, vm));
}

/** A stopped VM is backed up again by resuming in the vault that keeps its data. */
function stoppedAnswer(vm: VirtualMachine, item: ProtectedItem): FlowResult {
  return messageResult(
    notice('info', `Protection of ${vm.name} is stopped`, `${vm.name}'s recovery points are kept in ${vaultNameOf(item)}, which backs it up again when you resume with a policy: \`backup resume ${vm.name}\`.`, {
      actions: [resumeButton(vm), statusButton(vm)],
    }),
  );
}

/** A VM that is already protected ends the path with where and how it is protected. */
async function toVaultStep(ctx: FlowContext, vm: VirtualMachine): Promise<FlowResult> {
  const item = await ctx.backup.findProtectedItem(vm.id);
  // Azure keeps a VM's backup data in one vault: a stopped or soft-deleted VM is backed up again
  // where its data is, by resuming (after an undelete), not by enabling it elsewhere.
  if (item?.softDeleted) return softDeletedAnswer(ctx, vm, item, 'resume its backups');
  if (item?.protectionState === 'ProtectionStopped') return stoppedAnswer(vm, item);
  if (item) {
    ctx.inventory.setProtection(vm.id, { vaultId: item.vaultId, state: item.protectionState });
    const vaultName = item.vaultId.split('/').pop() ?? item.vaultId;
    return messageResult(
      notice('info', `${vm.name} is already protected`, `${vm.name} is backed up by vault ${vaultName}${item.policyName ? ` with policy ${item.policyName}` : ''}: ${protectionWords(item.protectionState).text}.`, {
        actions: [
          { label: 'Backup now', intent: { type: 'now.start', vm: vm.id }, style: 'primary' },
          { label: 'Status', intent: { type: 'status', target: vm.id } },
        ],
        links: [vmBackupLink(ctx, vm.id)],
      }),
    );
  }
  return formResult(await vaultForm(ctx, vm, {}));
}

// ---- step 2: the vault ------------------------------------------------------------------------------

async function vaultForm(ctx: FlowContext, vm: VirtualMachine, values: FormValues): Promise<FormView> {
  const vaults = (await ctx.backup.listVaults({ location: vm.location, subscriptionId: vm.subscriptionId })).sort((a, b) => a.name.localeCompare(b.name));
  const options: OptionView[] = vaults.slice(0, 99).map((v) => ({ value: v.id, label: clip(v.name), description: clip(`resource group ${v.resourceGroup}`) }));
  options.push({ value: NEW, label: 'Create a new vault', description: clip(`in ${vm.location}, resource group ${vm.resourceGroup}`) });
  const suggested = suggestVaultName(vm.location, vaults.map((v) => v.name));
  return {
    kind: 'form',
    form: 'enable.vault',
    title: 'Enable backup',
    step: step(2),
    sections: [
      vmLine(vm),
      vaults.length
        ? `A vault protects VMs of its own region: ${vaults.length === 1 ? 'this vault is' : `these ${vaults.length} vaults are`} in ${vm.location}.`
        : `There is no vault in ${vm.location} yet: the bot will create one in ${vm.location}, resource group ${vm.resourceGroup}.`,
    ],
    fields: [
      { kind: 'select', id: 'vault', label: 'Recovery Services vault', options, value: single(values, 'vault') || (vaults[0]?.id ?? NEW) },
      {
        kind: 'text',
        id: 'vaultName',
        label: 'New vault name',
        value: single(values, 'vaultName') || suggested,
        maxLength: 50,
        requiredWhen: '"Create a new vault" is chosen',
        hint: `Required when "Create a new vault" is chosen (created in ${vm.location}, resource group ${vm.resourceGroup}); ignored otherwise. ${VAULT_NAME_RULE_TEXT}`,
      },
    ],
    submit: { label: 'Next', intent: { type: 'enable.chooseVault', vmId: vm.id, values: {} } },
  };
}

export async function enableChooseVault(ctx: FlowContext, intent: EnableChooseVaultIntent): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const choice = single(intent.values, 'vault');
  const again = async (error: FieldError): Promise<FlowResult> => invalidResult(await vaultForm(ctx, vm, intent.values), [error]);
  if (!choice) return again({ field: 'vault', code: 'VAULT_REQUIRED', message: 'Pick a vault, or "Create a new vault".' });
  let vault: VaultChoice;
  if (choice === NEW) {
    const name = validateVaultName(single(intent.values, 'vaultName'));
    if (!name.ok) return again({ field: 'vaultName', code: name.code, message: name.message });
    const free = await ctx.backup.checkVaultName({ subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, location: vm.location, name: name.value });
    if (!free.available) {
      return again({ field: 'vaultName', code: 'VAULT_NAME_TAKEN', message: free.reason ?? `A vault named ${name.value} already exists in this subscription; choose another name.` });
    }
    vault = { kind: 'new', subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, location: vm.location, name: name.value };
  } else {
    let existing;
    try {
      existing = await ctx.backup.getVault(choice);
    } catch {
      return again({ field: 'vault', code: 'VAULT_NOT_FOUND', message: 'That vault was not found (it may have been deleted). Pick another one.' });
    }
    const region = checkSameRegion(vm.location, existing.location, vm.name);
    if (!region.ok) return again({ field: 'vault', code: region.code, message: region.message });
    vault = { kind: 'existing', vaultId: existing.id };
  }
  return formResult(await policyForm(ctx, vm, vault, {}));
}

// ---- step 3: the policy -----------------------------------------------------------------------------

async function vaultPolicies(ctx: FlowContext, vault: VaultChoice): Promise<BackupPolicy[]> {
  return vault.kind === 'existing' ? ctx.backup.listPolicies(vault.vaultId) : [];
}

function vaultWords(vault: VaultChoice): string {
  return vault.kind === 'new'
    ? `Vault ${vault.name} (new, in ${vault.location}, resource group ${vault.resourceGroup})`
    : `Vault ${vault.vaultId.split('/').pop()}`;
}

/** The policy choices: the default, the vault's other policies, or a new one. */
export function policyOptions(vault: VaultChoice, policies: BackupPolicy[]): OptionView[] {
  const options: OptionView[] = [];
  const def = policies.find((p) => p.name.toLowerCase() === DEFAULT_POLICY_NAME.toLowerCase());
  if (vault.kind === 'new') options.push({ value: DEFAULT, label: 'Default policy', description: clip('Daily, kept 30 days (created with the vault)') });
  else if (def) options.push({ value: DEFAULT, label: 'Default policy', description: clip(policySummary(def).text) });
  for (const p of policies) {
    if (p === def) continue;
    options.push({ value: p.name, label: clip(p.name), description: clip(policySummary(p).text) });
  }
  options.push({ value: NEW, label: 'Create a new policy', description: 'Your schedule, time zone and retention' });
  return options.slice(0, 100);
}

async function policyForm(ctx: FlowContext, vm: VirtualMachine, vault: VaultChoice, values: FormValues): Promise<FormView> {
  const options = policyOptions(vault, await vaultPolicies(ctx, vault));
  return {
    kind: 'form',
    form: 'enable.policy',
    title: 'Enable backup',
    step: step(3),
    sections: [vmLine(vm), vaultWords(vault)],
    fields: [{ kind: 'select', id: 'policy', label: 'Backup policy', options, value: single(values, 'policy') || options[0].value }],
    submit: { label: 'Next', intent: { type: 'enable.choosePolicy', vmId: vm.id, vault, values: {} } },
  };
}

export async function enableChoosePolicy(ctx: FlowContext, intent: EnableChoosePolicyIntent): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const choice = single(intent.values, 'policy');
  if (choice === NEW) return formResult(newPolicyForm(vm, intent.vault, POLICY_FORM_DEFAULTS));
  const policies = await vaultPolicies(ctx, intent.vault);
  const valid = policyOptions(intent.vault, policies).map((o) => o.value);
  if (!choice || !valid.includes(choice)) {
    return invalidResult(await policyForm(ctx, vm, intent.vault, intent.values), [{ field: 'policy', code: 'POLICY_REQUIRED', message: 'Pick the default policy, one of the vault\'s policies, or "Create a new policy".' }]);
  }
  const policy: PolicyChoice = choice === DEFAULT ? { kind: 'default' } : { kind: 'existing', name: choice };
  return confirmStep(ctx, vm, intent.vault, policy);
}

function newPolicyForm(vm: VirtualMachine, vault: VaultChoice, values: FormValues): FormView {
  return {
    kind: 'form',
    form: 'enable.newPolicy',
    title: 'New backup policy',
    step: step(3),
    sections: [vmLine(vm), vaultWords(vault)],
    fields: policyFields(values),
    submit: { label: 'Next', intent: { type: 'enable.definePolicy', vmId: vm.id, vault, values: {} } },
  };
}

export async function enableDefinePolicy(ctx: FlowContext, intent: EnableDefinePolicyIntent): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  const parsed = parsePolicyForm(intent.values);
  if (!parsed.ok) return invalidResult(newPolicyForm(vm, intent.vault, intent.values), [parsed.error]);
  const existing = await vaultPolicies(ctx, intent.vault);
  if (policyNameTaken(parsed.value.name, existing) || parsed.value.name.toLowerCase() === DEFAULT_POLICY_NAME.toLowerCase()) {
    return invalidResult(newPolicyForm(vm, intent.vault, intent.values), [
      { field: 'policyName', code: 'POLICY_NAME_TAKEN', message: `The vault already has a policy named ${parsed.value.name}: pick it on the previous step, or choose another name.` },
    ]);
  }
  return confirmStep(ctx, vm, intent.vault, { kind: 'new', definition: parsed.value });
}

// ---- step 4: confirm and run --------------------------------------------------------------------------

/**
 * The pre-flight checks run before "Enable Backup" is offered, and again when it is pressed: a
 * failed check ends the path with the checks and what to do; warnings are shown on the confirm step.
 */
async function confirmStep(ctx: FlowContext, vm: VirtualMachine, vault: VaultChoice, policy: PolicyChoice): Promise<FlowResult> {
  const report = await runPreflight(ctx, vm, { vault, policy });
  if (report.blocked) return blockedResult(ctx, report);
  return formResult(await confirmForm(ctx, report.vm, vault, policy, report.checks));
}

function blockedResult(ctx: FlowContext, report: PreflightReport): FlowResult {
  const vm = report.vm;
  const view: PreflightView = {
    kind: 'preflight',
    vm: { ...vmRef(vm), powerText: powerWords(vm.powerState), agentText: agentWords(vm.agent) },
    tone: 'error',
    title: `Backup was not enabled for ${vm.name}`,
    summary: `${checksSummary(report.checks)}: fix what failed, then enable backup again`,
    checks: report.checks,
    actions: [{ label: 'Check again', intent: { type: 'check', vm: vm.id } }],
    links: [vmBackupLink(ctx, vm.id)],
  };
  return messageResult(view);
}

async function confirmForm(ctx: FlowContext, vm: VirtualMachine, vault: VaultChoice, policy: PolicyChoice, checks: CheckLineView[]): Promise<FormView> {
  const facts: Fact[] = [
    { label: 'VM', value: `${vm.name} (resource group ${vm.resourceGroup})` },
    { label: 'Region', value: vm.location },
    { label: 'VM agent', value: agentWords(vm.agent) },
  ];
  if (vault.kind === 'new') {
    facts.push({ label: 'Vault', value: `${vault.name} (new, resource group ${vault.resourceGroup})` });
    facts.push({ label: 'Storage replication', value: `${redundancyWords('GeoRedundant')}, the default; can be changed until the vault protects a VM` });
  } else {
    facts.push({ label: 'Vault', value: vault.vaultId.split('/').pop() ?? vault.vaultId });
  }
  let definition: BackupPolicy | undefined;
  if (policy.kind === 'new') {
    facts.push({ label: 'Policy', value: `${policy.definition.name} (new): ${policySummary(policy.definition).text}` });
  } else if (vault.kind === 'existing') {
    const name = policy.kind === 'default' ? DEFAULT_POLICY_NAME : policy.name;
    definition = await ctx.backup.getPolicy(vault.vaultId, name);
    facts.push({ label: 'Policy', value: `${definition.name}: ${policySummary(definition).text}` });
  } else {
    facts.push({ label: 'Policy', value: `${DEFAULT_POLICY_NAME}: ${NEW_VAULT_DEFAULT_TEXT}` });
  }
  const schedule = policy.kind === 'new' ? policy.definition.schedule : definition?.schedule;
  if (schedule) facts.push({ label: 'First scheduled backup', value: when(nextScheduledRun(schedule, ctx.now()), ctx.now()).text });
  const instant = policy.kind === 'new' ? policy.definition.instantRpRetentionDays : definition?.instantRpRetentionDays;
  if (instant !== undefined) facts.push({ label: 'Instant restore snapshots', value: plural(instant, 'day') });
  const creates = [vault.kind === 'new' ? `vault ${vault.name}` : undefined, policy.kind === 'new' ? `policy ${policy.definition.name}` : undefined].filter((x): x is string => !!x);
  return {
    kind: 'form',
    form: 'enable.confirm',
    title: 'Enable backup',
    step: step(4),
    sections: [
      `Enable Backup protects ${vm.name} from now on.${creates.length ? ` It first creates ${listWords(creates)}.` : ''} Backup storage and the protected instance are billed by Azure.`,
      `Pre-flight checks: ${checksSummary(checks)}.`,
      ...checks.map(checkLineText),
    ],
    facts,
    fields: [],
    submit: { label: 'Enable Backup', intent: { type: 'enable.confirm', vmId: vm.id, vault, policy, values: {} } },
  };
}

export async function enableConfirm(ctx: FlowContext, intent: EnableConfirmIntent): Promise<FlowResult> {
  const vm = await vmById(ctx, intent.vmId);
  // Things change between the confirm step and the press (a lock added, the VM resized).
  const report = await runPreflight(ctx, vm, { vault: intent.vault, policy: intent.policy });
  if (report.blocked) return blockedResult(ctx, report);
  return runProtectionPlan(ctx, { vault: intent.vault, policy: intent.policy, vms: [vm] });
}

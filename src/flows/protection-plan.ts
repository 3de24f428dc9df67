import type { BackupPolicy, EnableProtectionOutcome, StorageRedundancy, Vault, VirtualMachine } from '../domain/backup.types';
import { DEFAULT_POLICY_NAME, nextScheduledRun } from '../domain/backup-policy.rule';
import type { PolicyChoice, VaultChoice } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, messageResult, runStep } from './flow-results';
import { vaultLink, vaultRef, vmBackupLink } from './resource-links';
import { sameResourceId } from '../domain/azure-ids';
import type { ButtonView, FlowResult, ProtectionResultView, StepOutcome, VmOutcomeView } from './views';
import { listWords, policySummary, protectionWords, redundancyWords, when } from './wording';

/** What "Enable Backup" runs: create what is new, then protect the VMs. Nothing runs before it. */
export interface ProtectionPlan {
  vault: VaultChoice;
  /** For a new vault: its replication (default GRS). For an existing one: set only when it changes. */
  redundancy?: StorageRedundancy;
  policy: PolicyChoice;
  vms: VirtualMachine[];
  /** VMs the flow already turned down (wrong region, unknown), listed with the others. */
  rejected?: VmOutcomeView[];
  /** Pre-flight warnings by lower-case VM id, shown with the VMs that were protected anyway. */
  warnings?: Record<string, string>;
}

export function policyNameOf(choice: PolicyChoice): string {
  return choice.kind === 'default' ? DEFAULT_POLICY_NAME : choice.kind === 'existing' ? choice.name : choice.definition.name;
}

function vaultNameOf(choice: VaultChoice): string {
  return choice.kind === 'new' ? choice.name : choice.vaultId.split('/').pop() ?? choice.vaultId;
}

export function rejectedVm(vm: { id: string; name: string }, code: string, reason: string): VmOutcomeView {
  return { vm: { id: vm.id, name: vm.name }, ok: false, text: reason, tone: 'error', code, actions: [] };
}

/**
 * Runs the plan step by step and reports each step; a failed step stops the steps after it
 * (listed as not done). Per-VM failures do not stop the other VMs.
 */
export async function runProtectionPlan(ctx: FlowContext, plan: ProtectionPlan): Promise<FlowResult> {
  const steps: StepOutcome[] = [];
  const policyName = policyNameOf(plan.policy);
  const vmNames = listWords(plan.vms.map((v) => v.name));
  const protectStep = `Enable protection for ${vmNames || 'no VM'} with policy ${policyName}`;
  const later: string[] = [];
  if (plan.policy.kind === 'new') later.push(`Create policy ${policyName}`);
  if (plan.vms.length) later.push(protectStep);
  const stop = (err: unknown, notDone: string[]): FlowResult => {
    for (const s of notDone) steps.push({ step: s, status: 'skipped', detail: 'Not done because of the step above.' });
    return messageResult(failureNotice(ctx, err, 'Backup was not enabled', steps));
  };

  let vault: Vault;
  if (plan.vault.kind === 'new') {
    const v = plan.vault;
    const redundancy = plan.redundancy ?? 'GeoRedundant';
    const title = v.newResourceGroup
      ? `Create resource group ${v.resourceGroup} and vault ${v.name} in ${v.location} (${redundancyWords(redundancy)})`
      : `Create vault ${v.name} in ${v.location} (resource group ${v.resourceGroup}, ${redundancyWords(redundancy)})`;
    const created = await runStep(steps, title, () =>
      ctx.backup.createVault({
        subscriptionId: v.subscriptionId,
        resourceGroup: v.resourceGroup,
        name: v.name,
        location: v.location,
        storageRedundancy: redundancy,
        ...(v.newResourceGroup ? { createResourceGroup: true } : {}),
      }),
    );
    if (!created.ok) return stop(created.error, later);
    vault = created.value;
  } else {
    try {
      vault = await ctx.backup.getVault(plan.vault.vaultId);
    } catch (err) {
      return messageResult(failureNotice(ctx, err, 'Backup was not enabled'));
    }
    if (plan.redundancy) {
      const r = plan.redundancy;
      const set = await runStep(steps, `Set storage replication of ${vault.name} to ${redundancyWords(r)}`, () => ctx.backup.setStorageRedundancy(vault.id, r));
      if (!set.ok) return stop(set.error, later);
    }
  }

  if (plan.policy.kind === 'new') {
    const def = plan.policy.definition;
    const created = await runStep(steps, `Create policy ${def.name}`, () => ctx.backup.createPolicy(vault.id, def));
    if (!created.ok) return stop(created.error, plan.vms.length ? [protectStep] : []);
  }

  let outcomes: EnableProtectionOutcome[] = [];
  if (plan.vms.length) {
    const enabled = await runStep(steps, protectStep, () => ctx.backup.enableProtection(vault.id, policyName, plan.vms.map((v) => v.id)));
    if (!enabled.ok) return stop(enabled.error, []);
    outcomes = enabled.value;
    const okCount = outcomes.filter((o) => o.ok).length;
    if (okCount < outcomes.length) steps[steps.length - 1] = { step: protectStep, status: okCount ? 'done' : 'failed', detail: `${okCount} of ${outcomes.length} VMs protected; see below.` };
  }

  let policy: BackupPolicy | undefined;
  try {
    policy = await ctx.backup.getPolicy(vault.id, policyName);
  } catch (err) {
    ctx.logger.warn('could not read the policy after enabling protection', { vaultId: vault.id, policyName, err });
  }

  const vmViews: VmOutcomeView[] = outcomes.map((o) => {
    const vm = plan.vms.find((v) => sameResourceId(v.id, o.vmId));
    const ref = { id: o.vmId, name: vm?.name ?? o.vmId.split('/').pop() ?? o.vmId };
    if (!o.ok) return rejectedVm(ref, o.code, o.reason);
    ctx.inventory.setProtection(o.vmId, { vaultId: vault.id, state: o.item.protectionState });
    const words = protectionWords(o.item.protectionState);
    const warning = plan.warnings?.[o.vmId.toLowerCase()];
    const actions: ButtonView[] = [
      { label: 'Backup now', intent: { type: 'now.start', vm: o.vmId }, style: 'primary' },
      { label: 'Status', intent: { type: 'status', target: o.vmId } },
    ];
    return { vm: ref, ok: true, text: warning ? `${words.text}. Pre-flight warning: ${warning}` : words.text, tone: warning ? 'warning' : words.tone, actions };
  });
  const all = [...vmViews, ...(plan.rejected ?? [])];
  const okCount = all.filter((o) => o.ok).length;
  const single = all.length === 1 ? all[0] : undefined;
  const title = single
    ? single.ok ? `Backup enabled for ${single.vm.name}` : `Backup not enabled for ${single.vm.name}`
    : all.length === 0 ? `Vault ${vault.name} is ready` : `Backup enabled for ${okCount} of ${all.length} VMs`;
  const view: ProtectionResultView = {
    kind: 'protection-result',
    tone: all.length === 0 || okCount === all.length ? 'success' : okCount === 0 ? 'error' : 'warning',
    title,
    vault: vaultRef(vault),
    steps,
    outcomes: all,
    actions: footActions(all, single?.ok ? [] : [...retryAction(vault, plan.policy, vmViews), { label: 'Vault status', intent: { type: 'status', target: vault.id } }]),
    links: single?.ok ? [vmBackupLink(ctx, single.vm.id), vaultLink(ctx, vault.id)] : [vaultLink(ctx, vault.id)],
  };
  if (plan.vault.kind === 'new' || plan.redundancy) view.redundancyText = redundancyWords(plan.redundancy ?? 'GeoRedundant');
  if (policy) {
    view.policy = policySummary(policy);
    if (okCount > 0) view.firstScheduledBackup = when(nextScheduledRun(policy.schedule, ctx.now()), ctx.now());
  }
  return messageResult(view);
}

/**
 * The buttons at the message's foot, less any a VM's line shows already: one rule for every
 * renderer, so no card shows "Backup now" or "Status" twice.
 */
export function footActions(outcomes: readonly VmOutcomeView[], actions: readonly ButtonView[]): ButtonView[] {
  const key = (b: ButtonView): string => `${b.label}|${JSON.stringify(b.intent)}`;
  const shown = new Set(outcomes.flatMap((o) => o.actions.map(key)));
  return actions.filter((a) => !shown.has(key(a)));
}

/** Failures that trying again cannot fix (the VM is protected already, or may not be touched from here). */
const FINAL_FAILURES = new Set(['VM_ALREADY_PROTECTED', 'VM_NOT_FOUND', 'VM_REGION_MISMATCH', 'VM_SUBSCRIPTION_MISMATCH', 'VM_OTHER_SUBSCRIPTION', 'VM_AGENT_NOT_INSTALLED', 'OUT_OF_SCOPE']);
/** Slack's limit on a button's value, with room to spare. */
const BUTTON_VALUE_LIMIT = 1900;

/**
 * "Retry the VMs that failed": the same vault (it exists now) and policy (created by now when it
 * was new), only the VMs whose failure may pass (throttling, Azure errors). VMs protected in the
 * meantime are refused by the check before enabling, so a retry never protects anything twice.
 */
function retryAction(vault: Vault, policy: PolicyChoice, outcomes: VmOutcomeView[]): ButtonView[] {
  const failed = outcomes.filter((o) => !o.ok && !FINAL_FAILURES.has(o.code ?? ''));
  if (failed.length === 0) return [];
  const retryPolicy: PolicyChoice = policy.kind === 'new' ? { kind: 'existing', name: policy.definition.name } : policy;
  const button: ButtonView = {
    label: `Retry the ${failed.length === 1 ? 'VM' : `${failed.length} VMs`} that failed`,
    intent: { type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: vault.id }, policy: retryPolicy, values: { vms: failed.map((o) => o.vm.id) } },
    style: 'primary',
  };
  return JSON.stringify(button.intent).length <= BUTTON_VALUE_LIMIT ? [button] : [];
}

export { vaultNameOf };

/**
 * The pre-flight checks for protecting one VM, in one place: `backup check <vm>` shows them, and
 * the enable flows (VM path and vault path) run the same ones before "Enable Backup", where a
 * failure blocks and a warning is shown. An Azure call that fails makes only its own check
 * "could not be checked"; the others still run.
 */
import type { BackupPolicy, ResourceLock, Vault, VirtualMachine, VmProfile } from '../domain/backup.types';
import { DEFAULT_POLICY_NAME, nextScheduledRun } from '../domain/backup-policy.rule';
import { DomainError } from '../domain/errors';
import { isRestorePointGroup, lockFindings, SUPPORT_MATRIX_URL, SUPPORT_RULES, supportFindings, type PolicyKind, type SupportFinding } from '../domain/vm-backup-support.rule';
import type { FlowContext } from './flow-context';
import type { PolicyChoice, VaultChoice } from './intents';
import { plural } from './plural';
import type { CheckLineView, CheckOutcome, Tone } from './views';
import { policySummary, powerWords, protectionWords, softDeletedWords, when } from './wording';

const TROUBLESHOOT_AGENT_URL = 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout';
/** What the enable flow has chosen so far; `check` alone passes nothing and the checks name what would apply. */
export interface PreflightChoice {
  vault?: VaultChoice;
  policy?: PolicyChoice;
}

export interface PreflightReport {
  vm: VirtualMachine;
  checks: CheckLineView[];
  /** True when a check failed: the enable flows do not offer "Enable Backup". */
  blocked: boolean;
  /** The vault already protecting the VM (protection not stopped), when there is one. */
  protectedBy?: string;
  /** Protection stopped in a vault that keeps the VM's data: it is resumed there (after an undelete when soft-deleted). */
  stopped?: { softDeleted: boolean };
}

/** The code of a VM the vault path leaves out because a pre-flight check failed. */
export const PREFLIGHT_FAILED = 'PREFLIGHT_FAILED';

/** Every policy the bot creates or lists is a Standard (daily/weekly, V1) policy. */
const BOT_POLICY_KIND: PolicyKind = 'Standard';

/** A check whose Azure read failed: says so with Azure's sentence; anything else is a bug and propagates. */
async function attempt(id: string, title: string, run: () => Promise<CheckLineView[]>): Promise<CheckLineView[]> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return [{ id, title, outcome: 'unknown', text: `could not be checked: ${err.message}`, action: 'Run the check again; if it keeps failing, check the bot\'s Azure permissions for this resource.' }];
  }
}

const line = (id: string, title: string, outcome: CheckOutcome, text: string, extra: Partial<CheckLineView> = {}): CheckLineView => ({ id, title, outcome, text, ...extra });

const findingLine = (title: string) => (f: SupportFinding): CheckLineView => line(f.rule, title, f.outcome, f.text, { action: f.action, source: { label: f.source.title, url: f.source.url } });

function powerCheck(vm: VirtualMachine): CheckLineView {
  const power = vm.powerState?.toLowerCase();
  if (!power) return line('power', 'Power state', 'unknown', 'could not be checked: Azure did not report the power state.', { action: 'Open the VM in the portal to see whether it runs.' });
  if (power === 'running') return line('power', 'Power state', 'pass', 'Running: backups are application- or file-system-consistent.');
  return line('power', 'Power state', 'warn', `${powerWords(vm.powerState)}: Azure Backup backs up a stopped VM, but crash-consistent only.`, {
    action: 'Start the VM before its backups run for application-consistent recovery points.',
    source: { label: 'Support matrix for Azure VM backups: Back up a VM that\'s shut down or offline', url: `${SUPPORT_MATRIX_URL}#supported-backup-actions` },
  });
}

function agentCheck(vm: VmProfile | VirtualMachine): CheckLineView {
  const version = 'agentVersion' in vm && vm.agentVersion ? `, version ${vm.agentVersion}` : '';
  const source = { label: 'Troubleshoot Azure Backup: VM agent unable to communicate with Azure Backup', url: `${TROUBLESHOOT_AGENT_URL}#usererrorguestagentstatusunavailable---vm-agent-unable-to-communicate-with-azure-backup` };
  switch (vm.agent) {
    case 'Ready':
      return line('agent', 'VM agent', 'pass', `Ready${version}.`);
    case 'NotInstalled':
      return line('agent', 'VM agent', 'fail', `${vm.name} has no VM agent: Azure Backup needs it and refuses to protect the VM.`, { action: 'Install the Azure VM agent (Windows: the VM agent MSI; Linux: walinuxagent), then run the check again.', source });
    case 'NotReady':
      return line('agent', 'VM agent', 'warn', `Not ready${version}: protection can be enabled, but backups fail until the agent reports Ready.`, { action: 'Restart the agent (Windows: the "RdAgent" service; Linux: walinuxagent) and check it is up to date.', source });
    default:
      return line('agent', 'VM agent', 'warn', `Not reporting${vm.powerState && vm.powerState !== 'running' ? ` (the VM is ${powerWords(vm.powerState).toLowerCase()})` : ''}: backups fail until the agent reports Ready.`, { action: 'Start the VM and check the agent.', source });
  }
}

const vaultName = (id: string): string => id.split('/').pop() ?? id;

/** The vault that would protect the VM: the one chosen, else the first of its region, else a new one. */
function vaultCheck(vm: VirtualMachine, choice: VaultChoice | undefined, vaults: Vault[]): CheckLineView {
  if (choice?.kind === 'new') return line('vault', 'Vault', 'pass', `${choice.name}, created in ${choice.location} (resource group ${choice.resourceGroup}) when you enable backup.`);
  if (choice?.kind === 'existing') return line('vault', 'Vault', 'pass', `${vaultName(choice.vaultId)}, in ${vm.location} like the VM.`);
  if (vaults.length === 0) return line('vault', 'Vault', 'pass', `No vault in ${vm.location} yet: \`backup enable ${vm.name}\` creates one there (vault-${vm.location} by default).`);
  const names = vaults.map((v) => `${v.name} (resource group ${v.resourceGroup})`);
  return line('vault', 'Vault', 'pass', `${names.length === 1 ? names[0] : `${plural(names.length, 'vault')}: ${names.join(', ')}`} in ${vm.location}.`);
}

/** The policy that would apply and when it first runs, in the same words as the confirm step. */
async function policyCheck(ctx: FlowContext, vm: VirtualMachine, choice: PreflightChoice, vaults: Vault[], protectedPolicy?: { vaultId: string; name: string }): Promise<CheckLineView[]> {
  const now = ctx.now();
  if (protectedPolicy && !protectedPolicy.name) return [line('policy', 'Policy', 'warn', `Azure names no policy for it in vault ${vaultName(protectedPolicy.vaultId)}: no scheduled backups.`, { action: 'Open the VM\'s backup in the portal and set a policy.' })];
  if (choice.policy?.kind === 'new') {
    const def = choice.policy.definition;
    return [line('policy', 'Policy', 'pass', `${def.name} (new): ${policySummary(def).text}. First backup ${when(nextScheduledRun(def.schedule, now), now).text}.`)];
  }
  const vaultId = protectedPolicy?.vaultId ?? (choice.vault?.kind === 'existing' ? choice.vault.vaultId : choice.vault ? undefined : vaults[0]?.id);
  if (!vaultId) {
    return [line('policy', 'Policy', 'pass', `${DEFAULT_POLICY_NAME} of the new vault: daily, kept 30 days (Azure sets its time when it creates the vault).`)];
  }
  const name = protectedPolicy?.name || (choice.policy?.kind === 'existing' ? choice.policy.name : DEFAULT_POLICY_NAME);
  let policy: BackupPolicy;
  try {
    policy = await ctx.backup.getPolicy(vaultId, name);
  } catch (err) {
    if (err instanceof DomainError && !protectedPolicy && !choice.policy && 'status' in err && (err as { status?: number }).status === 404) {
      return [line('policy', 'Policy', 'warn', `Vault ${vaultName(vaultId)} has no ${DEFAULT_POLICY_NAME}.`, { action: 'Pick or create a policy when you enable backup.' })];
    }
    throw err;
  }
  const first = when(nextScheduledRun(policy.schedule, now), now).text;
  return [line('policy', 'Policy', 'pass', `${policy.name} in ${vaultName(vaultId)}: ${policySummary(policy).text}. ${protectedPolicy ? 'Next' : 'First'} backup ${first}.`)];
}

/** The lock checks from what the two lock lists answered (undefined: this backend reads no locks). */
function lockLines(vm: VirtualMachine, unmanaged: boolean, own: Attempted<ResourceLock[]> | undefined, all: Attempted<ResourceLock[]> | undefined): CheckLineView[] {
  if (!own || !all) return [line('locks', 'Resource locks', 'unknown', 'could not be checked: this Azure connection does not read locks.')];
  const title = 'Resource locks';
  const rpTitle = 'Restore point group locks';
  const out: CheckLineView[] = [];
  if (!own.ok) out.push(unknownLine('locks', title, own.error));
  else {
    const found = lockFindings({ ...vm, unmanagedDisks: unmanaged }, own.value.filter((l) => l.resourceGroup?.toLowerCase() === vm.resourceGroup.toLowerCase()));
    out.push(...(found.length ? found.map(findingLine(title)) : [line('locks', title, 'pass', `No lock on resource group ${vm.resourceGroup}.`)]));
  }
  if (!all.ok) out.push(unknownLine('restore-point-locks', rpTitle, all.error));
  else {
    const relevant = all.value.filter((l) => !l.resourceGroup || isRestorePointGroup(l.resourceGroup, vm.location));
    const found = lockFindings({ ...vm, resourceGroup: '', unmanagedDisks: unmanaged }, relevant);
    out.push(
      ...(found.length
        ? found.map(findingLine(rpTitle))
        : [line('restore-point-locks', rpTitle, 'pass', `No lock on the AzureBackupRG_${vm.location}_<n> groups, where Azure Backup keeps restore points.`)]),
    );
  }
  return out;
}

const NO_PROFILE = 'this Azure connection does not read VM disks.';

/**
 * Runs every check for one VM; `choice` is what the enable flow has picked (vault, policy). The
 * independent reads go out together (the VM, the region's vaults, its protection, both lock
 * lists); only the policy waits, for the vault or item it belongs to.
 */
export async function runPreflight(ctx: FlowContext, vm: VirtualMachine, choice: PreflightChoice = {}): Promise<PreflightReport> {
  const { backup } = ctx;
  const listLocks = backup.listLocks?.bind(backup);
  const readProfile = backup.getVirtualMachineProfile?.bind(backup);
  const [profileRead, vaults, item, ownLocks, allLocks] = await Promise.all([
    readProfile ? attemptValue(() => readProfile(vm.id)) : Promise.resolve<Attempted<VmProfile>>({ ok: false, error: NO_PROFILE }),
    attemptValue(() => backup.listVaults({ location: vm.location, subscriptionId: vm.subscriptionId })),
    attemptValue(() => backup.findProtectedItem(vm.id)),
    // The VM's own group, and the subscription's locks for the AzureBackupRG_<region>_<n> groups
    // (their names are Azure Backup's; a Reader on the VM's group alone may not see them).
    listLocks ? attemptValue(() => listLocks({ subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup })) : undefined,
    listLocks ? attemptValue(() => listLocks({ subscriptionId: vm.subscriptionId })) : undefined,
  ]);
  const profile = profileRead.ok ? profileRead.value : undefined;
  const current: VirtualMachine = profile ?? vm;

  const checks: CheckLineView[] = [powerCheck(current), agentCheck(current)];
  checks.push(vaults.ok ? vaultCheck(vm, choice.vault, vaults.value.sort((a, b) => a.name.localeCompare(b.name))) : unknownLine('vault', 'Vault', vaults.error));

  let protectedPolicy: { vaultId: string; name: string } | undefined;
  let stopped: PreflightReport['stopped'];
  if (!item.ok) checks.push(unknownLine('protection', 'Protection', item.error));
  else if (!item.value) checks.push(line('protection', 'Protection', 'pass', 'Not protected yet.'));
  else {
    const i = item.value;
    const words = protectionWords(i.protectionState).text;
    const second = 'Azure refuses to protect a VM in a second vault while the first keeps its data.';
    if (i.softDeleted) {
      stopped = { softDeleted: true };
      checks.push(line('protection', 'Protection', 'warn', `Its backup data in vault ${vaultName(i.vaultId)} was deleted with soft delete on. ${softDeletedWords(i.softDeleted.purgeAt, ctx.now()).text}.`, { action: `Undelete it first (\`backup undelete ${vm.name}\`), then resume its backups (\`backup resume ${vm.name}\`): ${second}` }));
    } else if (i.protectionState === 'ProtectionStopped') {
      stopped = { softDeleted: false };
      checks.push(line('protection', 'Protection', 'warn', `Protection was stopped in vault ${vaultName(i.vaultId)}${i.policyName ? ` (policy ${i.policyName})` : ''}; its recovery points are kept.`, { action: `Resume its backups in that vault (\`backup resume ${vm.name}\`): ${second}` }));
    } else {
      checks.push(line('protection', 'Protection', 'pass', `Already protected by vault ${vaultName(i.vaultId)}${i.policyName ? ` with policy ${i.policyName}` : ''}: ${words}.`));
      protectedPolicy = { vaultId: i.vaultId, name: i.policyName ?? '' };
    }
  }
  checks.push(...(await attempt('policy', 'Policy', () => policyCheck(ctx, vm, choice, vaults.ok ? vaults.value : [], protectedPolicy))));

  const unmanaged = profile ? [profile.osDisk, ...profile.dataDisks].some((d) => d && !d.managed) : false;
  checks.push(...lockLines(vm, unmanaged, ownLocks, allLocks));

  const matrixTitle = 'Support matrix';
  if (!profileRead.ok) checks.push(unknownLine('support-matrix', matrixTitle, profileRead.error));
  else {
    const findings = supportFindings(profileRead.value, BOT_POLICY_KIND);
    checks.push(
      ...(findings.length
        ? findings.map(findingLine(matrixTitle))
        : [line('support-matrix', matrixTitle, 'pass', `None of the ${SUPPORT_RULES.length} configurations the support matrix calls out (disks, security type, OS).`, { source: { label: 'Support matrix for Azure VM backups', url: SUPPORT_MATRIX_URL } })]),
    );
  }
  return { vm: current, checks, blocked: checks.some((c) => c.outcome === 'fail'), ...(protectedPolicy ? { protectedBy: protectedPolicy.vaultId } : {}), ...(stopped ? { stopped } : {}) };
}

type Attempted<T> = { ok: true; value: T } | { ok: false; error: string };

async function attemptValue<T>(run: () => Promise<T>): Promise<Attempted<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { ok: false, error: err.message };
  }
}

function unknownLine(id: string, title: string, reason: string): CheckLineView {
  return line(id, title, 'unknown', `could not be checked: ${reason}`, { action: 'Run the check again; if it keeps failing, check the bot\'s Azure permissions for this resource.' });
}

/** "6 passed, 1 warning, 1 failed, 1 not checked". */
export function checksSummary(checks: readonly CheckLineView[]): string {
  const count = (o: CheckOutcome): number => checks.filter((c) => c.outcome === o).length;
  const parts = [`${count('pass')} passed`];
  if (count('warn')) parts.push(plural(count('warn'), 'warning'));
  if (count('fail')) parts.push(`${count('fail')} failed`);
  if (count('unknown')) parts.push(`${count('unknown')} not checked`);
  return parts.join(', ');
}

/** The tone of a set of checks: a failure is an error, a warning or an unchecked one a warning. */
export function checksTone(checks: readonly CheckLineView[]): Tone {
  if (checks.some((c) => c.outcome === 'fail')) return 'error';
  if (checks.some((c) => c.outcome === 'warn' || c.outcome === 'unknown')) return 'warning';
  return 'success';
}

/** A check as one line of text (form sections, plain-text fallbacks). */
export function checkLineText(c: CheckLineView): string {
  const mark = { pass: 'Pass', warn: 'Warning', fail: 'Fail', unknown: 'Not checked' }[c.outcome];
  return `${mark}: ${c.title}: ${c.text}${c.action && c.outcome !== 'pass' ? ` What to do: ${c.action}` : ''}`;
}


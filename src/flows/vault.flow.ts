/**
 * The vault path: pick or define a vault -> storage replication and policy -> (new policy) ->
 * several VMs of the vault's region -> Enable Backup, with one outcome per VM.
 */
import type { BackupPolicy, StorageRedundancy, Vault, VirtualMachine } from '../domain/backup.types';
import { DEFAULT_POLICY_NAME } from '../domain/backup-policy.rule';
import { checkSameRegion, normalizeLocation } from '../domain/region.rule';
import { RESOURCE_GROUP_NAME_RULE_TEXT, validateResourceGroupName } from '../domain/resource-group-name.rule';
import { VAULT_NAME_RULE_TEXT, validateVaultName } from '../domain/vault-name.rule';
import { AzureError } from '../domain/errors';
import { policyOptions } from './enable.flow';
import type {
  FormValues,
  PolicyChoice,
  VaultChoice,
  VaultChooseIntent,
  VaultChooseVmsIntent,
  VaultDefineIntent,
  VaultDefinePolicyIntent,
  VaultSettingsIntent,
} from './intents';
import type { FlowContext } from './flow-context';
import { formResult, invalidResult } from './flow-results';
import { multiple, single } from './form-values';
import { isVaultId } from './resource-lookup';
import { parsePolicyForm, policyFields, policyNameTaken, POLICY_FORM_DEFAULTS } from './policy-form';
import { mapWithConcurrency } from '../util/concurrency';
import { PREFLIGHT_FAILED, runPreflight } from './preflight-checks';
import { rejectedVm, runProtectionPlan } from './protection-plan';
import { subscriptionNames, subscriptionWords } from './subscription-names';
import { clip, vmOption } from './vm-options';
import { LOADING_NOTE_VALUE, type Fact, type FieldError, type FlowResult, type FormView, type OptionView, type VmOutcomeView } from './views';
import { plural, policySummary, redundancyWords } from './wording';

const NEW = 'new';
const DEFAULT = 'default';
const TITLE = 'Protect VMs from a vault';
/** VMs checked side by side on the vault path (each check is a handful of Azure reads). */
const PREFLIGHT_CONCURRENCY = 4;

/** The VMs to start the VM step with, carried through each step's submit (see Preselected). */
type Pre = string[] | undefined;
const carry = (preselect: Pre): { preselect?: string[] } => (preselect?.length ? { preselect } : {});

// ---- pick or define the vault ------------------------------------------------------------------------

async function pickForm(ctx: FlowContext, values: FormValues, preselect?: Pre): Promise<FormView> {
  const vaults = (await ctx.backup.listVaults()).sort((a, b) => a.name.localeCompare(b.name));
  const options: OptionView[] = vaults.slice(0, 99).map((v) => ({ value: v.id, label: clip(v.name), description: clip(`${v.location} · resource group ${v.resourceGroup}`) }));
  options.push({ value: NEW, label: 'Create a new vault', description: 'Subscription, resource group, region and name' });
  return {
    kind: 'form',
    form: 'vault.pick',
    title: TITLE,
    sections: ['Pick the vault that will protect the VMs, or create one. A vault protects VMs of its own region.'],
    fields: [{ kind: 'select', id: 'vault', label: 'Recovery Services vault', options, value: single(values, 'vault') || (vaults[0]?.id ?? NEW) }],
    submit: { label: 'Next', intent: { type: 'vault.choose', values: {}, ...carry(preselect) } },
  };
}

export async function vaultStart(ctx: FlowContext): Promise<FlowResult> {
  return formResult(await pickForm(ctx, {}));
}

export async function vaultChoose(ctx: FlowContext, intent: VaultChooseIntent): Promise<FlowResult> {
  const choice = single(intent.values, 'vault');
  const pre = intent.preselect;
  if (choice === NEW) return formResult(await newVaultForm(ctx, {}, pre));
  if (!choice || !isVaultId(choice)) return invalidResult(await pickForm(ctx, intent.values, pre), [{ field: 'vault', code: 'VAULT_REQUIRED', message: 'Pick a vault, or "Create a new vault".' }]);
  try {
    const vault = await ctx.backup.getVault(choice);
    return formResult(await settingsForm(ctx, { kind: 'existing', vaultId: vault.id }, {}, undefined, pre));
  } catch (err) {
    if (err instanceof AzureError && err.status === 404) {
      return invalidResult(await pickForm(ctx, intent.values, pre), [{ field: 'vault', code: 'VAULT_NOT_FOUND', message: 'That vault was not found (it may have been deleted). Pick another one.' }]);
    }
    throw err;
  }
}

/**
 * Azure's resource groups per subscription (lower-case id -> names), or undefined when the
 * service cannot list them (or fails to: the groups of the VMs and vaults then stand in).
 */
async function azureGroups(ctx: FlowContext): Promise<Map<string, Set<string>> | undefined> {
  const list = ctx.backup.listResourceGroups?.bind(ctx.backup);
  if (!list) return undefined;
  const subs = ctx.backup.subscriptions();
  try {
    const lists = await Promise.all(subs.map((s) => list(s)));
    return new Map(subs.map((s, i) => [s.toLowerCase(), new Set(lists[i].map((g) => g.name))]));
  } catch (err) {
    ctx.logger.warn('could not list the resource groups; offering those of the known VMs and vaults', { err });
    return undefined;
  }
}

/**
 * Resource groups (Azure's, else those of the VMs and vaults) per subscription, the regions the
 * bot knows of, and the one with the most VMs (a new vault's likeliest region).
 */
async function knownPlaces(ctx: FlowContext): Promise<{ groups: Map<string, Set<string>>; regions: string[]; busiestRegion: string | undefined }> {
  await ctx.inventory.ready();
  const groups = new Map<string, Set<string>>();
  const vmsPerRegion = new Map<string, number>();
  const add = (sub: string, rg: string, location: string, vms: number): void => {
    const set = groups.get(sub.toLowerCase()) ?? new Set<string>();
    set.add(rg);
    groups.set(sub.toLowerCase(), set);
    const region = normalizeLocation(location);
    vmsPerRegion.set(region, (vmsPerRegion.get(region) ?? 0) + vms);
  };
  ctx.inventory.each((e) => add(e.vm.subscriptionId, e.vm.resourceGroup, e.vm.location, 1));
  for (const v of await ctx.backup.listVaults()) add(v.subscriptionId, v.resourceGroup, v.location, 0);
  const regions = [...vmsPerRegion.keys()].sort();
  const busiestRegion = regions.reduce<string | undefined>((best, r) => (best === undefined || vmsPerRegion.get(r)! > vmsPerRegion.get(best)! ? r : best), undefined);
  return { groups: (await azureGroups(ctx)) ?? groups, regions, busiestRegion };
}

/** `base`, or `base-2`, `base-3`… : the first not among `taken` (compared as Azure does, ignoring case). */
function freeName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base;
  for (let i = 2; lower.has(name.toLowerCase()); i++) name = `${base}-${i}`;
  return name;
}

async function newVaultForm(ctx: FlowContext, values: FormValues, preselect?: Pre): Promise<FormView> {
  const subs = ctx.backup.subscriptions();
  const names = await subscriptionNames(ctx);
  const { groups, regions, busiestRegion } = await knownPlaces(ctx);
  const rgNames = [...new Set([...groups.values()].flatMap((s) => [...s]))].sort((a, b) => a.localeCompare(b));
  const rgOptions: OptionView[] = [{ value: NEW, label: 'New resource group', description: 'Named below' }, ...rgNames.slice(0, 99).map((rg) => ({ value: rg, label: clip(rg) }))];
  return {
    kind: 'form',
    form: 'vault.new',
    title: TITLE,
    sections: ['The new vault is created when you confirm, at the end. Its region decides which VMs it can protect.'],
    fields: [
      { kind: 'select', id: 'subscriptionId', label: 'Subscription', options: subs.map((s) => (names[s.toLowerCase()] ? { value: s, label: clip(names[s.toLowerCase()]), description: s } : { value: s, label: s })), value: single(values, 'subscriptionId') || subs[0] },
      { kind: 'select', id: 'resourceGroup', label: 'Resource group', options: rgOptions, value: single(values, 'resourceGroup') || NEW },
      { kind: 'text', id: 'newResourceGroup', label: 'New resource group name', value: single(values, 'newResourceGroup') || freeName('rg-backup', rgNames), requiredWhen: '"New resource group" is chosen', maxLength: 90, hint: `Required when "New resource group" is chosen; it is created in the vault's region. ${RESOURCE_GROUP_NAME_RULE_TEXT}` },
      { kind: 'select', id: 'location', label: 'Region', options: regions.map((r) => ({ value: r, label: r })), value: single(values, 'location') || busiestRegion },
      { kind: 'text', id: 'vaultName', label: 'Vault name', value: single(values, 'vaultName') || undefined, maxLength: 50, hint: VAULT_NAME_RULE_TEXT },
    ],
    submit: { label: 'Next', intent: { type: 'vault.define', values: {}, ...carry(preselect) } },
  };
}

export async function vaultDefine(ctx: FlowContext, intent: VaultDefineIntent): Promise<FlowResult> {
  const v = intent.values;
  const again = async (error: FieldError): Promise<FlowResult> => invalidResult(await newVaultForm(ctx, v, intent.preselect), [error]);
  const subs = ctx.backup.subscriptions();
  const subscriptionId = subs.find((s) => s.toLowerCase() === single(v, 'subscriptionId').toLowerCase());
  if (!subscriptionId) return again({ field: 'subscriptionId', code: 'SUBSCRIPTION_UNKNOWN', message: `Pick one of the subscriptions the bot manages: ${subs.join(', ')}.` });
  const { groups, regions } = await knownPlaces(ctx);
  let resourceGroup = single(v, 'resourceGroup');
  let newResourceGroup = false;
  if (!resourceGroup) return again({ field: 'resourceGroup', code: 'RESOURCE_GROUP_REQUIRED', message: 'Pick a resource group, or "New resource group" and name it.' });
  if (resourceGroup === NEW) {
    const rg = validateResourceGroupName(single(v, 'newResourceGroup'));
    if (!rg.ok) return again({ field: 'newResourceGroup', code: rg.code, message: rg.message });
    const existing = [...(groups.get(subscriptionId.toLowerCase()) ?? [])].find((g) => g.toLowerCase() === rg.value.toLowerCase());
    if (existing) {
      return again({ field: 'newResourceGroup', code: 'RESOURCE_GROUP_EXISTS', message: `Resource group ${existing} already exists in subscription ${subscriptionId}: pick it in the list instead of "New resource group", or choose another name.` });
    }
    resourceGroup = rg.value;
    newResourceGroup = true;
  } else {
    const known = [...(groups.get(subscriptionId.toLowerCase()) ?? [])].find((g) => g.toLowerCase() === resourceGroup.toLowerCase());
    if (!known) return again({ field: 'resourceGroup', code: 'RESOURCE_GROUP_UNKNOWN', message: `Resource group ${resourceGroup} is not in subscription ${subscriptionId}: pick one of its groups, or "New resource group".` });
    resourceGroup = known;
  }
  const location = normalizeLocation(single(v, 'location'));
  if (!regions.includes(location)) return again({ field: 'location', code: 'REGION_UNKNOWN', message: `Pick a region from the list (${clip(regions.join(', '), 200)}).` });
  const name = validateVaultName(single(v, 'vaultName'));
  if (!name.ok) return again({ field: 'vaultName', code: name.code, message: name.message });
  const free = await ctx.backup.checkVaultName({ subscriptionId, resourceGroup, location, name: name.value });
  if (!free.available) return again({ field: 'vaultName', code: 'VAULT_NAME_TAKEN', message: free.reason ?? `A vault named ${name.value} already exists in this subscription; choose another name.` });
  const vault: VaultChoice = { kind: 'new', subscriptionId, resourceGroup, location, name: name.value, ...(newResourceGroup ? { newResourceGroup } : {}) };
  return formResult(await settingsForm(ctx, vault, {}, undefined, intent.preselect));
}

// ---- replication and policy ---------------------------------------------------------------------------

interface VaultFacts {
  name: string;
  location: string;
  subscriptionId: string;
  resourceGroup: string;
  isNew: boolean;
  /** The vault's resource group is created with it. */
  newResourceGroup: boolean;
  redundancy: StorageRedundancy;
  /** Replication can no longer change (the vault protects something). */
  locked: boolean;
  policies: BackupPolicy[];
}

async function vaultFacts(ctx: FlowContext, vault: VaultChoice): Promise<VaultFacts> {
  if (vault.kind === 'new') {
    return {
      name: vault.name,
      location: vault.location,
      subscriptionId: vault.subscriptionId,
      resourceGroup: vault.resourceGroup,
      isNew: true,
      newResourceGroup: vault.newResourceGroup === true,
      redundancy: 'GeoRedundant',
      locked: false,
      policies: [],
    };
  }
  const [v, storage, policies]: [Vault, { redundancy: StorageRedundancy; locked: boolean }, BackupPolicy[]] = await Promise.all([
    ctx.backup.getVault(vault.vaultId),
    ctx.backup.getStorageRedundancy(vault.vaultId),
    ctx.backup.listPolicies(vault.vaultId),
  ]);
  return { name: v.name, location: v.location, subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, isNew: false, newResourceGroup: false, redundancy: storage.redundancy, locked: storage.locked, policies };
}

const vaultLine = (f: VaultFacts): string => `Vault ${f.name}${f.isNew ? ' (new)' : ''}: ${f.location}, resource group ${f.resourceGroup}${f.newResourceGroup ? ' (new)' : ''}.`;

const REDUNDANCY_OPTIONS: OptionView[] = [
  { value: 'GeoRedundant', label: redundancyWords('GeoRedundant'), description: 'Copies in a paired region; the default' },
  { value: 'LocallyRedundant', label: redundancyWords('LocallyRedundant'), description: 'One region only; costs less' },
];

async function settingsForm(ctx: FlowContext, vault: VaultChoice, values: FormValues, known?: VaultFacts, preselect?: Pre): Promise<FormView> {
  const f = known ?? (await vaultFacts(ctx, vault));
  const options = policyOptions(vault, f.policies);
  const sections = [vaultLine(f)];
  if (f.locked) sections.push(`Storage replication: ${redundancyWords(f.redundancy)}. It can no longer change: the vault already protects items.`);
  return {
    kind: 'form',
    form: 'vault.settings',
    title: TITLE,
    sections,
    fields: [
      ...(f.locked
        ? []
        : [{ kind: 'select' as const, id: 'redundancy', label: 'Storage replication', style: 'radio' as const, options: REDUNDANCY_OPTIONS, value: single(values, 'redundancy') || f.redundancy, hint: 'Can be changed only while the vault protects nothing.' }]),
      { kind: 'select', id: 'policy', label: 'Backup policy', options, value: single(values, 'policy') || options[0].value },
    ],
    submit: { label: 'Next', intent: { type: 'vault.settings', vault, values: {}, ...carry(preselect) } },
  };
}

export async function vaultSettings(ctx: FlowContext, intent: VaultSettingsIntent): Promise<FlowResult> {
  const f = await vaultFacts(ctx, intent.vault);
  const pre = intent.preselect;
  const again = async (error: FieldError): Promise<FlowResult> => invalidResult(await settingsForm(ctx, intent.vault, intent.values, f, pre), [error]);
  let redundancy: StorageRedundancy | undefined;
  if (!f.locked) {
    const r = single(intent.values, 'redundancy') || f.redundancy;
    if (r !== 'GeoRedundant' && r !== 'LocallyRedundant') return again({ field: 'redundancy', code: 'REDUNDANCY_INVALID', message: 'Pick Geo-redundant (GRS) or Locally redundant (LRS).' });
    if (f.isNew || r !== f.redundancy) redundancy = r;
  }
  const choice = single(intent.values, 'policy');
  if (choice === NEW) return formResult(newPolicyForm(intent.vault, f, redundancy, POLICY_FORM_DEFAULTS, pre));
  if (!choice || !policyOptions(intent.vault, f.policies).some((o) => o.value === choice)) {
    return again({ field: 'policy', code: 'POLICY_REQUIRED', message: 'Pick the default policy, one of the vault\'s policies, or "Create a new policy".' });
  }
  const policy: PolicyChoice = choice === DEFAULT ? { kind: 'default' } : { kind: 'existing', name: choice };
  return formResult(await vmsForm(ctx, intent.vault, f, redundancy, policy, preselected(pre)));
}

/** The VM step's values when it opens with VMs preselected. */
const preselected = (preselect: Pre): FormValues => (preselect?.length ? { vms: preselect } : {});

function newPolicyForm(vault: VaultChoice, f: VaultFacts, redundancy: StorageRedundancy | undefined, values: FormValues, preselect?: Pre): FormView {
  return {
    kind: 'form',
    form: 'vault.newPolicy',
    title: 'New backup policy',
    sections: [vaultLine(f)],
    fields: policyFields(values),
    submit: { label: 'Next', intent: { type: 'vault.definePolicy', vault, ...(redundancy ? { redundancy } : {}), values: {}, ...carry(preselect) } },
  };
}

export async function vaultDefinePolicy(ctx: FlowContext, intent: VaultDefinePolicyIntent): Promise<FlowResult> {
  const f = await vaultFacts(ctx, intent.vault);
  const parsed = parsePolicyForm(intent.values);
  const pre = intent.preselect;
  if (!parsed.ok) return invalidResult(newPolicyForm(intent.vault, f, intent.redundancy, intent.values, pre), [parsed.error]);
  if (policyNameTaken(parsed.value.name, f.policies) || parsed.value.name.toLowerCase() === DEFAULT_POLICY_NAME.toLowerCase()) {
    return invalidResult(newPolicyForm(intent.vault, f, intent.redundancy, intent.values, pre), [
      { field: 'policyName', code: 'POLICY_NAME_TAKEN', message: `The vault already has a policy named ${parsed.value.name}: pick it on the previous step, or choose another name.` },
    ]);
  }
  return formResult(await vmsForm(ctx, intent.vault, f, intent.redundancy, { kind: 'new', definition: parsed.value }, preselected(pre)));
}

// ---- the VMs, and running the plan ----------------------------------------------------------------------

async function vmsForm(ctx: FlowContext, vault: VaultChoice, f: VaultFacts, redundancy: StorageRedundancy | undefined, policy: PolicyChoice, values: FormValues): Promise<FormView> {
  await ctx.inventory.ready();
  const source = { kind: 'vms' as const, location: f.location, subscriptionId: f.subscriptionId, unprotectedOnly: true };
  const candidates = ctx.inventory.search('', { ...source, limit: 20 });
  // Flagged before enabling: protection of such a VM is accepted, but its backups fail.
  const agentNotReady = ctx.inventory.search('', { ...source, limit: 0, where: (e) => e.vm.agent === 'NotReady' || e.vm.agent === 'Unknown' }).total;
  // A VM the inventory does not hold yet (preselected by coverage, read from Azure since) is read
  // on its own: at most PRESELECT_MAX of them, and only when the step opens.
  const chosen = await Promise.all(
    multiple(values, 'vms').map(async (id) => ctx.inventory.get(id) ?? (await ctx.backup.getVirtualMachine(id).then((vm) => ({ vm })).catch(() => undefined))),
  );
  const selected = chosen.filter((e): e is NonNullable<typeof e> => !!e).map(vmOption);
  const facts: Fact[] = [
    { label: 'Vault', value: `${f.name}${f.isNew ? ' (new)' : ''}` },
    { label: 'Region', value: f.location },
    ...(f.isNew ? [{ label: 'Resource group', value: f.newResourceGroup ? `${f.resourceGroup} (new: created in ${f.location}, before the vault)` : f.resourceGroup }] : []),
    { label: 'Storage replication', value: redundancyWords(redundancy ?? f.redundancy) },
  ];
  if (policy.kind === 'new') facts.push({ label: 'Policy', value: `${policy.definition.name} (new): ${policySummary(policy.definition).text}` });
  else {
    const name = policy.kind === 'default' ? DEFAULT_POLICY_NAME : policy.name;
    const p = f.policies.find((x) => x.name.toLowerCase() === name.toLowerCase());
    facts.push({ label: 'Policy', value: p ? `${p.name}: ${policySummary(p).text}` : `${name}: daily, kept 30 days (created with the vault)` });
  }
  return {
    kind: 'form',
    form: 'vault.vms',
    title: TITLE,
    sections: [
      `Pick the VMs to protect: ${plural(candidates.total, 'unprotected VM')} in ${f.location} (subscription ${subscriptionWords(f.subscriptionId, await subscriptionNames(ctx))}). Each is checked first, as "backup check" does: a VM that fails a check is left out with the reason, and a VM's warnings are shown with its outcome.`,
      whatEnableDoes(f, redundancy, policy),
      ...(agentNotReady
        ? [`Warning: ${plural(agentNotReady, 'of these VMs has', 'of these VMs have')} a VM agent that is not ready or not reporting (said beside each): protection can be enabled, but backups fail until the agent reports Ready.`]
        : []),
    ],
    facts,
    fields: [
      {
        kind: 'search',
        id: 'vms',
        label: 'Virtual machines',
        source,
        multiple: true,
        minQueryLength: 0,
        placeholder: 'Type to search',
        initialOptions: candidates.matches.map(vmOption),
        ...(selected.length ? { selected } : {}),
      },
    ],
    submit: { label: 'Enable Backup', intent: { type: 'vault.chooseVms', vault, ...(redundancy ? { redundancy } : {}), policy, values: {} } },
  };
}

/** The confirmation of the vault path: what "Enable Backup" will create and change, and that it costs. */
function whatEnableDoes(f: VaultFacts, redundancy: StorageRedundancy | undefined, policy: PolicyChoice): string {
  const first: string[] = [];
  if (f.isNew && f.newResourceGroup) first.push(`creates resource group ${f.resourceGroup} in ${f.location}, then vault ${f.name} in it (${redundancyWords(redundancy ?? 'GeoRedundant')})`);
  else if (f.isNew) first.push(`creates vault ${f.name} in ${f.location} (resource group ${f.resourceGroup}, ${redundancyWords(redundancy ?? 'GeoRedundant')})`);
  else if (redundancy) first.push(`sets the storage replication of ${f.name} to ${redundancyWords(redundancy)}`);
  if (policy.kind === 'new') first.push(`creates policy ${policy.definition.name}`);
  const lead = first.length ? `Enable Backup first ${first.join(' and ')}, then protects` : 'Enable Backup protects';
  return `${lead} the VMs you pick from now on. Backup storage and each protected instance are billed by Azure; storage replication can no longer change once the vault protects a VM.`;
}

export async function vaultChooseVms(ctx: FlowContext, intent: VaultChooseVmsIntent): Promise<FlowResult> {
  const ids = [...new Set(multiple(intent.values, 'vms'))].filter((id) => id !== LOADING_NOTE_VALUE);
  const f = await vaultFacts(ctx, intent.vault);
  const again = async (error: FieldError): Promise<FlowResult> => invalidResult(await vmsForm(ctx, intent.vault, f, intent.redundancy, intent.policy, intent.values), [error]);
  if (ids.length === 0) return again({ field: 'vms', code: 'VMS_REQUIRED', message: `Pick one or more VMs in ${f.location} to protect.` });
  await ctx.inventory.ready();
  const accepted: VirtualMachine[] = [];
  const rejected: VmOutcomeView[] = [];
  for (const id of ids) {
    let vm: VirtualMachine | undefined = ctx.inventory.get(id)?.vm;
    if (!vm) {
      try {
        vm = await ctx.backup.getVirtualMachine(id);
      } catch {
        rejected.push(rejectedVm({ id, name: id.split('/').pop() ?? id }, 'VM_NOT_FOUND', 'VM not found (it may have been deleted).'));
        continue;
      }
    }
    const region = checkSameRegion(vm.location, f.location, vm.name);
    if (!region.ok) {
      rejected.push(rejectedVm(vm, region.code, region.message));
    } else if (vm.subscriptionId.toLowerCase() !== f.subscriptionId.toLowerCase()) {
      rejected.push(rejectedVm(vm, 'VM_OTHER_SUBSCRIPTION', `${vm.name} is in subscription ${vm.subscriptionId}; a vault protects VMs of its own subscription.`));
    } else {
      accepted.push(vm);
    }
  }
  // The same pre-flight checks as `backup check`: a failed check turns the VM down with its
  // reason, a warning goes with its outcome; the other VMs go ahead.
  const checked: VirtualMachine[] = [];
  const warnings: Record<string, string> = {};
  const reports = await mapWithConcurrency(accepted, PREFLIGHT_CONCURRENCY, (vm) => runPreflight(ctx, vm, { vault: intent.vault, policy: intent.policy }));
  for (const [i, vm] of accepted.entries()) {
    const report = reports[i];
    const failed = report.checks.filter((c) => c.outcome === 'fail');
    if (failed.length) {
      rejected.push(rejectedVm(vm, PREFLIGHT_FAILED, failed.map((c) => `${c.text} What to do: ${c.action ?? 'see backup check'}`).join(' ')));
      continue;
    }
    const warned = report.checks.filter((c) => c.outcome === 'warn');
    if (warned.length) warnings[vm.id.toLowerCase()] = warned.map((c) => `${c.title}: ${c.text}`).join(' ');
    checked.push(vm);
  }
  if (checked.length === 0) {
    return again({ field: 'vms', code: 'VMS_NOT_ELIGIBLE', message: rejected.map((r) => `${r.vm.name}: ${r.text}`).join(' ') });
  }
  return runProtectionPlan(ctx, { vault: intent.vault, redundancy: intent.redundancy, policy: intent.policy, vms: checked, rejected, warnings });
}

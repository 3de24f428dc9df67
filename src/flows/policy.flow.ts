/** `backup policy list|show|create`: a vault's policies in words, and the policy form. */
import type { BackupPolicy, Vault } from '../domain/backup.types';
import { AzureError } from '../domain/errors';
import type { PolicyCreateIntent, PolicyDefineIntent, PolicyListIntent, PolicyPickVaultIntent, PolicyShowIntent } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, formResult, invalidResult, messageResult, notice } from './flow-results';
import { single } from './form-values';
import { vaultRef } from './resource-links';
import { resolveVault } from './resource-lookup';
import { parsePolicyForm, policyFields, policyNameTaken, POLICY_FORM_DEFAULTS } from './policy-form';
import { clip } from './vm-options';
import type { FlowResult, FormView, PolicyDetailView, PolicyListView } from './views';
import type { FormValues } from './intents';
import { instantRestoreWords, policySummary, retentionLines } from './wording';

type VaultOrAnswer = { vault: Vault } | { answer: FlowResult };

function vaultPicker(vaults: Vault[], next: 'list' | 'create', values: FormValues = {}): FormView {
  return {
    kind: 'form',
    form: 'policy.pickVault',
    title: next === 'create' ? 'New backup policy' : 'Backup policies',
    sections: ['Policies belong to a vault. Which vault?'],
    fields: [
      {
        kind: 'select',
        id: 'vault',
        label: 'Recovery Services vault',
        options: vaults.slice(0, 100).map((v) => ({ value: v.id, label: clip(v.name), description: clip(`${v.location} · resource group ${v.resourceGroup}`) })),
        value: single(values, 'vault') || vaults[0]?.id,
      },
    ],
    submit: { label: 'Next', intent: { type: 'policy.pickVault', next, values: {} } },
  };
}

/** The vault a policy command means: named, the only one, or a picker form. */
async function vaultFor(ctx: FlowContext, text: string | undefined, next: 'list' | 'create'): Promise<VaultOrAnswer> {
  if (text) {
    const found = await resolveVault(ctx, text);
    if (found.kind === 'one') return { vault: found.value };
    if (found.kind === 'many') return { answer: formResult(vaultPicker(found.values, next)) };
    return {
      answer: messageResult(
        notice('warning', 'Vault not found', `There is no vault named "${clip(text, 60)}".`, {
          actions: found.suggestions.map((v) => ({ label: v.name, intent: next === 'list' ? { type: 'policy.list' as const, vault: v.id } : { type: 'policy.create' as const, vault: v.id } })),
        }),
      ),
    };
  }
  const vaults = await ctx.backup.listVaults();
  if (vaults.length === 1) return { vault: vaults[0] };
  if (vaults.length === 0) {
    return { answer: messageResult(notice('info', 'No vaults yet', 'There is no Recovery Services vault yet. Create one with `backup vault`.', { actions: [{ label: 'Create a vault', intent: { type: 'vault.start' }, style: 'primary' }] })) };
  }
  return { answer: formResult(vaultPicker(vaults.sort((a, b) => a.name.localeCompare(b.name)), next)) };
}

function listView(vault: Vault, policies: BackupPolicy[]): PolicyListView {
  return {
    kind: 'policy-list',
    vault: vaultRef(vault),
    policies: policies
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ ...policySummary(p), protectedItemsCount: p.protectedItemsCount, actions: [{ label: 'Show', intent: { type: 'policy.show', name: p.name, vault: vault.id } }] })),
    actions: [{ label: 'New policy', intent: { type: 'policy.create', vault: vault.id }, style: 'primary' }],
  };
}

export function policyDetail(vault: Vault, p: BackupPolicy, headline?: string): PolicyDetailView {
  const instant = instantRestoreWords(p.instantRpRetentionDays);
  const view: PolicyDetailView = {
    kind: 'policy-detail',
    vault: vaultRef(vault),
    policy: { ...policySummary(p), retentionLines: retentionLines(p), protectedItemsCount: p.protectedItemsCount, ...(instant ? { instantRestoreText: instant } : {}) },
    actions: [{ label: 'All policies', intent: { type: 'policy.list', vault: vault.id } }],
  };
  if (headline) view.headline = headline;
  return view;
}

export async function policyList(ctx: FlowContext, intent: PolicyListIntent): Promise<FlowResult> {
  const found = await vaultFor(ctx, intent.vault, 'list');
  if ('answer' in found) return found.answer;
  return messageResult(listView(found.vault, await ctx.backup.listPolicies(found.vault.id)));
}

export async function policyShow(ctx: FlowContext, intent: PolicyShowIntent): Promise<FlowResult> {
  let vaults: Vault[];
  if (intent.vault) {
    const found = await resolveVault(ctx, intent.vault);
    if (found.kind === 'none') return messageResult(notice('warning', 'Vault not found', `There is no vault named "${clip(intent.vault, 60)}".`));
    vaults = found.kind === 'one' ? [found.value] : found.values;
  } else {
    vaults = await ctx.backup.listVaults();
  }
  const hits: { vault: Vault; policy: BackupPolicy }[] = [];
  for (const vault of vaults) {
    const policies = await ctx.backup.listPolicies(vault.id);
    const p = policies.find((x) => x.name.toLowerCase() === intent.name.toLowerCase());
    if (p) hits.push({ vault, policy: p });
  }
  if (hits.length === 1) return messageResult(policyDetail(hits[0].vault, hits[0].policy));
  if (hits.length > 1) {
    return messageResult(
      notice('info', `${hits.length} vaults have a policy named ${intent.name}`, 'Which one?', {
        actions: hits.map((h) => ({ label: `${h.vault.name} (${h.vault.location})`, intent: { type: 'policy.show' as const, name: h.policy.name, vault: h.vault.id } })),
      }),
    );
  }
  return messageResult(
    notice('warning', 'Policy not found', `No policy named "${clip(intent.name, 60)}"${vaults.length === 1 ? ` in vault ${vaults[0].name}` : ' in any vault'}.`, {
      actions: vaults.slice(0, 5).map((v) => ({ label: `Policies of ${v.name}`, intent: { type: 'policy.list' as const, vault: v.id } })),
    }),
  );
}

function newPolicyForm(vault: Vault, values: FormValues): FormView {
  return {
    kind: 'form',
    form: 'policy.new',
    title: 'New backup policy',
    sections: [`Vault ${vault.name} (${vault.location}). The policy is created when you press Create policy.`],
    fields: policyFields(values),
    submit: { label: 'Create policy', intent: { type: 'policy.define', vaultId: vault.id, values: {} } },
  };
}

export async function policyCreate(ctx: FlowContext, intent: PolicyCreateIntent): Promise<FlowResult> {
  const found = await vaultFor(ctx, intent.vault, 'create');
  if ('answer' in found) return found.answer;
  return formResult(newPolicyForm(found.vault, POLICY_FORM_DEFAULTS));
}

export async function policyPickVault(ctx: FlowContext, intent: PolicyPickVaultIntent): Promise<FlowResult> {
  const id = single(intent.values, 'vault');
  const vaults = await ctx.backup.listVaults();
  const vault = vaults.find((v) => v.id.toLowerCase() === id.toLowerCase());
  if (!vault) return invalidResult(vaultPicker(vaults, intent.next, intent.values), [{ field: 'vault', code: 'VAULT_REQUIRED', message: 'Pick a vault from the list.' }]);
  if (intent.next === 'create') return formResult(newPolicyForm(vault, POLICY_FORM_DEFAULTS));
  return messageResult(listView(vault, await ctx.backup.listPolicies(vault.id)));
}

export async function policyDefine(ctx: FlowContext, intent: PolicyDefineIntent): Promise<FlowResult> {
  let vault: Vault;
  try {
    vault = await ctx.backup.getVault(intent.vaultId);
  } catch (err) {
    if (err instanceof AzureError && err.status === 404) return messageResult(notice('warning', 'Vault not found', 'That vault no longer exists. Nothing was changed.'));
    throw err;
  }
  const parsed = parsePolicyForm(intent.values);
  if (!parsed.ok) return invalidResult(newPolicyForm(vault, intent.values), [parsed.error]);
  const existing = await ctx.backup.listPolicies(vault.id);
  if (policyNameTaken(parsed.value.name, existing)) {
    return invalidResult(newPolicyForm(vault, intent.values), [{ field: 'policyName', code: 'POLICY_NAME_TAKEN', message: `Vault ${vault.name} already has a policy named ${parsed.value.name}; choose another name.` }]);
  }
  try {
    const created = await ctx.backup.createPolicy(vault.id, parsed.value);
    return messageResult(policyDetail(vault, created, `Policy ${created.name} created in vault ${vault.name}.`));
  } catch (err) {
    return messageResult(failureNotice(ctx, err, `Policy ${parsed.value.name} was not created`));
  }
}

/**
 * The Azure resources and places an intent names by id: what access control checks against the
 * channel's scope before running it, and what the audit log records. Names typed by a person
 * (`backup status web-01`) are not here: the flows resolve them through the scoped services,
 * which only find what the scope covers.
 */
import { isResourceId } from '../domain/azure-ids';
import type { FormValues, Intent, IntentType, VaultChoice } from '../flows/intents';
import { placeOfId, type ScopePlace } from './channel-scope';

export interface NamedResources {
  /** ARM ids of VMs, vaults and jobs. */
  ids: string[];
  /** Places something would be created in (a new vault's subscription and resource group). */
  places: ScopePlace[];
}

const NONE: NamedResources = { ids: [], places: [] };

const armIds = (...values: (string | string[] | undefined)[]): string[] =>
  values.flat().filter((v): v is string => typeof v === 'string' && isResourceId(v.trim())).map((v) => v.trim());

const value = (values: FormValues, id: string): string[] => {
  const v = values[id];
  return v === undefined ? [] : Array.isArray(v) ? v : v.split(',');
};

function vaultChoice(choice: VaultChoice): NamedResources {
  return choice.kind === 'existing'
    ? { ids: armIds(choice.vaultId), places: [] }
    : { ids: [], places: [{ subscriptionId: choice.subscriptionId.toLowerCase(), resourceGroup: choice.resourceGroup }] };
}

const merge = (...parts: NamedResources[]): NamedResources => ({ ids: parts.flatMap((p) => p.ids), places: parts.flatMap((p) => p.places) });
const ids = (...values: (string | string[] | undefined)[]): NamedResources => ({ ids: armIds(...values), places: [] });

type Extractors = { [K in IntentType]: (intent: Extract<Intent, { type: K }>) => NamedResources };

const EXTRACTORS: Extractors = {
  help: () => NONE,
  'vms.list': () => NONE,
  'jobs.list': () => NONE,
  'enable.start': (i) => ids(i.vm),
  'enable.chooseVm': (i) => ids(value(i.values, 'vm')),
  'enable.chooseVault': (i) => ids(i.vmId, value(i.values, 'vault')),
  'enable.choosePolicy': (i) => merge(ids(i.vmId), vaultChoice(i.vault)),
  'enable.definePolicy': (i) => merge(ids(i.vmId), vaultChoice(i.vault)),
  'enable.confirm': (i) => merge(ids(i.vmId), vaultChoice(i.vault)),
  'vault.start': () => NONE,
  'vault.choose': (i) => ids(value(i.values, 'vault'), i.preselect),
  'vault.define': (i) => {
    const sub = value(i.values, 'subscriptionId')[0]?.trim();
    const chosen = value(i.values, 'resourceGroup')[0]?.trim();
    const rg = chosen === 'new' ? value(i.values, 'newResourceGroup')[0]?.trim() : chosen;
    return merge(sub && rg ? { ids: [], places: [{ subscriptionId: sub.toLowerCase(), resourceGroup: rg }] } : NONE, ids(i.preselect));
  },
  'vault.settings': (i) => merge(vaultChoice(i.vault), ids(i.preselect)),
  'vault.definePolicy': (i) => merge(vaultChoice(i.vault), ids(i.preselect)),
  'vault.chooseVms': (i) => merge(vaultChoice(i.vault), ids(value(i.values, 'vms'))),
  'policy.list': (i) => ids(i.vault),
  'policy.show': (i) => ids(i.vault),
  'policy.create': (i) => ids(i.vault),
  'policy.pickVault': (i) => ids(value(i.values, 'vault')),
  'policy.define': (i) => ids(i.vaultId),
  'now.start': (i) => ids(i.vm),
  'now.chooseVm': (i) => ids(value(i.values, 'vm')),
  'now.submit': (i) => ids(i.vmId),
  'stop.start': (i) => ids(i.vm),
  'stop.submit': (i) => ids(i.vmId),
  'resume.start': (i) => ids(i.vm),
  'resume.submit': (i) => ids(i.vmId),
  'policy.set': (i) => ids(i.vm),
  'policy.setChoose': (i) => ids(i.vmId),
  'policy.setConfirm': (i) => ids(i.vmId),
  undelete: (i) => ids(i.vm),
  status: (i) => ids(i.target),
  check: (i) => ids(i.vm),
  'check.chooseVm': (i) => ids(value(i.values, 'vm')),
  items: (i) => ids(i.vault),
  // Coverage reads only: a subscription or group is looked at as far as the channel's scope
  // reaches into it (the scoped service lists only what the bindings cover), so nothing to refuse here.
  coverage: () => NONE,
  'job.refresh': (i) => ids(i.vaultId, i.context?.vmId),
  'job.cancel': (i) => ids(i.vaultId, i.context?.vmId),
  'job.cancelAsk': (i) => ids(i.vaultId, i.context?.vmId),
  // Channel notifications: the scope followed must be in the channel's scope. Ids are checked
  // here; vault and group names resolve through the scoped services, which only find what is in scope.
  subscribe: (i) => scopeText(i.scope),
  'subscribe.submit': (i) => scopeText(value(i.values, 'scope')[0]),
  unsubscribe: () => NONE,
  'subscriptions.list': () => NONE,
  health: () => NONE,
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A notification scope as text: a subscription id, or the ARM id of a subscription, a resource
 * group or a vault. A whole subscription is a place only a whole-subscription binding covers.
 */
function scopeText(text: string | undefined): NamedResources {
  const t = text?.trim() ?? '';
  if (GUID.test(t)) return { ids: [], places: [{ subscriptionId: t.toLowerCase() }] };
  if (!t.startsWith('/')) return NONE;
  if (isResourceId(t)) return { ids: [t], places: [] };
  const place = placeOfId(t);
  // An id-like text that is not a valid id must not slip through unchecked: it names no place in any scope.
  return { ids: [], places: [place ?? { subscriptionId: '' }] };
}

export function namedResources(intent: Intent): NamedResources {
  const extract = EXTRACTORS[intent.type] as (i: Intent) => NamedResources;
  return extract(intent);
}

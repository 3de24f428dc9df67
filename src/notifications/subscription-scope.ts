import { isResourceId, parseResourceId } from '../domain/azure-ids';
import { CHAT_PLATFORMS, type ChatPlatform } from '../store/store.types';
import type { JobStatus } from '../domain/backup.types';
import type { JobEvents, SubscriptionEvents, SubscriptionScope } from './subscription.types';

/** The scope's ARM id: /subscriptions/{id}, /subscriptions/{id}/resourceGroups/{name}, or the vault's id. */
export function scopeId(scope: SubscriptionScope): string {
  switch (scope.kind) {
    case 'subscription':
      return `/subscriptions/${scope.subscriptionId}`;
    case 'resource-group':
      return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}`;
    case 'vault':
      return scope.vaultId;
  }
}

const SUBSCRIPTION_ID = /^\/subscriptions\/([^/]+)\/?$/i;
const GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;

/** A scope from its ARM id (what scopeId gives, or what a person pasted); undefined for anything else. */
export function scopeFromId(id: string): SubscriptionScope | undefined {
  const text = id.trim();
  const sub = SUBSCRIPTION_ID.exec(text);
  if (sub) return { kind: 'subscription', subscriptionId: sub[1] };
  const group = GROUP_ID.exec(text);
  if (group) return { kind: 'resource-group', subscriptionId: group[1], resourceGroup: group[2] };
  if (isResourceId(text) && parseResourceId(text).type.toLowerCase() === 'vaults') return { kind: 'vault', vaultId: text };
  return undefined;
}

/** "vault rsv-prod-weu", "resource group rg-web-prod", "subscription 3c1a…". */
export function scopeWords(scope: SubscriptionScope, name: string): string {
  switch (scope.kind) {
    case 'subscription':
      return `subscription ${name}`;
    case 'resource-group':
      return `resource group ${name}`;
    case 'vault':
      return `vault ${name}`;
  }
}

/** What a protected item or job is about: its vault, and its VM when known. */
export interface ScopeSubject {
  vaultId: string;
  vmId?: string;
}

const lower = (s: string): string => s.toLowerCase();

/** Whether the subject falls in the scope (by its vault, or by its VM's subscription and resource group). */
export function inScope(subject: ScopeSubject, scope: SubscriptionScope): boolean {
  const vault = parseResourceId(subject.vaultId);
  const vm = subject.vmId !== undefined && isResourceId(subject.vmId) ? parseResourceId(subject.vmId) : undefined;
  switch (scope.kind) {
    case 'vault':
      return lower(subject.vaultId) === lower(scope.vaultId);
    case 'subscription':
      return lower(vault.subscriptionId) === lower(scope.subscriptionId) || (vm !== undefined && lower(vm.subscriptionId) === lower(scope.subscriptionId));
    case 'resource-group': {
      const sameGroup = (p: { subscriptionId: string; resourceGroup: string }): boolean =>
        lower(p.subscriptionId) === lower(scope.subscriptionId) && lower(p.resourceGroup) === lower(scope.resourceGroup);
      return sameGroup(vault) || (vm !== undefined && sameGroup(vm));
    }
  }
}

/**
 * Whether the vault can hold anything of the scope: Azure Backup protects a VM only with a vault
 * of its own subscription, so a subscription or group scope needs every vault of its subscription.
 */
export function vaultMayServe(vault: { id: string; subscriptionId: string }, scope: SubscriptionScope): boolean {
  if (scope.kind === 'vault') return lower(vault.id) === lower(scope.vaultId);
  return lower(vault.subscriptionId) === lower(scope.subscriptionId);
}

/** Whether a subscription's job events include a job that ended with this status. */
export function wantsJob(jobs: JobEvents, status: JobStatus): boolean {
  if (jobs === 'all') return true;
  if (jobs === 'failures') return status === 'Failed';
  return false;
}

/** What a subscription brings, in words: "the pending digest and every finished backup job". */
export function eventsWords(events: SubscriptionEvents): string {
  const which = events.jobs === 'all' ? 'every finished backup job' : events.jobs === 'failures' ? 'failed backup jobs' : undefined;
  const jobs = which && events.threaded ? `${which} in one thread a day (failures also in the channel)` : which;
  const parts = [
    ...(events.pendingDigest ? ['the digest of VMs waiting for their first backup'] : []),
    ...(jobs ? [jobs] : []),
    ...(events.coverageDigest ? ['the weekly coverage digest'] : []),
  ];
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}

export function asChatPlatform(platform: string): ChatPlatform | undefined {
  return (CHAT_PLATFORMS as readonly string[]).includes(platform) ? (platform as ChatPlatform) : undefined;
}

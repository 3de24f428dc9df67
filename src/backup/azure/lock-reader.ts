import { createPipelineRequest } from '@azure/core-rest-pipeline';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { AzureError } from '../../domain/errors';
import type { ResourceLock } from '../../domain/backup.types';
import { callAzure, describeAzureFailure } from './azure-error.mapper';

/**
 * Microsoft.Authorization management locks, version 2020-05-01 (Management Locks REST reference,
 * https://learn.microsoft.com/rest/api/resources/management-locks). No SDK package for locks is
 * in the bot, so they go through the resources client's pipeline (its credential, retries and
 * connection pool), as the subscriptions' names do.
 */
export const LOCKS_API_VERSION = '2020-05-01';
const MAX_PAGES = 50;

interface WireLock {
  id?: string;
  name?: string;
  properties?: { level?: string; notes?: string };
}

export function fromWireLock(lock: WireLock): ResourceLock | undefined {
  if (!lock.id) return undefined;
  const parts = lock.id.split('/');
  const sub = parts.findIndex((p) => p.toLowerCase() === 'subscriptions');
  const rg = parts.findIndex((p) => p.toLowerCase() === 'resourcegroups');
  const level = lock.properties?.level;
  // …/resourceGroups/{rg}/providers/{type}/{name}/providers/Microsoft.Authorization/locks/{lock}: on a resource.
  const scope = lock.id.replace(/\/providers\/Microsoft\.Authorization\/locks\/[^/]+$/i, '');
  const onResource = rg >= 0 && /\/providers\//i.test(scope);
  return {
    id: lock.id,
    name: lock.name ?? parts[parts.length - 1],
    level: level === 'CanNotDelete' || level === 'ReadOnly' ? level : 'NotSpecified',
    subscriptionId: sub >= 0 ? parts[sub + 1] : '',
    ...(rg >= 0 ? { resourceGroup: parts[rg + 1] } : {}),
    ...(onResource ? { resourceId: scope } : {}),
    ...(lock.properties?.notes ? { notes: lock.properties.notes } : {}),
  };
}

/** The locks of a resource group (with its resources'), or of the whole subscription. */
export async function listLocks(client: ResourceManagementClient, endpoint: string, scope: { subscriptionId: string; resourceGroup?: string }): Promise<ResourceLock[]> {
  const where = scope.resourceGroup ? `resource group ${scope.resourceGroup}` : `subscription ${scope.subscriptionId}`;
  const context = { action: `read the locks of ${where}` };
  const path = `/subscriptions/${encodeURIComponent(scope.subscriptionId)}${scope.resourceGroup ? `/resourceGroups/${encodeURIComponent(scope.resourceGroup)}` : ''}/providers/Microsoft.Authorization/locks`;
  let url: string | undefined = `${endpoint.replace(/\/+$/, '')}${path}?api-version=${LOCKS_API_VERSION}`;
  const locks: ResourceLock[] = [];
  for (let page = 0; url && page < MAX_PAGES; page += 1) {
    const pageUrl: string = url;
    const res = await callAzure(context, () => client.sendRequest(createPipelineRequest({ url: pageUrl, method: 'GET' })));
    let body: { value?: WireLock[]; nextLink?: string; error?: { code?: string; message?: string } } = {};
    try {
      body = JSON.parse(res.bodyAsText ?? '{}');
    } catch {
      body = {};
    }
    if (res.status !== 200) {
      if (!body.error) throw new AzureError('AZURE_UNEXPECTED', `Azure answered ${res.status} when asked for the locks of ${where}.`, undefined, res.status);
      throw describeAzureFailure({ code: body.error.code, message: body.error.message, status: res.status, requestId: res.headers.get('x-ms-request-id') }, context);
    }
    for (const raw of body.value ?? []) {
      const lock = fromWireLock(raw);
      if (lock) locks.push(lock);
    }
    url = body.nextLink || undefined;
  }
  return locks;
}

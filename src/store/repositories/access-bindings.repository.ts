import { randomUUID } from 'node:crypto';
import type { BindingRow, StoreDb } from '../database';
import { fromTimestamp, toTimestamp } from '../row-mappers';

/** A chat channel, as access control names it. */
export interface ChannelRef {
  platform: string;
  /** Slack team id, Teams tenant id; '' when the platform gave none. */
  workspaceId: string;
  channelId: string;
}

/** A channel bound to a whole subscription (no resourceGroup) or to one resource group of it. */
export interface ChannelBinding {
  id: string;
  channel: ChannelRef;
  /** Lower case. */
  subscriptionId: string;
  resourceGroup?: string;
  createdBy: string;
  createdByName?: string;
  createdAt: Date;
}

export interface BindingInput {
  channel: ChannelRef;
  subscriptionId: string;
  resourceGroup?: string;
  createdBy: string;
  createdByName?: string;
  at: Date;
}

/** The unique part of a binding: `sub` or `sub/rg`, lower case (ARM names compare case-insensitively). */
export const bindingScopeKey = (subscriptionId: string, resourceGroup?: string): string =>
  (resourceGroup ? `${subscriptionId}/${resourceGroup}` : subscriptionId).toLowerCase();

function toBinding(row: BindingRow): ChannelBinding {
  return {
    id: row.id,
    channel: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id },
    subscriptionId: row.subscription_id,
    ...(row.resource_group !== '' ? { resourceGroup: row.resource_group } : {}),
    createdBy: row.created_by,
    ...(row.created_by_name !== null ? { createdByName: row.created_by_name } : {}),
    createdAt: fromTimestamp(row.created_at, 'access_bindings', row.id),
  };
}

/** The channel's bindings, whole subscriptions first. */
export async function listChannelBindings(db: StoreDb, channel: ChannelRef): Promise<ChannelBinding[]> {
  const rows = await db
    .selectFrom('access_bindings')
    .selectAll()
    .where('platform', '=', channel.platform)
    .where('workspace_id', '=', channel.workspaceId)
    .where('channel_id', '=', channel.channelId)
    .orderBy('scope_key')
    .execute();
  return rows.map(toBinding);
}

/**
 * A conversation's bindings in every workspace, by platform and channel id only (a Slack channel
 * shared between workspaces keeps one id, and each workspace's admins bind it separately).
 */
export async function listConversationBindings(db: StoreDb, platform: string, channelId: string): Promise<ChannelBinding[]> {
  const rows = await db.selectFrom('access_bindings').selectAll().where('platform', '=', platform).where('channel_id', '=', channelId).execute();
  return rows.map(toBinding);
}

/**
 * Binds the channel to a scope. Returns the binding and whether it is new: binding what is already
 * bound changes nothing and answers the existing binding (who made it, when).
 */
export async function addChannelBinding(db: StoreDb, input: BindingInput): Promise<{ created: boolean; binding: ChannelBinding }> {
  const scopeKey = bindingScopeKey(input.subscriptionId, input.resourceGroup);
  const id = randomUUID();
  const result = await db
    .insertInto('access_bindings')
    .values({
      id,
      platform: input.channel.platform,
      workspace_id: input.channel.workspaceId,
      channel_id: input.channel.channelId,
      subscription_id: input.subscriptionId.toLowerCase(),
      resource_group: input.resourceGroup ?? '',
      scope_key: scopeKey,
      created_by: input.createdBy,
      created_by_name: input.createdByName ?? null,
      created_at: toTimestamp(input.at),
    })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'channel_id', 'scope_key']).doNothing())
    .executeTakeFirst();
  const row = await db
    .selectFrom('access_bindings')
    .selectAll()
    .where('platform', '=', input.channel.platform)
    .where('workspace_id', '=', input.channel.workspaceId)
    .where('channel_id', '=', input.channel.channelId)
    .where('scope_key', '=', scopeKey)
    .executeTakeFirstOrThrow();
  return { created: (result.numInsertedOrUpdatedRows ?? 0n) > 0n, binding: toBinding(row) };
}

/** Removes the channel's binding of that exact scope; returns it, or undefined when there was none. */
export async function removeChannelBinding(db: StoreDb, channel: ChannelRef, subscriptionId: string, resourceGroup?: string): Promise<ChannelBinding | undefined> {
  const scopeKey = bindingScopeKey(subscriptionId, resourceGroup);
  const row = await db
    .deleteFrom('access_bindings')
    .where('platform', '=', channel.platform)
    .where('workspace_id', '=', channel.workspaceId)
    .where('channel_id', '=', channel.channelId)
    .where('scope_key', '=', scopeKey)
    .returningAll()
    .executeTakeFirst();
  return row ? toBinding(row) : undefined;
}

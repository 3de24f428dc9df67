/**
 * What a conversation may be told about when nobody is asking: the scope the scheduler's
 * notifications respect. A subscription names its conversation by platform and id only, while
 * bindings are made per workspace, so the conversation's bindings are read across workspaces.
 * When admins of several workspaces bound it (a Slack channel shared between workspaces keeps one
 * id), a notification must be allowed by each of them, so any one admin's unbind stops it.
 * Nothing bound anywhere: the default scope. Read at each call, so a change applies at once; each
 * place carries when it was bound, so what ended before that is not told afterwards.
 */
import type { Kysely } from 'kysely';
import type { AccessConfig } from '../config/config.types';
import type { ChannelAccess } from '../notifications/subscription-access';
import type { Database } from '../store';
import { accessDb } from '../store/repositories/access-tables';
import { fromTimestamp } from '../store/row-mappers';
import { scopeOfPlaces } from './access-directory';
import { intersectScopes, type ChannelScope, type ScopePlace } from './channel-scope';

export function createChannelAccess(db: Kysely<Database>, settings: Pick<AccessConfig, 'defaultChannelScope'>): ChannelAccess {
  return {
    async scopeOf(channel) {
      const rows = await accessDb(db)
        .selectFrom('access_bindings')
        .select(['id', 'workspace_id', 'subscription_id', 'resource_group', 'created_at'])
        .where('platform', '=', channel.platform)
        .where('channel_id', '=', channel.conversationId)
        .execute();
      const byWorkspace = new Map<string, ScopePlace[]>();
      for (const row of rows) {
        const places = byWorkspace.get(row.workspace_id) ?? [];
        places.push({
          subscriptionId: row.subscription_id,
          ...(row.resource_group !== '' ? { resourceGroup: row.resource_group } : {}),
          since: fromTimestamp(row.created_at, 'access_bindings', row.id),
        });
        byWorkspace.set(row.workspace_id, places);
      }
      if (byWorkspace.size === 0) return scopeOfPlaces([], settings.defaultChannelScope);
      return [...byWorkspace.values()].map((places): ChannelScope => scopeOfPlaces(places, settings.defaultChannelScope)).reduce(intersectScopes);
    },
  };
}

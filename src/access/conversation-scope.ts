/**
 * What a conversation may be told about when nobody is asking: the scope the scheduler's
 * notifications respect. A subscription names its conversation by platform and id only, while
 * bindings are made per workspace, so the conversation's bindings are read across workspaces.
 * When admins of several workspaces bound it (a Slack channel shared between workspaces keeps one
 * id), a notification must be allowed by each of them, so any one admin's unbind stops it.
 * Nothing bound anywhere: the default scope. Read at each call, so a change applies at once; each
 * place carries when it was bound, so what ended before that is not told afterwards.
 */
import type { AccessConfig } from '../config/config.types';
import type { ChannelAccess } from '../notifications/subscription-access';
import type { StoreDb } from '../store';
import { listConversationBindings } from '../store/repositories/access-bindings.repository';
import { scopeOfPlaces } from './access-directory';
import { intersectScopes, type ChannelScope, type ScopePlace } from './channel-scope';

export function createChannelAccess(db: StoreDb, settings: Pick<AccessConfig, 'defaultChannelScope'>): ChannelAccess {
  return {
    async scopeOf(channel) {
      const byWorkspace = new Map<string, ScopePlace[]>();
      for (const binding of await listConversationBindings(db, channel.platform, channel.conversationId)) {
        const places = byWorkspace.get(binding.channel.workspaceId) ?? [];
        places.push({ subscriptionId: binding.subscriptionId, ...(binding.resourceGroup !== undefined ? { resourceGroup: binding.resourceGroup } : {}), since: binding.createdAt });
        byWorkspace.set(binding.channel.workspaceId, places);
      }
      if (byWorkspace.size === 0) return scopeOfPlaces([], settings.defaultChannelScope);
      return [...byWorkspace.values()].map((places): ChannelScope => scopeOfPlaces(places, settings.defaultChannelScope)).reduce(intersectScopes);
    },
  };
}

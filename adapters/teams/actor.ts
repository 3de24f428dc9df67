import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/flows/intents';
import { conversationKeyOf, tenantOf } from './conversation-reference';
import { TEAMS_PLATFORM } from './job-message-address';

/**
 * Who acts and where: the Entra object id when Teams gives it, the tenant, and the conversation
 * (a Teams channel as a whole, whichever post it was typed in) for access control,
 * subscriptions and the audit log.
 */
export function teamsActor(activity: Partial<Activity>): Actor {
  const { from } = activity;
  const tenant = tenantOf(activity);
  const where = conversationKeyOf(activity);
  return {
    platform: TEAMS_PLATFORM,
    userId: from?.aadObjectId ?? from?.id ?? 'unknown',
    displayName: from?.name || undefined,
    ...(tenant ? { workspaceId: tenant } : {}),
    ...(where ? { channelId: where } : {}),
  };
}

import type { Actor } from '../../src/flows/intents';
import { SLACK_PLATFORM } from './message-address';

/** The person as Slack names them in a body (`user` of an interaction, or a command's fields). */
export interface SlackUser {
  id: string;
  name?: string;
  username?: string;
  /** The person's workspace (Slack team id). */
  team_id?: string;
}

/**
 * The person acting, as the flows name them: Slack user id, and for access control the
 * workspace (team id: roles are granted per workspace) and the channel they act in (scopes
 * are per channel). Never an Azure identity.
 */
export function slackActor(user: SlackUser, channel?: string): Actor {
  const displayName = user.username ?? user.name;
  return {
    platform: SLACK_PLATFORM,
    userId: user.id,
    ...(displayName ? { displayName } : {}),
    ...(user.team_id ? { workspaceId: user.team_id } : {}),
    ...(channel ? { channelId: channel } : {}),
  };
}

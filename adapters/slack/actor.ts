import type { Actor } from '../../src/flows/intents';
import { SLACK_PLATFORM } from './message-address';

/** The person acting, as the flows name them (audit and wording only, never Azure identity). */
export function slackActor(user: { id: string; name?: string; username?: string }): Actor {
  const displayName = user.username ?? user.name;
  return { platform: SLACK_PLATFORM, userId: user.id, ...(displayName ? { displayName } : {}) };
}

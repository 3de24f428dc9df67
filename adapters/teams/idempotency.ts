/**
 * Idempotency keys claimed in the store's processed_events (TeamsDeps.claimEvent): an activity
 * is identified by its conversation and id, because Bot Framework redelivers an activity with
 * the same id when a bot answers late. A second click with the same inputs is another activity:
 * one effect per identical request is the guarded flows' rule (src/access/guarded-flows.ts).
 */
import type { Activity } from 'botbuilder';
import { keyPart } from '../../src/util/key-part';

/** The key of an activity, or undefined when it carries no id (then nothing can be claimed). */
export const activityKey = (activity: Pick<Activity, 'id' | 'conversation'>): string | undefined =>
  activity.id ? `teams:activity:${keyPart(activity.conversation.id)}:${keyPart(activity.id)}` : undefined;

/** False when this activity was handled before; an activity without an id always passes. */
export function claimActivity(claimEvent: (key: string) => Promise<boolean>, activity: Pick<Activity, 'id' | 'conversation'>): Promise<boolean> {
  const key = activityKey(activity);
  return key ? claimEvent(key) : Promise.resolve(true);
}

/**
 * Idempotency keys claimed in the store's processed_events (TeamsDeps.claimEvent): an activity
 * is identified by its conversation and id, because Bot Framework redelivers an activity with
 * the same id when a bot answers late. A second click with the same inputs is another activity:
 * one effect per identical request is the guarded flows' rule (src/access/guarded-flows.ts).
 */
import { keyPart } from '../../src/util/key-part';

/** What identifies an activity (Bot Framework's Activity.id and conversation.id). */
export interface ActivityIdentity {
  id?: string;
  conversation: { id: string };
}

/** The key of an activity, or undefined when it carries no id (then nothing can be claimed). */
export const activityKey = (activity: ActivityIdentity): string | undefined =>
  activity.id ? `teams:activity:${keyPart(activity.conversation.id)}:${keyPart(activity.id)}` : undefined;

/** How the adapter claims and gives back activity keys (TeamsDeps). */
export interface ActivityClaims {
  claimEvent(key: string): Promise<boolean>;
  releaseEvent(key: string): Promise<void>;
}

/**
 * Runs `work` once per activity: 'duplicate' when this activity was handled before (an activity
 * without an id always runs). When the work throws, the claim is given back before the error goes
 * on, so the redelivery Bot Framework sends after a failed answer is handled, not refused.
 */
export async function onceForActivity<T>(claims: ActivityClaims, activity: ActivityIdentity, work: () => Promise<T>): Promise<T | 'duplicate'> {
  const key = activityKey(activity);
  if (key && !(await claims.claimEvent(key))) return 'duplicate';
  try {
    return await work();
  } catch (err) {
    if (key) await claims.releaseEvent(key);
    throw err;
  }
}

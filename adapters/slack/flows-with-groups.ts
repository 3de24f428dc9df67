/**
 * The flows with each Slack actor's user groups filled in (Actor.groups), so that access control
 * counts roles granted to those groups. Applied once to the flows the Slack adapter calls, so the
 * listeners build actors as before.
 */
import type { Flows } from '../../src/flows/flows.types';
import type { Actor } from '../../src/flows/intents';
import { SLACK_PLATFORM } from './message-address';
import type { UserGroupDirectory } from './user-groups';

const withGroups = (actor: Actor, groups: string[]): Actor => (groups.length > 0 ? { ...actor, groups } : actor);

export function flowsWithSlackGroups(flows: Flows, directory: UserGroupDirectory): Flows {
  const filled = async (actor: Actor): Promise<Actor> => (actor.platform === SLACK_PLATFORM ? withGroups(actor, await directory.groupsOf(actor.userId)) : actor);
  return {
    ...flows,
    handle: async (intent, actor) => flows.handle(intent, await filled(actor)),
    handleText: async (text, actor) => flows.handleText(text, await filled(actor)),
    // Slack shows an error when options take over 3 s: the picker never waits for a read of the groups.
    suggest: (source, query, actor) =>
      flows.suggest(source, query, actor && actor.platform === SLACK_PLATFORM ? withGroups(actor, directory.knownGroupsOf(actor.userId)) : actor),
  };
}

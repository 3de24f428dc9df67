import { flowsWithSlackGroups } from '../../../adapters/slack/flows-with-groups';
import type { UserGroupDirectory } from '../../../adapters/slack/user-groups';
import type { Flows } from '../../../src/flows/flows.types';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult } from '../../../src/flows/views';

const done: FlowResult = { kind: 'message', placement: 'new', view: { kind: 'notice', tone: 'info', title: 'ok', text: 'ok', actions: [] } };

/** Flows that record the actor of each call, behind the decorator, on a fixed directory. */
function setup() {
  const seen: { call: string; actor?: Actor }[] = [];
  const jobs = { track: async () => undefined, refreshTrackedJobs: async () => [] };
  const flows = {
    handle: async (_intent: Intent, actor: Actor) => (seen.push({ call: 'handle', actor }), done),
    handleText: async (_text: string, actor: Actor) => (seen.push({ call: 'handleText', actor }), done),
    suggest: async (_source: unknown, _query: string, actor?: Actor) => (seen.push({ call: 'suggest', actor }), []),
    jobs,
  } as unknown as Flows;
  const waited: string[] = [];
  const directory: UserGroupDirectory = {
    groupsOf: async (userId) => (waited.push(userId), userId === 'U0ANA' ? ['S0OPS'] : []),
    knownGroupsOf: (userId) => (userId === 'U0ANA' ? ['S0OPS'] : []),
  };
  return { decorated: flowsWithSlackGroups(flows, directory), seen, waited, jobs };
}

const ana: Actor = { platform: 'slack', userId: 'U0ANA', workspaceId: 'T0OPS', channelId: 'C0OPS' };

describe('flows with Slack user groups', () => {
  it('gives every Slack actor their user groups on commands, buttons and type-ahead', async () => {
    const s = setup();
    await s.decorated.handleText('now web-01', ana);
    await s.decorated.handle({ type: 'help' }, ana);
    await s.decorated.suggest({ kind: 'vms' }, 'web', ana);
    expect(s.seen).toEqual([
      { call: 'handleText', actor: { ...ana, groups: ['S0OPS'] } },
      { call: 'handle', actor: { ...ana, groups: ['S0OPS'] } },
      { call: 'suggest', actor: { ...ana, groups: ['S0OPS'] } },
    ]);
    // The type-ahead answers from what is known, never waiting for a read.
    expect(s.waited).toEqual(['U0ANA', 'U0ANA']);
  });

  it('leaves an actor in no group as it was, and other platforms and anonymous type-ahead alone', async () => {
    const s = setup();
    const bo: Actor = { platform: 'slack', userId: 'U0BO' };
    const teams: Actor = { platform: 'teams', userId: 'U0ANA' };
    await s.decorated.handleText('status', bo);
    await s.decorated.handleText('status', teams);
    await s.decorated.suggest({ kind: 'vms' }, 'web');
    expect(s.seen).toEqual([
      { call: 'handleText', actor: bo },
      { call: 'handleText', actor: teams },
      { call: 'suggest', actor: undefined },
    ]);
    expect(s.seen[0].actor).not.toHaveProperty('groups');
  });

  it('keeps the rest of the flows as they were', () => {
    const s = setup();
    expect(s.decorated.jobs).toBe(s.jobs);
  });
});

/**
 * Which Slack user groups each person belongs to, so that a role granted to a user group
 * (`backup admin grant viewer <!subteam^S…>`) counts for its members. The whole workspace's
 * groups come from one usergroups.list call (with members) and are kept in memory: Slack allows
 * that method about 20 calls a minute, far fewer than the bot gets requests, and a person should
 * not wait on Slack for every action. The copy is read again in the background once it is older
 * than the refresh interval, so a change to a group counts within that time.
 */
import type { Logger } from '../../src/log';
import { slackErrorCode, type SlackUserGroup } from './slack-web';

/** How old the copy of the user groups may get before it is read again. */
export const USER_GROUPS_REFRESH_MS = 5 * 60_000;
/** How long a request waits for the very first read before it goes on without groups. */
export const USER_GROUPS_FIRST_WAIT_MS = 1_000;
/** After a passing failure (network, Slack's own errors), the next read is tried this much later. */
export const USER_GROUPS_RETRY_MS = 60_000;

/**
 * Refusals that asking again soon will not change: what the person running the bot must do.
 * Slack names a plan without user groups `plan_upgrade_required` in its current reference and
 * `paid_teams_only` in older answers.
 */
const NO_GROUPS_ON_PLAN = "This Slack workspace's plan has no user groups, so roles granted to user groups do not count. Grant roles to people instead.";
const CANNOT_READ = new Map<string, string>([
  [
    'missing_scope',
    'The Slack app lacks the usergroups:read scope, so roles granted to user groups do not count. Add the usergroups:read bot scope (it is in manifest/slack/manifest.yaml) under OAuth & Permissions, then reinstall the app to the workspace.',
  ],
  ['paid_teams_only', NO_GROUPS_ON_PLAN],
  ['plan_upgrade_required', NO_GROUPS_ON_PLAN],
  [
    'not_allowed_token_type',
    "Slack does not let this token read user groups (not_allowed_token_type), so roles granted to user groups do not count: the workspace's plan may have no user groups, or SLACK_BOT_TOKEN is not the bot token (xoxb-…). Grant roles to people instead.",
  ],
]);

export interface UserGroupDirectory {
  /**
   * The ids of the enabled user groups `userId` is in. Answers from the copy in memory (reading
   * it again in the background when it is due); only before the first read has ended does it
   * wait for it, at most USER_GROUPS_FIRST_WAIT_MS, then answers []. Never rejects.
   */
  groupsOf(userId: string): Promise<string[]>;
  /** The same from the copy in memory only, never waiting (for type-ahead, which must answer fast). */
  knownGroupsOf(userId: string): string[];
}

export interface UserGroupDirectoryOptions {
  /** Reads every user group of the workspace with its members (SlackWeb.userGroups). */
  list: () => Promise<SlackUserGroup[]>;
  logger: Logger;
  now?: () => Date;
  refreshMs?: number;
  retryMs?: number;
  firstWaitMs?: number;
  /** Resolves after `ms`; default a timer that does not keep the process alive. */
  delay?: (ms: number) => Promise<void>;
}

const timer = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/** Person → ids of the enabled groups they are in. */
export function membersByUser(groups: SlackUserGroup[]): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const group of groups) {
    if (group.disabled) continue;
    for (const user of new Set(group.users)) {
      const of = byUser.get(user);
      if (of) of.push(group.id);
      else byUser.set(user, [group.id]);
    }
  }
  return byUser;
}

export function createUserGroupDirectory(options: UserGroupDirectoryOptions): UserGroupDirectory {
  const now = (): number => (options.now ?? (() => new Date()))().getTime();
  const refreshMs = options.refreshMs ?? USER_GROUPS_REFRESH_MS;
  const retryMs = options.retryMs ?? USER_GROUPS_RETRY_MS;
  const firstWaitMs = options.firstWaitMs ?? USER_GROUPS_FIRST_WAIT_MS;
  const delay = options.delay ?? timer;
  const { logger } = options;

  let members = new Map<string, string[]>();
  let firstReadEnded = false;
  let nextReadAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  // The refusal last warned about: told once, not on every read, until a read succeeds again.
  let warnedRefusal: string | undefined;

  const read = async (): Promise<void> => {
    try {
      members = membersByUser(await options.list());
      warnedRefusal = undefined;
      nextReadAt = now() + refreshMs;
    } catch (err) {
      const code = slackErrorCode(err);
      const advice = code === undefined ? undefined : CANNOT_READ.get(code);
      if (code !== undefined && advice !== undefined) {
        // Slack will not answer with groups until someone acts, so none count (not even old ones).
        members = new Map();
        nextReadAt = now() + refreshMs;
        if (warnedRefusal !== code) logger.warn(`slack: cannot read user groups: ${advice}`, { code });
        warnedRefusal = code;
      } else {
        nextReadAt = now() + retryMs;
        logger.warn('slack: reading user groups failed; roles granted to user groups count as of the last read', { code, err });
      }
    } finally {
      firstReadEnded = true;
      reading = undefined;
    }
  };

  const readIfDue = (): Promise<void> | undefined => {
    if (reading === undefined && now() >= nextReadAt) reading = read();
    return reading;
  };

  const lookup = (userId: string): string[] => [...(members.get(userId) ?? [])];

  return {
    async groupsOf(userId) {
      const pending = readIfDue();
      if (!firstReadEnded && pending) await Promise.race([pending, delay(firstWaitMs)]);
      return lookup(userId);
    },
    knownGroupsOf(userId) {
      void readIfDue();
      return lookup(userId);
    },
  };
}

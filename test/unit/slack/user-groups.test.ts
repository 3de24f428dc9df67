import { createUserGroupDirectory, USER_GROUPS_FIRST_WAIT_MS, USER_GROUPS_REFRESH_MS, USER_GROUPS_RETRY_MS, type UserGroupDirectoryOptions } from '../../../adapters/slack/user-groups';
import type { SlackUserGroup } from '../../../adapters/slack/slack-web';
import { createLogger } from '../../../src/log';

/** An error as the Slack WebClient throws it for `{ ok: false, error }`. */
const slackError = (error: string): Error => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A directory on a settable clock and a scripted usergroups.list; `warnings` holds what it logged. */
function setup(overrides: Partial<UserGroupDirectoryOptions> = {}) {
  let t = Date.parse('2026-11-24T10:00:00Z');
  let groups: SlackUserGroup[] = [
    { id: 'S0OPS', users: ['U0ANA', 'U0BO'], disabled: false },
    { id: 'S0DBA', users: ['U0BO'], disabled: false },
  ];
  let failWith: string | undefined;
  const calls: number[] = [];
  const warnings: string[] = [];
  const logger = createLogger({ level: 'warn', write: (line) => void warnings.push(line) });
  const directory = createUserGroupDirectory({
    list: async () => {
      calls.push(t);
      if (failWith) throw slackError(failWith);
      return groups;
    },
    logger,
    now: () => new Date(t),
    ...overrides,
  });
  return {
    directory,
    calls,
    warnings,
    advance: (ms: number) => void (t += ms),
    setGroups: (g: SlackUserGroup[]) => void (groups = g),
    failWith: (code: string | undefined) => void (failWith = code),
  };
}

/** Lets a background read that was started run to its end. */
const settle = () => new Promise((r) => setImmediate(r));

describe('Slack user groups directory', () => {
  it('answers the enabled groups a person is in, from one read of the workspace', async () => {
    const s = setup();
    expect(await s.directory.groupsOf('U0BO')).toEqual(['S0OPS', 'S0DBA']);
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(await s.directory.groupsOf('U0NOBODY')).toEqual([]);
    expect(s.directory.knownGroupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(s.calls).toHaveLength(1);
  });

  it('leaves out disabled groups', async () => {
    const s = setup();
    s.setGroups([
      { id: 'S0OPS', users: ['U0ANA'], disabled: true },
      { id: 'S0WEB', users: ['U0ANA'], disabled: false },
    ]);
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0WEB']);
  });

  it('keeps answering from the copy, and reads again in the background once it is older than the interval', async () => {
    const s = setup();
    await s.directory.groupsOf('U0ANA');
    s.setGroups([{ id: 'S0DBA', users: ['U0ANA'], disabled: false }]);

    s.advance(USER_GROUPS_REFRESH_MS - 1);
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(s.calls).toHaveLength(1);

    s.advance(1);
    // Due: this answer still comes from the old copy, without waiting on Slack...
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(s.calls).toHaveLength(2);
    await settle();
    // ...and the next one from the new read.
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0DBA']);
    expect(s.calls).toHaveLength(2);
  });

  it('runs one read at a time, however many requests find the copy due', async () => {
    const pending = deferred<SlackUserGroup[]>();
    let reads = 0;
    const s = setup({
      list: () => {
        reads += 1;
        return pending.promise;
      },
      delay: () => new Promise(() => undefined),
    });
    const answers = Promise.all([s.directory.groupsOf('U0ANA'), s.directory.groupsOf('U0BO'), Promise.resolve(s.directory.knownGroupsOf('U0ANA'))]);
    pending.resolve([{ id: 'S0OPS', users: ['U0ANA', 'U0BO'], disabled: false }]);
    expect(await answers).toEqual([['S0OPS'], ['S0OPS'], []]);
    expect(reads).toBe(1);
  });

  it('waits for the first read at most the first-wait bound, then answers with no groups', async () => {
    const pending = deferred<SlackUserGroup[]>();
    const waits: number[] = [];
    const waited = deferred<void>();
    const s = setup({
      list: () => pending.promise,
      delay: (ms) => {
        waits.push(ms);
        return waited.promise;
      },
    });
    const answer = s.directory.groupsOf('U0ANA');
    waited.resolve();
    expect(await answer).toEqual([]);
    expect(waits).toEqual([USER_GROUPS_FIRST_WAIT_MS]);

    // The read goes on; once it ends, answers use it and nothing waits any more.
    pending.resolve([{ id: 'S0OPS', users: ['U0ANA'], disabled: false }]);
    await settle();
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(waits).toHaveLength(1);
  });

  it('tells once what to do when the app lacks usergroups:read, answers no groups, and asks Slack again only after the interval', async () => {
    const s = setup();
    s.failWith('missing_scope');
    expect(await s.directory.groupsOf('U0ANA')).toEqual([]);
    expect(await s.directory.groupsOf('U0BO')).toEqual([]);
    expect(s.calls).toHaveLength(1);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain('usergroups:read');
    expect(s.warnings[0]).toContain('manifest/slack/manifest.yaml');
    expect(s.warnings[0]).toContain('reinstall');

    s.advance(USER_GROUPS_REFRESH_MS);
    expect(await s.directory.groupsOf('U0ANA')).toEqual([]);
    await settle();
    expect(s.calls).toHaveLength(2);
    expect(s.warnings).toHaveLength(1);

    // Scope added and the app reinstalled: the next read counts the groups again.
    s.failWith(undefined);
    s.advance(USER_GROUPS_REFRESH_MS);
    await s.directory.groupsOf('U0ANA');
    await settle();
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(s.warnings).toHaveLength(1);
  });

  it('stops counting groups it read before once Slack refuses the scope', async () => {
    const s = setup();
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    s.failWith('missing_scope');
    s.advance(USER_GROUPS_REFRESH_MS);
    await s.directory.groupsOf('U0ANA');
    await settle();
    expect(await s.directory.groupsOf('U0ANA')).toEqual([]);
  });

  it.each([
    ['paid_teams_only', /plan has no user groups/],
    ['plan_upgrade_required', /plan has no user groups/],
    ['not_allowed_token_type', /plan may have no user groups, or SLACK_BOT_TOKEN is not the bot token/],
  ])('says what is wrong once on %s, without asking again on every request', async (code, says) => {
    const s = setup();
    s.failWith(code);
    expect(await s.directory.groupsOf('U0ANA')).toEqual([]);
    await s.directory.groupsOf('U0ANA');
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(says);
    expect(s.calls).toHaveLength(1);
  });

  it('keeps the last good copy when a read fails otherwise, warns, and tries again sooner than the interval', async () => {
    const s = setup();
    await s.directory.groupsOf('U0ANA');
    s.failWith('internal_error');
    s.advance(USER_GROUPS_REFRESH_MS);
    await s.directory.groupsOf('U0ANA');
    await settle();
    expect(await s.directory.groupsOf('U0ANA')).toEqual(['S0OPS']);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain('internal_error');

    s.advance(USER_GROUPS_RETRY_MS - 1);
    await s.directory.groupsOf('U0ANA');
    expect(s.calls).toHaveLength(2);
    s.advance(1);
    await s.directory.groupsOf('U0ANA');
    expect(s.calls).toHaveLength(3);
  });

  it('answers a type-ahead from the copy without waiting, starting the first read', async () => {
    const pending = deferred<SlackUserGroup[]>();
    const s = setup({ list: () => pending.promise, delay: () => new Promise(() => undefined) });
    expect(s.directory.knownGroupsOf('U0ANA')).toEqual([]);
    pending.resolve([{ id: 'S0OPS', users: ['U0ANA'], disabled: false }]);
    await settle();
    expect(s.directory.knownGroupsOf('U0ANA')).toEqual(['S0OPS']);
  });
});

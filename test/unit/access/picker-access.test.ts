/**
 * The type-ahead's kept access answers (src/access/picker-access.ts): one store read per person
 * and per channel while people type, shared by keystrokes that ask at once; dropped at once on
 * invalidate (a grant or binding changed here) and after the TTL (a change on another replica).
 */
import type { ChannelStanding, Identity, Standing } from '../../../src/access/access-directory';
import { createPickerAccess, PICKER_ACCESS_TTL_MS } from '../../../src/access/picker-access';

const who = (userId: string, channelId = 'C1', groups: string[] = []): Identity => ({ platform: 'slack', workspaceId: 'T1', channelId, userId, groups });

function fakeDirectory() {
  const reads = { standing: 0, scope: 0 };
  let role: Standing['role'] = 'viewer';
  let fail = false;
  return {
    reads,
    setRole: (r: Standing['role']) => void (role = r),
    failNext: () => void (fail = true),
    directory: {
      standingOf: async (): Promise<Standing> => {
        reads.standing += 1;
        if (fail) {
          fail = false;
          throw new Error('store down');
        }
        return role ? { role, source: 'grant' } : {};
      },
      scopeOf: async (): Promise<ChannelStanding> => {
        reads.scope += 1;
        return { scope: { kind: 'all' }, bindings: [], isDefault: true };
      },
    },
  };
}

describe('picker access answers', () => {
  it('reads the store once for many keystrokes of one person, and once per channel for many people', async () => {
    const fake = fakeDirectory();
    const access = createPickerAccess(fake.directory, { now: () => 0 });
    await Promise.all(Array.from({ length: 20 }, () => access.standingOf(who('U1'))));
    for (const u of ['U1', 'U2', 'U3']) await access.scopeOf(who(u));
    await access.standingOf(who('U1'));
    expect(fake.reads).toEqual({ standing: 1, scope: 1 });
    await access.standingOf(who('U2'));
    await access.scopeOf(who('U1', 'C2'));
    expect(fake.reads).toEqual({ standing: 2, scope: 2 });
  });

  it('keys a person by their groups too: leaving a group is not hidden by an answer kept while in it', async () => {
    const fake = fakeDirectory();
    const access = createPickerAccess(fake.directory, { now: () => 0 });
    await access.standingOf(who('U1', 'C1', ['S1']));
    await access.standingOf(who('U1', 'C1', []));
    expect(fake.reads.standing).toBe(2);
  });

  it('reads again after invalidate (a revoke here) and after the TTL (a revoke on another replica)', async () => {
    const fake = fakeDirectory();
    let t = 0;
    const access = createPickerAccess(fake.directory, { now: () => t });
    expect((await access.standingOf(who('U1'))).role).toBe('viewer');
    fake.setRole(undefined);
    expect((await access.standingOf(who('U1'))).role).toBe('viewer'); // kept
    access.invalidate();
    expect((await access.standingOf(who('U1'))).role).toBeUndefined();

    fake.setRole('viewer');
    t += PICKER_ACCESS_TTL_MS - 1;
    expect((await access.standingOf(who('U1'))).role).toBeUndefined();
    t += 1;
    expect((await access.standingOf(who('U1'))).role).toBe('viewer');
  });

  it('does not keep a failed read', async () => {
    const fake = fakeDirectory();
    const access = createPickerAccess(fake.directory, { now: () => 0 });
    fake.failNext();
    await expect(access.standingOf(who('U1'))).rejects.toThrow('store down');
    expect((await access.standingOf(who('U1'))).role).toBe('viewer');
    expect(fake.reads.standing).toBe(2);
  });
});

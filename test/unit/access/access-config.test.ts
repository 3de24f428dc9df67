import { ConfigError, loadConfig, type Env } from '../../../src/config';

const AZURE = { AZURE_SUBSCRIPTION_IDS: '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61' };
const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const USER = '6C1F2E3D-0000-4000-8000-00000000ADA0';

function problems(env: Env): string[] {
  try {
    loadConfig(env, { cwd: '/srv/bot' });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('access settings', () => {
  it('are open on the embedded emulator and closed on Azure by default', () => {
    expect(loadConfig({}, { cwd: '/srv/bot' }).access).toEqual({ bootstrapAdmins: [], defaultChannelScope: 'all', defaultRole: 'admin', costlyActions: { limit: 10, windowMinutes: 10 } });
    expect(loadConfig(AZURE, { cwd: '/srv/bot' }).access).toEqual({ bootstrapAdmins: [], defaultChannelScope: 'none', defaultRole: 'none', costlyActions: { limit: 10, windowMinutes: 10 } });
  });

  it('read the first admins of Slack and Teams, Teams ids in lower case', () => {
    const access = loadConfig({ ...AZURE, BOOTSTRAP_ADMINS: ` slack:T0123ABC:U0456DEF , teams:${TENANT}:${USER}` }, { cwd: '/srv/bot' }).access;
    expect(access.bootstrapAdmins).toEqual([
      { platform: 'slack', workspaceId: 'T0123ABC', userId: 'U0456DEF' },
      { platform: 'teams', workspaceId: TENANT.toLowerCase(), userId: USER.toLowerCase() },
    ]);
  });

  it.each([
    ['slack:U0456DEF'],
    ['slack:T0123ABC:U0456DEF:extra'],
    ['discord:T1:U1'],
    ['teams:not-a-guid:also-not'],
    ['slack:t0123abc:u0456def'],
  ])('name a bad BOOTSTRAP_ADMINS entry: %s', (entry) => {
    expect(problems({ BOOTSTRAP_ADMINS: `slack:T0OK:U0OK,${entry}` })).toEqual([expect.stringContaining(`BOOTSTRAP_ADMINS: BOOTSTRAP_ADMINS must be comma-separated`)]);
    expect(problems({ BOOTSTRAP_ADMINS: `slack:T0OK:U0OK,${entry}` })[0]).toContain(JSON.stringify(entry));
  });

  it('refuse the open defaults on Azure, and accept the rest', () => {
    expect(problems({ ...AZURE, DEFAULT_CHANNEL_SCOPE: 'all', DEFAULT_ROLE: 'admin' })).toEqual([
      expect.stringMatching(/^DEFAULT_CHANNEL_SCOPE: DEFAULT_CHANNEL_SCOPE=all is only allowed with the embedded emulator/),
      expect.stringMatching(/^DEFAULT_ROLE: DEFAULT_ROLE=admin is only allowed with the embedded emulator/),
    ]);
    const access = loadConfig({ ...AZURE, DEFAULT_ROLE: 'Viewer', COSTLY_ACTIONS_PER_USER: '0', COSTLY_ACTIONS_WINDOW_MINUTES: '60' }, { cwd: '/srv/bot' }).access;
    expect(access).toMatchObject({ defaultRole: 'viewer', defaultChannelScope: 'none', costlyActions: { limit: 0, windowMinutes: 60 } });
    expect(problems({ DEFAULT_ROLE: 'boss', COSTLY_ACTIONS_WINDOW_MINUTES: '0' }).map((p) => p.split(':')[0]).sort()).toEqual(['COSTLY_ACTIONS_WINDOW_MINUTES', 'DEFAULT_ROLE']);
  });
});

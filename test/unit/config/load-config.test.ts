import path from 'node:path';
import { ConfigError, DEFAULT_HTTP_LIMITS, loadConfig, type AppConfig, type Env } from '../../../src/config';

const CWD = '/srv/bot';
const load = (env: Env): AppConfig => loadConfig(env, { cwd: CWD });
const SUB_A = '11111111-1111-1111-1111-111111111111';
const SUB_B = '2222BBBB-2222-2222-2222-222222222222';
const APP_ID = '3f1a5b6c-7d8e-4f90-a1b2-c3d4e5f60718';
const TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

/** The problems of an env that must fail, as `variable: message` strings. */
function problems(env: Env): string[] {
  try {
    load(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.variable}: ${p.message}`);
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('needs no setting at all: embedded store, emulator, playground', () => {
    expect(load({})).toEqual({
      server: { host: '127.0.0.1', port: 3978, limits: DEFAULT_HTTP_LIMITS },
      logLevel: 'info',
      dataDir: path.join(CWD, 'data'),
      store: { kind: 'sqlite', file: path.join(CWD, 'data', 'bot.sqlite') },
      azure: { mode: 'emulator', emulator: { port: 0, timeScale: 10, extraVms: 0 }, pollIntervalMs: undefined },
      portalUrl: 'https://portal.azure.com',
      slack: { enabled: false },
      teams: { enabled: false, playground: true },
      scheduler: { pendingDigestCron: '0 9 * * *', jobSweepCron: '*/20 * * * * *', coverageDigestCron: '0 9 * * 1', excludeTag: { name: 'backup', value: 'exclude' } },
      access: { bootstrapAdmins: [], defaultChannelScope: 'all', defaultRole: 'admin', costlyActions: { limit: 10, windowMinutes: 10 } },
      warnings: [],
    });
  });

  it('takes the portal of a sovereign cloud, without a trailing slash', () => {
    expect(load({ AZURE_PORTAL_URL: 'https://portal.azure.us/' }).portalUrl).toBe('https://portal.azure.us');
    expect(problems({ AZURE_PORTAL_URL: 'portal' }).join('\n')).toMatch(/^AZURE_PORTAL_URL: /m);
  });

  it('treats blank values as unset', () => {
    expect(load({ PORT: '', HOST: '  ', SLACK_BOT_TOKEN: '', DATABASE_URL: '' })).toEqual(load({}));
  });

  it('reads process.env when given no argument', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4123';
    try {
      expect(loadConfig().server.port).toBe(4123);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('loadConfig server and store settings', () => {
  it('takes a port, a host and a log level', () => {
    const config = load({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'DEBUG', PLAYGROUND: 'false' });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 8080, limits: DEFAULT_HTTP_LIMITS });
    expect(config.logLevel).toBe('debug');
    expect(config.warnings).toEqual([]);
  });

  it('takes the HTTP server limits, and refuses a header timeout longer than the request timeout', () => {
    const limits = { HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '70000', HTTP_MAX_HEADER_BYTES: '8192', HTTP_MAX_CONNECTIONS: '50', HTTP_MAX_BODY_BYTES: '2048' };
    expect(load(limits).server.limits).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 70000, maxHeaderBytes: 8192, maxConnections: 50, maxBodyBytes: 2048 });
    expect(() => load({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS \(5000\) must be at most HTTP_REQUEST_TIMEOUT_MS \(1000\)/);
    expect(() => load({ HTTP_MAX_BODY_BYTES: '5MB' })).toThrow(/HTTP_MAX_BODY_BYTES/);
  });

  it('allows port 0 (any free port), for tests', () => {
    expect(load({ PORT: '0' }).server.port).toBe(0);
  });

  it.each([
    ['PORT', 'abc', 'PORT: PORT must be an integer 0-65535 (0 picks a free port), got "abc"'],
    ['PORT', '70000', 'PORT: PORT must be an integer 0-65535 (0 picks a free port), got "70000"'],
    ['PORT', '80.5', 'PORT: PORT must be an integer 0-65535 (0 picks a free port), got "80.5"'],
    ['HOST', 'not a host', 'HOST: HOST must be an IP address or host name to listen on, got "not a host"'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"'],
    ['DATABASE_URL', 'mysql://localhost/db', 'DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL, got "mysql://localhost/db"'],
    ['EMULATOR_TIME_SCALE', '0', 'EMULATOR_TIME_SCALE: EMULATOR_TIME_SCALE must be a number greater than 0, at most 100000, got "0"'],
    ['EMULATOR_EXTRA_VMS', '-1', 'EMULATOR_EXTRA_VMS: EMULATOR_EXTRA_VMS must be an integer 0-100000, got "-1"'],
    ['PLAYGROUND', 'maybe', 'PLAYGROUND: PLAYGROUND must be true or false (also 1/0, yes/no, on/off), got "maybe"'],
  ])('rejects %s=%s naming the variable and what it accepts', (name, value, expected) => {
    expect(problems({ [name]: value })).toEqual([expected]);
  });

  it('resolves DATA_DIR and SQLITE_FILE against the working directory', () => {
    expect(load({ DATA_DIR: 'state' })).toMatchObject({ dataDir: path.join(CWD, 'state'), store: { kind: 'sqlite', file: path.join(CWD, 'state', 'bot.sqlite') } });
    expect(load({ SQLITE_FILE: '/var/lib/bot/x.db' }).store).toEqual({ kind: 'sqlite', file: '/var/lib/bot/x.db' });
    expect(load({ SQLITE_FILE: ':memory:' }).store).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and says SQLITE_FILE is then ignored', () => {
    const config = load({ DATABASE_URL: 'postgres://bot:pw@db.internal:5432/bot', SQLITE_FILE: 'x.db' });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://bot:pw@db.internal:5432/bot' });
    expect(config.warnings).toEqual([expect.stringContaining('SQLITE_FILE is ignored')]);
  });

  it('never repeats a database password in its message', () => {
    const [message] = problems({ DATABASE_URL: 'mysql://bot:hunter2@db/bot' });
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        return load({ PORT: 'x', LOG_LEVEL: 'y', JOB_SWEEP_CRON: 'z', SLACK_BOT_TOKEN: 'xoxb-1-2' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const { problems: found, message } = error as ConfigError;
    expect(found.map((p) => p.variable)).toEqual(['PORT', 'LOG_LEVEL', 'SLACK_SIGNING_SECRET', 'JOB_SWEEP_CRON']);
    expect(message).toMatch(/^Invalid configuration \(4 problems\):\n {2}- PORT must be/);
  });
});

describe('loadConfig Azure settings', () => {
  it('uses Azure with DefaultAzureCredential when subscriptions are set', () => {
    const config = load({ AZURE_SUBSCRIPTION_IDS: ` ${SUB_A}, ${SUB_B},${SUB_A} ` });
    expect(config.azure).toEqual({
      mode: 'azure',
      subscriptionIds: [SUB_A, SUB_B.toLowerCase()],
      resourceManagerEndpoint: 'https://management.azure.com',
      authorityHost: undefined,
      caFile: undefined,
      credential: 'default',
      pollIntervalMs: undefined,
    });
  });

  it('takes a sovereign cloud endpoint and authority', () => {
    const config = load({
      AZURE_SUBSCRIPTION_IDS: SUB_A,
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.usgovcloudapi.net/',
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      AZURE_POLL_INTERVAL_MS: '2000',
    });
    expect(config.azure).toMatchObject({
      resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
      authorityHost: 'https://login.microsoftonline.us',
      pollIntervalMs: 2000,
    });
  });

  it('points at an emulator in another process with its CA and a static token', () => {
    const config = load({
      AZURE_SUBSCRIPTION_IDS: SUB_A,
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:8443',
      AZURE_CA_FILE: 'data/emulator-ca.pem',
      AZURE_CREDENTIAL: 'emulator',
    });
    expect(config.azure).toMatchObject({ mode: 'azure', resourceManagerEndpoint: 'https://127.0.0.1:8443', caFile: path.join(CWD, 'data/emulator-ca.pem'), credential: 'emulator' });
  });

  it('names the entry that is not a GUID', () => {
    expect(problems({ AZURE_SUBSCRIPTION_IDS: `${SUB_A},prod-sub` })).toEqual([
      'AZURE_SUBSCRIPTION_IDS: AZURE_SUBSCRIPTION_IDS must be comma-separated subscription GUIDs (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); not a GUID: "prod-sub"',
    ]);
    expect(problems({ AZURE_SUBSCRIPTION_IDS: ' , ' })).toEqual(['AZURE_SUBSCRIPTION_IDS: AZURE_SUBSCRIPTION_IDS must list at least one subscription GUID, got " , "']);
  });

  it('refuses the static token for an endpoint that is not loopback', () => {
    expect(problems({ AZURE_SUBSCRIPTION_IDS: SUB_A, AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.azure.com', AZURE_CREDENTIAL: 'emulator' })).toEqual([
      expect.stringMatching(/^AZURE_CREDENTIAL: AZURE_CREDENTIAL=emulator sends a fixed token and is only allowed when AZURE_RESOURCE_MANAGER_ENDPOINT is a loopback address/),
    ]);
    expect(problems({ AZURE_SUBSCRIPTION_IDS: SUB_A, AZURE_CREDENTIAL: 'emulator' })).toEqual([expect.stringMatching(/^AZURE_CREDENTIAL: AZURE_CREDENTIAL=emulator needs AZURE_RESOURCE_MANAGER_ENDPOINT/)]);
  });

  it('refuses an http:// Resource Manager endpoint', () => {
    expect(problems({ AZURE_SUBSCRIPTION_IDS: SUB_A, AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://127.0.0.1:8080' })).toEqual([
      'AZURE_RESOURCE_MANAGER_ENDPOINT: AZURE_RESOURCE_MANAGER_ENDPOINT must be an https:// URL, got "http://127.0.0.1:8080"',
    ]);
  });

  it('refuses Azure-only settings without subscriptions instead of silently using the emulator', () => {
    expect(problems({ AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:8443', AZURE_CA_FILE: 'ca.pem' }).map((p) => p.split(':')[0])).toEqual([
      'AZURE_RESOURCE_MANAGER_ENDPOINT',
      'AZURE_CA_FILE',
    ]);
    expect(problems({ AZURE_CREDENTIAL: 'emulator' })).toEqual([expect.stringContaining('AZURE_CREDENTIAL is set but AZURE_SUBSCRIPTION_IDS is not')]);
  });

  it('takes emulator settings, and warns that they are ignored on Azure', () => {
    expect(load({ EMULATOR_PORT: '8443', EMULATOR_TIME_SCALE: '2.5', EMULATOR_EXTRA_VMS: '500' }).azure).toEqual({
      mode: 'emulator',
      emulator: { port: 8443, timeScale: 2.5, extraVms: 500 },
      pollIntervalMs: undefined,
    });
    expect(load({ AZURE_SUBSCRIPTION_IDS: SUB_A, EMULATOR_TIME_SCALE: '5' }).warnings).toEqual([
      'EMULATOR_TIME_SCALE ignored: AZURE_SUBSCRIPTION_IDS is set, so the embedded emulator is not started.',
    ]);
  });
});

describe('loadConfig Slack settings', () => {
  const TOKEN = 'xoxb-1234-5678-abcdefghijkl';
  const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';

  it('is off without tokens', () => {
    expect(load({}).slack).toEqual({ enabled: false });
  });

  it('is on with a bot token and a signing secret, over HTTP events', () => {
    expect(load({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET }).slack).toEqual({
      enabled: true,
      botToken: TOKEN,
      signingSecret: SECRET,
      appToken: undefined,
      socketMode: false,
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('uses Socket Mode with an app token, and GovSlack’s API', () => {
    const slack = load({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xapp-1-A0-123-abc', SLACK_API_URL: 'https://slack-gov.com/api' }).slack;
    expect(slack).toMatchObject({ enabled: true, socketMode: true, appToken: 'xapp-1-A0-123-abc', apiUrl: 'https://slack-gov.com/api/' });
  });

  it('accepts a plain-HTTP API URL on loopback only (fake Slack in tests)', () => {
    expect(load({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9999/api/' }).slack).toMatchObject({ apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(problems({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://slack.example.com/api/' })).toEqual([
      'SLACK_API_URL: SLACK_API_URL must be an https:// URL (http:// only for loopback), got "http://slack.example.com/api/"',
    ]);
  });

  it('names the missing half of the pair', () => {
    expect(problems({ SLACK_BOT_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: SLACK_SIGNING_SECRET is missing/)]);
    expect(problems({ SLACK_SIGNING_SECRET: SECRET })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: SLACK_BOT_TOKEN is missing/)]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1-abc' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: SLACK_APP_TOKEN is set but/)]);
  });

  it('rejects the wrong kind of token without printing it', () => {
    const found = problems({ SLACK_BOT_TOKEN: 'xoxp-user-token-123', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' });
    expect(found).toEqual([
      'SLACK_BOT_TOKEN: SLACK_BOT_TOKEN must be a bot token starting with xoxb- (value not shown: it is a secret)',
      'SLACK_APP_TOKEN: SLACK_APP_TOKEN must be an app-level token starting with xapp- (value not shown: it is a secret)',
    ]);
    expect(found.join(' ')).not.toMatch(/user-token|not-an-app/);
  });
});

describe('loadConfig Teams settings', () => {
  it('serves the playground when there are no Bot Framework credentials', () => {
    expect(load({}).teams).toEqual({ enabled: false, playground: true });
    expect(load({ PLAYGROUND: 'off' }).teams).toEqual({ enabled: false, playground: false });
  });

  it('is a multi-tenant bot with an app id and password, playground off', () => {
    expect(load({ MICROSOFT_APP_ID: APP_ID.toUpperCase(), MICROSOFT_APP_PASSWORD: 'pw~secret' }).teams).toEqual({
      enabled: true,
      playground: false,
      appId: APP_ID,
      appPassword: 'pw~secret',
      tenantId: undefined,
      appType: 'MultiTenant',
      endpoints: { channelService: undefined, oauthEndpoint: undefined, openIdMetadataUrl: undefined, loginUrl: undefined },
    });
  });

  it('is single-tenant when a tenant is given, and takes sovereign cloud endpoints', () => {
    const teams = load({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'pw',
      MICROSOFT_APP_TENANT_ID: TENANT,
      BOT_FRAMEWORK_CHANNEL_SERVICE: 'https://botframework.azure.us',
      BOT_FRAMEWORK_OAUTH_ENDPOINT: 'https://tokengcch.botframework.azure.us/',
      BOT_FRAMEWORK_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      BOT_FRAMEWORK_LOGIN_URL: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
    }).teams;
    expect(teams).toMatchObject({
      enabled: true,
      appType: 'SingleTenant',
      tenantId: TENANT,
      endpoints: {
        channelService: 'https://botframework.azure.us',
        oauthEndpoint: 'https://tokengcch.botframework.azure.us',
        openIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
        loginUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
      },
    });
  });

  it('runs as a user-assigned managed identity without a password', () => {
    expect(load({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'userassignedmsi' }).teams).toMatchObject({
      enabled: true,
      appType: 'UserAssignedMSI',
      appPassword: undefined,
    });
  });

  it('names what is missing or contradictory', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: MICROSOFT_APP_PASSWORD is missing: a MultiTenant bot/)]);
    expect(problems({ MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_ID: MICROSOFT_APP_ID is missing: MICROSOFT_APP_PASSWORD is set/)]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      'MICROSOFT_APP_TENANT_ID: MICROSOFT_APP_TENANT_ID is missing: MICROSOFT_APP_TYPE=SingleTenant needs the tenant id',
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD: MICROSOFT_APP_PASSWORD must not be set/),
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', PLAYGROUND: 'true' })).toEqual([
      expect.stringMatching(/^PLAYGROUND: PLAYGROUND=true cannot be combined with MICROSOFT_APP_ID/),
    ]);
    expect(problems({ MICROSOFT_APP_ID: 'my-bot', MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_ID: MICROSOFT_APP_ID must be a GUID/)]);
  });

  it('warns when the sign-in-less playground listens beyond loopback', () => {
    expect(load({ HOST: '0.0.0.0' }).warnings).toEqual([expect.stringContaining('The playground is on and HOST=0.0.0.0')]);
    expect(load({ HOST: '::1' }).warnings).toEqual([]);
  });
});

describe('loadConfig Teams certificate credential', () => {
  const THUMBPRINT = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
  const CERT = { MICROSOFT_APP_CERTIFICATE_THUMBPRINT: THUMBPRINT, MICROSOFT_APP_CERTIFICATE_KEY_FILE: 'secrets/bot-key.pem' };

  it('signs in with a certificate instead of a password, the key file resolved against the working directory', () => {
    expect(load({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, ...CERT }).teams).toMatchObject({
      enabled: true,
      appType: 'SingleTenant',
      appPassword: undefined,
      certificate: { thumbprint: THUMBPRINT.toUpperCase(), keyFile: path.join(CWD, 'secrets/bot-key.pem') },
    });
    expect(load({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw' }).teams).toMatchObject({ certificate: undefined });
  });

  it('takes the thumbprint as openssl prints it, and refuses one that is not SHA-1', () => {
    const colons = THUMBPRINT.match(/../g)?.join(':');
    expect(load({ MICROSOFT_APP_ID: APP_ID, ...CERT, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: ` ${colons} ` }).teams).toMatchObject({
      certificate: { thumbprint: THUMBPRINT.toUpperCase() },
    });
    expect(problems({ MICROSOFT_APP_ID: APP_ID, ...CERT, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: `${THUMBPRINT}abcdef0123456789abcdef01` })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_CERTIFICATE_THUMBPRINT: MICROSOFT_APP_CERTIFICATE_THUMBPRINT must be a SHA-1 thumbprint: 40 hex digits/),
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, ...CERT, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'g'.repeat(40) })).toHaveLength(1);
  });

  it('needs both the thumbprint and the key file', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: THUMBPRINT })).toEqual([
      'MICROSOFT_APP_CERTIFICATE_KEY_FILE: MICROSOFT_APP_CERTIFICATE_KEY_FILE is missing: a certificate credential needs both MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE',
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_CERTIFICATE_KEY_FILE: 'key.pem' })).toEqual([
      'MICROSOFT_APP_CERTIFICATE_THUMBPRINT: MICROSOFT_APP_CERTIFICATE_THUMBPRINT is missing: a certificate credential needs both MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE',
    ]);
  });

  it('names the certificate among the credentials when there is none', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID })).toEqual([
      "MICROSOFT_APP_PASSWORD: MICROSOFT_APP_PASSWORD is missing: a MultiTenant bot needs the app's client secret, or a certificate (MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE), or MICROSOFT_APP_TYPE=UserAssignedMSI for a managed identity",
    ]);
  });

  it('refuses a password and a certificate together', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', ...CERT })).toEqual([
      'MICROSOFT_APP_PASSWORD: MICROSOFT_APP_PASSWORD cannot be combined with a certificate (MICROSOFT_APP_CERTIFICATE_THUMBPRINT, MICROSOFT_APP_CERTIFICATE_KEY_FILE set): the bot signs in with one credential, the client secret or the certificate; unset the one it does not use',
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_CERTIFICATE_KEY_FILE: 'key.pem' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD: MICROSOFT_APP_PASSWORD cannot be combined with a certificate \(MICROSOFT_APP_CERTIFICATE_KEY_FILE set\)/),
    ]);
  });

  it('refuses a certificate for a managed identity', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI', ...CERT })).toEqual([
      'MICROSOFT_APP_CERTIFICATE_THUMBPRINT: MICROSOFT_APP_CERTIFICATE_THUMBPRINT must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no certificate)',
      'MICROSOFT_APP_CERTIFICATE_KEY_FILE: MICROSOFT_APP_CERTIFICATE_KEY_FILE must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no certificate)',
    ]);
  });

  it('refuses a certificate outside the public cloud, where botbuilder would still sign in at the public one', () => {
    expect(problems({ MICROSOFT_APP_ID: APP_ID, ...CERT, BOT_FRAMEWORK_CHANNEL_SERVICE: 'https://botframework.azure.us' })).toEqual([
      expect.stringMatching(
        /^MICROSOFT_APP_CERTIFICATE_THUMBPRINT: MICROSOFT_APP_CERTIFICATE_THUMBPRINT cannot be used with BOT_FRAMEWORK_CHANNEL_SERVICE: .*https:\/\/login\.microsoftonline\.com\/.*MICROSOFT_APP_PASSWORD/,
      ),
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, ...CERT, BOT_FRAMEWORK_LOGIN_URL: 'https://login.microsoftonline.us/contoso.onmicrosoft.us' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_CERTIFICATE_THUMBPRINT: MICROSOFT_APP_CERTIFICATE_THUMBPRINT cannot be used with BOT_FRAMEWORK_LOGIN_URL/),
    ]);
    // A public-cloud login URL and other endpoints are fine.
    expect(
      load({
        MICROSOFT_APP_ID: APP_ID,
        ...CERT,
        BOT_FRAMEWORK_LOGIN_URL: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
        BOT_FRAMEWORK_OPENID_METADATA_URL: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      }).teams,
    ).toMatchObject({ certificate: { thumbprint: THUMBPRINT.toUpperCase() } });
  });
});

describe('loadConfig Bot Framework clouds', () => {
  const BOT = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw' };

  it('takes the US Government channel service however it is spelled', () => {
    expect(load({ ...BOT, BOT_FRAMEWORK_CHANNEL_SERVICE: ' HTTPS://BotFramework.Azure.us/ ' }).teams).toMatchObject({
      endpoints: { channelService: 'https://botframework.azure.us' },
    });
  });

  it('refuses any other channel service, naming the settings that describe another cloud', () => {
    for (const value of ['https://botframework.azure.cn', 'gov', 'https://botframework.azure.us/v1']) {
      expect(problems({ ...BOT, BOT_FRAMEWORK_CHANNEL_SERVICE: value })).toEqual([
        `BOT_FRAMEWORK_CHANNEL_SERVICE: BOT_FRAMEWORK_CHANNEL_SERVICE must be https://botframework.azure.us (US Government) or unset, got ${JSON.stringify(value)}: botbuilder knows no other channel service. For another cloud leave it unset and set BOT_FRAMEWORK_LOGIN_URL, BOT_FRAMEWORK_OPENID_METADATA_URL and BOT_FRAMEWORK_OAUTH_ENDPOINT`,
      ]);
    }
  });

  it('refuses a login URL without its tenant', () => {
    expect(problems({ ...BOT, BOT_FRAMEWORK_LOGIN_URL: 'https://login.microsoftonline.us/' })).toEqual([
      'BOT_FRAMEWORK_LOGIN_URL: BOT_FRAMEWORK_LOGIN_URL must name the tenant as its path, e.g. https://login.microsoftonline.us/<tenant>, got "https://login.microsoftonline.us"',
    ]);
  });

  it('refuses Bot Framework settings without an app id, where they would do nothing', () => {
    expect(
      problems({
        MICROSOFT_APP_CERTIFICATE_THUMBPRINT: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
        BOT_FRAMEWORK_CHANNEL_SERVICE: 'https://botframework.azure.us',
        BOT_FRAMEWORK_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      }),
    ).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_ID: MICROSOFT_APP_ID is missing: MICROSOFT_APP_CERTIFICATE_THUMBPRINT is set/),
      expect.stringMatching(/^MICROSOFT_APP_ID: MICROSOFT_APP_ID is missing: BOT_FRAMEWORK_CHANNEL_SERVICE is set/),
      expect.stringMatching(/^MICROSOFT_APP_ID: MICROSOFT_APP_ID is missing: BOT_FRAMEWORK_OPENID_METADATA_URL is set/),
    ]);
  });
});

describe('loadConfig scheduler settings', () => {
  it('takes five- and six-field cron expressions', () => {
    expect(load({ PENDING_DIGEST_CRON: '30 8 * * 1-5', JOB_SWEEP_CRON: '*/5 * * * * *', COVERAGE_DIGEST_CRON: '0 8 * * 5' }).scheduler).toEqual({
      pendingDigestCron: '30 8 * * 1-5',
      jobSweepCron: '*/5 * * * * *',
      coverageDigestCron: '0 8 * * 5',
      excludeTag: { name: 'backup', value: 'exclude' },
    });
  });

  it('reads the coverage exclude tag as name=value or a name alone, and says what is wrong with a bad one', () => {
    expect(load({ COVERAGE_EXCLUDE_TAG: ' Backup-Policy = None ' }).scheduler.excludeTag).toEqual({ name: 'Backup-Policy', value: 'None' });
    expect(load({ COVERAGE_EXCLUDE_TAG: 'nobackup' }).scheduler.excludeTag).toEqual({ name: 'nobackup' });
    expect(problems({ COVERAGE_EXCLUDE_TAG: '=exclude' })).toEqual([expect.stringMatching(/^COVERAGE_EXCLUDE_TAG: COVERAGE_EXCLUDE_TAG must be name=value or name \(a tag name\), a tag name is required before "="/)]);
    expect(problems({ COVERAGE_EXCLUDE_TAG: 'backup=' })).toEqual([expect.stringMatching(/a value is required after "=" \(or leave out "=" to match any value of tag backup\)/)]);
    expect(problems({ COVERAGE_EXCLUDE_TAG: 'a/b=c' })).toEqual([expect.stringMatching(/the tag name must be 1-512 characters without/)]);
  });

  it('says which field of a bad expression is wrong', () => {
    expect(problems({ PENDING_DIGEST_CRON: '0 25 * * *' })).toEqual([
      'PENDING_DIGEST_CRON: PENDING_DIGEST_CRON must be a cron expression ("min hour day month weekday", optionally with seconds first), got "0 25 * * *": 25 is a invalid expression for hour',
    ]);
    expect(problems({ JOB_SWEEP_CRON: 'every minute' })).toEqual([expect.stringMatching(/^JOB_SWEEP_CRON: JOB_SWEEP_CRON must be a cron expression/)]);
  });
});

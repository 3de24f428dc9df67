import path from 'node:path';
import type { z } from 'zod';
import { redactText } from '../log';
import type { AccessConfig, AppConfig, AzureConfig, HttpLimits, SlackConfig, StoreConfig, TeamsConfig } from './config.types';
import { ConfigError, type ConfigProblem } from './config-error';
import { isLoopbackHost } from './setting-schemas';
import { DEFAULT_RESOURCE_MANAGER_ENDPOINT, PUBLIC_CLOUD_LOGIN_PREFIX, SETTINGS, type Setting, type SettingName } from './settings';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** Base for relative paths (DATA_DIR, SQLITE_FILE, AZURE_CA_FILE, MICROSOFT_APP_CERTIFICATE_KEY_FILE); default process.cwd(). */
  cwd?: string;
}

/**
 * Reads and validates every setting from `env` (default process.env). Pure: no file or network
 * access, so it can be called anywhere and tested with plain objects. Blank values count as unset.
 * Throws ConfigError listing every problem at once.
 */
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  const isSet = (name: SettingName): boolean => (env[name] ?? '').trim() !== '';

  // A failed setting reads as undefined; its problem is recorded and the config is never built.
  const read = <T>(s: Setting<T>): T => {
    const raw = env[s.name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw;
    const result = s.schema.safeParse(value, { errorMap: (_issue, ctx) => ({ message: genericMessage(s, value) ?? ctx.defaultError }) });
    if (result.success) return result.data;
    for (const message of uniqueMessages(result.error)) problems.push({ variable: s.name, message });
    return undefined as T;
  };
  const problem = (variable: string, message: string): void => void problems.push({ variable, message });

  const port = read(SETTINGS.PORT);
  const host = read(SETTINGS.HOST);
  const limits = {
    headersTimeoutMs: read(SETTINGS.HTTP_HEADERS_TIMEOUT_MS),
    requestTimeoutMs: read(SETTINGS.HTTP_REQUEST_TIMEOUT_MS),
    keepAliveTimeoutMs: read(SETTINGS.HTTP_KEEP_ALIVE_TIMEOUT_MS),
    maxHeaderBytes: read(SETTINGS.HTTP_MAX_HEADER_BYTES),
    maxConnections: read(SETTINGS.HTTP_MAX_CONNECTIONS),
    maxBodyBytes: read(SETTINGS.HTTP_MAX_BODY_BYTES),
  };
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (limits.headersTimeoutMs !== undefined && limits.requestTimeoutMs !== undefined && limits.headersTimeoutMs > limits.requestTimeoutMs) {
    problem('HTTP_HEADERS_TIMEOUT_MS', `HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must be at most HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}): the headers are part of the request`);
  }
  const metricsPort = read(SETTINGS.METRICS_PORT);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) problem('METRICS_PORT', `METRICS_PORT must differ from PORT (both ${port}): /metrics stays off the public port`);
  const logLevel = read(SETTINGS.LOG_LEVEL);

  const dataDir = path.resolve(cwd, read(SETTINGS.DATA_DIR) ?? './data');
  const sqliteFile = read(SETTINGS.SQLITE_FILE);
  const databaseUrl = read(SETTINGS.DATABASE_URL);
  const store: StoreConfig =
    databaseUrl !== undefined
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'sqlite', file: sqliteFile === ':memory:' ? ':memory:' : path.resolve(cwd, sqliteFile ?? path.join(dataDir, 'bot.sqlite')) };
  if (databaseUrl !== undefined && isSet('SQLITE_FILE')) warnings.push('SQLITE_FILE is ignored because DATABASE_URL is set (PostgreSQL is used).');

  const azure = readAzure();
  const slack = readSlack();
  const teams = readTeams();
  const access = readAccess(azure);
  // Read before the problems are checked, so a bad value stops the start like any other.
  const portalUrl = read(SETTINGS.AZURE_PORTAL_URL) ?? 'https://portal.azure.com';
  const pendingDigestCron = read(SETTINGS.PENDING_DIGEST_CRON);
  const jobSweepCron = read(SETTINGS.JOB_SWEEP_CRON);
  const coverageDigestCron = read(SETTINGS.COVERAGE_DIGEST_CRON);
  const excludeTag = read(SETTINGS.COVERAGE_EXCLUDE_TAG);

  if (teams?.playground && host !== undefined && !isLoopbackHost(host)) {
    warnings.push(
      `The playground is on and HOST=${host} is not a loopback address: anyone who can reach port ${port ?? ''} can use the bot without signing in. Set PLAYGROUND=false or HOST=127.0.0.1 unless that is intended.`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    server: { host, port, ...(metricsPort !== undefined ? { metricsPort } : {}), limits: limits as HttpLimits },
    logLevel,
    dataDir,
    store,
    azure: azure as AzureConfig,
    portalUrl,
    slack: slack as SlackConfig,
    teams: teams as TeamsConfig,
    scheduler: { pendingDigestCron, jobSweepCron, coverageDigestCron, excludeTag },
    access: access as AccessConfig,
    warnings,
  };

  function readAzure(): AzureConfig | undefined {
    const subscriptionIds = read(SETTINGS.AZURE_SUBSCRIPTION_IDS);
    const endpoint = read(SETTINGS.AZURE_RESOURCE_MANAGER_ENDPOINT);
    const authorityHost = read(SETTINGS.AZURE_AUTHORITY_HOST);
    const caFile = read(SETTINGS.AZURE_CA_FILE);
    const credential = read(SETTINGS.AZURE_CREDENTIAL);
    const pollIntervalMs = read(SETTINGS.AZURE_POLL_INTERVAL_MS);
    const emulator = {
      port: read(SETTINGS.EMULATOR_PORT),
      timeScale: read(SETTINGS.EMULATOR_TIME_SCALE),
      extraVms: read(SETTINGS.EMULATOR_EXTRA_VMS),
    };

    if (!isSet('AZURE_SUBSCRIPTION_IDS')) {
      // Without subscriptions the embedded emulator is used; settings that only make sense for
      // another Azure are refused rather than silently ignored, so nobody believes they are on
      // real Azure while talking to the emulator.
      const azureOnly: SettingName[] = (['AZURE_RESOURCE_MANAGER_ENDPOINT', 'AZURE_AUTHORITY_HOST', 'AZURE_CA_FILE'] as const).filter(isSet);
      if (credential === 'emulator') azureOnly.push('AZURE_CREDENTIAL');
      for (const name of azureOnly) {
        problem(
          name,
          `${name} is set but AZURE_SUBSCRIPTION_IDS is not: set AZURE_SUBSCRIPTION_IDS to the subscriptions to manage at that endpoint, or unset ${name} to use the embedded emulator`,
        );
      }
      return { mode: 'emulator', emulator, pollIntervalMs };
    }

    const resourceManagerEndpoint = endpoint ?? DEFAULT_RESOURCE_MANAGER_ENDPOINT;
    if (credential === 'emulator' && endpoint !== undefined && !isLoopbackHost(new URL(resourceManagerEndpoint).hostname)) {
      problem(
        'AZURE_CREDENTIAL',
        `AZURE_CREDENTIAL=emulator sends a fixed token and is only allowed when AZURE_RESOURCE_MANAGER_ENDPOINT is a loopback address (127.0.0.1, ::1, localhost), got ${JSON.stringify(resourceManagerEndpoint)}`,
      );
    } else if (credential === 'emulator' && !isSet('AZURE_RESOURCE_MANAGER_ENDPOINT')) {
      problem(
        'AZURE_CREDENTIAL',
        `AZURE_CREDENTIAL=emulator needs AZURE_RESOURCE_MANAGER_ENDPOINT set to the emulator's loopback address (it would otherwise send a fixed token to ${DEFAULT_RESOURCE_MANAGER_ENDPOINT})`,
      );
    }
    const emulatorSettings = (['EMULATOR_PORT', 'EMULATOR_TIME_SCALE', 'EMULATOR_EXTRA_VMS'] as const).filter(isSet);
    if (emulatorSettings.length > 0) warnings.push(`${emulatorSettings.join(', ')} ignored: AZURE_SUBSCRIPTION_IDS is set, so the embedded emulator is not started.`);

    return {
      mode: 'azure',
      subscriptionIds: subscriptionIds as string[], // set, or its problem is recorded
      resourceManagerEndpoint,
      authorityHost,
      caFile: caFile === undefined ? undefined : path.resolve(cwd, caFile),
      credential,
      pollIntervalMs,
    };
  }

  function readAccess(azure: AzureConfig | undefined): AccessConfig | undefined {
    const bootstrapAdmins = read(SETTINGS.BOOTSTRAP_ADMINS) ?? [];
    const scope = read(SETTINGS.DEFAULT_CHANNEL_SCOPE);
    const role = read(SETTINGS.DEFAULT_ROLE);
    const limit = read(SETTINGS.COSTLY_ACTIONS_PER_USER);
    const windowMinutes = read(SETTINGS.COSTLY_ACTIONS_WINDOW_MINUTES);
    // The open defaults exist for the demo on the embedded emulator; on a real Azure they would
    // hand every chat user every subscription, so they are refused there rather than warned about.
    const onEmulator = azure?.mode === 'emulator';
    if (!onEmulator && scope === 'all') {
      problem('DEFAULT_CHANNEL_SCOPE', 'DEFAULT_CHANNEL_SCOPE=all is only allowed with the embedded emulator: on Azure, bind each channel with `backup admin bind <subscription>[/<resource group>]`');
    }
    if (!onEmulator && role === 'admin') {
      problem('DEFAULT_ROLE', 'DEFAULT_ROLE=admin is only allowed with the embedded emulator: on Azure, name the first admins in BOOTSTRAP_ADMINS and let them grant roles');
    }
    return {
      bootstrapAdmins,
      defaultChannelScope: scope ?? (onEmulator ? 'all' : 'none'),
      defaultRole: role ?? (onEmulator ? 'admin' : 'none'),
      costlyActions: { limit, windowMinutes },
    };
  }

  function readSlack(): SlackConfig | undefined {
    const botToken = read(SETTINGS.SLACK_BOT_TOKEN);
    const signingSecret = read(SETTINGS.SLACK_SIGNING_SECRET);
    const appToken = read(SETTINGS.SLACK_APP_TOKEN);
    const apiUrl = read(SETTINGS.SLACK_API_URL);
    const hasToken = isSet('SLACK_BOT_TOKEN');
    const hasSecret = isSet('SLACK_SIGNING_SECRET');
    if (hasToken && !hasSecret) problem('SLACK_SIGNING_SECRET', 'SLACK_SIGNING_SECRET is missing: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or neither, to leave Slack off)');
    if (hasSecret && !hasToken) problem('SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN is missing: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or neither, to leave Slack off)');
    if (isSet('SLACK_APP_TOKEN') && !hasToken && !hasSecret) {
      problem('SLACK_APP_TOKEN', 'SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not: Socket Mode needs all three');
    }
    if (!hasToken || !hasSecret) return { enabled: false };
    // Both are set here: undefined only when invalid, and then a problem is recorded.
    return { enabled: true, botToken: botToken as string, signingSecret: signingSecret as string, appToken, socketMode: appToken !== undefined, apiUrl };
  }

  function readTeams(): TeamsConfig | undefined {
    const appId = read(SETTINGS.MICROSOFT_APP_ID);
    const appPassword = read(SETTINGS.MICROSOFT_APP_PASSWORD);
    const thumbprint = read(SETTINGS.MICROSOFT_APP_CERTIFICATE_THUMBPRINT);
    const keyFile = read(SETTINGS.MICROSOFT_APP_CERTIFICATE_KEY_FILE);
    const tenantId = read(SETTINGS.MICROSOFT_APP_TENANT_ID);
    const explicitType = read(SETTINGS.MICROSOFT_APP_TYPE);
    const playgroundSetting = read(SETTINGS.PLAYGROUND);
    const endpoints = {
      channelService: read(SETTINGS.BOT_FRAMEWORK_CHANNEL_SERVICE),
      oauthEndpoint: read(SETTINGS.BOT_FRAMEWORK_OAUTH_ENDPOINT),
      openIdMetadataUrl: read(SETTINGS.BOT_FRAMEWORK_OPENID_METADATA_URL),
      loginUrl: read(SETTINGS.BOT_FRAMEWORK_LOGIN_URL),
    };

    if (!isSet('MICROSOFT_APP_ID')) {
      // Without an app id Bot Framework is off: these would do nothing, so they are refused.
      for (const name of BOT_FRAMEWORK_SETTINGS) {
        if (isSet(name)) {
          problem(
            'MICROSOFT_APP_ID',
            `MICROSOFT_APP_ID is missing: ${name} is set, and Teams needs the bot's app id too (or none of the MICROSOFT_APP_* and BOT_FRAMEWORK_* settings, for the local playground)`,
          );
        }
      }
      return { enabled: false, playground: playgroundSetting ?? true };
    }

    const appType = explicitType ?? (isSet('MICROSOFT_APP_TENANT_ID') ? 'SingleTenant' : 'MultiTenant');
    const hasPassword = isSet('MICROSOFT_APP_PASSWORD');
    const certificateSettings = CERTIFICATE_SETTINGS.filter(isSet);
    if (appType === 'UserAssignedMSI') {
      if (hasPassword) problem('MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_PASSWORD must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no secret)');
      for (const name of certificateSettings) problem(name, `${name} must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no certificate)`);
    } else if (hasPassword && certificateSettings.length > 0) {
      problem(
        'MICROSOFT_APP_PASSWORD',
        `MICROSOFT_APP_PASSWORD cannot be combined with a certificate (${certificateSettings.join(', ')} set): the bot signs in with one credential, the client secret or the certificate; unset the one it does not use`,
      );
    } else if (!hasPassword && certificateSettings.length === 0) {
      problem(
        'MICROSOFT_APP_PASSWORD',
        `MICROSOFT_APP_PASSWORD is missing: a ${appType} bot needs the app's client secret, or a certificate (${CERTIFICATE_SETTINGS.join(' and ')}), or MICROSOFT_APP_TYPE=UserAssignedMSI for a managed identity`,
      );
    } else if (!hasPassword) {
      // The certificate credential (a password alone needs no more checks).
      for (const name of CERTIFICATE_SETTINGS) {
        if (!isSet(name)) problem(name, `${name} is missing: a certificate credential needs both ${CERTIFICATE_SETTINGS.join(' and ')}`);
      }
      // botbuilder's certificate credential ignores the login URL and always signs in at the public cloud.
      const elsewhere = isSet('BOT_FRAMEWORK_CHANNEL_SERVICE')
        ? 'BOT_FRAMEWORK_CHANNEL_SERVICE'
        : endpoints.loginUrl !== undefined && !endpoints.loginUrl.toLowerCase().startsWith(PUBLIC_CLOUD_LOGIN_PREFIX)
          ? 'BOT_FRAMEWORK_LOGIN_URL'
          : undefined;
      if (elsewhere !== undefined) {
        problem(
          certificateSettings[0],
          `${certificateSettings[0]} cannot be used with ${elsewhere}: botbuilder's certificate credential always signs in at ${PUBLIC_CLOUD_LOGIN_PREFIX}, whatever the cloud settings say; use MICROSOFT_APP_PASSWORD (or a managed identity) in another cloud`,
        );
      }
    }
    if (appType !== 'MultiTenant' && !isSet('MICROSOFT_APP_TENANT_ID')) {
      problem('MICROSOFT_APP_TENANT_ID', `MICROSOFT_APP_TENANT_ID is missing: MICROSOFT_APP_TYPE=${appType} needs the tenant id`);
    }
    if (endpoints.loginUrl !== undefined && new URL(endpoints.loginUrl).pathname.replace(/\/+$/, '') === '') {
      problem('BOT_FRAMEWORK_LOGIN_URL', `BOT_FRAMEWORK_LOGIN_URL must name the tenant as its path, e.g. https://login.microsoftonline.us/<tenant>, got ${JSON.stringify(endpoints.loginUrl)}`);
    }
    if (playgroundSetting === true) {
      problem('PLAYGROUND', 'PLAYGROUND=true cannot be combined with MICROSOFT_APP_ID: the playground takes unauthenticated traffic, so it only runs without Bot Framework credentials');
    }
    const certificate = thumbprint !== undefined && keyFile !== undefined ? { thumbprint, keyFile: path.resolve(cwd, keyFile) } : undefined;
    return { enabled: true, playground: false, appId: appId as string, appPassword, certificate, tenantId, appType, endpoints };
  }
}

/** Settings that mean something only with MICROSOFT_APP_ID. */
const BOT_FRAMEWORK_SETTINGS = [
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_CERTIFICATE_THUMBPRINT',
  'MICROSOFT_APP_CERTIFICATE_KEY_FILE',
  'MICROSOFT_APP_TENANT_ID',
  'MICROSOFT_APP_TYPE',
  'BOT_FRAMEWORK_CHANNEL_SERVICE',
  'BOT_FRAMEWORK_OAUTH_ENDPOINT',
  'BOT_FRAMEWORK_OPENID_METADATA_URL',
  'BOT_FRAMEWORK_LOGIN_URL',
] as const satisfies readonly SettingName[];

const CERTIFICATE_SETTINGS = ['MICROSOFT_APP_CERTIFICATE_THUMBPRINT', 'MICROSOFT_APP_CERTIFICATE_KEY_FILE'] as const satisfies readonly SettingName[];

function genericMessage(s: Setting<unknown>, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (s.secret) return `${s.name} must be ${s.accepts} (value not shown: it is a secret)`;
  return `${s.name} must be ${s.accepts}, got ${JSON.stringify(redactText(value))}`;
}

function uniqueMessages(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((i) => i.message))];
}

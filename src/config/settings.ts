import { z } from 'zod';
import { LOG_LEVELS, redactText, type LogLevel } from '../log';
import { DEFAULT_EXCLUDE_TAG, DEFAULT_EXCLUDE_TAG_TEXT } from '../domain/exclude-tag.rule';
import type { HttpLimits, TeamsAppType } from './config.types';
import {
  boolean,
  cronExpression,
  decimal,
  excludeTag,
  guid,
  guidList,
  guidOrDomain,
  host,
  integer,
  nonEmpty,
  oneOf,
  optional,
  prefixed,
  principalList,
  url,
  withDefault,
  type SettingSchema,
} from './setting-schemas';

export type SettingGroup = 'server' | 'store' | 'azure' | 'emulator' | 'slack' | 'teams' | 'scheduler' | 'access';

/**
 * One environment variable: its schema, and what the docs say of it. The catalogue below is the
 * single list of variables the bot reads; .env.example and docs/configuration.md's table are checked against
 * it by test/unit/config.
 */
export interface Setting<T> {
  name: string;
  group: SettingGroup;
  /** What a valid value looks like, as in "PORT must be <accepts>". */
  accepts: string;
  /** The default as a person reads it; undefined when unset means "off" or "not used". */
  defaultText?: string;
  description: string;
  /** Never echoed in error messages or logs. */
  secret?: boolean;
  schema: SettingSchema<T>;
}

const setting = <T>(s: Setting<T>): Setting<T> => s;

export const DEFAULT_PORT = 3978;
/**
 * The HTTP server's limits when their settings are unset. Slack and Bot Framework send small
 * bodies with a Content-Length, headers of a few KB, and answer within seconds; the keep-alive
 * timeout is above the 60 s idle timeout of common load balancers and ingresses, so they close
 * an idle connection first and never send on one the bot is closing.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 1024,
  maxBodyBytes: 1024 * 1024,
};
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_EMULATOR_TIME_SCALE = 10;
export const DEFAULT_PENDING_DIGEST_CRON = '0 9 * * *';
export const DEFAULT_JOB_SWEEP_CRON = '*/20 * * * * *';
/** Mondays at 09:00: the start of a team's week. */
export const DEFAULT_COVERAGE_DIGEST_CRON = '0 9 * * 1';
/** The one channel service botbuilder knows by name (its GovernmentConstants.ChannelService). */
export const US_GOVERNMENT_CHANNEL_SERVICE = 'https://botframework.azure.us';
/**
 * Where botbuilder's certificate credential always signs in, whatever the cloud settings say (its
 * AuthenticationConstants.ToChannelFromBotLoginUrlPrefix).
 */
export const PUBLIC_CLOUD_LOGIN_PREFIX = 'https://login.microsoftonline.com/';
/** The settings that describe a Bot Framework cloud botbuilder does not know by name. */
const CLOUD_ENDPOINT_SETTINGS = 'BOT_FRAMEWORK_LOGIN_URL, BOT_FRAMEWORK_OPENID_METADATA_URL and BOT_FRAMEWORK_OAUTH_ENDPOINT';

/**
 * botbuilder picks its constants from the channel service and throws at start for any value but
 * the US Government one; every other cloud is described by its endpoints instead.
 */
function channelService(): z.ZodType<string, z.ZodTypeDef, string> {
  return z.string().transform((raw, ctx) => {
    const value = raw.trim().replace(/\/+$/, '');
    if (value.toLowerCase() === US_GOVERNMENT_CHANNEL_SERVICE) return US_GOVERNMENT_CHANNEL_SERVICE;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `BOT_FRAMEWORK_CHANNEL_SERVICE must be ${US_GOVERNMENT_CHANNEL_SERVICE} (US Government) or unset, got ${JSON.stringify(redactText(raw))}: botbuilder knows no other channel service. For another cloud leave it unset and set ${CLOUD_ENDPOINT_SETTINGS}`,
    });
    return z.NEVER;
  });
}

/** The certificate's SHA-1 thumbprint, as the portal shows it or openssl prints it (with colons). */
function thumbprint(): z.ZodType<string, z.ZodTypeDef, string> {
  return z
    .string()
    .transform((raw) => raw.replace(/[\s:]/g, '').toUpperCase())
    .refine((v) => /^[0-9A-F]{40}$/.test(v));
}

export const SETTINGS = {
  PORT: setting({
    name: 'PORT',
    group: 'server',
    accepts: 'an integer 0-65535 (0 picks a free port)',
    defaultText: String(DEFAULT_PORT),
    description: 'HTTP port of the bot (health check, Slack events, Teams messages, playground).',
    schema: withDefault(integer(0, 65535), DEFAULT_PORT),
  }),
  HOST: setting({
    name: 'HOST',
    group: 'server',
    accepts: 'an IP address or host name to listen on',
    defaultText: DEFAULT_HOST,
    description: 'Address to listen on. Loopback by default so the unauthenticated playground is not exposed; 0.0.0.0 in a container.',
    schema: withDefault(host(), DEFAULT_HOST),
  }),
  METRICS_PORT: setting({
    name: 'METRICS_PORT',
    group: 'server',
    accepts: 'an integer 0-65535 other than PORT (0 picks a free port)',
    description: 'Port of GET /metrics (Prometheus format), on HOST, apart from the public port the ingress exposes. Unset: no metrics endpoint.',
    schema: optional(integer(0, 65535)),
  }),
  HTTP_HEADERS_TIMEOUT_MS: setting({
    name: 'HTTP_HEADERS_TIMEOUT_MS',
    group: 'server',
    accepts: 'an integer 100-600000 (milliseconds), at most HTTP_REQUEST_TIMEOUT_MS',
    defaultText: String(DEFAULT_HTTP_LIMITS.headersTimeoutMs),
    description: 'How long a client may take to send the headers of a request; one that sends them slower (a byte at a time) is cut.',
    schema: withDefault(integer(100, 600_000), DEFAULT_HTTP_LIMITS.headersTimeoutMs),
  }),
  HTTP_REQUEST_TIMEOUT_MS: setting({
    name: 'HTTP_REQUEST_TIMEOUT_MS',
    group: 'server',
    accepts: 'an integer 100-600000 (milliseconds)',
    defaultText: String(DEFAULT_HTTP_LIMITS.requestTimeoutMs),
    description: 'How long a client may take to send a whole request, body included; a slower one is cut.',
    schema: withDefault(integer(100, 600_000), DEFAULT_HTTP_LIMITS.requestTimeoutMs),
  }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: setting({
    name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
    group: 'server',
    accepts: 'an integer 100-600000 (milliseconds)',
    defaultText: String(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
    description: 'How long an idle keep-alive connection stays open. Keep it above the idle timeout of the load balancer or ingress in front (60 s for most).',
    schema: withDefault(integer(100, 600_000), DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
  }),
  HTTP_MAX_HEADER_BYTES: setting({
    name: 'HTTP_MAX_HEADER_BYTES',
    group: 'server',
    accepts: 'an integer 1024-1048576 (bytes)',
    defaultText: String(DEFAULT_HTTP_LIMITS.maxHeaderBytes),
    description: 'Largest request line and headers together; larger ones are answered 431.',
    schema: withDefault(integer(1024, 1_048_576), DEFAULT_HTTP_LIMITS.maxHeaderBytes),
  }),
  HTTP_MAX_CONNECTIONS: setting({
    name: 'HTTP_MAX_CONNECTIONS',
    group: 'server',
    accepts: 'an integer 1-1000000',
    defaultText: String(DEFAULT_HTTP_LIMITS.maxConnections),
    description: 'Most connections open at once on PORT; further ones are closed as they arrive.',
    schema: withDefault(integer(1, 1_000_000), DEFAULT_HTTP_LIMITS.maxConnections),
  }),
  HTTP_MAX_BODY_BYTES: setting({
    name: 'HTTP_MAX_BODY_BYTES',
    group: 'server',
    accepts: 'an integer 1024-104857600 (bytes)',
    defaultText: String(DEFAULT_HTTP_LIMITS.maxBodyBytes),
    description: 'Largest request body; a larger one is answered 413 before it is read, a body without a Content-Length (chunked) 411. Slack and Bot Framework state the length.',
    schema: withDefault(integer(1024, 104_857_600), DEFAULT_HTTP_LIMITS.maxBodyBytes),
  }),
  LOG_LEVEL: setting({
    name: 'LOG_LEVEL',
    group: 'server',
    accepts: `one of ${LOG_LEVELS.join(', ')}`,
    defaultText: 'info',
    description: 'Least severe level written to stdout as JSON lines (secrets are redacted).',
    schema: withDefault<LogLevel>(oneOf(LOG_LEVELS), 'info'),
  }),
  DATA_DIR: setting({
    name: 'DATA_DIR',
    group: 'store',
    accepts: 'a folder path',
    defaultText: './data',
    description: 'Folder for local state; relative paths are relative to the working directory. Created at start.',
    schema: withDefault(nonEmpty(), './data'),
  }),
  SQLITE_FILE: setting({
    name: 'SQLITE_FILE',
    group: 'store',
    accepts: 'a file path or :memory:',
    defaultText: '$DATA_DIR/bot.sqlite',
    description: 'SQLite database file, used when DATABASE_URL is not set. :memory: keeps nothing.',
    schema: optional(nonEmpty()),
  }),
  DATABASE_URL: setting({
    name: 'DATABASE_URL',
    group: 'store',
    accepts: 'a postgres:// or postgresql:// URL',
    description: 'PostgreSQL connection URL; when set it is used instead of SQLite (needed for several replicas).',
    schema: optional(url({ protocols: ['postgres:', 'postgresql:'] })),
  }),
  AZURE_SUBSCRIPTION_IDS: setting({
    name: 'AZURE_SUBSCRIPTION_IDS',
    group: 'azure',
    accepts: 'comma-separated subscription GUIDs',
    description: 'Subscriptions to manage. When set the bot talks to Azure Resource Manager and never starts the emulator.',
    schema: optional(guidList('AZURE_SUBSCRIPTION_IDS')),
  }),
  AZURE_RESOURCE_MANAGER_ENDPOINT: setting({
    name: 'AZURE_RESOURCE_MANAGER_ENDPOINT',
    group: 'azure',
    accepts: 'an https:// URL',
    defaultText: DEFAULT_RESOURCE_MANAGER_ENDPOINT,
    description: 'Resource Manager endpoint: https://management.usgovcloudapi.net (US Gov), https://management.chinacloudapi.cn (China), or an emulator.',
    schema: optional(url({ trailingSlash: 'strip' })),
  }),
  AZURE_AUTHORITY_HOST: setting({
    name: 'AZURE_AUTHORITY_HOST',
    group: 'azure',
    accepts: 'an https:// URL',
    defaultText: 'https://login.microsoftonline.com',
    description: 'Microsoft Entra authority for sovereign clouds, e.g. https://login.microsoftonline.us or https://login.chinacloudapi.cn.',
    schema: optional(url({ trailingSlash: 'strip' })),
  }),
  AZURE_PORTAL_URL: setting({
    name: 'AZURE_PORTAL_URL',
    group: 'azure',
    accepts: 'an https:// URL',
    defaultText: 'https://portal.azure.com',
    description: 'Azure portal the bot links to (status, vaults, jobs): https://portal.azure.us (US Gov), https://portal.azure.cn (China).',
    schema: optional(url({ trailingSlash: 'strip' })),
  }),
  AZURE_CA_FILE: setting({
    name: 'AZURE_CA_FILE',
    group: 'azure',
    accepts: 'a path to a PEM file',
    description: 'Extra CA certificate (PEM) to trust for the Resource Manager endpoint, e.g. the certificate of an emulator started with npm run emulator.',
    schema: optional(nonEmpty()),
  }),
  AZURE_CREDENTIAL: setting({
    name: 'AZURE_CREDENTIAL',
    group: 'azure',
    accepts: 'default or emulator',
    defaultText: 'default',
    description: 'default: DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI). emulator: a fixed token, only for a loopback endpoint.',
    schema: withDefault(oneOf(['default', 'emulator'] as const), 'default'),
  }),
  AZURE_POLL_INTERVAL_MS: setting({
    name: 'AZURE_POLL_INTERVAL_MS',
    group: 'azure',
    accepts: 'an integer 1-600000',
    defaultText: '2000 on Azure, 200 with the embedded emulator',
    description: 'How often long-running Azure operations (vault creation, enabling protection) are polled.',
    schema: optional(integer(1, 600_000)),
  }),
  EMULATOR_PORT: setting({
    name: 'EMULATOR_PORT',
    group: 'emulator',
    accepts: 'an integer 0-65535 (0 picks a free port)',
    defaultText: '0',
    description: 'Loopback HTTPS port of the embedded Azure emulator (only without AZURE_SUBSCRIPTION_IDS).',
    schema: withDefault(integer(0, 65535), 0),
  }),
  EMULATOR_TIME_SCALE: setting({
    name: 'EMULATOR_TIME_SCALE',
    group: 'emulator',
    accepts: 'a number greater than 0, at most 100000',
    defaultText: String(DEFAULT_EMULATOR_TIME_SCALE),
    description: 'Emulated seconds per real second: at 10 a 90-second emulated backup job finishes in 9 seconds. 1 is real time.',
    schema: withDefault(decimal(0, 100_000), DEFAULT_EMULATOR_TIME_SCALE),
  }),
  EMULATOR_EXTRA_VMS: setting({
    name: 'EMULATOR_EXTRA_VMS',
    group: 'emulator',
    accepts: 'an integer 0-100000',
    defaultText: '0',
    description: 'Extra VMs added to the emulator’s demo inventory (to try type-ahead over a large estate).',
    schema: withDefault(integer(0, 100_000), 0),
  }),
  SLACK_BOT_TOKEN: setting({
    name: 'SLACK_BOT_TOKEN',
    group: 'slack',
    accepts: 'a bot token starting with xoxb-',
    description: 'Bot User OAuth Token. Slack is on when this and SLACK_SIGNING_SECRET are both set.',
    secret: true,
    schema: optional(prefixed(['xoxb-', 'xoxe.xoxb-'])),
  }),
  SLACK_SIGNING_SECRET: setting({
    name: 'SLACK_SIGNING_SECRET',
    group: 'slack',
    accepts: 'the app’s signing secret',
    description: 'Signing secret used to verify requests from Slack.',
    secret: true,
    schema: optional(nonEmpty()),
  }),
  SLACK_APP_TOKEN: setting({
    name: 'SLACK_APP_TOKEN',
    group: 'slack',
    accepts: 'an app-level token starting with xapp-',
    description: 'App-level token with connections:write. When set, Slack uses Socket Mode (no public URL needed).',
    secret: true,
    schema: optional(prefixed(['xapp-'])),
  }),
  SLACK_API_URL: setting({
    name: 'SLACK_API_URL',
    group: 'slack',
    accepts: 'an https:// URL (http:// only for loopback)',
    defaultText: DEFAULT_SLACK_API_URL,
    description: 'Slack Web API base URL; GovSlack: https://slack-gov.com/api/.',
    schema: withDefault(url({ loopbackHttp: true, trailingSlash: 'add' }), DEFAULT_SLACK_API_URL),
  }),
  MICROSOFT_APP_ID: setting({
    name: 'MICROSOFT_APP_ID',
    group: 'teams',
    accepts: 'a GUID (the bot’s Microsoft Entra app or managed identity client id)',
    description: 'Azure Bot registration app id. Teams (Bot Framework) is on when this is set.',
    schema: optional(guid()),
  }),
  MICROSOFT_APP_PASSWORD: setting({
    name: 'MICROSOFT_APP_PASSWORD',
    group: 'teams',
    accepts: 'the app’s client secret',
    description: 'Client secret of the app. Not with a certificate (MICROSOFT_APP_CERTIFICATE_*) nor with UserAssignedMSI.',
    secret: true,
    schema: optional(nonEmpty()),
  }),
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: setting({
    name: 'MICROSOFT_APP_CERTIFICATE_THUMBPRINT',
    group: 'teams',
    accepts: 'a SHA-1 thumbprint: 40 hex digits (colons allowed)',
    description: 'Thumbprint of a certificate of the app, to sign in with it instead of a client secret; with MICROSOFT_APP_CERTIFICATE_KEY_FILE. Public cloud only.',
    schema: optional(thumbprint()),
  }),
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: setting({
    name: 'MICROSOFT_APP_CERTIFICATE_KEY_FILE',
    group: 'teams',
    accepts: 'a path to a PEM file with an unencrypted RSA private key',
    description: 'Private key of that certificate, read at start; relative paths are relative to the working directory.',
    schema: optional(nonEmpty()),
  }),
  MICROSOFT_APP_TENANT_ID: setting({
    name: 'MICROSOFT_APP_TENANT_ID',
    group: 'teams',
    accepts: 'a tenant GUID or domain',
    description: 'Tenant of the app; required for SingleTenant and UserAssignedMSI.',
    schema: optional(guidOrDomain()),
  }),
  MICROSOFT_APP_TYPE: setting({
    name: 'MICROSOFT_APP_TYPE',
    group: 'teams',
    accepts: 'MultiTenant, SingleTenant or UserAssignedMSI',
    defaultText: 'SingleTenant when MICROSOFT_APP_TENANT_ID is set, else MultiTenant',
    description: 'Kind of Azure Bot identity.',
    schema: optional<TeamsAppType>(oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const)),
  }),
  PLAYGROUND: setting({
    name: 'PLAYGROUND',
    group: 'teams',
    accepts: 'true or false (also 1/0, yes/no, on/off)',
    defaultText: 'true when MICROSOFT_APP_ID is unset (and never with it)',
    description: 'Serve the local Web Chat playground at / (no sign-in: keep HOST on loopback).',
    schema: optional(boolean()),
  }),
  BOT_FRAMEWORK_CHANNEL_SERVICE: setting({
    name: 'BOT_FRAMEWORK_CHANNEL_SERVICE',
    group: 'teams',
    accepts: `${US_GOVERNMENT_CHANNEL_SERVICE} (US Government)`,
    description: `Bot Framework’s US Government cloud: its endpoints all at once. Other clouds: leave it unset and set ${CLOUD_ENDPOINT_SETTINGS}.`,
    schema: optional(channelService()),
  }),
  BOT_FRAMEWORK_OAUTH_ENDPOINT: setting({
    name: 'BOT_FRAMEWORK_OAUTH_ENDPOINT',
    group: 'teams',
    accepts: 'an https:// URL',
    description: 'Bot Framework token service URL (e.g. https://tokengcch.botframework.azure.us). Any of the three endpoint settings replaces the cloud’s value, the others keep it.',
    schema: optional(url({ trailingSlash: 'strip' })),
  }),
  BOT_FRAMEWORK_OPENID_METADATA_URL: setting({
    name: 'BOT_FRAMEWORK_OPENID_METADATA_URL',
    group: 'teams',
    accepts: 'an https:// URL',
    description: 'OpenID metadata whose keys sign the tokens of incoming requests (e.g. https://login.botframework.azure.us/v1/.well-known/openidconfiguration).',
    schema: optional(url()),
  }),
  BOT_FRAMEWORK_LOGIN_URL: setting({
    name: 'BOT_FRAMEWORK_LOGIN_URL',
    group: 'teams',
    accepts: 'an https:// URL with the tenant as its path',
    description: 'Authority the bot gets its outgoing tokens from (e.g. https://login.microsoftonline.us/<tenant>). On login.microsoftonline.com and login.microsoftonline.us botbuilder uses MICROSOFT_APP_TENANT_ID (or Bot Framework’s tenant) instead of the path.',
    schema: optional(url({ trailingSlash: 'strip' })),
  }),
  PENDING_DIGEST_CRON: setting({
    name: 'PENDING_DIGEST_CRON',
    group: 'scheduler',
    accepts: 'a cron expression',
    defaultText: DEFAULT_PENDING_DIGEST_CRON,
    description: 'When subscribed channels get the digest of VMs still in "Initial backup pending" (server time zone; set TZ to change it).',
    schema: withDefault(cronExpression('PENDING_DIGEST_CRON'), DEFAULT_PENDING_DIGEST_CRON),
  }),
  JOB_SWEEP_CRON: setting({
    name: 'JOB_SWEEP_CRON',
    group: 'scheduler',
    accepts: 'a cron expression',
    defaultText: DEFAULT_JOB_SWEEP_CRON,
    description: 'How often running backup jobs are checked so their messages update and channels hear when they end (6 fields: seconds first).',
    schema: withDefault(cronExpression('JOB_SWEEP_CRON'), DEFAULT_JOB_SWEEP_CRON),
  }),
  COVERAGE_DIGEST_CRON: setting({
    name: 'COVERAGE_DIGEST_CRON',
    group: 'scheduler',
    accepts: 'a cron expression',
    defaultText: DEFAULT_COVERAGE_DIGEST_CRON,
    description: 'When channels subscribed with `coverage` get the weekly digest of unprotected VMs (server time zone; default Mondays 09:00).',
    schema: withDefault(cronExpression('COVERAGE_DIGEST_CRON'), DEFAULT_COVERAGE_DIGEST_CRON),
  }),
  COVERAGE_EXCLUDE_TAG: setting({
    name: 'COVERAGE_EXCLUDE_TAG',
    group: 'scheduler',
    accepts: 'name=value (that tag with that value) or name (that tag, any value); names and values ignore case',
    defaultText: DEFAULT_EXCLUDE_TAG_TEXT,
    description: 'The VM tag that leaves a VM out of `backup coverage` and the coverage digest on purpose: such VMs are counted as excluded, not as gaps.',
    schema: withDefault(excludeTag('COVERAGE_EXCLUDE_TAG'), DEFAULT_EXCLUDE_TAG),
  }),
  BOOTSTRAP_ADMINS: setting({
    name: 'BOOTSTRAP_ADMINS',
    group: 'access',
    accepts: 'comma-separated platform:workspace:user entries (slack:<team id>:<user id>, teams:<tenant id>:<AAD object id>)',
    description: 'People who are admins of the bot in their workspace or tenant from the start, whatever the grants say; they grant the other roles.',
    schema: optional(principalList('BOOTSTRAP_ADMINS')),
  }),
  DEFAULT_CHANNEL_SCOPE: setting({
    name: 'DEFAULT_CHANNEL_SCOPE',
    group: 'access',
    accepts: 'none or all (all only with the embedded emulator)',
    defaultText: 'all with the embedded emulator, none on Azure',
    description: 'What a channel nobody bound sees: none (nothing until an admin binds it to subscriptions or resource groups) or all (every subscription the bot manages).',
    schema: optional(oneOf(['none', 'all'] as const)),
  }),
  DEFAULT_ROLE: setting({
    name: 'DEFAULT_ROLE',
    group: 'access',
    accepts: 'none, viewer, operator or admin (admin only with the embedded emulator)',
    defaultText: 'admin with the embedded emulator, none on Azure',
    description: 'Role of everyone who was granted none: none, viewer (status, lists, jobs), operator (also Backup now) or admin (everything).',
    schema: optional(oneOf(['none', 'viewer', 'operator', 'admin'] as const)),
  }),
  COSTLY_ACTIONS_PER_USER: setting({
    name: 'COSTLY_ACTIONS_PER_USER',
    group: 'access',
    accepts: 'an integer 0-10000 (0 turns the limit off)',
    defaultText: '10',
    description: 'How many costly actions (enable backup, Backup now) one person may start per COSTLY_ACTIONS_WINDOW_MINUTES.',
    schema: withDefault(integer(0, 10_000), 10),
  }),
  COSTLY_ACTIONS_WINDOW_MINUTES: setting({
    name: 'COSTLY_ACTIONS_WINDOW_MINUTES',
    group: 'access',
    accepts: 'an integer 1-1440',
    defaultText: '10',
    description: 'The window of the per-person limit on costly actions, in minutes.',
    schema: withDefault(integer(1, 1440), 10),
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;

/** Every setting, in documentation order. */
export const SETTING_LIST: ReadonlyArray<Setting<unknown>> = Object.values(SETTINGS) as ReadonlyArray<Setting<unknown>>;

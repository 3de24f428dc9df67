import type { ExcludeTag } from '../domain/exclude-tag.rule';
import type { LogLevel } from '../log';

/**
 * The bot's whole configuration, read once from the environment at start by `loadConfig`.
 * Nothing else in the product reads process.env; components get the slice they need.
 */
export interface AppConfig {
  server: ServerConfig;
  logLevel: LogLevel;
  /** Absolute path of the folder for local state (the SQLite file by default). */
  dataDir: string;
  store: StoreConfig;
  azure: AzureConfig;
  /** Azure portal base URL without a trailing slash, for links (sovereign clouds differ). */
  portalUrl: string;
  slack: SlackConfig;
  teams: TeamsConfig;
  scheduler: SchedulerConfig;
  /** Who may do what, where (src/access). */
  access: AccessConfig;
  /** Settings that are valid but probably not what was meant; logged at start. */
  warnings: string[];
}

export interface ServerConfig {
  host: string;
  /** 0 lets the system pick a free port (tests). */
  port: number;
  /** GET /metrics listens here (on `host`) when set. */
  metricsPort?: number;
  /** What one client may cost the server (HTTP_* settings). */
  limits: HttpLimits;
}

/**
 * Limits of the HTTP server against slow or greedy clients. Timeouts in milliseconds; the header
 * and request timeouts are enforced by Node's connection check, which the listener runs often
 * enough for them to hold.
 */
export interface HttpLimits {
  /** A request's headers must have arrived within this; otherwise the connection is cut. */
  headersTimeoutMs: number;
  /** A whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Largest request line plus headers; larger gets 431. */
  maxHeaderBytes: number;
  /** Most connections open at once; more are closed as they arrive. */
  maxConnections: number;
  /** Largest request body; larger gets 413 before it is read, a body of unstated length 411. */
  maxBodyBytes: number;
}

/** SQLite file (`:memory:` allowed) by default; PostgreSQL when DATABASE_URL is set. */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * `emulator`: no subscriptions configured, the bundled ARM emulator is started in-process.
 * `azure`: Azure Resource Manager at `resourceManagerEndpoint` (which may also be an emulator
 * running in another process, with `credential: 'emulator'` and its CA in `caFile`).
 */
export type AzureConfig =
  | { mode: 'emulator'; emulator: EmulatorConfig; pollIntervalMs?: number }
  | {
      mode: 'azure';
      subscriptionIds: string[];
      /** Without a trailing slash, e.g. https://management.azure.com */
      resourceManagerEndpoint: string;
      /** Microsoft Entra authority for sovereign clouds, e.g. https://login.microsoftonline.us */
      authorityHost?: string;
      /** Absolute path of an extra CA certificate (PEM) to trust for the endpoint. */
      caFile?: string;
      /** `default`: DefaultAzureCredential; `emulator`: a static token (loopback endpoints only). */
      credential: 'default' | 'emulator';
      pollIntervalMs?: number;
    };

export interface EmulatorConfig {
  /** 0 picks a free port. */
  port: number;
  /** Emulated milliseconds per real millisecond. */
  timeScale: number;
  /** Extra VMs added to the demo inventory. */
  extraVms: number;
}

export type SlackConfig =
  | { enabled: false }
  | {
      enabled: true;
      botToken: string;
      signingSecret: string;
      /** Set: Socket Mode (no public URL needed). Unset: HTTP events on this server. */
      appToken?: string;
      socketMode: boolean;
      /** Web API base URL, ending in a slash (https://slack.com/api/, GovSlack https://slack-gov.com/api/). */
      apiUrl: string;
    };

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/**
 * Bot Framework endpoints for sovereign clouds; unset means the public cloud's. Each endpoint set
 * replaces that value of the cloud (the public one, or US Government with `channelService`).
 */
export interface BotFrameworkEndpoints {
  /** ChannelService: only https://botframework.azure.us (US Government), the one botbuilder knows. */
  channelService?: string;
  /** OAuthUrl / OAuthApiEndpoint of the token service. */
  oauthEndpoint?: string;
  /** ToBotFromChannelOpenIdMetadataUrl, used to validate incoming tokens. */
  openIdMetadataUrl?: string;
  /** ToChannelFromBotLoginUrl, the authority the bot gets its outgoing tokens from. */
  loginUrl?: string;
}

/** A certificate of the bot's app registration, to sign in with instead of a client secret. */
export interface TeamsCertificate {
  /** SHA-1 thumbprint, 40 upper-case hex digits. */
  thumbprint: string;
  /** Absolute path of the PEM private key, read when the bot starts (loadConfig reads no files). */
  keyFile: string;
}

/**
 * `enabled`: Bot Framework credentials are set and the bot serves Teams for real.
 * `playground`: the local Web Chat page talking to the bot through a local Direct Line endpoint.
 */
export type TeamsConfig =
  | { enabled: false; playground: boolean }
  | {
      enabled: true;
      playground: boolean;
      appId: string;
      /** The client secret; absent with a certificate and for UserAssignedMSI. */
      appPassword?: string;
      /** The certificate credential, instead of a client secret. */
      certificate?: TeamsCertificate;
      tenantId?: string;
      appType: TeamsAppType;
      endpoints: BotFrameworkEndpoints;
    };

export interface SchedulerConfig {
  /** node-cron expression of the "initial backup pending" digest. */
  pendingDigestCron: string;
  /** node-cron expression of the sweep that follows running jobs to their end. */
  jobSweepCron: string;
  /** node-cron expression of the weekly coverage digest (COVERAGE_DIGEST_CRON); absent: DEFAULT_COVERAGE_DIGEST_CRON. */
  coverageDigestCron?: string;
  /** The tag that leaves a VM out of coverage (COVERAGE_EXCLUDE_TAG); absent: backup=exclude. Also read by `backup coverage`. */
  excludeTag?: ExcludeTag;
}

/** A person named in configuration: chat platform, workspace (Slack team id, Teams tenant id), user id. */
export interface ConfiguredPrincipal {
  platform: 'slack' | 'teams';
  workspaceId: string;
  userId: string;
}

/**
 * Access control (src/access). On the embedded emulator the defaults open everything (every
 * channel sees all, everyone is admin) so the playground works without setup; on Azure nothing is
 * open until BOOTSTRAP_ADMINS grant roles and bind channels.
 */
export interface AccessConfig {
  /** Admins in their workspace whatever the grants say (BOOTSTRAP_ADMINS). */
  bootstrapAdmins: ConfiguredPrincipal[];
  /** What a channel without bindings sees: nothing, or every subscription the bot manages. */
  defaultChannelScope: 'none' | 'all';
  /** The role of everyone without a grant. */
  defaultRole: 'none' | 'viewer' | 'operator' | 'admin';
  /** Costly actions (enable backup, Backup now) one person may start per window; limit 0 = no limit. */
  costlyActions: { limit: number; windowMinutes: number };
}

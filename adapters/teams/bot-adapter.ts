import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Pipeline } from '@azure/core-rest-pipeline';
import { AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';
import { botFrameworkCloudOptions, type BotFrameworkCloudSettings } from './bot-framework-cloud';

/**
 * The bot's Microsoft Entra identity, as the Azure Bot resource knows it, and its Bot Framework
 * cloud. All empty: the bot takes unauthenticated traffic, and only from this machine (the
 * playground, local tests). Values come from the validated configuration (MICROSOFT_APP_*,
 * BOT_FRAMEWORK_*), never from process.env here.
 */
export interface TeamsAuthConfig extends BotFrameworkCloudSettings {
  appId?: string;
  /** Client secret of the app registration (password credential). */
  appPassword?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
  /** Default MultiTenant. */
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Certificate credential instead of a password: SHA-1 thumbprint and PEM private key. */
  certificateThumbprint?: string;
  certificatePrivateKey?: string;
}

/**
 * Longest one outgoing connector call (a reply, a card posted or updated, botbuilder's own
 * retries included) may take. botbuilder retries a refused connection three times with backoff,
 * 9 to 12 s in all; an activity whose serviceUrl answers nothing would hold its turn for as long
 * as the connection waits.
 */
export const CONNECTOR_CALL_TIMEOUT_MS = 10_000;

const DEADLINE_POLICY = 'vmBackupConnectorCallDeadline';

/**
 * Aborts every call of a connector client after `timeoutMs`. Added outside botbuilder's retry
 * policy, so the bound holds for all the tries of one call. botbuilder offers no option for it
 * (ConnectorFactoryImpl replaces any request policy given in its options), so the policy goes
 * into the client's own pipeline.
 */
function withDeadline(connector: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (connector as unknown as { client?: { pipeline?: Pick<Pipeline, 'addPolicy' | 'getOrderedPolicies'> } }).client?.pipeline;
  if (!pipeline?.addPolicy) throw new Error('botframework-connector: ConnectorClient has no pipeline to bound its calls; see withDeadline in bot-adapter.ts');
  if (pipeline.getOrderedPolicies().some((p) => p.name === DEADLINE_POLICY)) return connector;
  pipeline.addPolicy({
    name: DEADLINE_POLICY,
    sendRequest: (request, next) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, timeout]) : timeout;
      return next(request);
    },
  });
  return connector;
}

/** Bot Framework authentication whose connector clients (replies, proactive posts) have bounded calls. */
class BoundedCallsAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ConfigurationServiceClientCredentialFactory,
    private readonly callTimeoutMs: number,
  ) {
    super(options, credentials);
  }

  /** The connector of proactive turns (continueConversation). */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.bounded(super.createConnectorFactory(claimsIdentity));
  }

  /** The connector of a request's turn comes with its authentication, not from createConnectorFactory. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.bounded(result.connectorFactory) } : result;
  }

  private bounded(factory: ConnectorFactory): ConnectorFactory {
    return { create: async (serviceUrl, audience) => withDeadline(await factory.create(serviceUrl, audience), this.callTimeoutMs) };
  }
}

/** jsonwebtoken's errors for a token that is not valid. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder answers 401 only for its own AuthenticationError; a token whose signature does not
 * verify (or that is not yet valid) surfaces as jsonwebtoken's error, which would become a 500.
 * Every token that fails validation is refused the same way: 401.
 */
function asAuthenticationError(err: unknown): unknown {
  return err instanceof Error && TOKEN_ERRORS.has(err.name) ? new AuthenticationError(`Unauthorized: ${err.message}`, 401) : err;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What botbuilder's token validation reads of an activity (the channel, for the signing key's
 * endorsements; the serviceUrl, against the token's serviceurl claim; the recipient's role, for
 * local skill calls), taken from a body whose shape is not checked yet. A field of the wrong type
 * counts as absent: such a body is refused as malformed anyway, once its token has verified.
 */
export function authenticationSubject(body: unknown): Activity {
  const fields = isRecord(body) ? body : {};
  const recipient = isRecord(fields.recipient) ? fields.recipient : {};
  return {
    // Never undefined: botbuilder's endorsement check calls channelId.trim().
    channelId: typeof fields.channelId === 'string' ? fields.channelId : '',
    ...(typeof fields.serviceUrl === 'string' ? { serviceUrl: fields.serviceUrl } : {}),
    ...(typeof recipient.role === 'string' ? { recipient: { role: recipient.role } } : {}),
  } as Activity;
}

/**
 * CloudAdapter, with the token check apart from running the activity (so a request is
 * authenticated before its body is judged, and its token validated once), and a way in for the
 * playground's Direct Line endpoint that keeps the invoke response.
 */
export class BotCloudAdapter extends CloudAdapter {
  /**
   * Validates a request's Authorization header as CloudAdapter.process does for this body.
   * Rejects with AuthenticationError (answer 401) when the token does not verify; with
   * authentication disabled every request passes, as anonymous.
   */
  async authenticateRequest(authorization: string, body: unknown): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(authenticationSubject(body), authorization);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  /**
   * Runs the activity of a request that authenticateRequest let through, with its result (the
   * token is not validated again), and resolves with the invoke response.
   */
  processAuthenticatedActivity(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    // As CloudAdapter.process: timestamps become Dates.
    return this.processActivity(authentication, validateAndFixActivity(activity), logic);
  }

  protected override async processActivity(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await super.processActivity(authorization as string, activity, logic);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  /**
   * Runs an activity as unauthenticated channel traffic and resolves with its invoke response
   * (CloudAdapter.processActivityDirect drops it). Only valid while authentication is disabled:
   * with an app id, the empty authorization is refused like any request without a token.
   */
  processLocalActivity(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity('', activity, logic);
  }
}

export interface BotAdapter {
  adapter: BotCloudAdapter;
  /** The app id proactive calls run as ('' when unauthenticated). */
  botAppId: string;
  /** Whether incoming requests must carry a valid Bot Framework token. */
  authenticated: boolean;
}

/**
 * A CloudAdapter whose incoming tokens are validated as in production
 * (ConfigurationBotFrameworkAuthentication) when an app id is configured, with a password,
 * certificate or user-assigned managed identity credential for outgoing calls, each outgoing
 * connector call bounded by `connectorCallTimeoutMs`.
 */
export function createBotAdapter(auth: TeamsAuthConfig, connectorCallTimeoutMs = CONNECTOR_CALL_TIMEOUT_MS): BotAdapter {
  const appId = auth.appId?.trim() || undefined;
  const authentication = new BoundedCallsAuthentication(
    { MicrosoftAppId: appId, MicrosoftAppTenantId: auth.tenantId || undefined, ...botFrameworkCloudOptions(auth) },
    botFrameworkCredentials(auth),
    connectorCallTimeoutMs,
  );
  return { adapter: new BotCloudAdapter(authentication), botAppId: appId ?? '', authenticated: Boolean(appId) };
}

/** The credential outgoing calls sign in with: client secret, certificate or managed identity. */
export function botFrameworkCredentials(auth: TeamsAuthConfig): ConfigurationServiceClientCredentialFactory {
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth.appId?.trim() || undefined,
    MicrosoftAppPassword: auth.appPassword || undefined,
    MicrosoftAppTenantId: auth.tenantId || undefined,
    // botbuilder spells the managed identity type "UserAssignedMsi" (compared case-insensitively).
    MicrosoftAppType: auth.appType,
    CertificateThumbprint: auth.certificateThumbprint || undefined,
    CertificatePrivateKey: auth.certificatePrivateKey || undefined,
  });
}

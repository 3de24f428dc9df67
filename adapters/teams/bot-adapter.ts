import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/**
 * The bot's Microsoft Entra identity, as the Azure Bot resource knows it. All empty: the bot
 * takes unauthenticated traffic, and only from this machine (the playground, local tests).
 * Values come from the validated configuration (MICROSOFT_APP_*), never from process.env here.
 */
export interface TeamsAuthConfig {
  appId?: string;
  /** Client secret of the app registration (password credential). */
  appPassword?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
  /** Default MultiTenant. */
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Certificate credential instead of a password: thumbprint and PEM private key. */
  certificateThumbprint?: string;
  certificatePrivateKey?: string;
  /**
   * Where the signing keys of Bot Framework channel tokens are published. Default: Bot
   * Framework's public cloud. Set for sovereign clouds, or to a local issuer in tests.
   */
  openIdMetadataUrl?: string;
}

/**
 * Bot Framework's public cloud settings with another OpenID metadata document. botbuilder
 * switches to "parameterized" authentication as soon as one of these is set and then takes all
 * of them as given, so the others must be spelled out (values of botframework-connector's
 * AuthenticationConstants and CallerIdConstants for the public cloud).
 */
function publicCloudWithMetadata(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

/** jsonwebtoken's errors for a token that is not valid. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** CloudAdapter, plus a way in for the playground's Direct Line endpoint that keeps the invoke response. */
export class BotCloudAdapter extends CloudAdapter {
  /**
   * botbuilder answers 401 only for its own AuthenticationError; a token whose signature does not
   * verify (or that is not yet valid) surfaces as jsonwebtoken's error and became a 500. Every
   * token that fails validation is refused the same way: 401.
   */
  protected override async processActivity(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await super.processActivity(authorization as string, activity, logic);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized: ${err.message}`, 401);
      throw err;
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
 * certificate or user-assigned managed identity credential for outgoing calls.
 */
export function createBotAdapter(auth: TeamsAuthConfig): BotAdapter {
  const appId = auth.appId?.trim() || undefined;
  const settings = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: auth.appPassword || undefined,
    MicrosoftAppTenantId: auth.tenantId || undefined,
    // botbuilder spells the managed identity type "UserAssignedMsi" (compared case-insensitively).
    MicrosoftAppType: auth.appType,
    CertificateThumbprint: auth.certificateThumbprint || undefined,
    CertificatePrivateKey: auth.certificatePrivateKey || undefined,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const authentication = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
      ...(auth.openIdMetadataUrl ? publicCloudWithMetadata(auth.openIdMetadataUrl) : {}),
    },
    credentials,
  );
  return { adapter: new BotCloudAdapter(authentication), botAppId: appId ?? '', authenticated: Boolean(appId) };
}

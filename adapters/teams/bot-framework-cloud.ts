/**
 * Which Bot Framework cloud the bot talks to, as botbuilder's ConfigurationBotFrameworkAuthentication
 * options. botbuilder's BotFrameworkAuthenticationFactory knows two clouds by ChannelService (none:
 * public; https://botframework.azure.us: US Government) and throws for any other; as soon as one
 * explicit endpoint is given it switches to "parameterized" authentication and takes every value as
 * given, unset ones included. So an endpoint setting replaces one value of its base cloud and the
 * rest is filled from that cloud's constants.
 */
import { CallerIdConstants, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';

/** The BOT_FRAMEWORK_* settings; all unset means Bot Framework's public cloud. */
export interface BotFrameworkCloudSettings {
  /** Only GovernmentConstants.ChannelService (https://botframework.azure.us). */
  channelService?: string;
  /** The token service (OAuthUrl). */
  oauthEndpoint?: string;
  /** Where the keys that sign incoming channel tokens are published (ToBotFromChannelOpenIdMetadataUrl). */
  openIdMetadataUrl?: string;
  /** The authority outgoing tokens come from (ToChannelFromBotLoginUrl). */
  loginUrl?: string;
}

/** Every value parameterized authentication needs, for one cloud. */
type CloudConstants = Required<
  Pick<
    ConfigurationBotFrameworkAuthenticationOptions,
    | 'ToChannelFromBotLoginUrl'
    | 'ToChannelFromBotOAuthScope'
    | 'ToBotFromChannelTokenIssuer'
    | 'OAuthUrl'
    | 'ToBotFromChannelOpenIdMetadataUrl'
    | 'ToBotFromEmulatorOpenIdMetadataUrl'
    | 'CallerId'
  >
>;

const PUBLIC_CLOUD: CloudConstants = {
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

const US_GOVERNMENT_CLOUD: CloudConstants = {
  ToChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: GovernmentConstants.OAuthUrl,
  ToBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.USGovChannel,
};

/** The cloud options of ConfigurationBotFrameworkAuthentication for these settings. */
export function botFrameworkCloudOptions(settings: BotFrameworkCloudSettings): ConfigurationBotFrameworkAuthenticationOptions {
  const { channelService, oauthEndpoint, openIdMetadataUrl, loginUrl } = settings;
  if (channelService && channelService !== GovernmentConstants.ChannelService) {
    throw new Error(
      `Bot Framework channel service ${JSON.stringify(channelService)} is not supported: botbuilder knows only ${GovernmentConstants.ChannelService} (US Government). Describe another cloud by its login URL, OpenID metadata URL and token service instead.`,
    );
  }
  const government = Boolean(channelService);
  if (!oauthEndpoint && !openIdMetadataUrl && !loginUrl) {
    // botbuilder's own constants, picked by ChannelService.
    return government ? { ChannelService: GovernmentConstants.ChannelService } : {};
  }
  const base = government ? US_GOVERNMENT_CLOUD : PUBLIC_CLOUD;
  return {
    ...base,
    ...(loginUrl ? { ToChannelFromBotLoginUrl: loginUrl } : {}),
    ...(oauthEndpoint ? { OAuthUrl: oauthEndpoint } : {}),
    ...(openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl } : {}),
    // What the factory passes for its built-in clouds.
    ValidateAuthority: true,
  };
}

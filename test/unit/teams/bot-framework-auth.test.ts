/**
 * The BOT_FRAMEWORK_* and MICROSOFT_APP_* settings as botbuilder takes them: which cloud's
 * constants the adapter ends up with, which credential signs its outgoing calls, and what of a
 * request body its token check reads.
 */
import { CallerIdConstants } from 'botbuilder';
import {
  AuthenticationConstants,
  CertificateAppCredentials,
  CertificateServiceClientCredentialsFactory,
  GovernmentConstants,
  ManagedIdentityServiceClientCredentialsFactory,
  MicrosoftGovernmentAppCredentials,
  PasswordServiceClientCredentialFactory,
} from 'botframework-connector';
import { authenticationSubject, botFrameworkCredentials, createBotAdapter, type TeamsAuthConfig } from '../../../adapters/teams/bot-adapter';
import { botFrameworkCloudOptions } from '../../../adapters/teams/bot-framework-cloud';
import { PUBLIC_CLOUD_LOGIN_PREFIX, US_GOVERNMENT_CHANNEL_SERVICE } from '../../../src/config/settings';

const APP_ID = '3f1a5b6c-7d8e-4f90-a1b2-c3d4e5f60718';
const TENANT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const BOT: TeamsAuthConfig = { appId: APP_ID, appPassword: 'not-a-real-secret' };

/** What botbuilder's ParameterizedBotFrameworkAuthentication holds (private fields, read to see what it really uses). */
interface Cloud {
  toChannelFromBotLoginUrl: string;
  toChannelFromBotOAuthScope: string;
  toBotFromChannelTokenIssuer: string;
  oAuthUrl: string;
  toBotFromChannelOpenIdMetadataUrl: string;
  toBotFromEmulatorOpenIdMetadataUrl: string;
  callerId: string;
  validateAuthority: boolean;
}

/** The cloud the adapter createBotAdapter builds validates and signs in with. */
function cloudOf(auth: TeamsAuthConfig): Cloud {
  const { adapter } = createBotAdapter(auth);
  const inner = (adapter as unknown as { botFrameworkAuthentication: { inner: Cloud } }).botFrameworkAuthentication.inner;
  return {
    toChannelFromBotLoginUrl: inner.toChannelFromBotLoginUrl,
    toChannelFromBotOAuthScope: inner.toChannelFromBotOAuthScope,
    toBotFromChannelTokenIssuer: inner.toBotFromChannelTokenIssuer,
    oAuthUrl: inner.oAuthUrl,
    toBotFromChannelOpenIdMetadataUrl: inner.toBotFromChannelOpenIdMetadataUrl,
    toBotFromEmulatorOpenIdMetadataUrl: inner.toBotFromEmulatorOpenIdMetadataUrl,
    callerId: inner.callerId,
    validateAuthority: inner.validateAuthority,
  };
}

const PUBLIC: Cloud = {
  toChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  toChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  toBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  oAuthUrl: AuthenticationConstants.OAuthUrl,
  toBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  toBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  callerId: 'urn:botframework:azure',
  validateAuthority: true,
};

const US_GOVERNMENT: Cloud = {
  toChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
  toChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
  toBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
  oAuthUrl: GovernmentConstants.OAuthUrl,
  toBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
  toBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  callerId: 'urn:botframework:azureusgov',
  validateAuthority: true,
};

describe('the Bot Framework cloud', () => {
  it('is the public one without settings, left to botbuilder', () => {
    expect(botFrameworkCloudOptions({})).toEqual({});
    expect(cloudOf(BOT)).toEqual(PUBLIC);
  });

  it('is US Government with its channel service alone, left to botbuilder', () => {
    expect(botFrameworkCloudOptions({ channelService: US_GOVERNMENT_CHANNEL_SERVICE })).toEqual({ ChannelService: GovernmentConstants.ChannelService });
    expect(cloudOf({ ...BOT, channelService: US_GOVERNMENT_CHANNEL_SERVICE })).toEqual(US_GOVERNMENT);
  });

  it('replaces one value of the public cloud per endpoint and keeps the others', () => {
    const openIdMetadataUrl = 'http://127.0.0.1:9/.well-known/openidconfiguration';
    expect(cloudOf({ ...BOT, openIdMetadataUrl })).toEqual({ ...PUBLIC, toBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl });
    expect(cloudOf({ ...BOT, oauthEndpoint: 'https://token.example' })).toEqual({ ...PUBLIC, oAuthUrl: 'https://token.example' });
    expect(cloudOf({ ...BOT, loginUrl: 'https://login.example/tenant' })).toEqual({ ...PUBLIC, toChannelFromBotLoginUrl: 'https://login.example/tenant' });
  });

  it('replaces values of the US Government cloud when its channel service is set too', () => {
    const gcch = {
      channelService: US_GOVERNMENT_CHANNEL_SERVICE,
      oauthEndpoint: 'https://tokengcch.botframework.azure.us',
      loginUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
    };
    expect(cloudOf({ ...BOT, ...gcch })).toEqual({ ...US_GOVERNMENT, oAuthUrl: gcch.oauthEndpoint, toChannelFromBotLoginUrl: gcch.loginUrl });
    expect(botFrameworkCloudOptions(gcch)).toMatchObject({ CallerId: CallerIdConstants.USGovChannel, ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer });
  });

  it('takes a whole other cloud from its three endpoints', () => {
    const other = { oauthEndpoint: 'https://token.cloud.example', openIdMetadataUrl: 'https://login.cloud.example/v1/.well-known/openidconfiguration', loginUrl: 'https://login.cloud.example/tenant' };
    expect(cloudOf({ ...BOT, ...other })).toEqual({
      ...PUBLIC,
      oAuthUrl: other.oauthEndpoint,
      toBotFromChannelOpenIdMetadataUrl: other.openIdMetadataUrl,
      toChannelFromBotLoginUrl: other.loginUrl,
    });
  });

  it('refuses a channel service botbuilder does not know, saying what to set instead', () => {
    expect(() => botFrameworkCloudOptions({ channelService: 'https://botframework.azure.cn' })).toThrow(
      /"https:\/\/botframework\.azure\.cn" is not supported: botbuilder knows only https:\/\/botframework\.azure\.us .*login URL, OpenID metadata URL and token service/,
    );
  });

  it('agrees with botbuilder on the values the configuration checks against', () => {
    expect(US_GOVERNMENT_CHANNEL_SERVICE).toBe(GovernmentConstants.ChannelService);
    expect(PUBLIC_CLOUD_LOGIN_PREFIX).toBe(AuthenticationConstants.ToChannelFromBotLoginUrlPrefix);
  });
});

describe('the Bot Framework credential', () => {
  const innerOf = (auth: TeamsAuthConfig): unknown => (botFrameworkCredentials(auth) as unknown as { inner: unknown }).inner;

  it('is the client secret, signing in at the cloud’s login URL', async () => {
    expect(innerOf(BOT)).toBeInstanceOf(PasswordServiceClientCredentialFactory);
    const credentials = await botFrameworkCredentials({ ...BOT, tenantId: TENANT, appType: 'SingleTenant' }).createCredentials(
      APP_ID,
      GovernmentConstants.ToChannelFromBotOAuthScope,
      GovernmentConstants.ToChannelFromBotLoginUrl,
      true,
    );
    expect(credentials).toBeInstanceOf(MicrosoftGovernmentAppCredentials);
  });

  it('is the certificate when one is given', () => {
    const certificate = { certificateThumbprint: '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567', certificatePrivateKey: '-----BEGIN PRIVATE KEY-----\n...' };
    const multiTenant = innerOf({ appId: APP_ID, ...certificate });
    expect(multiTenant).toBeInstanceOf(CertificateServiceClientCredentialsFactory);
    expect(multiTenant).toMatchObject({ certificateThumbprint: certificate.certificateThumbprint, certificatePrivateKey: certificate.certificatePrivateKey });
    expect(innerOf({ appId: APP_ID, tenantId: TENANT, appType: 'SingleTenant', ...certificate })).toMatchObject({ tenantId: TENANT });
  });

  it('signs in with a certificate at the public cloud whatever login URL it is given (why the configuration refuses it elsewhere)', async () => {
    const factory = botFrameworkCredentials({ appId: APP_ID, tenantId: TENANT, appType: 'SingleTenant', certificateThumbprint: '0A'.repeat(20), certificatePrivateKey: 'key' });
    const credentials = await factory.createCredentials(APP_ID, GovernmentConstants.ToChannelFromBotOAuthScope, GovernmentConstants.ToChannelFromBotLoginUrl, true);
    expect(credentials).toBeInstanceOf(CertificateAppCredentials);
    expect((credentials as CertificateAppCredentials).oAuthEndpoint).toBe(`${PUBLIC_CLOUD_LOGIN_PREFIX}${TENANT}`);
  });

  it('is the managed identity for UserAssignedMSI', () => {
    expect(innerOf({ appId: APP_ID, tenantId: TENANT, appType: 'UserAssignedMSI' })).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
  });
});

describe('what the token check reads of a request body', () => {
  it('is the channel, the serviceUrl and the recipient’s role, as the activity has them', () => {
    const body = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      recipient: { id: '28:bot', role: 'bot' },
      from: { id: '29:someone' },
      text: 'backup help',
    };
    expect(authenticationSubject(body)).toEqual({ channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', recipient: { role: 'bot' } });
  });

  it('counts fields of the wrong type as absent, and never leaves the channel undefined', () => {
    expect(authenticationSubject({ channelId: 5, serviceUrl: [1], recipient: 'x' })).toEqual({ channelId: '' });
    for (const body of [undefined, null, 'text', 42, [{ channelId: 'msteams' }]]) expect(authenticationSubject(body)).toEqual({ channelId: '' });
  });
});

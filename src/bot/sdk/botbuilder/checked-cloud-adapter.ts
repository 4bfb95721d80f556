import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { errorFields } from '../../bot-log.js';
import { CHANNEL_OPENID_METADATA_URL, channelTokenVerifier, type ChannelTokenVerifier } from '../../channel-token-verifier.js';
import { CHANNEL_TOKEN_ISSUER } from '../../inbound-guard.js';
import type { BotCredentials, EndpointLog } from '../bot-sdk.js';

type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with its two steps apart, so the endpoint decides what a refusal looks like: a
 * token botbuilder cannot verify is a 401 without its reasons, never a 500 with them.
 */
export class BotbuilderAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    /** Absent in local mode, where no token is asked for. */
    private readonly verifyChannelToken: ChannelTokenVerifier | undefined,
  ) {
    super(auth);
  }

  /**
   * Our own check of the token first (see channel-token-verifier.ts), then botbuilder's: signature
   * and keys, expiry, audience, the serviceUrl claim. Undefined when any fails.
   */
  async authenticate(activity: Activity, authorization: string, log: EndpointLog): Promise<AuthenticatedRequest | undefined> {
    if (this.verifyChannelToken) {
      const refusal = await this.verifyChannelToken(authorization.replace(/^Bearer /, ''));
      if (refusal) {
        if (refusal === 'keys_unavailable') log.warn({}, 'Bot Connector signing keys unavailable');
        else log.debug({ reason: refusal }, 'activity token refused');
        return undefined;
      }
    }
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      const { name, message, statusCode } = error as Error & { statusCode?: number };
      // The signing keys could not be fetched (botbuilder says 500, node-fetch FetchError): every activity fails until they can.
      if (statusCode === 500 || name === 'FetchError') log.warn({ err: { name, message } }, 'Bot Connector signing keys unavailable');
      else log.debug({ err: { name } }, 'activity token refused');
      return undefined;
    }
  }

  turn(authenticated: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * botbuilder takes another metadata URL only with every other channel setting spelled out; these
 * are its public-cloud values.
 */
function metadataOverride(url: string | undefined): Record<string, string | boolean> {
  if (!url) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: url,
    ToBotFromChannelTokenIssuer: CHANNEL_TOKEN_ISSUER,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/** An empty app id turns authentication off: the configuration refuses that in production. */
export function createBotbuilderAdapter(credentials: BotCredentials, log: EndpointLog): BotbuilderAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    // botbuilder accepts an empty app id only as MultiTenant: that is local mode, never production.
    MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
    ...metadataOverride(credentials.openIdMetadataUrl),
  });
  const verifier = credentials.appId ? channelTokenVerifier(credentials.appId, credentials.openIdMetadataUrl ?? CHANNEL_OPENID_METADATA_URL) : undefined;
  const adapter = new BotbuilderAdapter(auth, verifier);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // What the bot did not catch: a reply that could not be sent, a failure in botbuilder itself.
    log.error({ ...errorFields(error), activityType: context.activity.type }, 'turn failed');
  };
  return adapter;
}

import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type ChannelAccount,
  type ConversationAccount,
  type InvokeResponse,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import { errorFields } from './bot-log.js';
import { CHANNEL_OPENID_METADATA_URL, channelTokenVerifier, type ChannelTokenVerifier } from './channel-token-verifier.js';
import { CHANNEL_TOKEN_ISSUER, screenInbound, type InboundPolicy } from './inbound-guard.js';

export interface BotCredentials {
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly tenantId: string | undefined;
  readonly appType: string;
  /** Tests only: the Bot Connector's OpenID metadata (and so its signing keys) from elsewhere than login.botframework.com. */
  readonly openIdMetadataUrl?: string | undefined;
}

export interface EndpointLog {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with its two steps apart, so the endpoint decides what a refusal looks like: a
 * token botbuilder cannot verify is a 401 without its reasons, never a 500 with them.
 */
export class BotAdapter extends CloudAdapter {
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
export function createBotAdapter(credentials: BotCredentials, log: EndpointLog): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    // botbuilder accepts an empty app id only as MultiTenant: that is local mode, never production.
    MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
    ...metadataOverride(credentials.openIdMetadataUrl),
  });
  const verifier = credentials.appId ? channelTokenVerifier(credentials.appId, credentials.openIdMetadataUrl ?? CHANNEL_OPENID_METADATA_URL) : undefined;
  const adapter = new BotAdapter(auth, verifier);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // What the router did not catch: a reply that could not be sent, a failure in botbuilder itself.
    log.error({ ...errorFields(error), activityType: context.activity.type }, 'turn failed');
  };
  return adapter;
}

/** The fields of an activity the bot reads, as the endpoint checked them. */
type CheckedActivity = Pick<Activity, 'type' | 'serviceUrl'> &
  Partial<Pick<Activity, 'id' | 'name' | 'locale' | 'text' | 'replyToId'>> & {
    readonly conversation: Pick<ConversationAccount, 'id'> & Partial<Pick<ConversationAccount, 'conversationType'>>;
    readonly from: Pick<ChannelAccount, 'id'> & Partial<Pick<ChannelAccount, 'aadObjectId' | 'name'>>;
  };

/** Absent and null say the same to the bot; botbuilder declares these fields optional strings. */
const optional = (schema: z.ZodString) => schema.nullish().transform((value) => value ?? undefined);

/**
 * The least an activity must have before botbuilder sees it, and the fields the bot reads typed as
 * botbuilder declares them (a number for a locale would fail mid-turn); malformed input is a 400,
 * never a 500. Every other field (channelData, value, recipient, entities…) passes through to
 * botbuilder as sent.
 */
const activitySchema: z.ZodType<CheckedActivity> = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  name: optional(z.string().max(256)),
  locale: optional(z.string().max(64)),
  text: optional(z.string()),
  replyToId: optional(z.string().max(512)),
  serviceUrl: z.string().url().max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024), conversationType: z.string().max(64).optional() }),
  from: z.looseObject({ id: z.string().min(1).max(512), aadObjectId: optional(z.string().max(128)), name: optional(z.string().max(512)) }),
});

/**
 * botbuilder's Activity type declares as required fields that no channel sends (label, valueType,
 * listenFor, localTimezone, callerId) and reads them only when present: an activity the schema
 * checked is handed on as botbuilder's type.
 */
const forBotbuilder = (activity: CheckedActivity): Activity => activity as Activity;

export type MessageEndpoint = (req: BotRequest, res: BotResponse) => Promise<void>;

export interface EndpointOptions {
  readonly localMode: boolean;
  readonly policy: InboundPolicy;
  readonly log: EndpointLog;
}

function answer(res: BotResponse, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

/**
 * The bot behind a plain (req, res) function, so the HTTP layer needs no botbuilder. A refused
 * activity stores nothing and sends nothing: nothing of it reaches the bot.
 */
export function createMessageEndpoint(adapter: BotAdapter, bot: ActivityHandler, options: EndpointOptions): MessageEndpoint {
  const { localMode, policy, log } = options;
  return async (req, res) => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) return answer(res, 400, { error: 'invalid_activity' });
    const header = req.headers.authorization;
    const authorization = typeof header === 'string' ? header : undefined;
    const refusal = screenInbound(parsed.data, authorization, policy);
    if (refusal) {
      log.debug({ reason: refusal.reason }, 'activity refused');
      return answer(res, refusal.status, { error: refusal.status === 401 ? 'unauthorized' : 'forbidden' });
    }
    // The Agents Playground writes a fixed "en-US" into every activity whatever the user's language,
    // so in local mode its locale says nothing and the user's choice or Finnish applies instead.
    const playground = localMode && Boolean(req.headers['x-ms-agents-playground']);
    const activity = forBotbuilder(playground ? { ...parsed.data, locale: undefined } : parsed.data);
    const authenticated = await adapter.authenticate(activity, authorization ?? '', log);
    if (!authenticated) return answer(res, 401, { error: 'unauthorized' });
    const invoked = await adapter.turn(authenticated, activity, (context) => bot.run(context));
    answer(res, invoked?.status ?? 200, invoked?.body);
  };
}

import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import {
  ActivityHandler,
  AuthType,
  CloudAdapter,
  StatusCodes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type AuthConfiguration,
  type ConnectorClient,
  type InvokeResponse,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import { decodeJwt, type JWTPayload } from 'jose';
import { errorFields } from '../../bot-log.js';
import { CHANNEL_OPENID_METADATA_URL, channelTokenVerifier } from '../../channel-token-verifier.js';
import type { OutgoingActivity, TeamsActivity } from '../../teams-activity.js';
import { routeTurns } from '../route-turns.js';
import type { BotCredentials, BotSdk, EndpointLog, InboundTurn, MembersPage, ProactiveTurn, StoredReference, TurnHandlers } from '../bot-sdk.js';

/**
 * The Agents SDK names the bot `agent` in a conversation reference; the stored (Bot Framework)
 * shape says `bot`. `serve` takes no activity without the recipient and channel this needs.
 */
function storedReference(activity: Activity): StoredReference {
  const { agent, ...rest } = activity.getConversationReference();
  return { ...rest, bot: agent ?? undefined } as StoredReference;
}

function agentsReference({ bot, ...rest }: StoredReference): ConversationReference {
  return { ...rest, agent: bot } as ConversationReference;
}

const outgoing = (activity: OutgoingActivity): Activity => Activity.fromObject(activity);

function inboundTurn(context: TurnContext): InboundTurn {
  return {
    activity: context.activity as unknown as TeamsActivity,
    text: () => context.activity.removeRecipientMention() || (context.activity.text ?? ''),
    reference: () => storedReference(context.activity),
    send: async (activity) => {
      await context.sendActivity(outgoing(activity));
    },
    update: async (activity) => {
      await context.updateActivity(outgoing(activity));
    },
  };
}

/** The Agents SDK's routing of activities, handing each kind to the bot's own handlers. */
class AgentsTeamsBot extends ActivityHandler {
  constructor(private readonly bot: TurnHandlers) {
    super();
    routeTurns(this, bot, inboundTurn);
  }

  override run(context: TurnContext): Promise<void> {
    return this.bot.run(inboundTurn(context), () => super.run(context));
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!this.bot.takesInvoke(context.activity as unknown as TeamsActivity)) return { status: StatusCodes.BAD_REQUEST };
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    return (await this.bot.cardAction(inboundTurn(context), verb ?? '', data)) as AdaptiveCardInvokeResponse;
  }
}

/** Teams' paged member list, which the core package has no method for: the Bot Connector's own REST call on the turn's client. */
async function pagedMembers(adapter: CloudAdapter, context: TurnContext, pageSize: number, continuationToken: string | undefined): Promise<MembersPage> {
  const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
  const conversationId = encodeURIComponent(context.activity.conversation?.id ?? '');
  const params: Record<string, string> = { pageSize: String(pageSize), ...(continuationToken ? { continuationToken } : {}) };
  const response = await client.httpClient.get<MembersPage>(`v3/conversations/${conversationId}/pagedmembers`, { params });
  return response.data;
}

function proactiveTurn(adapter: CloudAdapter, context: TurnContext): ProactiveTurn {
  return {
    send: async (activity) => (await context.sendActivity(outgoing(activity)))?.id ?? '',
    update: async (activity) => {
      await context.updateActivity(outgoing(activity));
    },
    pagedMembers: (pageSize, continuationToken) => pagedMembers(adapter, context, pageSize, continuationToken),
  };
}

/** The same MicrosoftApp* settings botbuilder reads, in the Agents SDK's terms; no app id is local mode, anonymous both ways. */
function authConfiguration(credentials: BotCredentials): AuthConfiguration {
  if (!credentials.appId) return {};
  const managed = credentials.appType === 'UserAssignedMSI';
  return {
    clientId: credentials.appId,
    tenantId: credentials.tenantId,
    authType: managed ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
    ...(managed ? {} : { clientSecret: credentials.appPassword }),
  };
}

const INVALID_ACTIVITY = { status: 400, body: { error: 'invalid_activity' } } as const;

/** The answer process() writes, kept for the endpoint to send as it sends every answer. */
function capturedResponse(): WebResponse & { outcome: { status: number; body?: unknown } } {
  const response = {
    outcome: { status: 200 } as { status: number; body?: unknown },
    headersSent: false,
    writableEnded: false,
    status(code: number) {
      response.outcome.status = code;
      return response;
    },
    setHeader() {
      return response;
    },
    send(body?: unknown) {
      response.outcome.body = body;
      return response;
    },
    end() {
      response.writableEnded = true;
      return response;
    },
  };
  return response;
}

/**
 * The bot on the Microsoft 365 Agents SDK (`@microsoft/agents-hosting`), botbuilder's supported
 * successor. The token is checked by our own verifier, as under botbuilder: the SDK's own
 * middleware reads the keys only from login.botframework.com and answers refusals itself.
 */
export function createAgentsSdk(credentials: BotCredentials, log: EndpointLog): BotSdk {
  const adapter = new CloudAdapter(authConfiguration(credentials));
  adapter.onTurnError = async (context, error) => {
    // What the bot did not catch: a reply that could not be sent, a failure in the SDK itself.
    log.error({ ...errorFields(error), activityType: context.activity.type }, 'turn failed');
  };
  const verify = credentials.appId ? channelTokenVerifier(credentials.appId, credentials.openIdMetadataUrl ?? CHANNEL_OPENID_METADATA_URL) : undefined;

  async function identityOf(authorization: string, endpointLog: EndpointLog): Promise<JWTPayload | 'refused' | undefined> {
    if (!verify) return undefined;
    const token = authorization.replace(/^Bearer /, '');
    const refusal = await verify(token);
    if (!refusal) return decodeJwt(token);
    if (refusal === 'keys_unavailable') endpointLog.warn({}, 'Bot Connector signing keys unavailable');
    else endpointLog.debug({ reason: refusal }, 'activity token refused');
    return 'refused';
  }

  return {
    name: 'agents',
    serving(handlers) {
      const bot = new AgentsTeamsBot(handlers);
      return async (activity, authorization, endpointLog) => {
        const identity = await identityOf(authorization, endpointLog);
        if (identity === 'refused') return undefined;
        // The SDK addresses every reply from the activity's recipient and channel: without them it
        // could answer nothing, not even the 400 an invoke gets, so the activity is bad input here.
        if (!activity.recipient?.id || !activity.channelId) return INVALID_ACTIVITY;
        const response = capturedResponse();
        try {
          await adapter.process({ body: activity as unknown as Record<string, unknown>, headers: {}, ...(identity ? { user: identity } : {}) }, response, (context) => bot.run(context));
        } catch (error) {
          // The SDK's own activity schema refused what ours let through: bad input, not an outage.
          endpointLog.debug(errorFields(error), 'activity refused by the Agents SDK');
          return INVALID_ACTIVITY;
        }
        return response.outcome;
      };
    },
    async continueConversation(reference, act) {
      // No app id (local mode) is an anonymous identity: the SDK asks no token for it.
      await adapter.continueConversation(credentials.appId || { aud: '' }, agentsReference(reference), (context) => act(proactiveTurn(adapter, context)));
    },
  };
}

import {
  StatusCodes,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { OutgoingActivity, TeamsActivity } from '../../teams-activity.js';
import { routeTurns } from '../route-turns.js';
import type { BotCredentials, BotSdk, EndpointLog, InboundTurn, ProactiveTurn, StoredReference, TurnHandlers } from '../bot-sdk.js';
import { createBotbuilderAdapter, type BotbuilderAdapter } from './checked-cloud-adapter.js';

/** Our outgoing activities are the Bot Framework's JSON: botbuilder's type asks for fields no channel needs. */
const outgoing = (activity: OutgoingActivity): Partial<Activity> => activity as Partial<Activity>;

function inboundTurn(context: TurnContext): InboundTurn {
  return {
    activity: context.activity as TeamsActivity,
    text: () => TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '',
    reference: () => TurnContext.getConversationReference(context.activity) as StoredReference,
    send: async (activity) => {
      await context.sendActivity(outgoing(activity));
    },
    update: async (activity) => {
      await context.updateActivity(outgoing(activity));
    },
  };
}

/** botbuilder's routing of Teams activities, handing each kind to the bot's own handlers. */
class BotbuilderTeamsBot extends TeamsActivityHandler {
  constructor(private readonly bot: TurnHandlers) {
    super();
    routeTurns(this, bot, inboundTurn);
  }

  override run(context: TurnContext): Promise<void> {
    return this.bot.run(inboundTurn(context), () => super.run(context));
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!this.bot.takesInvoke(context.activity as TeamsActivity)) return { status: StatusCodes.BAD_REQUEST };
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    return (await this.bot.cardAction(inboundTurn(context), verb, data)) as AdaptiveCardInvokeResponse;
  }
}

function proactiveTurn(context: TurnContext): ProactiveTurn {
  return {
    send: async (activity) => (await context.sendActivity(outgoing(activity)))?.id ?? '',
    update: async (activity) => {
      await context.updateActivity(outgoing(activity));
    },
    pagedMembers: async (pageSize, continuationToken) => {
      const page = await TeamsInfo.getPagedMembers(context, pageSize, continuationToken);
      return { members: page.members, continuationToken: page.continuationToken };
    },
  };
}

/** The bot on botbuilder 4.23, as the design asks; its support ended on 2025-12-31 (see README). */
export function createBotbuilderSdk(credentials: BotCredentials, log: EndpointLog): BotSdk & { readonly adapter: BotbuilderAdapter } {
  const adapter = createBotbuilderAdapter(credentials, log);
  return {
    name: 'botbuilder',
    adapter,
    serving(handlers) {
      const bot = new BotbuilderTeamsBot(handlers);
      return async (activity, authorization, endpointLog) => {
        const asActivity = activity as unknown as Activity;
        const authenticated = await adapter.authenticate(asActivity, authorization, endpointLog);
        if (!authenticated) return undefined;
        const invoked = await adapter.turn(authenticated, asActivity, (context) => bot.run(context));
        return { status: invoked?.status ?? 200, body: invoked?.body };
      };
    },
    async continueConversation(reference, act) {
      await adapter.continueConversationAsync(credentials.appId ?? '', reference as Partial<ConversationReference>, (context) => act(proactiveTurn(context)));
    },
  };
}

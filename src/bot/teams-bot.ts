import {
  StatusCodes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { botJoined, invokedVerbOf, invokeAnswerOf, messageOf, submittedActionOf, textOf, turnOf } from './activity-mapping.js';
import type { BotLog } from './bot-log.js';
import type { CommandRouter } from './command-router.js';
import type { ConversationReferences } from './conversation-references.js';
import type { TurnGuards } from './turn-guards.js';
import type { BotReply } from './turn.js';

export interface TeamsBotParts {
  readonly router: CommandRouter;
  readonly guards: TurnGuards;
  readonly references: ConversationReferences;
  readonly log: Pick<BotLog, 'info'>;
}

/**
 * Teams activities in, replies out: each turn passes the guards, refreshes the conversation
 * reference, and hands its command to the router; what comes back is sent as Teams expects it.
 * Moving to the Agents SDK means rewriting this folder.
 */
export class YhteistyoTeamsBot extends TeamsActivityHandler {
  constructor(private readonly parts: TeamsBotParts) {
    super();
    this.onMessage(async (context, next) => {
      if (await parts.guards.firstDelivery(context.activity)) await this.onUserMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (await parts.guards.firstDelivery(context.activity)) await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (botJoined(context.activity) && (await parts.guards.firstDelivery(context.activity))) await this.greet(context);
      await next();
    });
  }

  /** One line per turn with what happened, never what was written. */
  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    if (!(await this.parts.guards.admit(context, turnOf(context.activity)))) return;
    await this.parts.references.remember(context.activity);
    await super.run(context);
    const { type, name, conversation } = context.activity;
    this.parts.log.info(
      {
        activityType: type,
        invokeName: name,
        verb: invokedVerbOf(context.activity),
        conversationType: conversation.conversationType,
        durationMs: Math.round(performance.now() - started),
      },
      'turn handled',
    );
  }

  /**
   * The manifest declares no messaging extension, task module or card tab, so Teams invokes only
   * adaptiveCard/action. botbuilder would answer any other invoke with 501, or fail on one without
   * an action object; here either is bad input, a 400.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const action: unknown = (context.activity.value as { action?: unknown } | undefined)?.action;
    if (context.activity.name !== 'adaptiveCard/action' || typeof action !== 'object' || action === null) return { status: StatusCodes.BAD_REQUEST };
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    // Teams sends a click again when the answer is slow; the click was taken the first time.
    const reply = (await this.parts.guards.firstDelivery(context.activity))
      ? await this.act(context, verb, data)
      : await this.parts.router.alreadyHandled(turnOf(context.activity));
    return invokeAnswerOf(reply);
  }

  private async act(context: TurnContext, verb: string, data: unknown): Promise<BotReply> {
    const reply = await this.parts.router.action(turnOf(context.activity), verb, data);
    if ('card' in reply) await this.parts.references.trackClicked(context.activity, reply.shows);
    return reply;
  }

  private async onUserMessage(context: TurnContext): Promise<void> {
    const submitted = submittedActionOf(context.activity);
    if (!submitted) {
      for (const reply of await this.parts.router.text(turnOf(context.activity), textOf(context.activity))) await context.sendActivity(messageOf(reply));
      return;
    }
    // Older clients' Action.Submit: a card answer replaces the clicked card as a Universal Action's would.
    const reply = await this.act(context, submitted.verb, submitted.data);
    const replyTo = context.activity.replyToId;
    if ('card' in reply && replyTo) await context.updateActivity({ id: replyTo, ...messageOf(reply) });
    else await context.sendActivity(messageOf(reply));
  }

  private async greet(context: TurnContext): Promise<void> {
    const turn = turnOf(context.activity);
    if (turn.personal) await context.sendActivity(messageOf(await this.parts.router.greet(turn)));
  }
}

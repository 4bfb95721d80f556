import { botJoined, invokedVerbOf, invokeAnswerOf, messageOf, submittedActionOf, turnOf } from './activity-mapping.js';
import type { BotLog } from './bot-log.js';
import type { CommandRouter } from './command-router.js';
import type { ConversationReferences } from './conversation-references.js';
import type { InboundTurn, TurnHandlers } from './sdk/bot-sdk.js';
import type { PresentationSource } from '../i18n/presentation.js';
import { ActivityType, type InvokeAnswer, type TeamsActivity } from './teams-activity.js';
import type { TurnGuards } from './turn-guards.js';
import type { BotReply } from './turn.js';

export interface TeamsTurnsParts {
  readonly router: CommandRouter;
  readonly guards: TurnGuards;
  readonly references: ConversationReferences;
  readonly presentations: Pick<PresentationSource, 'readAhead'>;
  readonly log: Pick<BotLog, 'info'>;
}

/** The activities whose handlers ask whether they are a first delivery (see the handlers below). */
function claimsDelivery(activity: TeamsActivity): boolean {
  if (activity.type === ActivityType.message || activity.type === ActivityType.invoke || activity.type === 'installationUpdate') return true;
  return activity.type === 'conversationUpdate' && botJoined(activity);
}

/**
 * Teams activities in, replies out, whichever SDK carries them: each turn passes the guards,
 * refreshes the conversation reference, and hands its command to the router; what comes back is
 * sent as Teams expects it.
 */
export class TeamsTurns implements TurnHandlers {
  constructor(private readonly parts: TeamsTurnsParts) {}

  /** One line per turn with what happened, never what was written. */
  async run(turn: InboundTurn, dispatch: () => Promise<void>): Promise<void> {
    const started = performance.now();
    const { activity } = turn;
    const teamsTurn = turnOf(activity);
    // The turn's first reads and writes go out side by side, one round trip of wait: the person's
    // budget, the delivery's claim, the conversation reference (when it changed) and the language.
    if (claimsDelivery(activity)) this.parts.guards.claim(activity);
    const release = this.parts.presentations.readAhead(teamsTurn.userId);
    try {
      const [admitted] = await Promise.all([this.parts.guards.admit(turn, teamsTurn), this.parts.references.remember(turn)]);
      if (!admitted) return await this.parts.guards.release(activity);
      await dispatch();
    } finally {
      release();
    }
    const { type, name, conversation } = activity;
    this.parts.log.info(
      {
        activityType: type,
        invokeName: name,
        verb: invokedVerbOf(turn.activity),
        conversationType: conversation.conversationType,
        durationMs: Math.round(performance.now() - started),
      },
      'turn handled',
    );
  }

  async message(turn: InboundTurn): Promise<void> {
    if (await this.parts.guards.firstDelivery(turn.activity)) await this.onUserMessage(turn);
  }

  async installed(turn: InboundTurn): Promise<void> {
    if ((await this.parts.guards.firstDelivery(turn.activity)) && (await this.parts.guards.firstWelcome(turn.activity))) await this.greet(turn);
  }

  async membersAdded(turn: InboundTurn): Promise<void> {
    if (botJoined(turn.activity) && (await this.parts.guards.firstDelivery(turn.activity)) && (await this.parts.guards.firstWelcome(turn.activity))) await this.greet(turn);
  }

  /**
   * The manifest declares no messaging extension, task module or card tab, so Teams invokes only
   * adaptiveCard/action. The SDKs would answer any other invoke with 501, or fail on one without
   * an action object; here either is bad input, a 400.
   */
  takesInvoke(activity: TeamsActivity): boolean {
    const action: unknown = (activity.value as { action?: unknown } | undefined)?.action;
    return activity.name === 'adaptiveCard/action' && typeof action === 'object' && action !== null;
  }

  async cardAction(turn: InboundTurn, verb: string, data: unknown): Promise<InvokeAnswer> {
    // Teams sends a click again when the answer is slow; the click was taken the first time.
    const reply = (await this.parts.guards.firstDelivery(turn.activity))
      ? await this.act(turn, verb, data)
      : await this.parts.router.alreadyHandled(turnOf(turn.activity));
    return invokeAnswerOf(reply);
  }

  private async act(turn: InboundTurn, verb: string, data: unknown): Promise<BotReply> {
    const reply = await this.parts.router.action(turnOf(turn.activity), verb, data);
    if ('card' in reply) await this.parts.references.trackClicked(turn.activity, reply.shows);
    return reply;
  }

  private async onUserMessage(turn: InboundTurn): Promise<void> {
    const submitted = submittedActionOf(turn.activity);
    if (!submitted) {
      for (const reply of await this.parts.router.text(turnOf(turn.activity), turn.text())) await turn.send(messageOf(reply));
      return;
    }
    // Older clients' Action.Submit: a card answer replaces the clicked card as a Universal Action's would.
    const reply = await this.act(turn, submitted.verb, submitted.data);
    const replyTo = turn.activity.replyToId;
    if ('card' in reply && replyTo) await turn.update({ id: replyTo, ...messageOf(reply) });
    else await turn.send(messageOf(reply));
  }

  private async greet(turn: InboundTurn): Promise<void> {
    const teamsTurn = turnOf(turn.activity);
    if (teamsTurn.personal) await turn.send(messageOf(await this.parts.router.greet(teamsTurn)));
  }
}

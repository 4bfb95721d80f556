import {
  ActivityTypes,
  CardFactory,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import type { ActivityDeduplicator, BotMemory, DirectoryProvider, RateLimiter } from '../app/ports.js';
import { localeFromTag } from '../domain/locale.js';
import { translator } from '../i18n/translator.js';
import { carriesReservedKeys } from './card-payloads.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import type { CaseView } from './cards/case-cards.js';
import { noticeCard } from './cards/intake-cards.js';
import { FOLLOW_UP_VERBS, type FollowUpController } from './follow-up-controller.js';
import type { Command, IntakeController, Turn } from './intake-controller.js';
import { ROUTING_VERBS, type BotReply, type RoutingController } from './routing-controller.js';
import { channelKey, personKey, type TeamsNotifier } from './teams-notifier.js';
import { formatDateTime } from './cards/formatting.js';
import type { ReportController } from './report-controller.js';
import { channelIntentOf, clockShiftOf, pausePeriodOf, reportIntentOf, textIntentOf } from './text-commands.js';
import { serviceUrlAllowed, type ServiceUrlHosts } from './inbound-guard.js';

export interface BotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface TeamsBotParts {
  readonly intake: IntakeController;
  readonly routing: RoutingController;
  readonly followUp: FollowUpController;
  readonly reports: ReportController;
  readonly notifier: TeamsNotifier;
  readonly memory: BotMemory;
  readonly deduplicator: ActivityDeduplicator;
  readonly directory: DirectoryProvider;
  readonly log: BotLog;
  /** Local runs only: "kello +2" moves the bot's clock forward two days. */
  readonly moveClock?: ((ms: number) => Promise<Date>) | undefined;
  /** Activities per person and window. */
  readonly userLimit?: RateLimiter | undefined;
  /** Where conversation references may point: a reference elsewhere is never stored. */
  readonly serviceUrlHosts: ServiceUrlHosts;
}

const MESSAGE_ANSWER = 'application/vnd.microsoft.activity.message';

/**
 * The only place that knows Teams activities: it turns them into our Turn/Command and the
 * controllers' replies back into activities. Moving to the Agents SDK means rewriting this folder.
 */
export class YhteistyoTeamsBot extends TeamsActivityHandler {
  constructor(private readonly parts: TeamsBotParts) {
    super();
    this.onMessage(async (context, next) => {
      if (await this.isFirstDelivery(context)) await this.onUserMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (await this.isFirstDelivery(context)) await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      const botJoined = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (botJoined && (await this.isFirstDelivery(context))) await this.greet(context);
      await next();
    });
  }

  /** One line per turn with what happened, never what was written. */
  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    if (await this.overLimit(context)) return;
    await this.remember(context);
    await super.run(context);
    const { type, name, conversation, value } = context.activity;
    this.parts.log.info(
      {
        activityType: type,
        invokeName: name,
        verb: type === 'invoke' ? String((value as { action?: { verb?: unknown } } | undefined)?.action?.verb).slice(0, 40) : undefined,
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

  /** Universal Actions: a card answer replaces the clicked card in place; a message goes to the clicker alone. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    // Teams sends a click again when the answer is slow; the click was taken the first time.
    const reply = (await this.isFirstDelivery(context)) ? await this.act(context, verb, data) : { message: await this.say(context, 'errors.alreadyHandled') };
    return 'message' in reply
      ? { statusCode: 200, type: MESSAGE_ANSWER, value: reply.message as never }
      : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card as never };
  }

  private async act(context: TurnContext, verb: string, data: unknown): Promise<BotReply> {
    const turn = this.turnOf(context);
    if (carriesReservedKeys(data)) return { message: await this.say(context, 'errors.unknownAction') };
    const routing = ROUTING_VERBS.includes(verb);
    if (routing || FOLLOW_UP_VERBS.includes(verb)) {
      const p = await this.parts.intake.presentationFor(turn);
      const actor = { id: turn.userId, name: turn.userName };
      try {
        const reply = routing
          ? await this.parts.routing.handle(actor, verb, data, p, !this.isPersonal(context))
          : await this.parts.followUp.handle(actor, verb, data, p);
        await this.trackClickedCard(context, 'view' in reply ? reply : undefined);
        return reply;
      } catch (error) {
        this.parts.log.warn({ err: { name: (error as Error).name, message: (error as Error).message }, verb }, 'action failed');
        return { message: p.t('errors.unexpected') };
      }
    }
    if (!this.isPersonal(context)) return { card: this.personalOnlyCard(context) };
    const reply = await this.parts.intake.handle(turn, { kind: 'action', verb, data });
    if (reply.submitted) {
      await this.trackClickedCard(context, { requestId: reply.submitted, view: { kind: 'status', viewerId: turn.userId } });
    }
    return { card: reply.card };
  }

  private async onUserMessage(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    // Clients without Universal Actions send Action.Submit: the same handlers, with the verb in the data.
    if (isSubmitWithVerb(value)) {
      const { verb, ...data } = value;
      const reply = await this.act(context, verb, data);
      const replyTo = context.activity.replyToId;
      if ('message' in reply) await context.sendActivity(reply.message);
      else if (replyTo) await context.updateActivity({ id: replyTo, type: 'message', attachments: [CardFactory.adaptiveCard(reply.card)] });
      else await this.reply(context, reply.card);
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    if (!this.isPersonal(context)) {
      await this.onChannelMessage(context, text);
      return;
    }
    const pause = pausePeriodOf(text);
    if (pause) {
      const turn = this.turnOf(context);
      const p = await this.parts.intake.presentationFor(turn);
      await this.reply(context, noticeCard(p, await this.parts.routing.pause({ id: turn.userId }, pause.from, pause.to, p)));
      return;
    }
    const shift = this.parts.moveClock ? clockShiftOf(text) : undefined;
    if (shift !== undefined && this.parts.moveClock) {
      const turn = this.turnOf(context);
      const p = await this.parts.intake.presentationFor(turn);
      const now = await this.parts.moveClock(shift);
      await context.sendActivity(p.t('devClock.moved', { time: formatDateTime(now.toISOString(), p.locale) }));
      return;
    }
    const report = reportIntentOf(text);
    if (report) {
      const turn = this.turnOf(context);
      const p = await this.parts.intake.presentationFor(turn);
      if (report === 'csv') {
        await context.sendActivity({ type: 'message', textFormat: 'markdown', text: await this.parts.reports.csvLinkMessage(turn.userId, p) });
        return;
      }
      const cards = await this.parts.reports.cards(turn.userId, p);
      if (typeof cards === 'string') await this.reply(context, noticeCard(p, cards, 'Attention'));
      else for (const card of cards) await this.reply(context, card);
      return;
    }
    if (textIntentOf(text) === 'sendSeries') {
      const turn = this.turnOf(context);
      const p = await this.parts.intake.presentationFor(turn);
      await this.reply(context, noticeCard(p, await this.parts.routing.sendSeries({ id: turn.userId }, p)));
      return;
    }
    const command: Command = { kind: 'text', text };
    await this.reply(context, (await this.parts.intake.handle(this.turnOf(context), command)).card);
  }

  /** In a channel the bot links units and nothing else: descriptions are never typed there. */
  private async onChannelMessage(context: TurnContext, text: string): Promise<void> {
    const turn = this.turnOf(context);
    const p = await this.parts.intake.presentationFor(turn);
    const intent = channelIntentOf(text);
    const channelId = this.channelIdOf(context.activity);
    if (channelId && intent) {
      await context.sendActivity(await this.parts.routing.link({ id: turn.userId }, channelId, p, intent === 'unlink'));
      return;
    }
    await context.sendActivity(`${p.t('errors.personalChatOnly')} ${p.t('channel.help')}`);
  }

  private async greet(context: TurnContext): Promise<void> {
    if (!this.isPersonal(context)) return;
    await this.reply(context, (await this.parts.intake.handle(this.turnOf(context), { kind: 'install' })).card);
  }

  private async reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  }

  /** The clicked card now shows a request: remember it so later changes update it in place. */
  private async trackClickedCard(context: TurnContext, reply: { requestId?: string; view?: CaseView } | undefined): Promise<void> {
    const activityId = context.activity.replyToId;
    const key = this.conversationKeyOf(context.activity);
    if (!reply?.requestId || !reply.view || !activityId || !key) return;
    await this.parts.notifier.track(reply.requestId, { conversationKey: key, activityId, view: reply.view });
  }

  /**
   * A person over their budget is told so in their language instead of being served: a click in
   * the card's own answer, a chat message once per window; the rest of the window goes unanswered.
   */
  private async overLimit(context: TurnContext): Promise<boolean> {
    const admission = await this.parts.userLimit?.take(this.turnOf(context).userId);
    if (!admission || admission.allowed) return false;
    const { type } = context.activity;
    if (admission.firstRefusal) this.parts.log.warn({ activityType: type }, 'a person went over the rate limit');
    if (type !== ActivityTypes.Invoke && !(type === ActivityTypes.Message && admission.firstRefusal)) return true;
    const text = await this.say(context, 'errors.rateLimited', { seconds: Math.ceil(admission.retryAfterMs / 1000) });
    if (type === ActivityTypes.Message) await context.sendActivity(text);
    else await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: MESSAGE_ANSWER, value: text } } });
    return true;
  }

  private async say(context: TurnContext, key: string, values?: Record<string, string | number>): Promise<string> {
    return (await this.parts.intake.presentationFor(this.turnOf(context))).t(key, values);
  }

  /** Every turn refreshes where the bot can reach this person or channel later. */
  private async remember(context: TurnContext): Promise<void> {
    const { activity } = context;
    const key = this.conversationKeyOf(activity);
    if (!key) return;
    const reference = TurnContext.getConversationReference(activity);
    // The endpoint let this activity in; a reference is still never stored pointing anywhere else.
    if (!serviceUrlAllowed(reference.serviceUrl, this.parts.serviceUrlHosts)) return;
    const channelId = this.channelIdOf(activity);
    // A channel's reference points at the channel itself, not at the thread this turn came from.
    const stored = channelId ? { ...reference, conversation: { ...reference.conversation, id: channelId } } : reference;
    try {
      await this.parts.memory.saveReference(key, JSON.stringify(stored));
    } catch (error) {
      this.parts.log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'conversation reference not saved');
    }
  }

  private conversationKeyOf(activity: Partial<Activity>): string | undefined {
    const channelId = this.channelIdOf(activity);
    if (channelId) return channelKey(channelId);
    const personal = activity.conversation?.conversationType === 'personal' || activity.conversation?.conversationType === undefined;
    const person = activity.from?.aadObjectId;
    return personal && person ? personKey(person) : undefined;
  }

  private channelIdOf(activity: Partial<Activity>): string | undefined {
    const channelData = activity.channelData as { channel?: { id?: string }; team?: { id?: string } } | undefined;
    if (activity.conversation?.conversationType !== 'channel' && !channelData?.team) return undefined;
    return channelData?.channel?.id ?? channelData?.team?.id ?? activity.conversation?.id?.split(';')[0];
  }

  private turnOf(context: TurnContext): Turn {
    const { from, locale } = context.activity;
    return { userId: from.aadObjectId ?? from.id, userName: from.name ?? '', locale: localeFromTag(locale) };
  }

  private isPersonal(context: TurnContext): boolean {
    const type = context.activity.conversation.conversationType;
    return type === undefined || type === 'personal';
  }

  private personalOnlyCard(context: TurnContext): AdaptiveCard {
    const locale = localeFromTag(context.activity.locale) ?? 'fi';
    const t = translator(locale);
    return noticeCard({ t, locale, directory: this.parts.directory.current() }, t('errors.personalChatOnly'), 'Attention');
  }

  /** A redelivered activity is dropped; if the store cannot tell, handling twice beats losing it. */
  private async isFirstDelivery(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    if (!id) return true;
    try {
      return await this.parts.deduplicator.firstTime(conversation.id, id);
    } catch (error) {
      this.parts.log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'deduplication unavailable');
      return true;
    }
  }
}

function isSubmitWithVerb(value: unknown): value is { verb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string';
}

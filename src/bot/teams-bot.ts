import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { ActivityDeduplicator } from '../app/ports.js';
import { localeFromTag } from '../domain/locale.js';
import { translator } from '../i18n/translator.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { noticeCard } from './cards/intake-cards.js';
import type { Command, IntakeController, Turn } from './intake-controller.js';
import type { DirectoryProvider } from '../app/ports.js';

export interface BotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * The only place that knows Teams activities: it turns them into our Turn/Command and the
 * controller's cards back into replies. Moving to the Agents SDK means rewriting this folder.
 */
export class YhteistyoTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly controller: IntakeController,
    private readonly deduplicator: ActivityDeduplicator,
    private readonly directory: DirectoryProvider,
    private readonly log: BotLog,
  ) {
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
    await super.run(context);
    const { type, name, conversation, value } = context.activity;
    this.log.info(
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

  /** Universal Actions: the answer replaces the clicked card in place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const card = this.isPersonal(context)
      ? await this.controller.handle(this.turnOf(context), { kind: 'action', verb, data })
      : this.personalOnlyCard(context);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
  }

  private async onUserMessage(context: TurnContext): Promise<void> {
    if (!this.isPersonal(context)) {
      await this.reply(context, this.personalOnlyCard(context));
      return;
    }
    const value: unknown = context.activity.value;
    // Clients without Universal Actions send Action.Submit: the same handler, with the verb in the data.
    const command: Command =
      isSubmitWithVerb(value)
        ? { kind: 'action', verb: value.verb, data: value }
        : { kind: 'text', text: TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '' };
    const card = await this.controller.handle(this.turnOf(context), command);
    const replyTo = context.activity.replyToId;
    if (command.kind === 'action' && replyTo) {
      await context.updateActivity({ id: replyTo, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    } else {
      await this.reply(context, card);
    }
  }

  private async greet(context: TurnContext): Promise<void> {
    if (!this.isPersonal(context)) return;
    await this.reply(context, await this.controller.handle(this.turnOf(context), { kind: 'install' }));
  }

  private async reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
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
    return noticeCard({ t: translator(locale), locale, directory: this.directory.current() }, translator(locale)('errors.personalChatOnly'), 'Attention');
  }

  /** A redelivered activity is dropped; if the store cannot tell, handling twice beats losing it. */
  private async isFirstDelivery(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    if (!id) return true;
    try {
      return await this.deduplicator.firstTime(conversation.id, id);
    } catch (error) {
      this.log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'deduplication unavailable');
      return true;
    }
  }
}

function isSubmitWithVerb(value: unknown): value is { verb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string';
}

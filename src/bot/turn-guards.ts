import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { ActivityDeduplicator, RateLimiter } from '../app/ports.js';
import type { PresentationSource } from '../i18n/presentation.js';
import { invokeAnswerOf, messageOf } from './activity-mapping.js';
import { errorFields, type BotLog } from './bot-log.js';
import type { Turn } from './turn.js';

export interface TurnGuardParts {
  readonly deduplicator: ActivityDeduplicator;
  /** Activities per person and window. */
  readonly userLimit?: RateLimiter | undefined;
  readonly presentations: PresentationSource;
  readonly log: Pick<BotLog, 'warn'>;
}

/** What a turn must pass before it is served: the person's budget, and being the first delivery of its activity. */
export class TurnGuards {
  constructor(private readonly parts: TurnGuardParts) {}

  /**
   * A person over their budget is told so in their language instead of being served: a click in
   * the card's own answer, a chat message once per window; the rest of the window goes unanswered.
   */
  async admit(context: TurnContext, turn: Turn): Promise<boolean> {
    const admission = await this.parts.userLimit?.take(turn.userId);
    if (!admission || admission.allowed) return true;
    const { type } = context.activity;
    if (admission.firstRefusal) this.parts.log.warn({ activityType: type }, 'a person went over the rate limit');
    if (type !== ActivityTypes.Invoke && !(type === ActivityTypes.Message && admission.firstRefusal)) return false;
    const p = await this.parts.presentations.forPerson(turn.userId, turn.locale);
    const reply = { message: p.t('errors.rateLimited', { seconds: Math.ceil(admission.retryAfterMs / 1000) }) };
    if (type === ActivityTypes.Message) await context.sendActivity(messageOf(reply));
    else await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: invokeAnswerOf(reply) } });
    return false;
  }

  /** A redelivered activity is dropped; if the store cannot tell, handling twice beats losing it. */
  async firstDelivery({ id, conversation }: Activity): Promise<boolean> {
    if (!id) return true;
    try {
      return await this.parts.deduplicator.firstTime(conversation.id, id);
    } catch (error) {
      this.parts.log.warn(errorFields(error), 'deduplication unavailable');
      return true;
    }
  }
}

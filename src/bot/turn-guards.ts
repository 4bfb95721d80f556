import type { ActivityDeduplicator, RateLimiter } from '../app/ports.js';
import type { PresentationSource } from '../i18n/presentation.js';
import { invokeAnswerOf, invokeResponseOf, messageOf } from './activity-mapping.js';
import { errorFields, type BotLog } from './bot-log.js';
import type { InboundTurn } from './sdk/bot-sdk.js';
import { ActivityType, type TeamsActivity } from './teams-activity.js';
import type { Turn } from './turn.js';

export interface TurnGuardParts {
  readonly deduplicator: ActivityDeduplicator;
  /** Activities per person and window. */
  readonly userLimit?: RateLimiter | undefined;
  readonly presentations: PresentationSource;
  readonly log: Pick<BotLog, 'warn'>;
}

/**
 * What a turn must pass before it is served: the person's budget, and being the first delivery of
 * its activity. Both are asked at the turn's start, side by side (one Redis round trip of wait,
 * not two): `claim` takes the delivery while `admit` counts the budget, and the handler's
 * `firstDelivery` later reads the claim's answer instead of asking again.
 */
export class TurnGuards {
  constructor(private readonly parts: TurnGuardParts) {}

  /** The turn's claims on its activity's delivery, by the activity object the SDK hands every handler. */
  private readonly claims = new WeakMap<object, Promise<boolean>>();

  /**
   * Claims the activity's delivery now, for the handler to read later. A turn the budget then
   * refuses gives its claim back (`release`), so a redelivery is judged as if never seen.
   */
  claim(activity: Pick<TeamsActivity, 'id' | 'conversation'>): void {
    if (!activity.id || this.claims.has(activity)) return;
    this.claims.set(activity, this.delivered(activity));
  }

  async release(activity: Pick<TeamsActivity, 'id' | 'conversation'>): Promise<void> {
    const claimed = this.claims.get(activity);
    this.claims.delete(activity);
    if (!claimed || !activity.id || !(await claimed)) return;
    await this.parts.deduplicator.forget(activity.conversation.id, activity.id).catch((error: unknown) => this.parts.log.warn(errorFields(error), 'deduplication unavailable'));
  }

  /**
   * A person over their budget is told so in their language instead of being served: a click in
   * the card's own answer, a chat message once per window; the rest of the window goes unanswered.
   */
  async admit(inbound: InboundTurn, turn: Turn): Promise<boolean> {
    const admission = await this.parts.userLimit?.take(turn.userId);
    if (!admission || admission.allowed) return true;
    const { type } = inbound.activity;
    if (admission.firstRefusal) this.parts.log.warn({ activityType: type }, 'a person went over the rate limit');
    if (type !== ActivityType.invoke && !(type === ActivityType.message && admission.firstRefusal)) return false;
    const p = await this.parts.presentations.forPerson(turn.userId, turn.locale);
    const reply = { message: p.t('errors.rateLimited', { seconds: Math.ceil(admission.retryAfterMs / 1000) }) };
    if (type === ActivityType.message) await inbound.send(messageOf(reply));
    else await inbound.send(invokeResponseOf(200, invokeAnswerOf(reply)));
    return false;
  }

  /**
   * Teams (and the Agents Playground) announce a new chat twice, as installationUpdate and as
   * conversationUpdate: only the first of the two, within the deduplicator's memory, greets.
   */
  firstWelcome({ conversation }: Pick<TeamsActivity, 'conversation'>): Promise<boolean> {
    return this.firstDelivery({ id: 'welcome', conversation });
  }

  /** A redelivered activity is dropped; if the store cannot tell, handling twice beats losing it. */
  firstDelivery(activity: Pick<TeamsActivity, 'id' | 'conversation'>): Promise<boolean> {
    const claimed = this.claims.get(activity);
    if (!claimed) return this.delivered(activity);
    // Read once: a second question about the same delivery is a second delivery.
    this.claims.delete(activity);
    return claimed;
  }

  private async delivered({ id, conversation }: Pick<TeamsActivity, 'id' | 'conversation'>): Promise<boolean> {
    if (!id) return true;
    try {
      return await this.parts.deduplicator.firstTime(conversation.id, id);
    } catch (error) {
      this.parts.log.warn(errorFields(error), 'deduplication unavailable');
      return true;
    }
  }
}

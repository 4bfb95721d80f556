import { setTimeout as sleep } from 'node:timers/promises';
import type { BotMemory, ChannelLinks, ChannelRoster, Clock, Delivery, DeliveryFailure, Notification, Notifier, StoredRequest } from '../app/ports.js';
import type { Questionnaire } from '../domain/feedback/feedback.js';
import { DEFAULT_LOCALE } from '../domain/locale.js';
import { countyDate } from '../domain/time.js';
import type { Presentation, PresentationSource } from '../i18n/presentation.js';
import { errorFields } from './bot-log.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { caseCard, type CaseCardOptions, type CaseView } from './cards/case-cards.js';
import { channelKey, personKey } from './conversation-keys.js';
import { notificationMessageOf, type PersonalMessage } from './notification-messages.js';
import type { ProactiveSender, SendResult } from './proactive-sender.js';
import type { TrackedCard, TrackedCards } from './tracked-cards.js';

/** Remembering a sent card is tried again after 0.1, 0.2 … 3.2 s: about as long as a Redis restart or failover takes. */
const TRACK_RETRIES = 6;
const TRACK_BACKOFF_MS = 100;

export interface NotifierLog {
  warn(fields: object, message: string): void;
}

export interface TeamsNotifierParts {
  readonly sender: ProactiveSender;
  readonly memory: Pick<BotMemory, 'reference'>;
  readonly cards: TrackedCards;
  readonly channelLinks: ChannelLinks;
  readonly presentations: PresentationSource;
  readonly clock: Clock;
  readonly log: NotifierLog;
  readonly questionnaire: Questionnaire;
}

/**
 * Turns workflow notifications into Teams cards: it picks the conversation (a unit's channel,
 * else its leads in person) and the reader's language, and remembers every case card it sent so
 * a later change updates it in place. What each notification says is `notification-messages`'.
 */
export class TeamsNotifier implements Notifier {
  constructor(private readonly parts: TeamsNotifierParts) {}

  async notify(stored: StoredRequest, notification: Notification): Promise<Delivery> {
    if (notification.kind === 'routed_to_unit') return this.toChannel(stored, notification.unitId);
    if (notification.kind === 'routed_to_lead') {
      const { to, unitId } = notification;
      return this.toPerson(stored, to, { kind: 'case', view: { kind: 'receiving', unitId, viewerId: to } });
    }
    return this.toPerson(stored, notification.to, notificationMessageOf(stored, notification, this.parts.questionnaire));
  }

  async refreshCards(stored: StoredRequest): Promise<Delivery> {
    const recipients: string[] = [];
    const failures: Delivery['failures'][number][] = [];
    for (const card of await this.parts.cards.of(stored.request.id)) {
      const reference = await this.parts.memory.reference(card.conversationKey);
      if (!reference) continue;
      const rendered = caseCard(await this.parts.presentations.forPerson(card.view.viewerId), stored, card.view, { today: this.today() });
      const updated = await this.parts.sender.update(reference, card.activityId, rendered);
      if (updated.ok) recipients.push(card.conversationKey);
      else {
        this.parts.log.warn({ conversationKey: card.conversationKey, failure: updated.failure }, 'card update failed');
        failures.push({ recipient: card.conversationKey, failure: updated.failure });
      }
    }
    return { recipients, failures };
  }

  private async toPerson(stored: StoredRequest, personId: string, message: PersonalMessage): Promise<Delivery> {
    const p = await this.parts.presentations.forPerson(personId);
    const failure =
      message.kind === 'case'
        ? await this.deliverCase(stored, personKey(personId), p, message.view, message.banner?.(p))
        : await this.deliver(personKey(personId), message.card(p));
    if (failure && message.kind === 'card') this.parts.log.warn({ recipient: personId, failure }, 'notice not delivered');
    return failure ? { recipients: [], failures: [{ recipient: personId, failure }] } : { recipients: [personId], failures: [] };
  }

  /** A unit's linked channel reads the request in Finnish, its leads mentioned; a unit without one has no conversation here. */
  private async toChannel(stored: StoredRequest, unitId: string): Promise<Delivery> {
    const channelId = await this.parts.channelLinks.channelOf(unitId);
    const p = this.parts.presentations.forLocale(DEFAULT_LOCALE);
    if (!channelId) return { recipients: [], failures: [{ recipient: `unit:${unitId}`, failure: 'no_conversation' }] };
    // The members at the moment of posting are whom the disclosure reached.
    let members: ChannelRoster['members'] = 'unavailable';
    const failure = await this.deliverCase(stored, channelKey(channelId), p, { kind: 'receiving', unitId, mention: true }, undefined, async (reference, card) => {
      const sent = await this.parts.sender.sendToChannel(reference, card);
      if (sent.ok && sent.roster.ok) members = sent.roster.members;
      else if (sent.ok && !sent.roster.ok) this.parts.log.warn({ unitId, reason: sent.roster.reason }, 'channel roster unavailable; the disclosure records it so');
      return sent;
    });
    if (!failure) return { recipients: [channelKey(channelId)], failures: [], channelMembers: [{ recipient: channelKey(channelId), members }] };
    this.parts.log.warn({ unitId, failure }, 'channel delivery failed');
    return { recipients: [], failures: [{ recipient: channelKey(channelId), failure }] };
  }

  private async deliverCase(
    stored: StoredRequest,
    conversationKey: string,
    p: Presentation,
    view: CaseView,
    banner?: CaseCardOptions['banner'],
    post: (reference: string, card: AdaptiveCard) => Promise<SendResult> = (reference, card) => this.parts.sender.send(reference, card),
  ): Promise<DeliveryFailure | undefined> {
    const card = caseCard(p, stored, view, { today: this.today(), banner });
    const sent = await this.send(conversationKey, card, post);
    if (!sent.ok) return sent.failure;
    await this.remember(stored.request.id, { conversationKey, activityId: sent.activityId, view });
    return undefined;
  }

  /**
   * The card has gone: a failure here would count it as not sent, and the job's next run would
   * send it again. Redis away for a moment is waited out; away for longer, the card still counts as
   * sent and is only not updated in place (a click on it is checked against the request as it is).
   */
  private async remember(requestId: string, card: TrackedCard): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.parts.cards.track(requestId, card);
        return;
      } catch (error) {
        if (attempt >= TRACK_RETRIES) {
          this.parts.log.warn({ ...errorFields(error), requestId, conversationKey: card.conversationKey }, 'a sent card could not be remembered; it will not be updated in place');
          return;
        }
        await sleep(TRACK_BACKOFF_MS * 2 ** attempt);
      }
    }
  }

  private async deliver(conversationKey: string, card: AdaptiveCard): Promise<DeliveryFailure | undefined> {
    const sent = await this.send(conversationKey, card);
    return sent.ok ? undefined : sent.failure;
  }

  private async send(
    conversationKey: string,
    card: AdaptiveCard,
    post: (reference: string, card: AdaptiveCard) => Promise<SendResult> = (reference, c) => this.parts.sender.send(reference, c),
  ): Promise<SendResult> {
    const reference = await this.parts.memory.reference(conversationKey);
    return reference ? post(reference, card) : { ok: false, failure: 'no_conversation' };
  }

  private today(): string {
    return countyDate(this.parts.clock.now());
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { BotMemory, ChannelLinks, ChannelRoster, Clock, Delivery, DeliveryFailure, Notification, Notifier, StoredRequest } from '../app/ports.js';
import { isFinished } from '../domain/collaboration/request.js';
import type { Questionnaire } from '../domain/feedback/feedback.js';
import { DEFAULT_LOCALE } from '../domain/locale.js';
import { countyDate } from '../domain/time.js';
import type { Presentation, PresentationSource } from '../i18n/presentation.js';
import { errorFields } from './bot-log.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { caseCard, type CaseCardOptions, type CaseView } from './cards/case-cards.js';
import { caseNoteCard } from './cards/case-note.js';
import { viewStillHeld } from './cards/case-view.js';
import { noticeCard } from './cards/intake-cards.js';
import { feedbackCard } from './cards/follow-up-cards.js';
import { personName, unitName } from './cards/presentation.js';
import { channelKey, personKey } from './conversation-keys.js';
import { notificationMessageOf, type PersonalMessage } from './notification-messages.js';
import type { ProactiveSender, SendResult } from './proactive-sender.js';
import { bannerAt, type TrackedCard, type TrackedCards, type TrackedFeedbackCard } from './tracked-cards.js';

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
      const note = (p: Presentation) => p.t('note.routedToLead', { reference: stored.request.reference ?? '', unit: unitName(p, unitId) });
      return this.toPerson(stored, to, { kind: 'case', view: { kind: 'receiving', unitId, viewerId: to }, note });
    }
    if (notification.kind === 'worker_released') return this.release(stored, notification.to, { kind: 'named', viewerId: notification.to, unitId: notification.unitId });
    if (notification.kind === 'chair_released') return this.release(stored, notification.to, { kind: 'status', viewerId: notification.to });
    return this.toPerson(stored, notification.to, notificationMessageOf(stored, notification, this.parts.questionnaire));
  }

  /**
   * A replaced worker's copies of the case card become the notice that they no longer take part,
   * in place, and are forgotten; with no copy left in the chat, the notice is posted. Either way
   * they read it once.
   */
  private async release(stored: StoredRequest, personId: string, view: CaseView): Promise<Delivery> {
    const conversationKey = personKey(personId);
    const p = await this.parts.presentations.forPerson(personId);
    const copies = (await this.parts.cards.of(stored.request.id)).filter((card) => card.conversationKey === conversationKey);
    const reference = copies.length > 0 ? await this.parts.memory.reference(conversationKey) : undefined;
    let updated = false;
    for (const copy of reference ? copies : []) {
      const result = await this.parts.sender.update(reference!, copy.activityId, releasedCard(p, stored, view));
      if (result.ok || result.failure !== 'failed') await this.parts.cards.forget(stored.request.id, copy);
      if (!result.ok && result.failure === 'failed') return { recipients: [], failures: [{ recipient: personId, failure: 'failed' }] };
      updated ||= result.ok;
    }
    const failure = updated ? undefined : await this.deliver(conversationKey, releasedCard(p, stored, view));
    return failure ? { recipients: [], failures: [{ recipient: personId, failure }] } : { recipients: [personId], failures: [] };
  }

  async refreshCards(stored: StoredRequest): Promise<Delivery> {
    const recipients: string[] = [];
    const failures: Delivery['failures'][number][] = [];
    for (const card of await this.parts.cards.of(stored.request.id)) {
      const reference = await this.parts.memory.reference(card.conversationKey);
      if (!reference) continue;
      const banner = card.banner?.version === stored.request.version ? card.banner : undefined;
      const p = await this.parts.presentations.forPerson(card.view.viewerId);
      const held = viewStillHeld(stored.request, card.view);
      // A part the reader no longer has: the card says so, once, and no longer shows the case.
      const rendered = held ? caseCard(p, stored, card.view, { today: this.today(), banner }) : releasedCard(p, stored, card.view);
      const updated = await this.parts.sender.update(reference, card.activityId, rendered);
      if (!held && (updated.ok || updated.failure !== 'failed')) await this.parts.cards.forget(stored.request.id, card);
      if (updated.ok) recipients.push(card.conversationKey);
      else {
        this.parts.log.warn({ conversationKey: card.conversationKey, failure: updated.failure }, 'card update failed');
        failures.push({ recipient: card.conversationKey, failure: updated.failure });
      }
    }
    if (isFinished(stored.request)) for (const form of await this.parts.cards.feedbackOf(stored.request.id)) {
      const failure = await this.closeFeedbackForm(stored, form);
      if (!failure) recipients.push(form.conversationKey);
      else failures.push({ recipient: form.conversationKey, failure });
    }
    return { recipients, failures };
  }

  /**
   * A feedback form still in a person's chat when the case ends says so and loses its button, once:
   * a click on it would only be refused. Kept for the next run only when Teams refused for now.
   */
  private async closeFeedbackForm(stored: StoredRequest, form: TrackedFeedbackCard): Promise<DeliveryFailure | undefined> {
    const reference = await this.parts.memory.reference(form.conversationKey);
    const asChair = stored.request.outcomes?.find((o) => o.generation === form.generation)?.recordedBy === form.viewerId;
    const p = await this.parts.presentations.forPerson(form.viewerId);
    const updated = reference
      ? await this.parts.sender.update(reference, form.activityId, feedbackCard(p, stored, this.parts.questionnaire, { generation: form.generation, asChair }))
      : ({ ok: false, failure: 'no_conversation' } as const);
    if (updated.ok || updated.failure !== 'failed') await this.parts.cards.forgetFeedback(stored.request.id, form);
    if (updated.ok) return undefined;
    this.parts.log.warn({ conversationKey: form.conversationKey, failure: updated.failure }, 'feedback form not closed');
    return updated.failure;
  }

  private async toPerson(stored: StoredRequest, personId: string, message: PersonalMessage): Promise<Delivery> {
    const p = await this.parts.presentations.forPerson(personId);
    let failure: DeliveryFailure | undefined;
    if (message.kind === 'case') failure = await this.deliverLiving(stored, personKey(personId), p, message);
    else if (message.kind === 'feedback') failure = await this.deliverFeedback(stored, personId, message.generation, message.card(p));
    else failure = await this.deliver(personKey(personId), message.card(p));
    if (failure && message.kind !== 'case') this.parts.log.warn({ recipient: personId, failure }, 'notice not delivered');
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

  /**
   * One living card per person per case: the first event posts the case card; later ones update
   * every copy already in the person's chat and add one line saying what happened, with a button
   * that opens the card at the bottom. When no copy takes the update for good (deleted, unknown to
   * Teams, not allowed), the card is posted afresh instead: the person hears of the event either
   * way. An update or post Teams refuses for now fails the delivery, so the job tries again.
   */
  private async deliverLiving(stored: StoredRequest, conversationKey: string, p: Presentation, message: Extract<PersonalMessage, { kind: 'case' }>): Promise<DeliveryFailure | undefined> {
    const banner = message.banner?.(p);
    const copies = (await this.parts.cards.of(stored.request.id)).filter((card) => card.conversationKey === conversationKey);
    const reference = copies.length > 0 ? await this.parts.memory.reference(conversationKey) : undefined;
    if (!reference) return this.deliverCase(stored, conversationKey, p, message.view, banner);
    const card = caseCard(p, stored, message.view, { today: this.today(), banner });
    let updated = false;
    let refusedForNow = false;
    for (const copy of copies) {
      const result = await this.parts.sender.update(reference, copy.activityId, card);
      if (!result.ok) {
        this.parts.log.warn({ conversationKey, failure: result.failure }, 'living card not updated');
        refusedForNow ||= result.failure === 'failed';
        continue;
      }
      updated = true;
      await this.track(stored.request.id, { ...copy, view: message.view, banner: bannerAt(banner, stored.request.version) });
    }
    // A copy Teams refused only for now is still in the chat: the job's next run updates it and
    // adds the note then, where a fresh post now would leave the person two full cards.
    if (refusedForNow) return 'failed';
    if (!updated) return this.deliverCase(stored, conversationKey, p, message.view, banner);
    const line = banner?.text || message.note?.(p) || p.t('note.changed', { reference: stored.request.reference ?? '' });
    return this.deliver(conversationKey, caseNoteCard(p, line, stored.request.id, banner?.style ?? 'default'));
  }

  private async deliverFeedback(stored: StoredRequest, viewerId: string, generation: number, card: AdaptiveCard): Promise<DeliveryFailure | undefined> {
    const conversationKey = personKey(viewerId);
    const sent = await this.send(conversationKey, card);
    if (!sent.ok) return sent.failure;
    const form = { conversationKey, activityId: sent.activityId, viewerId, generation };
    await this.remember(stored.request.id, conversationKey, () => this.parts.cards.trackFeedback(stored.request.id, form));
    return undefined;
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
    await this.track(stored.request.id, { conversationKey, activityId: sent.activityId, view, banner: bannerAt(banner, stored.request.version) });
    return undefined;
  }

  /**
   * The card has gone: a failure here would count it as not sent, and the job's next run would
   * send it again. Redis away for a moment is waited out; away for longer, the card still counts as
   * sent and is only not updated in place (a click on it is checked against the request as it is).
   */
  private track(requestId: string, card: TrackedCard): Promise<void> {
    return this.remember(requestId, card.conversationKey, () => this.parts.cards.track(requestId, card));
  }

  private async remember(requestId: string, conversationKey: string, track: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await track();
        return;
      } catch (error) {
        if (attempt >= TRACK_RETRIES) {
          this.parts.log.warn({ ...errorFields(error), requestId, conversationKey }, 'a sent card could not be remembered; it will not be updated in place');
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

/** What a card of a part its reader no longer has becomes: the reference and why, nothing of the case. */
function releasedCard(p: Presentation, stored: StoredRequest, view: CaseView): AdaptiveCard {
  const reference = stored.request.reference ?? '';
  if (view.kind === 'named' || view.kind === 'receiving') return noticeCard(p, p.t('case.workerReleased', { reference, unit: unitName(p, view.unitId) }), 'Attention');
  return noticeCard(p, p.t('case.chairReleased', { reference, name: personName(p, stored.request.ownerId) }), 'Attention');
}

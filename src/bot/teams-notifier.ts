import { ownCaseView } from './cards/own-case-view.js';
import type {
  BotMemory,
  ChannelLinks,
  ChannelRoster,
  Clock,
  Delivery,
  DeliveryFailure,
  DirectoryProvider,
  Notification,
  Notifier,
  StoredRequest,
  UserPreferences,
} from '../app/ports.js';
import { unitLeads } from '../domain/privacy/access-policy.js';
import type { Questionnaire } from '../domain/feedback/feedback.js';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale.js';
import { countyDate } from '../domain/time.js';
import { translator } from '../i18n/translator.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { caseCard, type CaseView } from './cards/case-cards.js';
import { formatDate } from './cards/formatting.js';
import { feedbackCard, meetingDayCard } from './cards/follow-up-cards.js';
import { noticeCard } from './cards/intake-cards.js';
import type { Presentation } from './cards/presentation.js';
import type { ProactiveSender, SendResult } from './proactive-sender.js';

export const personKey = (personId: string) => `user:${personId}`;
export const channelKey = (channelId: string) => `channel:${channelId}`;

/** A card the bot sent about a request, remembered so it can be re-rendered in place. */
export interface TrackedCard {
  readonly conversationKey: string;
  readonly activityId: string;
  readonly view: CaseView;
}

export interface NotifierLog {
  warn(fields: object, message: string): void;
}

/**
 * Turns workflow notifications into Teams cards: it picks the conversation (a unit's channel,
 * else its leads in person), the reader's language and the card view, and remembers every card
 * it sent so a later change updates it in place.
 */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly sender: ProactiveSender,
    private readonly memory: BotMemory,
    private readonly channelLinks: ChannelLinks,
    private readonly preferences: UserPreferences,
    private readonly directory: DirectoryProvider,
    private readonly clock: Clock,
    private readonly log: NotifierLog,
    private readonly questionnaire: Questionnaire,
  ) {}

  async notify(stored: StoredRequest, notification: Notification): Promise<Delivery> {
    switch (notification.kind) {
      case 'approval_requested':
        return this.toPerson(stored, notification.to, { kind: 'approval', viewerId: notification.to });
      case 'returned_to_worker': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('case.returnedNotice', { reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'status', viewerId: notification.to }, banner);
      }
      case 'worker_named':
        return this.toPerson(stored, notification.to, { kind: 'named', viewerId: notification.to, unitId: notification.unitId });
      case 'routed_to_unit':
        return this.toUnit(stored, notification.unitId);
      case 'routing_fallback':
        return this.fallbackNotice(stored, notification.to, notification.unitId);
      case 'delivery_failed': {
        const p = await this.presentationFor(notification.to);
        const people = notification.unreachable.map((id) => p.directory.person(id)?.name ?? id).join(', ');
        const text = p.t('case.unreachable', { reference: stored.request.reference ?? '', people });
        return this.sendNotice(notification.to, noticeCard(p, text, 'Attention'));
      }
      case 'step_failed': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('case.stepFailed', { reference: stored.request.reference ?? '', code: notification.code }), style: 'attention' as const };
        return this.toPerson(stored, notification.to, { kind: 'status', viewerId: notification.to }, banner);
      }
      case 'meeting_proposed':
      case 'meeting_booked':
      case 'meeting_cancelled':
        return this.toPerson(stored, notification.to, this.meetingView(stored, notification.to));
      case 'ack_reminder': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('reminder.acknowledge', { reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'receiving', unitId: notification.unitId, viewerId: notification.to }, banner);
      }
      case 'invite_client': {
        const p = await this.presentationFor(notification.to);
        const date = formatDate(stored.request.meeting?.booked?.slot.date ?? '', p.locale);
        const banner = { text: p.t('reminder.inviteClient', { reference: stored.request.reference ?? '', date }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'status', viewerId: notification.to }, banner);
      }
      case 'name_reminder': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('reminder.nameWorker', { reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'receiving', unitId: notification.unitId, viewerId: notification.to }, banner);
      }
      case 'choose_reminder': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('reminder.chooseTime', { reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'status', viewerId: notification.to }, banner);
      }
      case 'name_escalation':
      case 'choose_escalation': {
        const p = await this.presentationFor(notification.to);
        const unit = 'unitId' in notification ? (p.directory.unitName(notification.unitId, p.locale) ?? notification.unitId) : '';
        const key = notification.kind === 'name_escalation' ? 'reminder.nameEscalation' : 'reminder.chooseEscalation';
        return this.sendNotice(notification.to, noticeCard(p, p.t(key, { reference: stored.request.reference ?? '', unit }), 'Attention'));
      }
      case 'ack_escalation': {
        const p = await this.presentationFor(notification.to);
        const unit = p.directory.unitName(notification.unitId, p.locale) ?? notification.unitId;
        return this.sendNotice(notification.to, noticeCard(p, p.t('reminder.escalation', { reference: stored.request.reference ?? '', unit }), 'Attention'));
      }
      case 'attendee_declined': {
        const p = await this.presentationFor(notification.to);
        const people = notification.people.map((id) => p.directory.person(id)?.name ?? id).join(', ');
        const banner = { text: p.t('meeting.declined', { people, reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'status', viewerId: notification.to }, banner);
      }
      case 'no_free_slot': {
        const p = await this.presentationFor(notification.to);
        return this.sendNotice(notification.to, noticeCard(p, p.t('meeting.noFreeSlot', { reference: stored.request.reference ?? '' }), 'Attention'));
      }
      case 'meeting_day': {
        const p = await this.presentationFor(notification.to);
        const banner = { text: p.t('meetingDay.starting', { reference: stored.request.reference ?? '' }), style: 'warning' as const };
        return this.sendNotice(notification.to, meetingDayCard(p, stored, banner));
      }
      case 'meeting_outcome':
      case 'responsible_worker':
      case 'case_closed': {
        const p = await this.presentationFor(notification.to);
        const key = { meeting_outcome: 'outcome.recorded', responsible_worker: 'outcome.responsibleNotice', case_closed: 'outcome.closedNotice' }[notification.kind];
        const banner = { text: p.t(key, { reference: stored.request.reference ?? '' }), style: 'good' as const };
        return this.toPerson(stored, notification.to, this.meetingView(stored, notification.to), banner);
      }
      case 'feedback_requested':
      case 'feedback_reminder': {
        const p = await this.presentationFor(notification.to);
        const key = notification.kind === 'feedback_requested' ? 'feedback.requested' : 'feedback.reminder';
        const banner = { text: p.t(key, { reference: stored.request.reference ?? '' }), style: 'good' as const };
        const asChair = stored.request.outcomes?.find((o) => o.generation === notification.generation)?.recordedBy === notification.to;
        return this.sendNotice(notification.to, feedbackCard(p, stored, this.questionnaire, { generation: notification.generation, asChair, banner }));
      }
      case 'unit_proposed': {
        const p = await this.presentationFor(notification.to);
        const from = p.directory.unitName(notification.unitId, p.locale) ?? notification.unitId;
        const banner = { text: p.t('case.proposalNotice', { reference: stored.request.reference ?? '', from }), style: 'warning' as const };
        return this.toPerson(stored, notification.to, { kind: 'approval', viewerId: notification.to }, banner);
      }
    }
  }

  async refreshCards(stored: StoredRequest): Promise<void> {
    for (const entry of await this.memory.trackedCards(stored.request.id)) {
      const card = JSON.parse(entry) as TrackedCard;
      const reference = await this.memory.reference(card.conversationKey);
      if (!reference) continue;
      const rendered = caseCard(await this.presentationFor(card.view.viewerId), stored, card.view, { today: this.today() });
      const updated = await this.sender.update(reference, card.activityId, rendered);
      if (!updated.ok) this.log.warn({ conversationKey: card.conversationKey, failure: updated.failure }, 'card update failed');
    }
  }

  /** The chair sees the status view with the choices; a named worker sees their own view. */
  private meetingView(stored: StoredRequest, personId: string): CaseView {
    return ownCaseView(stored.request, personId);
  }

  /** Remembers a card the bot answered with (an invoke response), so it too is kept current. */
  async track(requestId: string, card: TrackedCard): Promise<void> {
    await this.memory.trackCard(requestId, `${card.conversationKey}|${card.activityId}`, JSON.stringify(card));
  }

  private async toPerson(
    stored: StoredRequest,
    personId: string,
    view: CaseView,
    banner?: { text: string; style: 'good' | 'attention' | 'warning' },
  ): Promise<Delivery> {
    const card = caseCard(await this.presentationFor(personId), stored, view, { today: this.today(), banner });
    const failure = await this.deliver(stored, personKey(personId), card, view);
    return failure ? { recipients: [], failures: [{ recipient: personId, failure }] } : { recipients: [personId], failures: [] };
  }

  private async toUnit(stored: StoredRequest, unitId: string): Promise<Delivery> {
    const channelId = await this.channelLinks.channelOf(unitId);
    if (channelId) {
      const view: CaseView = { kind: 'receiving', unitId, mention: true };
      const card = caseCard(this.presentation(DEFAULT_LOCALE), stored, view, { today: this.today() });
      // The members at the moment of posting are whom the disclosure reached.
      let members: ChannelRoster['members'] = 'unavailable';
      const failure = await this.deliver(stored, channelKey(channelId), card, view, async (reference) => {
        const sent = await this.sender.sendToChannel(reference, card);
        if (sent.ok && sent.roster.ok) members = sent.roster.members;
        else if (sent.ok && !sent.roster.ok) this.log.warn({ unitId, reason: sent.roster.reason }, 'channel roster unavailable; the disclosure records it so');
        return sent;
      });
      if (!failure) return { recipients: [channelKey(channelId)], failures: [], channelMembers: [{ recipient: channelKey(channelId), members }] };
      this.log.warn({ unitId, failure }, 'channel delivery failed; trying the unit leads in person');
    }
    const deliveries = await Promise.all(
      unitLeads(this.directory.current(), unitId).map((lead) => this.toPerson(stored, lead, { kind: 'receiving', unitId, viewerId: lead })),
    );
    return {
      recipients: deliveries.flatMap((d) => d.recipients),
      failures: deliveries.flatMap((d) => d.failures),
      viaPersonalChats: true,
    };
  }

  private async fallbackNotice(stored: StoredRequest, personId: string, unitId: string): Promise<Delivery> {
    const p = await this.presentationFor(personId);
    const values = { reference: stored.request.reference ?? '', unit: p.directory.unitName(unitId, p.locale) ?? unitId };
    const reached = stored.request.units.length > 0;
    return this.sendNotice(personId, noticeCard(p, p.t(reached ? 'case.fallbackNotice' : 'case.failureNotice', values), 'Attention'));
  }

  private async sendNotice(personId: string, card: AdaptiveCard): Promise<Delivery> {
    const reference = await this.memory.reference(personKey(personId));
    const sent = reference ? await this.sender.send(reference, card) : { ok: false as const, failure: 'no_conversation' as const };
    if (!sent.ok) this.log.warn({ recipient: personId, failure: sent.failure }, 'notice not delivered');
    return sent.ok ? { recipients: [personId], failures: [] } : { recipients: [], failures: [{ recipient: personId, failure: sent.failure }] };
  }

  private async deliver(
    stored: StoredRequest,
    conversationKey: string,
    card: AdaptiveCard,
    view: CaseView,
    send: (reference: string) => Promise<SendResult> = (reference) => this.sender.send(reference, card),
  ): Promise<DeliveryFailure | undefined> {
    const reference = await this.memory.reference(conversationKey);
    if (!reference) return 'no_conversation';
    const sent = await send(reference);
    if (!sent.ok) return sent.failure;
    await this.track(stored.request.id, { conversationKey, activityId: sent.activityId, view });
    return undefined;
  }

  private async presentationFor(personId: string | undefined): Promise<Presentation> {
    const locale = personId ? await this.preferences.locale(personId).catch(() => undefined) : undefined;
    return this.presentation(locale ?? DEFAULT_LOCALE);
  }

  private presentation(locale: Locale): Presentation {
    return { t: translator(locale), locale, directory: this.directory.current() };
  }

  private today(): string {
    return countyDate(this.clock.now());
  }
}

import type { Notification, StoredRequest } from '../app/ports.js';
import type { Questionnaire } from '../domain/feedback/feedback.js';
import type { Presentation } from '../i18n/presentation.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import type { CaseCardOptions, CaseView } from './cards/case-cards.js';
import { formatDate, formatTime } from './cards/formatting.js';
import { descriptionCard } from './cards/description-card.js';
import { feedbackCard, meetingDayCard } from './cards/follow-up-cards.js';
import { noticeCard } from './cards/intake-cards.js';
import { ownCaseView } from './cards/own-case-view.js';
import { personName, unitName, type BannerStyle } from './cards/presentation.js';

type Banner = CaseCardOptions['banner'];

/**
 * What a person is sent about a request: the case card in their view (kept current as the
 * request moves), or a card of its own that is not. Texts are made once the reader's language is known.
 */
export type PersonalMessage =
  | {
      readonly kind: 'case';
      readonly view: CaseView;
      readonly banner?: ((p: Presentation) => Banner) | undefined;
      /** The line the event adds to the chat when the person's card is updated in place; the banner's text when there is one. */
      readonly note?: ((p: Presentation) => string) | undefined;
    }
  | { readonly kind: 'card'; readonly card: (p: Presentation) => AdaptiveCard }
  /** A feedback form, remembered so that it is redrawn as closed once the case ends. */
  | { readonly kind: 'feedback'; readonly generation: number; readonly card: (p: Presentation) => AdaptiveCard };

type ToPerson = Exclude<Notification, { kind: 'routed_to_unit' | 'routed_to_lead' }>;
/** What a text names besides the request's reference, in the reader's language. */
type Values = (p: Presentation) => Record<string, string | number>;
const none: Values = () => ({});

const people = (p: Presentation, ids: readonly string[]) => ids.map((id) => personName(p, id)).join(', ');

/** What every notification says, by kind; the notifier decides where it goes. */
export function notificationMessageOf(stored: StoredRequest, n: ToPerson, questionnaire: Questionnaire): PersonalMessage {
  const reference = stored.request.reference ?? '';
  const text = (key: string, values: Values) => (p: Presentation) => p.t(key, { reference, ...values(p) });
  const banner =
    (key: string, style: BannerStyle, values: Values = none) =>
    (p: Presentation): Banner => ({ text: text(key, values)(p), style });
  const onCase = (view: CaseView, withBanner?: (p: Presentation) => Banner, note?: (p: Presentation) => string): PersonalMessage => ({ kind: 'case', view, banner: withBanner, note });
  const notice = (key: string, values: Values = none): PersonalMessage => ({ kind: 'card', card: (p) => noticeCard(p, text(key, values)(p), 'Attention') });
  const status: CaseView = { kind: 'status', viewerId: n.to };
  switch (n.kind) {
    case 'approval_requested':
      return onCase({ kind: 'approval', viewerId: n.to }, undefined, text('note.approvalRequested', none));
    case 'returned_to_worker':
      return onCase(status, banner('case.returnedNotice', 'warning'));
    case 'worker_named':
      return onCase({ kind: 'named', viewerId: n.to, unitId: n.unitId }, undefined, text('note.workerNamed', (p) => ({ unit: unitName(p, n.unitId) })));
    case 'routing_fallback':
      return notice(stored.request.units.length > 0 ? 'case.fallbackNotice' : 'case.failureNotice', (p) => ({ unit: unitName(p, n.unitId) }));
    case 'delivery_failed':
      return notice('case.unreachable', (p) => ({ people: people(p, n.unreachable), count: n.unreachable.length }));
    case 'step_failed':
      // Proposals that did not come leave the chair a button on the card to fetch them again.
      if (n.step === 'meeting_needed') return onCase(status, banner('meeting.proposalsFailed', 'attention'));
      return onCase(status, banner('case.stepFailed', 'attention', () => ({ code: n.code })));
    case 'booking_returned':
      // The card under the banner shows what the chair can do now: the times still offered, and the fresh ones once proposed.
      return onCase(ownCaseView(stored.request, n.to), banner('meeting.returned', 'attention', (p) => ({
        when: p.t('meeting.when', { date: formatDate(n.slot.date, p.locale), from: formatTime(n.slot.start, p.locale), to: formatTime(n.slot.end, p.locale) }),
        reason: p.t(`meeting.returnReason.${n.reason}`, { code: n.code }),
      })));
    case 'meeting_proposed':
      return onCase(ownCaseView(stored.request, n.to), undefined, text(n.to === stored.request.ownerId ? 'note.meetingProposedChair' : 'note.meetingProposed', none));
    case 'meeting_booked': {
      const slot = stored.request.meeting?.booked?.slot;
      return onCase(ownCaseView(stored.request, n.to), undefined, text('note.meetingBooked', (p) => ({
        when: slot ? p.t('meeting.when', { date: formatDate(slot.date, p.locale), from: formatTime(slot.start, p.locale), to: formatTime(slot.end, p.locale) }) : '',
      })));
    }
    case 'meeting_cancelled':
      return onCase(ownCaseView(stored.request, n.to), undefined, text('note.meetingCancelled', none));
    case 'ack_reminder':
      return onCase({ kind: 'receiving', unitId: n.unitId, viewerId: n.to }, banner('reminder.acknowledge', 'warning'));
    case 'invite_client':
      return onCase(status, banner('reminder.inviteClient', 'warning', (p) => ({ date: formatDate(stored.request.meeting?.booked?.slot.date ?? '', p.locale) })));
    case 'worker_replaced': {
      const named = stored.request.units.find((u) => u.unitId === n.unitId)?.namedWorkerId ?? '';
      return onCase(status, undefined, text('note.workerReplaced', (p) => ({ unit: unitName(p, n.unitId), name: personName(p, named) })));
    }
    case 'chair_received':
      return onCase(status, banner('case.chairReceived', 'good', (p) => ({ name: personName(p, stored.request.chairHandedOver?.previousOwnerId ?? '') })));
    case 'chair_description':
      return { kind: 'card', card: (p) => descriptionCard(p, stored, { kind: 'approval', viewerId: n.to }) };
    case 'chair_changed':
      return onCase(ownCaseView(stored.request, n.to), undefined, text('note.chairChanged', (p) => ({ name: personName(p, stored.request.ownerId) })));
    case 'chair_released':
      // The notifier turns the person's copies of the case card into this notice; it is drawn there.
      return notice('case.chairReleased', (p) => ({ name: personName(p, stored.request.ownerId) }));
    case 'worker_released':
      return notice('case.workerReleased', (p) => ({ unit: unitName(p, n.unitId) }));
    case 'processing_date_moved': {
      const moved = stored.request.units.find((u) => u.unitId === n.unitId);
      return onCase(status, undefined, text('note.processingDateMoved', (p) => ({
        unit: unitName(p, n.unitId),
        from: formatDate(moved?.processingDateMoved?.from ?? '', p.locale),
        to: formatDate(moved?.processingDate ?? '', p.locale),
        reason: p.t(`case.moveReasons.${moved?.processingDateMoved?.reason ?? 'team_meeting_moved'}`),
      })));
    }
    case 'name_reminder':
      return onCase({ kind: 'receiving', unitId: n.unitId, viewerId: n.to }, banner('reminder.nameWorker', 'warning'));
    case 'choose_reminder':
      return onCase(status, banner('reminder.chooseTime', 'warning'));
    case 'name_escalation':
      return notice('reminder.nameEscalation', (p) => ({ unit: unitName(p, n.unitId) }));
    case 'choose_escalation':
      return notice('reminder.chooseEscalation', () => ({ unit: '' }));
    case 'ack_escalation':
      return notice('reminder.escalation', (p) => ({ unit: unitName(p, n.unitId) }));
    case 'attendee_declined':
      return onCase(status, banner('meeting.declined', 'warning', (p) => ({ people: people(p, n.people), count: n.people.length })));
    case 'no_free_slot':
      return notice('meeting.noFreeSlot');
    case 'meeting_day':
      return { kind: 'card', card: (p) => meetingDayCard(p, stored, banner('meetingDay.starting', 'warning')(p)) };
    case 'meeting_outcome':
      return onCase(ownCaseView(stored.request, n.to), banner('outcome.recorded', 'good'));
    case 'responsible_worker':
      return onCase(ownCaseView(stored.request, n.to), banner('outcome.responsibleNotice', 'good'));
    case 'case_closed':
      return onCase(ownCaseView(stored.request, n.to), banner('outcome.closedNotice', 'good'));
    case 'feedback_requested':
    case 'feedback_reminder': {
      const asChair = stored.request.outcomes?.find((o) => o.generation === n.generation)?.recordedBy === n.to;
      const key = n.kind === 'feedback_requested' ? 'feedback.requested' : 'feedback.reminder';
      return { kind: 'feedback', generation: n.generation, card: (p) => feedbackCard(p, stored, questionnaire, { generation: n.generation, asChair, banner: banner(key, 'good')(p) }) };
    }
    case 'unit_proposed':
      return onCase({ kind: 'approval', viewerId: n.to }, banner('case.proposalNotice', 'warning', (p) => ({ from: unitName(p, n.unitId) })));
  }
}

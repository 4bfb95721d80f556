import type { StoredRequest } from '../../app/ports.js';
import { FREE_TEXT_FIELDS } from '../../domain/collaboration/description.js';
import type { CollaborationRequest, UnitHandling } from '../../domain/collaboration/request.js';
import { mayApprove, mayHandleUnit, unitLeads } from '../../domain/privacy/access-policy.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatDate, formatDateTime, formatTime } from './formatting.js';
import { outcomeSection } from './outcome-section.js';
import { plainText } from './plain-text.js';
import { personName, type BannerStyle } from './presentation.js';

/**
 * Who a case card is for decides what it shows: the sending supervisor sees the description
 * and approve/return; a receiving unit sees the description and its own next step; the sending
 * worker sees progress; a named worker sees the description and the sender's contact.
 */
export type CaseView =
  | { readonly kind: 'approval'; readonly viewerId: string }
  | { readonly kind: 'receiving'; readonly unitId: string; readonly viewerId?: string | undefined; readonly mention?: boolean | undefined }
  | { readonly kind: 'status'; readonly viewerId: string }
  | { readonly kind: 'named'; readonly viewerId: string; readonly unitId: string };

const PART_FIELDS = FREE_TEXT_FIELDS.filter((f) => f !== 'senderContact');
const TYPEAHEAD_FROM = 8;
/** Teams refreshes a card automatically for at most 60 listed users. */
const REFRESH_LIMIT = 60;

/**
 * The people whose Teams client fetches their own view of the card (Universal Actions refresh):
 * in a channel the unit's leads see its buttons while everyone else sees the status.
 */
function refreshUsers(p: Presentation, request: CollaborationRequest, view: CaseView): string[] {
  if (view.kind !== 'receiving') return [];
  return unitLeads(p.directory, view.unitId).slice(0, REFRESH_LIMIT);
}

export function unitState(p: Presentation, unit: UnitHandling): string {
  const name = p.directory.unitName(unit.unitId, p.locale) ?? unit.unitId;
  switch (unit.status) {
    case 'awaiting_acknowledgement':
      return `${name}: ${p.t('case.unitAwaiting')}`;
    case 'acknowledged':
      return `${name}: ${p.t('case.unitAcknowledged', { date: formatDate(unit.processingDate ?? '', p.locale) })}`;
    case 'worker_named':
      return `${name}: ${p.t('case.unitNamed', { name: personName(p, unit.namedWorkerId ?? '') })}`;
  }
}

function decisionNote(p: Presentation, request: CollaborationRequest): string {
  if (request.withdrawn) return p.t('case.withdrawnBy', { name: personName(p, request.withdrawn.by), time: formatDateTime(request.withdrawn.at, p.locale) });
  const decision = request.decision;
  if (!decision) return '';
  const key = decision.kind === 'approved' ? 'case.decidedApproved' : 'case.decidedReturned';
  return p.t(key, { name: personName(p, decision.by), time: formatDateTime(decision.at, p.locale) });
}

function titleOf(p: Presentation, request: CollaborationRequest, view: CaseView): string {
  const reference = request.reference ?? '';
  switch (view.kind) {
    case 'approval':
      return p.t('case.approvalTitle', { reference });
    case 'receiving':
      return p.t('case.receivingTitle', { reference, unit: p.directory.unitName(view.unitId, p.locale) ?? view.unitId });
    case 'named':
      return p.t('case.namedTitle', { reference });
    case 'status':
      return p.t('case.statusTitle', { reference });
  }
}

function meetingSection(p: Presentation, request: CollaborationRequest, view: CaseView, today: string) {
  const { t, locale } = p;
  const meeting = request.meeting;
  const none = { show: false, title: '', status: '', proposedLabel: '', options: [], skipped: [], joinUrl: '', joinLabel: '', canManage: false, canAskNew: false, canAskOther: false, canAskWhole: false, canRecord: false };
  if (!meeting || request.status === 'withdrawn' || (view.kind !== 'status' && view.kind !== 'named')) return none;
  const chair = view.kind === 'status' && view.viewerId === request.ownerId;
  const when = (slot: { date: string; start: string; end: string }) =>
    t('meeting.when', { date: formatDate(slot.date, locale), from: formatTime(slot.start, locale), to: formatTime(slot.end, locale) });
  const choosing = request.status === 'meeting_proposed' && !meeting.chosen;
  const canChoose = choosing && chair;
  const status = meeting.chosen && request.status === 'meeting_proposed'
    ? t('meeting.chosen', { when: when(meeting.chosen) })
    : meeting.booked
      ? t('meeting.booked', { when: when(meeting.booked.slot) })
      : request.status === 'routed'
        ? t('meeting.cancelled')
        : '';
  return {
    show: true,
    title: t('meeting.title'),
    status,
    proposedLabel: t('meeting.proposed'),
    options: choosing
      ? meeting.proposals.map((slot, index) => ({ text: when(slot), index, start: slot.start, requestId: request.id, canChoose, chooseLabel: t('meeting.choose') }))
      : [],
    skipped: choosing
      ? meeting.skipped.map((s) => {
          const date = formatDate(s.date, locale);
          if (s.kind === 'holiday') return { text: t('meeting.skippedHoliday', { date, name: s.holiday ?? '' }) };
          if (s.kind === 'busy') return { text: t('meeting.skippedBusy', { date, people: (s.busyPeople ?? []).map((id) => personName(p, id)).join(', ') }) };
          return { text: t(s.kind === 'full' ? 'meeting.skippedFull' : 'meeting.skippedBlackout', { date }) };
        })
      : [],
    joinUrl: request.status === 'booked' ? (meeting.booked?.joinUrl ?? '') : '',
    joinLabel: t('meeting.join'),
    canManage: chair && request.status === 'booked',
    canAskNew: chair && request.status === 'routed',
    canAskOther: choosing && view.kind === 'named',
    canAskWhole: canChoose && !meeting.wholeSlot,
    canRecord: chair && request.status === 'booked' && meeting.booked !== undefined && meeting.booked.slot.date <= today,
    recordLabel: t('meetingDay.open'),
    wholeSlotLabel: t('meeting.wholeSlot'),
    otherTimesLabel: t('meeting.otherTimes'),
    rescheduleLabel: t('meeting.reschedule'),
    cancelLabel: t('meeting.cancel'),
    newTimesLabel: t('meeting.newTimes'),
  };
}

export interface CaseCardOptions {
  readonly banner?: { readonly text: string; readonly style: BannerStyle } | undefined;
  readonly today: string;
}

export function caseCard(p: Presentation, { request, description }: StoredRequest, view: CaseView, options: CaseCardOptions): AdaptiveCard {
  const { t, directory, locale } = p;
  const showDescription = view.kind !== 'status';
  const receivingUnit = view.kind === 'receiving' ? request.units.find((u) => u.unitId === view.unitId) : undefined;
  const leadsOfUnit = view.kind === 'receiving' && view.mention ? unitLeads(directory, view.unitId) : [];
  const viewer = view.viewerId;
  // A channel card is seen by the whole channel: its buttons show for everyone and the server
  // checks the clicker's role. A personal card shows only what its reader may do.
  const mayHandle = (unitId: string) => viewer === undefined || mayHandleUnit(directory, viewer, request, unitId);
  const unitMembers = receivingUnit ? (directory.unit(receivingUnit.unitId)?.members ?? []) : [];
  return renderCard('requestCase', {
    t: Object.fromEntries(
      [
        'progress', 'returnComment', 'openDescription', 'commentLabel', 'approve', 'return', 'processingDateLabel', 'acknowledge',
        'workerLabel', 'nameWorker', 'edit', 'withdraw', 'proposeLabel', 'proposeReasonLabel', 'propose',
      ].map(
        (key) => [key, t(`case.${key}`)],
      ),
    ),
    title: titleOf(p, request, view),
    refreshUserIds: refreshUsers(p, request, view),
    meeting: meetingSection(p, request, view, options.today),
    outcome: outcomeSection(p, request, view.viewerId),
    mentionLine: leadsOfUnit.length > 0 ? t('case.mentionLine', { mentions: leadsOfUnit.map((id) => `<at>${personName(p, id)}</at>`).join(', ') }) : '',
    mentionEntities: leadsOfUnit.map((id) => ({ type: 'mention', text: `<at>${personName(p, id)}</at>`, mentioned: { id, name: personName(p, id) } })),
    banner: options.banner ?? { text: '', style: 'default' },
    facts: [
      { title: t('case.status'), value: t(`status.${request.status}`) },
      { title: t('case.sendingUnit'), value: directory.unitName(request.sendingUnitId ?? '', locale) ?? '' },
      { title: t('case.sendingWorker'), value: personName(p, request.ownerId) },
      ...(view.kind === 'named' || view.kind === 'approval' ? [{ title: t('case.contact'), value: plainText(description.texts.senderContact) }] : []),
      { title: t('case.date'), value: request.descriptionDate ? formatDate(request.descriptionDate, locale) : '' },
      { title: t('case.units'), value: request.collaborationUnitIds.map((id) => directory.unitName(id, locale) ?? id).join(', ') },
    ],
    units: request.units.map((u) => ({ text: unitState(p, u) })),
    proposals:
      view.kind === 'approval'
        ? request.units
            .filter((u) => u.proposal)
            .map((u) => ({
              text: t('case.proposalLine', {
                from: directory.unitName(u.unitId, locale) ?? u.unitId,
                to: directory.unitName(u.proposal!.unitId, locale) ?? u.proposal!.unitId,
                reason: plainText(description.proposalReasons?.[u.unitId] ?? ''),
              }),
              unitId: u.unitId,
              requestId: request.id,
              canDecide: mayApprove(directory, view.viewerId, request),
              acceptLabel: t('case.acceptProposal'),
              rejectLabel: t('case.rejectProposal'),
            }))
        : [],
    canPropose:
      request.status === 'routed' &&
      receivingUnit?.status === 'awaiting_acknowledgement' &&
      !receivingUnit.proposal &&
      !receivingUnit.proposalRejected &&
      mayHandle(receivingUnit.unitId),
    proposableUnits: directory.units
      .filter((u) => u.id !== request.sendingUnitId && !request.units.some((h) => h.unitId === u.id))
      .map((u) => ({ value: u.id, title: u.name[locale] })),
    note: [
      decisionNote(p, request),
      view.kind === 'receiving' ? t('case.bindingNote') : '',
      receivingUnit?.proposal ? t('case.proposalPending', { to: directory.unitName(receivingUnit.proposal.unitId, locale) ?? '' }) : '',
      receivingUnit?.proposalRejected ? t('case.proposalRejected') : '',
      view.kind === 'named' ? t('case.namedNote') : '',
    ]
      .filter(Boolean)
      .join(' '),
    returnComment: view.kind === 'status' && request.status === 'returned' ? plainText(description.returnComment ?? '') : '',
    description: showDescription
      ? PART_FIELDS.filter((f) => description.texts[f].trim()).map((f) => ({ heading: t(`fieldNames.${f}`), text: plainText(description.texts[f]) }))
      : [],
    requestId: request.id,
    unitId: receivingUnit?.unitId ?? '',
    today: options.today,
    canApprove: view.kind === 'approval' && request.status === 'submitted' && mayApprove(directory, view.viewerId, request),
    canAcknowledge: request.status === 'routed' && receivingUnit?.status === 'awaiting_acknowledgement' && mayHandle(receivingUnit.unitId),
    canNameWorker: request.status === 'routed' && receivingUnit?.status === 'acknowledged' && mayHandle(receivingUnit.unitId),
    workerChoices: unitMembers.map((id) => ({ value: id, title: personName(p, id) })),
    workerChoiceStyle: unitMembers.length >= TYPEAHEAD_FROM ? 'filtered' : 'compact',
    canEdit: view.kind === 'status' && request.status === 'returned',
    canWithdraw: view.kind === 'status' && ['submitted', 'returned', 'routed'].includes(request.status),
  });
}

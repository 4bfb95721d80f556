import type { StoredRequest } from '../../app/ports.js';
import { awaitsFirstProposals } from '../../domain/collaboration/recovery.js';
import { PROCESSING_MOVE_REASONS, WORKER_REPLACE_REASONS, type CollaborationRequest, type UnitHandling } from '../../domain/collaboration/request.js';
import { mayApprove, mayHandleUnit, unitLeads } from '../../domain/privacy/access-policy.js';
import { holidayName } from '../../domain/slots/calendar-days.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { fitsTeams } from './card-size.js';
import type { CaseView } from './case-view.js';
import { descriptionParts, showsContact, showsDescription } from './description-card.js';
import { formatDate, formatDateTime, formatTime } from './formatting.js';
import { outcomeSection } from './outcome-section.js';
import { plainText } from '../../domain/card-text.js';
import { personName, type BannerStyle } from './presentation.js';

export type { CaseView } from './case-view.js';

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

export function unitState(p: Presentation, unit: UnitHandling, withdrawn = false): string {
  const name = p.directory.unitName(unit.unitId, p.locale) ?? unit.unitId;
  // A withdrawn request waits for nothing: a unit that had not named anyone never will.
  if (withdrawn && unit.status !== 'worker_named') return `${name}: ${p.t('case.unitWithdrawn')}`;
  switch (unit.status) {
    case 'awaiting_acknowledgement':
      return `${name}: ${p.t('case.unitAwaiting')}`;
    case 'acknowledged':
      return `${name}: ${p.t('case.unitAcknowledged', { date: formatDate(unit.processingDate ?? '', p.locale) })}`;
    case 'worker_named':
      return `${name}: ${p.t('case.unitNamed', { name: personName(p, unit.namedWorkerId ?? '') })}`;
  }
}

/** A moved processing date says so beside the unit's line, until the unit has named its worker. */
function movedLine(p: Presentation, unit: UnitHandling): string {
  const moved = unit.processingDateMoved;
  if (!moved || unit.status !== 'acknowledged') return '';
  return p.t('case.dateMovedLine', { from: formatDate(moved.from, p.locale), to: formatDate(unit.processingDate ?? '', p.locale), reason: p.t(`case.moveReasons.${moved.reason}`), name: personName(p, moved.by) });
}

/** The statuses in which the chair may be handed over: from sending until the case ends. */
const HANDABLE: ReadonlySet<string> = new Set(['submitted', 'returned', 'routed', 'meeting_proposed', 'booked', 'held', 'follow_up']);

const LEAD_HANDABLE: ReadonlySet<string> = new Set(['routed', 'meeting_proposed', 'booked', 'held', 'follow_up']);

/** The statuses in which a unit's named worker may still be replaced: until the case ends. */
const REPLACEABLE: ReadonlySet<string> = new Set(['routed', 'meeting_proposed', 'booked', 'held', 'follow_up']);

function replacedLine(p: Presentation, unit: UnitHandling): string {
  const replaced = unit.workerReplaced;
  if (!replaced || unit.status !== 'worker_named') return '';
  return p.t('case.workerReplacedLine', { from: personName(p, replaced.previousWorkerId), to: personName(p, unit.namedWorkerId ?? ''), reason: p.t(`case.replaceReasons.${replaced.reason}`) });
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
      // Only a request still waiting for the decision is "for approval".
      return p.t(request.status === 'submitted' ? 'case.approvalTitle' : 'case.statusTitle', { reference });
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
  if (view.kind !== 'status' && view.kind !== 'named') return none;
  const chair = view.kind === 'status' && view.viewerId === request.ownerId;
  if (!meeting && awaitsFirstProposals(request)) {
    // The proposals job may have failed for good: the chair can always ask again from here.
    return { ...none, show: true, title: t('meeting.title'), status: t('meeting.awaitingProposals'), canAskNew: chair, newTimesLabel: t('meeting.askTimes') };
  }
  if (!meeting || request.status === 'withdrawn') return none;
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
          if (s.kind === 'holiday') return { text: t('meeting.skippedHoliday', { date, name: holidayName(s.date, locale) ?? s.holiday ?? '' }) };
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

/** The inputs of the case card: a refused click gives them back as typed, each with its own message. */
export const CASE_INPUTS = ['returnComment', 'processingDate', 'proposedUnitId', 'proposalReason', 'workerId', 'newProcessingDate', 'moveReason', 'replacementWorkerId', 'replaceReason', 'newChairId'] as const;
export type CaseInput = (typeof CASE_INPUTS)[number];
export type CaseInputs = Partial<Record<CaseInput, string>>;

export interface CaseCardOptions {
  readonly banner?: { readonly text: string; readonly style: BannerStyle } | undefined;
  readonly today: string;
  /** What the person had typed or chosen on the card they clicked. */
  readonly typed?: CaseInputs | undefined;
  /** Localized messages shown under the inputs they are about. */
  readonly fieldErrors?: CaseInputs | undefined;
}

function inputValues(values: CaseInputs | undefined, defaults: CaseInputs = {}): Record<CaseInput, string> {
  return Object.fromEntries(CASE_INPUTS.map((key) => [key, values?.[key] ?? defaults[key] ?? ''])) as Record<CaseInput, string>;
}

/**
 * The case card for `view`. Each typed text fits its own limit, but a card holding the whole
 * description next to several long proposal reasons or a long typed note may still pass what
 * Teams takes: then the description moves to a card of its own, one button away, whole.
 */
export function caseCard(p: Presentation, stored: StoredRequest, view: CaseView, options: CaseCardOptions): AdaptiveCard {
  const full = caseCardWith(p, stored, view, options, showsDescription(view));
  return fitsTeams(full) || !showsDescription(view) ? full : caseCardWith(p, stored, view, options, false);
}

function caseCardWith(p: Presentation, { request, description }: StoredRequest, view: CaseView, options: CaseCardOptions, showDescription: boolean): AdaptiveCard {
  const { t, directory, locale } = p;
  const receivingUnit = view.kind === 'receiving' ? request.units.find((u) => u.unitId === view.unitId) : undefined;
  // The channel is asked to acknowledge only while the unit has not: after that the line would no longer be true.
  const awaitingUnit = request.status === 'routed' && receivingUnit?.status === 'awaiting_acknowledgement';
  const leadsOfUnit = view.kind === 'receiving' && view.mention && awaitingUnit ? unitLeads(directory, view.unitId) : [];
  const viewer = view.viewerId;
  // A channel card is seen by the whole channel: its buttons show for everyone and the server
  // checks the clicker's role. A personal card shows only what its reader may do.
  const mayHandle = (unitId: string) => viewer === undefined || mayHandleUnit(directory, viewer, request, unitId);
  const unitMembers = receivingUnit ? (directory.unit(receivingUnit.unitId)?.members ?? []) : [];
  return renderCard('requestCase', {
    t: Object.fromEntries(
      [
        'progress', 'returnComment', 'openDescription', 'commentLabel', 'approve', 'return', 'processingDateLabel', 'acknowledge',
        'workerLabel', 'nameWorker', 'edit', 'withdraw', 'proposeLabel', 'proposeReasonLabel', 'propose', 'moveDateLabel', 'moveReasonLabel', 'moveDate',
        'replaceWorkerLabel', 'replaceReasonLabel', 'replaceWorker', 'handOverLabel', 'handOver',
      ].map(
        (key) => [key, t(`case.${key}`)],
      ),
    ),
    v: {
      returnRequired: t('validation.commentRequired'),
      dateRequired: t('validation.dateRequired'),
      workerRequired: t('validation.workerRequired'),
      unitRequired: t('validation.unitRequired'),
      reasonRequired: t('validation.reasonRequired'),
      moveReasonRequired: t('validation.moveReasonRequired'),
    },
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
      ...(showsContact(view) ? [{ title: t('case.contact'), value: plainText(description.texts.senderContact) }] : []),
      { title: t('case.date'), value: request.descriptionDate ? formatDate(request.descriptionDate, locale) : '' },
      { title: t('case.units'), value: request.collaborationUnitIds.map((id) => directory.unitName(id, locale) ?? id).join(', ') },
    ],
    units: request.units.map((u) => ({ text: [unitState(p, u, request.status === 'withdrawn'), movedLine(p, u), replacedLine(p, u)].filter(Boolean).join('. ') })),
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
      view.kind === 'receiving' && request.status === 'routed' && receivingUnit?.status !== 'worker_named' ? t('case.bindingNote') : '',
      receivingUnit?.proposal ? t('case.proposalPending', { to: directory.unitName(receivingUnit.proposal.unitId, locale) ?? '' }) : '',
      receivingUnit?.proposalRejected ? t('case.proposalRejected') : '',
      view.kind === 'named' && (request.status === 'routed' || request.status === 'meeting_proposed') ? t('case.namedNote') : '',
    ]
      .filter(Boolean)
      .join(' '),
    returnComment: view.kind === 'status' && request.status === 'returned' ? plainText(description.returnComment ?? '') : '',
    description: showDescription ? descriptionParts(p, description) : [],
    descriptionElsewhere:
      !showDescription && showsDescription(view) ? { text: t('case.descriptionElsewhere'), label: t('case.showDescription') } : { text: '', label: '' },
    requestId: request.id,
    unitId: receivingUnit?.unitId ?? '',
    today: options.today,
    typed: inputValues(options.typed, { processingDate: options.today }),
    errors: inputValues(options.fieldErrors),
    canApprove: view.kind === 'approval' && request.status === 'submitted' && mayApprove(directory, view.viewerId, request),
    canAcknowledge: request.status === 'routed' && receivingUnit?.status === 'awaiting_acknowledgement' && mayHandle(receivingUnit.unitId),
    canNameWorker: request.status === 'routed' && receivingUnit?.status === 'acknowledged' && mayHandle(receivingUnit.unitId),
    // Nothing preselected: the new date and the reason are the lead's to state.
    moveReasons: PROCESSING_MOVE_REASONS.map((reason) => ({ value: reason, title: t(`case.moveReasons.${reason}`) })),
    canReplaceWorker: receivingUnit?.status === 'worker_named' && REPLACEABLE.has(request.status) && mayHandle(receivingUnit.unitId),
    replacementChoices: unitMembers.filter((id) => id !== receivingUnit?.namedWorkerId).map((id) => ({ value: id, title: personName(p, id) })),
    // The chair, or the sending unit's lead on their approval card, hands the case to another worker of the unit.
    // The lead's card offers it once the request is routed and nothing waits for the lead's decision: until then the card is for deciding.
    canHandOver:
      HANDABLE.has(request.status) &&
      (view.kind === 'status' ? view.viewerId === request.ownerId : view.kind === 'approval' && LEAD_HANDABLE.has(request.status) && !request.units.some((u) => u.proposal) && directory.isSupervisorOrDeputy(view.viewerId, request.sendingUnitId ?? '')),
    chairChoices: (directory.unit(request.sendingUnitId ?? '')?.members ?? []).filter((id) => id !== request.ownerId).map((id) => ({ value: id, title: personName(p, id) })),
    replaceReasons: WORKER_REPLACE_REASONS.map((reason) => ({ value: reason, title: t(`case.replaceReasons.${reason}`) })),
    workerChoices: unitMembers.map((id) => ({ value: id, title: personName(p, id) })),
    workerChoiceStyle: unitMembers.length >= TYPEAHEAD_FROM ? 'filtered' : 'compact',
    canEdit: view.kind === 'status' && request.status === 'returned',
    canWithdraw: view.kind === 'status' && ['submitted', 'returned', 'routed'].includes(request.status),
  });
}

import { err, ok, type Result } from '../result.js';
import type { DecisionError } from './errors.js';
import type { CollaborationRequest } from './request.js';
import { everyWorkerNamed } from './decisions.js';
import type { ProposedSlot, SkippedOccurrence } from './meeting-plan.js';
import { DEFAULT_CASES_PER_SLOT } from '../units/unit-directory.js';
import { participantsOf } from './follow-up.js';

/**
 * Every unit has named its worker: the bot proposes the next free Yhteistyöaika and two
 * alternatives. A booked meeting being moved keeps its event until a new time is chosen; a round
 * nobody has chosen from yet may be replaced by a new one; a held meeting may be followed by another.
 */
export function proposeMeeting(
  request: CollaborationRequest,
  proposals: readonly ProposedSlot[],
  skipped: readonly SkippedOccurrence[],
  at: string,
  round?: string,
): Result<CollaborationRequest, DecisionError> {
  const first = request.status === 'routed' && everyWorkerNamed(request);
  const moving = request.status === 'booked';
  const anotherRound = request.status === 'meeting_proposed' && !request.meeting?.chosen;
  // Re-convening after a held meeting: a new meeting, so nothing of the last one's event carries over.
  const reconvening = request.status === 'follow_up' || request.status === 'held';
  if ((!first && !moving && !anotherRound && !reconvening) || proposals.length === 0) return err({ code: 'request.illegal_transition' });
  const generation = (request.meeting?.generation ?? 0) + 1;
  const { booked, wholeSlot } = reconvening ? {} : (request.meeting ?? {});
  return ok({ ...request, status: 'meeting_proposed', updatedAt: at, meeting: { generation, round, proposals, skipped, booked, wholeSlot } });
}

/** The chair asks for the whole Yhteistyöaika for this case; new proposals follow. */
export function askWholeSlot(request: CollaborationRequest, at: string): Result<CollaborationRequest, DecisionError> {
  const meeting = request.meeting;
  if (request.status !== 'meeting_proposed' || !meeting || meeting.chosen || meeting.wholeSlot) return err({ code: 'request.illegal_transition' });
  return ok({ ...request, updatedAt: at, meeting: { ...meeting, wholeSlot: true } });
}

/** The chair cancels the meeting: the request waits for a new time, and the event is cancelled for everyone. */
export function cancelMeeting(request: CollaborationRequest, at: string): Result<CollaborationRequest, DecisionError> {
  if (!request.meeting?.booked || (request.status !== 'booked' && request.status !== 'meeting_proposed')) return err({ code: 'request.illegal_transition' });
  return ok({ ...request, status: 'routed', updatedAt: at, meeting: { ...request.meeting, proposals: [], skipped: [], chosen: undefined, booked: undefined } });
}

/**
 * The sending worker, who chairs the meeting, confirms one of the proposed times. `start` is the
 * time the clicked button showed: a card older than the current proposals must not book whatever
 * time now sits at its index.
 */
export function chooseSlot(request: CollaborationRequest, index: number, by: string, at: string, start?: string): Result<CollaborationRequest, DecisionError> {
  const meeting = request.meeting;
  if (meeting?.chosen) return err({ code: 'request.already_decided', by: meeting.chosen.by, at: meeting.chosen.at });
  if (request.status !== 'meeting_proposed' || !meeting) return err({ code: 'request.illegal_transition' });
  const slot = meeting.proposals[index];
  if (start !== undefined && slot?.start !== start) return err({ code: 'request.proposals_changed' });
  if (!slot) return err({ code: 'request.illegal_transition' });
  return ok({ ...request, updatedAt: at, meeting: { ...meeting, chosen: { ...slot, by, at } } });
}

/** The calendar event exists: the request is booked. */
export function markBooked(request: CollaborationRequest, eventId: string, joinUrl: string, at: string, organizer?: string): Result<CollaborationRequest, DecisionError> {
  const meeting = request.meeting;
  if (request.status !== 'meeting_proposed' || !meeting?.chosen) return err({ code: 'request.illegal_transition' });
  const { date, start, end, caseIndexes, unitId, parts } = meeting.chosen;
  const slot = { date, start, end, caseIndexes, unitId, parts };
  return ok({ ...request, status: 'booked', updatedAt: at, meeting: { ...meeting, booked: { slot, eventId, joinUrl, bookedAt: at, ...(organizer && { organizer }) } } });
}

/**
 * Why a booking went back to the chair: another case holds the time, the chair has no calendar to
 * book from, the calendar refused or never answered, or the booking could not be stored.
 */
export type BookingFailure = 'slot_taken' | 'no_organizer' | 'calendar_failed' | 'not_stored';

/**
 * A booking that could not be made goes back to the chair: the choice is undone and the time that
 * failed is no longer offered, so the card has live buttons again while fresh proposals are made.
 * A meeting being moved keeps its booked time.
 */
export function returnBooking(request: CollaborationRequest, at: string): Result<CollaborationRequest, DecisionError> {
  const meeting = request.meeting;
  if (request.status !== 'meeting_proposed' || !meeting?.chosen) return err({ code: 'request.illegal_transition' });
  const failed = meeting.chosen;
  const proposals = meeting.proposals.filter((slot) => !sameSlot(slot, failed));
  return ok({ ...request, updatedAt: at, meeting: { ...meeting, proposals, chosen: undefined } });
}

/** Parts of one occurrence of a unit's Yhteistyöaika, as the reservations hold them. */
export interface SlotHold {
  readonly unitId: string;
  readonly date: string;
  readonly caseIndexes: readonly number[];
}

/** What a proposed time of the request holds; see {@link ProposedSlot.unitId} for times proposed before units held their own. */
export function holdOf(request: CollaborationRequest, slot: ProposedSlot): SlotHold & { readonly parts: number } {
  return { unitId: slot.unitId ?? request.sendingUnitId ?? '', date: slot.date, caseIndexes: slot.caseIndexes, parts: slot.parts ?? DEFAULT_CASES_PER_SLOT };
}

/** A time being taken: its parts, and who meets then, none of whom may be in another case's meeting at that time. */
export interface SlotBooking extends SlotHold {
  readonly parts: number;
  readonly start: string;
  readonly end: string;
  readonly participants: readonly string[];
}

export function bookingOf(request: CollaborationRequest, slot: ProposedSlot): SlotBooking {
  return { ...holdOf(request, slot), start: slot.start, end: slot.end, participants: participantsOf(request) };
}

export const holdWithoutParts = ({ unitId, date, caseIndexes }: SlotHold): SlotHold => ({ unitId, date, caseIndexes });

const sameSlot = (a: ProposedSlot, b: ProposedSlot) => a.unitId === b.unitId && a.date === b.date && a.caseIndexes.join() === b.caseIndexes.join();

/**
 * The parts a request needs held: the time being booked and the meeting booked. A withdrawn or
 * closed request, or one whose meeting was cancelled, needs none.
 */
export function claimedSlots(request: CollaborationRequest): SlotHold[] {
  if (request.status === 'withdrawn' || request.status === 'closed') return [];
  const { chosen, booked } = request.meeting ?? {};
  return [...(request.status === 'meeting_proposed' && chosen ? [chosen] : []), ...(booked ? [booked.slot] : [])].map((slot) => holdOf(request, slot));
}

/** What a request holds beyond what it needs (`keep` counts as needed): left over from a cancellation, a failed booking or a move. */
export function unclaimedHolds(request: CollaborationRequest | undefined, held: readonly SlotHold[], keep: readonly SlotHold[] = []): SlotHold[] {
  const part = (slot: SlotHold, index: number) => `${slot.unitId}|${slot.date}#${index}`;
  const needed = new Set([...(request ? claimedSlots(request) : []), ...keep].flatMap((slot) => slot.caseIndexes.map((index) => part(slot, index))));
  return held.flatMap((slot) => {
    const caseIndexes = slot.caseIndexes.filter((index) => !needed.has(part(slot, index)));
    return caseIndexes.length > 0 ? [{ unitId: slot.unitId, date: slot.date, caseIndexes }] : [];
  });
}

/** Same booking, same id: a retried create returns the first event instead of making a second one. */
export function bookingTransactionId(request: CollaborationRequest): string | undefined {
  const chosen = request.meeting?.chosen;
  return chosen ? `yt-${request.id}-g${request.meeting!.generation}-${chosen.date}-${chosen.caseIndexes.join('')}` : undefined;
}

/** Participants declined the booked meeting: remembered, so the chair is told of each once. */
export function recordDeclines(request: CollaborationRequest, personIds: readonly string[], at: string): Result<CollaborationRequest, DecisionError> {
  const meeting = request.meeting;
  if (request.status !== 'booked' || !meeting?.booked) return err({ code: 'request.illegal_transition' });
  const declined = [...new Set([...(meeting.declined ?? []), ...personIds])];
  return ok({ ...request, updatedAt: at, meeting: { ...meeting, declined } });
}

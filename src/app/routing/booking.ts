import { everyWorkerNamed } from '../../domain/collaboration/decisions.js';
import { participantsOf } from '../../domain/collaboration/follow-up.js';
import {
  askWholeSlot,
  bookingTransactionId,
  cancelMeeting,
  chooseSlot,
  markBooked,
  proposeMeeting,
  recordDeclines,
} from '../../domain/collaboration/meeting.js';
import type { SkippedOccurrence } from '../../domain/collaboration/meeting-plan.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyInstant, plusDays } from '../../domain/slots/calendar-days.js';
import type { SkippedSlot } from '../../domain/slots/slot-finder.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision, recordDenied } from './apply-decision.js';
import { scheduleMeetingDay } from '../follow-up/meeting-record.js';
import { notifyOnce } from './notify-once.js';
import { scheduleChoiceReminder, scheduleInviteReminder } from './reminders.js';
import { effectKey } from './effect-key.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';
import type { Scheduling } from './scheduling.js';

/** The bot itself, as the actor of steps nobody clicked. */
export const BOT_ACTOR: Actor = { id: 'yhteistyobotti' };

/** How far ahead free/busy is asked: the finder's horizon of half a year. */
const SEARCH_DAYS = 190;

/** The calendar the event lives in: the chair's, unless the county books from a service mailbox. */
function organizerOf(deps: RoutingDeps, scheduling: Scheduling, request: CollaborationRequest): string | undefined {
  return scheduling.organizerMailbox ?? deps.directory.current().person(request.ownerId)?.email;
}

function explain(skipped: SkippedSlot): SkippedOccurrence {
  const { reason } = skipped;
  return {
    date: skipped.date,
    kind: reason.kind,
    holiday: reason.kind === 'holiday' ? reason.name : undefined,
    busyPeople: reason.kind === 'busy' ? reason.personIds : undefined,
  };
}

/**
 * Every unit has named its worker: the next free Yhteistyöaika and two alternatives, from the
 * participants' calendars and the bookings already made, go to the sending and named workers.
 */
export async function proposeMeetingFor(deps: RoutingDeps, scheduling: Scheduling, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  const again =
    request.status === 'booked' ||
    request.status === 'follow_up' ||
    request.status === 'held' ||
    (request.status === 'meeting_proposed' && !request.meeting?.chosen);
  if (!again && (request.status !== 'routed' || !everyWorkerNamed(request))) return;
  const directory = deps.directory.current();
  const participants = participantsOf(request);
  // Proposals are made once the last worker is named (or later, for a move or new times), so
  // counting the preparation days from now also counts them from the naming.
  const earliest = scheduling.finder.earliestAfterNaming(deps.clock.now(), scheduling.leadWorkingDays);
  const until = plusDays(earliest, SEARCH_DAYS);
  const mailboxOf = new Map(participants.flatMap((id) => (directory.person(id)?.email ? [[directory.person(id)!.email!.toLowerCase(), id] as const] : [])));
  const busy = (await scheduling.calendar.getBusyTimes([...mailboxOf.keys()], countyInstant(earliest, '00:00').toISOString(), countyInstant(until, '00:00').toISOString()))
    // The standing Yhteistyöaika hold fills everyone's calendar at exactly these times: it is the
    // slot itself, not a reason the person cannot come.
    .filter((b) => b.status !== 'workingElsewhere' && b.subject !== scheduling.seriesTexts.subject)
    .map((b) => ({ personId: mailboxOf.get(b.mailbox.toLowerCase()) ?? b.mailbox, start: new Date(b.startIso), end: new Date(b.endIso) }));
  const search = scheduling.finder.find({
    earliest,
    participants,
    unitIds: [request.sendingUnitId ?? '', ...request.collaborationUnitIds],
    busy,
    booked: await scheduling.reservations.bookedBetween(earliest, until),
    wholeSlot: request.meeting?.wholeSlot ?? false,
    wanted: scheduling.proposals,
  });
  if (search.free.length === 0) {
    await deps.notifier.notify(stored, { kind: 'no_free_slot', to: request.ownerId });
    return;
  }
  const proposals = search.free.map((f) => ({ date: f.date, start: f.start.toISOString(), end: f.end.toISOString(), caseIndexes: f.caseIndexes }));
  const lastOffered = proposals.at(-1)!.date;
  const skipped = search.skipped.filter((s) => s.date <= lastOffered).map(explain);
  const proposed = await applyDecision(deps, BOT_ACTOR, request.id, {
    action: 'request.meeting_proposed',
    decide: (current, at) => {
      const next = proposeMeeting(current.request, proposals, skipped, at);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
  });
  if (!proposed.ok) return;
  const { generation } = proposed.value.request.meeting!;
  await notifyOnce(deps, proposed.value, `proposed-times-${request.id}-g${generation}`, participants, (to) => ({ kind: 'meeting_proposed', to }));
  await scheduleChoiceReminder(deps, proposed.value.request, 1);
}

/** The sending worker picks a proposed time: its parts are held at once, and the event is created after. */
export function makeChooseMeetingSlot(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, index: number): Promise<Result<StoredRequest, RoutingError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'request.illegal_transition' });
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.slot_chosen',
      decide: async ({ request, description }, at) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        const chosen = chooseSlot(request, index, actor.id, at);
        if (!chosen.ok) return chosen;
        const slot = chosen.value.meeting!.chosen!;
        if (!(await scheduling.reservations.reserve(slot.date, slot.caseIndexes, requestId))) return err({ code: 'request.slot_taken' });
        return ok({ request: chosen.value, description });
      },
    });
    if (decided.ok) await deps.effects.enqueue({ kind: 'book', requestId }, effectKey('book', decided.value.request));
    return decided;
  };
}

/**
 * Creates the Teams meeting in the chair's calendar. The transaction id makes a retried create
 * return the first event, so a crash between Graph and our write books once.
 */
export async function bookChosenSlot(deps: RoutingDeps, scheduling: Scheduling, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  const chosen = request.meeting?.chosen;
  const transactionId = bookingTransactionId(request);
  // The job re-run after a crash past the write: the booking stands, what follows it may not have happened.
  if (request.status === 'booked' && request.meeting?.booked) return afterBooking(deps, stored);
  if (request.status !== 'meeting_proposed' || !chosen || !transactionId) return;
  const directory = deps.directory.current();
  const mailbox = (id: string) => directory.person(id)?.email;
  const organizer = organizerOf(deps, scheduling, request);
  if (!organizer) return;
  const previous = request.meeting?.booked;
  let booked: { eventId: string; joinUrl: string };
  if (previous) {
    // A move keeps the event and its Teams link: everyone's calendar entry changes in place.
    await scheduling.calendar.moveMeeting(organizer, previous.eventId, chosen.start, chosen.end);
    await scheduling.reservations.release(previous.slot.date, previous.slot.caseIndexes, request.id);
    booked = { eventId: previous.eventId, joinUrl: previous.joinUrl };
  } else {
    const texts = scheduling.eventTexts(request.reference ?? '');
    booked = await scheduling.calendar.createMeeting({
      organizer,
      subject: texts.subject,
      bodyText: texts.body,
      startIso: chosen.start,
      endIso: chosen.end,
      attendees: participantsOf(request)
        .flatMap((id) => mailbox(id) ?? [])
        .filter((address) => address.toLowerCase() !== organizer.toLowerCase()),
      transactionId,
    });
  }
  const written = await applyDecision(deps, BOT_ACTOR, request.id, {
    action: 'request.booked',
    decide: (current, at) => {
      const next = markBooked(current.request, booked.eventId, booked.joinUrl, at);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
  });
  // Contention is retried (the transaction id returns the same event); a request that moved on
  // meanwhile (withdrawn, cancelled) must not keep a meeting in anyone's calendar.
  if (!written.ok && written.error.code === 'request.busy') throw new Error(`booking of ${request.id} could not be stored yet`);
  if (!written.ok) {
    if (!previous) await scheduling.calendar.cancelMeeting(organizer, booked.eventId, scheduling.eventTexts(request.reference ?? '').cancelComment);
    await scheduling.reservations.release(chosen.date, chosen.caseIndexes, request.id);
    return;
  }
  await afterBooking(deps, written.value);
}

/** Each step can be taken again: jobs have fixed ids and each participant is told once per round. */
async function afterBooking(deps: RoutingDeps, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  await scheduleResponseCheck(deps, request);
  await scheduleInviteReminder(deps, request);
  await scheduleMeetingDay(deps, request);
  await notifyOnce(deps, stored, `booked-${request.id}-g${request.meeting?.generation ?? 0}`, participantsOf(request), (to) => ({ kind: 'meeting_booked', to }));
}

/**
 * Another round of proposals: the chair's move of a booked meeting (the event changes once a new
 * time is chosen) or new times after a cancellation, or anyone's request while nobody has chosen.
 */
function askForProposals(deps: RoutingDeps, from: 'booked' | 'routed' | 'meeting_proposed', step: string) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const { request } = stored;
    const mayAsk = request.ownerId === actor.id || (from === 'meeting_proposed' && request.units.some((u) => u.namedWorkerId === actor.id));
    if (!mayAsk) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'request.not_permitted' });
    }
    const roundTaken = from === 'meeting_proposed' && request.meeting?.chosen !== undefined;
    if (!deps.scheduling || request.status !== from || !request.meeting || roundTaken) return err({ code: 'request.illegal_transition' });
    await deps.effects.enqueue({ kind: 'meeting_needed', requestId }, effectKey(step, stored.request));
    return ok(stored);
  };
}

export const makeRescheduleMeeting = (deps: RoutingDeps) => askForProposals(deps, 'booked', 'reschedule');
export const makeAskNewTimes = (deps: RoutingDeps) => askForProposals(deps, 'routed', 'new-times');
/** Any named worker (or the chair) may ask for another round while nobody has chosen yet. */
export const makeAskOtherProposals = (deps: RoutingDeps) => askForProposals(deps, 'meeting_proposed', 'other-times');

/** The chair cancels: the event is cancelled for everyone and the parts of the slot are freed. */
export function makeCancelMeeting(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    let cancelled: { eventId: string; date: string; caseIndexes: readonly number[] } | undefined;
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.meeting_cancelled',
      decide: ({ request, description }, at) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        const booked = request.meeting?.booked;
        const next = cancelMeeting(request, at);
        if (!next.ok || !booked) return next.ok ? err({ code: 'request.illegal_transition' }) : next;
        cancelled = { eventId: booked.eventId, date: booked.slot.date, caseIndexes: booked.slot.caseIndexes };
        return ok({ request: next.value, description });
      },
    });
    if (decided.ok && cancelled) {
      await deps.effects.enqueue({ kind: 'cancel_event', requestId, ...cancelled }, effectKey('cancel', decided.value.request));
    }
    return decided;
  };
}

/** Cancels the calendar event with a comment that carries only the reference, and tells everyone. */
export async function cancelEvent(
  deps: RoutingDeps,
  scheduling: Scheduling,
  stored: StoredRequest,
  event: { eventId: string; date: string; caseIndexes: readonly number[] },
): Promise<void> {
  const organizer = organizerOf(deps, scheduling, stored.request);
  if (!organizer) return;
  await scheduling.calendar.cancelMeeting(organizer, event.eventId, scheduling.eventTexts(stored.request.reference ?? '').cancelComment);
  await scheduling.reservations.release(event.date, event.caseIndexes, stored.request.id);
  await notifyOnce(deps, stored, `cancelled-${stored.request.id}-${event.eventId}-${event.date}`, participantsOf(stored.request), (to) => ({ kind: 'meeting_cancelled', to }));
}

/** The chair asks for the whole Yhteistyöaika (all its parts) for this case: the proposals are made again. */
export function makeAskWholeSlot(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.meeting_proposed',
      decide: ({ request, description }, at) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        const next = askWholeSlot(request, at);
        return next.ok ? ok({ request: next.value, description }) : next;
      },
    });
    if (decided.ok) await deps.effects.enqueue({ kind: 'meeting_needed', requestId }, effectKey('whole-slot', decided.value.request));
    return decided;
  };
}

/** Attendees answer in their own time: the bot looks at the answers every half hour until the meeting. */
const RESPONSE_CHECK_MS = 30 * 60 * 1000;

async function scheduleResponseCheck(deps: RoutingDeps, request: CollaborationRequest): Promise<void> {
  const start = request.meeting?.booked?.slot.start;
  const now = deps.clock.now().getTime();
  if (!start || Date.parse(start) <= now) return;
  const round = Math.floor(now / RESPONSE_CHECK_MS);
  await deps.effects.enqueue({ kind: 'check_responses', requestId: request.id }, `check-${request.id}-g${request.meeting!.generation}-${round}`, RESPONSE_CHECK_MS);
}

/** A participant who declined is the chair's to hear of, once, with the meeting's card to move it. */
export async function checkResponses(deps: RoutingDeps, scheduling: Scheduling, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  const booked = request.meeting?.booked;
  const organizer = organizerOf(deps, scheduling, request);
  if (request.status !== 'booked' || !booked || !organizer) return;
  const directory = deps.directory.current();
  const byMailbox = new Map(participantsOf(request).flatMap((id) => (directory.person(id)?.email ? [[directory.person(id)!.email!.toLowerCase(), id] as const] : [])));
  const responses = await scheduling.calendar.attendeeResponses(organizer, booked.eventId);
  const declined = responses
    .filter((r) => r.response === 'declined')
    .flatMap((r) => byMailbox.get(r.mailbox.toLowerCase()) ?? [])
    .filter((id) => !(request.meeting?.declined ?? []).includes(id));
  if (declined.length > 0) {
    const recorded = await applyDecision(deps, BOT_ACTOR, request.id, {
      action: 'request.attendee_declined',
      decide: (current, at) => {
        const next = recordDeclines(current.request, declined, at);
        return next.ok ? ok({ ...current, request: next.value }) : next;
      },
    });
    if (recorded.ok) await deps.notifier.notify(recorded.value, { kind: 'attendee_declined', to: request.ownerId, people: declined });
  }
  await scheduleResponseCheck(deps, request);
}
